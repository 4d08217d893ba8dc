// What the page knows while it runs: the menu, the cart, this visit's orders, the view shown.
import { Cart } from "./cart.js";

export const app = document.getElementById("app");

export const state = {
  menu: [],
  itemsById: new Map(),
  etag: null,
  category: null,
  orders: [],
  view: "menu",
};

export const cart = new Cart({
  maxQuantity: Number(app.dataset.maxQuantity),
  maxLines: Number(app.dataset.maxLines),
});
