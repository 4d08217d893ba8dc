// What this tablet remembers across reloads: who it is, its credential and token, its cart, an
// order in flight. Never the table's password.
const PREFIX = "tableorder:tablet:";

function read(name) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + name));
  } catch {
    return null;
  }
}

function write(name, value) {
  if (value === null || value === undefined) {
    localStorage.removeItem(PREFIX + name);
  } else {
    localStorage.setItem(PREFIX + name, JSON.stringify(value));
  }
}

function remembered(name, fallback = null) {
  return {
    get: () => read(name) ?? fallback,
    set: (value) => write(name, value),
    enumerable: true,
  };
}

export const device = Object.defineProperties(
  {},
  {
    // {store, tableNumber, ended?}: what the setup screen offers again if the tablet must be
    // set up anew, and whether its credential ended (a new table password).
    setup: remembered("setup"),
    // The device credential (POST /api/v1/auth/table/device/), ended by a new table password.
    deviceToken: remembered("device-token"),
    token: remembered("token"),
    // {store: {...}, table: {...}} from the last sign-in.
    identity: remembered("identity"),
    // [{key, menuId, optionIds, note, quantity}] (before options: {menuId: quantity})
    cart: remembered("cart", []),
    // {key, items}: the order being sent, with its Idempotency-Key.
    pendingOrder: remembered("pending-order"),
  },
);
