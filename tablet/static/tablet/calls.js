// The guests' "Call staff" button in the top bar: a sheet of the reasons the store offers
// (with a few words for "other"), then what became of the call: called, on the way, done.
// A table waits the store's cooldown between calls; the button counts it down.
import { ApiError, api } from "./api.js";
import { h } from "./dom.js";
import { _, format } from "./i18n.js";
import { describeFailure, toast } from "./notices.js";
import { app } from "./state.js";

const TEXT_MAX_LENGTH = 60;

const calling = { call: null, reasons: [], cooldownSeconds: 30, nextCallAt: 0 };
let button = null;
let countdown = null;

export function callButton() {
  button = h("button", {
    class: "call-button",
    id: "call-staff",
    "aria-haspopup": "dialog",
    onClick: openCalls,
  });
  show();
  return button;
}

// The table's open call, the reasons offered and when it may call again.
export async function loadCall() {
  const { body } = await api("GET", "/api/v1/calls/current/");
  calling.call = body.call;
  calling.reasons = body.reasons;
  calling.cooldownSeconds = body.cooldown_seconds;
  calling.nextCallAt = Date.now() + body.next_call_in * 1000;
  show();
}

// ``staff_call`` and ``staff_call_updated``: the call as the staff left it.
export function showCall(call) {
  const wasComing = calling.call?.status === "acknowledged";
  calling.call = call.status === "resolved" ? null : call;
  if (call.status === "acknowledged" && !wasComing) toast(_("Staff is on the way."));
  show();
}

function secondsToWait() {
  return Math.max(0, Math.ceil((calling.nextCallAt - Date.now()) / 1000));
}

function show() {
  if (!button) return;
  const status = calling.call?.status ?? "ready";
  const wait = calling.call ? 0 : secondsToWait();
  button.dataset.state = wait ? "waiting" : status;
  button.disabled = wait > 0;
  button.textContent =
    status === "acknowledged"
      ? _("Staff is on the way")
      : status === "open"
        ? _("Staff called")
        : wait
          ? format(_("Call staff (%(seconds)s s)"), { seconds: wait })
          : _("Call staff");
  clearTimeout(countdown);
  if (wait) countdown = setTimeout(show, 1000);
}

async function openCalls() {
  try {
    await loadCall(); // the store may have changed its reasons
  } catch {
    // offline for a moment: the reasons it knows
  }
  if (calling.call) {
    toast(
      calling.call.status === "acknowledged"
        ? _("Staff is on the way.")
        : _("The staff has been called and will be with you shortly."),
    );
    return;
  }
  if (secondsToWait() || !calling.reasons.length) return;
  const note = h("input", {
    type: "text",
    class: "call-text",
    maxlength: TEXT_MAX_LENGTH,
    "aria-label": _("What do you need?"),
    placeholder: _("What do you need?"),
  });
  const other = h(
    "div",
    { class: "call-other", hidden: true },
    note,
    h(
      "button",
      { class: "button primary", onClick: () => send(other.dataset.reason, note.value) },
      _("Send"),
    ),
  );
  const dialog = h(
    "dialog",
    { class: "sheet calls", "aria-label": _("Call staff") },
    h("h2", {}, _("Call staff")),
    h(
      "div",
      { class: "call-reasons" },
      calling.reasons.map((reason) =>
        h(
          "button",
          {
            class: "button call-reason",
            dataset: { reason: reason.code },
            onClick: () => {
              if (!reason.takes_text) return send(reason.code, "");
              other.dataset.reason = reason.code;
              other.hidden = false;
              note.focus();
            },
          },
          reason.label,
        ),
      ),
    ),
    other,
    h(
      "div",
      { class: "sheet-buttons" },
      h("button", { class: "button quiet", onClick: () => dialog.close() }, _("Back")),
    ),
  );

  async function send(reason, text) {
    for (const control of dialog.querySelectorAll("button, input")) control.disabled = true;
    try {
      const { status, body } = await api("POST", "/api/v1/calls/", {
        body: text.trim() ? { reason, text: text.trim() } : { reason },
      });
      if (status === 201) calling.nextCallAt = Date.now() + calling.cooldownSeconds * 1000;
      dialog.close();
      showCall(body);
      toast(_("The staff has been called and will be with you shortly."));
    } catch (error) {
      dialog.close();
      if (error instanceof ApiError && error.code === "CALL_TOO_SOON") {
        calling.nextCallAt = Date.now() + (error.retryAfter ?? calling.cooldownSeconds) * 1000;
        show();
        toast(_("Please wait a moment before calling again."));
      } else {
        toast(describeFailure(error));
      }
    }
  }

  dialog.addEventListener("close", () => dialog.remove());
  app.append(dialog);
  dialog.showModal();
}
