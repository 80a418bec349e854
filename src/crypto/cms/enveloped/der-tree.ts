/**
 * Writes a DER tree (X.690 §8.1, §10.1) into one buffer: the lengths are computed first, then
 * every byte is written once. asn1js's `toBER` copies a leaf once per enclosing level, which for
 * the encrypted content of a 50 MB message (five levels deep in ContentInfo, RFC 5652 §6.1) meant
 * five copies of the ciphertext (bench/README.md, the profile).
 */
import { encodeDerLength } from '../signed/der';

/** A constructed or primitive value whose contents are already-encoded DER pieces or subtrees. */
export interface DerNode {
  tag: number;
  contents: (Uint8Array | DerNode)[];
}

function contentLength(node: DerNode): number {
  let length = 0;
  for (const part of node.contents) length += part instanceof Uint8Array ? part.byteLength : encodedLength(part);
  return length;
}

function encodedLength(node: DerNode): number {
  const length = contentLength(node);
  return 1 + encodeDerLength(length).byteLength + length;
}

function writeNode(node: DerNode, output: Uint8Array, offset: number): number {
  const length = encodeDerLength(contentLength(node));
  output[offset] = node.tag;
  output.set(length, offset + 1);
  let position = offset + 1 + length.byteLength;
  for (const part of node.contents) {
    if (part instanceof Uint8Array) {
      output.set(part, position);
      position += part.byteLength;
    } else {
      position = writeNode(part, output, position);
    }
  }
  return position;
}

export function encodeDerTree(root: DerNode): Uint8Array {
  const output = new Uint8Array(encodedLength(root));
  writeNode(root, output, 0);
  return output;
}
