// The cart: lines of dishes with their chosen options, notes and quantities, kept on the
// tablet so a reload loses nothing. The same dish with other options or another note is
// another line. Prices always come from the menu (the server prices the order again anyway).
// Its limits are the server's, read from the page.
import { device } from "./device.js";

export const NOTE_MAX_LENGTH = 140;

function lineKey(menuId, optionIds, note) {
  return [menuId, [...optionIds].sort((a, b) => a - b).join("."), note].join("|");
}

// The cart as it was kept before options ({menuId: quantity}), as lines.
function asLines(kept) {
  if (Array.isArray(kept)) return kept;
  return Object.entries(kept ?? {}).map(([menuId, quantity]) => ({
    key: lineKey(Number(menuId), [], ""),
    menuId: Number(menuId),
    optionIds: [],
    note: "",
    quantity,
  }));
}

// The line's choices in the item's menu, and what is wrong with them now: "sold-out" (the
// dish or a choice), "changed" (a choice left the menu, or a group now asks otherwise).
export function lineChoices(item, optionIds) {
  const chosen = new Set(optionIds);
  const choices = [];
  let problem = item.is_available ? null : "sold-out";
  for (const group of item.option_groups ?? []) {
    const picked = group.choices.filter((choice) => chosen.has(choice.id));
    for (const choice of picked) {
      chosen.delete(choice.id);
      choices.push(choice);
      if (!choice.is_available) problem ??= "sold-out";
    }
    if (picked.length < group.min_choices || picked.length > group.max_choices) {
      problem ??= "changed";
    }
  }
  if (chosen.size) problem ??= "changed";
  return { choices, problem };
}

export function unitPrice(item, choices) {
  return item.price + choices.reduce((sum, choice) => sum + choice.price_delta, 0);
}

export class Cart {
  constructor({ maxQuantity, maxLines }) {
    this.maxQuantity = maxQuantity;
    this.maxLines = maxLines;
    this.lines = asLines(device.cart);
    this.onChange = () => {};
  }

  #save() {
    device.cart = this.lines;
    this.onChange();
  }

  // How many of the dish are in the cart, whatever their options.
  quantity(menuId) {
    return this.lines
      .filter((line) => line.menuId === menuId)
      .reduce((sum, line) => sum + line.quantity, 0);
  }

  add(menuId, { optionIds = [], note = "", quantity = 1 } = {}) {
    const key = lineKey(menuId, optionIds, note);
    const line = this.lines.find((each) => each.key === key);
    if (line) {
      this.set(key, line.quantity + quantity);
    } else if (this.lines.length < this.maxLines) {
      const added = { key, menuId, optionIds: [...optionIds], note, quantity: 0 };
      this.lines.push(added);
      this.set(key, quantity);
    }
  }

  set(key, quantity) {
    if (quantity <= 0) {
      this.lines = this.lines.filter((line) => line.key !== key);
    } else {
      const line = this.lines.find((each) => each.key === key);
      if (line) line.quantity = Math.min(quantity, this.maxQuantity);
    }
    this.#save();
  }

  clear() {
    this.lines = [];
    this.#save();
  }

  // Back to ``lines``, as an undo of a clear.
  restore(lines) {
    this.lines = lines.map((line) => ({ ...line }));
    this.#save();
  }

  // Lines of items still on the menu, with their choices and current prices; the rest drop
  // out. A line whose dish or choice sold out, or whose options the menu changed, stays,
  // marked: the guest sees what happened and takes it out.
  entries(itemsById) {
    return this.lines
      .map((line) => ({ ...line, item: itemsById.get(line.menuId) }))
      .filter((line) => line.item)
      .map((line) => {
        const { choices, problem } = lineChoices(line.item, line.optionIds);
        const price = unitPrice(line.item, choices);
        return { ...line, choices, unitPrice: price, problem, available: !problem };
      });
  }

  // What can be ordered now: the lines of dishes on sale, as they were chosen.
  orderable(itemsById) {
    return this.entries(itemsById).filter((line) => line.available);
  }

  total(itemsById) {
    return this.orderable(itemsById).reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  }

  soldOut(itemsById) {
    return this.entries(itemsById).filter((line) => !line.available);
  }

  // Drop the lines of dishes no longer on the menu at all; true if any dropped.
  prune(itemsById) {
    const kept = this.lines.filter((line) => itemsById.has(line.menuId));
    const dropped = kept.length !== this.lines.length;
    if (dropped) {
      this.lines = kept;
      this.#save();
    }
    return dropped;
  }
}
