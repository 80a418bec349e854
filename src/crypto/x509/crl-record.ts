import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../shared/errors';
import { readDistinguishedName, type DistinguishedName } from './distinguished-name';
import { readGeneralName } from './general-names';
import { readIssuingDistributionPoint, type IssuingDistributionPointValue } from './distribution-points';
import { toHex } from './certificate-record';

/**
 * A CRL parsed once, with what RFC 5280 §5 and §6.3 need: issuer name, update times, the
 * issuing distribution point (scope, indirect CRLs), and the entries keyed by serial number.
 */
export interface CrlEntry {
  serialNumberHex: string;
  revocationDate: Date;
  reason?: string;
  /** For indirect CRLs (§5.3.3): the issuer of this entry's certificate, carried forward. */
  certificateIssuer?: DistinguishedName;
  unknownCritical: string[];
}

export type { IssuingDistributionPointValue };

export interface CrlRecord {
  der: Uint8Array;
  /** Where it came from, for the revocation answer: a URL, or 'given' when passed in. */
  location: string;
  crl: pkijs.CertificateRevocationList;
  issuer: DistinguishedName;
  thisUpdate: Date;
  nextUpdate?: Date;
  authorityKeyIdentifier?: string;
  issuingDistributionPoint?: IssuingDistributionPointValue;
  /** The IDP extension's DER in hex: a delta CRL must have the same scope as its base (§5.2.4). */
  issuingDistributionPointKey: string;
  /** cRLNumber (§5.2.3), and for a delta CRL the BaseCRLNumber of its deltaCRLIndicator (§5.2.4). */
  crlNumber?: bigint;
  baseCrlNumber?: bigint;
  isDelta: boolean;
  unknownCritical: string[];
  entries: CrlEntry[];
}

const CRL_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'unused',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

const CRL_EXTENSIONS_KNOWN = new Set(['2.5.29.35', '2.5.29.20', '2.5.29.28', '2.5.29.27', '2.5.29.46', '1.3.6.1.5.5.7.1.1', '2.5.29.18']);
const ENTRY_EXTENSIONS_KNOWN = new Set(['2.5.29.21', '2.5.29.24', '2.5.29.29', '2.5.29.23']);
const MAX_CRL_BYTES = 32 << 20;

export function readCrlRecord(der: Uint8Array, location = 'given'): CrlRecord {
  if (der.byteLength === 0 || der.byteLength > MAX_CRL_BYTES) {
    throw new SignetError('malformed-crl', `A CRL of ${der.byteLength} bytes is not acceptable.`);
  }
  let crl: pkijs.CertificateRevocationList;
  try {
    const asn1 = asn1js.fromBER(der);
    if (asn1.offset === -1) throw new Error(asn1.result.error);
    crl = new pkijs.CertificateRevocationList({ schema: asn1.result });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SignetError('malformed-crl', `Not a valid CRL: ${message}`, { cause: error });
  }
  const record: CrlRecord = {
    der,
    location,
    crl,
    issuer: readDistinguishedName(crl.issuer.valueBeforeDecode),
    thisUpdate: crl.thisUpdate.value,
    nextUpdate: crl.nextUpdate?.value,
    issuingDistributionPointKey: '',
    isDelta: false,
    unknownCritical: [],
    entries: [],
  };
  for (const extension of crl.crlExtensions?.extensions ?? []) {
    if (extension.extnID === '2.5.29.27') {
      record.isDelta = true;
      record.baseCrlNumber = readInteger(extension.extnValue.valueBlock.valueHexView);
    }
    if (extension.extnID === '2.5.29.20') record.crlNumber = readInteger(extension.extnValue.valueBlock.valueHexView);
    if (extension.extnID === '2.5.29.35') {
      const keyIdentifier = (extension.parsedValue as pkijs.AuthorityKeyIdentifier | undefined)?.keyIdentifier;
      if (keyIdentifier) record.authorityKeyIdentifier = toHex(keyIdentifier.valueBlock.valueHexView);
    }
    if (extension.extnID === '2.5.29.28') {
      record.issuingDistributionPoint = readIssuingDistributionPoint(extension.extnValue.valueBlock.valueHexView);
      record.issuingDistributionPointKey = toHex(extension.extnValue.valueBlock.valueHexView);
    }
    if (extension.critical && !CRL_EXTENSIONS_KNOWN.has(extension.extnID)) record.unknownCritical.push(extension.extnID);
  }
  // §5.3.3: an indirect CRL's entries inherit the certificate issuer of the entry before them.
  let certificateIssuer: DistinguishedName | undefined;
  for (const revoked of crl.revokedCertificates ?? []) {
    const entry: CrlEntry = {
      serialNumberHex: toHex(new Uint8Array(revoked.userCertificate.valueBlock.valueHexView)),
      revocationDate: revoked.revocationDate.value,
      unknownCritical: [],
    };
    for (const extension of revoked.crlEntryExtensions?.extensions ?? []) {
      if (extension.extnID === '2.5.29.21') {
        const code = (extension.parsedValue as asn1js.Enumerated | undefined)?.valueBlock.valueDec;
        entry.reason = code === undefined ? undefined : CRL_REASONS[code] ?? `reason ${code}`;
      }
      if (extension.extnID === '2.5.29.29') {
        const names = (extension.parsedValue as pkijs.GeneralNames | undefined)?.names ?? [];
        const directory = names.map(readGeneralName).find((name) => name.kind === 'directoryName');
        if (directory?.kind === 'directoryName') certificateIssuer = directory.value;
      }
      if (extension.critical && !ENTRY_EXTENSIONS_KNOWN.has(extension.extnID)) entry.unknownCritical.push(extension.extnID);
    }
    entry.certificateIssuer = certificateIssuer;
    record.entries.push(entry);
  }
  return record;
}

/** CRLNumber ::= INTEGER (0..MAX), as a bigint (it may be up to 20 octets); undefined when malformed. */
function readInteger(der: Uint8Array): bigint | undefined {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Integer)) return undefined;
  const hex = toHex(new Uint8Array(parsed.result.valueBlock.valueHexView));
  return hex === '' ? undefined : BigInt(`0x${hex}`);
}
