// The kitchen's live feed, /api/v1/events/kitchen/ (EventSource sends the session cookie),
// kept open as static/manager/live.js keeps the floor's: the browser reconnects on its own and
// sends the id of the last event it had (Last-Event-ID), so the server replays the gap; a
// stream silent for twice the keep-alive interval is lost whatever the browser thinks, and
// is started anew.
//
// ``onResync`` says when the display must read the kitchen afresh instead:
// - a stream opened with nothing to resume from (the first one, one started anew, or a
//   reconnection before any event came): what happened before it is in no stream;
// - the server could not replay the gap (``stream-reset``: the position is too old);
// - a reconnection after a long time away (the replay is there, but the display's clock is
//   checked against the server's again as well).
// The read is made once the stream says it is open (``stream-open``): from then on every
// change reaches this stream, so nothing falls between the read and the events.

const EVENT_TYPES = ["kitchen_order", "kitchen_orders_removed"];
const MAX_RETRY_MS = 30000;
const LONG_GAP_MS = 60000;

export function startFeed({ url, keepAliveSeconds, onEvent, onStatus, onResync, onRefused }) {
  const silenceMs = 2 * 1000 * keepAliveSeconds;
  let source = null;
  let watchdog = null;
  let retryMs = 1000;
  let lostSince = null;
  let resumable = false; // this EventSource had an event id: its reconnections replay

  function heard() {
    clearTimeout(watchdog);
    watchdog = setTimeout(startAnew, silenceMs);
  }

  function lost() {
    lostSince ??= Date.now();
    onStatus("lost");
  }

  function startAnew() {
    clearTimeout(watchdog);
    source.close();
    lost();
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  }

  function remember(event) {
    if (event.lastEventId) resumable = true;
  }

  function connect() {
    resumable = false;
    source = new EventSource(url);
    heard();
    source.addEventListener("stream-open", () => {
      heard();
      retryMs = 1000;
      const away = lostSince === null ? 0 : Date.now() - lostSince;
      lostSince = null;
      onStatus("live");
      if (!resumable || away > LONG_GAP_MS) onResync();
    });
    source.addEventListener("stream-reset", (event) => {
      remember(event);
      onResync();
    });
    source.addEventListener("keep-alive", heard);
    source.addEventListener("error", () => {
      lost();
      if (source.readyState === EventSource.CLOSED) {
        // The server refused the stream (signed out?) rather than went away.
        onRefused();
        startAnew();
      }
    });
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (event) => {
        heard();
        remember(event);
        onEvent(type, JSON.parse(event.data));
      });
    }
  }

  connect();
}
