// The kitchen API as this page calls it: the session cookie, and Django's CSRF token on every
// POST (the csrftoken cookie, which a sign-in elsewhere in this browser renews; else the one
// the page was drawn with).

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error_code ?? null;
    this.detail = body?.detail ?? null;
  }
}

// Signed out (the session ended, the account was switched off): no tap will go through.
export class SignedOut extends Error {}

export function kitchenApi(root) {
  const { kitchenUrl, bumpUrl, recallUrl, checkUrl, csrfToken } = root.dataset;
  const at = (template, id) => template.replace("/0/", `/${id}/`);

  function csrf() {
    const cookie = document.cookie.split("; ").find((each) => each.startsWith("csrftoken="));
    return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : csrfToken;
  }

  async function call(url, body) {
    const response = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: {
        Accept: "application/json",
        ...(body === undefined
          ? {}
          : { "Content-Type": "application/json", "X-CSRFToken": csrf() }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await response.json().catch(() => null);
    if (response.status === 401 || data?.error_code === "NOT_AUTHENTICATED") throw new SignedOut();
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  const station = (stationId) => (stationId === null ? {} : { station_id: stationId });
  return {
    kitchen: () => call(kitchenUrl),
    bump: (orderId, status, stationId) =>
      call(at(bumpUrl, orderId), { status, ...station(stationId) }),
    recall: (orderId, stationId) => call(at(recallUrl, orderId), station(stationId)),
    check: (lineId, done) => call(at(checkUrl, lineId), { done }),
  };
}
