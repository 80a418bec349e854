/**
 * Events the background sends to a tab's content script with `tabs.sendMessage` after something
 * happened in one of Signet's frames in that tab (a sender trusted, a message decrypted). Only the
 * extension can send these: web pages can't reach `runtime.onMessage` of a content script.
 */
import type { Verdict } from '../crypto/verdict';

/** What happened, as the content script needs to know it: never any message content. */
export type BackgroundEvent =
  | { kind: 'trust-changed'; fingerprint: string }
  | { kind: 'decrypted'; token: string; verdict: Verdict };

export interface BackgroundEventMessage {
  signetEvent: 1;
  event: BackgroundEvent;
}

export function isBackgroundEventMessage(message: unknown): message is BackgroundEventMessage {
  if (typeof message !== 'object' || message === null || !('signetEvent' in message) || message.signetEvent !== 1) return false;
  if (!('event' in message) || typeof message.event !== 'object' || message.event === null) return false;
  const event = message.event as { kind?: unknown };
  return event.kind === 'trust-changed' || event.kind === 'decrypted';
}
