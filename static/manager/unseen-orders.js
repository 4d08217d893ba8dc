// New orders the manager has not looked at yet (their table's visit not opened since), kept
// per store in localStorage so that a reload or a second tab agrees.
export class UnseenOrders {
  constructor(storeId) {
    this.key = `tableorder:unseen-orders:${storeId}`;
  }

  #read() {
    try {
      return JSON.parse(localStorage.getItem(this.key)) ?? {};
    } catch {
      return {};
    }
  }

  #write(orders) {
    localStorage.setItem(this.key, JSON.stringify(orders));
  }

  add(orderId, tableId) {
    this.#write({ ...this.#read(), [orderId]: tableId });
  }

  remove(orderId) {
    const orders = this.#read();
    if (orderId in orders) {
      delete orders[orderId];
      this.#write(orders);
    }
  }

  has(orderId) {
    return orderId in this.#read();
  }

  anyAt(tableId) {
    return Object.values(this.#read()).includes(tableId);
  }
}
