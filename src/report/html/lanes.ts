// One lane per affected user. The chart and the incident table share this order so a reader
// can go from a lane to its rows without searching.
import type { Denial, Incident, Report } from '../../core/model/report.js';

export interface Lane {
  user: string;
  /** Indexes into report.incidents, oldest deletion first. */
  incidents: number[];
  denials: Denial[];
  /** Still missing at the end of the logs: the user will be refused on the next login. */
  open: boolean;
}

function ms(iso: string | null): number {
  return iso === null ? NaN : Date.parse(iso);
}

/** Most affected first: most refused requests, then still missing, then most deletions, then earliest. */
export function buildLanes(report: Report): Lane[] {
  const byUser = new Map<string, Lane>();
  report.incidents.forEach((inc: Incident, i) => {
    let lane = byUser.get(inc.user);
    if (!lane) {
      lane = { user: inc.user, incidents: [], denials: [], open: false };
      byUser.set(inc.user, lane);
    }
    lane.incidents.push(i);
  });
  for (const d of report.denials) {
    if (d.user !== null) byUser.get(d.user)?.denials.push(d);
  }
  for (const lane of byUser.values()) {
    lane.incidents.sort((a, b) => ms(report.incidents[a].deletedAt) - ms(report.incidents[b].deletedAt));
    const last = report.incidents[lane.incidents[lane.incidents.length - 1]];
    lane.open = last.restoredAt === null;
  }
  const firstDeletion = (l: Lane): number => ms(report.incidents[l.incidents[0]].deletedAt);
  return [...byUser.values()].sort((a, b) =>
    b.denials.length - a.denials.length
    || Number(b.open) - Number(a.open)
    || b.incidents.length - a.incidents.length
    || firstDeletion(a) - firstDeletion(b)
    || (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}
