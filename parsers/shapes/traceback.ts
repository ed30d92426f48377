// Python tracebacks printed without any prefix: a crashed process's last words on stderr (the
// culler script of 2017 crashing on a 403), and the last-resort handler of culler 2.0, which has no
// log handler for tornado's `Exception in callback …`. Which process wrote a bare traceback is not
// in its first line; a callback of the culler's `cull_idle` says so. The lines after the first are
// joined by `continuesTraceback`, which also joins them to a prefixed record they follow.
import type { LineShape, Prefixed } from './types.js';

const TRACEBACK = 'Traceback (most recent call last):';
const CALLBACK = 'Exception in callback ';
// asyncio's last-resort report of a failed task, then `future: <Task finished … coro=<cull_idle() …>`.
const TASK = 'Task exception was never retrieved';
// The last line: the exception's dotted class and its message (`tornado.httpclient.HTTPError: HTTP 403: Forbidden`).
const EXCEPTION = /^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning|Failure)(?::|$)/;

/**
 * Whether an unindented line is part of a traceback whose indentation was lost (or never there):
 * the header, frames (`  File "…"`, also with the indent stripped), code lines, chained-exception
 * separators, the exception line, and tornado's `HTTP 403: Forbidden` message on a line of its own.
 */
export function continuesTraceback(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c === 32) return text.charCodeAt(1) === 32;
  if (c === 84) return text === TRACEBACK;
  if (c === 70) return text.startsWith('File "');
  if (c === 72 && /^HTTP \d{3}: /.test(text)) return true;
  if (c === 102 && text.startsWith('future: <')) return true;
  if (text === 'During handling of the above exception, another exception occurred:') return true;
  if (text === 'The above exception was the direct cause of the following exception:') return true;
  return EXCEPTION.test(text);
}

function parseTraceback(s: string): Prefixed | null {
  if (s === TRACEBACK || s === TASK) return { shape: 'traceback', t: NaN, msg: s };
  if (s.startsWith(CALLBACK)) return { shape: s.includes('cull_idle') ? 'idle-culler' : 'traceback', level: 'E', t: NaN, msg: s };
  return null;
}

export const traceback: LineShape = {
  ids: ['traceback', 'idle-culler'],
  title: 'a Python traceback with no prefix (Traceback (most recent call last): …, Exception in callback …)',
  versions: 'Python 3: crashed scripts, idle-culler 2.0 without a log handler',
  starts: 'TE',
  parse: (s) => parseTraceback(s),
  continues: continuesTraceback,
  samples: [
    { line: 'Traceback (most recent call last):', shape: 'traceback', msg: 'Traceback (most recent call last):' },
    {
      line: "Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url='http://localhost:8081/hub/api', api_token='[secret]')",
      shape: 'idle-culler', level: 'E', msg: "Exception in callback functools.partial(<function cull_idle at 0x7f41a330b6a0>, url='http://localhost:8081/hub/api', api_token='[secret]')",
    },
  ],
};
