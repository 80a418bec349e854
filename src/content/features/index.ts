/** Every content feature, in the order they run for an opened message. */
import { composeSend } from './compose-send';
import { encryptedMessage } from './encrypted-message';
import type { ContentFeature } from './feature';
import { verificationBadge } from './verification-badge';

export const CONTENT_FEATURES: readonly ContentFeature[] = [verificationBadge, encryptedMessage, composeSend];
