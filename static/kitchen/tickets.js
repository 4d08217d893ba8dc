// What one display makes of the kitchen's orders (the contract's KitchenOrder): a station's
// display shows each order's lines made there, as that station's ticket; the display of all
// stations shows each order whole. Which station makes a line, and how far each station's
// ticket has come, is the server's rule (orders/tickets.py): it arrives with the order.

const MINUTE_MS = 60000;

// The order as this display's ticket; null when the station has nothing in it.
// ``bumpedAt``: when the ticket left the display (the earliest bump on the display of all
// stations, which recalls every station's at once and may only while all are recent).
export function ticketOf(order, stationId) {
  if (stationId === null) {
    const bumps = order.tickets.map((ticket) => ticket.bumped_at);
    const allBumped = bumps.length > 0 && bumps.every(Boolean);
    return {
      order,
      status: order.status,
      lines: order.lines,
      bumpedAt:
        order.status === "completed" && allBumped ? Math.min(...bumps.map(Date.parse)) : null,
    };
  }
  const ticket = order.tickets.find((each) => each.station_id === stationId);
  if (!ticket) return null;
  return {
    order,
    status: ticket.status,
    lines: order.lines.filter((line) => line.station_id === stationId),
    bumpedAt:
      ticket.status === "completed" && ticket.bumped_at ? Date.parse(ticket.bumped_at) : null,
  };
}

export function isOnTheBoard(ticket) {
  return ticket.status === "pending" || ticket.status === "preparing";
}

// Bumped, and still within the recall window at ``now``.
export function isRecallable(ticket, now, recallMinutes) {
  return ticket.bumpedAt !== null && now - ticket.bumpedAt < recallMinutes * MINUTE_MS;
}

export function recallLeftMs(ticket, now, recallMinutes) {
  return Math.max(0, ticket.bumpedAt + recallMinutes * MINUTE_MS - now);
}

// The step a tap on the ticket takes: start it, then bump it.
export function nextStatus(ticket) {
  return ticket.status === "pending" ? "preparing" : "completed";
}

export function ageMs(order, now) {
  return Math.max(0, now - Date.parse(order.created_at));
}

// "fresh", then "amber" from ``amberMinutes`` and "red" from ``redMinutes`` (the store's).
export function ageLevel(ms, { amberMinutes, redMinutes }) {
  if (ms >= redMinutes * MINUTE_MS) return "red";
  if (ms >= amberMinutes * MINUTE_MS) return "amber";
  return "fresh";
}

// 7:05, 12:40, 95:00: minutes and seconds, however many minutes.
export function minutesAndSeconds(ms) {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

// The line's choices by group, in the order chosen: [{group: "Add-ons", names: ["Egg", "Ham"]}].
export function optionGroups(line) {
  const groups = new Map();
  for (const option of line.options) {
    if (!groups.has(option.group)) groups.set(option.group, []);
    groups.get(option.group).push(option.name);
  }
  return [...groups].map(([group, names]) => ({ group, names }));
}

export function byAge(first, second) {
  const a = first.order;
  const b = second.order;
  return Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id;
}
