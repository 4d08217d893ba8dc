// The manager's pages: confirmations, photo previews, rows moved in forms, folded parts, and
// the live floor.
import { enableConfirmations } from "./confirm.js";
import { startLive } from "./live.js";
import { enableRowMoves } from "./move-rows.js";
import { enablePhotoPreview } from "./photo-preview.js";

enableConfirmations(document);
enablePhotoPreview(document);
enableRowMoves(document);

// A folded part of the page opens when the address points inside it (back from editing a dish).
const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
const folded = target?.closest("details:not([open])");
if (folded) {
  folded.open = true;
  target.scrollIntoView();
}

for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.submit());
}

const news = document.getElementById("floor-news");
if (news) {
  startLive(news, document.querySelector("[data-live-view]"));
}
