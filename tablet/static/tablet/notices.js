// What the guest is told when something goes wrong: a sentence for a failure, and a toast.
import { ApiError } from "./api.js";
import { h } from "./dom.js";
import { _, format, ngettext } from "./i18n.js";
import { app } from "./state.js";

const TOAST_MS = 5000;

export function describeFailure(error, messages = {}) {
  if (error instanceof ApiError) {
    if (messages[error.status]) return messages[error.status];
    if (error.status === 429) {
      const minutes = Math.max(1, Math.ceil((error.retryAfter ?? 60) / 60));
      const text = ngettext(
        "Too many attempts. Try again in %(count)s minute.",
        "Too many attempts. Try again in %(count)s minutes.",
        minutes,
      );
      return format(text, { count: minutes });
    }
    return error.message;
  }
  return _("The network is not answering. Check the connection and try again.");
}

let toastTimer = null;

// A short message at the bottom; with ``action`` ({label, run}), a button that does it.
export function toast(message, action = null) {
  const element = app.querySelector("#toast");
  if (!element) return;
  element.replaceChildren(message);
  if (action) {
    const button = h("button", { class: "button quiet small toast-action" }, action.label);
    button.addEventListener("click", () => {
      element.hidden = true;
      action.run();
    });
    element.append(" ", button);
  }
  element.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    element.hidden = true;
  }, TOAST_MS);
}
