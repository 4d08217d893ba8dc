// The setup screen: store code, table number and password, once per tablet. From then on the
// tablet signs itself in with the device credential it got here; the store code and table
// number are offered again if it must be set up anew.
import { ApiError, login } from "./api.js";
import { device } from "./device.js";
import { h, replaceChildren } from "./dom.js";
import { _, format, ngettext } from "./i18n.js";
import { describeFailure } from "./notices.js";
import { app, cart } from "./state.js";

export function showSetup({ message = "", onReady }) {
  const remembered = device.setup ?? {};
  const error = h("p", { class: "form-error", role: "alert", hidden: !message }, message);
  const field = (label, input) => h("label", { class: "field" }, h("span", {}, label), input);
  const store = h("input", {
    name: "store",
    required: true,
    autocomplete: "off",
    autocapitalize: "none",
    value: remembered.store ?? "",
  });
  const table = h("input", {
    name: "table",
    type: "number",
    min: "1",
    max: "999",
    required: true,
    inputmode: "numeric",
    value: remembered.tableNumber ?? "",
  });
  const password = h("input", {
    name: "password",
    type: "password",
    required: true,
    autocomplete: "current-password",
  });
  const submit = h("button", { type: "submit", class: "button primary wide" }, _("Start"));
  const form = h(
    "form",
    { class: "setup-card", onSubmit: (event) => submitSetup(event) },
    h("h1", {}, "Table Order"),
    h(
      "p",
      { class: "muted" },
      _("Set up this tablet for its table. It stays signed in from then on."),
    ),
    error,
    field(_("Store code"), store),
    field(_("Table number"), table),
    field(_("Table password"), password),
    submit,
  );

  async function submitSetup(event) {
    event.preventDefault();
    const setup = {
      store: store.value.trim(),
      tableNumber: Number(table.value),
      password: password.value,
    };
    submit.disabled = true;
    error.hidden = true;
    try {
      await login(setup);
      device.setup = { store: setup.store, tableNumber: setup.tableNumber };
      cart.clear();
      await onReady();
    } catch (failure) {
      error.hidden = false;
      error.textContent = setupFailure(failure);
    } finally {
      submit.disabled = false;
    }
  }

  app.dataset.state = "setup";
  replaceChildren(app, h("main", { class: "setup" }, form));
  (remembered.store ? password : store).focus();
}

function setupFailure(failure) {
  const text = describeFailure(failure, {
    401: _("The store code, table number or password is not right."),
  });
  const left = failure instanceof ApiError ? failure.body?.attempts_left : undefined;
  if (left === undefined) return text;
  const pause = ngettext(
    "%(count)s more try before sign-in pauses.",
    "%(count)s more tries before sign-in pauses.",
    left,
  );
  return `${text} ${format(pause, { count: left })}`;
}
