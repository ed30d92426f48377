// Lines that are paste artefacts only by where they stand. In Markdown, what is outside a code
// block is the reporter's prose: once a fenced block has closed (or a quote has ended), a line that
// is no log record is prose, until the next block opens; inside a quote, a line that is no record
// is the reporter's text too. A reporter who wrote a sentence and pasted a record right after it
// on the same line (./prose-fused.ts) writes around the log: an unindented line that is no record
// is theirs too (an indented one may still be a record's lost continuation). After a command's table header (kubectl get's `NAME  READY  STATUS`),
// its rows are the command's output, until a blank line or another command.
import type { ArtifactKind } from '../../src/core/model/events.js';
import { isFence } from '../artifacts/code-fence.js';

/** Artefact kinds that no line shows by itself (documented with the registry's). */
export const PLACED_ARTIFACTS: ReadonlyArray<{ id: ArtifactKind; title: string }> = [
  { id: 'prose', title: "the reporter's prose: outside a closed code block, or inside a quote" },
];

const KUBECTL_HEADER = /^NAME\s{2,}/;
const TABLE_ROW = /^\S+(?: {2,}\S+){2,}\s*$/;

export class PasteContext {
  private inFence = false;
  private outside = false;
  private table = false;
  private fusedProse = false;

  /** A paste artefact was read. */
  saw(kind: ArtifactKind, text: string): void {
    if (kind === 'code-fence' && isFence(text)) {
      this.inFence = !this.inFence;
      this.outside = !this.inFence;
    } else if (kind === 'markdown' && text.startsWith('[')) {
      // Discourse's [quote=…] opens a quote (records inside), [/quote] closes it.
      this.outside = text.startsWith('[/');
    } else if (kind === 'table') {
      if (KUBECTL_HEADER.test(text)) this.table = true;
    } else if (kind === 'blank' || kind === 'shell-prompt') {
      this.table = false;
    }
  }

  /** A log record was read; `fenced`: a code fence was fused to its start (it opens a block); `fused`: a sentence was. */
  record(fenced: boolean, fused: boolean): void {
    this.table = false;
    if (fused) this.fusedProse = true;
    if (fenced) {
      this.inFence = true;
      this.outside = false;
    }
  }

  /** The artefact a line no rule placed is by where it stands, or null. `quoted`: it came out of a Markdown quote. */
  placed(text: string, quoted: boolean): ArtifactKind | null {
    if (this.table && TABLE_ROW.test(text)) return 'table';
    if (this.fusedProse && !this.inFence && text.charCodeAt(0) !== 32 && text.charCodeAt(0) !== 9) return 'prose';
    return quoted || (this.outside && !this.inFence) ? 'prose' : null;
  }
}
