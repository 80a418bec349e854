import type { ServerResponse } from 'node:http';

/**
 * Error bodies exactly as Google's APIs write them (the `error` object of
 * https://cloud.google.com/apis/design/errors, with the legacy `errors` array the Gmail API still
 * sends), so code written against the demo handles real Gmail's errors too.
 */
export interface GoogleError {
  code: number;
  message: string;
  status: string;
  reason: string;
  location?: string;
}

export function writeGoogleError(response: ServerResponse, error: GoogleError): void {
  const detail: Record<string, string> = { message: error.message, domain: 'global', reason: error.reason };
  if (error.location) {
    detail.location = error.location;
    detail.locationType = 'header';
  }
  const body = JSON.stringify({
    error: { code: error.code, message: error.message, errors: [detail], status: error.status },
  });
  response.writeHead(error.code, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

export const MAXIMUM_MESSAGE_BYTES = 36_700_160; // 35 MiB, Gmail's maxSize for messages.send

export const googleErrors = {
  unauthenticated: (): GoogleError => ({
    code: 401,
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    status: 'UNAUTHENTICATED',
    reason: 'authError',
    location: 'Authorization',
  }),
  delegationDenied: (address: string): GoogleError => ({
    code: 403,
    message: `Delegation denied for ${address}`,
    status: 'PERMISSION_DENIED',
    reason: 'forbidden',
  }),
  notFound: (): GoogleError => ({
    code: 404,
    message: 'Requested entity was not found.',
    status: 'NOT_FOUND',
    reason: 'notFound',
  }),
  invalidArgument: (message: string): GoogleError => ({
    code: 400,
    message,
    status: 'INVALID_ARGUMENT',
    reason: 'invalidArgument',
  }),
  failedPrecondition: (message: string): GoogleError => ({
    code: 400,
    message,
    status: 'FAILED_PRECONDITION',
    reason: 'failedPrecondition',
  }),
  tooLarge: (): GoogleError => ({
    code: 413,
    message: `Request payload size exceeds the limit: ${MAXIMUM_MESSAGE_BYTES} bytes.`,
    status: 'FAILED_PRECONDITION',
    reason: 'uploadTooLarge',
  }),
  methodNotAllowed: (): GoogleError => ({
    code: 405,
    message: 'Method Not Allowed',
    status: 'UNIMPLEMENTED',
    reason: 'httpMethodNotAllowed',
  }),
  unsupportedMediaType: (mediaType: string): GoogleError => ({
    code: 400,
    message: `Media type '${mediaType}' is not supported. Valid media types: [message/*]`,
    status: 'INVALID_ARGUMENT',
    reason: 'badContent',
  }),
};
