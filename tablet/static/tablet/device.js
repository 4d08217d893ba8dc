// What this tablet remembers across reloads: who it is, its token, its cart, an order in flight.
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

export const device = {
  // {store, tableNumber, password}: a table's tablet logs itself in again when its token ends.
  get setup() {
    return read("setup");
  },
  set setup(value) {
    write("setup", value);
  },
  get token() {
    return read("token");
  },
  set token(value) {
    write("token", value);
  },
  get identity() {
    return read("identity");
  }, // {store: {...}, table: {...}} from the login
  set identity(value) {
    write("identity", value);
  },
  get cart() {
    return read("cart") ?? {};
  },
  set cart(value) {
    write("cart", value);
  },
  get pendingOrder() {
    return read("pending-order");
  }, // {key, items}
  set pendingOrder(value) {
    write("pending-order", value);
  },
};
