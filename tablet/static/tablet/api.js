// The JSON API (docs/api.md), as this table calls it. The table's password is used once, at
// setup; from then on the tablet signs in with the device credential the setup gave it, and
// renews its token with that whenever the server refuses it.
import { device } from "./device.js";

export class ApiError extends Error {
  constructor(status, body, headers) {
    super(body?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error_code ?? null;
    this.body = body;
    this.retryAfter = Number(headers?.get("Retry-After")) || null;
  }
}

// The table's password changed (or the table is gone): only a new setup helps. Whoever
// finds it out announces it; the page (app.js) goes back to the setup screen.
export class SetupNeeded extends Error {}

const SETUP_NEEDED = "tablet:setup-needed";

export function announceSetupNeeded() {
  document.dispatchEvent(new Event(SETUP_NEEDED));
}

export function onSetupNeeded(listener) {
  document.addEventListener(SETUP_NEEDED, listener);
}

// The setup: the table's password for a token and the tablet's device credential.
export async function login({ store, tableNumber, password }) {
  const body = await signIn("/api/v1/auth/table/", {
    store,
    table_number: tableNumber,
    password,
  });
  device.deviceToken = body.device_token;
  return body;
}

async function signIn(path, credentials) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(credentials),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body, response.headers);
  device.token = body.access;
  device.identity = { store: body.store, table: body.table };
  return body;
}

let renewing = null;

// One renewal at a time, however many requests found the token refused. A tablet set up
// before device credentials existed still remembers the password: it signs in with it once
// for a credential, then forgets it.
export function renewToken() {
  renewing ??= (async () => {
    const setup = device.setup;
    try {
      if (!setup) throw new SetupNeeded();
      if (device.deviceToken) {
        await signIn("/api/v1/auth/table/device/", { device_token: device.deviceToken });
      } else if (setup.password) {
        await login(setup);
        device.setup = { store: setup.store, tableNumber: setup.tableNumber };
      } else {
        throw new SetupNeeded();
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        device.token = null;
        device.deviceToken = null;
        device.setup = { ...device.setup, ended: true }; // said again until set up anew
        throw new SetupNeeded();
      }
      throw error;
    } finally {
      renewing = null;
    }
  })();
  return renewing;
}

function tokenExpired(token, marginSeconds = 60) {
  try {
    const claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return claims.exp * 1000 < Date.now() + marginSeconds * 1000;
  } catch {
    return true;
  }
}

// A request with the table's token; a refused token is renewed once and the request repeated.
export async function api(method, path, { body, headers = {} } = {}) {
  if (!device.token || !device.identity || tokenExpired(device.token)) await renewToken();
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(path, {
      method,
      headers: {
        Accept: "application/json",
        Authorization: `Bearer ${device.token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-cache",
    });
    if (response.status === 401 && attempt === 0) {
      await renewToken();
      continue;
    }
    if (response.status === 304) return { status: 304, body: null, headers: response.headers };
    const data = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, data, response.headers);
    return { status: response.status, body: data, headers: response.headers };
  }
}

// A key that names one order across its retries (crypto.randomUUID needs a secure context).
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
