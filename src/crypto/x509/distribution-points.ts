import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../shared/errors';
import { readRelativeName, type RelativeName } from './distinguished-name';
import { readGeneralName, REASON_BITS, type GeneralNameValue } from './general-names';

/**
 * CRL distribution points (RFC 5280 §4.2.1.13) and the issuing distribution point of a CRL
 * (§5.2.5), read from the extension's DER. pkijs 4 gets two parts wrong: it keeps the unused-bits
 * octet of `reasons`/`onlySomeReasons` as if it were reason bits, and it can't represent
 * nameRelativeToCRLIssuer (a single RDN); both matter for §6.3.3 scope checks (PKITS 4.14).
 *
 *   DistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName OPTIONAL,
 *        reasons [1] ReasonFlags OPTIONAL, cRLIssuer [2] GeneralNames OPTIONAL }
 *   DistributionPointName ::= CHOICE { fullName [0] GeneralNames,
 *        nameRelativeToCRLIssuer [1] RelativeDistinguishedName }
 *   IssuingDistributionPoint ::= SEQUENCE { distributionPoint [0] DistributionPointName OPTIONAL,
 *        onlyContainsUserCerts [1] BOOLEAN DEFAULT FALSE, onlyContainsCACerts [2] BOOLEAN DEFAULT FALSE,
 *        onlySomeReasons [3] ReasonFlags OPTIONAL, indirectCRL [4] BOOLEAN DEFAULT FALSE,
 *        onlyContainsAttributeCerts [5] BOOLEAN DEFAULT FALSE }
 */
export interface DistributionPointName {
  fullNames: GeneralNameValue[];
  /** To be appended to the CRL issuer's name (§4.2.1.13). */
  relativeName?: RelativeName;
}

export interface DistributionPointValue extends DistributionPointName {
  /** Reason bits the point covers; absent means all reasons. */
  reasons?: Set<string>;
  crlIssuer?: GeneralNameValue[];
}

export interface IssuingDistributionPointValue extends DistributionPointName {
  onlyContainsUserCerts: boolean;
  onlyContainsCACerts: boolean;
  onlyContainsAttributeCerts: boolean;
  onlySomeReasons?: Set<string>;
  indirectCrl: boolean;
}

export function readDistributionPoints(extensionValue: Uint8Array): DistributionPointValue[] {
  const sequence = parseSequence(extensionValue);
  return sequence.valueBlock.value.map((pointNode) => {
    const point: DistributionPointValue = { fullNames: [] };
    for (const field of childrenOf(pointNode)) {
      const tag = field.idBlock.tagNumber;
      if (tag === 0) Object.assign(point, readDistributionPointName(field));
      if (tag === 1) point.reasons = readReasons(field);
      if (tag === 2) point.crlIssuer = childrenOf(field).map(readGeneralNameNode);
    }
    return point;
  });
}

export function readIssuingDistributionPoint(extensionValue: Uint8Array): IssuingDistributionPointValue {
  const point: IssuingDistributionPointValue = {
    fullNames: [],
    onlyContainsUserCerts: false,
    onlyContainsCACerts: false,
    onlyContainsAttributeCerts: false,
    indirectCrl: false,
  };
  for (const field of parseSequence(extensionValue).valueBlock.value) {
    const tag = field.idBlock.tagNumber;
    if (tag === 0) Object.assign(point, readDistributionPointName(field));
    if (tag === 1) point.onlyContainsUserCerts = readImplicitBoolean(field);
    if (tag === 2) point.onlyContainsCACerts = readImplicitBoolean(field);
    if (tag === 3) point.onlySomeReasons = readReasons(field);
    if (tag === 4) point.indirectCrl = readImplicitBoolean(field);
    if (tag === 5) point.onlyContainsAttributeCerts = readImplicitBoolean(field);
  }
  return point;
}

/** [0] DistributionPointName, explicitly tagged around the CHOICE (a CHOICE can't be implicit). */
function readDistributionPointName(node: asn1js.AsnType): DistributionPointName {
  const [choice] = childrenOf(node);
  if (!choice) return { fullNames: [] };
  if (choice.idBlock.tagNumber === 0) return { fullNames: childrenOf(choice).map(readGeneralNameNode) };
  return { fullNames: [], relativeName: readRelativeName(childrenOf(choice)) };
}

function readGeneralNameNode(node: asn1js.AsnType): GeneralNameValue {
  return readGeneralName(new pkijs.GeneralName({ schema: node }));
}

/** ReasonFlags ::= BIT STRING, here IMPLICIT: the first content octet counts unused bits. */
function readReasons(node: asn1js.AsnType): Set<string> {
  const content = primitiveContent(node).subarray(1);
  const reasons = new Set<string>();
  REASON_BITS.forEach((name, index) => {
    const byte = content[index >> 3] ?? 0;
    if (byte & (0x80 >> (index & 7))) reasons.add(name);
  });
  return reasons;
}

function readImplicitBoolean(node: asn1js.AsnType): boolean {
  const content = primitiveContent(node);
  return content.length > 0 && content[0] !== 0;
}

function primitiveContent(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array((node as asn1js.Primitive).valueBlock.valueHexView ?? new Uint8Array());
}

function childrenOf(node: asn1js.AsnType): asn1js.AsnType[] {
  const value = (node as asn1js.Constructed).valueBlock.value;
  return Array.isArray(value) ? value : [];
}

function parseSequence(bytes: Uint8Array): asn1js.Sequence {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw new SignetError('malformed-certificate', 'A distribution point extension is malformed.');
  }
  return parsed.result;
}
