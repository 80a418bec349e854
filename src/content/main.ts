/**
 * The content script (TEAM.md "Extension wiring"): picks the adapter for this webmail and starts
 * the features. It holds no keys and does no cryptography (DESIGN.md "The parts"); everything that
 * needs either is a request to the background.
 */
import { sendRequest } from '../shared/protocol';
import { pickAdapter } from './adapters';
import { CONTENT_FEATURES } from './features';
import type { BackgroundEvent } from './background-events';
import { BACKGROUND_EVENT_TYPE, type FeatureContext } from './features/feature';
import { isBackgroundEventMessage } from './background-events';
import { startContentFeatures } from './start-content';

function start(): void {
  const adapter = pickAdapter(window);
  if (!adapter) return;
  const stop = new AbortController();
  const backgroundEvents = new EventTarget();
  chrome.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== chrome.runtime.id || !isBackgroundEventMessage(message)) return;
    backgroundEvents.dispatchEvent(new CustomEvent<BackgroundEvent>(BACKGROUND_EVENT_TYPE, { detail: message.event }));
  });
  const context: FeatureContext = {
    adapter,
    sendRequest,
    extensionUrl: (path) => chrome.runtime.getURL(path),
    backgroundEvents,
  };
  startContentFeatures(adapter, CONTENT_FEATURES, context, stop.signal, (featureId, error) => {
    console.error(`Signet: the ${featureId} feature failed`, error);
  });
}

start();
