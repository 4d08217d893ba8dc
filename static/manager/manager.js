// The manager's pages: confirmations, photo previews, and the live floor.
import { enableConfirmations } from "./confirm.js";
import { startLiveFloor } from "./live.js";
import { enablePhotoPreview } from "./photo-preview.js";

enableConfirmations(document);
enablePhotoPreview(document);

for (const select of document.querySelectorAll("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form.submit());
}

const floor = document.querySelector("[data-live-view]");
if (floor) {
  startLiveFloor(floor);
}
