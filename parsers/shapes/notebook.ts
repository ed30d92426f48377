// The classic notebook server (NotebookApp, and jupyterhub-singleuser on it up to 0.7):
// `[L HH:MM:SS.mmm <logger>] <message>`, the time of day with no date. The record gets no time
// unless its envelope has one. A date carried over from a dated line nearby would be a guess: the
// line comes from another process than the hub (a user's server, or a notebook on its own) whose
// clock zone is not known, and near midnight the guess is a day off; a record placed hours away
// by a wrong date is worse for the story than one that keeps its place in the input.
import type { LineShape, Prefixed } from './types.js';
import { digitsAt, levelAt, messageAfter } from './level.js';

function parseNotebook(s: string): Prefixed | null {
  if (s.charCodeAt(0) !== 91 || s.charCodeAt(2) !== 32 || s.charCodeAt(5) !== 58 || s.charCodeAt(8) !== 58 || s.charCodeAt(11) !== 46 || s.charCodeAt(15) !== 32) return null;
  const level = levelAt(s, 1);
  if (!level || !digitsAt(s, 3, 2) || !digitsAt(s, 6, 2) || !digitsAt(s, 9, 2) || !digitsAt(s, 12, 3)) return null;
  const close = s.indexOf(']', 16);
  if (close <= 16) return null;
  const name = s.slice(16, close);
  // `<logger> <module>:<lineno>` when a JupyterHub mixin set the hub's format with this date format.
  const sp = name.indexOf(' ');
  let logger = name;
  let module: string | undefined;
  if (sp >= 0) {
    const mod = name.slice(sp + 1);
    const colon = mod.lastIndexOf(':');
    if (colon < 1 || mod.indexOf(' ') >= 0 || !digitsAt(mod, colon + 1, 1)) return null;
    logger = name.slice(0, sp);
    module = mod.slice(0, colon);
  }
  const msg = messageAfter(s, close);
  return { shape: 'notebook', level, t: NaN, logger, module, msg };
}

export const notebook: LineShape = {
  ids: ['notebook'],
  title: 'classic notebook server: [L hh:mm:ss.mmm NotebookApp] (time of day only: no time unless the envelope has one)',
  versions: 'notebook 4.x – 6.x',
  starts: '[',
  parse: (s) => parseNotebook(s),
  samples: [
    { line: '[W 21:35:59.166 NotebookApp] 403 GET /api/kernels?1672259759163 (127.0.0.1) 0.720000ms referer=None', shape: 'notebook', level: 'W', msg: '403 GET /api/kernels?1672259759163 (127.0.0.1) 0.720000ms referer=None' },
  ],
};
