import { CommonErrorCode } from './errors/common.error.js';
import { errorOf } from './testing/error-of.js';
import { assertName, assertNoUserinfo, displayText, nameFault, textFault, uriHasUserinfo } from './text.js';

describe('textFault', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'contains a NUL character (U+0000)'],
    ['a lone high surrogate', 'a\ud800b', 'contains a lone UTF-16 surrogate (U+D800)'],
    ['a lone low surrogate', '\udc00', 'contains a lone UTF-16 surrogate (U+DC00)'],
    ['a high surrogate at the end', 'ok \ud83d', 'contains a lone UTF-16 surrogate (U+D83D)'],
  ])('refuses %s', (_what, text, fault) => {
    expect(textFault(text)).toBe(fault);
  });

  it('accepts any other Unicode: emoji (surrogate pairs), controls, bidi characters', () => {
    for (const text of ['', 'vote 🗳️ ✓', 'a\u001b[2Kb', 'abc\u202edcba', 'line\nline', 'é\u200dx'])
      expect(textFault(text)).toBeUndefined();
  });
});

describe('nameFault and assertName', () => {
  it.each([
    ['ESC', 'Guild\u001b[31m', 'contains a control character (U+001B)'],
    ['a line feed', 'Guild\nDAO', 'contains a control character (U+000A)'],
    ['a C1 control', 'Guild\u0085', 'contains a control character (U+0085)'],
    ['a right-to-left override', 'Guild\u202eOAD', 'contains a bidirectional control character (U+202E)'],
    ['a first-strong isolate', '\u2068Guild', 'contains a bidirectional control character (U+2068)'],
    ['a right-to-left mark', 'Guild\u200f', 'contains a bidirectional control character (U+200F)'],
    ['a zero-width space', 'Gu\u200bild', 'contains an invisible character (U+200B)'],
    ['a zero-width joiner', 'Gu\u200dild', 'contains an invisible character (U+200D)'],
    ['a word joiner', 'Gu\u2060ild', 'contains an invisible character (U+2060)'],
    ['a byte order mark', '\ufeffGuild', 'contains an invisible character (U+FEFF)'],
    ['NUL', 'Guild\u0000', 'contains a NUL character (U+0000)'],
  ])('refuses %s', (_what, name, fault) => {
    expect(nameFault(name)).toBe(fault);
  });

  it('accepts names in any script, with spaces and punctuation', () => {
    for (const name of ['Demo DAO', 'Gilde der Köche', 'نقابة', '协会 #1', 'Open-Weights (2027) 🧪'])
      expect(nameFault(name)).toBeUndefined();
  });

  it('throws a typed BAD_INPUT error naming the field', () => {
    expect(errorOf(() => assertName('x\u202ey', 'name'))).toMatchObject({
      code: CommonErrorCode.INVALID_NAME,
      category: 'BAD_INPUT',
      details: { field: 'name' },
    });
  });
});

describe('uriHasUserinfo and assertNoUserinfo', () => {
  it.each([
    'https://user@example.com/x',
    'https://user:secret@example.com/x',
    'HTTPS://a@b',
    'https://:@example.com',
    'ipfs://someone@bafy',
    'https://evil.example\\@good.example/',
  ])('finds the user part of %s', (uri) => {
    expect(uriHasUserinfo(uri)).toBe(true);
    expect(errorOf(() => assertNoUserinfo(uri, 'evidence[0].uri'))).toMatchObject({
      code: CommonErrorCode.URI_WITH_CREDENTIALS,
      category: 'BAD_INPUT',
    });
  });

  it.each([
    'https://example.com/a@b',
    'https://example.com?who=a@b',
    'https://example.com#a@b',
    'ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi',
    'not a uri @ all',
  ])('finds none in %s', (uri) => {
    expect(uriHasUserinfo(uri)).toBe(false);
    expect(() => assertNoUserinfo(uri, 'uri')).not.toThrow();
  });
});

describe('displayText', () => {
  it('shows escape sequences, BEL, CR and backspace as visible escapes', () => {
    expect(displayText('ok\u001b[2K\r\u001b[1AApproved\u0007\b')).toBe(
      'ok\\x1b[2K\\r\\x1b[1AApproved\\x07\\x08',
    );
    // An OSC sequence that would set the terminal title.
    expect(displayText('\u001b]0;pwned\u0007title')).toBe('\\x1b]0;pwned\\x07title');
    // The C1 form of CSI and DEL.
    expect(displayText('a\u009b31mb\u007f')).toBe('a\\x9b31mb\\x7f');
  });

  it('shows bidirectional controls and invisible characters as \\u escapes', () => {
    expect(displayText('pay \u202eecilA\u202c')).toBe('pay \\u202eecilA\\u202c');
    expect(displayText('\u2066x\u2069 \u200b\u2060\ufeff \u2028')).toBe(
      '\\u2066x\\u2069 \\u200b\\u2060\\ufeff \\u2028',
    );
    expect(displayText('lone \ud800')).toBe('lone \\ud800');
  });

  it('keeps every other character: accents, scripts, emoji with joiners', () => {
    const text = 'Añadir نقابة 协会 👩‍👩‍👧 ✓';
    expect(displayText(text)).toBe(text);
  });

  it('escapes line feeds and tabs on one line, keeps them in a multi-line text', () => {
    expect(displayText('a\nb\tc\r\nd')).toBe('a\\nb\\tc\\r\\nd');
    expect(displayText('a\nb\tc\r\nd\re\u001b', { multiline: true })).toBe('a\nb\tc\nd\\re\\x1b');
  });
});
