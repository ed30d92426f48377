// journalctl shows a message with control characters (CHP's colours, in an old journald) as its size.
import type { Artifact } from './types.js';

const BLOB = /^\[\d+(?:\.\d+)?(?:B|[KMGT]) blob data\]$/;

export const journaldBlob: Artifact = {
  id: 'journald-blob',
  title: "journald's [97B blob data] placeholders",
  inEnvelope: true,
  test: (text) => BLOB.test(text),
  samples: ['[97B blob data]', '[1.2K blob data]'],
};
