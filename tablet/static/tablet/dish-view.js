// A dish's page, over the menu: its photo large, its description, its option groups to choose
// from (one of a kind as radio buttons, several as check boxes with how many are taken), how
// many, a note for the kitchen, and the price as chosen on the button that adds it.
import { badgeList } from "./badges.js";
import { lineChoices, NOTE_MAX_LENGTH, unitPrice } from "./cart.js";
import { h } from "./dom.js";
import { _, format, money, ngettext } from "./i18n.js";
import { app, cart } from "./state.js";

// Whether the guest must choose before the dish goes in the cart.
export function needsChoosing(item) {
  return (item.option_groups ?? []).some((group) => group.min_choices > 0);
}

function groupHint(group) {
  const { min_choices: least, max_choices: most } = group;
  if (least === most) {
    return format(ngettext("Choose %(count)s", "Choose %(count)s", most), { count: most });
  }
  if (least === 0) {
    return format(ngettext("Up to %(count)s", "Up to %(count)s", most), { count: most });
  }
  return format(_("Choose %(least)s to %(most)s"), { least, most });
}

export function openDish(item) {
  const chosen = new Set();
  let quantity = 1;
  const groups = item.option_groups ?? [];
  const taken = (group) => group.choices.filter((choice) => chosen.has(choice.id)).length;

  const note = h("textarea", {
    class: "dish-note",
    id: "dish-note",
    maxlength: NOTE_MAX_LENGTH,
    rows: 2,
    placeholder: _("No green onion, less spicy…"),
  });
  const shownQuantity = h("span", { class: "quantity" }, "1");
  const add = h("button", { class: "button primary dish-add", onClick: () => addToCart() });
  const fieldsets = groups.map((group) => groupFieldset(group, chosen, refresh));

  function refresh() {
    const { choices } = lineChoices(item, [...chosen]);
    const missing = groups.find((group) => taken(group) < group.min_choices);
    add.disabled = !item.is_available || Boolean(missing);
    if (!item.is_available) {
      add.textContent = _("Sold out");
    } else if (missing) {
      add.textContent = format(_("Choose %(group)s"), { group: missing.name });
    } else {
      const price = money(unitPrice(item, choices) * quantity);
      add.textContent = format(_("Add · %(price)s"), { price });
    }
    for (const [index, group] of groups.entries()) {
      const fieldset = fieldsets[index];
      fieldset.querySelector(".group-count").textContent = `${taken(group)}/${group.max_choices}`;
      if (group.max_choices === 1) continue;
      const full = taken(group) >= group.max_choices;
      for (const input of fieldset.querySelectorAll("input")) {
        input.disabled = input.dataset.soldOut === "true" || (full && !input.checked);
      }
    }
    shownQuantity.textContent = String(quantity);
  }

  function step(by) {
    quantity = Math.min(Math.max(1, quantity + by), cart.maxQuantity);
    refresh();
  }

  function addToCart() {
    cart.add(item.id, { optionIds: [...chosen], note: note.value.trim(), quantity });
    dialog.close();
  }

  const photo = item.image_variants?.at(-1)?.url ?? item.image_url;
  const dialog = h(
    "dialog",
    { class: "sheet dish", "aria-label": item.name },
    photo ? h("img", { class: "dish-photo", src: photo, alt: "" }) : null,
    badgeList(item.badges),
    h("h2", {}, item.name),
    item.description ? h("p", { class: "dish-description" }, item.description) : null,
    h("p", { class: "dish-price" }, money(item.price)),
    fieldsets,
    h(
      "div",
      { class: "dish-quantity" },
      h("span", {}, _("Quantity")),
      h(
        "span",
        { class: "stepper" },
        h("button", { class: "step", "aria-label": _("One less"), onClick: () => step(-1) }, "−"),
        shownQuantity,
        h("button", { class: "step", "aria-label": _("One more"), onClick: () => step(1) }, "+"),
      ),
    ),
    h("label", { class: "dish-note-label", for: "dish-note" }, _("Note for the kitchen")),
    note,
    h(
      "div",
      { class: "sheet-buttons" },
      h("button", { class: "button quiet", onClick: () => dialog.close() }, _("Back")),
      add,
    ),
  );
  dialog.addEventListener("close", () => dialog.remove());
  refresh();
  app.append(dialog);
  dialog.showModal();
}

function groupFieldset(group, chosen, refresh) {
  // Exactly one: radio buttons. Anything else (none or one, several): check boxes, and
  // where at most one may be taken, taking one lets go of the other.
  const radio = group.min_choices === 1 && group.max_choices === 1;
  return h(
    "fieldset",
    { class: "option-group", dataset: { groupId: group.id } },
    h(
      "legend",
      {},
      h("span", { class: "group-name" }, group.name),
      h("span", { class: "group-hint" }, groupHint(group)),
      group.required ? h("span", { class: "group-required" }, _("Required")) : null,
      h("span", { class: "group-count", "aria-hidden": "true" }),
    ),
    group.choices.map((choice) =>
      h(
        "label",
        { class: `option-choice${choice.is_available ? "" : " sold-out"}` },
        h("input", {
          type: radio ? "radio" : "checkbox",
          name: `group-${group.id}`,
          value: choice.id,
          disabled: !choice.is_available,
          dataset: { soldOut: String(!choice.is_available) },
          onChange: (event) => {
            if (radio || group.max_choices === 1) {
              for (const other of group.choices) chosen.delete(other.id);
              if (event.target.checked) chosen.add(choice.id);
              for (const box of event.target.closest("fieldset").querySelectorAll("input")) {
                box.checked = chosen.has(Number(box.value));
              }
            } else if (event.target.checked) {
              chosen.add(choice.id);
            } else {
              chosen.delete(choice.id);
            }
            refresh();
          },
        }),
        h("span", { class: "choice-name" }, choice.name),
        choice.price_delta
          ? h("span", { class: "choice-price" }, `+${money(choice.price_delta)}`)
          : null,
        choice.is_available ? null : h("span", { class: "sold-out-badge" }, _("Sold out")),
      ),
    ),
  );
}
