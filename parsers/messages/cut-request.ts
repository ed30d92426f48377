// A request line (`<status> <METHOD> <uri> …`) whose line was cut at a screen's edge (a k9s row
// that ran up to the box's border, Prefixed.cut). Only what is there is read: the status and
// method, which a cut cannot reach without leaving the line unrecognisable, and the URI as far as
// it goes. Where the cut fell says what else can be trusted: inside the path, the path is a prefix
// of the real one; inside the query, its last parameter may be a piece of one; after the URI, the
// URI is whole and the tail is read by the caller as far as it is complete.
import type { CutAt } from '../../src/core/model/events.js';

export interface CutRequest {
  status: number;
  method: string;
  /** The URI as the line shows it, and split at its `?`. */
  uri: string;
  path: string;
  query: string | null;
  /** What follows the URI (empty when the cut fell inside it). */
  rest: string;
  cut: CutAt;
}

const HEAD = /^(\d{3}) ([A-Z]+) (\S+)/;

export function cutRequest(msg: string): CutRequest | null {
  const m = HEAD.exec(msg);
  if (!m) return null;
  const rest = msg.slice(m[0].length);
  const cut: CutAt = rest !== '' ? 'tail' : m[3].includes('?') ? 'query' : 'path';
  const uri = m[3];
  const q = uri.indexOf('?');
  return { status: Number(m[1]), method: m[2], uri, path: q < 0 ? uri : uri.slice(0, q), query: q < 0 ? null : uri.slice(q + 1), rest, cut };
}
