// Placing an order: confirm it, send it until the server answers (one Idempotency-Key across
// every retry and reload, so it is placed once), then show its number.
import { ApiError, announceSetupNeeded, api, newIdempotencyKey, SetupNeeded } from "./api.js";
import { device } from "./device.js";
import { h } from "./dom.js";
import { _, format, money } from "./i18n.js";
import { lineDetails } from "./line-details.js";
import { describeFailure, toast } from "./notices.js";
import { upsertOrder } from "./orders-view.js";
import { app, cart, state } from "./state.js";

const CONFIRMATION_MS = 4000;
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

// Asks first; ``onPlaced`` runs once the number has been shown, ``onSoldOut`` when something
// in the order sold out meanwhile.
export function confirmOrder({ onPlaced, onSoldOut }) {
  const lines = cart.orderable(state.itemsById);
  if (!lines.length) return;
  const dialog = h(
    "dialog",
    { class: "sheet", id: "confirm" },
    h("h2", {}, _("Place this order?")),
    h(
      "ul",
      { class: "confirm-lines" },
      lines.map(({ item, quantity, choices, note, unitPrice }) =>
        h(
          "li",
          {},
          h("span", {}, `${quantity} × ${item.name}`),
          h("span", {}, money(unitPrice * quantity)),
          lineDetails(
            choices.map((choice) => choice.name),
            note,
          ),
        ),
      ),
    ),
    h(
      "div",
      { class: "total" },
      h("span", {}, _("Total")),
      h("strong", {}, money(cart.total(state.itemsById))),
    ),
    h(
      "div",
      { class: "sheet-buttons" },
      h("button", { class: "button quiet", onClick: () => dialog.close() }, _("Back")),
      h(
        "button",
        {
          class: "button primary place",
          onClick: () => placeOrder(dialog, { onPlaced, onSoldOut }),
        },
        _("Place order"),
      ),
    ),
  );
  dialog.addEventListener("close", () => dialog.remove());
  app.append(dialog);
  dialog.showModal();
}

// An order a reload interrupted is sent again, with its key: placed once all the same.
export async function resumePendingOrder({ onPlaced }) {
  if (!device.pendingOrder) return;
  try {
    showPlaced(await sendPendingOrder(), onPlaced);
  } catch (error) {
    toast(describeFailure(error));
  }
}

async function placeOrder(dialog, { onPlaced, onSoldOut }) {
  const place = dialog.querySelector(".place");
  if (place.disabled) return; // a second tap while the first is on its way
  place.disabled = true;
  place.textContent = _("Sending…");
  // A line without options or note is sent as v1 sends it.
  const items = cart.orderable(state.itemsById).map(({ item, quantity, optionIds, note }) => ({
    menu_id: item.id,
    quantity,
    ...(optionIds.length ? { option_ids: optionIds } : {}),
    ...(note ? { note } : {}),
  }));
  device.pendingOrder = { key: newIdempotencyKey(), items };
  try {
    const order = await sendPendingOrder((attempt) => {
      place.textContent = format(_("Connection trouble, retrying (%(attempt)s)…"), { attempt });
    });
    dialog.close();
    showPlaced(order, onPlaced);
  } catch (error) {
    dialog.close();
    if (error instanceof ApiError && error.code === "MENU_UNAVAILABLE") {
      await onSoldOut();
      toast(_("Something in your order just sold out. Please check your cart."));
    } else if (error instanceof SetupNeeded) {
      announceSetupNeeded();
    } else {
      toast(describeFailure(error));
    }
  }
}

// The order in flight, sent until the server answers; the same key every time.
async function sendPendingOrder(onRetry = () => {}) {
  const pending = device.pendingOrder;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const { body } = await api("POST", "/api/v1/orders/", {
        body: { items: pending.items },
        headers: { "Idempotency-Key": pending.key },
      });
      device.pendingOrder = null;
      return body;
    } catch (error) {
      const retryable = !(error instanceof ApiError) || error.status >= 500;
      if (!retryable || attempt >= RETRY_DELAYS_MS.length) {
        if (!retryable) device.pendingOrder = null;
        throw error;
      }
      onRetry(attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
    }
  }
}

function showPlaced(order, onPlaced) {
  cart.clear();
  upsertOrder(order);
  const overlay = h(
    "div",
    { class: "placed", role: "alertdialog", "aria-label": _("Order placed") },
    h("p", {}, _("Thank you! Your order number is")),
    h("p", { class: "placed-number", id: "placed-number" }, String(order.number)),
    h("p", { class: "muted" }, format(_("Total %(total)s"), { total: money(order.total_amount) })),
  );
  app.append(overlay);
  setTimeout(() => {
    overlay.remove();
    onPlaced();
  }, CONFIRMATION_MS);
}
