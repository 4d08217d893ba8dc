// The live floor: the store's events from /api/v1/events/ (EventSource sends the session
// cookie), and the server-rendered fragments they touch fetched again. Reconnects on its own;
// after a reconnect it renders everything anew, so nothing missed stays missing.

import { Chime } from "./chime.js";
import { UnseenOrders } from "./unseen-orders.js";

const EVENTS_URL = "/api/v1/events/";
const EVENT_TYPES = ["new_order", "order_updated", "order_deleted", "table_reset"];
const MAX_RETRY_MS = 30000;

export function startLiveFloor(root) {
  const unseen = new UnseenOrders(root.dataset.storeId);
  const view =
    root.dataset.liveView === "visit" ? visitView(root, unseen) : dashboardView(root, unseen);
  const status = connectionStatus(document.getElementById("live-status"));
  const chime = new Chime(document.getElementById("sound-toggle"));
  let everOpened = false;
  let retryMs = 1000;

  view.render();

  // A stream that says nothing, not even its keep-alive, for twice the keep-alive interval is
  // lost, whatever the browser thinks: a server that went away without closing it.
  const silenceMs = 2 * 1000 * Number(root.dataset.keepAliveSeconds);
  let source = null;
  let watchdog = null;

  function heard() {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      source.close();
      lost();
    }, silenceMs);
  }

  function lost() {
    clearTimeout(watchdog);
    status.show("lost");
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    view.refreshAll();
  }

  function connect() {
    source = new EventSource(EVENTS_URL);
    heard();
    source.addEventListener("open", () => {
      heard();
      status.show("live");
      retryMs = 1000;
      if (everOpened) view.refreshAll(); // catch up on whatever the gap held
      everOpened = true;
    });
    source.addEventListener("error", () => {
      status.show("lost");
      // The browser gave up (the server refused or went away): start a new stream.
      if (source.readyState === EventSource.CLOSED) lost();
    });
    source.addEventListener("keep-alive", heard);
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        heard();
        const data = JSON.parse(event.data);
        if (type === "new_order") {
          unseen.add(data.id, data.table.id);
          chime.play();
        } else if (type === "order_deleted") {
          unseen.remove(data.id);
        }
        view.onEvent(type, data);
      });
    }
  }
  connect();
}

function dashboardView(root, unseen) {
  const tableFilter = root.dataset.tableFilter;
  const refreshGrid = coalesced(async () => {
    const html = await fetchFragment(root.dataset.gridUrl);
    if (html !== null) root.querySelector("#table-grid").outerHTML = html;
    highlight();
  });
  const cardRefreshers = new Map();

  function refreshCard(tableId) {
    if (!cardRefreshers.has(tableId)) {
      cardRefreshers.set(
        tableId,
        coalesced(async () => {
          const url = root.dataset.cardUrl.replace("/0/", `/${tableId}/`);
          const html = await fetchFragment(url);
          const card = root.querySelector(`#table-${tableId}`);
          if (html === null) {
            card?.remove(); // the table is gone
          } else if (card) {
            card.outerHTML = html;
          } else {
            return refreshGrid(); // a table this page has not shown yet
          }
          highlight();
        }),
      );
    }
    return cardRefreshers.get(tableId)();
  }

  function highlight() {
    for (const card of root.querySelectorAll(".table-card")) {
      card.classList.toggle("has-new", unseen.anyAt(Number(card.dataset.tableId)));
    }
    for (const line of root.querySelectorAll("[data-order-id]")) {
      line.classList.toggle("is-new", unseen.has(Number(line.dataset.orderId)));
    }
  }

  return {
    render: highlight,
    refreshAll: refreshGrid,
    onEvent(_type, data) {
      const table = data.table;
      if (tableFilter && String(table.number) !== tableFilter) return;
      refreshCard(table.id);
    },
  };
}

function visitView(root, unseen) {
  const tableId = Number(root.dataset.tableId);
  function markShownSeen() {
    for (const order of root.querySelectorAll("[data-order-id]")) {
      unseen.remove(Number(order.dataset.orderId));
    }
  }
  const refresh = coalesced(async () => {
    const html = await fetchFragment(root.dataset.ordersUrl);
    if (html !== null) root.querySelector("#visit-orders").outerHTML = html;
    markShownSeen();
  });
  return {
    render: markShownSeen,
    refreshAll: refresh,
    onEvent(_type, data) {
      if (data.table.id === tableId) refresh();
    },
  };
}

// One run at a time; calls made meanwhile make one more run afterwards, never several.
function coalesced(task) {
  let running = null;
  let again = false;
  return function run() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await task();
        } catch (error) {
          console.warn("refresh failed", error);
        }
      } while (again);
      running = null;
    })();
    return running;
  };
}

// The fragment's HTML; null when it is gone (404). Signed out: to the login page.
async function fetchFragment(url) {
  const response = await fetch(url, {
    credentials: "same-origin",
    headers: { Accept: "text/html" },
  });
  if (response.redirected && new URL(response.url).pathname.endsWith("/login/")) {
    window.location.assign(
      `${response.url.split("?")[0]}?next=${encodeURIComponent(location.pathname)}`,
    );
    return null;
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.text()).trim();
}

function connectionStatus(element) {
  const label = element?.querySelector(".live-label");
  return {
    show(state) {
      if (!element) return;
      element.dataset.state = state;
      label.textContent = label.dataset[state];
    },
  };
}
