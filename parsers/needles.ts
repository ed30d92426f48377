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

const ERE_SPECIAL = /[\\.^$|?*+()[\]{}]/g;
const ere = (s: string) => s.replace(ERE_SPECIAL, '\\$&');

/** One alternative of the push-down filter per distinct needle, with the rules it serves. */
export function pushdownAlternatives(): Array<{ re: string; why: string[] }> {
  const out = new Map<string, string[]>();
  const add = (re: string, why: string) => {
    const w = out.get(re);
    if (w) w.push(why);
    else out.set(re, [why]);
  };
  // A filter only needs one condition each needle implies: the most selective literal.
  for (const n of REQUEST_NEEDLES) {
    if (n.pathEnd !== undefined) add(`${ere(n.pathEnd)}[ ?]`, n.why);
    else if (n.method !== undefined) add(`${n.status === undefined || n.status === 'error' ? '' : `${n.status} `}${n.method} `, n.why);
    else add('\\] [45][0-9][0-9] ', n.why);
  }
  for (const n of TEXT_NEEDLES) add(ere(n.text), n.why);
  return [...out].map(([re, why]) => ({ re, why }));
}

/** One extended regular expression (grep -E, RE2 and JavaScript agree on this subset). */
export function pushdownRegex(): string {
  return pushdownAlternatives().map((n) => n.re).join('|');
}
