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
import { describeDigestAlgorithm, describeSignatureAlgorithm } from './algorithms';
import { asBufferSource, bytesEqualConstantLength } from './bytes';
import { findSignerCertificate, type CandidateCertificate } from './find-signer-certificate';
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

  check.certificate = await findSignerCertificate(signerInfo.sid, candidates);
  if (!check.certificate) problems.add('signer-certificate-missing');
  else {
    check.publicKey = describePublicKey(check.certificate.certificate.subjectPublicKeyInfo);
    if (check.publicKey.keyType === 'RSA') {
      if (check.publicKey.keySizeBits < 1024) problems.add('refused-algorithm');
      else if (check.publicKey.keySizeBits < 2048) problems.add('weak-key');
    }
    if (check.publicKey.keyType === 'DSA' || check.publicKey.keyType === 'unknown') problems.add('unsupported-algorithm');
  }

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

  const signatureHash = signatureDigest.hash;
  const checkable = !problems.has('refused-algorithm') && !problems.has('unsupported-algorithm');
  if (check.publicKey && checkable && (signatureHash || signature.family === 'Ed25519')) {
    try {
      let good = false;
      for (const bytes of signedBytes) {
        good = await verifySignatureValue({
          family: signature.family,
          hash: signatureHash ?? 'SHA-512',
          parameters: signerInfo.signatureAlgorithm.algorithmParams,
          publicKey: check.publicKey,
          signedBytes: bytes(),
          signature: octetStringContent(signerInfo.signature),
        });
        if (good) break;
      }
      if (!good) problems.add('bad-signature');
    } catch (error) {
      if (error instanceof SignetError && error.code === 'unsupported-algorithm') problems.add('unsupported-algorithm');
      else if (error instanceof SignetError) problems.add('malformed-cms');
      else problems.add('bad-signature');
    }
  }
  check.problems = [...problems];
  return check;
}

async function digestMatches(content: SignedContent, hash: HashName, expected: Uint8Array): Promise<boolean> {
  const exact = new Uint8Array(await crypto.subtle.digest(hash, asBufferSource(content.exact)));
  if (bytesEqualConstantLength(exact, expected)) return true;
  if (!content.canonical) return false;
  const canonical = new Uint8Array(await crypto.subtle.digest(hash, asBufferSource(content.canonical())));
  return bytesEqualConstantLength(canonical, expected);
}
