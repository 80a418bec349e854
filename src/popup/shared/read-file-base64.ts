import { encodeBase64 } from '../../crypto/encoding/base64';

/** A picked file's bytes as base64, the form bytes take over `runtime.sendMessage`. */
export async function readFileBase64(file: File): Promise<string> {
  return encodeBase64(new Uint8Array(await file.arrayBuffer()));
}
