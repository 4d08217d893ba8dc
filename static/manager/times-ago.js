// "3 minutes ago" on the staff calls, in the page's language, kept current without asking the
// server: each <time data-ago="EPOCH_SECONDS"> is written anew every 15 seconds.
const relative = new Intl.RelativeTimeFormat(document.documentElement.lang || "en", {
  numeric: "auto",
});
const TICK_MS = 15000;
let ticking = false;

export function showTimesAgo(root) {
  for (const time of root.querySelectorAll("time[data-ago]")) write(time);
  if (!ticking) {
    ticking = true;
    setInterval(() => showTimesAgo(document), TICK_MS);
  }
}

function write(time) {
  // A clock a little ahead of the tablet's never says "in 2 seconds".
  const minutes = Math.max(0, Math.floor((Date.now() / 1000 - Number(time.dataset.ago)) / 60));
  if (minutes === 0)
    time.textContent = relative.format(0, "second"); // "now"
  else if (minutes < 60) time.textContent = relative.format(-minutes, "minute");
  else time.textContent = relative.format(-Math.floor(minutes / 60), "hour");
}
