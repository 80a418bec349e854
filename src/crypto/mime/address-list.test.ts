import { describe, expect, it } from 'vitest';
import { isSignetError } from '../../shared/errors';
import { parseAddressList, parseMailboxList } from './address-list';
import { formatMailbox } from './format-mailbox';
import { isSameAddress, normalizeAddress } from './normalize-address';

function expectRefused(value: string, parse = parseAddressList): void {
  let caught: unknown;
  try {
    parse(value);
  } catch (error) {
    caught = error;
  }
  expect(isSignetError(caught, 'malformed-mime')).toBe(true);
}

describe('parseAddressList', () => {
  it('reads the ordinary forms', () => {
    expect(parseAddressList('Jethro Bodine <jethro@jedco.example>')).toEqual([{ displayName: 'Jethro Bodine', address: 'jethro@jedco.example' }]);
    expect(parseAddressList('jethro@jedco.example')).toEqual([{ displayName: '', address: 'jethro@jedco.example' }]);
    expect(parseAddressList('<jethro@jedco.example>')).toEqual([{ displayName: '', address: 'jethro@jedco.example' }]);
    expect(parseAddressList('"Bodine, Jethro" <jethro@jedco.example>, ellie-may@clampett.example')).toEqual([
      { displayName: 'Bodine, Jethro', address: 'jethro@jedco.example' },
      { displayName: '', address: 'ellie-may@clampett.example' },
    ]);
  });

  it('reads comments, and a legacy "address (Name)" shows the comment as the name', () => {
    expect(parseAddressList('jethro@jedco.example (Jethro Bodine)')).toEqual([{ displayName: 'Jethro Bodine', address: 'jethro@jedco.example' }]);
    expect(parseAddressList('Jethro (the nephew (really)) <jethro@jedco.example> (work)')).toEqual([
      { displayName: 'Jethro', address: 'jethro@jedco.example' },
    ]);
  });

  it('reads quoted strings with escaped quotes and backslashes', () => {
    expect(parseAddressList('"Jethro \\"Jethrine\\" Bodine \\\\ Jr." <jethro@jedco.example>')).toEqual([
      { displayName: 'Jethro "Jethrine" Bodine \\ Jr.', address: 'jethro@jedco.example' },
    ]);
  });

  it('reads groups, flattened, each member naming its group; an empty group has no members', () => {
    expect(parseAddressList('Clampetts: ellie-may@clampett.example, Jed <jed@clampett.example>;, jethro@jedco.example')).toEqual([
      { displayName: '', address: 'ellie-may@clampett.example', group: 'Clampetts' },
      { displayName: 'Jed', address: 'jed@clampett.example', group: 'Clampetts' },
      { displayName: '', address: 'jethro@jedco.example' },
    ]);
    expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
  });

  it('reads obsolete forms: a route, words spaced around dots and @, empty list elements', () => {
    expect(parseAddressList('Jethro <@relay.example,@other.example:jethro@jedco.example>')).toEqual([
      { displayName: 'Jethro', address: 'jethro@jedco.example' },
    ]);
    expect(parseAddressList('jethro . bodine @ jedco . example')).toEqual([{ displayName: '', address: 'jethro.bodine@jedco.example' }]);
    expect(parseAddressList('J. R. Bodine <jethro@jedco.example>')).toEqual([{ displayName: 'J. R. Bodine', address: 'jethro@jedco.example' }]);
    expect(parseAddressList('a@jedco.example, , b@jedco.example,')).toHaveLength(2);
  });

  it('decodes RFC 2047 display names in German and Japanese', () => {
    expect(parseAddressList('=?ISO-8859-1?Q?J=FCrgen_M=FCller?= <juergen@jedco.example>')).toEqual([
      { displayName: 'Jürgen Müller', address: 'juergen@jedco.example' },
    ]);
    expect(parseAddressList('=?UTF-8?B?5bGx55Sw?= =?UTF-8?B?5aSq6YOO?= <yamada@jedco.example>')).toEqual([
      { displayName: '山田太郎', address: 'yamada@jedco.example' },
    ]);
  });

  it('keeps an undecoded domain and refuses non-addresses', () => {
    expectRefused('Jethro Bodine');
    expectRefused('jethro');
    expectRefused('jethro@');
    expectRefused('@jedco.example');
    expectRefused('jethro@jedco..example');
    expectRefused('"unclosed <jethro@jedco.example>');
    expectRefused('Jethro (unclosed <jethro@jedco.example>');
    expectRefused('<>');
  });

  describe('"Johnny, You Are Fired" tricks', () => {
    it('a display name holding an address does not become the address', () => {
      expect(parseAddressList('"jethro@jedco.example" <bob@hacker.example>')).toEqual([
        { displayName: 'jethro@jedco.example', address: 'bob@hacker.example' },
      ]);
      expect(parseAddressList('"Jethro Bodine <jethro@jedco.example>" <bob@hacker.example>')).toEqual([
        { displayName: 'Jethro Bodine <jethro@jedco.example>', address: 'bob@hacker.example' },
      ]);
      // Unquoted (invalid, but written by some mailers): the address is still the one in <...>.
      expect(parseAddressList('jethro@jedco.example <bob@hacker.example>')).toEqual([
        { displayName: 'jethro@jedco.example', address: 'bob@hacker.example' },
      ]);
    });

    it('an encoded-word that decodes to <address> or a comma never creates a mailbox or changes the address', () => {
      const angle = '=?UTF-8?B?' + btoa('Jethro <jethro@jedco.example>') + '?= <bob@hacker.example>';
      expect(parseAddressList(angle)).toEqual([{ displayName: 'Jethro <jethro@jedco.example>', address: 'bob@hacker.example' }]);
      const comma = '=?UTF-8?Q?jethro=40jedco.example=2C_?= <bob@hacker.example>';
      expect(parseAddressList(comma)).toEqual([{ displayName: 'jethro@jedco.example,', address: 'bob@hacker.example' }]);
      const onlyEncoded = '=?UTF-8?Q?Jethro_=3Cjethro=40jedco.example=3E?=';
      expectRefused(onlyEncoded);
      const inLocalPart = '<=?UTF-8?Q?jethro=40jedco.example?=@hacker.example>';
      expect(parseAddressList(inLocalPart)).toEqual([{ displayName: '', address: '=?UTF-8?Q?jethro=40jedco.example?=@hacker.example' }]);
    });

    it('several mailboxes stay several (the From rule then refuses them)', () => {
      expect(parseAddressList('jethro@jedco.example, bob@hacker.example').map((mailbox) => mailbox.address)).toEqual([
        'jethro@jedco.example',
        'bob@hacker.example',
      ]);
      expect(parseAddressList('Jethro <jethro@jedco.example>,Bob <bob@hacker.example>')).toHaveLength(2);
    });

    it('an @ inside a quoted local part belongs to the local part', () => {
      expect(parseAddressList('"jethro@jedco.example"@hacker.example')).toEqual([
        { displayName: '', address: '"jethro@jedco.example"@hacker.example' },
      ]);
      expect(normalizeAddress('"jethro@jedco.example"@hacker.example')).not.toBe('jethro@jedco.example');
      expect(normalizeAddress('"jethro@jedco.example"@hacker.example').endsWith('@hacker.example')).toBe(true);
    });

    it('a route address yields the final address, not a route host', () => {
      expect(parseAddressList('<@jedco.example:bob@hacker.example>')).toEqual([{ displayName: '', address: 'bob@hacker.example' }]);
    });

    it('two angle addresses, or text after the address, are refused rather than guessed', () => {
      expectRefused('Jethro <jethro@jedco.example> <bob@hacker.example>');
      expectRefused('<jethro@jedco.example> bob@hacker.example');
      expectRefused('<jethro@jedco.example>bob@hacker.example');
      expectRefused('jethro@jedco.example bob@hacker.example');
      expectRefused('jethro@jedco.example@hacker.example');
      expectRefused('<jethro@jedco.example');
      expectRefused('jethro@jedco.example>');
      expectRefused('Friends: jethro@jedco.example; bob@hacker.example');
    });

    it('a group is refused where only mailboxes may be (From)', () => {
      expectRefused('Jed Co: jethro@jedco.example;', parseMailboxList);
      expect(parseMailboxList('Jethro <jethro@jedco.example>')).toEqual([{ displayName: 'Jethro', address: 'jethro@jedco.example' }]);
    });

    it('control characters and nested groups are refused', () => {
      expectRefused('Jethro\u0000 <jethro@jedco.example>');
      expectRefused('A: B: jethro@jedco.example;;');
    });
  });

  it('finishes quickly on a hostile 1 MB value', () => {
    const started = performance.now();
    expectRefused('"'.padEnd(1_000_000, 'a'));
    expect(parseAddressList('a@b.example,'.repeat(50_000))).toHaveLength(50_000);
    expectRefused('('.repeat(500_000));
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('normalizeAddress', () => {
  it('compares domains and local parts case-insensitively, and nothing more', () => {
    expect(normalizeAddress('Jethro@JedCo.Example')).toBe('jethro@jedco.example');
    expect(isSameAddress('JETHRO@jedco.example', 'jethro@JEDCO.example')).toBe(true);
    expect(isSameAddress('"jethro"@jedco.example', 'jethro@jedco.example')).toBe(true);
    expect(isSameAddress('jethro+orders@jedco.example', 'jethro@jedco.example')).toBe(false);
    expect(isSameAddress('j.ethro@jedco.example', 'jethro@jedco.example')).toBe(false);
  });

  it('compares an internationalized domain in its A-label form', () => {
    expect(normalizeAddress('jethro@BÜCHER.example')).toBe('jethro@xn--bcher-kva.example');
  });
});

describe('formatMailbox', () => {
  it('writes plain, quoted and encoded display names that parse back to the same mailbox', () => {
    const mailboxes = [
      { displayName: '', address: 'jethro@jedco.example' },
      { displayName: 'Jethro Bodine', address: 'jethro@jedco.example' },
      { displayName: 'Bodine, Jethro "J." <boss>', address: 'jethro@jedco.example' },
      { displayName: 'Jürgen Müller', address: 'juergen@jedco.example' },
      { displayName: '山田太郎 (営業部)', address: 'yamada@jedco.example' },
      { displayName: 'Looks =?UTF-8?Q?encoded?= but is not', address: 'a@jedco.example' },
    ];
    for (const mailbox of mailboxes) {
      const written = formatMailbox(mailbox);
      expect(written).toMatch(/^[\x20-\x7e]+$/);
      expect(parseAddressList(written)).toEqual([mailbox]);
    }
    expect(formatMailbox({ displayName: 'Jethro Bodine', address: 'jethro@jedco.example' })).toBe('Jethro Bodine <jethro@jedco.example>');
  });

  it('refuses an address that would smuggle structure into the field', () => {
    expect(() => formatMailbox({ displayName: '', address: 'jethro@jedco.example>, bob@hacker.example' })).toThrow(/not an e-mail address/);
    expect(() => formatMailbox({ displayName: '', address: 'jethro@jedco.example\r\nBcc: x@y.example' })).toThrow(/not an e-mail address/);
    expect(() => formatMailbox({ displayName: '', address: 'jethro@jedco.example@hacker.example' })).toThrow(/not an e-mail address/);
    expect(formatMailbox({ displayName: '', address: '"jethro@jedco.example"@hacker.example' })).toBe('"jethro@jedco.example"@hacker.example');
  });
});
