import { CommonError, CommonErrorCode } from './errors/common.error.js';

/*
 * Untrusted text: what Guildhall accepts (any Unicode in titles, bodies and reasons; stricter
 * names) and how it is shown safely (`displayText`, for a terminal and any other client).
 */

// Built from escapes: the characters themselves would be invisible (or reorder this very file).
const ranges = (...pairs: ReadonlyArray<readonly [number, number]>) =>
  pairs.map(([from, to]) => `\\u${hex4(from)}-\\u${hex4(to)}`).join('');
const hex4 = (code: number) => code.toString(16).padStart(4, '0');

/** A UTF-16 surrogate that is not half of a pair: no Unicode character. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** C0 and C1 control characters and DEL (ESC, BEL, CR, backspace, NUL, …). */
const CONTROL = ranges([0x00, 0x1f], [0x7f, 0x9f]);
/**
 * Characters that change the direction text is shown in: the overrides and embeddings
 * (U+202A–202E), the isolates (U+2066–2069) and the marks (U+061C, U+200E, U+200F).
 */
const BIDI = ranges([0x202a, 0x202e], [0x2066, 0x2069], [0x061c, 0x061c], [0x200e, 0x200f]);
/** Invisible characters: U+200B (zero-width space), U+2060 (word joiner), U+FEFF (byte order mark). */
const INVISIBLE = ranges([0x200b, 0x200b], [0x2060, 0x2060], [0xfeff, 0xfeff]);
/** The zero-width non-joiner and joiner: invisible, but part of some scripts and of emoji sequences. */
const JOINERS = ranges([0x200c, 0x200d]);
/** The line and paragraph separators (U+2028, U+2029). */
const SEPARATORS = ranges([0x2028, 0x2029]);

const NOT_IN_NAMES = new RegExp(`[${CONTROL}${BIDI}${INVISIBLE}${JOINERS}${SEPARATORS}]`);
const IS_CONTROL = new RegExp(`^[${CONTROL}]$`);
const IS_BIDI = new RegExp(`^[${BIDI}]$`);

const codePoint = (character: string) => `U+${hex4(character.codePointAt(0)!).toUpperCase()}`;

/**
 * Why `text` can be neither stored nor signed as it is — it contains NUL (PostgreSQL refuses it in
 * text) or a lone UTF-16 surrogate (not Unicode: PostgreSQL refuses it in JSON, and it would be
 * signed as U+FFFD) — or undefined when it can.
 */
export function textFault(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)';
  const lone = LONE_SURROGATE.exec(text);
  if (lone !== null) return `contains a lone UTF-16 surrogate (${codePoint(lone[0])})`;
  return undefined;
}

/**
 * Why `name` is not acceptable as a name (a DAO name or slug, a round name, a choice label): besides
 * `textFault`, a name has no control character, no bidirectional control (which can make a name
 * read as another) and no zero-width or line-separator character. Titles and bodies keep any
 * Unicode; they are shown safely instead (`displayText`).
 */
export function nameFault(name: string): string | undefined {
  const fault = textFault(name);
  if (fault !== undefined) return fault;
  const found = NOT_IN_NAMES.exec(name);
  if (found === null) return undefined;
  const character = found[0];
  const what = IS_CONTROL.test(character)
    ? 'a control character'
    : IS_BIDI.test(character)
      ? 'a bidirectional control character'
      : 'an invisible character';
  return `contains ${what} (${codePoint(character)})`;
}

/** Throws INVALID_NAME (a BAD_INPUT error naming `field`) when `nameFault` finds a fault. */
export function assertName(name: string, field: string): void {
  const fault = nameFault(name);
  if (fault !== undefined)
    throw new CommonError(CommonErrorCode.INVALID_NAME, `${field}: ${fault}`, { field });
}

/**
 * Whether a URI names a user (`https://user@host/…`, `https://user:password@host/…`): the part
 * between `scheme://` and the path holds an `@`. Credentials never belong in a URI others read.
 */
export function uriHasUserinfo(uri: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test(uri);
}

/** Throws URI_WITH_CREDENTIALS (a BAD_INPUT error naming `field`) for a URI with a user part. */
export function assertNoUserinfo(uri: string, field: string): void {
  if (uriHasUserinfo(uri))
    throw new CommonError(
      CommonErrorCode.URI_WITH_CREDENTIALS,
      `${field}: a URI without a user name or password (user@ or user:password@ before the host)`,
      { field },
    );
}

const SHOWN_AS: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const UNSAFE_TO_SHOW = new RegExp(
  `[${CONTROL}${BIDI}${INVISIBLE}${SEPARATORS}]|${LONE_SURROGATE.source}`,
  'g',
);

/**
 * Untrusted text made safe to show, on a terminal or in any other client: every control
 * character (C0 and C1: ESC and so every escape or OSC sequence, BEL, CR, backspace, …), every
 * bidirectional control, the invisible U+200B, U+2060 and U+FEFF, the line separators and lone
 * surrogates are shown as visible escapes (`\x1b`, `\u202e`, `\r`); everything else is kept,
 * joiners (U+200C, U+200D) included. `multiline` keeps line feeds and tabs (a body; a Windows
 * line end becomes a line feed); otherwise they are escaped too (`\n`, `\t`: a table cell).
 */
export function displayText(text: string, { multiline = false }: { multiline?: boolean } = {}): string {
  const source = multiline ? text.replace(/\r\n/g, '\n') : text;
  return source.replace(UNSAFE_TO_SHOW, (character) => {
    if (multiline && (character === '\n' || character === '\t')) return character;
    const named = SHOWN_AS[character];
    if (named !== undefined) return named;
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${hex4(code)}`;
  });
}

/** A DAO's slug (in its URLs and in every signed message): 3 to 40 of a-z, 0-9 and inner dashes. */
export const DAO_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$/;
