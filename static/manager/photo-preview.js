// Shows the photo chosen in a file input before it is uploaded, and keeps it through a form
// error: a browser never fills a file input again, so the chosen file waits in IndexedDB
// (which holds files; sessionStorage does not) until the form comes back with errors that
// are not the photo's own.

const DATABASE = "tableorder-chosen-photos";
const FILES = "files";

export function enablePhotoPreview(root) {
  const preview = root.getElementById("photo-preview");
  const input = root.querySelector('input[type="file"][name="image"]');
  if (!preview || !input) {
    forgetChosenPhotos();
    return;
  }
  const key = location.pathname;
  input.addEventListener("change", () => {
    const [file] = input.files;
    if (!file) return chosen(key, null);
    show(preview, file);
    chosen(key, file);
  });
  if (input.form.hasAttribute("data-keeps-photo") && !input.files.length) {
    restore(key, input, preview);
  } else {
    forgetChosenPhotos();
  }
}

function show(preview, file) {
  const reader = new FileReader(); // a data: URL, which the page's CSP allows for images
  reader.addEventListener("load", () => {
    preview.src = reader.result;
    preview.classList.remove("is-empty");
  });
  reader.readAsDataURL(file);
}

async function restore(key, input, preview) {
  const file = await request((files) => files.get(key), "readonly").catch(() => null);
  if (!(file instanceof File) || input.files.length) return;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  show(preview, file);
}

function chosen(key, file) {
  request((files) => (file ? files.put(file, key) : files.delete(key))).catch(() => {});
}

// Nothing waits once a form was saved or left: the photo is the store's, not the browser's.
function forgetChosenPhotos() {
  indexedDB.deleteDatabase(DATABASE);
}

function request(work, mode = "readwrite") {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open(DATABASE, 1);
    opening.addEventListener("upgradeneeded", () => opening.result.createObjectStore(FILES));
    opening.addEventListener("error", () => reject(opening.error));
    opening.addEventListener("success", () => {
      const database = opening.result;
      const transaction = database.transaction(FILES, mode);
      const asked = work(transaction.objectStore(FILES));
      transaction.addEventListener("complete", () => {
        database.close();
        resolve(asked.result);
      });
      transaction.addEventListener("error", () => reject(transaction.error));
    });
  });
}
