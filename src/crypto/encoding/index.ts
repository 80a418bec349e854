export * from './base64';
export * from './bytes';
export * from './hex';
export * from './pem';
