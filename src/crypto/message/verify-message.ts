/**
 * Verifies a whole message into one `Verdict` (DESIGN.md, "Verification verdicts").
 *
 * Layers are walked from the outside in (RFC 8551 §3.7, triple wrapping): an encryption layer is
 * opened through `options.decrypt`; a signature whose content is an encrypted part proves only who
 * sent the ciphertext and doesn't count (`signature-over-ciphertext`); the first signature over
 * readable content is the one that counts. Only a signature at the top (under encryption layers
 * and signatures over ciphertext) counts: a signed part nested in an unsigned container is MIME
 * wrapping, and the message is `unsigned`.
 */
import { SignetError, isSignetError } from '../../shared/errors';
import { verifySignedData, type SignedDataCheck } from '../cms/signed/verify-signed-data';
import { decodeEntityBody, classifyEntity, explainUnsignedMessage, type SmimeShape } from './smime-structure';
import { parseMimeMessage, toCrlf } from '../mime/index';
import type { MimeEntity } from '../mime/index';
import type { EncryptionReport, LayerReport, ProblemCode, Verdict } from '../verdict';
import { judgeSignedLayer, type SignedLayerJudgement } from './judge-signed-layer';
import { sortProblemsWorstFirst } from './status-of-problems';
import type { VerifyOptions } from './verify-options';

export type { VerifyOptions } from './verify-options';

/** Real triple-wrapped mail has three layers; anything deeper is a message built to exhaust us. */
const MAXIMUM_LAYERS = 8;

export async function verifyMessage(raw: Uint8Array, options: VerifyOptions): Promise<Verdict> {
  const root = parseMimeMessage(raw);
  const messageHeaders = root.headers;
  const layers: LayerReport[] = [];
  const notes: ProblemCode[] = [];
  let encryption: EncryptionReport | undefined;
  let entity = root;

  for (let depth = 0; depth < MAXIMUM_LAYERS; depth += 1) {
    let shape: SmimeShape;
    try {
      shape = classifyEntity(entity);
    } catch (error) {
      if (!isSignetError(error, 'malformed-mime')) throw error;
      layers.push({ kind: 'signed', form: 'detached', status: 'invalid', counted: true });
      return signedVerdict(failedLayer('malformed-mime'), layers, notes, encryption);
    }

    if (shape.kind === 'encrypted') {
      if (!options.decrypt) return unsignedVerdict(layers, notes, encryption);
      const opened = await options.decrypt(entity.raw);
      layers.push({ kind: 'encrypted', encryption: opened.encryption });
      encryption ??= opened.encryption;
      if (opened.encryption.weak) notes.push('weak-encryption');
      entity = parseMimeMessage(opened.content);
      continue;
    }

    if (shape.kind === 'other') {
      const explanation = explainUnsignedMessage(entity);
      if (explanation) notes.push(explanation);
      return unsignedVerdict(layers, notes, encryption);
    }

    const form = shape.kind === 'detached-signed' ? 'detached' : 'opaque';
    let check: SignedDataCheck;
    try {
      check = await checkSignature(shape, options.knownCertificates ?? []);
    } catch (error) {
      if (!isSignetError(error, 'malformed-cms')) throw error;
      layers.push({ kind: 'signed', form, status: 'invalid', counted: true });
      return signedVerdict(failedLayer('malformed-cms'), layers, notes, encryption);
    }
    const signedEntity = shape.kind === 'detached-signed' ? shape.content : parseSignedContent(check.content);
    const judgement = await judgeSignedLayer(check, signedEntity, messageHeaders, options);
    if (signedEntity && isEncrypted(signedEntity)) {
      // RFC 8551 §3.7 / DESIGN.md: a signature over ciphertext says who sent it, not who wrote it.
      layers.push({ kind: 'signed', form, status: judgement.status, counted: false });
      notes.push('signature-over-ciphertext');
      entity = signedEntity;
      continue;
    }
    if (!signedEntity) {
      // A good signature over something that isn't a MIME entity can't be shown as signed mail.
      judgement.problems.unshift('malformed-mime');
      judgement.status = 'invalid';
    }
    layers.push({ kind: 'signed', form, status: judgement.status, counted: true });
    return signedVerdict(judgement, layers, notes, encryption);
  }
  throw new SignetError('malformed-mime', `The message nests more than ${MAXIMUM_LAYERS} signature and encryption layers.`);
}

async function checkSignature(
  shape: Extract<SmimeShape, { kind: 'detached-signed' | 'opaque-signed' }>,
  knownCertificates: Uint8Array[],
): Promise<SignedDataCheck> {
  if (shape.kind === 'opaque-signed') return verifySignedData(shape.der, undefined, knownCertificates);
  const exact = shape.content.raw;
  // RFC 8551 §3.1.1: the content was signed in canonical CRLF form; a file saved with bare LF
  // gets a second chance as CRLF, and the exact bytes are tried first.
  return verifySignedData(decodeEntityBody(shape.signature), {
    exact,
    canonical: hasBareLineFeed(exact) ? () => toCrlf(exact) : undefined,
  }, knownCertificates);
}

/** Whether some LF has no CR before it; a native `indexOf` per line, not a callback per byte (bench/README.md). */
function hasBareLineFeed(bytes: Uint8Array): boolean {
  for (let position = bytes.indexOf(0x0a); position >= 0; position = bytes.indexOf(0x0a, position + 1)) {
    if (position === 0 || bytes[position - 1] !== 0x0d) return true;
  }
  return false;
}

function isEncrypted(entity: MimeEntity): boolean {
  try {
    return classifyEntity(entity).kind === 'encrypted';
  } catch {
    return false;
  }
}

function parseSignedContent(content: Uint8Array): MimeEntity | undefined {
  try {
    return parseMimeMessage(content);
  } catch (error) {
    if (isSignetError(error, 'malformed-mime')) return undefined;
    throw error;
  }
}

function failedLayer(problem: ProblemCode): SignedLayerJudgement {
  return { status: 'invalid', signers: [], problems: [problem], revocation: [] };
}

function signedVerdict(judgement: SignedLayerJudgement, layers: LayerReport[], notes: ProblemCode[], encryption: EncryptionReport | undefined): Verdict {
  const signingTimes = judgement.signers.flatMap((signer) => (signer.signingTime ? [signer.signingTime] : [])).sort();
  return {
    status: judgement.status,
    signers: judgement.signers,
    signingTime: signingTimes[0],
    problems: sortProblemsWorstFirst([...notes, ...judgement.problems]),
    fromAddress: judgement.fromAddress,
    encryption,
    layers,
    protectedHeaders: judgement.protectedHeaders,
    revocation: judgement.revocation,
  };
}

function unsignedVerdict(layers: LayerReport[], notes: ProblemCode[], encryption: EncryptionReport | undefined): Verdict {
  return {
    status: 'unsigned',
    signers: [],
    problems: sortProblemsWorstFirst([...notes, 'no-signature']),
    encryption,
    layers,
    revocation: [],
  };
}

