// Small text helpers shared by the parsers. They run on every input line, so they avoid regexes
// unless a cheap check says one is needed.

// eslint-disable-next-line no-control-regex -- terminal escape sequences are what it removes
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\([A-Z0-9]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g;

/** Removes ANSI colour/escape sequences (CHP always colours its level; hub/culler only on a TTY). */
export function stripAnsi(s: string): string {
  return s.indexOf('\x1b') === -1 ? s : s.replace(ANSI, '');
}

/** Replaces C0/C1 control characters (other than tab) so log content cannot drive a terminal. */
export function stripControls(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  return /[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(s) ? s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, '\uFFFD') : s;
}

/** Undoes Python's repr() of a str: 'a' or "a'b", with backslash escapes. */
export function unrepr(s: string): string {
  const q = s[0];
  if ((q === "'" || q === '"') && s.length >= 2 && s[s.length - 1] === q) {
    return s.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
      if (e[0] === 'x' || e[0] === 'u') return String.fromCharCode(parseInt(e.slice(1), 16));
      return e === 'n' ? '\n' : e === 't' ? '\t' : e;
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
