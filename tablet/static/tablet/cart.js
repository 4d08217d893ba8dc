// The cart: menu item ids and quantities, kept on the tablet so a reload loses nothing.
// Prices always come from the menu (the server prices the order again anyway).
import { device } from "./device.js";

export const MAX_QUANTITY = 99;
export const MAX_LINES = 50;

export class Cart {
  constructor(onChange) {
    this.onChange = onChange;
    this.lines = device.cart; // {menuId: quantity}
  }

  #save() {
    device.cart = this.lines;
    this.onChange();
  }

  quantity(menuId) {
    return this.lines[menuId] ?? 0;
  }

  add(menuId) {
    if (!(menuId in this.lines) && Object.keys(this.lines).length >= MAX_LINES) return;
    this.set(menuId, this.quantity(menuId) + 1);
  }

  set(menuId, quantity) {
    if (quantity <= 0) {
      delete this.lines[menuId];
    } else {
      this.lines[menuId] = Math.min(quantity, MAX_QUANTITY);
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
    return this.entries(itemsById).reduce((sum, { item, quantity }) => sum + item.price * quantity, 0);
  }

  count(itemsById) {
    return this.entries(itemsById).reduce((sum, { quantity }) => sum + quantity, 0);
  }

  isEmpty(itemsById) {
    return this.entries(itemsById).length === 0;
  }

  // Drop what can no longer be ordered (sold out or gone); true if anything dropped.
  prune(itemsById) {
    let dropped = false;
    for (const menuId of Object.keys(this.lines)) {
      const item = itemsById.get(Number(menuId));
      if (!item || !item.is_available) {
        delete this.lines[menuId];
        dropped = true;
      }
    }
    if (dropped) this.#save();
    return dropped;
  }
}
