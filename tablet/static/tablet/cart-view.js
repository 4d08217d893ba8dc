// The cart beside the menu: its lines with steppers, the total, and the order button.
import { h, replaceChildren } from "./dom.js";
import { _, format, money } from "./i18n.js";
import { renderQuantities } from "./menu-view.js";
import { app, cart, state } from "./state.js";

export function renderCart({ onOrder }) {
  const panel = app.querySelector("#cart");
  if (!panel) return;
  renderQuantities();
  const lines = cart.entries(state.itemsById);
  replaceChildren(
    panel,
    h(
      "div",
      { class: "cart-head" },
      h("h2", {}, _("Your order")),
      lines.length
        ? h("button", { class: "button quiet small", onClick: () => cart.clear() }, _("Clear"))
        : null,
    ),
    lines.length
      ? h("ul", { class: "cart-lines" }, lines.map(cartLine))
      : h("p", { class: "empty" }, _("Tap a dish to add it.")),
    h(
      "div",
      { class: "cart-foot" },
      h(
        "div",
        { class: "total" },
        h("span", {}, _("Total")),
        h("strong", { id: "cart-total" }, money(cart.total(state.itemsById))),
      ),
      h(
        "button",
        { class: "button primary wide order-button", disabled: !lines.length, onClick: onOrder },
        _("Order"),
      ),
    ),
  );
}

function cartLine({ item, quantity }) {
  const label = (text) => format(text, { name: item.name });
  return h(
    "li",
    { class: "cart-line", dataset: { menuId: item.id } },
    h("span", { class: "line-name" }, item.name),
    h(
      "span",
      { class: "stepper" },
      h(
        "button",
        {
          class: "step",
          "aria-label": label(_("One less %(name)s")),
          onClick: () => cart.set(item.id, quantity - 1),
        },
        "−",
      ),
      h("span", { class: "quantity" }, String(quantity)),
      h(
        "button",
        {
          class: "step",
          "aria-label": label(_("One more %(name)s")),
          disabled: quantity >= cart.maxQuantity,
          onClick: () => cart.set(item.id, quantity + 1),
        },
        "+",
      ),
    ),
    h("span", { class: "line-total" }, money(item.price * quantity)),
    h(
      "button",
      {
        class: "remove",
        "aria-label": label(_("Remove %(name)s")),
        onClick: () => cart.set(item.id, 0),
      },
      "×",
    ),
  );
}
