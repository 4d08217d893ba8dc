// The live floor: the store's events from /api/v1/events/ (EventSource sends the session
// cookie). On every manager page they keep the counts of new orders and of open staff calls
// and ring the chime; on the dashboard, a table's visit and the calls page they also fetch
// again the server-rendered fragments they touch. Reconnects on its own; whenever a stream
// opens it renders everything anew, so nothing missed stays missing.

import { Chime, STAFF_CALL } from "./chime.js";
import { coalesced, fetchFragment } from "./fragments.js";
import { showTimesAgo } from "./times-ago.js";
import { unseenOrders } from "./unseen-orders.js";

const EVENTS_URL = "/api/v1/events/";
const EVENT_TYPES = ["new_order", "order_updated", "order_deleted", "table_reset", "orders_seen"];
const CALL_EVENT_TYPES = ["staff_call", "staff_call_updated"];
const MAX_RETRY_MS = 30000;

// ``news``: the top bar's count (#floor-news); ``root``: the page's live view, if it has one.
export function startLive(news, root) {
  const unseen = unseenOrders(news);
  const calls = openCalls(document.getElementById("calls-news"));
  const views = { visit: visitView, calls: callsView, dashboard: dashboardView };
  const view = root
    ? (views[root.dataset.liveView] ?? dashboardView)(root)
    : { refreshAll() {}, onEvent() {} };
  showTimesAgo(document);
  const status = connectionStatus(document.getElementById("live-status"));
  const chime = new Chime(document.getElementById("sound-toggle"));
  let retryMs = 1000;

  function refreshAll() {
    view.refreshAll();
    unseen.refresh();
    calls.refresh();
  }

  // A stream that says nothing, not even its keep-alive, for twice the keep-alive interval is
  // lost, whatever the browser thinks: a server that went away without closing it.
  const silenceMs = 2 * 1000 * Number(news.dataset.keepAliveSeconds);
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
    refreshAll();
  }

  function connect() {
    source = new EventSource(EVENTS_URL);
    heard();
    source.addEventListener("open", () => {
      heard();
      status.show("live");
      retryMs = 1000;
    });
    // Catch up on whatever the gap held: since the last stream, or since the server drew
    // this page (an order placed while the stream was opening is in no stream of ours). Once
    // the server says ``stream-open``, not at the answer's headers: it listens from then on,
    // so nothing falls between the fetch and the events.
    source.addEventListener("stream-open", () => {
      heard();
      refreshAll();
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
        if (type === "new_order") chime.play();
        unseen.refresh();
        view.onEvent(type, JSON.parse(event.data));
      });
    }
    for (const type of CALL_EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        heard();
        if (type === "staff_call") chime.play(STAFF_CALL);
        calls.refresh();
        view.onEvent(type, JSON.parse(event.data));
      });
    }
  }
  connect();
}

function dashboardView(root) {
  const tableFilter = root.dataset.tableFilter;
  const refreshGrid = coalesced(async () => {
    const html = await fetchFragment(root.dataset.gridUrl);
    if (html === null) return;
    root.querySelector("#table-grid").outerHTML = html;
    showTimesAgo(root);
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
            showTimesAgo(root.querySelector(`#table-${tableId}`));
          } else {
            return refreshGrid(); // a table this page has not shown yet
          }
        }),
      );
    }
    return cardRefreshers.get(tableId)();
  }

  return {
    refreshAll: refreshGrid,
    onEvent(_type, data) {
      const table = data.table;
      if (!table) return refreshGrid(); // every table's new orders were seen
      if (tableFilter && String(table.number) !== tableFilter) return;
      refreshCard(table.id);
    },
  };
}

// The top bar's count of open staff calls, on every manager page.
function openCalls(element) {
  if (!element) return { refresh() {} };
  return {
    refresh: coalesced(async () => {
      const html = await fetchFragment(element.dataset.url);
      if (html !== null) element.innerHTML = html;
    }),
  };
}

// The store's open calls, with their buttons.
function callsView(root) {
  const refresh = coalesced(async () => {
    const html = await fetchFragment(root.dataset.listUrl);
    if (html === null) return;
    root.querySelector("#call-list").outerHTML = html;
    showTimesAgo(root);
  });
  return {
    refreshAll: refresh,
    onEvent(type) {
      if (CALL_EVENT_TYPES.includes(type)) refresh();
    },
  };
}

// A table's visit. Fetching it marks its orders seen on the server, which announces it with
// ``orders_seen``: that one is this page's own doing and needs no fetch.
function visitView(root) {
  const tableId = Number(root.dataset.tableId);
  const refresh = coalesced(async () => {
    const html = await fetchFragment(root.dataset.ordersUrl);
    if (html !== null) root.querySelector("#visit-orders").outerHTML = html;
  });
  return {
    refreshAll: refresh,
    onEvent(type, data) {
      if (CALL_EVENT_TYPES.includes(type)) return; // the visit's page shows no calls
      if (type !== "orders_seen" && data.table.id === tableId) refresh();
    },
  };
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
