/**
 * Runs the content features on a page: one read-view observer (the adapter's), and for each opened
 * message one `OpenedMessage` shared by every feature. A feature that throws is reported and the
 * others go on.
 */
import type { WebmailAdapter } from './adapters/adapter';
import type { ContentFeature, FeatureContext } from './features/feature';
import { OpenedMessage } from './message/opened-message';

export function startContentFeatures(
  adapter: WebmailAdapter,
  features: readonly ContentFeature[],
  context: FeatureContext,
  signal: AbortSignal,
  reportError: (featureId: string, error: unknown) => void,
): void {
  for (const feature of features) {
    try {
      feature.init?.(context, signal);
    } catch (error) {
      reportError(feature.id, error);
    }
  }
  adapter.observeReadViews((view) => {
    const message = new OpenedMessage(view, adapter, context.sendRequest);
    for (const feature of features) {
      try {
        feature.onReadView?.(message, context);
      } catch (error) {
        reportError(feature.id, error);
      }
    }
  }, signal);
}
