import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeBase64 } from '../../crypto/encoding/base64';
import { makeStoryMail, peopleDirectory, storyDirectory } from '../../../test/webmail/story-mail';
import type { HandlerContext } from '../router';
import { openSignetDatabase } from '../store/open-database';
import type { SignetDatabase } from '../store/schema';
import { handleImportPkcs12 } from './import-pkcs12';
import { handleImportTrustAnchor } from './import-trust-anchor';

/** Shared by the reading handlers' tests: the story's mail and people, a fresh store per test. */
export function storyMessage(name: string): Uint8Array {
  makeStoryMail();
  return new Uint8Array(readFileSync(join(storyDirectory, name)));
}

export function personFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(peopleDirectory, name)));
}

export function contextFor(database: SignetDatabase, sender: Partial<HandlerContext['sender']> = {}): HandlerContext {
  return { database: async () => database, sender: { isExtensionPage: false, tabId: 9, ...sender } };
}

/** A fresh store holding the Jed Co root as trust anchor and, optionally, digital IDs. */
export async function storeWith(options: { digitalIds?: string[] } = {}): Promise<SignetDatabase> {
  makeStoryMail();
  const database = await openSignetDatabase(`reading-handlers-${crypto.randomUUID()}`);
  const pageContext = contextFor(database, { isExtensionPage: true });
  await handleImportTrustAnchor({ fileBase64: encodeBase64(personFile('jedco-root.pem')) }, pageContext);
  for (const file of options.digitalIds ?? []) {
    await handleImportPkcs12({ fileBase64: encodeBase64(personFile(file)), password: 'correct horse' }, pageContext);
  }
  return database;
}
