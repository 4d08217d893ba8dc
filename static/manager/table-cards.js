// The dashboard's cards (templates/manager/dashboard.html), one a table, drawn from the floor
// (floor.js): the visit's total and orders, how long it has lasted and how long its oldest
// order still to serve has waited, its newest orders, and its open call with its one-tap
// buttons (sent by call-actions.js). A card is drawn anew only when what it shows changed, so
// a tap on it is never lost to a redraw of another; its times move on their own
// (times-ago.js).

import { h, keepingFocus, placeInOrder } from "../tablet/dom.js";
import { _, format, language, money, ngettext } from "../tablet/i18n.js";
import { showTimesAgo } from "./times-ago.js";

const RECENT_ORDERS = 3;
const TIMES = "\u00d7";
const CLOCK = `<svg class="clock-icon" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.6"/><path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"/></svg>`;
const clockTemplate = document.createElement("template");
clockTemplate.innerHTML = CLOCK;

export function tableCards(root) {
  const grid = root.querySelector("#table-grid");
  const noTables = root.querySelector("#no-tables");
  const { tableFilter, visitUrl, acknowledgeUrl, resolveUrl, csrfToken } = root.dataset;
  const timeOfDay = new Intl.DateTimeFormat(language, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: root.dataset.timeZone,
  });
  const looks = new WeakMap();
  const filter = document.getElementById("table-filter");

  // The filter's choices follow the floor: a table added, renumbered or removed since the page
  // was drawn is there too.
  function listInFilter(tables) {
    if (!filter) return;
    const numbers = tables.map((table) => String(table.number));
    const listed = [...filter.options].slice(1).map((option) => option.value);
    if (numbers.join() === listed.join()) return;
    for (const option of [...filter.options].slice(1)) option.remove();
    for (const number of numbers) {
      filter.add(new Option(number, number, false, number === tableFilter));
    }
  }

  function card(table, call) {
    const visit = table.session;
    const orders = visit ? newestFirst([...visit.orders.values()]) : [];
    const waiting = orders.filter((order) => order.status !== "completed").at(-1);
    const classes = ["table-card"];
    if (visit) classes.push("is-open");
    if (orders.some((order) => order.seen_at === null)) classes.push("has-new");
    if (call) classes.push("has-call");
    return h(
      "article",
      { class: classes.join(" "), id: `table-${table.id}`, dataset: { tableId: table.id } },
      h(
        "div",
        { class: "card-head" },
        // The whole card opens the table's visit (the link covers it), but for the call's buttons.
        h(
          "a",
          { class: "card-number card-link", href: at(visitUrl, table.id) },
          String(table.number),
        ),
        h("span", { class: "card-total" }, money(sum(orders))),
      ),
      h("div", { class: "card-meta" }, visit ? visitMeta(visit, orders.length) : _("Free")),
      waiting
        ? h(
            // The oldest order still to serve: amber, then red, as on the kitchen display.
            "p",
            { class: "wait-age", "data-level": "" },
            // Translators: before how long the oldest order not served yet has waited: "Waiting 12 min".
            h("span", { class: "wait-label" }, _("Waiting")),
            " ",
            h("time", { datetime: waiting.created_at, "data-age": true }),
          )
        : null,
      h(
        "ul",
        { class: "card-orders" },
        orders.slice(0, RECENT_ORDERS).map(orderLine),
        more(orders),
      ),
      call ? callBlock(call) : null,
    );
  }

  function visitMeta(visit, count) {
    const since = format(_("since %(time)s"), {
      time: timeOfDay.format(new Date(visit.started_at)),
    });
    return [
      format(ngettext("%(count)s order", "%(count)s orders", count), { count }),
      " · ",
      h(
        "span",
        { class: "visit-age", title: since },
        clockTemplate.content.firstElementChild.cloneNode(true),
        h("time", { datetime: visit.started_at, "data-age": true }),
      ),
    ];
  }

  function callBlock(call) {
    return h(
      "div",
      {
        class: `staff-call call-${call.status}`,
        id: `call-${call.id}`,
        dataset: { callId: call.id },
      },
      h(
        "p",
        { class: "call-what" },
        h("strong", { class: "call-reason" }, call.reason_label),
        call.text ? [" ", h("span", { class: "call-text" }, `“${call.text}”`)] : null,
      ),
      h(
        "p",
        { class: "call-when" },
        h("span", { class: "call-status" }, callStatus(call.status)),
        " · ",
        h("time", {
          datetime: call.created_at,
          dataset: { ago: String(Math.floor(Date.parse(call.created_at) / 1000)) },
        }),
      ),
      h(
        "div",
        {
          class: "call-buttons",
          dataset: { failed: _("That did not go through. Please try again.") },
        },
        call.status === "open"
          ? answerForm(at(acknowledgeUrl, call.id), _("On my way"), "button button-primary")
          : null,
        answerForm(at(resolveUrl, call.id), _("Done"), "button"),
      ),
    );
  }

  function answerForm(action, label, buttonClass) {
    return h(
      "form",
      { method: "post", action, "data-call-action": true },
      h("input", { type: "hidden", name: "csrfmiddlewaretoken", value: csrfToken }),
      h("button", { type: "submit", class: buttonClass }, label),
    );
  }

  return {
    draw(floor) {
      const everyTable = [...floor.tables.values()].sort((a, b) => a.number - b.number);
      listInFilter(everyTable);
      const tables = everyTable.filter(
        (table) => !tableFilter || String(table.number) === tableFilter,
      );
      const drawn = new Map([...grid.children].map((element) => [element.id, element]));
      const fresh = [];
      keepingFocus(() => {
        const cards = tables.map((table) => {
          const call = floor.calls.get(table.id) ?? null;
          const look = JSON.stringify([
            table.number,
            table.session,
            [...(table.session?.orders.values() ?? [])],
            call,
          ]);
          const id = `table-${table.id}`;
          const element = drawn.get(id);
          drawn.delete(id);
          if (element && looks.get(element) === look) return element;
          const drawing = card(table, call);
          looks.set(drawing, look);
          element?.replaceWith(drawing);
          fresh.push(drawing);
          return drawing;
        });
        placeInOrder(grid, cards, drawn.values());
      });
      for (const element of fresh) showTimesAgo(element); // once in place: its thresholds
      noTables.hidden = tables.length > 0;
      grid.removeAttribute("aria-busy");
    },
  };
}

function orderLine(order) {
  const status = order.status;
  return h(
    "li",
    {
      class: `card-order status-${status}${order.seen_at === null ? " is-new" : ""}`,
      dataset: { orderId: order.id },
    },
    h("span", { class: "order-number" }, `#${order.number}`),
    h("span", { class: `status-badge status-${status}` }, orderStatus(status)),
    h("span", { class: "order-summary" }, summary(order)),
  );
}

// "Bibimbap (Mild, Egg) ×2 “no onion”, Cola · “we are in a hurry”".
function summary(order) {
  const lines = order.items.map((item) => {
    let text = item.name;
    if (item.options.length) text += ` (${item.options.map((option) => option.name).join(", ")})`;
    if (item.quantity > 1) text += ` ${TIMES}${item.quantity}`;
    if (item.note) text += ` “${item.note}”`;
    return text;
  });
  return lines.join(", ") + (order.note ? ` · “${order.note}”` : "");
}

function more(orders) {
  const count = orders.length - RECENT_ORDERS;
  if (count <= 0) return null;
  const text = ngettext("+%(count)s more order", "+%(count)s more orders", count);
  return h("li", { class: "card-more" }, format(text, { count }));
}

function orderStatus(status) {
  return { pending: _("Pending"), preparing: _("Preparing"), completed: _("Completed") }[status];
}

function callStatus(status) {
  return { open: _("Called"), acknowledged: _("On the way") }[status];
}

function newestFirst(orders) {
  return orders.sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
}

function sum(orders) {
  return orders.reduce((total, order) => total + order.total_amount, 0);
}

function at(url, id) {
  return url.replace("/0/", `/${id}/`);
}
