// The cart beside the menu: its lines with steppers, the total, and the order button. A
// line whose dish sold out meanwhile is marked, and keeps the order button off until the
// guest takes it out.
import { h, keepingFocus, replaceChildren } from "./dom.js";
import { _, format, money } from "./i18n.js";
import { renderQuantities } from "./menu-view.js";
import { toast } from "./notices.js";
import { app, cart, state } from "./state.js";

export function renderCart({ onOrder }) {
  const panel = app.querySelector("#cart");
  if (!panel) return;
  keepingFocus(() => drawCart(panel, onOrder));
}

function clearWithUndo() {
  const lines = { ...cart.lines };
  cart.clear();
  toast(_("The cart is empty."), { label: _("Undo"), run: () => cart.restore(lines) });
}

function drawCart(panel, onOrder) {
  renderQuantities();
  const lines = cart.entries(state.itemsById);
  const soldOut = cart.soldOut(state.itemsById).length > 0;
  replaceChildren(
    panel,
    h(
      "div",
      { class: "cart-head" },
      h("h2", {}, _("Your order")),
      lines.length
        ? h("button", { class: "button quiet small", onClick: clearWithUndo }, _("Clear"))
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
      soldOut
        ? h("p", { class: "cart-note", role: "status" }, _("Take out what sold out to order."))
        : null,
      h(
        "button",
        {
          class: "button primary wide order-button",
          disabled: !lines.length || soldOut,
          onClick: onOrder,
        },
        _("Order"),
      ),
    ),
  );
}

function cartLine({ item, quantity, available }) {
  const label = (text) => format(text, { name: item.name });
  return h(
    "li",
    { class: `cart-line${available ? "" : " sold-out"}`, dataset: { menuId: item.id } },
    h(
      "span",
      { class: "line-name" },
      item.name,
      available ? null : h("span", { class: "sold-out-badge" }, _("Sold out")),
    ),
    h(
      "span",
      { class: "stepper" },
      h(
        "button",
        {
          class: "step",
          "aria-label": label(_("One less %(name)s")),
          dataset: { focusKey: `less-${item.id}` },
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
          dataset: { focusKey: `more-${item.id}` },
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
