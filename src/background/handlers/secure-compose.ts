/**
 * The secure-compose requests (DESIGN.md security model 3): a content script opens a session when
 * a person turns Encrypt on, handing over what the page's editor held; only Signet's
 * secure-compose frame in the same tab reads and saves the text; the content script closes the
 * session (compose window gone, or the person took the text back to the page). The page never
 * sees what is typed in the frame: nothing here answers a content script with the text.
 */
import { SignetError } from '../../shared/errors';
import type { RequestOf, ResponseOf } from '../../shared/protocol';
import { secureComposeBodies, type SecureComposeBodies, type SecureComposeBody } from '../outgoing/secure-compose-bodies';
import { GMAIL_MAXIMUM_MESSAGE_BYTES } from '../transports/gmail-api-transport';
import type { HandlerContext } from '../router';
import { requireString } from './request-fields';

/** The longest body Signet keeps: what the provider accepts in one message. */
export const MAXIMUM_SECURE_COMPOSE_CHARACTERS = GMAIL_MAXIMUM_MESSAGE_BYTES;

export async function handleOpenSecureCompose(
  request: RequestOf<'openSecureCompose'>,
  context: HandlerContext,
  bodies: SecureComposeBodies = secureComposeBodies,
): Promise<ResponseOf<'openSecureCompose'>> {
  const initialText = requireString(request.initialText, 'initialText', MAXIMUM_SECURE_COMPOSE_CHARACTERS);
  const token = await bodies.open({ text: initialText, typedInPageBefore: initialText.trim() !== '', tabId: context.sender.tabId });
  return { token };
}

export async function handleReadSecureComposeBody(
  request: RequestOf<'readSecureComposeBody'>,
  context: HandlerContext,
  bodies: SecureComposeBodies = secureComposeBodies,
): Promise<ResponseOf<'readSecureComposeBody'>> {
  const { stored } = await findOwnSecureCompose(request.token, context, bodies);
  return { text: stored.text, typedInPageBefore: stored.typedInPageBefore };
}

export async function handleSaveSecureComposeBody(
  request: RequestOf<'saveSecureComposeBody'>,
  context: HandlerContext,
  bodies: SecureComposeBodies = secureComposeBodies,
): Promise<ResponseOf<'saveSecureComposeBody'>> {
  const text = requireString(request.text, 'text', MAXIMUM_SECURE_COMPOSE_CHARACTERS);
  const { token } = await findOwnSecureCompose(request.token, context, bodies);
  await bodies.replaceText(token, text);
  return { saved: true };
}

export async function handleCloseSecureCompose(
  request: RequestOf<'closeSecureCompose'>,
  context: HandlerContext,
  bodies: SecureComposeBodies = secureComposeBodies,
): Promise<ResponseOf<'closeSecureCompose'>> {
  const { token } = await findOwnSecureCompose(request.token, context, bodies);
  await bodies.forget(token);
  return { closed: true };
}

/** A known session, asked for from the tab that opened it. */
export async function findOwnSecureCompose(
  token: unknown,
  context: HandlerContext,
  bodies: SecureComposeBodies,
): Promise<{ token: string; stored: SecureComposeBody }> {
  const checkedToken = requireString(token, 'token', 64);
  const stored = await bodies.find(checkedToken);
  if (!stored) throw new SignetError('bad-request', 'Signet no longer has the text of this secure editor. Turn Encrypt off and on again.');
  if (stored.tabId !== undefined && stored.tabId !== context.sender.tabId) {
    throw new SignetError('forbidden-sender', 'This secure editor belongs to a compose window in another tab.');
  }
  return { token: checkedToken, stored };
}
