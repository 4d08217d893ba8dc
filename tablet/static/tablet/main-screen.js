// The tablet's main screen: the store and table at the top, the menu with the cart beside
// it, or this visit's orders; both kept live.
import { announceSetupNeeded, SetupNeeded } from "./api.js";
import { callButton, loadCall, showCall } from "./calls.js";
import { renderCart } from "./cart-view.js";
import { device } from "./device.js";
import { h, replaceChildren } from "./dom.js";
import { EventStream } from "./event-stream.js";
import { _, format } from "./i18n.js";
import { forgetGuestsLanguage, languageButton } from "./languages.js";
import { loadMenu, renderMenu } from "./menu-view.js";
import { toast } from "./notices.js";
import { confirmOrder, resumePendingOrder } from "./ordering.js";
import { clearOrders, loadOrders, removeOrder, renderOrders, upsertOrder } from "./orders-view.js";
import { app, cart, state } from "./state.js";

const MENU_REFRESH_MS = 60000;

let stream = null;
let menuTimer = null;

export function showMain() {
  const { store, table } = device.identity;
  app.dataset.state = "ready";
  replaceChildren(
    app,
    h(
      "header",
      { class: "topbar" },
      h(
        "div",
        { class: "brand" },
        h("strong", {}, store.name),
        h(
          "span",
          { class: "table-badge" },
          format(_("Table %(number)s"), { number: table.number }),
        ),
      ),
      h(
        "nav",
        { class: "views" },
        viewTab("menu", _("Menu")),
        viewTab("orders", _("My orders"), h("span", { class: "count", id: "orders-count" })),
      ),
      h("span", { id: "live", class: "live", dataset: { state: "connecting" } }),
      callButton(),
      languageButton(),
    ),
    h(
      "div",
      { class: "body" },
      h("nav", { class: "categories", id: "categories", "aria-label": _("Categories") }),
      h(
        "main",
        { class: "content" },
        h("section", { id: "menu", class: "menu" }),
        h("section", { id: "orders", class: "orders", hidden: true }),
      ),
      h("aside", { class: "cart", id: "cart", "aria-label": _("Cart") }),
    ),
    h("div", { id: "toast", class: "toast", role: "status", "aria-live": "polite", hidden: true }),
  );
  cart.onChange = showCart;
  renderMenu();
  showCart();
  renderOrders();
  switchView(state.view);
  startLiveUpdates();
  clearInterval(menuTimer);
  menuTimer = setInterval(refreshMenu, MENU_REFRESH_MS); // sold-out changes, 304 mostly
  resumePendingOrder({ onPlaced: () => switchView("menu") });
}

export function stopMain() {
  stream?.stop();
  clearInterval(menuTimer);
}

function viewTab(view, label, ...extra) {
  return h(
    "button",
    { class: "view-tab", dataset: { view }, onClick: () => switchView(view) },
    label,
    ...extra,
  );
}

function switchView(view) {
  state.view = view;
  for (const tab of app.querySelectorAll(".view-tab")) {
    tab.setAttribute("aria-pressed", String(tab.dataset.view === view));
  }
  app.querySelector(".body").classList.toggle("view-orders", view === "orders");
  app.querySelector("#menu").hidden = view !== "menu";
  app.querySelector("#categories").hidden = view !== "menu";
  app.querySelector("#orders").hidden = view !== "orders";
  if (view === "orders") loadOrders().then(renderOrders).catch(ignore);
}

function showCart() {
  renderCart({
    onOrder: () => confirmOrder({ onPlaced: () => switchView("menu"), onSoldOut: refreshMenu }),
  });
}

// The menu read again: what left the menu leaves the cart, what sold out is marked in it.
async function refreshMenu() {
  const soldOutBefore = cart.soldOut(state.itemsById).length;
  try {
    if (!(await loadMenu())) return;
  } catch (error) {
    if (error instanceof SetupNeeded) announceSetupNeeded();
    return;
  }
  const dropped = cart.prune(state.itemsById);
  renderMenu();
  showCart();
  if (dropped) toast(_("Something in your cart is no longer on the menu; it was taken out."));
  else if (cart.soldOut(state.itemsById).length > soldOutBefore) {
    toast(_("Something in your cart just sold out."));
  }
}

function startLiveUpdates() {
  stream?.stop();
  const live = app.querySelector("#live");
  stream = new EventStream({
    silenceMs: 2 * 1000 * Number(app.dataset.keepAliveSeconds),
    onStatus(status) {
      live.dataset.state = status;
      live.textContent = status === "lost" ? _("Reconnecting…") : "";
    },
    onOpen: () => {
      loadOrders().then(renderOrders).catch(ignore);
      loadCall().catch(ignore);
      refreshMenu();
    },
    onEvent(type, data) {
      if (type === "order_updated") upsertOrder(data);
      else if (type === "order_deleted") {
        removeOrder(data.id);
        toast(format(_("Order #%(number)s was cancelled by the staff."), { number: data.number }));
      } else if (type === "table_reset") nextGuests();
      else if (type === "menu_changed") refreshMenu();
      else if (type === "staff_call" || type === "staff_call_updated") showCall(data);
    },
  });
  stream.start();
}

// The manager completed the table: the next guests start with an empty cart, on the menu,
// in the tablet's own language.
function nextGuests() {
  clearOrders();
  cart.clear();
  if (forgetGuestsLanguage()) return;
  for (const dialog of app.querySelectorAll("dialog[open]")) dialog.close();
  state.category = state.menu[0]?.id ?? null;
  renderMenu();
  switchView("menu");
}

// A failed background refresh changes nothing on screen; the next one tries again.
function ignore() {}
