/**
 * A parsed MIME entity that keeps its exact bytes. Signatures are over bytes (RFC 8551 §3.1.1), so
 * the tree never re-serializes: each node points into the original message.
 */
export interface HeaderField {
  /** As written, e.g. 'Content-Type'. */
  name: string;
  /** Unfolded, undecoded value (RFC 5322 §2.2.3), without the leading space. */
  value: string;
}

export interface ContentType {
  /** Lower case, e.g. 'multipart'. */
  type: string;
  /** Lower case, e.g. 'signed'. */
  subtype: string;
  /** Parameter names lower case; values unquoted and RFC 2231-decoded. */
  parameters: Record<string, string>;
}

export interface MimeEntity {
  headers: HeaderField[];
  contentType: ContentType;
  /** Lower case; '7bit' when absent. */
  contentTransferEncoding: string;
  /** The whole entity: header, blank line and body, exactly as in the message. */
  raw: Uint8Array;
  /** The body alone, still transfer-encoded, exactly as in the message. */
  body: Uint8Array;
  /** For multipart entities: the parts between the boundaries (preamble and epilogue dropped). */
  children: MimeEntity[];
}
