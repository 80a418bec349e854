/**
 * Every Gmail selector Signet uses, in one place (refined-github's `selectors.ts` model), each beside
 * the saved pages in `test/fixtures/gmail-pages/` where it must match. `selectors.test.ts` loads
 * each page and fails when a selector stops matching there, so a Gmail redesign shows up as one
 * failing line here rather than as a badge that silently never appears.
 *
 * Pages: `gmail-message-view.reconstructed.html` and `gmail-compose.reconstructed.html` are real
 * Gmail's DOM written by hand from the landmarks in GMAIL-NOTES.md (Gmail can't be saved from this
 * machine); `demo-*.html` are snapshots of the demo webmail written by the WEBMAIL helper's script.
 * The sources for each landmark (gmail.js, FlowCrypt, InboxSDK, Mailvelope) are in GMAIL-NOTES.md.
 */

export interface PageSelector {
  /** A plain CSS selector (no jQuery pseudo-classes). */
  readonly css: string;
  /** Fixture pages (file names under test/fixtures/gmail-pages/) where `css` must match. */
  readonly mustMatchIn: readonly string[];
}

const REAL_MESSAGE_VIEW = 'gmail-message-view.reconstructed.html';
const REAL_COMPOSE = 'gmail-compose.reconstructed.html';
const DEMO_MESSAGE_VIEW = 'demo-message-view.html';
const DEMO_COMPOSE = 'demo-compose.html';
/** A reply being written, with an attachment (test/fixtures/gmail-pages/save-demo-compose-reply.ts). */
const DEMO_COMPOSE_REPLY = 'demo-compose-reply.html';
const DEMO_INBOX = 'demo-inbox.html';
const MESSAGE_VIEWS = [REAL_MESSAGE_VIEW, DEMO_MESSAGE_VIEW];
const COMPOSE_VIEWS = [REAL_COMPOSE, DEMO_COMPOSE];

export const GMAIL_SELECTORS = {
  /** The main content area; Gmail keeps old views hidden in its `div.nH` children (InboxSDK). */
  mainView: { css: 'div.aeF', mustMatchIn: [...MESSAGE_VIEWS, DEMO_INBOX, REAL_COMPOSE] },
  /** A conversation (FlowCrypt `getConvoRootEl`, InboxSDK thread view). */
  conversation: { css: 'div.nH.a98.iY', mustMatchIn: MESSAGE_VIEWS },
  /** An expanded message with its ids (gmail.js `view_email`, FlowCrypt `msgOuter`). */
  openedMessage: { css: 'div.adn.ads[data-message-id]', mustMatchIn: MESSAGE_VIEWS },
  /** The header row of an opened message. */
  messageHeader: { css: 'table.cf.gJ', mustMatchIn: MESSAGE_VIEWS },
  /** The sender's name heading that holds `span.gD` (InboxSDK hover logic). */
  senderHeading: { css: 'h3.iw', mustMatchIn: MESSAGE_VIEWS },
  /** The sender, with `email` and `name` attributes (gmail.js, FlowCrypt `.gs span.gD`). */
  sender: { css: 'span.gD[email]', mustMatchIn: MESSAGE_VIEWS },
  /** The body wrapper (InboxSDK, Mailvelope) and the rendered content inside it (gmail.js, FlowCrypt). */
  bodyWrapper: { css: 'div.ii.gt', mustMatchIn: MESSAGE_VIEWS },
  bodyContent: { css: 'div.a3s', mustMatchIn: MESSAGE_VIEWS },
  /** A compose window: the dialog holding the form (InboxSDK element getter). */
  composeDialog: { css: 'div.AD [role=dialog]', mustMatchIn: COMPOSE_VIEWS },
  composeForm: { css: 'form', mustMatchIn: COMPOSE_VIEWS },
  composeFrom: { css: 'input[name=from]', mustMatchIn: COMPOSE_VIEWS },
  composeSubject: { css: 'input[name=subjectbox]', mustMatchIn: COMPOSE_VIEWS },
  composeBody: { css: 'div[aria-label="Message Body"][contenteditable=true]', mustMatchIn: COMPOSE_VIEWS },
  composeSendButton: { css: 'div.T-I.T-I-atl[role=button][data-tooltip^="Send"]', mustMatchIn: COMPOSE_VIEWS },
  composeToolbarRow: { css: 'tr.btC', mustMatchIn: COMPOSE_VIEWS },
  // Writing (issue 6), GMAIL-NOTES.md §3.
  /** Recipient fields; each holds a typing box and (real Gmail, since 2021) chips (InboxSDK page-parser, gmail.js). */
  composeToField: { css: 'div[name=to]', mustMatchIn: COMPOSE_VIEWS },
  composeCcField: { css: 'div[name=cc]', mustMatchIn: COMPOSE_VIEWS },
  composeBccField: { css: 'div[name=bcc]', mustMatchIn: COMPOSE_VIEWS },
  /** The typing box inside a recipient field (gmail.js `div[name=to] input`). */
  composeRecipientInput: { css: 'input', mustMatchIn: COMPOSE_VIEWS },
  /** A recipient chip, its address in `data-hovercard-id` (InboxSDK `get-recipients.ts`). */
  composeRecipientChip: { css: '[role=option][data-hovercard-id]', mustMatchIn: [REAL_COMPOSE] },
  /** The cell of the Send button, after which Signet's toggles go (gmail.js adds its buttons there too). */
  composeSendCell: { css: 'td.gU.Up', mustMatchIn: COMPOSE_VIEWS },
  /** Discard (real Gmail `div.oh`, the demo `div.og`): both carry this tooltip. */
  composeDiscardButton: { css: '[role=button][data-tooltip^="Discard draft"]', mustMatchIn: COMPOSE_VIEWS },
  /** Replies: the answered message's API id and the thread id (InboxSDK compose view hidden inputs). */
  composeRepliedMessage: { css: 'input[name=rm]', mustMatchIn: [DEMO_COMPOSE, DEMO_COMPOSE_REPLY] },
  composeThreadId: { css: 'input[name=lts]', mustMatchIn: [DEMO_COMPOSE, DEMO_COMPOSE_REPLY] },
  /** An attachment of the draft, its name in `div.vI` and its bytes behind `a.dO` (gmail.js). */
  composeAttachment: { css: 'div.dL', mustMatchIn: [DEMO_COMPOSE_REPLY] },
  composeAttachmentName: { css: 'div.vI', mustMatchIn: [DEMO_COMPOSE_REPLY] },
  composeAttachmentLink: { css: 'a.dO', mustMatchIn: [DEMO_COMPOSE_REPLY] },
} as const satisfies Record<string, PageSelector>;

export type GmailSelectorName = keyof typeof GMAIL_SELECTORS;

/** The CSS of one selector, for the adapter's code. */
export function css(name: GmailSelectorName): string {
  return GMAIL_SELECTORS[name].css;
}

/** Attributes the adapter reads and watches on `openedMessage` (GMAIL-NOTES.md §1). */
export const MESSAGE_ID_ATTRIBUTE = 'data-message-id';
export const LEGACY_MESSAGE_ID_ATTRIBUTE = 'data-legacy-message-id';
