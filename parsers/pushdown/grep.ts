import type { Dialect } from './types.js';
import { pushdownRegex } from '../needles.js';

export const grep: Dialect = {
  id: 'grep',
  title: 'an extended regular expression for grep -E (the default)',
  render: () => pushdownRegex(),
  example: 'grep -hE "$(hubsleuth filter --grep)" /archive/hub-*.log | hubsleuth',
  notes: 'Keep the $(…) in double quotes. The pattern has no backslash, so it is the same for GNU grep, BSD grep, ripgrep and zgrep.',
  sinceElsewhere: 'grep has no time range: pick the files, or give --since to hubsleuth itself',
};
