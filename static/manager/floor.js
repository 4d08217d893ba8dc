// The store's floor as the manager's pages keep it: every table, its open visit with all its
// orders, and its open staff call. Read from GET /api/v1/admin/floor/ when the event stream
// opens, then kept current by the events alone, which carry what changed: no request per
// event, however many screens watch. The dashboard's cards and every page's top bar are
// drawn from it.

const READ_RETRY_MS = 3000;

// How far a call has gone: an event never takes one back.
const CALL_STEPS = ["open", "acknowledged", "resolved"];

export class Floor {
  // ``onChange(floor)`` runs once after each change, however many came together.
  constructor(url, onChange) {
    this.url = url;
    this.onChange = onChange;
    this.loaded = false;
    this.tables = new Map(); // id -> {id, number, session: {id, started_at, orders: Map} | null}
    this.calls = new Map(); // table id -> its open call
    this.ended = new Map(); // table id -> the id of its last visit seen ending
    this.resolved = new Set(); // calls seen resolved: a late event does not bring one back
    this.reading = null;
    this.readAgain = false;
    this.held = null; // events heard during a read, applied after it in their order
    this.changing = false;
  }

  get unseenCount() {
    let count = 0;
    for (const table of this.tables.values()) {
      for (const order of table.session?.orders.values() ?? []) {
        if (order.seen_at === null) count += 1;
      }
    }
    return count;
  }

  get openCallCount() {
    return this.calls.size;
  }

  // Read the whole floor again; a read asked for meanwhile makes one more afterwards. Events
  // heard during it wait for it: they may be older or newer than what it reads.
  read() {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.held = [];
    this.reading = (async () => {
      let failed = false;
      do {
        this.readAgain = false;
        try {
          this.#use(await this.#fetch());
          failed = false;
        } catch (error) {
          console.warn("reading the floor failed", error);
          failed = true;
        }
      } while (this.readAgain);
      const events = this.held;
      this.held = null;
      this.reading = null;
      for (const [type, data] of events) this.apply(type, data);
      this.#changed();
      // Busy (many screens reading at once after a restart) or away: again a little later,
      // each screen at its own moment.
      if (failed) setTimeout(() => this.read(), READ_RETRY_MS * (1 + Math.random()));
    })();
    return this.reading;
  }

  async #fetch() {
    const response = await fetch(this.url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (response.status === 401 || response.status === 403) {
      window.location.reload(); // signed out: the page sends us to its login
      throw new Error("signed out");
    }
    if (!response.ok) throw new Error(`${this.url}: ${response.status}`);
    return response.json();
  }

  #use(floor) {
    this.tables = new Map(
      floor.tables.map((table) => [
        table.id,
        {
          id: table.id,
          number: table.number,
          session: table.session && {
            id: table.session.id,
            started_at: table.session.started_at,
            orders: new Map(table.session.orders.map((order) => [order.id, order])),
          },
        },
      ]),
    );
    this.calls = new Map(floor.calls.map((call) => [call.table.id, call]));
    this.loaded = true;
  }

  // One live event of the store's stream (or a call answered on this page).
  apply(type, data) {
    if (this.held) {
      this.held.push([type, data]);
      return;
    }
    if (type === "staff_call" || type === "staff_call_updated") {
      this.#useCall(data);
    } else if (type === "orders_seen") {
      this.#seen(new Set(data.order_ids));
    } else if (type === "table_changed" && data.deleted) {
      this.tables.delete(data.table.id);
      this.calls.delete(data.table.id);
    } else if (data.table && !this.tables.has(data.table.id)) {
      this.read(); // a table added since the read
      return;
    } else if (type === "new_order" || type === "order_updated") {
      this.#useOrder(data);
    } else if (type === "order_deleted") {
      this.tables.get(data.table.id).session?.orders.delete(data.id);
    } else if (type === "table_changed") {
      this.tables.get(data.table.id).number = data.table.number;
    } else if (type === "table_reset") {
      this.#visitEnded(this.tables.get(data.table.id), data.session_id);
    }
    this.#changed();
  }

  #useOrder(order) {
    const table = this.tables.get(order.table.id);
    // Visits are numbered as they open: an order of an older one is of a visit gone by.
    if (order.session_id <= (this.ended.get(table.id) ?? 0)) return;
    if (table.session && order.session_id < table.session.id) return;
    if (table.session?.id !== order.session_id) {
      // A visit opens with its first order: it started as that order was placed.
      table.session = { id: order.session_id, started_at: order.created_at, orders: new Map() };
    }
    const known = table.session.orders.get(order.id);
    if (known && Date.parse(known.updated_at) > Date.parse(order.updated_at)) return;
    // An order seen stays seen, whatever an older account of it says.
    const seenAt = known?.seen_at ?? null;
    table.session.orders.set(order.id, { ...order, seen_at: order.seen_at ?? seenAt });
  }

  #visitEnded(table, sessionId) {
    this.ended.set(table.id, Math.max(sessionId, this.ended.get(table.id) ?? 0));
    if (table.session && table.session.id <= sessionId) table.session = null;
  }

  #seen(orderIds) {
    const now = new Date().toISOString();
    for (const table of this.tables.values()) {
      for (const order of table.session?.orders.values() ?? []) {
        if (orderIds.has(order.id) && order.seen_at === null) order.seen_at = now;
      }
    }
  }

  #useCall(call) {
    if (this.resolved.has(call.id)) return;
    const known = this.calls.get(call.table.id);
    if (known?.id === call.id && CALL_STEPS.indexOf(known.status) > CALL_STEPS.indexOf(call.status))
      return;
    if (call.status === "resolved") {
      this.resolved.add(call.id);
      if (known?.id === call.id) this.calls.delete(call.table.id);
    } else {
      this.calls.set(call.table.id, call);
    }
  }

  #changed() {
    if (this.changing || !this.loaded) return;
    this.changing = true;
    setTimeout(() => {
      this.changing = false;
      this.onChange(this);
    });
  }
}
