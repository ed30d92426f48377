// An input that holds several hubs' logs (a Cloud Logging or Loki export over two namespaces, piped
// in): each hub its lines name is correlated on its own while the input streams, since standard
// input cannot be read a second time. Only inputs whose lines name a hub are kept here.
import type { HubEvent } from '../core/model/events.js';
import type { Report } from '../core/model/report.js';
import type { SourceStats } from '../core/model/inputs.js';
import { envelopeHub } from '../core/hub-name.js';
import { Correlator } from '../correlate/correlator.js';
import { buildReport, type BuildOptions } from '../correlate/report.js';

export class HubParts {
  private readonly bySource = new Map<string, Map<string, Correlator>>();

  /** Sees each input's events in that input's own order (the source stage's tap). */
  observe(batch: readonly HubEvent[]): void {
    for (const ev of batch) {
      const hub = envelopeHub(ev);
      if (hub === null) continue;
      let hubs = this.bySource.get(ev.source);
      if (!hubs) this.bySource.set(ev.source, (hubs = new Map<string, Correlator>()));
      let c = hubs.get(hub);
      if (!c) hubs.set(hub, (c = new Correlator()));
      c.push(ev);
    }
  }

  /** The report of one hub's part of an input, as if its lines had been the input; `stats` are that part's counts. */
  report(source: string, hub: string, stats: SourceStats, opts: BuildOptions): Report {
    const c = this.bySource.get(source)?.get(hub) ?? new Correlator();
    return buildReport(c.finish(), [stats], { duplicates: 0, skews: [], late: [] }, opts);
  }
}
