"""Test support: Debian's Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
# Without the background-networking flags Chromium keeps calling Google's hosts, which this
# closed network refuses; /dev/shm is small in containers.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# How long an assertion on a page waits for what it expects (Playwright's own is 5 s): a
# live update on a machine busy with CI's two passes side by side can take longer. A test
# that promises a time ("within a second") passes its own timeout.
EXPECT_TIMEOUT_MS = 10_000


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Chromium for one test module.

    Playwright's sync API keeps an event loop in this thread while it runs, so Django's ORM
    would refuse to work in the test ("you cannot call this from an async context"); the
    check is off only while the browser is up, and never in the server under test."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: apt-get install chromium (make test does)")
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def screenshot(page: Page, name: str) -> Path:
    """Save what the page shows under test-artifacts/ (ignored by git) for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.evaluate("window.scrollTo(0, 0)")  # sticky headers land mid-page in a scrolled shot
    page.screenshot(path=str(path), full_page=True)
    return path


# Every shown element of the page that does not fit: the page itself wider than the window;
# a box whose content is wider than the box (text sticking out, or cut off where it clips);
# an element that reaches outside its parent, or a fixed one (a dialog) outside the window.
# and a short word, number or time broken over lines. Inline boxes are judged by the block
# that holds them; an ellipsis is a chosen cut, and a strip that scrolls sideways, or a text
# field's own text, is one on purpose.
_OVERFLOWS = r"""
() => {
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") +
    [...el.classList].map((c) => `.${c}`).join("");
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    found.push(`the page is ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
  }
  for (const el of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden") continue;
    const scrollsItsText = ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName);
    if (style.display !== "inline" && style.textOverflow !== "ellipsis" && !scrollsItsText &&
        el.scrollWidth > el.clientWidth + 1 && !["auto", "scroll"].includes(style.overflowX)) {
      found.push(`${name(el)} holds ${el.scrollWidth}px in ${el.clientWidth}px`);
    }
    const fixed = style.position === "fixed";
    if (!fixed && ["auto", "scroll"].includes(getComputedStyle(el.parentElement).overflowX)) {
      continue; // a strip that scrolls sideways on purpose
    }
    const outer = fixed
      ? { left: 0, right: window.innerWidth }
      : el.parentElement.getBoundingClientRect();
    if (box.left < outer.left - 1 || box.right > outer.right + 1) {
      const where = fixed ? "the window" : name(el.parentElement);
      found.push(`${name(el)} reaches outside ${where}: ${box.left}-${box.right}` +
        ` in ${outer.left}-${outer.right}`);
    }
  }
  // A short word, number, price or time broken over lines ("20:1|1", "Li|ve") is unreadable.
  const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (texts.nextNode()) {
    const word = texts.currentNode.textContent.trim();
    if (!word || word.length > 15 || /\s/.test(word)) continue;
    const range = document.createRange();
    range.selectNodeContents(texts.currentNode);
    const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
    if (lines.size > 1) found.push(`"${word}" is broken over ${lines.size} lines`);
  }
  return found;
}
"""


def overflows(page: Page) -> list[str]:
    """What does not fit on the page as shown (empty when everything fits)."""
    return page.evaluate(_OVERFLOWS)


def assert_fits(page: Page, name: str) -> None:
    """Everything on the page fits (``overflows``); the screenshot is kept as ``name``."""
    screenshot(page, name)
    if found := overflows(page):
        pytest.fail(f"{name}: {found}")
