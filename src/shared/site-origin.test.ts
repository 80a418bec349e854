import { describe, expect, test } from 'vitest';
import { isSignetError } from './errors';
import { describeSite, isCoveredByManifest, isSitePattern, parseSiteOrigin, siteScriptId } from './site-origin';

function refusal(input: string): string {
  try {
    parseSiteOrigin(input);
  } catch (error) {
    if (isSignetError(error, 'bad-request')) return error.message;
    throw error;
  }
  throw new Error(`${input} was accepted`);
}

describe('what a person types as their webmail address', () => {
  test.each([
    ['https://mail.example.org/*', 'https://mail.example.org/*'],
    ['https://mail.example.org', 'https://mail.example.org/*'],
    ['  mail.example.org  ', 'https://mail.example.org/*'],
    ['https://Mail.Example.ORG:8443/roundcube/?_task=mail#inbox', 'https://mail.example.org/*'],
    ['http://localhost:8080/', 'http://localhost/*'],
    ['http://127.0.0.1:3000/mail/u/0/', 'http://127.0.0.1/*'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/*'],
  ])('%s runs Signet on %s', (input, pattern) => {
    expect(parseSiteOrigin(input)).toBe(pattern);
    expect(isSitePattern(pattern)).toBe(true);
  });

  test('plain http is refused anywhere but this machine', () => {
    expect(refusal('http://mail.example.org/')).toMatch(/https:\/\//);
    expect(refusal('http://192.168.1.10/')).toMatch(/localhost and 127\.0\.0\.1/);
  });

  test('wildcards, other schemes, credentials and junk are refused with a reason', () => {
    expect(refusal('https://*.example.org/*')).toMatch(/without wildcards/);
    expect(refusal('https://*/*')).toMatch(/without wildcards/);
    expect(refusal('*://mail.example.org/*')).toMatch(/without wildcards/);
    expect(refusal('ftp://mail.example.org/')).toMatch(/https:\/\//);
    expect(refusal('file:///home/jethro/mail.html')).toMatch(/https:\/\//);
    expect(refusal('chrome://settings')).toMatch(/https:\/\//);
    expect(refusal('https://jethro:secret@mail.example.org/')).toMatch(/user name or password/);
    expect(refusal('https://[::1]/')).toMatch(/cannot run/);
    expect(refusal('')).toMatch(/Type the address/);
    expect(refusal('https://exa mple.org')).toMatch(/not a web address/);
    expect(refusal(`https://${'a'.repeat(3000)}.example/`)).toMatch(/too long/);
  });

  test('a stored pattern is recognised only in the exact form Signet writes', () => {
    expect(isSitePattern('https://mail.example.org/*')).toBe(true);
    expect(isSitePattern('https://mail.example.org/')).toBe(false);
    expect(isSitePattern('https://*/*')).toBe(false);
    expect(isSitePattern('http://mail.example.org/*')).toBe(false);
    expect(isSitePattern(42)).toBe(false);
  });

  test('the manifest webmails are recognised, ids are stable, sites read without the pattern', () => {
    expect(isCoveredByManifest('https://mail.google.com/*', ['https://mail.google.com/*'])).toBe(true);
    expect(isCoveredByManifest('https://mail.example.org/*', ['https://mail.google.com/*'])).toBe(false);
    expect(siteScriptId('https://mail.example.org/*')).toBe(siteScriptId(parseSiteOrigin('mail.example.org')));
    expect(describeSite('https://mail.example.org/*')).toBe('https://mail.example.org');
  });
});
