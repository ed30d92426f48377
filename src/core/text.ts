// Small text helpers shared by the parsers. They run on every input line, so they avoid regexes
// unless a cheap check says one is needed.

// eslint-disable-next-line no-control-regex -- terminal escape sequences are what it removes
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\([A-Z0-9]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** Removes ANSI colour/escape sequences (CHP always colours its level; hub/culler only on a TTY). */
export function stripAnsi(s: string): string {
  return s.indexOf('\x1b') === -1 ? s : s.replace(ANSI, '');
}

// Characters that change how text reads without being seen: the Arabic letter mark, zero-width
// space/joiners, LRM/RLM, the line and paragraph separators, the bidi embeddings and overrides
// (U+202A–202E), word joiner and invisible operators, the bidi isolates (U+2066–2069), and the BOM.
// A user name with U+202E shows its letters backwards; every surface shows these as <U+XXXX>.
export const INVISIBLE = /[\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** `<U+202E>` for each invisible formatting character. */
function showInvisible(s: string): string {
  return INVISIBLE.test(s) ? s.replace(INVISIBLE_ALL, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`) : s;
}

// eslint-disable-next-line no-control-regex -- control characters are what it shows
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
// eslint-disable-next-line no-control-regex -- control characters are what it shows
const CONTROL_ALL = /[\x00-\x1f\x7f-\x9f]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Every C0/C1 control shown as what it is (`\x1b`, `\n`), invisible formatting as <U+XXXX>. With
 * `layout`, line feeds and tabs stay (multi-line text in markup, where they cannot act).
 */
export function visibleText(s: string, layout = false): string {
  if (!CONTROL.test(s)) return showInvisible(s);
  return showInvisible(s.replace(CONTROL_ALL, (ch) => (layout && (ch === '\n' || ch === '\t') ? ch : NAMED[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`)));
}

/**
 * Replaces C0/C1 control characters (other than tab and line feed) so log content cannot drive a
 * terminal or a renderer, and shows invisible formatting characters as <U+XXXX>.
 */
export function stripControls(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  const out = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(s) ? s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '\uFFFD') : s;
  return showInvisible(out);
}

/** Undoes Python's repr() of a str: 'a' or "a'b", with backslash escapes. */
export function unrepr(s: string): string {
  const q = s[0];
  if ((q === "'" || q === '"') && s.length >= 2 && s[s.length - 1] === q) {
    return s.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
      if (e[0] === 'x' || e[0] === 'u' || e[0] === 'U') return String.fromCodePoint(Math.min(parseInt(e.slice(1), 16), 0x10ffff));
      // repr writes \n, \t and \r by name; any other escaped character stands for itself
      return e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
    });
  }
  return s;
}

/** Parses a Python list repr of strings: ['python3', '-m', 'x', "--a='b'"]. */
export function parsePyStrList(s: string): string[] | null {
  const t = s.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  const out: string[] = [];
  const re = /\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\s*(,|$)/y;
  const body = t.slice(1, -1);
  re.lastIndex = 0;
  while (re.lastIndex < body.length) {
    const m = re.exec(body);
    if (!m) return null;
    out.push(unrepr(m[1]));
  }
  return out;
}

/** Splits a shell-quoted command line (as Python's shlex.join writes it). */
export function splitShell(s: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\\.|[^\s'"\\]+)|(\s+)/g;
  let cur = '';
  let has = false;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    if (m[4] !== undefined) {
      if (has) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    has = true;
    cur += m[1] ?? (m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3].replace(/\\(.)/g, '$1'));
  }
  if (has) out.push(cur);
  return out;
}

export function safeDecodeURIComponent(s: string): string {
  if (s.indexOf('%') === -1) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `0 users`, `1 user`, `2 users`: a count with its noun in the right number. */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}
