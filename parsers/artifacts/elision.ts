// Where the reporter left lines out: `...`, `…`, `[...]`, `<snip>`, `...more of the same...`, and
// grep's `--` between its groups of context lines. The record assembly never joins across one.
import type { Artifact } from './types.js';

const ELISION = /^\s*(?:--|\.{2,}|…+|[[(<]\s*(?:\.{3}|…|snip(?:ped)?)[^\])>]*[\])>]|\.{3}.*\.{3}|….*…)\s*$/i;

export const elision: Artifact = {
  id: 'elision',
  title: 'elisions (..., [...], <snip>)',
  test: (text) => ELISION.test(text),
  samples: ['...', '......', '…', '[...]', '<snip>', '...more of the same...', '[... 200 lines ...]', '--'],
};
