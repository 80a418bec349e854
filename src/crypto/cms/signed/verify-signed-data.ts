/**
 * Checks a SignedData (RFC 5652 §5) at the CMS level, detached (multipart/signed, RFC 8551 §3.5.3)
 * or opaque (application/pkcs7-mime signed-data, §3.5.2), and defeats the CMS signature-spoofing
 * classes ("Johnny, You Are Fired", USENIX Security 2019): eContent beside detached content, and
 * zero SignerInfos. Several SignerInfos are each judged; the message layer lets the worst win.
 */
import type { ProblemCode } from '../../verdict';
import { checkSignerInfo, type SignedContent, type SignerCheck } from './check-signer-info';
import { parseCandidateCertificates } from './find-signer-certificate';
import { parseSignedData } from './parse-signed-data';

/**
 * Real mail has one signer, rarely two or three; each costs a signature check and a path
 * validation, so a message listing thousands is built to exhaust the verifier.
 */
export const MAXIMUM_SIGNERS = 16;

export interface SignedDataCheck {
  form: 'detached' | 'opaque';
  eContentType: string;
  /** What the signature covers: the detached part, or the encapsulated content. */
  content: Uint8Array;
  /** The DER certificates the message carried. */
  certificates: Uint8Array[];
  signers: SignerCheck[];
  /** Problems of the whole SignedData, not of one signer. */
  problems: ProblemCode[];
}

/**
 * @param signature the ContentInfo DER (or BER)
 * @param detachedContent for multipart/signed: the first part, as it arrived
 * @param knownCertificates certificates Signet already has (contacts, intermediates)
 */
export async function verifySignedData(
  signature: Uint8Array,
  detachedContent: SignedContent | undefined,
  knownCertificates: Uint8Array[] = [],
): Promise<SignedDataCheck> {
  const parsed = parseSignedData(signature);
  const problems: ProblemCode[] = [];
  let content: SignedContent;
  if (detachedContent) {
    // A detached signature whose SignedData also carries content: which one was signed is the
    // attacker's choice. Never show one while the signature covers the other.
    if (parsed.eContent !== undefined) problems.push('embedded-and-detached-content');
    content = detachedContent;
  } else if (parsed.eContent !== undefined) {
    content = { exact: parsed.eContent };
  } else {
    problems.push('malformed-cms');
    content = { exact: new Uint8Array(0) };
  }
  const candidates = parseCandidateCertificates([...parsed.certificates, ...knownCertificates]);
  const signerInfos = parsed.signedData.signerInfos;
  if (signerInfos.length === 0) problems.push('no-signer');
  if (signerInfos.length > MAXIMUM_SIGNERS) problems.push('malformed-cms');
  const signers: SignerCheck[] = [];
  for (const signerInfo of signerInfos.slice(0, MAXIMUM_SIGNERS)) {
    signers.push(await checkSignerInfo(signerInfo, content, parsed.eContentType, candidates));
  }
  return {
    form: detachedContent ? 'detached' : 'opaque',
    eContentType: parsed.eContentType,
    content: content.exact,
    certificates: parsed.certificates,
    signers,
    problems,
  };
}
