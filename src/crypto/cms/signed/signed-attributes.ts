/**
 * Signed attributes (RFC 5652 §5.3, §11; RFC 8551 §2.5): reading what a signer claimed, and
 * building the set Signet signs.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SignetError } from '../../../shared/errors';
import { ATTRIBUTE_OIDS, CONTENT_TYPE_OIDS } from './algorithms';
import { octetStringContent } from './parse-signed-data';

export interface SignedAttributeClaims {
  contentType?: string;
  messageDigest?: Uint8Array;
  signingTime?: Date;
  /** SMIMECapabilities (RFC 8551 §2.5.2), OIDs in the signer's order of preference. */
  capabilities: string[];
  /** Problems found in the attributes themselves (RFC 5652 §5.3: each of these exactly once). */
  malformed: string[];
}

export function readSignedAttributes(attributes: pkijs.Attribute[]): SignedAttributeClaims {
  const claims: SignedAttributeClaims = { capabilities: [], malformed: [] };
  const seen = new Set<string>();
  for (const attribute of attributes) {
    if (seen.has(attribute.type)) claims.malformed.push(`attribute ${attribute.type} appears twice`);
    seen.add(attribute.type);
    const [value, ...extra] = attribute.values;
    if (extra.length > 0 && attribute.type !== ATTRIBUTE_OIDS.smimeCapabilities) {
      claims.malformed.push(`attribute ${attribute.type} has several values`);
    }
    switch (attribute.type) {
      case ATTRIBUTE_OIDS.contentType:
        if (value instanceof asn1js.ObjectIdentifier) claims.contentType = value.valueBlock.toString();
        else claims.malformed.push('contentType is not an OID');
        break;
      case ATTRIBUTE_OIDS.messageDigest:
        if (value instanceof asn1js.OctetString) claims.messageDigest = octetStringContent(value);
        else claims.malformed.push('messageDigest is not an OCTET STRING');
        break;
      case ATTRIBUTE_OIDS.signingTime:
        claims.signingTime = readTime(value);
        if (!claims.signingTime) claims.malformed.push('signingTime is not a time');
        break;
      case ATTRIBUTE_OIDS.smimeCapabilities:
        claims.capabilities = readCapabilities(value);
        break;
      default:
        break;
    }
  }
  return claims;
}

/** signingTime is UTCTime through 2049 and GeneralizedTime after (RFC 5652 §11.3). */
function readTime(value: asn1js.AsnType | undefined): Date | undefined {
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) {
    const date = value.toDate();
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** SMIMECapabilities ::= SEQUENCE OF SMIMECapability { capabilityID OID, parameters ANY OPTIONAL } */
function readCapabilities(value: asn1js.AsnType | undefined): string[] {
  if (!(value instanceof asn1js.Sequence)) return [];
  const identifiers: string[] = [];
  for (const capability of value.valueBlock.value) {
    if (!(capability instanceof asn1js.Sequence)) continue;
    const [identifier] = capability.valueBlock.value;
    if (identifier instanceof asn1js.ObjectIdentifier) identifiers.push(identifier.valueBlock.toString());
  }
  return identifiers;
}

/**
 * What Signet advertises, most preferred first (RFC 8551 §2.5.2, §2.7): authenticated encryption
 * first, then AES-CBC, and that it can receive RSAES-OAEP key transport.
 */
export const SIGNET_CAPABILITIES = [
  '2.16.840.1.101.3.4.1.46', // id-aes256-GCM (RFC 5084)
  '2.16.840.1.101.3.4.1.6', // id-aes128-GCM
  '2.16.840.1.101.3.4.1.42', // id-aes256-CBC (RFC 3565)
  '2.16.840.1.101.3.4.1.22', // id-aes192-CBC
  '2.16.840.1.101.3.4.1.2', // id-aes128-CBC
  '1.2.840.113549.1.1.7', // id-RSAES-OAEP (RFC 8017)
] as const;

/** signingTime as DER requires: UTCTime for 1950-2049, GeneralizedTime otherwise (RFC 5652 §11.3). */
function encodeSigningTime(time: Date): asn1js.AsnType {
  const seconds = new Date(Math.floor(time.getTime() / 1000) * 1000);
  const year = seconds.getUTCFullYear();
  return year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: seconds }) : new asn1js.GeneralizedTime({ valueDate: seconds });
}

export function buildSignedAttributes(input: { contentType: string; messageDigest: Uint8Array; signingTime: Date }): pkijs.Attribute[] {
  if (input.contentType !== CONTENT_TYPE_OIDS.data) {
    throw new SignetError('internal-error', 'Signet signs only id-data content.');
  }
  return [
    new pkijs.Attribute({ type: ATTRIBUTE_OIDS.contentType, values: [new asn1js.ObjectIdentifier({ value: input.contentType })] }),
    new pkijs.Attribute({ type: ATTRIBUTE_OIDS.signingTime, values: [encodeSigningTime(input.signingTime)] }),
    new pkijs.Attribute({ type: ATTRIBUTE_OIDS.messageDigest, values: [new asn1js.OctetString({ valueHex: input.messageDigest })] }),
    new pkijs.Attribute({
      type: ATTRIBUTE_OIDS.smimeCapabilities,
      values: [
        new asn1js.Sequence({
          value: SIGNET_CAPABILITIES.map((oid) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid })] })),
        }),
      ],
    }),
  ];
}

/**
 * The bytes the signature covers: the DER of the attributes as a SET OF (tag 0x31), not the
 * [0] IMPLICIT encoding they have inside SignerInfo (RFC 5652 §5.4). DER sorts a SET OF by the
 * encodings of its elements (X.690 §11.6), which asn1js doesn't do: sort them here.
 */
export function encodeSignedAttributesForSigning(attributes: pkijs.Attribute[]): { attributes: pkijs.Attribute[]; der: Uint8Array } {
  const encoded = attributes.map((attribute) => ({ attribute, der: new Uint8Array(attribute.toSchema().toBER()) }));
  encoded.sort((left, right) => compareBytes(left.der, right.der));
  const set = new asn1js.Set({ value: encoded.map(({ attribute }) => attribute.toSchema()) });
  return { attributes: encoded.map(({ attribute }) => attribute), der: new Uint8Array(set.toBER()) };
}

function compareBytes(left: Uint8Array, right: Uint8Array): number {
  const length = Math.min(left.byteLength, right.byteLength);
  for (let index = 0; index < length; index += 1) {
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return left.byteLength - right.byteLength;
}

/**
 * The bytes a received signature covers: the signer's own encoding of the attributes with the
 * [0] tag replaced by SET (RFC 5652 §5.4). pkijs keeps that encoding in `encodedValue`, already
 * retagged.
 */
export function signedAttributesAsSigned(signedAttributes: pkijs.SignedAndUnsignedAttributes): Uint8Array {
  const encoded = new Uint8Array(signedAttributes.encodedValue);
  if (encoded.byteLength === 0 || encoded[0] !== 0x31) {
    throw new SignetError('malformed-cms', 'The signed attributes could not be re-encoded for checking.');
  }
  return encoded;
}
