import { afterAll, describe, expect, it, vi } from 'vitest';
import { isSignetError, type ErrorCode } from '../../shared/errors';
import { fixturePath, makeScratchDirectory, runOpenssl } from '../cms/enveloped/testing/openssl-peer';
import { ORDER_MESSAGE, recipientFor, toCrlfText } from '../cms/enveloped/testing/people';
import { decryptMessage } from './decrypt-message';

const scratch = makeScratchDirectory();
afterAll(() => scratch.dispose());
const orderFile = scratch.write('order.eml', ORDER_MESSAGE);
const expectedContent = new TextEncoder().encode(toCrlfText(ORDER_MESSAGE));
const LEGACY = ['-provider', 'legacy', '-provider', 'default'];

/** `openssl cms -encrypt` of the order to `people`, with extra options; returns the S/MIME message. */
function opensslEncrypt(people: string[], options: string[], input = orderFile): Uint8Array {
  const output = scratch.path(`encrypted-${Math.random().toString(36).slice(2)}.eml`);
  runOpenssl(['cms', '-encrypt', '-in', input, '-out', output, ...options, ...people.map((person) => fixturePath(`${person}.pem`))]);
  return scratch.read(output.split('/').pop() as string);
}

async function expectSignetError(promise: Promise<unknown>, code: ErrorCode): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(isSignetError(error, code), `expected SignetError ${code}, got ${String(error)}`).toBe(true);
  return error as Error;
}

describe('OpenSSL encrypts, Signet decrypts: content algorithms', () => {
  const cases = [
    { option: '-aes128', name: 'AES-128-CBC', weak: false },
    { option: '-aes192', name: 'AES-192-CBC', weak: false },
    { option: '-aes256', name: 'AES-256-CBC', weak: false },
    { option: '-aes-128-gcm', name: 'AES-128-GCM', weak: false },
    { option: '-aes-256-gcm', name: 'AES-256-GCM', weak: false },

  ];
  for (const { option, name, weak } of cases) {
    it(`Jethro's order encrypted with ${option} is read back, reported as ${name}`, async () => {
      const message = opensslEncrypt(['ellie-may'], [option]);
      const result = await decryptMessage(message, await recipientFor('ellie-may'));
      expect(result.content).toEqual(expectedContent);
      expect(result.encryption.contentEncryption).toBe(name);
      expect(result.encryption.weak).toBe(weak);
    });
  }

  it('AES-GCM from OpenSSL 3 is AuthEnvelopedData (smime-type=authEnveloped-data)', () => {
    const message = new TextDecoder().decode(opensslEncrypt(['jethro'], ['-aes-256-gcm']));
    expect(message).toMatch(/smime-type=authEnveloped-data/);
  });

  it('old mail in DES-EDE3-CBC is read and flagged as weak encryption', async () => {
    const message = opensslEncrypt(['jethro'], ['-des3']);
    const result = await decryptMessage(message, await recipientFor('jethro'));
    expect(result.content).toEqual(expectedContent);
    expect(result.encryption).toMatchObject({ contentEncryption: 'DES-EDE3-CBC', weak: true });
  });

  it('old mail in DES-EDE3-CBC to EC recipients uses the Triple-DES key wrap (RFC 3217)', async () => {
    const message = opensslEncrypt(['ellie-may', 'jed'], ['-des3']);
    for (const person of ['ellie-may', 'jed']) {
      const result = await decryptMessage(message, await recipientFor(person));
      expect(result.content).toEqual(expectedContent);
      expect(result.encryption.keyManagement[0]).toMatch(/3DES key wrap/);
      expect(result.encryption.weak).toBe(true);
    }
  });

  it('a 20 MB message streamed by OpenSSL (BER, indefinite lengths, chunked content) is read', async () => {
    const line = 'Please ship 30 tanker trucks to the Clampett place, and more tanker trucks.\n';
    const bigFile = scratch.write('big.eml', `Content-Type: text/plain\n\n${line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))}`);
    const message = opensslEncrypt(['jethro'], ['-aes256', '-stream'], bigFile);
    const result = await decryptMessage(message, await recipientFor('jethro'));
    expect(result.content.length).toBeGreaterThan(20 * 1024 * 1024);
    expect(new TextDecoder().decode(result.content.subarray(0, 100))).toMatch(/^Content-Type: text\/plain\r\n\r\nPlease ship/);
  }, 60_000);

  it('old mail in RC2-CBC (128-bit) is read and flagged as weak encryption', async () => {
    const message = opensslEncrypt(['jethro'], ['-rc2', ...LEGACY]);
    const result = await decryptMessage(message, await recipientFor('jethro'));
    expect(result.content).toEqual(expectedContent);
    expect(result.encryption).toMatchObject({ contentEncryption: 'RC2-CBC-128', weak: true });
  });

  it('old mail in RC2-40-CBC is read with 40 effective key bits', async () => {
    const message = opensslEncrypt(['jethro'], ['-rc2-40', ...LEGACY]);
    const result = await decryptMessage(message, await recipientFor('jethro'));
    expect(result.content).toEqual(expectedContent);
    expect(result.encryption).toMatchObject({ contentEncryption: 'RC2-CBC-40', weak: true });
  });
});

describe('OpenSSL encrypts, Signet decrypts: key management', () => {
  it('RSA PKCS#1 v1.5 key transport to Jethro (RSA 2048)', async () => {
    const result = await decryptMessage(opensslEncrypt(['jethro'], ['-aes256']), await recipientFor('jethro'));
    expect(result.content).toEqual(expectedContent);
    expect(result.encryption.keyManagement[0]).toBe('RSAES-PKCS1-v1_5');
  });

  it('RSA PKCS#1 v1.5 key transport to Granny (RSA 4096)', async () => {
    const result = await decryptMessage(opensslEncrypt(['granny'], ['-aes256']), await recipientFor('granny'));
    expect(result.content).toEqual(expectedContent);
  });

  const oaepCases = [
    { options: ['-keyopt', 'rsa_padding_mode:oaep'], report: 'RSAES-OAEP (SHA-1)' },
    { options: ['-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256'], report: 'RSAES-OAEP (SHA-256)' },
    { options: ['-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-keyopt', 'rsa_mgf1_md:sha1'], report: 'RSAES-OAEP (SHA-256, MGF1-SHA-1)' },
    { options: ['-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha512', '-keyopt', 'rsa_mgf1_md:sha384'], report: 'RSAES-OAEP (SHA-512, MGF1-SHA-384)' },
    {
      options: ['-keyopt', 'rsa_padding_mode:oaep', '-keyopt', 'rsa_oaep_md:sha256', '-keyopt', 'rsa_oaep_label:6a6564636f'],
      report: 'RSAES-OAEP (SHA-256)',
    },
  ];
  for (const { options, report } of oaepCases) {
    it(`${report} key transport`, async () => {
      const message = opensslEncrypt([], ['-aes256', '-recip', fixturePath('jethro.pem'), ...options]);
      const result = await decryptMessage(message, await recipientFor('jethro'));
      expect(result.content).toEqual(expectedContent);
      expect(result.encryption.keyManagement[0]).toBe(report);
    });
  }

  for (const kdf of ['sha1', 'sha224', 'sha256', 'sha384', 'sha512']) {
    it(`ECDH to Ellie-May (P-256) with the X9.63 ${kdf} KDF`, async () => {
      const message = opensslEncrypt([], ['-aes256', '-recip', fixturePath('ellie-may.pem'), '-keyopt', `ecdh_kdf_md:${kdf}`]);
      const result = await decryptMessage(message, await recipientFor('ellie-may'));
      expect(result.content).toEqual(expectedContent);
      expect(result.encryption.keyManagement[0]).toContain(`KDF SHA-${kdf.slice(3)}`);
    });
  }

  it('ECDH to Jed (P-384) with the X9.63 sha384 and sha224 KDFs', async () => {
    for (const kdf of ['sha384', 'sha224']) {
      const message = opensslEncrypt([], ['-aes-256-gcm', '-recip', fixturePath('jed.pem'), '-keyopt', `ecdh_kdf_md:${kdf}`]);
      const result = await decryptMessage(message, await recipientFor('jed'));
      expect(result.content).toEqual(expectedContent);
      expect(result.encryption.keyManagement[0]).toBe(`ECDH (P-384, X9.63 KDF SHA-${kdf.slice(3)}, AES-256 key wrap)`);
    }
  });

  it('ECDH to Jed (P-384) with AES-128 and AES-192 key wrap', async () => {
    for (const option of ['-aes128', '-aes192']) {
      const message = opensslEncrypt(['jed'], [option]);
      const result = await decryptMessage(message, await recipientFor('jed'));
      expect(result.content).toEqual(expectedContent);
      expect(result.encryption.keyManagement[0]).toMatch(/^ECDH \(P-384/);
    }
  });

  it('a message to several people is opened by each of them, whatever their key type', async () => {
    const message = opensslEncrypt(['jethro', 'ellie-may', 'jed', 'granny'], ['-aes-256-gcm']);
    for (const person of ['jethro', 'ellie-may', 'jed', 'granny']) {
      const result = await decryptMessage(message, await recipientFor(person));
      expect(result.content).toEqual(expectedContent);
    }
  });

  it('a RecipientInfo naming the recipient by subject key identifier is found', async () => {
    const message = opensslEncrypt(['jethro', 'ellie-may'], ['-aes256', '-keyid']);
    expect((await decryptMessage(message, await recipientFor('jethro'))).content).toEqual(expectedContent);
    expect((await decryptMessage(message, await recipientFor('ellie-may'))).content).toEqual(expectedContent);
  });
});

describe('in a browser whose WebCrypto refuses 192-bit AES keys (Chromium)', () => {
  it('AES-192-CBC content and the AES-192 key wrap are decrypted in JavaScript instead', async () => {
    const subtle = crypto.subtle;
    const importKey = subtle.importKey.bind(subtle) as (...args: unknown[]) => Promise<CryptoKey>;
    let refused = 0;
    const spy = vi.spyOn(subtle, 'importKey').mockImplementation(((...args: unknown[]) => {
      const [format, keyData, algorithm] = args as [string, ArrayBufferView, string | { name: string }];
      const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
      if (format === 'raw' && name.startsWith('AES') && keyData.byteLength === 24) {
        refused += 1;
        return Promise.reject(new DOMException('AES key data must be 128 or 256 bits', 'OperationError'));
      }
      return importKey(...args);
    }) as typeof subtle.importKey);
    try {
      const message = opensslEncrypt(['jethro', 'ellie-may'], ['-aes192']);
      for (const person of ['jethro', 'ellie-may']) {
        const result = await decryptMessage(message, await recipientFor(person));
        expect(result.content).toEqual(expectedContent);
        expect(result.encryption.contentEncryption).toBe('AES-192-CBC');
      }
      expect(refused).toBeGreaterThanOrEqual(3); // content twice, the EC recipient's key wrap once
    } finally {
      spy.mockRestore();
    }
  });
});

describe('layers around the encrypted root', () => {
  function opensslSign(input: string, person: string, options: string[] = []): string {
    const output = scratch.path(`signed-${Math.random().toString(36).slice(2)}.eml`);
    runOpenssl(['cms', '-sign', '-in', input, '-out', output, '-signer', fixturePath(`${person}.pem`), '-inkey', fixturePath(`${person}.key`), '-md', 'sha256', ...options]);
    return output;
  }

  function opensslDecryptFile(input: string, person: string): Uint8Array {
    return runOpenssl(['cms', '-decrypt', '-in', input, '-recip', fixturePath(`${person}.pem`), '-inkey', fixturePath(`${person}.key`)]);
  }

  for (const outerForm of ['detached', 'opaque'] as const) {
    it(`a triple-wrapped order (signed, encrypted, signed ${outerForm} by openssl cms -sign) is opened to the inner signed entity`, async () => {
      const innerSigned = opensslSign(orderFile, 'jethro');
      const encrypted = scratch.path(`encrypted-${outerForm}.eml`);
      runOpenssl(['cms', '-encrypt', '-in', innerSigned, '-out', encrypted, '-aes256', fixturePath('ellie-may.pem')]);
      const tripleWrapped = opensslSign(encrypted, 'jethro', outerForm === 'opaque' ? ['-nodetach'] : []);
      const raw = scratch.read(tripleWrapped.split('/').pop() as string);
      expect(new TextDecoder().decode(raw)).toMatch(outerForm === 'opaque' ? /smime-type=signed-data/ : /multipart\/signed/);

      const result = await decryptMessage(raw, await recipientFor('ellie-may'));
      expect(result.content).toEqual(opensslDecryptFile(encrypted, 'ellie-may'));
      const inner = new TextDecoder().decode(result.content);
      expect(inner).toMatch(/multipart\/signed/);
      expect(inner).toContain('Please ship 30 tanker trucks');
    });
  }

  it('a signed but unencrypted message is reported as not encrypted, saying it is signed', async () => {
    const signed = scratch.read(opensslSign(orderFile, 'jethro').split('/').pop() as string);
    const error = await expectSignetError(decryptMessage(signed, await recipientFor('jethro')), 'not-encrypted');
    expect(error.message).toMatch(/signed .*not encrypted/);
  });

  it('an application/octet-stream smime.p7m attachment as the root is decrypted (RFC 8551 §3.2.2)', async () => {
    const der = opensslEncrypt(['jethro'], ['-aes256', '-outform', 'DER']);
    const base64 = Buffer.from(der).toString('base64').replace(/.{1,76}/g, '$&\r\n');
    const message =
      'From: jethro@jedco.example\r\nTo: ellie-may@clampett.example\r\nSubject: Order\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: application/octet-stream; name="smime.p7m"\r\nContent-Disposition: attachment; filename="smime.p7m"\r\n' +
      `Content-Transfer-Encoding: base64\r\n\r\n${base64}`;
    const result = await decryptMessage(new TextEncoder().encode(message), await recipientFor('jethro'));
    expect(result.content).toEqual(expectedContent);
  });

  it('an x-pkcs7-mime root without smime-type is recognised by its CMS content type', async () => {
    const der = opensslEncrypt(['jethro'], ['-aes256', '-outform', 'DER']);
    const base64 = Buffer.from(der).toString('base64');
    const message = `Subject: old client\r\nMIME-Version: 1.0\r\nContent-Type: application/x-pkcs7-mime; name=smime.p7m\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}\r\n`;
    const result = await decryptMessage(new TextEncoder().encode(message), await recipientFor('jethro'));
    expect(result.content).toEqual(expectedContent);
  });
});

describe('what is not decrypted, and how it fails', () => {
  it('Bob Hacker is not a recipient: the error names who the message was for', async () => {
    const message = opensslEncrypt(['jethro', 'ellie-may'], ['-aes256']);
    const error = await expectSignetError(decryptMessage(message, await recipientFor('bob-hacker')), 'not-a-recipient');
    expect(error.message).toMatch(/issued by CN=Jed Co Mail CA/);
    expect(error.message.match(/serial [0-9a-f]+/g)).toHaveLength(3); // Bob's own, then the two recipients
  });

  it('a message naming recipients by key identifier says so when the reader is not one of them', async () => {
    const message = opensslEncrypt(['jethro'], ['-aes256', '-keyid']);
    const error = await expectSignetError(decryptMessage(message, await recipientFor('granny')), 'not-a-recipient');
    expect(error.message).toMatch(/subject key identifier [0-9a-f]{40}/);
  });

  it('an encrypted part nested in an unencrypted multipart is not decrypted', async () => {
    const encrypted = new TextDecoder().decode(opensslEncrypt(['jethro'], ['-aes256']));
    const wrapped =
      'From: Bob <bob@hacker.example>\r\nTo: jethro@jedco.example\r\nSubject: fwd\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: multipart/mixed; boundary="outer"\r\n\r\n--outer\r\nContent-Type: text/plain\r\n\r\nSee below.\r\n' +
      `--outer\r\n${encrypted.replace(/^MIME-Version: 1.0\r?\n/, '')}\r\n--outer--\r\n`;
    const error = await expectSignetError(decryptMessage(new TextEncoder().encode(wrapped), await recipientFor('jethro')), 'not-encrypted');
    expect(error.message).toMatch(/nested/);
  });

  it('a plain message is not encrypted', async () => {
    await expectSignetError(decryptMessage(new TextEncoder().encode(ORDER_MESSAGE), await recipientFor('jethro')), 'not-encrypted');
  });

  it('a wrong-key PKCS#1 v1.5 decryption fails exactly like a corrupted ciphertext (implicit rejection)', async () => {
    // Bob's message, with the RecipientInfo relabelled to Jethro's issuer and serial: Jethro's key
    // "decrypts" Bob's encrypted key into synthetic bytes, and the content then fails to decrypt.
    const serialOf = (person: string) =>
      Uint8Array.from(Buffer.from(new TextDecoder().decode(runOpenssl(['x509', '-in', fixturePath(`${person}.pem`), '-noout', '-serial'])).trim().split('=')[1], 'hex'));
    const toBob = opensslEncrypt(['bob-hacker'], ['-aes256', '-outform', 'DER']);
    const relabelled = replaceBytes(toBob, serialOf('bob-hacker'), serialOf('jethro'));
    const wrongKeyMessage = wrapDerAsSmime(relabelled, 'enveloped-data');
    const wrongKeyError = await expectSignetError(decryptMessage(wrongKeyMessage, await recipientFor('jethro')), 'decryption-failed');

    const toJethro = opensslEncrypt(['jethro'], ['-aes256', '-outform', 'DER']);
    toJethro[toJethro.length - 5] ^= 0x55; // damage the last ciphertext block
    const corruptError = await expectSignetError(decryptMessage(wrapDerAsSmime(toJethro, 'enveloped-data'), await recipientFor('jethro')), 'decryption-failed');
    expect(wrongKeyError.message).toBe(corruptError.message);
  });

  it('an altered AES-GCM ciphertext fails its tag check', async () => {
    const der = opensslEncrypt(['jethro'], ['-aes-256-gcm', '-outform', 'DER']);
    der[der.length - 30] ^= 1; // inside the ciphertext, before the 16-byte mac
    await expectSignetError(decryptMessage(wrapDerAsSmime(der, 'authEnveloped-data'), await recipientFor('jethro')), 'decryption-failed');
  });

  it('truncated CMS is a malformed-cms error', async () => {
    const der = opensslEncrypt(['jethro'], ['-aes256', '-outform', 'DER']);
    await expectSignetError(decryptMessage(wrapDerAsSmime(der.subarray(0, der.length - 40), 'enveloped-data'), await recipientFor('jethro')), 'malformed-cms');
  });

  it('garbage in an application/pkcs7-mime body is a malformed-cms error', async () => {
    const garbage = crypto.getRandomValues(new Uint8Array(500));
    await expectSignetError(decryptMessage(wrapDerAsSmime(garbage, 'enveloped-data'), await recipientFor('jethro')), 'malformed-cms');
  });
});

function replaceBytes(haystack: Uint8Array, needle: Uint8Array, replacement: Uint8Array): Uint8Array {
  expect(needle.length).toBe(replacement.length);
  const copy = haystack.slice();
  outer: for (let index = 0; index + needle.length <= copy.length; index += 1) {
    for (let offset = 0; offset < needle.length; offset += 1) if (copy[index + offset] !== needle[offset]) continue outer;
    copy.set(replacement, index);
    return copy;
  }
  throw new Error('needle not found');
}

function wrapDerAsSmime(der: Uint8Array, smimeType: string): Uint8Array {
  const base64 = Buffer.from(der).toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return new TextEncoder().encode(
    'From: Jethro Bodine <jethro@jedco.example>\r\nTo: ellie-may@clampett.example\r\nSubject: Order\r\nMIME-Version: 1.0\r\n' +
      `Content-Type: application/pkcs7-mime; smime-type=${smimeType}; name="smime.p7m"\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64}`,
  );
}
