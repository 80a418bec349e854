/**
 * The NIST PKITS data (certificates, CRLs, signed S/MIME messages) as Debian ships it in
 * `python3-cryptography-vectors`. Fetched with `apt-get download` on first use into
 * test/pkits/downloaded/ (gitignored, never committed) and extracted with `dpkg-deb -x`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const downloadDirectory = fileURLToPath(new URL('./downloaded', import.meta.url));
const extractedDirectory = join(downloadDirectory, 'extracted');
const dataDirectory = join(extractedDirectory, 'usr/lib/python3/dist-packages/cryptography_vectors/x509/PKITS_data');

export function ensurePkitsData(): string {
  if (existsSync(join(dataDirectory, 'smime'))) return dataDirectory;
  mkdirSync(downloadDirectory, { recursive: true });
  if (!findPackage()) {
    try {
      execFileSync('apt-get', ['download', 'python3-cryptography-vectors'], { cwd: downloadDirectory, stdio: 'pipe' });
    } catch {
      execFileSync('apt-get', ['update'], { stdio: 'pipe' });
      execFileSync('apt-get', ['download', 'python3-cryptography-vectors'], { cwd: downloadDirectory, stdio: 'pipe' });
    }
  }
  const packageFile = findPackage();
  if (!packageFile) throw new Error('apt-get download python3-cryptography-vectors did not produce a .deb');
  execFileSync('dpkg-deb', ['-x', join(downloadDirectory, packageFile), extractedDirectory], { stdio: 'pipe' });
  if (!existsSync(join(dataDirectory, 'smime'))) throw new Error(`PKITS data not found in ${dataDirectory}`);
  return dataDirectory;
}

function findPackage(): string | undefined {
  return readdirSync(downloadDirectory).find((name) => name.startsWith('python3-cryptography-vectors_') && name.endsWith('.deb'));
}
