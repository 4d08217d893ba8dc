// The live floor: the store's events from /api/v1/events/ (EventSource sends the session
// cookie). On every manager page they keep the floor (floor.js), from which the top bar's
// counts of new orders and open staff calls are drawn, and the dashboard's cards; they ring
// the chime. A table's visit and the calls page fetch their server-drawn lists again on the
// events that touch them. Reconnects on its own; whenever a stream opens the floor is read
// anew, so nothing missed stays missing.

import { Chime, STAFF_CALL } from "./chime.js";
import { Floor } from "./floor.js";
import { floorNews } from "./floor-news.js";
import { coalesced, fetchFragment } from "./fragments.js";
import { tableCards } from "./table-cards.js";
import { showTimesAgo } from "./times-ago.js";

const EVENTS_URL = "/api/v1/events/";
const EVENT_TYPES = [
  "new_order",
  "order_updated",
  "order_deleted",
  "table_reset",
  "orders_seen",
  "table_changed",
];
const CALL_EVENT_TYPES = ["staff_call", "staff_call_updated"];
const MAX_RETRY_MS = 30000;
// A page whose stream does not open soon reads the floor anyway (and again once it opens).
const FIRST_READ_WAIT_MS = 3000;

// ``news``: the top bar's count (#floor-news); ``root``: the page's live view, if it has one.
export function startLive(news, root) {
  const counts = floorNews(news, document.getElementById("calls-news"));
  const views = { visit: visitView, calls: callsView, dashboard: tableCards };
  const view = root ? (views[root.dataset.liveView] ?? tableCards)(root) : {};
  const floor = new Floor(news.dataset.floorUrl, () => {
    counts.show(floor);
    view.draw?.(floor);
  });
  showTimesAgo(document);
  const status = connectionStatus(document.getElementById("live-status"));
  const chime = new Chime(document.getElementById("sound-toggle"));
  let retryMs = 1000;

  function refreshAll() {
    floor.read();
    view.refreshAll?.();
  }

  // A call answered on this page (call-actions.js) shows at once, before its event.
  document.addEventListener("call-answered", (event) => {
    floor.apply("staff_call_updated", event.detail);
  });
  setTimeout(() => {
    if (!floor.loaded) floor.read();
  }, FIRST_READ_WAIT_MS);

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
    refreshAll(); // what can be read meanwhile; signed out, to the login page
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
    // so nothing falls between the read and the events.
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
    for (const type of [...EVENT_TYPES, ...CALL_EVENT_TYPES]) {
      source.addEventListener(type, (event) => {
        heard();
        if (type === "new_order") chime.play();
        if (type === "staff_call") chime.play(STAFF_CALL);
        const data = JSON.parse(event.data);
        floor.apply(type, data);
        view.onEvent?.(type, data);
      });
    }
  }
  connect();
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
