/** `getComposeSettings` / `setComposeSettings` (issue 6 item 1): compose defaults and the Gmail OAuth client id. */
import type { ComposeSettings, RequestOf } from '../../shared/protocol';
import { readComposeSettings, writeComposeSettings } from '../outgoing/compose-settings';
import type { HandlerContext } from '../router';

export async function handleGetComposeSettings(_request: RequestOf<'getComposeSettings'>, context: HandlerContext): Promise<ComposeSettings> {
  return readComposeSettings(await context.database());
}

/** Privileged (the management page): a page must not turn signing on or redirect OAuth. */
export async function handleSetComposeSettings(request: RequestOf<'setComposeSettings'>, context: HandlerContext): Promise<ComposeSettings> {
  return writeComposeSettings(await context.database(), request.settings);
}
