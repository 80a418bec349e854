/**
 * The line beside the compose toggles: which identity signs, each recipient's certificate state
 * (issue 6 item 2), and why a send was stopped (the recipients without a usable certificate and
 * what to do). In a closed shadow root; the host reflects hooks for tests and automation:
 * `data-signet-compose-state`, `data-signet-missing-certificates` (space-separated addresses) and
 * `data-signet-recipient-states` (`address=state` pairs, once the recipients were looked up).
 */
import type { RecipientCertificateAnswer } from '../../shared/protocol';

export type ComposeState = 'idle' | 'checking' | 'blocked' | 'confirming' | 'sent' | 'failed';

export interface ComposeStatus {
  readonly host: HTMLElement;
  showIdentity(text: string): void;
  showRecipients(answers: RecipientCertificateAnswer[], encrypting: boolean): void;
  showState(state: ComposeState, message: string, missing?: RecipientCertificateAnswer[]): void;
}

const STATE_WORDS: Record<RecipientCertificateAnswer['state'], string> = {
  usable: 'certificate ✓',
  missing: 'no certificate',
  untrusted: 'certificate not trusted',
  expired: 'certificate expired',
  revoked: 'certificate revoked',
  'not-for-email': 'certificate not for e-mail',
};

const ADVICE: Record<RecipientCertificateAnswer['state'], string> = {
  usable: '',
  missing: 'ask them for a signed message (opening it saves their certificate), or import their certificate on the Signet management page',
  untrusted: 'open a signed message from them and trust the sender, or import their organisation’s root certificate',
  expired: 'ask them for a signed message with their new certificate',
  revoked: 'ask them for a signed message with their new certificate',
  'not-for-email': 'ask them for an e-mail certificate',
};

const STYLE = `
:host { all: initial; display: block; font: 12px/1.4 system-ui, sans-serif; color: #3c4043; max-width: 460px; }
.identity { color: #5f6368; }
ul { margin: 2px 0; padding-left: 16px; }
li.usable { color: #137333; }
li.problem { color: #a50e0e; }
.message { margin-top: 4px; }
.blocked, .failed { color: #a50e0e; font-weight: 600; }
`;

export function createComposeStatus(document: Document): ComposeStatus {
  const host = document.createElement('signet-compose-status');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const identity = document.createElement('div');
  identity.className = 'identity';
  const recipients = document.createElement('ul');
  recipients.setAttribute('aria-label', 'Recipients’ certificates');
  const message = document.createElement('div');
  message.className = 'message';
  message.setAttribute('role', 'status');
  const missingList = document.createElement('ul');
  shadow.append(style, identity, recipients, message, missingList);
  host.setAttribute('data-signet-compose-state', 'idle');

  return {
    host,
    showIdentity(text) {
      identity.textContent = text;
    },
    showRecipients(answers, encrypting) {
      host.setAttribute('data-signet-recipient-states', answers.map((answer) => `${answer.address}=${answer.state}`).join(' '));
      recipients.replaceChildren(
        ...answers.map((answer) => {
          const item = document.createElement('li');
          item.className = answer.state === 'usable' ? 'usable' : encrypting ? 'problem' : '';
          item.textContent = `${answer.address}: ${STATE_WORDS[answer.state]}`;
          return item;
        }),
      );
    },
    showState(state, text, missing = []) {
      host.setAttribute('data-signet-compose-state', state);
      host.setAttribute('data-signet-missing-certificates', missing.map((answer) => answer.address).join(' '));
      message.className = `message ${state}`;
      message.textContent = text;
      missingList.replaceChildren(
        ...missing.map((answer) => {
          const item = document.createElement('li');
          item.textContent = `${answer.address} (${STATE_WORDS[answer.state]}): ${ADVICE[answer.state]}.`;
          return item;
        }),
      );
    },
  };
}
