// Up and down buttons on the rows of a list in a form, so that the form sends its rows in the
// order shown: an option group's choices, the option groups a dish offers. Without JavaScript
// there are no buttons and the rows keep the order the page came with.
//
// <template data-move-buttons="LIST_ID"> holds the buttons (manager/_move_buttons.html); each
// child of the element LIST_ID is a row and gets a copy, in its [data-move-here] if it has one.
// With data-move-ticked only rows whose check box is ticked move, among themselves. With
// data-formset-prefix="P" the rows are a Django formset's forms: their fields are numbered
// again (P-0-name, P-1-name, ...) as they stand, because the formset reads them by number.

export function enableRowMoves(root) {
  for (const buttons of root.querySelectorAll("template[data-move-buttons]")) {
    const list = root.getElementById(buttons.dataset.moveButtons);
    if (list) enable(list, buttons);
  }
}

function enable(list, buttons) {
  const tickedOnly = buttons.hasAttribute("data-move-ticked");
  const prefix = buttons.dataset.formsetPrefix;
  const rows = () => [...list.children];
  const moving = () => rows().filter((row) => !tickedOnly || row.querySelector("input:checked"));

  for (const row of rows()) {
    (row.querySelector("[data-move-here]") ?? row).append(buttons.content.cloneNode(true));
  }

  const update = () => {
    const movable = moving();
    for (const row of rows()) {
      const place = movable.indexOf(row);
      row.querySelector(".move-buttons").hidden = place < 0;
      row.querySelector("[data-move=up]").disabled = place <= 0;
      row.querySelector("[data-move=down]").disabled = place < 0 || place === movable.length - 1;
    }
    if (prefix) {
      for (const [index, row] of rows().entries()) numberFields(row, prefix, index);
    }
  };

  list.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-move]");
    if (!button) return;
    const movable = moving();
    const row = movable.find((candidate) => candidate.contains(button));
    if (!row) return;
    const place = movable.indexOf(row);
    if (button.dataset.move === "up" && place > 0) movable[place - 1].before(row);
    if (button.dataset.move === "down" && place < movable.length - 1) movable[place + 1].after(row);
    update();
    // Moving the row took the focus away; keep it on the button, or on its pair at an end.
    const other = row.querySelector(`[data-move=${button.dataset.move === "up" ? "down" : "up"}]`);
    (button.disabled ? other : button).focus();
  });
  list.addEventListener("change", update);
  update();
}

function numberFields(row, prefix, index) {
  const numbered = new RegExp(`${prefix}-\\d+-`);
  const now = `${prefix}-${index}-`;
  for (const field of row.querySelectorAll("[name], [id], label[for]")) {
    for (const attribute of ["name", "id", "for"]) {
      const value = field.getAttribute(attribute);
      if (value) field.setAttribute(attribute, value.replace(numbered, now));
    }
  }
}
