// Forms marked data-confirm="question" ask first, in the page's own dialog, with Cancel
// focused: Enter alone never deletes or completes anything.
export function enableConfirmations(root) {
  const dialog = root.getElementById("confirm-dialog");
  if (!dialog) return;
  let pending = null;

  root.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
    event.preventDefault();
    pending = form;
    dialog.querySelector(".confirm-message").textContent = form.dataset.confirm;
    dialog.showModal();
    dialog.querySelector(".confirm-cancel").focus();
  });

  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "confirm" && pending) {
      // A live update may have drawn the page anew while the question was open, taking the
      // form out of it; a form out of the page sends nothing, so it goes back in first.
      if (!pending.isConnected) {
        pending.hidden = true;
        document.body.append(pending);
      }
      pending.submit(); // submit() fires no submit event: no second question
    }
    pending = null;
  });
}
