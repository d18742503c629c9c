/** A tiny element builder: attributes as strings, `on…` keys as listeners, text children as text nodes. */

type Listener = (event: Event) => void;
export type AttrValue = string | number | boolean | null | undefined | Listener;
export type Attrs = Record<string, AttrValue>;
export type Child = Node | string | null | undefined | false;

/** Set as DOM properties rather than attributes, so they reflect what the control currently holds. */
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (PROPERTIES.has(name)) (element as unknown as Record<string, unknown>)[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Array<Child | Child[]>): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    if (typeof child === 'string') appendText(parent, child);
    else parent.appendChild(child);
  }
}

/** A date (with its time) is one token: 300 px never breaks it at a hyphen ("2026-11-" / "27"). */
const DATE_TOKEN = /\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?/g;
/** Elements whose content must stay plain text. */
const TEXT_ONLY = new Set(['OPTION', 'TEXTAREA', 'TITLE', 'STYLE', 'SCRIPT']);

function appendText(parent: Node, text: string): void {
  if (TEXT_ONLY.has(parent.nodeName) || text.search(DATE_TOKEN) < 0) {
    parent.appendChild(document.createTextNode(text));
    return;
  }
  let last = 0;
  for (const match of text.matchAll(DATE_TOKEN)) {
    if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
    const token = document.createElement('span');
    token.className = 'nowrap';
    token.textContent = match[0];
    parent.appendChild(token);
    last = match.index + match[0].length;
  }
  if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: Array<Child | Child[]>): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}
