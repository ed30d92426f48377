// An empty or whitespace-only line. One inside a multi-line record belongs to that record (the
// record assembly decides that from the next line); anywhere else it is the paste's.
import type { Artifact } from './types.js';

export const blank: Artifact = {
  id: 'blank',
  title: 'blank lines between records',
  inEnvelope: true,
  test: (text) => text.trim() === '',
  samples: ['', '   ', '\t'],
};
