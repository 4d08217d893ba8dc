// The guests' language: the page's words (Django's catalogue for it) and the menu's texts
// follow it. A guest's choice is Django's language cookie, kept for their visit; the next
// guests start in the tablet's own language again.
import { h } from "./dom.js";
import { _, language } from "./i18n.js";
import { app } from "./state.js";

const LANGUAGES = JSON.parse(document.getElementById("languages")?.textContent ?? "[]");
const COOKIE = app.dataset.languageCookie;

function nameOf(code) {
  return LANGUAGES.find(([each]) => each === code)?.[1] ?? code;
}

function chosen() {
  return document.cookie.split("; ").some((cookie) => cookie.startsWith(`${COOKIE}=`));
}

// document.cookie, not the Cookie Store API, which needs a secure context that a tablet on the
// shop's own network may not have.
function choose(code) {
  // biome-ignore lint/suspicious/noDocumentCookie: see above
  document.cookie = `${COOKIE}=${encodeURIComponent(code)}; path=/; max-age=86400; SameSite=Lax`;
  location.reload(); // the cart and the orders are kept on the tablet and read again
}

// After the guests' visit: back to the tablet's own language. True if the page reloads.
export function forgetGuestsLanguage() {
  if (!chosen()) return false;
  // biome-ignore lint/suspicious/noDocumentCookie: see choose()
  document.cookie = `${COOKIE}=; path=/; max-age=0; SameSite=Lax`;
  location.reload();
  return true;
}

// The top bar's button: the language shown, and a sheet of the others, each in its own words.
export function languageButton() {
  return h(
    "button",
    {
      class: "language-button",
      "aria-label": _("Language"),
      "aria-haspopup": "dialog",
      onClick: openLanguages,
    },
    nameOf(language),
  );
}

function openLanguages() {
  const dialog = h(
    "dialog",
    { class: "sheet languages", "aria-label": _("Language") },
    h("h2", {}, _("Language")),
    h(
      "div",
      { class: "language-list" },
      LANGUAGES.map(([code, name]) =>
        h(
          "button",
          {
            class: "button language-choice",
            lang: code,
            "aria-pressed": String(code === language),
            onClick: () => (code === language ? dialog.close() : choose(code)),
          },
          name,
        ),
      ),
    ),
    h(
      "div",
      { class: "sheet-buttons" },
      h("button", { class: "button quiet", onClick: () => dialog.close() }, _("Back")),
    ),
  );
  dialog.addEventListener("close", () => dialog.remove());
  app.append(dialog);
  dialog.showModal();
}
