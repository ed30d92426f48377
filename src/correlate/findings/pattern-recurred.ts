// The signature of this incident: culler deletions before a hub restart, and again after it. A
// restart hides the problem until the next cull.
import type { Evidence } from '../../core/model/report.js';
import { plural } from '../../core/text.js';
import { defineFinding, type FindingContext, type FindingObserver, type FindingOf, type StoryStep } from './types.js';

class PatternRecurred implements FindingObserver<'pattern-recurred'> {
  // The log line of each hub start, so the finding quotes it rather than a description of it.
  private readonly startLines = new Map<string, Evidence>();

  observe(s: StoryStep): void {
    if (s.kind === 'hub-start' && s.line) this.startLines.set(`${s.line.source}\0${s.line.line}`, s.line);
  }

  finish({ incidents, hubStarts }: FindingContext): FindingOf<'pattern-recurred'>[] {
    const culled = incidents.filter((i) => i.deletedBy === 'culler');
    for (const s of hubStarts) {
      const st = Date.parse(s.at);
      const after = culled.filter((i) => Date.parse(i.deletedAt) >= st);
      if (after.length === 0 || !culled.some((i) => Date.parse(i.deletedAt) < st)) continue;
      const users = [...new Set(after.map((i) => i.user))];
      const startLine = this.startLines.get(`${s.source}\0${s.line}`);
      const f: FindingOf<'pattern-recurred'> = {
        kind: 'pattern-recurred', severity: 'error', at: after[0].deletedAt,
        summary: `The culler deleted users again after the hub restart at ${s.at}: ${plural(users.length, 'user')} (${users.slice(0, 5).join(', ')}${users.length > 5 ? ', …' : ''}). A restart only hides the problem until the next cull.`,
        users, evidence: [...(startLine ? [startLine] : []), ...after[0].evidence.slice(0, 2)],
      };
      return [f];
    }
    return [];
  }
}

export const patternRecurred = defineFinding({ kind: 'pattern-recurred', title: 'The deletions came back after a hub restart', start: () => new PatternRecurred() });
