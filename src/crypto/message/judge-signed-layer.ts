/**
 * Judges one signed layer beyond the CMS checks: each signer's certificate path at the signing
 * time with purpose email-signing (RFC 5280 §6, RFC 8550 §4.4), the From rule and the date rule
 * (DESIGN.md), the algorithm policy's verdict. Each signer gets a status; the layer gets the worst
 * (several signers: each judged, the worst wins).
 */
import type { SignedDataCheck } from '../cms/signed/verify-signed-data';
import type { SignerCheck } from '../cms/signed/check-signer-info';
import { encodeBase64 } from '../encoding/index';
import { getHeaderValue } from '../mime/index';
import type { HeaderField, MimeEntity } from '../mime/index';
import { certificateEmailAddresses, summarizeCertificate } from '../x509/certificate-summary';
import { validateCertificatePath } from '../x509/validate-path';
import { worstStatus, type ProblemCode, type RevocationAnswer, type SignerReport, type VerificationStatus } from '../verdict';
import { isDateReplayed } from './date-rule';
import { judgeFromHeader, signerCarriesAddress, type FromJudgement } from './from-rule';
import { readProtectedHeaders } from './protected-headers';
import { sortProblemsWorstFirst, statusOfProblems } from './status-of-problems';
import type { VerifyOptions } from './verify-options';

export interface SignedLayerJudgement {
  status: Exclude<VerificationStatus, 'unsigned'>;
  signers: SignerReport[];
  /** Problems of the layer and of its signers, without duplicates. */
  problems: ProblemCode[];
  revocation: RevocationAnswer[];
  fromAddress?: string;
  protectedHeaders?: Record<string, string>;
}

/**
 * @param signedEntity the signed content parsed as MIME (undefined when it isn't MIME)
 * @param messageHeaders the header of the message as delivered (its From, Date, Subject)
 */
export async function judgeSignedLayer(
  check: SignedDataCheck,
  signedEntity: MimeEntity | undefined,
  messageHeaders: readonly HeaderField[],
  options: VerifyOptions,
): Promise<SignedLayerJudgement> {
  const protectedHeaders = signedEntity ? readProtectedHeaders(signedEntity) : undefined;
  const outerFrom = judgeFromHeader(messageHeaders);
  const protectedFrom = protectedHeaders?.fields.some((field) => field.name.toLowerCase() === 'from') ? judgeFromHeader(protectedHeaders.fields) : undefined;
  const from = protectedFrom ?? outerFrom;
  const dateHeader = getHeaderValue({ headers: protectedHeaders?.fields ?? [] }, 'date') ?? getHeaderValue({ headers: messageHeaders }, 'date');
  const protectsSubject = protectedHeaders?.fields.some((field) => field.name.toLowerCase() === 'subject') ?? false;

  const signers: SignerReport[] = [];
  const revocation: RevocationAnswer[] = [];
  for (const signer of check.signers) {
    const report = await judgeSigner(signer, check, from, dateHeader, options);
    signers.push(report.signer);
    revocation.push(...report.revocation);
  }
  const layerProblems: ProblemCode[] = [...check.problems];
  // The webmail shows the outer From: a protected From naming someone else would put a good
  // badge beside a sender who didn't sign (Bob signs "From: bob" inside, "From: jethro" outside).
  if (protectedFrom?.address && outerFrom.address && protectedFrom.address !== outerFrom.address) layerProblems.push('signer-email-mismatch');
  if (!protectsSubject) layerProblems.push('subject-not-protected');
  const problems = sortProblemsWorstFirst([...layerProblems, ...signers.flatMap((signer) => signer.problems)]);
  const status = worstStatus([statusOfProblems(layerProblems), ...signers.map((signer) => signer.status)]);
  return {
    status: status === 'unsigned' ? 'invalid' : status,
    signers,
    problems,
    revocation,
    fromAddress: from.address,
    protectedHeaders: protectedHeaders?.decoded,
  };
}

async function judgeSigner(
  signer: SignerCheck,
  check: SignedDataCheck,
  from: FromJudgement,
  dateHeader: string | undefined,
  options: VerifyOptions,
): Promise<{ signer: SignerReport; revocation: RevocationAnswer[] }> {
  const problems = new Set<ProblemCode>(signer.problems);
  const report: SignerReport = {
    status: 'invalid',
    chain: [],
    signingTime: signer.signingTime?.toISOString(),
    digestAlgorithm: signer.digestAlgorithm,
    signatureAlgorithm: signer.signatureAlgorithm,
    problems: [],
    capabilities: signer.capabilities,
  };
  let revocation: RevocationAnswer[] = [];
  if (signer.certificate) {
    const der = signer.certificate.der;
    report.certificate = await summarizeCertificate(der);
    report.certificateDerBase64 = encodeBase64(der);
    try {
      const validatePath = options.validatePath ?? validateCertificatePath;
      const path = await validatePath({
        leaf: der,
        candidates: [...check.certificates, ...(options.knownCertificates ?? [])],
        trustAnchors: options.trustAnchors,
        explicitlyTrusted: options.explicitlyTrusted,
        time: validationTime(signer.signingTime, options.at),
        crls: options.crls,
        purpose: 'email-signing',
        // Unknown revocation is said in the details, not hidden (DESIGN.md, security model 5).
        revocationRequired: true,
        now: options.at,
      });
      for (const problem of path.problems) problems.add(problem);
      report.chain = await Promise.all(path.chain.map((certificate) => summarizeCertificate(certificate)));
      revocation = path.revocation;
    } catch {
      problems.add('invalid-path');
    }
    if (from.address === undefined) problems.add(from.problem);
    else if (!signerCarriesAddress(await certificateEmailAddresses(der), from.address)) problems.add('signer-email-mismatch');
  }
  if (isDateReplayed(dateHeader, signer.signingTime)) problems.add('date-mismatch');
  report.problems = sortProblemsWorstFirst(problems);
  report.status = statusOfProblems(report.problems);
  return { signer: report, revocation };
}

/**
 * RFC 5652 §11.3 signingTime is the signer's claim; the path is judged at that time (DESIGN.md),
 * or now without one. A claim from the future proves nothing about the past: judge it now.
 */
function validationTime(signingTime: Date | undefined, at: Date | undefined): Date {
  const now = at ?? new Date();
  if (!signingTime || signingTime.getTime() > now.getTime()) return now;
  return signingTime;
}
