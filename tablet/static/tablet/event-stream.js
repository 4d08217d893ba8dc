// /api/v1/events/ read with fetch(), because EventSource cannot send the bearer header.
// Reconnects with Last-Event-ID, so the server replays what the gap held. A stream that says
// nothing, not even its keep-alive, for ``silenceMs`` is lost, whatever the socket says: a
// server that went away without closing it, a proxy holding it open.

import { announceSetupNeeded, renewToken, SetupNeeded } from "./api.js";
import { device } from "./device.js";

const MAX_RETRY_MS = 15000;

export class EventStream {
  constructor({ onEvent, onStatus, onOpen, silenceMs }) {
    Object.assign(this, { onEvent, onStatus, onOpen, silenceMs });
    this.lastEventId = null;
    this.stopped = false;
    this.controller = null;
  }

  start() {
    this.#run();
  }

  stop() {
    this.stopped = true;
    this.controller?.abort();
  }

  async #run() {
    let retryMs = 1000;
    while (!this.stopped) {
      try {
        this.controller = new AbortController();
        const response = await fetch("/api/v1/events/", {
          headers: {
            Accept: "text/event-stream",
            Authorization: `Bearer ${device.token}`,
            ...(this.lastEventId ? { "Last-Event-ID": this.lastEventId } : {}),
          },
          cache: "no-store",
          signal: this.controller.signal,
        });
        if (response.status === 401) {
          await renewToken();
          continue;
        }
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        this.onStatus("live");
        retryMs = 1000;
        await this.#read(response.body);
      } catch (error) {
        if (this.stopped) return;
        if (error instanceof SetupNeeded) {
          announceSetupNeeded();
          return;
        }
      }
      if (this.stopped) return;
      this.onStatus("lost");
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
    }
  }

  async #read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    let watchdog = null;
    const heard = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => this.controller.abort(), this.silenceMs);
    };
    heard();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        heard();
        buffer += value.replace(/\r\n?/g, "\n");
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          this.#dispatch(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  #dispatch(frame) {
    let type = "message";
    const data = [];
    for (const line of frame.split("\n")) {
      if (!line || line.startsWith(":")) continue; // a comment: the keep-alive
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
      if (field === "event") type = value;
      else if (field === "data") data.push(value);
      else if (field === "id") this.lastEventId = value;
    }
    if (type === "stream-open") {
      // What happened while it was closed, or before it first opened (the page read the
      // menu and the orders a moment earlier, and an event in between is in neither): read
      // once the server listens, which it says with stream-open, not at the headers.
      this.onOpen();
      return;
    }
    if (data.length === 0 || !data.join("")) return; // nothing to hand over
    try {
      this.onEvent(type, JSON.parse(data.join("\n")));
    } catch (error) {
      console.warn("unreadable event", type, error);
    }
  }
}
