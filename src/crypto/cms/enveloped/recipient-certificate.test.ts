import { afterAll, describe, expect, it } from 'vitest';
import { decodePemBlocks } from '../../encoding/pem';
import { readRecipientCertificate } from './recipient-certificate';
import { fixturePath, makeScratchDirectory, readCertificate, runOpenssl } from './testing/openssl-peer';

const scratch = makeScratchDirectory();
afterAll(() => scratch.dispose());

describe('recipient certificates', () => {
  it('a certificate without a subjectKeyIdentifier extension is matched by the SHA-1 of its public key (RFC 5280 §4.2.1.2)', async () => {
    // The same key as Jethro's, certified without any extension: its computed identifier must be
    // the one OpenSSL put into Jethro's real certificate.
    const config = scratch.write('no-extensions.cnf', '[req]\ndistinguished_name=dn\n[dn]\n');
    const pem = runOpenssl(['req', '-x509', '-new', '-key', fixturePath('jethro.key'), '-subj', '/CN=Jethro without extensions', '-days', '30', '-config', config]);
    const withoutExtension = await readRecipientCertificate(decodePemBlocks(new TextDecoder().decode(pem), 'CERTIFICATE')[0].der);
    const jethro = await readRecipientCertificate(readCertificate('jethro'));
    expect(withoutExtension.record.extensions.subjectKeyIdentifier).toBeUndefined();
    expect(withoutExtension.subjectKeyIdentifier).toBe(jethro.record.extensions.subjectKeyIdentifier);
  });

  it('describes itself by subject, issuer and serial for error messages', async () => {
    const granny = await readRecipientCertificate(readCertificate('granny'));
    expect(granny.keyType).toBe('RSA');
    expect(granny.description).toMatch(/granny@clampett\.example.*issuer CN=Jed Co Mail CA, O=Jed Co, serial [0-9a-f]+/);
    const jed = await readRecipientCertificate(readCertificate('jed'));
    expect(jed).toMatchObject({ keyType: 'EC', namedCurve: 'P-384' });
  });
});
