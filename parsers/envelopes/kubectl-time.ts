// The kubelet's time that `kubectl logs --timestamps` puts before a line (RFC3339Nano, always 9
// fraction digits, then one space).
import { looksLikeRfc3339At, rfc3339End } from './rfc3339.js';
import { parseTime } from '../../src/core/time.js';

/** Index of the text after kubectl's time at the start of `text`, and the time; null when there is none. */
export function kubectlTime(text: string): { at: number; t: number } | null {
  if (!looksLikeRfc3339At(text, 0)) return null;
  const end = rfc3339End(text, 0);
  // CHP 5.x starts its own lines with an ISO time (`2025-05-14T10:22:00.602Z [ConfigProxy] …`):
  // that time belongs to the line, it is not kubectl's envelope.
  if (end < 0 || text.charCodeAt(end) !== 32 || text.startsWith('[ConfigProxy]', end + 1)) return null;
  const t = parseTime(text.slice(0, end));
  return Number.isFinite(t) ? { at: end + 1, t } : null;
}
