import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeBase64 } from '../../crypto/encoding/base64';
import { isSignetError } from '../../shared/errors';
import type { HandlerContext } from '../router';
import { openSignetDatabase } from '../store/open-database';
import { handleImportPkcs12 } from './import-pkcs12';

const fixture = (name: string) =>
  encodeBase64(new Uint8Array(readFileSync(new URL(`../../../test/fixtures/generated/${name}`, import.meta.url))));

function managementPageContext(): HandlerContext {
  const database = openSignetDatabase(`signet-import-test-${crypto.randomUUID()}`);
  return { database: () => database, sender: { isExtensionPage: true, url: 'chrome-extension://id/src/popup/manage/index.html' } };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the import to fail');
}

describe('importing a digital ID in the background', () => {
  it('stores Jethro (modern) and Granny (legacy) with their summaries, the first one as default', async () => {
    const context = managementPageContext();
    const jethro = await handleImportPkcs12({ fileBase64: fixture('jethro.p12'), password: 'correct horse' }, context);
    const granny = await handleImportPkcs12({ fileBase64: fixture('granny.p12'), password: 'correct horse' }, context);
    expect(jethro).toMatchObject({ keyType: 'RSA', keySizeBits: 2048, isDefault: true });
    expect(jethro.certificate.emailAddresses).toEqual(['jethro@jedco.example']);
    expect(granny).toMatchObject({ keyType: 'RSA', keySizeBits: 4096, isDefault: false });
    expect(await (await context.database()).count('identities')).toBe(2);
  });

  it('stores nothing for a wrong password, a truncated file, a file without a key, or a mismatched key', async () => {
    const context = managementPageContext();
    const cases = [
      { file: 'jethro.p12', password: 'wrong horse', code: 'wrong-password' },
      { file: 'jethro-truncated.p12', password: 'correct horse', code: 'corrupt-pkcs12' },
      { file: 'jethro-no-key.p12', password: 'correct horse', code: 'no-private-key' },
      { file: 'bob-key-jethro-certificate.p12', password: 'correct horse', code: 'key-certificate-mismatch' },
    ] as const;
    for (const { file, password, code } of cases) {
      const error = await failure(handleImportPkcs12({ fileBase64: fixture(file), password }, context));
      expect(isSignetError(error) ? error.code : error, file).toBe(code);
    }
    const database = await context.database();
    expect(await database.count('identities')).toBe(0);
    expect(await database.count('settings')).toBe(0);
  });

  it('refuses the same digital ID twice, even exported again in the legacy format', async () => {
    const context = managementPageContext();
    await handleImportPkcs12({ fileBase64: fixture('jethro.p12'), password: 'correct horse' }, context);
    const error = await failure(handleImportPkcs12({ fileBase64: fixture('jethro-legacy.p12'), password: 'correct horse' }, context));
    expect(isSignetError(error, 'duplicate-identity')).toBe(true);
    expect(await (await context.database()).count('identities')).toBe(1);
  });
});
