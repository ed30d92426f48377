// configurable-http-proxy writes each answer of its API as `<status> <METHOD> <path> ` (read by the
// parsers as a message naming the request: it is the proxy's request log, not a reason line). The
// API's one client is the hub, with the proxy auth token, so a 401 or 403 there is the proxy
// refusing the hub's token: the proxy's trace of that refused request, which the hub's own error
// (`api_request to proxy failed`) joins when the input has both.
import type { HubEvent } from '../core/model/events.js';
import { componentOf } from './components.js';
import type { TraceEvent } from './refusals.js';

type Message = Extract<HubEvent, { kind: 'message' }>;

/** The refusal a proxy API answer shows, as a trace of its request; null for any other message. */
export function proxyRefusal(ev: Message): TraceEvent | null {
  if ((ev.status !== 401 && ev.status !== 403) || ev.path === undefined || !ev.path.startsWith('/api/') || componentOf(ev) !== 'proxy') return null;
  return {
    ...ev, kind: 'request-refused', reason: 'proxy-api', user: null, via: null, status: ev.status, method: ev.method ?? null, path: ev.path,
    detail: "the proxy refused the hub's token", hint: null,
  };
}
