// The guests' ordering page. Set up once with store code, table number and password; from
// then on it logs itself in. Menu by category, a cart kept on the tablet, orders that are
// never placed twice (one Idempotency-Key per order, kept across retries and reloads), and
// this visit's orders updated live.
import { api, ApiError, login, newIdempotencyKey, SetupNeeded } from "./api.js";
import { Cart } from "./cart.js";
import { device } from "./device.js";
import { h, replaceChildren } from "./dom.js";
import { EventStream } from "./event-stream.js";
import { _, format, money, ngettext } from "./i18n.js";

const MENU_REFRESH_MS = 60000;
const CONFIRMATION_MS = 4000;
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

const app = document.getElementById("app");
const state = {
  menu: [],
  itemsById: new Map(),
  etag: null,
  category: null,
  orders: [],
  view: "menu",
  stream: null,
};
const cart = new Cart(() => renderCart());

const STATUS_LABELS = {
  pending: () => _("Received"),
  preparing: () => _("Preparing"),
  completed: () => _("Served"),
};

// --- Start: set up, or log in with what the tablet remembers -----------------------------

async function start() {
  if (!device.setup) return showSetup();
  try {
    await Promise.all([loadMenu(), loadOrders()]);
  } catch (error) {
    if (error instanceof SetupNeeded) return showSetup(_("This table's password was changed. Please set up the tablet again."));
    return showFailure(error);
  }
  showMain();
  resumePendingOrder();
}

function showSetup(message = "") {
  state.stream?.stop();
  const remembered = device.setup ?? {};
  device.setup = null;
  const error = h("p", { class: "form-error", role: "alert", hidden: !message }, message);
  const field = (label, input) => h("label", { class: "field" }, h("span", {}, label), input);
  const store = h("input", { name: "store", required: true, autocomplete: "off", autocapitalize: "none", value: remembered.store ?? "" });
  const table = h("input", { name: "table", type: "number", min: "1", max: "999", required: true, inputmode: "numeric", value: remembered.tableNumber ?? "" });
  const password = h("input", { name: "password", type: "password", required: true, autocomplete: "current-password" });
  const submit = h("button", { type: "submit", class: "button primary wide" }, _("Start"));
  const form = h(
    "form",
    { class: "setup-card", onSubmit: (event) => submitSetup(event) },
    h("h1", {}, "Table Order"),
    h("p", { class: "muted" }, _("Set up this tablet for its table. It stays signed in from then on.")),
    error,
    field(_("Store code"), store),
    field(_("Table number"), table),
    field(_("Table password"), password),
    submit,
  );

  async function submitSetup(event) {
    event.preventDefault();
    const setup = { store: store.value.trim(), tableNumber: Number(table.value), password: password.value };
    submit.disabled = true;
    error.hidden = true;
    try {
      await login(setup);
      device.setup = setup;
      cart.clear();
      await start();
    } catch (failure) {
      error.hidden = false;
      error.textContent = describeFailure(failure, {
        401: _("The store code, table number or password is not right."),
      });
    } finally {
      submit.disabled = false;
    }
  }

  app.dataset.state = "setup";
  replaceChildren(app, h("main", { class: "setup" }, form));
  (remembered.store ? password : store).focus();
}

function showFailure(error) {
  app.dataset.state = "failed";
  replaceChildren(
    app,
    h(
      "main",
      { class: "setup" },
      h(
        "div",
        { class: "setup-card" },
        h("h1", {}, _("Something went wrong")),
        h("p", {}, describeFailure(error)),
        h("button", { class: "button primary wide", onClick: () => start() }, _("Try again")),
      ),
    ),
  );
}

function describeFailure(error, messages = {}) {
  if (error instanceof ApiError) {
    if (messages[error.status]) return messages[error.status];
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
      const text = ngettext("Too many attempts. Try again in %(count)s minute.", "Too many attempts. Try again in %(count)s minutes.", minutes);
      return format(text, { count: minutes });
    }
    return error.message;
  }
  return _("The network is not answering. Check the connection and try again.");
}

// --- The menu --------------------------------------------------------------------------------

async function loadMenu() {
  const { status, body, headers } = await api("GET", "/api/v1/menu/", {
    headers: state.etag ? { "If-None-Match": state.etag } : {},
  });
  if (status === 304) return false;
  state.etag = headers.get("ETag");
  state.menu = body.categories;
  state.itemsById = new Map(body.categories.flatMap((category) => category.menu_items).map((item) => [item.id, item]));
  if (!state.menu.some((category) => category.id === state.category)) state.category = state.menu[0]?.id ?? null;
  return true;
}

async function refreshMenu() {
  try {
    if (await loadMenu()) {
      const dropped = cart.prune(state.itemsById);
      renderMenu();
      renderCart();
      if (dropped) toast(_("Something in your cart just sold out; it was taken out."));
    }
  } catch (error) {
    if (error instanceof SetupNeeded) showSetup(_("This table's password was changed. Please set up the tablet again."));
  }
}

// --- The main screen -------------------------------------------------------------------------

function showMain() {
  const session = device.session;
  app.dataset.state = "ready";
  replaceChildren(
    app,
    h(
      "header",
      { class: "topbar" },
      h("div", { class: "brand" }, h("strong", {}, session.store.name), h("span", { class: "table-badge" }, format(_("Table %(number)s"), { number: session.table.number }))),
      h(
        "nav",
        { class: "views" },
        h("button", { class: "view-tab", dataset: { view: "menu" }, onClick: () => switchView("menu") }, _("Menu")),
        h("button", { class: "view-tab", dataset: { view: "orders" }, onClick: () => switchView("orders") }, _("My orders"), h("span", { class: "count", id: "orders-count" })),
      ),
      h("span", { id: "live", class: "live", dataset: { state: "connecting" } }),
    ),
    h(
      "div",
      { class: "body" },
      h("nav", { class: "categories", id: "categories", "aria-label": _("Categories") }),
      h("main", { class: "content" }, h("section", { id: "menu", class: "menu" }), h("section", { id: "orders", class: "orders", hidden: true })),
      h("aside", { class: "cart", id: "cart", "aria-label": _("Cart") }),
    ),
    h("div", { id: "toast", class: "toast", role: "status", "aria-live": "polite", hidden: true }),
  );
  renderMenu();
  renderCart();
  renderOrders();
  switchView(state.view);
  startLiveUpdates();
  state.menuTimer ??= setInterval(refreshMenu, MENU_REFRESH_MS); // sold-out changes, 304 mostly
}

function switchView(view) {
  state.view = view;
  for (const tab of app.querySelectorAll(".view-tab")) tab.setAttribute("aria-pressed", String(tab.dataset.view === view));
  app.querySelector(".body").classList.toggle("view-orders", view === "orders");
  app.querySelector("#menu").hidden = view !== "menu";
  app.querySelector("#categories").hidden = view !== "menu";
  app.querySelector("#orders").hidden = view !== "orders";
  if (view === "orders") loadOrders().then(renderOrders).catch(() => {});
}

function renderMenu() {
  const categories = app.querySelector("#categories");
  const menu = app.querySelector("#menu");
  if (!categories || !menu) return;
  replaceChildren(
    categories,
    state.menu.map((category) =>
      h(
        "button",
        {
          class: "category",
          "aria-pressed": String(category.id === state.category),
          onClick: () => {
            state.category = category.id;
            renderMenu();
          },
        },
        category.name,
      ),
    ),
  );
  const category = state.menu.find((each) => each.id === state.category);
  if (!category) {
    replaceChildren(menu, h("p", { class: "empty" }, _("The menu is empty for now.")));
    return;
  }
  replaceChildren(
    menu,
    h("h2", { class: "category-title" }, category.name),
    h("ul", { class: "items" }, category.menu_items.map(itemCard)),
  );
  renderQuantities();
}

function itemCard(item) {
  const soldOut = !item.is_available;
  return h(
    "li",
    { class: `item${soldOut ? " sold-out" : ""}`, dataset: { menuId: item.id } },
    item.image_url ? h("img", { class: "photo", src: item.image_url, alt: "", loading: "lazy" }) : h("div", { class: "photo placeholder" }),
    soldOut ? h("span", { class: "sold-out-badge" }, _("Sold out")) : null,
    h("span", { class: "in-cart", hidden: true }),
    h(
      "div",
      { class: "item-text" },
      h("h3", { class: "item-name" }, item.name),
      item.description ? h("p", { class: "item-description" }, item.description) : null,
    ),
    h(
      "div",
      { class: "item-foot" },
      h("span", { class: "price" }, money(item.price)),
      h(
        "button",
        {
          class: "button primary add",
          disabled: soldOut,
          "aria-label": format(_("Add %(name)s"), { name: item.name }),
          onClick: () => cart.add(item.id),
        },
        soldOut ? _("Sold out") : _("Add"),
      ),
    ),
  );
}

function renderQuantities() {
  for (const card of app.querySelectorAll(".item")) {
    const quantity = cart.quantity(Number(card.dataset.menuId));
    const badge = card.querySelector(".in-cart");
    badge.hidden = quantity === 0;
    badge.textContent = quantity ? `${quantity}` : "";
  }
}

// --- The cart --------------------------------------------------------------------------------

function renderCart() {
  const panel = app.querySelector("#cart");
  if (!panel) return;
  renderQuantities();
  const lines = cart.entries(state.itemsById);
  const total = cart.total(state.itemsById);
  replaceChildren(
    panel,
    h(
      "div",
      { class: "cart-head" },
      h("h2", {}, _("Your order")),
      lines.length ? h("button", { class: "button quiet small", onClick: () => cart.clear() }, _("Clear")) : null,
    ),
    lines.length
      ? h(
          "ul",
          { class: "cart-lines" },
          lines.map(({ item, quantity }) =>
            h(
              "li",
              { class: "cart-line", dataset: { menuId: item.id } },
              h("span", { class: "line-name" }, item.name),
              h(
                "span",
                { class: "stepper" },
                h("button", { class: "step", "aria-label": format(_("One less %(name)s"), { name: item.name }), onClick: () => cart.set(item.id, quantity - 1) }, "−"),
                h("span", { class: "quantity" }, String(quantity)),
                h("button", { class: "step", "aria-label": format(_("One more %(name)s"), { name: item.name }), disabled: quantity >= 99, onClick: () => cart.set(item.id, quantity + 1) }, "+"),
              ),
              h("span", { class: "line-total" }, money(item.price * quantity)),
              h("button", { class: "remove", "aria-label": format(_("Remove %(name)s"), { name: item.name }), onClick: () => cart.set(item.id, 0) }, "×"),
            ),
          ),
        )
      : h("p", { class: "empty" }, _("Tap a dish to add it.")),
    h(
      "div",
      { class: "cart-foot" },
      h("div", { class: "total" }, h("span", {}, _("Total")), h("strong", { id: "cart-total" }, money(total))),
      h("button", { class: "button primary wide order-button", disabled: !lines.length, onClick: () => confirmOrder() }, _("Order")),
    ),
  );
}

// --- Ordering: confirm, place (retrying with one key), show the number -------------------

function confirmOrder() {
  const lines = cart.entries(state.itemsById);
  if (!lines.length) return;
  const dialog = h(
    "dialog",
    { class: "sheet", id: "confirm" },
    h("h2", {}, _("Place this order?")),
    h("ul", { class: "confirm-lines" }, lines.map(({ item, quantity }) => h("li", {}, h("span", {}, `${quantity} × ${item.name}`), h("span", {}, money(item.price * quantity))))),
    h("div", { class: "total" }, h("span", {}, _("Total")), h("strong", {}, money(cart.total(state.itemsById)))),
    h(
      "div",
      { class: "sheet-buttons" },
      h("button", { class: "button quiet", onClick: () => dialog.close() }, _("Back")),
      h("button", { class: "button primary place", onClick: () => placeOrder(dialog) }, _("Place order")),
    ),
  );
  dialog.addEventListener("close", () => dialog.remove());
  app.append(dialog);
  dialog.showModal();
}

async function placeOrder(dialog) {
  const place = dialog.querySelector(".place");
  if (place.disabled) return; // a second tap while the first is on its way
  place.disabled = true;
  place.textContent = _("Sending…");
  const items = cart.entries(state.itemsById).map(({ item, quantity }) => ({ menu_id: item.id, quantity }));
  device.pendingOrder = { key: newIdempotencyKey(), items };
  try {
    const order = await sendPendingOrder((attempt) => {
      place.textContent = format(_("Connection trouble, retrying (%(attempt)s)…"), { attempt });
    });
    dialog.close();
    orderPlaced(order);
  } catch (error) {
    dialog.close();
    if (error instanceof ApiError && error.code === "MENU_UNAVAILABLE") {
      await refreshMenu();
      toast(_("Something in your order just sold out. Please check your cart."));
    } else if (error instanceof SetupNeeded) {
      showSetup(_("This table's password was changed. Please set up the tablet again."));
    } else {
      toast(describeFailure(error));
    }
  }
}

// The order in flight, sent until the server answers; the same key every time, so however
// often it is sent, it is placed once. Kept on the tablet: a reload sends it again too.
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

async function resumePendingOrder() {
  if (!device.pendingOrder) return;
  try {
    orderPlaced(await sendPendingOrder());
  } catch (error) {
    toast(describeFailure(error));
  }
}

function orderPlaced(order) {
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
    switchView("menu");
  }, CONFIRMATION_MS);
}

// --- This visit's orders, live ---------------------------------------------------------------

async function loadOrders() {
  const { body } = await api("GET", "/api/v1/orders/");
  state.orders = body;
}

function upsertOrder(order) {
  state.orders = [order, ...state.orders.filter((each) => each.id !== order.id)].sort((a, b) => b.number - a.number);
  renderOrders();
}

function renderOrders() {
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
          h(
            "ol",
            { class: "order-list" },
            state.orders.map((order) =>
              h(
                "li",
                { class: `order status-${order.status}`, dataset: { orderId: order.id } },
                h(
                  "div",
                  { class: "order-head" },
                  h("strong", {}, format(_("Order #%(number)s"), { number: order.number })),
                  h("span", { class: `status status-${order.status}` }, STATUS_LABELS[order.status]()),
                ),
                h("ul", {}, order.items.map((line) => h("li", {}, h("span", {}, `${line.quantity} × ${line.name}`), h("span", {}, money(line.subtotal))))),
              ),
            ),
          ),
          h("div", { class: "total" }, h("span", {}, _("Visit total")), h("strong", {}, money(visitTotal))),
        ]
      : h("p", { class: "empty" }, _("No orders yet in this visit.")),
  );
}

function startLiveUpdates() {
  state.stream?.stop();
  const live = app.querySelector("#live");
  state.stream = new EventStream({
    onStatus(status) {
      live.dataset.state = status;
      live.textContent = status === "lost" ? _("Reconnecting…") : "";
    },
    onReconnect: () => loadOrders().then(renderOrders).catch(() => {}),
    onSetupNeeded: () => showSetup(_("This table's password was changed. Please set up the tablet again.")),
    onEvent(type, data) {
      if (type === "order_updated") {
        upsertOrder(data);
      } else if (type === "order_deleted") {
        state.orders = state.orders.filter((order) => order.id !== data.id);
        renderOrders();
      } else if (type === "table_reset") {
        state.orders = [];
        renderOrders();
      }
    },
  });
  state.stream.start();
}

let toastTimer = null;
function toast(message) {
  const element = app.querySelector("#toast");
  if (!element) return;
  element.textContent = message;
  element.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    element.hidden = true;
  }, 5000);
}

start();
