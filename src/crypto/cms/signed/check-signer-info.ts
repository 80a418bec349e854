/**
 * Judges one SignerInfo at the CMS level (RFC 5652 §5.4-§5.6): which certificate signed, whether
 * the content digest and the signature hold, whether the claimed content type is the real one
 * (RFC 5652 §11.1), and what the algorithm policy of DESIGN.md says about the algorithms and the
 * key. The certificate's path, the From rule and the date rule are judged by the message layer.
 *
 * The digest is checked here rather than left to pkijs, which throws on a mismatch and returns
 * false on a bad signature: each reason gets its own problem code.
 */
import type * as pkijs from 'pkijs';
import type { ProblemCode } from '../../verdict';
import type { HashName } from '../../keys/private-key-handle';
import { SignetError } from '../../../shared/errors';
import { describeDigestAlgorithm, describeSignatureAlgorithm, type SignatureFamily } from './algorithms';
import { asBufferSource, bytesEqualConstantLength } from './bytes';
import { findSignerCertificates, type CandidateCertificate } from './find-signer-certificate';
import { octetStringContent } from './parse-signed-data';
import { describePublicKey, type PublicKeyFacts } from './public-key';
import { readSignedAttributes, signedAttributesAsSigned } from './signed-attributes';
import { verifySignatureValue } from './verify-signature-value';

export interface SignedContent {
  /** The bytes as they arrived. */
  exact: Uint8Array;
  /** Another encoding worth trying when the exact bytes don't match (a bare-LF file turned CRLF). */
  canonical?: () => Uint8Array;
}

export interface SignerCheck {
  problems: ProblemCode[];
  certificate?: CandidateCertificate;
  publicKey?: PublicKeyFacts;
  signingTime?: Date;
  digestAlgorithm: string;
  signatureAlgorithm: string;
  capabilities: string[];
}

export async function checkSignerInfo(
  signerInfo: pkijs.SignerInfo,
  content: SignedContent,
  eContentType: string,
  candidates: CandidateCertificate[],
): Promise<SignerCheck> {
  const problems = new Set<ProblemCode>();
  const digest = describeDigestAlgorithm(signerInfo.digestAlgorithm.algorithmId);
  const signature = describeSignatureAlgorithm(signerInfo.signatureAlgorithm.algorithmId);
  const check: SignerCheck = {
    problems: [],
    digestAlgorithm: digest.name,
    signatureAlgorithm: signature.name,
    capabilities: [],
  };

  // The algorithm policy (DESIGN.md): refused and unsupported algorithms are never computed.
  const signatureDigest = signature.digestOid ? describeDigestAlgorithm(signature.digestOid) : digest;
  for (const used of [digest, signatureDigest]) {
    if (used.policy === 'refused') problems.add('refused-algorithm');
    else if (used.policy === 'unsupported') problems.add('unsupported-algorithm');
    else if (used.policy === 'weak') problems.add('weak-hash');
  }
  if (signature.family === 'DSA' || signature.family === 'unknown') problems.add('unsupported-algorithm');

  const matches = await findSignerCertificates(signerInfo.sid, candidates);
  if (matches.length === 0) problems.add('signer-certificate-missing');

  // What the signature covers, in the order worth trying.
  let signedBytes: (() => Uint8Array)[];
  if (signerInfo.signedAttrs) {
    const claims = readSignedAttributes(signerInfo.signedAttrs.attributes);
    check.signingTime = claims.signingTime;
    check.capabilities = claims.capabilities;
    // RFC 5652 §5.3: with signed attributes, contentType and messageDigest must both be there.
    if (claims.malformed.length > 0 || !claims.contentType || !claims.messageDigest) problems.add('malformed-cms');
    if (claims.contentType && claims.contentType !== eContentType) problems.add('content-type-mismatch');
    if (claims.messageDigest && digest.hash && !problems.has('refused-algorithm')) {
      if (!(await digestMatches(content, digest.hash, claims.messageDigest))) problems.add('digest-mismatch');
    }
    const attributes = signedAttributesAsSigned(signerInfo.signedAttrs);
    signedBytes = [() => attributes];
  } else {
    // RFC 5652 §5.3: without signed attributes the content type must be id-data, and the
    // signature covers the content itself.
    if (eContentType !== '1.2.840.113549.1.7.1') problems.add('content-type-mismatch');
    signedBytes = content.canonical ? [() => content.exact, content.canonical] : [() => content.exact];
  }

  // Several certificates may answer to the identifier (a forged look-alike in the message, a
  // renewed certificate for the same key): the signer's is the one whose key made the signature.
  const signatureHash = signatureDigest.hash;
  const checkable = !problems.has('refused-algorithm') && !problems.has('unsupported-algorithm');
  let verified = false;
  for (const candidate of matches) {
    const publicKey = describePublicKey(candidate.certificate.subjectPublicKeyInfo);
    check.certificate ??= candidate;
    check.publicKey ??= publicKey;
    if (!checkable || (!signatureHash && signature.family !== 'Ed25519') || !isAcceptableKey(publicKey)) continue;
    const outcome = await checkSignatureValue(signerInfo, signature.family, signatureHash ?? 'SHA-512', publicKey, signedBytes);
    if (outcome === 'good') {
      check.certificate = candidate;
      check.publicKey = publicKey;
      verified = true;
      break;
    }
    if (outcome !== 'bad-signature') problems.add(outcome);
  }
  if (check.publicKey) {
    // The algorithm policy for keys (DESIGN.md): RSA under 1024 bits refused, under 2048 weak.
    if (check.publicKey.keyType === 'RSA' && check.publicKey.keySizeBits < 1024) problems.add('refused-algorithm');
    else if (check.publicKey.keyType === 'RSA' && check.publicKey.keySizeBits < 2048) problems.add('weak-key');
    if (check.publicKey.keyType === 'DSA' || check.publicKey.keyType === 'unknown') problems.add('unsupported-algorithm');
    const checked = checkable && !problems.has('refused-algorithm') && !problems.has('unsupported-algorithm') && !problems.has('malformed-cms');
    if (checked && !verified) problems.add('bad-signature');
  }
  check.problems = [...problems];
  return check;
}

function isAcceptableKey(publicKey: PublicKeyFacts): boolean {
  if (publicKey.keyType === 'RSA') return publicKey.keySizeBits >= 1024;
  return publicKey.keyType === 'EC' || publicKey.keyType === 'Ed25519';
}

async function checkSignatureValue(
  signerInfo: pkijs.SignerInfo,
  family: SignatureFamily,
  hash: HashName,
  publicKey: PublicKeyFacts,
  signedBytes: (() => Uint8Array)[],
): Promise<'good' | Extract<ProblemCode, 'bad-signature' | 'unsupported-algorithm' | 'malformed-cms'>> {
  try {
    for (const bytes of signedBytes) {
      const good = await verifySignatureValue({
        family,
        hash,
        parameters: signerInfo.signatureAlgorithm.algorithmParams,
        publicKey,
        signedBytes: bytes(),
        signature: octetStringContent(signerInfo.signature),
      });
      if (good) return 'good';
    }
    return 'bad-signature';
  } catch (error) {
    if (error instanceof SignetError && error.code === 'unsupported-algorithm') return 'unsupported-algorithm';
    if (error instanceof SignetError) return 'malformed-cms';
    return 'bad-signature';
  }
}

async function digestMatches(content: SignedContent, hash: HashName, expected: Uint8Array): Promise<boolean> {
  const exact = new Uint8Array(await crypto.subtle.digest(hash, asBufferSource(content.exact)));
  if (bytesEqualConstantLength(exact, expected)) return true;
  if (!content.canonical) return false;
  const canonical = new Uint8Array(await crypto.subtle.digest(hash, asBufferSource(content.canonical())));
  return bytesEqualConstantLength(canonical, expected);
}
