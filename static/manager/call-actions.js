// A staff call's one-tap answers ("On my way", "Done"), done in place on the calls page
// (templates/manager/_call.html) and on the dashboard's cards (table-cards.js). The form goes
// with fetch (its CSRF token with it) asking for JSON; the answer is the call as it is now.
// On the calls page the server's drawing of it is swapped in for the one shown, or the call
// leaves once it is resolved; a card takes it from the floor, told with a "call-answered"
// event. Without JavaScript the forms post and come back. Other screens follow from the
// staff_call_updated event (live.js), and so does this one.
import { showTimesAgo } from "./times-ago.js";

export function enableCallActions(root) {
  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-call-action")) return;
    event.preventDefault();
    answer(form);
  });
}

async function answer(form) {
  const call = form.closest(".staff-call");
  const failed = call.querySelector("[data-failed]").dataset.failed;
  // A card is drawn from the floor (table-cards.js), which takes the call from the answer.
  const onCard = call.closest(".table-card") !== null;
  setBusy(call, true); // one tap, one request
  const reply = await send(form);
  if (reply === undefined) return; // signed out: on the way to the login page
  if (reply?.body.call) {
    document.dispatchEvent(new CustomEvent("call-answered", { detail: reply.body.call }));
  }
  // A live update may have drawn the call anew meanwhile: change the one shown now.
  let shown = document.getElementById(call.id);
  if (shown && reply?.body.call && !onCard) {
    shown = redraw(shown, reply.body.html);
  } else if (shown) {
    setBusy(shown, false);
  }
  if (!reply?.ok) tell(shown, reply?.body.detail || failed);
}

// The server's JSON answer and whether it was a success; null when there is none to read (no
// network, or a page such as the CSRF failure's); undefined when signed out.
async function send(form) {
  try {
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (response.redirected && new URL(response.url).pathname.endsWith("/login/")) {
      window.location.assign(
        `${response.url.split("?")[0]}?next=${encodeURIComponent(location.pathname)}`,
      );
      return undefined;
    }
    if (!response.headers.get("Content-Type")?.startsWith("application/json")) return null;
    return { ok: response.ok, body: await response.json() };
  } catch (error) {
    console.warn("answering the call failed", error);
    return null;
  }
}

// The call as drawn in ``html``, or gone when that is null (resolved); the element shown after.
function redraw(shown, html) {
  if (html === null) {
    const list = shown.parentElement;
    shown.remove();
    if (!list.querySelector(".staff-call")) {
      const empty = list.querySelector("[data-no-calls]");
      if (empty) empty.hidden = false;
    }
    return null;
  }
  const template = document.createElement("template");
  template.innerHTML = html;
  const fresh = template.content.firstElementChild;
  shown.replaceWith(fresh);
  showTimesAgo(fresh);
  return fresh;
}

function setBusy(call, busy) {
  if (busy) call.setAttribute("aria-busy", "true");
  else call.removeAttribute("aria-busy");
  for (const button of call.querySelectorAll("button")) button.disabled = busy;
}

// A refusal or failure, on the call if it is still shown, else with the page's messages.
function tell(shown, text) {
  const note = document.createElement("p");
  note.setAttribute("role", "alert");
  note.textContent = text;
  if (shown) {
    note.className = "form-error call-error";
    shown.querySelector(".call-error")?.remove();
    shown.append(note);
    return;
  }
  let messages = document.querySelector(".messages");
  if (!messages) {
    messages = document.createElement("div");
    messages.className = "messages";
    document.querySelector("main").before(messages);
  }
  note.className = "message message-error";
  messages.replaceChildren(note);
}

enableCallActions(document);
