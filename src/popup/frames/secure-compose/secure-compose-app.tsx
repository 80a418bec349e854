/** @jsxImportSource preact */
/**
 * Signet's secure editor (DESIGN.md security model 3): when a person turns Encrypt on, the body of
 * the compose window is typed here, in the extension's origin, which the webmail's scripts can't
 * read. Every change goes to the background (`saveSecureComposeBody`, privileged), which uses it
 * instead of the page's body when sending. The webmail (which autosaves drafts) never holds it.
 * Turning Encrypt off asks here before the text goes back to the webmail's own editor.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { sendRequest } from '../../../shared/protocol';
import { describeFailure } from '../../shared/error-message';
import { useVisibleToPerson } from '../send-confirmation/use-visible-to-person';
import { isAskToHandBack, tellComposeWindow } from './tell-compose-window';

type Stage = { kind: 'loading' } | { kind: 'editing' } | { kind: 'asking' } | { kind: 'failed'; message: string };

export function SecureComposeApp({ token }: { token: string }) {
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const [text, setText] = useState('');
  const [typedInPageBefore, setTypedInPageBefore] = useState(false);
  const [saveFailure, setSaveFailure] = useState('');
  const [savedText, setSavedText] = useState<string | undefined>(undefined);
  const latestSave = useRef(0);
  const editor = useRef<HTMLTextAreaElement | null>(null);
  const handBackButton = useVisibleToPerson<HTMLButtonElement>();
  const [hiddenWarning, setHiddenWarning] = useState(false);

  useEffect(() => {
    sendRequest('readSecureComposeBody', { token })
      .then((loaded) => {
        setText(loaded.text);
        setSavedText(loaded.text);
        setTypedInPageBefore(loaded.typedInPageBefore);
        setStage({ kind: 'editing' });
      })
      .catch((error: unknown) => setStage({ kind: 'failed', message: describeFailure(error) }));
  }, [token]);

  useEffect(() => {
    if (stage.kind === 'editing') editor.current?.focus();
  }, [stage.kind]);

  useEffect(() => {
    const onMessage = (event: MessageEvent): void => {
      if (event.source !== window.parent || !isAskToHandBack(event.data)) return;
      setStage((previous) => (previous.kind === 'editing' ? { kind: 'asking' } : previous));
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, []);

  function save(value: string): void {
    setText(value);
    const sequence = ++latestSave.current;
    sendRequest('saveSecureComposeBody', { token, text: value })
      .then(() => {
        if (sequence !== latestSave.current) return;
        setSavedText(value);
        setSaveFailure('');
      })
      .catch((error: unknown) => sequence === latestSave.current && setSaveFailure(describeFailure(error)));
  }

  function handBack(event: MouseEvent): void {
    if (!event.isTrusted) return; // only a person's click gives the text to the webmail
    if (!handBackButton.isVisibleLongEnough()) {
      // Covered, transparent or just shown: maybe the page tricks the person into this click.
      setHiddenWarning(true);
      return;
    }
    tellComposeWindow({ signetFrame: 'secure-compose', kind: 'hand-back', text });
  }

  function keepEncrypted(): void {
    setStage({ kind: 'editing' });
    tellComposeWindow({ signetFrame: 'secure-compose', kind: 'keep-encrypted' });
  }

  if (stage.kind === 'loading') return <p class="muted">Opening Signet’s secure editor…</p>;
  if (stage.kind === 'failed') {
    return (
      <p class="error" role="alert" data-signet-error="">
        {stage.message}
      </p>
    );
  }
  return (
    <div class="secure-compose" data-signet-secure-compose={stage.kind} data-signet-saved={String(savedText === text && saveFailure === '')}>
      <div class="banner">🔒 Signet’s secure editor: the webmail can’t read what you type here. It is sent encrypted.</div>
      {typedInPageBefore && (
        <p class="warning" data-signet-warning="typed-in-page">
          What you typed before turning Encrypt on was moved here, but the webmail may already have saved it in its draft.
        </p>
      )}
      {stage.kind === 'asking' && (
        <div class="hand-back" role="alertdialog" aria-label="Turn Encrypt off?">
          <p>Turn Encrypt off? Your text goes back to the webmail’s editor, where the webmail can read it and save it in its drafts.</p>
          <div class="actions">
            <button type="button" class="primary" ref={handBackButton.ref} onClick={handBack} data-signet-action="hand-back-confirm">
              Turn Encrypt off
            </button>
            <button type="button" onClick={keepEncrypted} data-signet-action="keep-encrypted">
              Keep encrypting
            </button>
          </div>
          {hiddenWarning && (
            <p class="error" role="alert" data-signet-warning="not-visible">
              Signet’s editor was not fully visible when you clicked, so your text stayed here. Check and click again.
            </p>
          )}
        </div>
      )}
      <textarea
        ref={editor}
        aria-label="Message Body (Signet secure editor)"
        data-signet-secure-compose-editor=""
        value={text}
        readOnly={stage.kind === 'asking'}
        onInput={(event) => save(event.currentTarget.value)}
      />
      {saveFailure && (
        <p class="error" role="alert" data-signet-error="">
          {saveFailure}
        </p>
      )}
    </div>
  );
}
