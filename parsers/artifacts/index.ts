// The kinds of paste artefact, tried in this order on a line no envelope, shape or continuation
// rule placed. A new kind is one file and one line here. Lines that are artefacts only by where
// they stand (prose after a closed code block, a command's table output) are the record
// assembly's to tell (parsers/assembly/).
import type { ArtifactKind } from '../../src/core/model/events.js';
import type { Artifact } from './types.js';
import { blank } from './blank.js';
import { codeFence } from './code-fence.js';
import { shellPrompt } from './shell-prompt.js';
import { elision } from './elision.js';
import { journaldBlob } from './journald-blob.js';
import { journaldMarker } from './journald-marker.js';
import { markdown } from './markdown.js';
import { table } from './table.js';
import { toolNotice } from './tool-notice.js';
import { pageText } from './page-text.js';

export const ARTIFACTS: readonly Artifact[] = [blank, codeFence, elision, journaldBlob, journaldMarker, shellPrompt, table, toolNotice, pageText, markdown];

/** Which artefact a line is, or null. `enveloped`: the text came out of an envelope. */
export function artifactOf(text: string, enveloped: boolean): ArtifactKind | null {
  for (const a of ARTIFACTS) if ((!enveloped || a.inEnvelope) && a.test(text)) return a.id;
  return null;
}
