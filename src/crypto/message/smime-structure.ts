/**
 * Recognizes what an entity is, as S/MIME sees it (RFC 8551 §3.2, §3.5): a detached signature
 * (multipart/signed, RFC 1847), opaque signed data or enveloped data (application/pkcs7-mime), or
 * anything else. Old agents' `application/x-pkcs7-*` names are read too (RFC 8551 §3.2.1), and a
 * pkcs7-mime part without `smime-type` is recognized by its CMS content type.
 */
import { SignetError } from '../../shared/errors';
import { CONTENT_TYPE_OIDS } from '../cms/signed/algorithms';
import { parseBer } from '../cms/signed/parse-signed-data';
import { decodeBody, parseContentDisposition, getHeaderValue } from '../mime/index';
import type { MimeEntity } from '../mime/index';
import * as asn1js from 'asn1js';

export type SmimeShape =
  | { kind: 'detached-signed'; content: MimeEntity; signature: MimeEntity }
  | { kind: 'opaque-signed'; der: Uint8Array }
  | { kind: 'encrypted' }
  | { kind: 'other' };

const SIGNATURE_TYPES = ['application/pkcs7-signature', 'application/x-pkcs7-signature'];
const PKCS7_MIME_TYPES = ['application/pkcs7-mime', 'application/x-pkcs7-mime'];

export function classifyEntity(entity: MimeEntity): SmimeShape {
  const { type, subtype, parameters } = entity.contentType;
  const mediaType = `${type}/${subtype}`;
  if (mediaType === 'multipart/signed') {
    const protocol = (parameters.protocol ?? '').toLowerCase();
    // multipart/signed for OpenPGP (RFC 3156) is not ours to judge: it stays "unsigned".
    if (!SIGNATURE_TYPES.includes(protocol) && protocol !== '') return { kind: 'other' };
    if (entity.children.length !== 2) {
      throw new SignetError('malformed-mime', `A multipart/signed message must have exactly two parts, this one has ${entity.children.length}.`);
    }
    const [content, signature] = entity.children;
    const signatureType = `${signature.contentType.type}/${signature.contentType.subtype}`;
    // RFC 8551 §3.2.1: some agents label the signature application/octet-stream named *.p7s.
    const octetStreamP7s = signatureType === 'application/octet-stream' && /\.p7s$/i.test(attachmentName(signature));
    if (!SIGNATURE_TYPES.includes(signatureType) && !octetStreamP7s) {
      throw new SignetError('malformed-mime', `The second part of multipart/signed is ${signatureType}, not a signature.`);
    }
    return { kind: 'detached-signed', content, signature };
  }
  if (PKCS7_MIME_TYPES.includes(mediaType) || isP7mAttachment(entity)) {
    const smimeType = (parameters['smime-type'] ?? '').toLowerCase();
    if (smimeType === 'enveloped-data' || smimeType === 'authenveloped-data') return { kind: 'encrypted' };
    if (smimeType === 'certs-only' || smimeType === 'compressed-data') return { kind: 'other' };
    const der = decodeEntityBody(entity);
    if (smimeType === 'signed-data') return { kind: 'opaque-signed', der };
    const contentType = sniffCmsContentType(der);
    if (contentType === CONTENT_TYPE_OIDS.signedData) return { kind: 'opaque-signed', der };
    if (contentType === CONTENT_TYPE_OIDS.envelopedData || contentType === CONTENT_TYPE_OIDS.authEnvelopedData) return { kind: 'encrypted' };
  }
  return { kind: 'other' };
}

/** RFC 8551 §3.2.1: some agents send application/octet-stream with a .p7m file name. */
function isP7mAttachment(entity: MimeEntity): boolean {
  if (`${entity.contentType.type}/${entity.contentType.subtype}` !== 'application/octet-stream') return false;
  return /\.p7m$/i.test(attachmentName(entity));
}

export function attachmentName(entity: MimeEntity): string {
  const disposition = parseContentDisposition(getHeaderValue(entity, 'content-disposition'));
  return disposition.parameters.filename ?? entity.contentType.parameters.name ?? '';
}

/** The entity's body with its transfer encoding undone (CMS travels base64, rarely binary). */
export function decodeEntityBody(entity: MimeEntity): Uint8Array {
  return decodeBody(entity);
}

function sniffCmsContentType(der: Uint8Array): string | undefined {
  try {
    const root = parseBer(der, 'CMS structure');
    if (!(root instanceof asn1js.Sequence)) return undefined;
    const [identifier] = root.valueBlock.value;
    return identifier instanceof asn1js.ObjectIdentifier ? identifier.valueBlock.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Why an unsigned message looks signed, if it does (DESIGN.md, providers section; MIME wrapping):
 * a signed part nested inside an unsigned container, or a `.p7s` signature part left behind by a
 * provider that rewrote multipart/signed into multipart/mixed.
 */
export function explainUnsignedMessage(root: MimeEntity): 'nested-signature-ignored' | 'signature-removed-in-transit' | undefined {
  let nested = false;
  let strayP7s = false;
  const visit = (entity: MimeEntity, depth: number): void => {
    if (depth > 0) {
      let shape: SmimeShape['kind'] = 'other';
      try {
        shape = classifyEntity(entity).kind;
      } catch {
        shape = `${entity.contentType.type}/${entity.contentType.subtype}` === 'multipart/signed' ? 'detached-signed' : 'other';
      }
      if (shape === 'detached-signed' || shape === 'opaque-signed') {
        nested = true;
        return;
      }
      const mediaType = `${entity.contentType.type}/${entity.contentType.subtype}`;
      if (SIGNATURE_TYPES.includes(mediaType) || /\.p7s$/i.test(attachmentName(entity))) strayP7s = true;
    }
    for (const child of entity.children) visit(child, depth + 1);
  };
  visit(root, 0);
  if (strayP7s) return 'signature-removed-in-transit';
  if (nested) return 'nested-signature-ignored';
  return undefined;
}
