/**
 * Reads one PKITS signed message (multipart/signed with an smime.p7s part): the certificates and
 * CRLs it carries, and the signer's certificate, which is the leaf of the path under test.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { decodeBase64 } from '../../src/crypto/encoding/base64';

export interface PkitsMessage {
  signer: Uint8Array;
  certificates: Uint8Array[];
  crls: Uint8Array[];
}

export function readPkitsMessage(text: string): PkitsMessage {
  const match = /filename="smime\.p7s"\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(text);
  if (!match) throw new Error('no smime.p7s part');
  const der = decodeBase64(match[1].replace(/\s+/g, ''));
  const contentInfo = new pkijs.ContentInfo({ schema: asn1js.fromBER(der).result });
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const certificates = (signedData.certificates ?? []).filter((item): item is pkijs.Certificate => item instanceof pkijs.Certificate);
  const crls = (signedData.crls ?? []).filter((item): item is pkijs.CertificateRevocationList => item instanceof pkijs.CertificateRevocationList);
  const sid = signedData.signerInfos[0].sid;
  if (!(sid instanceof pkijs.IssuerAndSerialNumber)) throw new Error('signer identified by key id');
  const signer = certificates.find((certificate) => certificate.serialNumber.isEqual(sid.serialNumber) && certificate.issuer.isEqual(sid.issuer));
  if (!signer) throw new Error('signer certificate not in the message');
  const toDer = (item: pkijs.Certificate | pkijs.CertificateRevocationList): Uint8Array => new Uint8Array(item.toSchema().toBER(false));
  return { signer: toDer(signer), certificates: certificates.map(toDer), crls: crls.map(toDer) };
}
