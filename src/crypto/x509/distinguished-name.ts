import * as asn1js from 'asn1js';
import { SignetError } from '../../shared/errors';

/**
 * A distinguished name as RFC 5280 §4.1.2.4 defines it: a SEQUENCE OF RelativeDistinguishedName,
 * each a SET OF AttributeTypeAndValue. pkijs flattens the RDNs into one list, which loses the
 * boundaries that name chaining and directoryName constraints (§4.2.1.10) depend on, so the name
 * is read here from its DER, keeping each RDN.
 *
 *   Name ::= CHOICE { rdnSequence RDNSequence }
 *   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 */
export interface NameAttribute {
  type: string;
  /** The comparison form (RFC 5280 §7.1, RFC 4518 simplified): see `normalizeAttributeValue`. */
  comparable: string;
  /** The value as text when it is a string type, for e-mail constraints and display. */
  text?: string;
}

export type RelativeName = NameAttribute[];
export type DistinguishedName = RelativeName[];

/** id-emailAddress (PKCS #9): legacy e-mail address in the subject, RFC 5280 §4.1.2.6. */
export const EMAIL_ADDRESS_ATTRIBUTE = '1.2.840.113549.1.9.1';

const STRING_BLOCKS = new Set([
  'UTF8String',
  'BMPString',
  'UniversalString',
  'NumericString',
  'PrintableString',
  'TeletexString',
  'VideotexString',
  'IA5String',
  'GraphicString',
  'VisibleString',
  'GeneralString',
  'CharacterString',
]);

/** Reads a Name from its DER encoding (the bytes pkijs keeps in `valueBeforeDecode`). */
export function readDistinguishedName(der: ArrayBuffer | Uint8Array): DistinguishedName {
  const bytes = der instanceof Uint8Array ? der : new Uint8Array(der);
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) {
    throw new SignetError('malformed-certificate', 'A distinguished name is not a valid SEQUENCE.');
  }
  return parsed.result.valueBlock.value.map((rdn) => {
    if (!(rdn instanceof asn1js.Set)) {
      throw new SignetError('malformed-certificate', 'A relative distinguished name is not a SET.');
    }
    return rdn.valueBlock.value.map(readAttribute);
  });
}

function readAttribute(node: asn1js.AsnType): NameAttribute {
  if (!(node instanceof asn1js.Sequence) || node.valueBlock.value.length !== 2) {
    throw new SignetError('malformed-certificate', 'An attribute of a name is malformed.');
  }
  const [typeNode, valueNode] = node.valueBlock.value;
  if (!(typeNode instanceof asn1js.ObjectIdentifier)) {
    throw new SignetError('malformed-certificate', 'An attribute type of a name is not an OID.');
  }
  const type = typeNode.valueBlock.toString();
  const blockName = (valueNode.constructor as unknown as { blockName(): string }).blockName();
  if (STRING_BLOCKS.has(blockName)) {
    const text = String((valueNode as asn1js.Utf8String).valueBlock.value);
    return { type, comparable: `s:${normalizeAttributeValue(text)}`, text };
  }
  const raw = new Uint8Array(valueNode.valueBeforeDecodeView);
  return { type, comparable: `b:${[...raw].map((b) => b.toString(16).padStart(2, '0')).join('')}` };
}

/**
 * RFC 5280 §7.1 asks for RFC 4518 string preparation; what matters in practice (and in PKITS
 * 4.3.3-4.3.11) is that leading and trailing spaces are dropped, inner runs of spaces count as one,
 * and case is ignored, whichever string type (PrintableString, UTF8String...) carries the value.
 */
export function normalizeAttributeValue(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function relativeNameKey(rdn: RelativeName): string {
  return rdn
    .map((attribute) => `${attribute.type}=${attribute.comparable}`)
    .sort()
    .join('+');
}

/** RFC 5280 §7.1: two names match when they have the same RDNs in the same order. */
export function namesEqual(left: DistinguishedName, right: DistinguishedName): boolean {
  if (left.length !== right.length) return false;
  return left.every((rdn, index) => relativeNameKey(rdn) === relativeNameKey(right[index]));
}

/** A name is within a directoryName subtree when the subtree's RDNs are its first RDNs (§4.2.1.10). */
export function isNameWithinSubtree(name: DistinguishedName, subtree: DistinguishedName): boolean {
  if (subtree.length > name.length) return false;
  return subtree.every((rdn, index) => relativeNameKey(rdn) === relativeNameKey(name[index]));
}

/** The key under which names are indexed for path building (equal names give equal keys). */
export function nameKey(name: DistinguishedName): string {
  return name.map(relativeNameKey).join(',');
}

/** The subject's legacy emailAddress attributes, which name constraints also cover (§4.2.1.10). */
export function emailAddressesInName(name: DistinguishedName): string[] {
  return name.flatMap((rdn) =>
    rdn.filter((attribute) => attribute.type === EMAIL_ADDRESS_ATTRIBUTE && attribute.text !== undefined).map((attribute) => attribute.text as string),
  );
}

/** A readable one-line form for details and errors: "CN=..., O=...". */
export function formatName(name: DistinguishedName): string {
  const labels: Record<string, string> = {
    '2.5.4.3': 'CN',
    '2.5.4.6': 'C',
    '2.5.4.7': 'L',
    '2.5.4.8': 'ST',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
    [EMAIL_ADDRESS_ATTRIBUTE]: 'emailAddress',
  };
  return name
    .map((rdn) => rdn.map((attribute) => `${labels[attribute.type] ?? attribute.type}=${attribute.text ?? attribute.comparable}`).join('+'))
    .join(', ');
}

/** One RDN from the AttributeTypeAndValue nodes of its SET (nameRelativeToCRLIssuer, §4.2.1.13). */
export function readRelativeName(attributes: asn1js.AsnType[]): RelativeName {
  return attributes.map(readAttribute);
}
