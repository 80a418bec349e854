/**
 * Gmail's compose window for the writing features (GMAIL-NOTES.md §3; the demo webmail follows the
 * same landmarks). Selectors come only from `selectors.ts`.
 */
import type { ComposeView } from '../adapter';
import type { ComposeAttachmentReference, ComposeFields, ComposeRecipients, ComposeWindowAdapter } from '../../features/compose-window-adapter';
import { SignetError } from '../../../shared/errors';
import { css, type GmailSelectorName } from './selectors';

/** The biggest attachment read from the page (Gmail's own limit is 25 MB per message). */
const MAXIMUM_ATTACHMENT_BYTES = 35 * 1024 * 1024;

export class GmailComposeWindows implements ComposeWindowAdapter {
  /** The webmail's body editor each secure editor covers (found again even when the page changed its attributes). */
  private readonly coveredBodies = new WeakMap<HTMLIFrameElement, { body: HTMLElement; display: string }>();

  constructor(private readonly fetchFunction: typeof fetch) {}

  readFrom(view: ComposeView): string {
    return view.element.querySelector<HTMLInputElement>(css('composeFrom'))?.value.trim() ?? '';
  }

  readRecipients(view: ComposeView): ComposeRecipients {
    return {
      to: readRecipientField(view, 'composeToField'),
      cc: readRecipientField(view, 'composeCcField'),
      bcc: readRecipientField(view, 'composeBccField'),
    };
  }

  readFields(view: ComposeView): ComposeFields {
    const { element } = view;
    const body = element.querySelector<HTMLElement>(css('composeBody'));
    const replied = element.querySelector<HTMLInputElement>(css('composeRepliedMessage'))?.value.trim();
    const threadId = element.querySelector<HTMLInputElement>(css('composeThreadId'))?.value.trim();
    return {
      from: this.readFrom(view),
      ...this.readRecipients(view),
      subject: element.querySelector<HTMLInputElement>(css('composeSubject'))?.value ?? '',
      text: body?.innerText ?? '',
      html: body?.innerHTML ?? '',
      attachments: readAttachments(element),
      // Gmail writes "undefined" into `rm` when the draft answers nothing.
      repliedMessageId: replied && /^[0-9a-f]{1,32}$/i.test(replied) ? replied : undefined,
      threadId: threadId && /^[0-9a-f]{1,32}$/i.test(threadId) ? threadId : undefined,
    };
  }

  isSendButton(view: ComposeView, target: EventTarget | null): boolean {
    if (!(target instanceof Element)) return false;
    const button = target.closest(css('composeSendButton'));
    return button !== null && view.element.contains(button) && button.closest(css('composeSendCell')) !== null;
  }

  placeToolbar(view: ComposeView, toolbar: HTMLElement): boolean {
    const sendCell = view.element.querySelector(`${css('composeToolbarRow')} ${css('composeSendCell')}`);
    if (!sendCell) return false;
    sendCell.after(toolbar);
    return true;
  }

  discard(view: ComposeView): void {
    const button = view.element.querySelector<HTMLElement>(css('composeDiscardButton'));
    if (!button) return;
    // Gmail's buttons act on mouse down/up, the demo's on click (InboxSDK `simulateClick`).
    for (const type of ['mousedown', 'mouseup', 'click']) {
      button.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, view: button.ownerDocument.defaultView }));
    }
  }

  readBodyText(view: ComposeView): string {
    return view.element.querySelector<HTMLElement>(css('composeBody'))?.innerText ?? '';
  }

  coverBody(view: ComposeView, frame: HTMLIFrameElement): boolean {
    const body = view.element.querySelector<HTMLElement>(css('composeBody'));
    if (!body) return false;
    const height = Math.max(body.getBoundingClientRect().height, 240);
    frame.style.setProperty('height', `${Math.round(height)}px`, 'important');
    this.coveredBodies.set(frame, { body, display: body.style.getPropertyValue('display') });
    replaceBodyText(body, '');
    body.style.setProperty('display', 'none', 'important');
    body.after(frame);
    return true;
  }

  uncoverBody(view: ComposeView, frame: HTMLIFrameElement, text: string): void {
    const covered = this.coveredBodies.get(frame);
    frame.remove();
    if (!covered) return;
    this.coveredBodies.delete(frame);
    if (covered.display) covered.body.style.setProperty('display', covered.display);
    else covered.body.style.removeProperty('display');
    replaceBodyText(covered.body, text);
  }

  async fetchAttachment(reference: ComposeAttachmentReference): Promise<{ bytes: Uint8Array; mediaType: string }> {
    let response: Response;
    try {
      response = await this.fetchFunction(reference.url, { credentials: 'include' });
    } catch (error) {
      throw new SignetError('network-failed', `Signet could not read the attachment "${reference.fileName}".`, { cause: error });
    }
    if (!response.ok) throw new SignetError('provider-error', `The webmail did not give the attachment "${reference.fileName}" (HTTP ${response.status}).`);
    const length = Number(response.headers.get('content-length') ?? '0');
    if (length > MAXIMUM_ATTACHMENT_BYTES) throw new SignetError('response-too-large', `The attachment "${reference.fileName}" is larger than Signet sends.`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength > MAXIMUM_ATTACHMENT_BYTES) throw new SignetError('response-too-large', `The attachment "${reference.fileName}" is larger than Signet sends.`);
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim() || 'application/octet-stream';
    return { bytes, mediaType };
  }
}

/** Replaces the editor's content with plain text (one line a `<div>`, as Gmail's editor writes it) and lets the webmail notice. */
function replaceBodyText(body: HTMLElement, text: string): void {
  const document = body.ownerDocument;
  body.replaceChildren(
    ...(text === '' ? [] : text.split('\n')).map((line) => {
      const row = document.createElement('div');
      if (line === '') row.append(document.createElement('br'));
      else row.textContent = line;
      return row;
    }),
  );
  body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: text === '' ? 'deleteContent' : 'insertReplacementText' }));
}

/** Chips' addresses and what is typed in the box (comma or semicolon separated), without repeats. */
function readRecipientField(view: ComposeView, field: GmailSelectorName): string[] {
  const addresses: string[] = [];
  for (const container of view.element.querySelectorAll(css(field))) {
    for (const chip of container.querySelectorAll(css('composeRecipientChip'))) {
      const address = chip.getAttribute('data-hovercard-id')?.trim();
      if (address) addresses.push(address);
    }
    for (const input of container.querySelectorAll<HTMLInputElement>(css('composeRecipientInput'))) {
      addresses.push(...input.value.split(/[,;]/).map((part) => part.trim()).filter((part) => part !== ''));
    }
  }
  const seen = new Set<string>();
  return addresses.filter((address) => {
    const key = address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function readAttachments(element: HTMLElement): ComposeAttachmentReference[] {
  return [...element.querySelectorAll(css('composeAttachment'))].flatMap((attachment) => {
    const link = attachment.querySelector<HTMLAnchorElement>(css('composeAttachmentLink'));
    const fileName = attachment.querySelector(css('composeAttachmentName'))?.textContent?.trim() || link?.getAttribute('download') || 'attachment';
    return link?.href ? [{ fileName, url: link.href }] : [];
  });
}
