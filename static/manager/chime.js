// An optional chime, switched by a toggle button and remembered: two notes rising for a new
// order, falling for a staff call. Browsers only play sound after a tap on the page: the
// toggle's tap is that tap. Each chime played is counted on the page (data-chimes on <html>)
// for whoever cannot hear it: the browser tests.
const KEY = "tableorder:sound";
export const NEW_ORDER = [880, 1320];
export const STAFF_CALL = [1320, 990];

export class Chime {
  constructor(toggle) {
    this.toggle = toggle;
    this.context = null;
    if (!toggle) return;
    this.#show(localStorage.getItem(KEY) === "on");
    toggle.addEventListener("click", () => {
      const on = toggle.getAttribute("aria-pressed") !== "true";
      localStorage.setItem(KEY, on ? "on" : "off");
      this.#show(on);
      if (on) this.play();
    });
  }

  #show(on) {
    this.toggle.setAttribute("aria-pressed", String(on));
  }

  play(notes = NEW_ORDER) {
    if (this.toggle?.getAttribute("aria-pressed") !== "true") return;
    const played = document.documentElement.dataset;
    played.chimes = String(Number(played.chimes ?? 0) + 1);
    played.lastChime = notes === STAFF_CALL ? "staff_call" : "new_order";
    this.context ??= new AudioContext();
    const start = this.context.currentTime;
    notes.forEach((frequency, index) => {
      const oscillator = this.context.createOscillator();
      const gain = this.context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + index * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.3, start + index * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.18 + 0.3);
      oscillator.connect(gain).connect(this.context.destination);
      oscillator.start(start + index * 0.18);
      oscillator.stop(start + index * 0.18 + 0.32);
    });
  }
}
