// The badges a manager puts on a dish (popular, new, spicy), on its card and its page.
import { h } from "./dom.js";
import { _ } from "./i18n.js";

const BADGE_LABELS = { popular: () => _("Popular"), new: () => _("New"), spicy: () => _("Spicy") };

// The badges a manager put on the dish (none: nothing).
export function badgeList(badges = []) {
  if (!badges.length) return null;
  return h(
    "ul",
    { class: "badges" },
    badges.map((badge) => h("li", { class: `badge badge-${badge}` }, BADGE_LABELS[badge]())),
  );
}
