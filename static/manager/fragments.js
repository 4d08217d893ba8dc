// Server-rendered fragments fetched again by the live pages.

// One run at a time; calls made meanwhile make one more run afterwards, never several.
export function coalesced(task) {
  let running = null;
  let again = false;
  return function run() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await task();
        } catch (error) {
          console.warn("refresh failed", error);
        }
      } while (again);
      running = null;
    })();
    return running;
  };
}

// The fragment's HTML; null when it is gone (404). Signed out: to the login page.
export async function fetchFragment(url) {
  const response = await fetch(url, {
    credentials: "same-origin",
    headers: { Accept: "text/html" },
  });
  if (response.redirected && new URL(response.url).pathname.endsWith("/login/")) {
    window.location.assign(
      `${response.url.split("?")[0]}?next=${encodeURIComponent(location.pathname)}`,
    );
    return null;
  }
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.text()).trim();
}
