/**
 * The secure editor's life in one compose window (DESIGN.md security model 3). A person turned
 * Encrypt on: what the webmail's editor held is moved, once, to a background session
 * (`openSecureCompose`), the webmail's editor is emptied and covered by Signet's frame, and from
 * then on the text is typed in the frame and kept by the background only. The frame warns that
 * what was typed before may already be in the provider's autosaved draft. Turning Encrypt off is
 * confirmed in the frame, which then hands the text back to the webmail's editor. The compose
 * window closing (sent or discarded) ends the session.
 */
import { isSignetError } from '../../shared/errors';
import type { ComposeView } from '../adapters/adapter';
import { askSecureComposeToHandBack, createSecureComposeFrame, listenToSecureCompose } from './compose-secure-editor-frame';
import type { ComposeWindowAdapter } from './compose-window-adapter';
import type { FeatureContext } from './feature';

export interface SecureEditor {
  /** The background session's token, once it is open (rejects when it could not be opened). */
  readonly ready: Promise<string>;
  askToHandBack(): void;
}

export interface SecureEditorEvents {
  /** The person confirmed in the frame: the text is back in the webmail's editor, Encrypt is off. */
  onHandedBack: () => void;
  onFailed: (message: string) => void;
}

export function attachSecureEditor(view: ComposeView, compose: ComposeWindowAdapter, context: FeatureContext, events: SecureEditorEvents): SecureEditor {
  const extensionOrigin = new URL(context.extensionUrl('')).origin;
  const life = new AbortController();
  let frame: HTMLIFrameElement | undefined;

  const close = (token: string): void => {
    life.abort();
    void context.sendRequest('closeSecureCompose', { token }).catch(() => undefined);
  };

  const ready = (async (): Promise<string> => {
    const { token } = await context.sendRequest('openSecureCompose', { initialText: compose.readBodyText(view) });
    if (view.signal.aborted) {
      close(token);
      throw new Error('The compose window closed.');
    }
    const created = createSecureComposeFrame(view.element.ownerDocument, context.extensionUrl, token, life.signal);
    if (!compose.coverBody(view, created)) {
      close(token);
      throw new Error('Signet found no message body in this compose window to replace with its secure editor.');
    }
    frame = created;
    listenToSecureCompose(
      created,
      extensionOrigin,
      (message) => {
        if (message.kind !== 'hand-back') return;
        compose.uncoverBody(view, created, message.text);
        close(token);
        events.onHandedBack();
      },
      life.signal,
    );
    view.signal.addEventListener(
      'abort',
      () => {
        created.remove();
        close(token);
      },
      { signal: life.signal },
    );
    return token;
  })();
  ready.catch((error: unknown) => events.onFailed(`Signet’s secure editor did not open: ${describe(error)}`));

  return {
    ready,
    askToHandBack() {
      if (frame) askSecureComposeToHandBack(frame, extensionOrigin);
    },
  };
}

function describe(error: unknown): string {
  if (isSignetError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}
