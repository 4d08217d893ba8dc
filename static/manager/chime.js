// An optional two-note chime for new orders, switched by a toggle button and remembered.
// Browsers only play sound after a tap on the page: the toggle's tap is that tap.
const KEY = "tableorder:sound";

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

  play() {
    if (this.toggle?.getAttribute("aria-pressed") !== "true") return;
    this.context ??= new AudioContext();
    const start = this.context.currentTime;
    [880, 1320].forEach((frequency, index) => {
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
