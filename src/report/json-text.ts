// JSON.stringify escapes C0 controls but writes DEL, C1 controls, bidi overrides and zero-width
// characters as they are, and `cat`, `jq` or a log viewer then hands them to a terminal. Written as
// \uXXXX escapes they parse back to the same strings and cannot act. Every JSON hubsleuth writes
// (reports, events, alerts, check results) passes through here.
import { INVISIBLE } from '../core/text.js';

const RAW = new RegExp(`[\\x7f-\\x9f]|${INVISIBLE.source}`, 'g');
const RAW_ONE = new RegExp(RAW.source);

/** JSON text with every invisible or control character escaped (outside strings there are none). */
export function jsonVisible(json: string): string {
  return RAW_ONE.test(json) ? json.replace(RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
