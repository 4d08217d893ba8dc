// The top bar's counts, on every manager page: the orders no manager has seen yet (in the
// tab's title too) and the open staff calls. The server draws them with the page; from then
// on they are drawn from the floor (floor.js), which the events keep current.
import { format, ngettext } from "../tablet/i18n.js";

export function floorNews(news, calls) {
  const unseen = news.querySelector(".unseen-orders");
  const open = calls?.querySelector(".open-calls");
  const title = document.title;

  function showCount(link, count, text) {
    link.dataset.count = String(count);
    link.hidden = count === 0;
    link.textContent = format(text, { count });
  }

  function showInTitle(count) {
    document.title = count ? `(${count}) ${title}` : title;
  }

  showInTitle(Number(unseen.dataset.count));
  return {
    show(floor) {
      const count = floor.unseenCount;
      showCount(unseen, count, ngettext("%(count)s new order", "%(count)s new orders", count));
      showInTitle(count);
      if (open) {
        const calling = floor.openCallCount;
        showCount(open, calling, ngettext("%(count)s call", "%(count)s calls", calling));
      }
    },
  };
}
