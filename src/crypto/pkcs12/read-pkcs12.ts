/**
 * Reads a digital ID (a .p12/.pfx file, PKCS#12 v1.1, RFC 7292) in password-integrity and
 * password-privacy modes, as OpenSSL 3 (PBES2, AES, HMAC-SHA-256), OpenSSL 1.x and Windows
 * (3DES keys, RC2-40 certificates, HMAC-SHA-1) write them.
 *
 *   PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
 *
 * Order matters (RFC 7292 §5.1): the MAC is checked before anything inside is decrypted or
 * parsed, so a wrong password is `wrong-password` and a tampered file never reaches the key
 * parser. A file without a MAC (`openssl pkcs12 -nomac`) is still read: there a wrong password
 * shows as bad padding when decrypting, reported as `wrong-password` too, and the key must still
 * match its certificate.
 */
import { SignetError } from '../../shared/errors';
import { corrupt, explicitTagContent, objectIdentifier, octetStringBytes, parseBer, sequenceItems, smallInteger } from './asn1';
import type { DigitalId } from './digital-id';
import { OID_DATA } from './object-identifiers';
import { pairKeyWithCertificate, type PairedCertificates } from './pair-key-with-certificate';
import { encodePassword } from './password-encodings';
import { describePrivateKey, normalizePkcs8, type PrivateKeyDescription } from './private-key-info';
import { readAuthenticatedSafe, type Pkcs12Bag } from './safe-bags';
import { readMacData, verifyMac } from './verify-mac';

export type { DigitalId } from './digital-id';

/** Real digital IDs are a few kilobytes; a long chain stays far below this. */
export const MAX_PKCS12_BYTES = 4 * 1024 * 1024;

export async function readPkcs12(file: Uint8Array, password: string): Promise<DigitalId> {
  if (file.length === 0) throw corrupt('the file is empty');
  if (file.length > MAX_PKCS12_BYTES) throw corrupt(`the file is ${file.length} bytes; digital IDs are at most ${MAX_PKCS12_BYTES}`);
  if (file[0] !== 0x30) throw corrupt('it does not start like a PKCS#12 file (a PEM file or something else?)');

  const pfxItems = sequenceItems(parseBer(file, 'the file'), 'PFX', 2);
  const version = smallInteger(pfxItems[0], 'PFX version');
  if (version !== 3) throw corrupt(`its version is ${version}, not 3`);
  const [typeNode, contentNode] = sequenceItems(pfxItems[1], 'authSafe', 2);
  if (objectIdentifier(typeNode, 'authSafe type') !== OID_DATA) {
    throw new SignetError('unsupported-algorithm', 'This digital ID is protected by a public-key signature (PKCS#12 public-key integrity mode), which Signet cannot check.');
  }
  const authenticatedSafe = octetStringBytes(explicitTagContent(contentNode, 0, 'authSafe content'), 'authSafe content');

  const encodings = encodePassword(password);
  let bmpCandidates = encodings.bmpCandidates;
  const macVerified = pfxItems[2] !== undefined;
  if (pfxItems[2] !== undefined) {
    // RFC 7292 §5.1 step 2: integrity first.
    const accepted = await verifyMac(readMacData(pfxItems[2]), authenticatedSafe, bmpCandidates);
    bmpCandidates = [accepted, ...bmpCandidates.filter((candidate) => candidate !== accepted)];
  }

  const bags = await readAuthenticatedSafe(authenticatedSafe, { bmpCandidates, utf8: encodings.utf8, macVerified });
  const keys = bags.filter((bag) => bag.kind === 'private-key');
  const certificates = bags.filter((bag) => bag.kind === 'certificate');
  if (keys.length === 0) throw new SignetError('no-private-key', 'This file holds no private key: it can show certificates but cannot sign or decrypt. Export the digital ID again with its private key.');
  if (certificates.length === 0) throw new SignetError('no-certificate', 'This file holds a private key but no certificate for it.');

  const { key, description, leaf, others } = await chooseKey(keys, certificates);
  for (const otherKey of keys) if (otherKey !== key) otherKey.pkcs8.fill(0);
  const privateKeyPkcs8 = normalizePkcs8(key.pkcs8);
  if (privateKeyPkcs8 !== key.pkcs8) key.pkcs8.fill(0);

  const digitalId: DigitalId = {
    certificates: [leaf.der, ...others.map((certificate) => certificate.der)],
    privateKeyPkcs8,
    keyType: description.keyType,
    keySizeBits: description.keySizeBits,
  };
  const friendlyName = key.friendlyName ?? leaf.friendlyName;
  if (friendlyName !== undefined) digitalId.friendlyName = friendlyName;
  if (description.namedCurve !== undefined) digitalId.namedCurve = description.namedCurve;
  return digitalId;
}

type KeyBag = Extract<Pkcs12Bag, { kind: 'private-key' }>;
type CertificateBag = Extract<Pkcs12Bag, { kind: 'certificate' }>;

/**
 * A digital ID holds one key. Should a file carry several, the first one that Signet can use and
 * that has its certificate is the one; if none does, the first key's problem is the one reported.
 */
async function chooseKey(keys: KeyBag[], certificates: CertificateBag[]): Promise<{ key: KeyBag; description: PrivateKeyDescription } & PairedCertificates> {
  let firstError: unknown;
  for (const key of keys) {
    try {
      const description = await describePrivateKey(key.pkcs8);
      const paired = await pairKeyWithCertificate(key, description.publicKeyIdentity, certificates);
      return { key, description, ...paired };
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError;
}
