/**
 * Makes a message's HTML safe to put in the page, as Gmail does before it shows mail: parsed in an
 * inert document (nothing runs, nothing loads), then rebuilt from an allow-list of elements and
 * attributes. Scripts, event handlers, forms, frames, ids, classes and data-* attributes go (so a
 * message can't carry Signet's `data-signet-*` hooks into the page); remote images are not loaded;
 * styles stay, minus positioning and url(). What the message draws with plain HTML and CSS, like
 * a fake green "Signed" badge, is still drawn: that is the point of the story.
 */
const allowedElements = new Set([
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt',
  'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'li', 'ol', 'p', 'pre', 'q', 's', 'small',
  'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'u', 'ul',
]);
const droppedWithContent = new Set(['script', 'style', 'title', 'head', 'iframe', 'object', 'embed', 'template', 'noscript', 'svg', 'math']);
const allowedAttributes = new Set([
  'align', 'alt', 'bgcolor', 'border', 'cellpadding', 'cellspacing', 'color', 'colspan', 'dir', 'face', 'height', 'href',
  'rowspan', 'size', 'src', 'style', 'title', 'valign', 'width',
]);
const forbiddenStyle = /url\s*\(|expression\s*\(|javascript:|@import|behavior\s*:|-moz-binding/i;
const forbiddenProperties = new Set(['position', 'z-index', 'top', 'left', 'right', 'bottom']);

export function sanitizeHtml(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const fragment = document.createDocumentFragment();
  for (const child of Array.from(parsed.body.childNodes)) {
    appendSanitized(fragment, child, 0);
  }
  return fragment;
}

function appendSanitized(parent: Node, node: Node, depth: number): void {
  if (depth > 64) {
    return;
  }
  if (node.nodeType === Node.TEXT_NODE) {
    parent.appendChild(document.createTextNode(node.textContent ?? ''));
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  const source = node as Element;
  const tag = source.tagName.toLowerCase();
  if (droppedWithContent.has(tag)) {
    return;
  }
  if (!allowedElements.has(tag)) {
    for (const child of Array.from(source.childNodes)) {
      appendSanitized(parent, child, depth + 1);
    }
    return;
  }
  const copy = document.createElement(tag);
  for (const attribute of Array.from(source.attributes)) {
    const name = attribute.name.toLowerCase();
    if (allowedAttributes.has(name)) {
      const value = cleanAttribute(tag, name, attribute.value);
      if (value !== undefined) {
        copy.setAttribute(name, value);
      }
    }
  }
  if (tag === 'a') {
    copy.setAttribute('target', '_blank');
    copy.setAttribute('rel', 'noreferrer noopener');
  }
  for (const child of Array.from(source.childNodes)) {
    appendSanitized(copy, child, depth + 1);
  }
  parent.appendChild(copy);
}

function cleanAttribute(tag: string, name: string, value: string): string | undefined {
  if (name === 'href') {
    return /^(https?:|mailto:)/i.test(value.trim()) ? value : undefined;
  }
  if (name === 'src') {
    // Remote images are not fetched (Gmail proxies them; the demo makes no network requests).
    return tag === 'img' && /^data:image\/(png|gif|jpeg|webp);/i.test(value.trim()) ? value : undefined;
  }
  if (name === 'style') {
    return value
      .split(';')
      .filter((declaration) => {
        const property = declaration.split(':')[0]?.trim().toLowerCase() ?? '';
        return declaration.trim() !== '' && !forbiddenProperties.has(property) && !forbiddenStyle.test(declaration);
      })
      .join(';');
  }
  return value;
}
