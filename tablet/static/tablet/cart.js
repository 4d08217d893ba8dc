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

  // Lines of items still on the menu, with their current prices; the rest drop out.
  entries(itemsById) {
    return Object.entries(this.lines)
      .map(([menuId, quantity]) => ({ item: itemsById.get(Number(menuId)), quantity }))
      .filter((line) => line.item);
  }

  total(itemsById) {
    return this.entries(itemsById).reduce(
      (sum, { item, quantity }) => sum + item.price * quantity,
      0,
    );
  }

  // Drop what can no longer be ordered (sold out or gone); true if anything dropped.
  prune(itemsById) {
    let dropped = false;
    for (const menuId of Object.keys(this.lines)) {
      const item = itemsById.get(Number(menuId));
      if (!item?.is_available) {
        delete this.lines[menuId];
        dropped = true;
      }
    }
    if (dropped) this.#save();
    return dropped;
  }
}
