/**
 * Test-only: an X25519 person made at test time by OpenSSL (OpenSSL can't sign with X25519, so the
 * request is signed by a throwaway key and `x509 -force_pubkey` puts the X25519 key in the
 * certificate), issued by the fixture Jed Co Mail CA, with a digital ID (.p12) like the others.
 */
import { readFileSync } from 'node:fs';
import { decodePemBlocks } from '../../../encoding/pem';
import { fixturePath, runOpenssl, type makeScratchDirectory } from './openssl-peer';

export const DIGITAL_ID_PASSWORD = 'correct horse';

export interface X25519Person {
  name: string;
  address: string;
  keyPath: string;
  certificatePath: string;
  p12Path: string;
  certificate: Uint8Array;
  pkcs8: Uint8Array;
  p12: Uint8Array;
}

type Scratch = ReturnType<typeof makeScratchDirectory>;

export function makeX25519Person(scratch: Scratch, name: string): X25519Person {
  const address = `${name}@clampett.example`;
  const keyPath = scratch.path(`${name}.key`);
  runOpenssl(['genpkey', '-algorithm', 'X25519', '-out', keyPath]);
  const publicKeyPath = scratch.path(`${name}.pub`);
  runOpenssl(['pkey', '-in', keyPath, '-pubout', '-out', publicKeyPath]);
  const requestKeyPath = scratch.path(`${name}-request.key`);
  runOpenssl(['genpkey', '-algorithm', 'ED25519', '-out', requestKeyPath]);
  const requestPath = scratch.path(`${name}.csr`);
  runOpenssl(['req', '-new', '-key', requestKeyPath, '-subj', `/CN=${name}/O=Clampett`, '-out', requestPath]);
  const extensions = scratch.write(
    `${name}.cnf`,
    '[person]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,keyAgreement\nextendedKeyUsage=emailProtection\n' +
      `subjectAltName=email:${address}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n`,
  );
  const certificatePath = scratch.path(`${name}.pem`);
  const serial = `0x${new TextDecoder().decode(runOpenssl(['rand', '-hex', '8'])).trim()}`;
  runOpenssl([
    'x509', '-req', '-in', requestPath, '-force_pubkey', publicKeyPath, '-CA', fixturePath('jedco-mail-ca.pem'), '-CAkey', fixturePath('jedco-mail-ca.key'),
    '-set_serial', serial, '-days', '365', '-extfile', extensions, '-extensions', 'person', '-out', certificatePath,
  ]);
  const p12Path = scratch.path(`${name}.p12`);
  runOpenssl([
    'pkcs12', '-export', '-inkey', keyPath, '-in', certificatePath, '-certfile', fixturePath('jedco-mail-ca.pem'),
    '-name', name, '-passout', `pass:${DIGITAL_ID_PASSWORD}`, '-out', p12Path,
  ]);
  return {
    name,
    address,
    keyPath,
    certificatePath,
    p12Path,
    certificate: decodePemBlocks(readFileSync(certificatePath, 'latin1'), 'CERTIFICATE')[0].der,
    pkcs8: decodePemBlocks(readFileSync(keyPath, 'latin1'), 'PRIVATE KEY')[0].der,
    p12: new Uint8Array(readFileSync(p12Path)),
  };
}
