import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readDistinguishedName, type DistinguishedName } from './distinguished-name';

/** GeneralName (RFC 5280 §4.2.1.6) in the forms name constraints can compare. */
export type GeneralNameValue =
  | { kind: 'rfc822Name'; value: string }
  | { kind: 'dNSName'; value: string }
  | { kind: 'uniformResourceIdentifier'; value: string }
  | { kind: 'directoryName'; value: DistinguishedName }
  | { kind: 'iPAddress'; value: Uint8Array }
  | { kind: 'other'; tag: number };

/** ReasonFlags bit names in order (RFC 5280 §4.2.1.13). */
export const REASON_BITS = [
  'unused',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
];

export function readGeneralName(name: pkijs.GeneralName): GeneralNameValue {
  switch (name.type) {
    case 1:
      return { kind: 'rfc822Name', value: String(name.value) };
    case 2:
      return { kind: 'dNSName', value: String(name.value) };
    case 6:
      return { kind: 'uniformResourceIdentifier', value: String(name.value) };
    case 4:
      return { kind: 'directoryName', value: readDistinguishedName((name.value as pkijs.RelativeDistinguishedNames).valueBeforeDecode) };
    case 7:
      return { kind: 'iPAddress', value: new Uint8Array((name.value as asn1js.OctetString).valueBlock.valueHexView) };
    default:
      return { kind: 'other', tag: name.type };
  }
}

