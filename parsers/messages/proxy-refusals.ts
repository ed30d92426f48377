// The proxy refusing the hub's own API requests (a proxy auth token the two disagree on):
// configurable-http-proxy's `403 GET /api/routes ` (the hub's request, as the proxy's request log
// writes its answer: a message naming the request, no reason line; the correlator counts it,
// src/correlate/proxy-answers.ts), and the hub's side: `api_request to proxy failed` (JupyterHub
// 0.8 →), `Proxy appears to be running … but I can't access it` (0.6 – 0.7), and
// jupyterhub-traefik-proxy's refused API checks.
import type { Fields, MessageParser } from './types.js';
import { refused, refusedStatus } from './refused.js';

// CHP writes its API requests as `<status> <METHOD> <path> ` (a trailing space: no body logged).
const CHP_REFUSED = /^(40[13]) ([A-Z]+) (\/api\/\S*)\s*$/;

export const proxyRefusals: MessageParser = {
  name: 'proxy-refusals',
  parse(msg, p): Fields | null {
    if (p.shape === 'chp') {
      const m = CHP_REFUSED.exec(msg);
      return m ? { kind: 'message', logger: p.logger, status: Number(m[1]), method: m[2], path: m[3] } : null;
    }
    const c = msg[0];
    if (c === 'a' && msg.startsWith('api_request to proxy failed')) {
      const status = refusedStatus(msg);
      return status ? refused('proxy-api', { status, detail: "the proxy refused the hub's token" }) : null;
    }
    if (c === 'P' && msg.startsWith('Proxy appears to be running at ')) {
      const status = refusedStatus(msg);
      return status ? refused('proxy-api', { status, detail: "the proxy refused the hub's token" }) : null;
    }
    if (c === 'E' && msg.startsWith('Error checking for traefik static configuration')) {
      const status = refusedStatus(msg);
      return status ? refused('proxy-api', { status, detail: "traefik refused the hub's API credentials" }) : null;
    }
    return null;
  },
  needles: [
    // The proxy's request lines have no `] ` before the status: these reach `hubsleuth filter`
    // (everywhere else a request line is judged by its fields, and these are refusals already).
    { text: '403 ', at: 'start', why: 'the proxy refused the hub (configurable-http-proxy)' },
    { text: '401 ', at: 'start', why: 'the proxy refused the hub (configurable-http-proxy)' },
    { text: 'api_request to proxy failed', at: 'start', why: "the hub's request to the proxy API failed" },
    { text: 'Proxy appears to be running at ', at: 'start', why: "the hub cannot use the proxy's API (JupyterHub ≤ 0.7)" },
    { text: 'Error checking for traefik static configuration', at: 'start', why: "traefik refused the hub's API request" },
  ],
  samples: [
    { line: '10:15:00.123 [ConfigProxy] warn: 403 GET /api/routes ', kind: 'message' },
    { line: '[E 2025-05-14 10:15:00.125 JupyterHub proxy:949] api_request to proxy failed: HTTP 403: Forbidden', kind: 'request-refused' },
    { line: "[E 2017-10-06 10:13:34.768 JupyterHub app:924] Proxy appears to be running at http://*:8000/, but I can't access it (HTTP 403: Forbidden)", kind: 'request-refused' },
  ],
};
