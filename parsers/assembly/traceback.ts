// Python tracebacks whose indentation was stripped (syslog-ng and some log shippers trim each
// line, a paster removed it): `Traceback (most recent call last):` right under a record, then
// `File "…", line N, in f` frames each followed by its source line, then the exception line. The
// grammar of a traceback is the proof: the lines are taken into the record only in that order,
// only after a traceback header that follows the record, and the exception line ends it.

export type TracebackState = 'none' | 'open' | 'frame' | 'done';

const HEADER = 'Traceback (most recent call last):';
// A frame; its start may be cut off by the copy (`jupyterhub/singleuser/mixins.py", line 536, in notify`).
const FRAME = /^(?:File ")?[^"]*", line \d+, in \S+$/;
const EXCEPTION = /^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Failure|Warning|Timeout)(?::\s.*)?$/;

/** The state after `line` if it continues the stripped traceback of a record in state `s`, else null. */
export function strippedTraceback(s: TracebackState, line: string): TracebackState | null {
  if (line === HEADER) return s === 'none' ? 'open' : null;
  if (s === 'none' || s === 'done') return null;
  if (FRAME.test(line)) return 'frame';
  if (EXCEPTION.test(line)) return 'done';
  // The source line a frame shows.
  return s === 'frame' ? 'open' : null;
}

/** The state a traceback is in after a continuation line that kept its indentation. */
export function indentedTraceback(s: TracebackState, line: string): TracebackState {
  const t = line.trim();
  if (t === HEADER) return 'open';
  if (s === 'none' || s === 'done') return s;
  if (FRAME.test(t)) return 'frame';
  if (EXCEPTION.test(t)) return 'done';
  return 'open';
}
