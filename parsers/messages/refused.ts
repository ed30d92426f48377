// What the refusal parsers share: a `request-refused` event's fields with their defaults, and the
// HTTP status an error record reports (in its message or the last line of its traceback).
import type { NameHint, RequestReason } from '../../src/core/model/events.js';
import type { Fields } from './types.js';
import { realName, statesIn, userFromQuery, userFromState } from '../../src/core/users.js';

type Refused = Extract<Fields, { kind: 'request-refused' }>;

export function refused(reason: RequestReason, more: Partial<Omit<Refused, 'kind' | 'reason'>> = {}): Refused {
  const user = realName(more.user ?? null);
  return {
    kind: 'request-refused', reason, user, via: user === null ? null : more.via ?? 'message', method: more.method ?? null,
    path: more.path ?? null, status: more.status ?? null, detail: more.detail ?? null, hint: more.hint ?? null,
  };
}

const HTTP_STATUS = /HTTP (\d{3}): [A-Z]/;

/** The status of `HTTP 403: Forbidden` (tornado's HTTPClientError) in the record, or null. */
function httpStatus(record: string): number | null {
  const m = HTTP_STATUS.exec(record);
  return m ? Number(m[1]) : null;
}

/**
 * A client's error record as a refusal: its 401 or 403, null when the record shows no status (a
 * traceback cut off in a paste), undefined when it shows another (a timeout or a 500 is no refusal).
 */
export function refusedStatus(record: string): number | null | undefined {
  const s = httpStatus(record);
  return s === null || s === 401 || s === 403 ? s : undefined;
}

/**
 * Whom a raw URI leads to: an OAuth state's `next_url` (read here, before the state is scrubbed,
 * and never kept), else its `next=` URL.
 */
export function hintOf(rawUri: string): NameHint | null {
  for (const s of statesIn(rawUri)) {
    const user = userFromState(s);
    if (user !== null) return { user, via: 'state' };
  }
  const q = rawUri.indexOf('?');
  const user = q < 0 ? null : userFromQuery(rawUri.slice(q + 1));
  return user === null ? null : { user, via: 'next' };
}
