/** The part of the untyped `des.js` package (DES and 3DES in pure JavaScript) that Signet uses. */
declare module 'des.js' {
  interface CipherOptions {
    type: 'encrypt' | 'decrypt';
    key: ArrayLike<number>;
    iv?: ArrayLike<number>;
    /** false: the caller handles padding (we do PKCS#7 ourselves, with our own error). */
    padding?: boolean;
  }
  interface Cipher {
    update(data: ArrayLike<number>): number[];
    final(data?: ArrayLike<number>): number[];
  }
  interface CipherClass {
    create(options: CipherOptions): Cipher;
  }
  export const EDE: CipherClass;
  export const DES: CipherClass;
  export const CBC: { instantiate(base: CipherClass): CipherClass };
}
