// Shows the photo chosen in a file input before it is uploaded.
export function enablePhotoPreview(root) {
  const preview = root.getElementById("photo-preview");
  const input = root.querySelector('input[type="file"][name="image"]');
  if (!preview || !input) return;
  input.addEventListener("change", () => {
    const [file] = input.files;
    if (!file) return;
    const reader = new FileReader(); // a data: URL, which the page's CSP allows for images
    reader.addEventListener("load", () => {
      preview.src = reader.result;
      preview.classList.remove("is-empty");
    });
    reader.readAsDataURL(file);
  });
}
