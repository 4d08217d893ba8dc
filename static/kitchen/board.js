// Drawing the display: the tickets, oldest first, and the strip of those recently bumped.
// A ticket is drawn anew only when what it shows changed (so a tap on it is never lost to a
// redraw of another); its age is written every second by ``showAges``.

import { h, keepingFocus, placeInOrder } from "../tablet/dom.js";
import { _, format } from "../tablet/i18n.js";
import {
  ageLevel,
  ageMs,
  minutesAndSeconds,
  nextStatus,
  optionGroups,
  recallLeftMs,
} from "./tickets.js";

const TIMES = "\u00d7";
// What each drawn ticket shows, but for its age: drawn anew when that changes.
const looks = new WeakMap();

// ``view``: {stations: Map id -> name, stationId, busyOrders: Set, busyLines: Set}. The
// keyboard stays on the button it was on when that ticket is drawn anew.
export function drawTickets(container, tickets, view) {
  keepingFocus(() => placeTickets(container, tickets, view));
}

function placeTickets(container, tickets, view) {
  const drawn = new Map([...container.children].map((element) => [element.dataset.key, element]));
  const wanted = tickets.map((ticket) => {
    const key = String(ticket.order.id);
    const look = JSON.stringify([
      ticket.status,
      ticket.lines,
      ticket.order.note,
      ticket.order.table,
      view.busyOrders.has(ticket.order.id),
      ticket.lines.map((line) => [view.busyLines.has(line.id), view.stations.get(line.station_id)]),
    ]);
    const element = drawn.get(key);
    drawn.delete(key);
    if (element && looks.get(element) === look) return element;
    const fresh = ticketElement(ticket, view);
    fresh.dataset.key = key;
    looks.set(fresh, look);
    element?.replaceWith(fresh);
    return fresh;
  });
  placeInOrder(container, wanted, drawn.values());
}

function ticketElement(ticket, view) {
  const { order, status } = ticket;
  const busy = view.busyOrders.has(order.id);
  const tableText = format(_("Table %(number)s"), { number: order.table.number });
  return h(
    "article",
    {
      class: "ticket",
      "data-order-id": order.id,
      "data-status": status,
      "data-age": "fresh",
      "aria-busy": String(busy),
      "aria-label": `${tableText}, #${order.number}`,
    },
    h(
      "header",
      { class: "ticket-head" },
      h("span", { class: "ticket-table" }, tableText),
      h("span", { class: "ticket-number" }, `#${order.number}`),
      h("time", { class: "ticket-age", datetime: order.created_at }, ""),
    ),
    h(
      "div",
      { class: "ticket-flags" },
      h("span", { class: "ticket-status" }, status === "pending" ? _("Waiting") : _("Preparing")),
      h("span", { class: "ticket-late" }, ""),
    ),
    order.note
      ? h("p", { class: "ticket-note" }, h("strong", {}, _("Order note")), " ", order.note)
      : null,
    h("ul", { class: "ticket-lines" }, linesOf(ticket, view)),
    h(
      "button",
      {
        type: "button",
        class: "ticket-bump",
        "aria-disabled": String(busy),
        "data-focus-key": `bump-${order.id}`,
      },
      nextStatus(ticket) === "preparing" ? _("Start cooking") : _("Done"),
    ),
  );
}

// On the display of all stations, an order made at several is split under their names.
function linesOf(ticket, view) {
  const stations = [...new Set(ticket.lines.map((line) => line.station_id))];
  if (view.stationId !== null || stations.length < 2) {
    return ticket.lines.map((line) => lineElement(line, view));
  }
  const order = [...view.stations.keys()];
  stations.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return stations.flatMap((stationId) => [
    h("li", { class: "ticket-station" }, view.stations.get(stationId) ?? ""),
    ...ticket.lines
      .filter((line) => line.station_id === stationId)
      .map((line) => lineElement(line, view)),
  ]);
}

function lineElement(line, view) {
  const done = line.done_at !== null;
  return h(
    "li",
    {},
    h(
      "button",
      {
        type: "button",
        class: "line",
        "data-line-id": line.id,
        "data-focus-key": `line-${line.id}`,
        "aria-pressed": String(done),
        "aria-busy": String(view.busyLines.has(line.id)),
      },
      h("span", { class: "line-quantity" }, `${line.quantity}${TIMES}`),
      h(
        "span",
        { class: "line-body" },
        h("span", { class: "line-name" }, line.name),
        optionGroups(line).map(({ group, names }) =>
          h("span", { class: "line-option" }, `${group}: ${names.join(", ")}`),
        ),
        line.note ? h("span", { class: "line-note" }, line.note) : null,
      ),
      h("span", { class: "line-check", "aria-hidden": "true" }, done ? "\u2713" : ""),
    ),
  );
}

// Each ticket's age, and its colour with a word for it (the colour is never the only sign).
export function showAges(container, now, limits) {
  for (const element of container.children) {
    const time = element.querySelector(".ticket-age");
    const age = ageMs({ created_at: time.getAttribute("datetime") }, now);
    const text = minutesAndSeconds(age);
    if (time.textContent !== text) time.textContent = text;
    const level = ageLevel(age, limits);
    if (element.dataset.age === level) continue;
    element.dataset.age = level;
    element.querySelector(".ticket-late").textContent =
      level === "red"
        ? format(_("Very late: %(minutes)s+ min"), { minutes: limits.redMinutes })
        : level === "amber"
          ? format(_("Late: %(minutes)s+ min"), { minutes: limits.amberMinutes })
          : "";
  }
}

// The tickets bumped within the recall window, the latest first, each with its Recall button.
export function drawRecent(list, tickets, view) {
  const drawn = new Map([...list.children].map((element) => [element.dataset.key, element]));
  const wanted = tickets.map((ticket) => {
    const { order } = ticket;
    const busy = view.busyOrders.has(order.id);
    const key = `${order.id}:${busy}`;
    const element = drawn.get(key);
    drawn.delete(key);
    if (element) return element;
    const tableText = format(_("Table %(number)s"), { number: order.table.number });
    return h(
      "li",
      {
        class: "recent-ticket",
        "data-key": key,
        "data-order-id": order.id,
        "data-bumped-at": ticket.bumpedAt,
      },
      h("span", { class: "recent-table" }, tableText),
      h("span", { class: "recent-number" }, `#${order.number}`),
      h("span", { class: "recent-left" }, ""),
      h(
        "button",
        {
          type: "button",
          class: "recall",
          disabled: busy,
          "aria-label": format(_("Recall #%(number)s, table %(table)s"), {
            number: order.number,
            table: order.table.number,
          }),
        },
        _("Recall"),
      ),
    );
  });
  placeInOrder(list, wanted, drawn.values());
}

export function showRecallTimes(list, now, recallMinutes) {
  for (const element of list.children) {
    const left = recallLeftMs({ bumpedAt: Number(element.dataset.bumpedAt) }, now, recallMinutes);
    const text = format(_("%(time)s left"), { time: minutesAndSeconds(left) });
    const label = element.querySelector(".recent-left");
    if (label.textContent !== text) label.textContent = text;
  }
}
