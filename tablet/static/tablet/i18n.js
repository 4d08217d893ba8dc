// Django's JavaScript catalogue (/jsi18n/, in the request's language) as module functions.
const catalogue = globalThis.django ?? {};

export const _ = (text) => (catalogue.gettext ? catalogue.gettext(text) : text);

export function format(text, values) {
  return catalogue.interpolate
    ? catalogue.interpolate(text, values, true)
    : text.replace(/%\((\w+)\)s/g, (_match, name) => values[name]);
}

export function ngettext(singular, plural, count) {
  return catalogue.ngettext
    ? catalogue.ngettext(singular, plural, count)
    : count === 1
      ? singular
      : plural;
}

export const language = document.documentElement.lang || "en";

// Won as each language writes it: 12,000원, ₩12,000, ￦12,000.
const won = new Intl.NumberFormat(language, { style: "currency", currency: "KRW" });

export function money(amount) {
  return language.startsWith("ko") ? `${amount.toLocaleString("ko-KR")}원` : won.format(amount);
}
