// Elements are built from data with these helpers, never from HTML strings: nothing the API
// returns (team names, incident titles, kudos messages) can become markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttributes(element, attributes) {
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
}

function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
}

/** `h('button.primary', { type: 'submit', onclick }, 'Sign in')`. */
export function h(tag, attributes, ...children) {
  const [name, ...classes] = tag.split('.');
  const element = document.createElement(name);
  if (classes.length > 0) element.className = classes.join(' ');
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

export function s(tag, attributes, ...children) {
  const element = document.createElementNS(SVG_NS, tag);
  setAttributes(element, attributes);
  appendChildren(element, children);
  return element;
}

/** Replaces what `container` shows. */
export function show(container, ...children) {
  container.replaceChildren();
  appendChildren(container, children);
}

export function message(kind, ...children) {
  return h(`p.message.${kind}`, kind === 'error' ? { role: 'alert' } : {}, ...children);
}
