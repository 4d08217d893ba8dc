// Under a dish's name, wherever a line is shown (cart, confirmation, orders): the options
// chosen and the guest's note.
import { h } from "./dom.js";

export function lineDetails(optionNames, note) {
  if (!optionNames.length && !note) return null;
  return h(
    "div",
    { class: "line-details" },
    optionNames.length ? h("span", { class: "line-options" }, optionNames.join(", ")) : null,
    note ? h("span", { class: "line-note" }, note) : null,
  );
}
