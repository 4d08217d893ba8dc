// Building the page from data without ever parsing data as HTML: names of dishes are text.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === "dataset") {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? "" : value);
    }
  }
  element.append(
    ...children.flat().filter((child) => child !== null && child !== undefined && child !== false),
  );
  return element;
}

// Draws anew without losing the keyboard's place: the element marked with the same
// data-focus-key as the one focused before is focused again.
export function keepingFocus(draw) {
  const key = document.activeElement?.dataset?.focusKey;
  draw();
  if (key) document.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
}

// ``elements`` become the container's children in their order, ``gone`` leaves it; an element
// already in its place is not moved (moving it would drop a tap on it).
export function placeInOrder(container, elements, gone) {
  for (const element of gone) element.remove();
  elements.forEach((element, index) => {
    if (container.children[index] !== element) {
      container.insertBefore(element, container.children[index] ?? null);
    }
  });
}

export function replaceChildren(element, ...children) {
  element.replaceChildren(...children.flat().filter(Boolean));
}
