import type { Page } from 'puppeteer-core';
import type { RequestName, RequestOf, ResponseEnvelope, ResponseOf } from '../../../src/shared/protocol';

/**
 * Sends a protocol request from inside `page` (an extension page or a webmail tab) exactly as
 * Signet's own code does, and returns the background's answer envelope unchanged, so tests can
 * check refusals as well as values.
 */
export async function askBackground<Name extends RequestName>(
  page: Page,
  name: Name,
  request: RequestOf<Name>,
): Promise<ResponseEnvelope<ResponseOf<Name>>> {
  return page.evaluate((envelope) => chrome.runtime.sendMessage(envelope), { signet: 1 as const, name, request });
}
