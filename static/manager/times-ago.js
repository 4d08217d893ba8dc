// Times that move on their own, in the page's language, kept current without asking the server:
// every 15 seconds each <time data-ago="EPOCH_SECONDS"> (a staff call) says "3 minutes ago"
// anew, and each <time data-age datetime="ISO"> (a table's visit, its oldest order still to
// serve) says how long since then, "12 min". An age inside an element with data-level takes
// "amber" or "red" there once its minutes reach the thresholds of the nearest
// data-amber-minutes and data-red-minutes (the dashboard's floor: the store's).
import { ageLevel } from "../kitchen/tickets.js";

const language = document.documentElement.lang || "en";
const relative = new Intl.RelativeTimeFormat(language, { numeric: "auto" });
const unit = (name) => new Intl.NumberFormat(language, { style: "unit", unit: name });
const minutesUnit = unit("minute");
const hoursUnit = unit("hour");
const TICK_MS = 15000;
let ticking = false;

export function showTimesAgo(root) {
  for (const time of root.querySelectorAll("time[data-ago]")) write(time);
  for (const time of root.querySelectorAll("time[data-age]")) writeAge(time);
  if (!ticking) {
    ticking = true;
    setInterval(() => showTimesAgo(document), TICK_MS);
  }
}

// A clock a little ahead of the tablet's never says "in 2 seconds" or "-1 min".
function minutesSince(milliseconds) {
  return Math.max(0, Math.floor((Date.now() - milliseconds) / 60000));
}

function write(time) {
  const minutes = minutesSince(Number(time.dataset.ago) * 1000);
  if (minutes === 0)
    time.textContent = relative.format(0, "second"); // "now"
  else if (minutes < 60) time.textContent = relative.format(-minutes, "minute");
  else time.textContent = relative.format(-Math.floor(minutes / 60), "hour");
}

function writeAge(time) {
  const since = Date.parse(time.dateTime);
  if (Number.isNaN(since)) return;
  const minutes = minutesSince(since);
  time.textContent = duration(minutes);
  const leveled = time.closest("[data-level]");
  const thresholds = time.closest("[data-amber-minutes]")?.dataset;
  if (leveled && thresholds) {
    // The kitchen display's rule, on this device's clock.
    const found = ageLevel(Date.now() - since, {
      amberMinutes: Number(thresholds.amberMinutes),
      redMinutes: Number(thresholds.redMinutes),
    });
    leveled.dataset.level = found === "fresh" ? "" : found;
  }
}

// "12 min", "1 hr", "1 hr 5 min" (Korean "1시간 5분").
function duration(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return minutesUnit.format(rest);
  if (rest === 0) return hoursUnit.format(hours);
  return `${hoursUnit.format(hours)} ${minutesUnit.format(rest)}`;
}
