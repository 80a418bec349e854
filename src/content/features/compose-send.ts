/**
 * Writing mail (issue 6): Signet in every compose window of the webmail (toggles, recipients'
 * certificates, Send handed to Signet's confirmation frame). See `compose-window-session.ts`.
 */
import type { ContentFeature } from './feature';
import { attachToComposeWindow } from './compose-window-session';

export const composeSend: ContentFeature = {
  id: 'compose-send',
  init(context, signal) {
    const compose = context.adapter.compose;
    if (!compose) return;
    context.adapter.observeComposeViews((view) => attachToComposeWindow(view, compose, context, signal), signal);
  },
};
