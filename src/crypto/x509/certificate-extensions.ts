import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readGeneralName, type GeneralNameValue } from './general-names';
import { readDistributionPoints, type DistributionPointValue } from './distribution-points';

export type { GeneralNameValue } from './general-names';
export type { DistributionPointValue } from './distribution-points';
export { REASON_BITS } from './general-names';

/**
 * The certificate extensions RFC 5280 §4.2 defines that path validation and revocation use,
 * decoded from pkijs's parsed values into plain data. An extension marked critical that isn't in
 * this list makes the certificate unusable (§4.2: "A certificate-using system MUST reject the
 * certificate if it encounters a critical extension it does not recognize").
 */
export interface CertificateExtensions {
  basicConstraints?: { cA: boolean; pathLength?: number };
  /** Names of the bits set (RFC 5280 §4.2.1.3), e.g. 'digitalSignature', 'keyCertSign'. */
  keyUsage?: Set<KeyUsageBit>;
  extendedKeyUsage?: string[];
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
  certificatePolicies?: { policy: string; qualifiers: number }[];
  policyMappings?: { issuerDomainPolicy: string; subjectDomainPolicy: string }[];
  policyConstraints?: { requireExplicitPolicy?: number; inhibitPolicyMapping?: number };
  inhibitAnyPolicy?: number;
  nameConstraints?: { permitted: GeneralNameValue[]; excluded: GeneralNameValue[] };
  subjectAltNames?: GeneralNameValue[];
  crlDistributionPoints?: DistributionPointValue[];
  freshestCrl?: DistributionPointValue[];
  ocspUrls: string[];
  caIssuerUrls: string[];
  unknownCritical: string[];
  /** Extensions present more than once (forbidden by §4.2) or that could not be decoded. */
  malformed: string[];
}

export type KeyUsageBit =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

export const KEY_USAGE_BITS: KeyUsageBit[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  certificatePolicies: '2.5.29.32',
  policyMappings: '2.5.29.33',
  policyConstraints: '2.5.29.36',
  inhibitAnyPolicy: '2.5.29.54',
  nameConstraints: '2.5.29.30',
  subjectAltName: '2.5.29.17',
  issuerAltName: '2.5.29.18',
  crlDistributionPoints: '2.5.29.31',
  freshestCrl: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  subjectInfoAccess: '1.3.6.1.5.5.7.1.11',
  subjectDirectoryAttributes: '2.5.29.9',
  privateKeyUsagePeriod: '2.5.29.16',
  anyPolicy: '2.5.29.32.0',
  ocsp: '1.3.6.1.5.5.7.48.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
} as const;

/** Extensions understood well enough to accept when critical. */
const RECOGNIZED = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extendedKeyUsage,
  OID.subjectKeyIdentifier,
  OID.authorityKeyIdentifier,
  OID.certificatePolicies,
  OID.policyMappings,
  OID.policyConstraints,
  OID.inhibitAnyPolicy,
  OID.nameConstraints,
  OID.subjectAltName,
  OID.issuerAltName,
  OID.crlDistributionPoints,
  OID.freshestCrl,
  OID.authorityInfoAccess,
  OID.subjectInfoAccess,
  OID.ocspNoCheck,
]);

export function readExtensions(extensions: pkijs.Extension[]): CertificateExtensions {
  const result: CertificateExtensions = { ocspUrls: [], caIssuerUrls: [], unknownCritical: [], malformed: [] };
  const seen = new Set<string>();
  for (const extension of extensions) {
    if (seen.has(extension.extnID)) result.malformed.push(extension.extnID);
    seen.add(extension.extnID);
    if (extension.critical && !RECOGNIZED.has(extension.extnID)) result.unknownCritical.push(extension.extnID);
    try {
      readOneExtension(extension, result);
    } catch {
      result.malformed.push(extension.extnID);
    }
  }
  return result;
}

function readOneExtension(extension: pkijs.Extension, result: CertificateExtensions): void {
  const parsed: unknown = extension.parsedValue;
  if (!RECOGNIZED.has(extension.extnID)) return;
  if (parsed === undefined) {
    result.malformed.push(extension.extnID);
    return;
  }
  switch (extension.extnID) {
    case OID.basicConstraints: {
      const value = parsed as pkijs.BasicConstraints;
      const length = value.pathLenConstraint;
      result.basicConstraints = {
        cA: value.cA === true,
        pathLength: length === undefined ? undefined : typeof length === 'number' ? length : length.valueBlock.valueDec,
      };
      break;
    }
    case OID.keyUsage:
      result.keyUsage = readKeyUsage(parsed as asn1js.BitString);
      break;
    case OID.extendedKeyUsage:
      result.extendedKeyUsage = (parsed as pkijs.ExtKeyUsage).keyPurposes;
      break;
    case OID.subjectKeyIdentifier:
      result.subjectKeyIdentifier = hexOf((parsed as asn1js.OctetString).valueBlock.valueHexView);
      break;
    case OID.authorityKeyIdentifier: {
      const keyIdentifier = (parsed as pkijs.AuthorityKeyIdentifier).keyIdentifier;
      if (keyIdentifier) result.authorityKeyIdentifier = hexOf(keyIdentifier.valueBlock.valueHexView);
      break;
    }
    case OID.certificatePolicies:
      result.certificatePolicies = (parsed as pkijs.CertificatePolicies).certificatePolicies.map((information) => ({
        policy: information.policyIdentifier,
        qualifiers: information.policyQualifiers?.length ?? 0,
      }));
      break;
    case OID.policyMappings:
      result.policyMappings = (parsed as pkijs.PolicyMappings).mappings.map((mapping) => ({
        issuerDomainPolicy: mapping.issuerDomainPolicy,
        subjectDomainPolicy: mapping.subjectDomainPolicy,
      }));
      break;
    case OID.policyConstraints: {
      const value = parsed as pkijs.PolicyConstraints;
      result.policyConstraints = {
        requireExplicitPolicy: value.requireExplicitPolicy,
        inhibitPolicyMapping: value.inhibitPolicyMapping,
      };
      break;
    }
    case OID.inhibitAnyPolicy:
      result.inhibitAnyPolicy = (parsed as asn1js.Integer).valueBlock.valueDec;
      break;
    case OID.nameConstraints: {
      const value = parsed as pkijs.NameConstraints;
      result.nameConstraints = {
        permitted: (value.permittedSubtrees ?? []).map((subtree) => readGeneralName(subtree.base)),
        excluded: (value.excludedSubtrees ?? []).map((subtree) => readGeneralName(subtree.base)),
      };
      break;
    }
    case OID.subjectAltName:
      result.subjectAltNames = (parsed as pkijs.AltName).altNames.map(readGeneralName);
      break;
    case OID.crlDistributionPoints:
      result.crlDistributionPoints = readDistributionPoints(extension.extnValue.valueBlock.valueHexView);
      break;
    case OID.freshestCrl:
      result.freshestCrl = readDistributionPoints(extension.extnValue.valueBlock.valueHexView);
      break;
    case OID.authorityInfoAccess:
      for (const description of (parsed as pkijs.InfoAccess).accessDescriptions) {
        const location = readGeneralName(description.accessLocation);
        if (location.kind !== 'uniformResourceIdentifier') continue;
        if (description.accessMethod === OID.ocsp) result.ocspUrls.push(location.value);
        if (description.accessMethod === OID.caIssuers) result.caIssuerUrls.push(location.value);
      }
      break;
    default:
      break;
  }
}

function readKeyUsage(bits: asn1js.BitString): Set<KeyUsageBit> {
  const bytes = bits.valueBlock.valueHexView;
  const usage = new Set<KeyUsageBit>();
  KEY_USAGE_BITS.forEach((name, index) => {
    const byte = bytes[index >> 3] ?? 0;
    if (byte & (0x80 >> (index & 7))) usage.add(name);
  });
  return usage;
}

function hexOf(view: Uint8Array): string {
  let text = '';
  for (const byte of view) text += byte.toString(16).padStart(2, '0');
  return text;
}
