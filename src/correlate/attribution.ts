// Who was refused, from wherever the lines of the request say it, most direct first: the access
// line's `(user@ip)`, a reason line (its text, a `<User(…)>` repr, a path it quotes), the request
// path, the `next=` URL, an OAuth state's `next_url` (read by the parsers, never kept), the
// KubeSpawner pod that logged it, a line the request's handler printed right before it.
import type { Attribution } from '../core/model/report.js';
import { userFromPath, userFromPod, userFromQuery, wholeUri } from '../core/users.js';
import type { RequestLines, Trace } from './refusals.js';

export interface Attributed {
  user: string | null;
  attributedBy: Attribution | null;
}

const NOBODY: Attributed = { user: null, attributedBy: null };

function named(tr: Trace): Attributed | null {
  const ev = tr.ev;
  if (ev.kind === 'login-refused') return { user: ev.user, attributedBy: 'message' };
  if (ev.kind === 'request-refused' && ev.user !== null) return { user: ev.user, attributedBy: ev.via ?? 'message' };
  return null;
}

/**
 * `isCuller` names the idle culler's service: its refused request is about the user it acts on (a
 * deletion the hub would not let it make), when the path names one, and else about the culler.
 */
export function attribute(lines: RequestLines, isCuller: (name: string) => boolean): Attributed {
  const { access, traces } = lines;
  if (access?.user) {
    const target = isCuller(access.user) ? userFromPath(access.path) : null;
    return target !== null ? { user: target, attributedBy: 'path' } : { user: access.user, attributedBy: 'access-line' };
  }
  for (const tr of traces) {
    const n = named(tr);
    if (n) return n;
  }
  for (const tr of traces) if (tr.ev.kind === 'login-failed' && tr.ev.user !== null) return { user: tr.ev.user, attributedBy: 'message' };
  // A line cut at a screen's edge names a user only with the whole part of its path.
  const paths = [access && wholeUri(access.path, access.cut), ...traces.map((t) => (t.ev.kind === 'http-error' ? wholeUri(t.ev.path, t.ev.cut) : t.ev.kind === 'request-refused' ? t.ev.path : null))];
  for (const p of paths) {
    const user = p ? userFromPath(p) : null;
    if (user !== null) return { user, attributedBy: 'path' };
  }
  const query = access?.query ? (access.cut === 'query' ? wholeUri(`?${access.query}`, 'query').slice(1) : access.query) : null;
  const next = query ? userFromQuery(query) : null;
  if (next !== null) return { user: next, attributedBy: 'next' };
  for (const tr of traces) {
    const hint = tr.ev.kind === 'http-error' || tr.ev.kind === 'request-refused' ? tr.ev.hint : null;
    if (hint) return { user: hint.user, attributedBy: hint.via };
  }
  for (const ev of [access, ...traces.map((t) => t.ev)]) {
    const user = ev?.pod ? userFromPod(ev.pod) : null;
    if (user !== null) return { user, attributedBy: 'pod' };
  }
  for (const tr of traces) if (tr.before !== undefined) return { user: tr.before, attributedBy: 'request' };
  return NOBODY;
}
