// The guests' ordering page. Set up once with store code, table number and password; from
// then on it logs itself in. Menu by category, a cart kept on the tablet, orders that are
// never placed twice, and this visit's orders updated live. Each screen is a module:
// setup.js, main-screen.js (menu-view.js, cart-view.js, orders-view.js), ordering.js.
import { onSetupNeeded, SetupNeeded } from "./api.js";
import { device } from "./device.js";
import { h, replaceChildren } from "./dom.js";
import { _ } from "./i18n.js";
import { showMain, stopMain } from "./main-screen.js";
import { loadMenu } from "./menu-view.js";
import { describeFailure } from "./notices.js";
import { loadOrders } from "./orders-view.js";
import { showSetup } from "./setup.js";
import { app } from "./state.js";

const PASSWORD_CHANGED = () =>
  _("This table's password was changed. Please set up the tablet again.");

async function start() {
  const setup = device.setup;
  if (!device.deviceToken && !setup?.password) {
    return setUp(setup?.ended ? PASSWORD_CHANGED() : "");
  }
  try {
    await Promise.all([loadMenu(), loadOrders()]);
  } catch (error) {
    if (error instanceof SetupNeeded) return setUp(PASSWORD_CHANGED());
    return showFailure(error);
  }
  showMain();
}

function setUp(message = "") {
  stopMain();
  showSetup({ message, onReady: start });
}

function showFailure(error) {
  app.dataset.state = "failed";
  replaceChildren(
    app,
    h(
      "main",
      { class: "setup" },
      h(
        "div",
        { class: "setup-card" },
        h("h1", {}, _("Something went wrong")),
        h("p", {}, describeFailure(error)),
        h("button", { class: "button primary wide", onClick: () => start() }, _("Try again")),
      ),
    ),
  );
}

onSetupNeeded(() => setUp(PASSWORD_CHANGED()));
start();
