// How text sorts and matches, in one place for both storages: the memory engine compares these
// keys with `<`, PostgreSQL stores them beside each record and orders them with COLLATE "C".
// The two orders agree because a key holds no surrogate pair (UTF-16 code-unit order, which `<`
// uses, then equals code-point order, which "C" uses on UTF-8 bytes).

/**
 * A sort key whose order follows an Intl.Collator's with base sensitivity and numeric
 * ordering: accents and case folded away, digit runs zero-padded so "9" sorts before "10".
 */
export function collationKey(value: string): string {
  // Most values are plain ASCII: skip the Unicode normalisation for them.
  const ascii = /^[\x20-\x7e]*$/.test(value);
  let folded = ascii ? value.toLowerCase() : value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (!ascii && /[\ud800-\udfff]/.test(folded)) folded = withoutSurrogates(folded);
  // Zero-pad digit runs to 16 places (a hand loop: a regex callback per run costs several times more).
  let key = '';
  let start = 0;
  for (let i = 0; i < folded.length;) {
    const c = folded.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    let end = i;
    while (end < folded.length && folded.charCodeAt(end) >= 48 && folded.charCodeAt(end) <= 57) end++;
    let first = i;
    while (first < end - 1 && folded.charCodeAt(first) === 48) first++;
    key += folded.slice(start, i) + '0000000000000000'.slice(end - first) + folded.slice(first, end);
    start = i = end;
  }
  return start === 0 ? folded : key + folded.slice(start);
}

/**
 * Characters above U+FFFF (emoji, historic scripts) as three BMP characters that sort after every
 * other: U+FFFF, then the code point's 20 bits in two halves (0x4000–0x43FF, no surrogates).
 * A lone surrogate, which well-formed text never holds, becomes U+FFFD.
 */
function withoutSurrogates(text: string): string {
  let out = '';
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (cp > 0xffff) {
      const v = cp - 0x10000;
      out += '\uffff' + String.fromCharCode(0x4000 + (v >> 10), 0x4000 + (v & 0x3ff));
    } else out += cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : char;
  }
  return out;
}

/**
 * Code-point order of two strings (what PostgreSQL's "C" collation gives on UTF-8 text), for
 * range filters on raw text; `<` alone compares UTF-16 code units.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (code points above U+FFFF) sort after U+E000–U+FFFF: shift the ranges apart.
    if (x >= 0xd800) x += x < 0xe000 ? 0x2000 : -0x800;
    if (y >= 0xd800) y += y < 0xe000 ? 0x2000 : -0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** The text a search or a `contains` filter looks in: lower case, as `String.toLowerCase` gives it. */
export const searchText = (value: string): string => value.toLowerCase();
