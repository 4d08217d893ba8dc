// The sales pages: a button that prints the page (the day close), with the page's print CSS.
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
