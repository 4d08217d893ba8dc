// The kitchen display (templates/kitchen/display.html, orders/kitchen_pages.py). It reads the
// kitchen (GET /api/v1/kitchen/) when its feed opens, then draws every change from the feed's
// events, which carry the whole order (a KitchenOrder): no request per event. A tap on a
// ticket starts it, a second bumps it; a tap on a line checks it off; a bumped ticket can be
// recalled for a few minutes. Ages count on the server's clock: the device's may be off.

import { Chime } from "../manager/chime.js";
import { _, format, ngettext } from "../tablet/i18n.js";
import { kitchenApi, SignedOut } from "./api.js";
import { drawRecent, drawTickets, showAges, showRecallTimes } from "./board.js";
import { startFeed } from "./feed.js";
import { byAge, isOnTheBoard, isRecallable, nextStatus, ticketOf } from "./tickets.js";

// However fast the answer, a tapped ticket or line stays still this long: a double tap is
// one step, not two.
const HOLD_MS = 600;
// A display whose feed does not open soon reads the kitchen anyway (and again once it opens).
const FIRST_READ_WAIT_MS = 3000;
const READ_RETRY_MS = 5000;
const TOAST_MS = 6000;

const root = document.getElementById("kitchen");
const board = document.getElementById("tickets");
const recentList = document.getElementById("recent-list");
const stationId = root.dataset.stationId ? Number(root.dataset.stationId) : null;
const api = kitchenApi(root);
const chime = new Chime(document.getElementById("sound-toggle"));

const state = {
  loaded: false,
  orders: new Map(),
  // What was heard of each order since (events, reads): a tap's answer is older than that.
  heard: new Map(),
  offsetMs: 0, // the server's clock minus this device's
  limits: { amberMinutes: 10, redMinutes: 20 },
  recallMinutes: 5,
  stations: new Map(),
  busyOrders: new Set(),
  busyLines: new Set(),
  tooLate: new Set(), // orders whose recall the server refused
};

const now = () => Date.now() + state.offsetMs;

// --- What the display knows ----------------------------------------------------------------

let reading = null;
let readAgain = false;
let held = null; // events that came during a read, applied after it in their order

function resync() {
  if (reading) {
    readAgain = true;
    return reading;
  }
  held = [];
  reading = (async () => {
    let failed = false;
    do {
      readAgain = false;
      const sentAt = Date.now();
      try {
        const kitchen = await api.kitchen();
        useKitchen(kitchen, (sentAt + Date.now()) / 2);
        failed = false;
      } catch (error) {
        if (error instanceof SignedOut) return toLogin();
        console.warn("reading the kitchen failed", error);
        failed = true;
      }
    } while (readAgain);
    const events = held;
    held = null;
    reading = null;
    for (const [type, data] of events) useEvent(type, data);
    redraw();
    if (failed) setTimeout(resync, READ_RETRY_MS);
  })();
  return reading;
}

function useKitchen(kitchen, receivedAt) {
  state.offsetMs = Date.parse(kitchen.now) - receivedAt;
  state.limits = {
    amberMinutes: kitchen.amber_after_minutes,
    redMinutes: kitchen.red_after_minutes,
  };
  state.recallMinutes = kitchen.recall_minutes;
  state.stations = new Map(kitchen.stations.map((station) => [station.id, station.name]));
  const known = state.orders;
  state.orders = new Map(kitchen.orders.map((order) => [order.id, order]));
  for (const id of known.keys()) if (!state.orders.has(id)) state.heard.delete(id);
  for (const id of state.orders.keys()) heard(id);
  if (state.loaded) chimeFor(kitchen.orders.filter((order) => !known.has(order.id)));
  state.loaded = true;
}

function useEvent(type, data) {
  if (held) {
    held.push([type, data]);
    return;
  }
  if (type === "kitchen_order") {
    const isNew = !state.orders.has(data.id);
    state.orders.set(data.id, data);
    heard(data.id);
    if (isNew) chimeFor([data]);
  } else if (type === "kitchen_orders_removed") {
    for (const id of data.order_ids) {
      state.orders.delete(id);
      state.heard.delete(id);
    }
  }
  redrawSoon();
}

function heard(orderId) {
  state.heard.set(orderId, (state.heard.get(orderId) ?? 0) + 1);
}

function chimeFor(orders) {
  const anyNew = orders.some((order) => {
    const ticket = ticketOf(order, stationId);
    return ticket && isOnTheBoard(ticket);
  });
  if (anyNew) chime.play();
}

// An order no display can show any more: completed, every ticket past its recall window.
function forgetOld(at) {
  for (const [id, order] of state.orders) {
    if (order.status !== "completed") continue;
    const recallable = order.tickets.some(
      (ticket) =>
        ticket.bumped_at && at - Date.parse(ticket.bumped_at) < state.recallMinutes * 60000,
    );
    if (!recallable) {
      state.orders.delete(id);
      state.heard.delete(id);
      state.tooLate.delete(id);
    }
  }
}

// --- Drawing -------------------------------------------------------------------------------

let redrawing = false;

function redrawSoon() {
  if (redrawing) return;
  redrawing = true;
  queueMicrotask(() => {
    redrawing = false;
    redraw();
  });
}

function redraw() {
  const at = now();
  forgetOld(at);
  const tickets = [...state.orders.values()]
    .map((order) => ticketOf(order, stationId))
    .filter(Boolean)
    .sort(byAge);
  const onBoard = tickets.filter(isOnTheBoard);
  const recent = tickets
    .filter(
      (ticket) =>
        isRecallable(ticket, at, state.recallMinutes) && !state.tooLate.has(ticket.order.id),
    )
    .sort((a, b) => b.bumpedAt - a.bumpedAt);
  const view = { ...state, stationId };
  drawTickets(board, onBoard, view);
  showAges(board, at, state.limits);
  drawRecent(recentList, recent, view);
  showRecallTimes(recentList, at, state.recallMinutes);
  document.getElementById("ticket-count").textContent = state.loaded
    ? format(ngettext("%(count)s ticket", "%(count)s tickets", onBoard.length), {
        count: onBoard.length,
      })
    : "";
  showOutOfSight();
  document.getElementById("no-tickets").hidden = !state.loaded || onBoard.length > 0;
  document.getElementById("recent-none").hidden = recent.length > 0;
  board.setAttribute("aria-busy", String(!state.loaded));
  root.dataset.state = state.loaded ? "ready" : "loading";
}

// How many tickets the board's sideways scroll hides, before and after what it shows.
function showOutOfSight() {
  const shown = board.getBoundingClientRect();
  let before = 0;
  let after = 0;
  for (const element of board.children) {
    const box = element.getBoundingClientRect();
    if (box.right <= shown.left + 1) before += 1;
    else if (box.left >= shown.right - 1) after += 1;
  }
  for (const [id, count, text] of [
    ["more-before", before, (words) => `\u2190 ${words}`],
    ["more-after", after, (words) => `${words} \u2192`],
  ]) {
    const button = document.getElementById(id);
    button.hidden = count === 0;
    const words = format(ngettext("%(count)s more", "%(count)s more", count), { count });
    if (count && button.textContent !== text(words)) button.textContent = text(words);
  }
}

board.addEventListener("scroll", showOutOfSight, { passive: true });
window.addEventListener("resize", showOutOfSight);
for (const [id, direction] of [
  ["more-before", -1],
  ["more-after", 1],
]) {
  document.getElementById(id).addEventListener("click", () => {
    board.scrollBy({ left: direction * board.clientWidth, behavior: "smooth" });
  });
}

// --- Taps ----------------------------------------------------------------------------------

board.addEventListener("click", (event) => {
  const element = event.target.closest(".ticket");
  const order = element && state.orders.get(Number(element.dataset.orderId));
  if (!order) return;
  const line = event.target.closest(".line");
  if (line) {
    checkLine(order, Number(line.dataset.lineId)); // the line's tap is the line's alone
  } else {
    bump(order);
  }
});

recentList.addEventListener("click", (event) => {
  const button = event.target.closest(".recall");
  const order = button && state.orders.get(Number(button.closest("li").dataset.orderId));
  if (order) recall(order);
});

function bump(order) {
  const ticket = ticketOf(order, stationId);
  if (!ticket || !isOnTheBoard(ticket)) return;
  const status = nextStatus(ticket);
  tap(state.busyOrders, order.id, order.id, () => api.bump(order.id, status, stationId));
}

function checkLine(order, lineId) {
  const line = order.lines.find((each) => each.id === lineId);
  if (!line) return;
  tap(state.busyLines, lineId, order.id, () => api.check(lineId, line.done_at === null));
}

function recall(order) {
  tap(state.busyOrders, order.id, order.id, () => api.recall(order.id, stationId));
}

// One tap in flight for each ticket (``busy``: of orders) or line (of lines); the answer is
// the order as the tap left it, drawn unless the display heard of the order meanwhile (that
// is as new, and the event of this tap is on its way) or it left the kitchen.
async function tap(busy, id, orderId, request) {
  if (busy.has(id)) return;
  busy.add(id);
  redraw();
  const heardBefore = state.heard.get(orderId) ?? 0;
  const started = Date.now();
  try {
    const answer = await request();
    const unheardOf = (state.heard.get(orderId) ?? 0) === heardBefore;
    if (unheardOf && state.orders.has(orderId)) state.orders.set(answer.id, answer);
  } catch (error) {
    refused(error, orderId);
  }
  await new Promise((resolve) => setTimeout(resolve, HOLD_MS - (Date.now() - started)));
  busy.delete(id);
  redraw();
}

function refused(error, orderId) {
  if (error instanceof SignedOut) return toLogin();
  if (!error.status) return toast(_("Not saved: no connection. Tap again."));
  toast(error.detail ?? _("Not saved. Try again."));
  if (error.code === "RECALL_TOO_LATE") state.tooLate.add(orderId);
  else if (error.status === 404) state.orders.delete(orderId);
  else if (error.status === 409) resync(); // the order moved on elsewhere
}

let toastTimer = null;

function toast(text) {
  const element = document.getElementById("toast");
  element.textContent = text;
  element.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    element.hidden = true;
  }, TOAST_MS);
}

function toLogin() {
  const next = encodeURIComponent(location.pathname + location.search);
  location.assign(`${root.dataset.loginUrl}?next=${next}`);
}

// --- The clock, the connection -------------------------------------------------------------

function clockFormat() {
  const options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  const language = document.documentElement.lang || "en";
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone: root.dataset.timeZone });
  } catch {
    return new Intl.DateTimeFormat(language, options);
  }
}

const clockText = clockFormat();
const clock = document.getElementById("clock");

function tick() {
  const text = clockText.format(new Date(now()));
  if (clock.textContent !== text) clock.textContent = text;
  redraw();
}

function showConnection(connection) {
  const status = document.getElementById("live-status");
  const label = status.querySelector(".live-label");
  status.dataset.state = connection;
  label.textContent = label.dataset[connection];
  document.getElementById("connection-banner").hidden = connection !== "lost";
}

startFeed({
  url: root.dataset.eventsUrl,
  keepAliveSeconds: Number(root.dataset.keepAliveSeconds),
  onEvent: useEvent,
  onStatus: showConnection,
  onResync: resync,
  onRefused: resync, // signed out: the read finds it out and goes to the sign-in page
});
setTimeout(() => {
  if (!state.loaded && !reading) resync();
}, FIRST_READ_WAIT_MS);
setInterval(tick, 1000);
tick();
