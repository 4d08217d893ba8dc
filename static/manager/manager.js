// The manager's pages: confirmations, photo previews, and the live floor.
import { enableConfirmations } from "./confirm.js";
import { startLive } from "./live.js";
import { enablePhotoPreview } from "./photo-preview.js";

enableConfirmations(document);
enablePhotoPreview(document);

for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.submit());
}

const news = document.getElementById("floor-news");
if (news) {
  startLive(news, document.querySelector("[data-live-view]"));
}
