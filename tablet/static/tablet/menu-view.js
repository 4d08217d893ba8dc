// The menu: categories down the side, the dishes of one category, sold-out dishes shown but
// not orderable. Kept fresh by asking again now and then (a 304 while nothing changed).
import { api } from "./api.js";
import { badgeList } from "./badges.js";
import { needsChoosing, openDish } from "./dish-view.js";
import { h, keepingFocus, replaceChildren } from "./dom.js";
import { _, format, language, money } from "./i18n.js";
import { app, cart, state } from "./state.js";

const MENU_PATH = "/api/v1/menu/";

// Reads the menu; true when it changed.
export async function loadMenu() {
  const path = `${MENU_PATH}?lang=${encodeURIComponent(language)}`;
  const { status, body, headers } = await api("GET", path, {
    headers: state.etag ? { "If-None-Match": state.etag } : {},
  });
  if (status === 304) return false;
  state.etag = headers.get("ETag");
  state.menu = body.categories;
  state.itemsById = new Map(
    body.categories.flatMap((category) => category.menu_items).map((item) => [item.id, item]),
  );
  if (!state.menu.some((category) => category.id === state.category)) {
    state.category = state.menu[0]?.id ?? null;
  }
  return true;
}

export function renderMenu() {
  keepingFocus(drawMenu);
}

function drawMenu() {
  const categories = app.querySelector("#categories");
  const menu = app.querySelector("#menu");
  if (!categories || !menu) return;
  replaceChildren(categories, state.menu.map(categoryButton));
  const category = state.menu.find((each) => each.id === state.category);
  if (!category) {
    replaceChildren(menu, h("p", { class: "empty" }, _("The menu is empty for now.")));
    return;
  }
  replaceChildren(
    menu,
    h("h2", { class: "category-title" }, category.name),
    h("ul", { class: "items" }, category.menu_items.map(itemCard)),
  );
  renderQuantities();
}

// The badge on each dish with how many are in the cart.
export function renderQuantities() {
  for (const card of app.querySelectorAll(".item")) {
    const quantity = cart.quantity(Number(card.dataset.menuId));
    const badge = card.querySelector(".in-cart");
    badge.hidden = quantity === 0;
    badge.textContent = quantity ? `${quantity}` : "";
  }
}

function categoryButton(category) {
  return h(
    "button",
    {
      class: "category",
      "aria-pressed": String(category.id === state.category),
      dataset: { focusKey: `category-${category.id}` },
      onClick: () => {
        state.category = category.id;
        renderMenu();
      },
    },
    category.name,
  );
}

// How wide a card's photo is drawn: the grid's columns are 200 to about 300 px wide.
const PHOTO_SIZES = "300px";

// The photo's smaller copies for the browser to choose from (none: it loads image_url).
function srcset(variants = []) {
  return variants.map(({ url, width }) => `${url} ${width}w`).join(", ") || undefined;
}

function itemCard(item) {
  const soldOut = !item.is_available;
  // The photo and the name open the dish's page; "Add" puts it in the cart at once, unless
  // the guest must choose its options first.
  const open = () => openDish(item);
  const add = () => (needsChoosing(item) ? openDish(item) : cart.add(item.id));
  return h(
    "li",
    { class: `item${soldOut ? " sold-out" : ""}`, dataset: { menuId: item.id } },
    item.image_url
      ? h("img", {
          class: "photo",
          src: item.image_url,
          srcset: srcset(item.image_variants),
          sizes: PHOTO_SIZES,
          alt: "",
          loading: "lazy",
          onClick: open,
        })
      : h("div", { class: "photo placeholder", onClick: open }),
    soldOut ? h("span", { class: "sold-out-badge" }, _("Sold out")) : null,
    h("span", { class: "in-cart", hidden: true }),
    h(
      "div",
      { class: "item-text" },
      badgeList(item.badges),
      h("h3", { class: "item-name", onClick: open }, item.name),
      item.description ? h("p", { class: "item-description" }, item.description) : null,
    ),
    h(
      "div",
      { class: "item-foot" },
      h("span", { class: "price" }, money(item.price)),
      h(
        "button",
        {
          class: "button primary add",
          disabled: soldOut,
          "aria-label": format(_("Add %(name)s"), { name: item.name }),
          onClick: add,
        },
        soldOut ? _("Sold out") : _("Add"),
      ),
    ),
  );
}
