/** @jsxImportSource preact */
/**
 * The decrypt frame (issue 5 item 4): Signet's own page inside the webmail, where an encrypted
 * message is decrypted on the person's click and shown. The plaintext exists only here (extension
 * origin, out of the page's reach); HTML is sanitized and rendered in a script-less sandbox with
 * no network (see sanitize-html.ts and this page's Content-Security-Policy).
 */
import { useState } from 'preact/hooks';
import { describeProblem } from '../../../crypto/problem-descriptions';
import { isSignetError } from '../../../shared/errors';
import { sendRequest, type DecryptedMessage } from '../../../shared/protocol';
import { describeVerdict } from '../../../content/badge/describe-verdict';
import { buildMessageDocument, sanitizeHtml } from './sanitize-html';

type Stage =
  | { kind: 'ready' }
  | { kind: 'decrypting' }
  | { kind: 'decrypted'; message: DecryptedMessage }
  | { kind: 'failed'; message: string; code: string };

export function DecryptApp({ token }: { token: string }) {
  const [stage, setStage] = useState<Stage>({ kind: 'ready' });

  async function decrypt(event: MouseEvent) {
    if (!event.isTrusted) return; // decryption needs a person's click in this frame
    setStage({ kind: 'decrypting' });
    try {
      setStage({ kind: 'decrypted', message: await sendRequest('decryptStagedMessage', { token }) });
    } catch (error) {
      setStage({
        kind: 'failed',
        code: isSignetError(error) ? error.code : 'internal-error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  if (stage.kind === 'decrypted') return <DecryptedView message={stage.message} />;
  return (
    <div data-signet-decrypt={stage.kind}>
      <h1>Encrypted message</h1>
      <p class="muted">Signet decrypts it with your digital ID and shows it only here, inside Signet. Remote images and styles stay blocked.</p>
      {stage.kind === 'failed' && (
        <p class="error" role="alert" data-signet-error={stage.code}>
          {stage.message}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" disabled={stage.kind === 'decrypting'} onClick={decrypt} data-signet-action="decrypt">
          {stage.kind === 'decrypting' ? 'Decrypting…' : 'Decrypt'}
        </button>
      </div>
    </div>
  );
}

function DecryptedView({ message }: { message: DecryptedMessage }) {
  const description = describeVerdict(message.verdict);
  const encryption = message.verdict.encryption;
  return (
    <div class="decrypted" data-signet-decrypt="decrypted" data-signet-status={message.verdict.status} data-signet-signer={description.signerAddress}>
      <p class={`verdict-line tone-${description.tone}`}>
        Decrypted{encryption ? ` (${encryption.contentEncryption}${encryption.weak ? ', weak' : ''})` : ''}. {description.label}: {description.headline}
      </p>
      {message.verdict.problems
        .filter((code) => code !== 'no-signature')
        .map((code) => (
          <p class="muted" data-problem={code}>
            {describeProblem(code)}
          </p>
        ))}
      {message.subject !== undefined && (
        <p>
          <strong>Subject:</strong> {message.subject}
        </p>
      )}
      {message.html !== undefined ? (
        <iframe
          class="message-html"
          title="Decrypted message"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          referrerpolicy="no-referrer"
          srcdoc={buildMessageDocument(sanitizeHtml(message.html))}
          data-signet-content="html"
        />
      ) : (
        <pre class="message-text" data-signet-content="text">
          {message.text ?? ''}
        </pre>
      )}
      {message.attachments.length > 0 && (
        <ul class="attachments" data-signet-attachments="">
          {message.attachments.map((attachment) => (
            <li>
              {attachment.fileName} ({attachment.mediaType}, {attachment.sizeBytes} bytes)
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
