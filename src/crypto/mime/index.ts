/** The MIME layer of the engine (see TEAM.md "MIME"): parse, decode, build, canonicalize. */
export type { ContentType, HeaderField, MimeEntity } from './mime-entity';
export { parseMimeMessage, MAXIMUM_NESTING_DEPTH, MAXIMUM_PART_COUNT } from './parse-mime-message';
export { getHeaderValue, getHeaderValues } from './header-values';
export { parseContentType, parseContentDisposition } from './header-parameters';
export type { ContentDisposition } from './header-parameters';
export { splitMessage, assembleMessage, copyHeadersIntoEntity } from './split-message';
export type { SplitMessage } from './split-message';
export { buildMultipartSigned, buildPkcs7MimeEntity } from './build-smime-entities';
export type { Micalg, SmimeType } from './build-smime-entities';
export { toCrlf } from './mime-bytes';
export { encodeBase64Lines, decodeBase64Lenient } from './base64-transfer-encoding';
export { formatHeaderField } from './header-formatting';
