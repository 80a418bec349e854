/**
 * What the writing features (issue 6) need from a webmail's compose window, beside the adapter's
 * `observeComposeViews`: read the fields, recognise the Send button, place Signet's toolbar, and
 * close the window after Signet sent its message. One implementation per provider, in that
 * provider's adapter folder (Gmail: `adapters/gmail/gmail-compose.ts`).
 */
import type { ComposeView } from '../adapters/adapter';

export interface ComposeRecipients {
  to: string[];
  cc: string[];
  bcc: string[];
}

export interface ComposeAttachmentReference {
  fileName: string;
  /** Where the page keeps the bytes (Gmail: its attachment URL; the demo: a blob: URL of the page). */
  url: string;
}

export interface ComposeFields extends ComposeRecipients {
  from: string;
  subject: string;
  text: string;
  html: string;
  attachments: ComposeAttachmentReference[];
  repliedMessageId?: string;
  threadId?: string;
}

export interface ComposeWindowAdapter {
  readFrom(view: ComposeView): string;
  readRecipients(view: ComposeView): ComposeRecipients;
  readFields(view: ComposeView): ComposeFields;
  /** Whether an event's target is (inside) this window's Send button. */
  isSendButton(view: ComposeView, target: EventTarget | null): boolean;
  /** Puts Signet's toolbar beside Send; false when the toolbar row isn't there (yet). */
  placeToolbar(view: ComposeView, toolbar: HTMLElement): boolean;
  /** Closes the window without the webmail sending it (after Signet sent it). */
  discard(view: ComposeView): void;
  /** What the person typed in the webmail's body editor, as plain text. */
  readBodyText(view: ComposeView): string;
  /**
   * Puts Signet's secure editor in place of the webmail's body editor (DESIGN.md security model 3):
   * the webmail's editor is emptied (so its autosaved draft loses the text from now on) and hidden.
   * False when the window has no body editor.
   */
  coverBody(view: ComposeView, frame: HTMLIFrameElement): boolean;
  /** Removes the secure editor and gives the webmail's editor back, holding `text`. */
  uncoverBody(view: ComposeView, frame: HTMLIFrameElement, text: string): void;
  /** The bytes of an attachment of the draft, from the page's own origin. */
  fetchAttachment(reference: ComposeAttachmentReference): Promise<{ bytes: Uint8Array; mediaType: string }>;
}
