// What a record must contain for the correlator to read it, gathered from the message parsers'
// own needles (messages/*.ts). Everything that decides "is this line worth parsing" is built from
// this one list: the byte-level noise rule (noise.ts), the string pre-check and the parsed-field
// check (record.ts), and the grep / LogQL filters of `hubsleuth filter`, so logs cut down where
// they live (`logcli query … | hubsleuth`) give the same verdict.
import { MESSAGE_PARSERS } from './messages/index.js';
import type { Needle, RequestNeedle, TextNeedle } from './messages/types.js';

const isRequest = (n: Needle): n is RequestNeedle => !('text' in n);

export const REQUEST_NEEDLES: readonly RequestNeedle[] = MESSAGE_PARSERS.flatMap((mp) => mp.needles.filter(isRequest));
export const TEXT_NEEDLES: readonly TextNeedle[] = MESSAGE_PARSERS.flatMap((mp) => mp.needles.filter((n): n is TextNeedle => !isRequest(n)));

/** DEBUG records are never read: most of a verbose hub log is DEBUG chatter. */
export const IGNORED_LEVEL = 'D';

export function requestNeeded(status: number, method: string, path: string, named: boolean): boolean {
  for (const n of REQUEST_NEEDLES) {
    if (n.status !== undefined && (n.status === 'error' ? status < 400 : status !== n.status)) continue;
    if (n.method !== undefined && method !== n.method) continue;
    if (n.pathEnd !== undefined && !path.endsWith(n.pathEnd)) continue;
    if (n.named !== undefined && named !== n.named) continue;
    return true;
  }
  return false;
}

/** `<status> <METHOD> `: a request line (access log, tornado's web: warning), judged by REQUEST_NEEDLES. */
function isRequestLine(msg: string): boolean {
  const c = msg.charCodeAt(0);
  return c >= 48 && c <= 57 && msg.charCodeAt(3) === 32 && isDigitCode(msg.charCodeAt(1)) && isDigitCode(msg.charCodeAt(2));
}

const isDigitCode = (c: number) => c >= 48 && c <= 57;

/** The string pre-check, for records that did not come through the byte path (JSON exports, pastes). */
export function messageNeeded(level: string | undefined, msg: string): boolean {
  if (level === IGNORED_LEVEL) return false;
  // A request line is parsed, then judged by its fields (requestNeeded).
  if (isRequestLine(msg)) return true;
  const nl = msg.indexOf('\n');
  const first = nl < 0 ? msg : msg.slice(0, nl);
  const line = first.trimEnd();
  for (const n of TEXT_NEEDLES) if ((n.at === 'start' ? line.startsWith(n.text) : line.endsWith(n.text)) && !n.except?.includes(line)) return true;
  return false;
}

/** One piece of what a kept line holds: literal text, or one character out of a set. */
export type Piece = { text: string } | { anyOf: string };

/**
 * What every line a needle keeps contains, in order, as the push-down dialects need it: regex
 * dialects join the pieces, Elasticsearch turns them into words (parsers/pushdown/es.ts).
 * `start`/`end`: the line has a separator or its own start/end right before the first piece /
 * after the last (a message starts after `] ` or `info: ` or at the line start, and a needle at
 * the end ends the line), so a word-based engine may match the edge words whole.
 */
export interface PushdownTerm {
  pieces: readonly Piece[];
  start: boolean;
  end: boolean;
  why: string[];
}

const DIGIT_SET = '0123456789';

/** One term per distinct condition, with the rules it serves. */
export function pushdownTerms(): PushdownTerm[] {
  const out = new Map<string, PushdownTerm>();
  const add = (t: Omit<PushdownTerm, 'why'>, why: string) => {
    const key = termRegex(t.pieces);
    const have = out.get(key);
    if (have) have.why.push(why);
    else out.set(key, { ...t, why: [why] });
  };
  // A filter only needs one condition each needle implies: the most selective literal.
  for (const n of REQUEST_NEEDLES) {
    if (n.pathEnd !== undefined) add({ pieces: [{ text: n.pathEnd }, { anyOf: ' ?' }], start: false, end: false }, n.why);
    // The status starts the message; a method alone follows the status and its space.
    else if (n.method !== undefined) add({ pieces: [{ text: `${n.status === undefined || n.status === 'error' ? '' : `${n.status} `}${n.method} ` }], start: true, end: false }, n.why);
    // Request lines are read in hub-prefixed lines only, where the status follows `] `.
    else if (typeof n.status === 'number') add({ pieces: [{ text: `] ${n.status} ` }], start: false, end: false }, n.why);
    else add({ pieces: [{ text: '] ' }, { anyOf: n.status === 'error' ? '45' : DIGIT_SET }, { anyOf: DIGIT_SET }, { anyOf: DIGIT_SET }, { text: ' ' }], start: false, end: false }, n.why);
  }
  for (const n of TEXT_NEEDLES) {
    if (n.inner !== undefined) add({ pieces: [{ text: n.inner }], start: false, end: false }, n.why);
    else add({ pieces: [{ text: n.text }], start: n.at === 'start', end: n.at === 'end' }, n.why);
  }
  return [...out.values()];
}

// Specials are written as one-character sets, not with a backslash: the filters then survive every
// layer of quoting they pass through (shell, query-language strings, JSON). `]` and `}` are plain
// characters outside a set in grep -E, RE2, Java and JavaScript alike; `^` and `\` keep a backslash.
const SET_SPECIAL = /[.[*+?(){|$]/g;
const ESCAPE_SPECIAL = /[\\^]/g;
const literal = (s: string) => s.replace(ESCAPE_SPECIAL, '\\$&').replace(SET_SPECIAL, '[$&]');
const set = (chars: string) => `[${chars.replace(DIGIT_SET, '0-9')}]`;

function termRegex(pieces: readonly Piece[]): string {
  return pieces.map((p) => ('text' in p ? literal(p.text) : set(p.anyOf))).join('');
}

/** One alternative of the push-down filter per distinct needle, with the rules it serves. */
export function pushdownAlternatives(): Array<{ re: string; why: string[] }> {
  return pushdownTerms().map((t) => ({ re: termRegex(t.pieces), why: t.why }));
}

/** One extended regular expression (grep -E, RE2, Java and JavaScript agree on this subset). */
export function pushdownRegex(): string {
  return pushdownAlternatives().map((n) => n.re).join('|');
}
