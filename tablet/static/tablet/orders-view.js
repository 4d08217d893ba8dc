// This visit's orders and their statuses, newest first, as the tablet's second view.
import { api } from "./api.js";
import { h, replaceChildren } from "./dom.js";
import { _, format, money } from "./i18n.js";
import { lineDetails } from "./line-details.js";
import { app, state } from "./state.js";

const STATUS_LABELS = {
  pending: () => _("Received"),
  preparing: () => _("Preparing"),
  completed: () => _("Served"),
};

export async function loadOrders() {
  const { body } = await api("GET", "/api/v1/orders/");
  state.orders = body;
}

export function upsertOrder(order) {
  const others = state.orders.filter((each) => each.id !== order.id);
  state.orders = [order, ...others].sort((a, b) => b.number - a.number);
  renderOrders();
}

export function removeOrder(orderId) {
  state.orders = state.orders.filter((order) => order.id !== orderId);
  renderOrders();
}

export function clearOrders() {
  state.orders = [];
  renderOrders();
}

export function renderOrders() {
  const section = app.querySelector("#orders");
  if (!section) return;
  const count = app.querySelector("#orders-count");
  count.textContent = state.orders.length ? String(state.orders.length) : "";
  const visitTotal = state.orders.reduce((sum, order) => sum + order.total_amount, 0);
  replaceChildren(
    section,
    h("h2", {}, _("This visit's orders")),
    state.orders.length
      ? [
          h("ol", { class: "order-list" }, state.orders.map(orderCard)),
          h(
            "div",
            { class: "total" },
            h("span", {}, _("Visit total")),
            h("strong", {}, money(visitTotal)),
          ),
        ]
      : h("p", { class: "empty" }, _("No orders yet in this visit.")),
  );
}

function orderCard(order) {
  return h(
    "li",
    { class: `order status-${order.status}`, dataset: { orderId: order.id } },
    h(
      "div",
      { class: "order-head" },
      h("strong", {}, format(_("Order #%(number)s"), { number: order.number })),
      h("span", { class: `status status-${order.status}` }, STATUS_LABELS[order.status]()),
    ),
    h(
      "ul",
      {},
      order.items.map((line) =>
        h(
          "li",
          {},
          h("span", {}, `${line.quantity} × ${dishName(line)}`),
          h("span", {}, money(line.subtotal)),
          lineDetails(
            line.options.map((option) => choiceName(line, option)),
            line.note,
          ),
        ),
      ),
    ),
    order.note ? h("p", { class: "line-note" }, order.note) : null,
  );
}

// Names as the guest reads the menu, in their language; the order's own (the store's
// language, as the kitchen reads them) once a dish or a choice is off the menu.
function dishName(line) {
  return state.itemsById.get(line.menu_id)?.name ?? line.name;
}

function choiceName(line, option) {
  const groups = state.itemsById.get(line.menu_id)?.option_groups ?? [];
  const choices = groups.flatMap((group) => group.choices);
  return choices.find((choice) => choice.id === option.option_id)?.name ?? option.name;
}
