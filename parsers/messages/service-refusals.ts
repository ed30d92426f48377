// A hub service refused by the hub's API, as the service logs it: BinderHub's launcher
// (`Error creating user <name>: HTTP 403: Forbidden`, the hub's JSON reply on the next line).
import type { Fields, MessageParser } from './types.js';
import { refused } from './refused.js';

const LAUNCHER = /^Error creating user (\S+): HTTP (40[13]): /;
const REPLY = /"message": "([^"]*)"/;

export const serviceRefusals: MessageParser = {
  name: 'service-refusals',
  parse(msg): Fields | null {
    if (msg[0] !== 'E') return null;
    const m = LAUNCHER.exec(msg);
    if (!m) return null;
    return refused('service-api', { user: m[1], status: Number(m[2]), detail: REPLY.exec(msg)?.[1] ?? null });
  },
  needles: [{ text: 'Error creating user ', at: 'start', why: "a service's request to the hub API refused (BinderHub)" }],
  samples: [{ line: '[E 250307 13:55:56 launcher:208] Error creating user jdoe-demo-repo-7htmqrbr: HTTP 403: Forbidden', kind: 'request-refused' }],
};
