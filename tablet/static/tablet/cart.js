// The cart: menu item ids and quantities, kept on the tablet so a reload loses nothing.
// Prices always come from the menu (the server prices the order again anyway). Its limits
// are the server's, read from the page.
import { device } from "./device.js";

export class Cart {
  constructor({ maxQuantity, maxLines }) {
    this.maxQuantity = maxQuantity;
    this.maxLines = maxLines;
    this.lines = device.cart; // {menuId: quantity}
    this.onChange = () => {};
  }

  #save() {
    device.cart = this.lines;
    this.onChange();
  }

  quantity(menuId) {
    return this.lines[menuId] ?? 0;
  }

  add(menuId) {
    if (!(menuId in this.lines) && Object.keys(this.lines).length >= this.maxLines) return;
    this.set(menuId, this.quantity(menuId) + 1);
  }

  set(menuId, quantity) {
    if (quantity <= 0) {
      delete this.lines[menuId];
    } else {
      this.lines[menuId] = Math.min(quantity, this.maxQuantity);
    }
    this.#save();
  }

  clear() {
    this.lines = {};
    this.#save();
  }

  // Back to ``lines``, as an undo of a clear.
  restore(lines) {
    this.lines = { ...lines };
    this.#save();
  }

  // Lines of items still on the menu, with their current prices; the rest drop out. A line
  // whose dish sold out stays, marked: the guest sees what happened and takes it out.
  entries(itemsById) {
    return Object.entries(this.lines)
      .map(([menuId, quantity]) => ({ item: itemsById.get(Number(menuId)), quantity }))
      .filter((line) => line.item)
      .map((line) => ({ ...line, available: line.item.is_available }));
  }

  // What can be ordered now: the lines of dishes on sale.
  orderable(itemsById) {
    return this.entries(itemsById).filter((line) => line.available);
  }

  total(itemsById) {
    return this.orderable(itemsById).reduce(
      (sum, { item, quantity }) => sum + item.price * quantity,
      0,
    );
  }

  soldOut(itemsById) {
    return this.entries(itemsById).filter((line) => !line.available);
  }

  // Drop the lines of dishes no longer on the menu at all; true if any dropped.
  prune(itemsById) {
    let dropped = false;
    for (const menuId of Object.keys(this.lines)) {
      if (!itemsById.has(Number(menuId))) {
        delete this.lines[menuId];
        dropped = true;
      }
    }
    if (dropped) this.#save();
    return dropped;
  }
}
