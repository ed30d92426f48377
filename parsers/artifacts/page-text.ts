// The spawn progress page copied from the browser carries the page's own words around its steps
// and pod events (spawn-progress shape): the greeting above the progress bar and the label of the
// event log's toggle. They are whole lines of JupyterHub's template, never a log record.
import type { Artifact } from './types.js';

const PAGE_TEXT = new Set(['Your server is starting up.', "You will be redirected automatically when it's ready for you.", 'Event log']);

export const pageText: Artifact = {
  id: 'page-text',
  title: "the spawn progress page's own words (Your server is starting up., Event log)",
  test: (text) => PAGE_TEXT.has(text.trim()),
  samples: ['Your server is starting up.', "You will be redirected automatically when it's ready for you.", 'Event log'],
};
