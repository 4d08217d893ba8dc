// The top bar's count of orders no manager has seen yet, on every manager page. What is new
// is kept on the server, the same on every device of the store: the count is fetched again
// whenever an event may have changed it, and shown in the tab's title too.
import { coalesced, fetchFragment } from "./fragments.js";

export function unseenOrders(news) {
  const title = document.title;

  function showInTitle() {
    const count = Number(news.querySelector("[data-count]")?.dataset.count ?? 0);
    document.title = count ? `(${count}) ${title}` : title;
  }

  showInTitle();
  return {
    refresh: coalesced(async () => {
      const html = await fetchFragment(news.dataset.url);
      if (html === null) return;
      news.innerHTML = html;
      showInTitle();
    }),
  };
}
