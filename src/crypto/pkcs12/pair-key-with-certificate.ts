/**
 * Picks the private key's own certificate among a PKCS#12's certificates. A file's names prove
 * nothing (anyone can put any certificate beside any key), so the leaf is the certificate whose
 * public key is the private key's; localKeyId (RFC 7292 §4.2, PKCS#9 RFC 2985 §5.5.2) only breaks
 * ties when several certificates carry the same key (a renewed certificate).
 */
import { SignetError } from '../../shared/errors';
import { bytesEqual } from '../encoding/bytes';
import { certificatePublicKeyIdentity } from './certificate-public-key';
import type { Pkcs12Bag } from './safe-bags';

type KeyBag = Extract<Pkcs12Bag, { kind: 'private-key' }>;
type CertificateBag = Extract<Pkcs12Bag, { kind: 'certificate' }>;

export interface PairedCertificates {
  leaf: CertificateBag;
  /** Every other certificate, in file order, without duplicates of the leaf. */
  others: CertificateBag[];
}

export async function pairKeyWithCertificate(key: KeyBag, publicKeyIdentity: string, certificates: CertificateBag[]): Promise<PairedCertificates> {
  const matching: CertificateBag[] = [];
  for (const certificate of certificates) {
    if ((await certificatePublicKeyIdentity(certificate.der)) === publicKeyIdentity) matching.push(certificate);
  }
  if (matching.length === 0) {
    throw new SignetError('key-certificate-mismatch', 'The private key in this digital ID does not belong to any of its certificates.');
  }
  const byKeyId = key.localKeyId === undefined
    ? undefined
    : matching.find((certificate) => certificate.localKeyId !== undefined && bytesEqual(certificate.localKeyId, key.localKeyId as Uint8Array));
  const leaf = byKeyId ?? matching[0];
  const others = certificates.filter((certificate) => certificate !== leaf && !bytesEqual(certificate.der, leaf.der));
  return { leaf, others: removeDuplicates(others) };
}

function removeDuplicates(certificates: CertificateBag[]): CertificateBag[] {
  const unique: CertificateBag[] = [];
  for (const certificate of certificates) {
    if (!unique.some((seen) => bytesEqual(seen.der, certificate.der))) unique.push(certificate);
  }
  return unique;
}
