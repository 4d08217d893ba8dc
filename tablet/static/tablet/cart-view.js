// The cart beside the menu: its lines with steppers, the total, and the order button. A
// line whose dish sold out meanwhile is marked, and keeps the order button off until the
// guest takes it out.
import { h, keepingFocus, replaceChildren } from "./dom.js";
import { _, format, money } from "./i18n.js";
import { lineDetails } from "./line-details.js";
import { renderQuantities } from "./menu-view.js";
import { toast } from "./notices.js";
import { app, cart, state } from "./state.js";

export function renderCart({ onOrder }) {
  const panel = app.querySelector("#cart");
  if (!panel) return;
  keepingFocus(() => drawCart(panel, onOrder));
}

function clearWithUndo() {
  const lines = cart.lines.map((line) => ({ ...line }));
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
        ? h(
            "p",
            { class: "cart-note", role: "status" },
            _("Take out what sold out or changed to order."),
          )
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

const PROBLEMS = { "sold-out": () => _("Sold out"), changed: () => _("Changed") };

function cartLine({ key, item, choices, note, quantity, unitPrice, problem }) {
  const label = (text) => format(text, { name: item.name });
  return h(
    "li",
    { class: `cart-line${problem ? " sold-out" : ""}`, dataset: { menuId: item.id } },
    h(
      "span",
      { class: "line-name" },
      item.name,
      problem ? h("span", { class: "sold-out-badge" }, PROBLEMS[problem]()) : null,
      lineDetails(
        choices.map((choice) => choice.name),
        note,
      ),
    ),
    h(
      "span",
      { class: "stepper" },
      h(
        "button",
        {
          class: "step",
          "aria-label": label(_("One less %(name)s")),
          dataset: { focusKey: `less-${key}` },
          onClick: () => cart.set(key, quantity - 1),
        },
        "−",
      ),
      h("span", { class: "quantity" }, String(quantity)),
      h(
        "button",
        {
          class: "step",
          "aria-label": label(_("One more %(name)s")),
          dataset: { focusKey: `more-${key}` },
          disabled: quantity >= cart.maxQuantity,
          onClick: () => cart.set(key, quantity + 1),
        },
        "+",
      ),
    ),
    h("span", { class: "line-total" }, money(unitPrice * quantity)),
    h(
      "button",
      {
        class: "remove",
        "aria-label": label(_("Remove %(name)s")),
        onClick: () => cart.set(key, 0),
      },
      "×",
    ),
  );
}
