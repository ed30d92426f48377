// The timeline: one lane per affected user, so the rhythm "deleted → refused → back after a
// restart" is visible at a glance. Every mark carries data-* attributes (kind, user, time) so
// tests and people with devtools can check the picture against the tables.
import type { Report } from '../../core/model/report.js';
import { plural } from '../../core/text.js';
import { formatDuration, formatTime, formatTimedelta, zoneLabel } from '../time.js';
import { domainOf, ticks, type Domain, type Tick } from './axis.js';
import { esc } from './escape.js';
import type { Lane } from './lanes.js';
import { stepDetail, stepTitle } from '../story-words.js';

export const MAX_LANES = 40;
/** Culler-run ticks: light enough to read as background rhythm, not as events. */
export const CYCLE = '#a3acb9';

const W = 1100;
const X0 = 190;
const X1 = W - 24;
const TOP = 40;
const LANE_H = 26;
/** Below the lanes: tick labels at +17, their dates one clear line lower, then the culler's rhythm. */
const DATE_DY = 34;
const CYCLES_DY = 44;
const AXIS_H = 62;
/** Denials closer than this (in px) share one mark, so a user refused 500 times stays one lane of marks. */
const DENIAL_BUCKET_PX = 3;

export interface ChartResult { svg: string; shownLanes: number; hiddenLanes: number }

export function renderChart(report: Report, lanes: Lane[], tz: string | undefined): ChartResult {
  const domain = domainOf(report);
  if (!domain || lanes.length === 0) {
    return { svg: '<p class="empty">No user was deleted in these logs, so there is no timeline to draw.</p>', shownLanes: 0, hiddenLanes: 0 };
  }
  const shown = lanes.slice(0, MAX_LANES);
  const hidden = lanes.length - shown.length;
  const x = (t: number): number => X0 + ((t - domain.t0) / (domain.t1 - domain.t0)) * (X1 - X0);
  const lanesBottom = TOP + shown.length * LANE_H;
  const height = lanesBottom + AXIS_H + (hidden > 0 ? 22 : 0);
  const f = (iso: string): string => formatTime(iso, tz);

  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${W} ${height}" `
    + `aria-labelledby="tl-title tl-desc" class="timeline" data-lanes="${shown.length}" data-hidden-lanes="${hidden}">`);
  parts.push(`<title id="tl-title">Timeline of user deletions and refused logins (${esc(zoneLabel(tz))})</title>`);
  parts.push(`<desc id="tl-desc">${esc(describe(report, lanes, shown.length, domain, tz))}</desc>`);
  parts.push(cullerPattern(report, x, domain));

  // SVG paints in document order: the zebra, then the grid and the hub starts, then the marks, so
  // a refusal or a return sitting on a grid line or a restart stays fully visible.
  parts.push(`<g class="zebra">${shown.map((_, i) => (i % 2 === 0 ? `<rect x="0" y="${TOP + i * LANE_H}" width="${W}" height="${LANE_H}"/>` : '')).join('')}</g>`);
  const tickList = ticks(domain, tz);
  parts.push(`<g class="grid">${tickList.map((t) => `<line x1="${r(x(t.t))}" x2="${r(x(t.t))}" y1="${TOP}" y2="${lanesBottom}"/>`).join('')}</g>`);
  parts.push(hubStarts(report, x, domain, lanesBottom, f));

  shown.forEach((lane, i) => {
    const y = TOP + i * LANE_H;
    parts.push(`<g class="lane" data-user="${esc(lane.user)}">`);
    parts.push(laneLabel(lane, y));
    parts.push(storyMarks(report, lane, y + LANE_H / 2, x, domain, f));
    parts.push(laneMarks(report, lane, y + LANE_H / 2, x, domain, f));
    parts.push('</g>');
  });

  parts.push(axis(tickList, x, lanesBottom, tz, report));
  if (hidden > 0) {
    parts.push(`<text class="more" x="${X0}" y="${height - 6}">${hidden} more ${hidden === 1 ? 'user' : 'users'} in the table below</text>`);
  }
  parts.push('</svg>');
  return { svg: parts.join(''), shownLanes: shown.length, hiddenLanes: hidden };
}

function describe(report: Report, lanes: Lane[], shown: number, d: Domain, tz: string | undefined): string {
  const denied = lanes.reduce((n, l) => n + l.denials.length, 0);
  const from = formatTime(new Date(d.t0).toISOString(), tz);
  const to = formatTime(new Date(d.t1).toISOString(), tz);
  return `${report.incidents.length} deletions of ${lanes.length} users between ${from} and ${to}, `
    + `followed by ${denied} refused requests; ${report.hubStarts.length} hub starts. `
    + (shown < lanes.length ? `The ${shown} most affected users are drawn. ` : '')
    + 'The same facts are in the Incidents table below.';
}

function laneLabel(lane: Lane, y: number): string {
  const name = lane.user.length > 24 ? `${lane.user.slice(0, 23)}…` : lane.user;
  const tip = `${lane.user}: ${plural(lane.incidents.length, 'deletion')}, ${plural(lane.denials.length, 'refused request')}`
    + (lane.open ? ', still missing at the end of the logs' : '');
  return `<text class="who" x="${X0 - 12}" y="${y + LANE_H / 2 + 4}"><title>${esc(tip)}</title>${esc(name)}</text>`;
}

function laneMarks(report: Report, lane: Lane, cy: number, x: (t: number) => number, d: Domain,
  f: (iso: string) => string): string {
  const out: string[] = [];
  const user = esc(lane.user);
  // Bands first so markers draw on top of them.
  for (const i of lane.incidents) {
    const inc = report.incidents[i];
    const from = x(Date.parse(inc.deletedAt));
    const to = inc.restoredAt ? x(Date.parse(inc.restoredAt)) : x(d.t1);
    out.push(`<rect class="gap${inc.restoredAt ? '' : ' open'}" data-kind="missing" data-incident="${i}" `
      + `x="${r(from)}" y="${cy - 4}" width="${r(Math.max(1, to - from))}" height="8"/>`);
  }
  const buckets = new Map<number, { n: number; first: string; last: string }>();
  for (const dn of lane.denials) {
    const key = Math.round(x(Date.parse(dn.at)) / DENIAL_BUCKET_PX);
    const b = buckets.get(key);
    if (b) { b.n++; b.last = dn.at; } else buckets.set(key, { n: 1, first: dn.at, last: dn.at });
  }
  for (const [key, b] of buckets) {
    const when = b.n === 1 ? f(b.first) : `${b.n} between ${f(b.first)} and ${f(b.last)}`;
    out.push(`<rect class="denial" data-kind="denial" data-user="${user}" data-at="${esc(b.first)}" data-count="${b.n}" `
      + `x="${r(key * DENIAL_BUCKET_PX - 1.25)}" y="${cy - 8}" width="2.5" height="16"><title>Refused: ${esc(when)}</title></rect>`);
  }
  for (const i of lane.incidents) {
    const inc = report.incidents[i];
    const dx = x(Date.parse(inc.deletedAt));
    const by = inc.deletedBy === 'culler' ? 'the idle culler' : inc.deletedBy === 'admin' ? `admin ${inc.actor ?? ''}`.trim() : 'an unknown actor';
    out.push(`<path class="del ${inc.deletedBy}" data-kind="deletion" data-by="${esc(inc.deletedBy)}" data-user="${user}" `
      + `data-at="${esc(inc.deletedAt)}" data-incident="${i}" d="${deletionShape(inc.deletedBy, dx, cy)}">`
      + `<title>Deleted by ${esc(by)}: ${esc(f(inc.deletedAt))}${inc.inactiveFor ? ` (inactive ${esc(formatTimedelta(inc.inactiveFor))})` : ''}</title></path>`);
    if (inc.restoredAt) {
      const by = inc.restoredBy === 'restart' ? 'restart' : 'login';
      out.push(`<circle class="back ${by}" data-kind="restored" data-by="${by}" data-user="${user}" data-at="${esc(inc.restoredAt)}" `
        + `data-incident="${i}" cx="${r(x(Date.parse(inc.restoredAt)))}" cy="${cy}" r="5">`
        + `<title>Access back (${by === 'restart' ? 'hub restart reloaded the allow list' : 'successful login'}): ${esc(f(inc.restoredAt))}</title></circle>`);
    }
  }
  return out.join('');
}

// The server steps of the user's story drawn in the lane, under the deletions and refusals.
const SERVER_STEPS = new Set(['spawn-started', 'spawn-failed', 'stop']);

/** Each server start (a short tick up), stop (a tick down) and failed spawn (a cross), titled with its story step. */
function storyMarks(report: Report, lane: Lane, cy: number, x: (t: number) => number, d: Domain, f: (iso: string) => string): string {
  const story = report.users?.find((u) => u.user === lane.user)?.story ?? [];
  const out: string[] = [];
  for (const s of story) {
    if (!SERVER_STEPS.has(s.kind) || s.t === null) continue;
    const t = Date.parse(s.t);
    if (t < d.t0 || t > d.t1) continue;
    const cx = r(x(t));
    const detail = stepDetail(s);
    const title = `<title>${esc(stepTitle(s))}: ${esc(f(s.t))}${detail ? ` (${esc(detail)})` : ''}</title>`;
    const shape = s.kind === 'spawn-failed' ? `M${r(x(t) - 3)} ${r(cy - 3)}l6 6m0-6l-6 6` : s.kind === 'stop' ? `M${cx} ${r(cy)}v9` : `M${cx} ${r(cy)}v-9`;
    out.push(`<path class="step ${s.kind}" data-kind="story" data-step="${s.kind}" data-user="${esc(lane.user)}" data-at="${esc(s.t)}" d="${shape}">${title}</path>`);
  }
  return out.join('');
}

/** Shape, not only colour, tells who deleted: ▼ culler, ◆ admin, ▽ unknown (outlined). */
export function deletionShape(by: string, cx: number, cy: number): string {
  if (by === 'admin') return `M${r(cx)} ${r(cy - 7)}l7 7l-7 7l-7-7z`;
  return `M${r(cx - 6.5)} ${r(cy - 7)}h13l-6.5 12z`;
}

function hubStarts(report: Report, x: (t: number) => number, d: Domain, bottom: number,
  f: (iso: string) => string): string {
  const out: string[] = [];
  let lastLabelX = -Infinity;
  for (const h of report.hubStarts) {
    const t = Date.parse(h.at);
    if (Number.isNaN(t) || t < d.t0 || t > d.t1) continue;
    const hx = Number(r(x(t)));
    const label = `hub start${h.version ? ` ${h.version}` : ''}`;
    out.push(`<g class="hub" data-kind="hub-start" data-at="${esc(h.at)}"><title>Hub (re)started${h.version ? ` (JupyterHub ${esc(h.version)})` : ''}: ${esc(f(h.at))}, ${esc(h.source)}:${h.line}</title>`
      + `<line x1="${hx}" x2="${hx}" y1="${TOP - 14}" y2="${bottom + 6}"/>`);
    // Restarts close together would print over each other; the line and its tooltip remain.
    if (hx - lastLabelX > 110) {
      const anchor = hx > X1 - 90 ? 'end' : 'start';
      out.push(`<text x="${anchor === 'end' ? hx - 4 : hx + 4}" y="${TOP - 18}" text-anchor="${anchor}">${esc(label)}</text>`);
      lastLabelX = hx;
    }
    out.push('</g>');
  }
  return out.join('');
}

function cullerPattern(report: Report, x: (t: number) => number, d: Domain): string {
  const every = report.culler.everySeconds;
  if (!every || every <= 0) return '';
  const px = x(d.t0 + every * 1000) - x(d.t0);
  if (!(px > 0)) return '';
  // Anchor the rhythm on a real culler deletion so the ticks line up with what the culler did.
  const anchor = report.incidents.find((i) => i.deletedBy === 'culler');
  const phase = anchor ? x(Date.parse(anchor.deletedAt)) % px : 0;
  return `<defs><pattern id="cull" patternUnits="userSpaceOnUse" x="${r(phase)}" y="0" width="${r(px, 3)}" height="8">`
    + `<rect width="${px < 3 ? r(px / 2, 3) : 1.2}" height="8" fill="${CYCLE}"/></pattern></defs>`;
}

function axis(tickList: Tick[], x: (t: number) => number, bottom: number, tz: string | undefined, report: Report): string {
  const out: string[] = [`<g class="axis"><line x1="${X0}" x2="${X1}" y1="${bottom}" y2="${bottom}"/>`];
  for (const t of tickList) {
    const tx = r(x(t.t));
    // A tick hugging either edge gets an edge-aligned label, so it clears the zone name and the frame.
    const nearStart = x(t.t) - X0 < 24;
    const nearEnd = X1 - x(t.t) < 24;
    const lx = nearStart ? r(x(t.t) - 2) : nearEnd ? r(x(t.t) + 2) : tx;
    const anchor = nearStart ? 'start' : nearEnd ? 'end' : 'middle';
    out.push(`<line x1="${tx}" x2="${tx}" y1="${bottom}" y2="${bottom + 5}"/>`
      + `<text x="${lx}" y="${bottom + 17}" text-anchor="${anchor}">${esc(t.time || t.date || '')}</text>`
      + (t.time && t.date ? `<text class="date" x="${lx}" y="${bottom + DATE_DY}" text-anchor="${anchor}">${esc(t.date)}</text>` : ''));
  }
  out.push(`<text class="zone" x="${X0 - 12}" y="${bottom + 17}" text-anchor="end">${esc(zoneLabel(tz))}</text>`);
  const every = report.culler.everySeconds;
  if (every && every > 0) {
    const y = bottom + CYCLES_DY;
    out.push(`<g data-kind="culler-cycles" data-every="${every}"><title>Idle culler runs every ${every} s</title>`
      + `<rect class="cycles" x="${X0}" y="${y}" width="${X1 - X0}" height="8" fill="url(#cull)"/>`
      + `<text class="zone" x="${X0 - 12}" y="${y + 8}" text-anchor="end">culler every ${esc(formatDuration(every * 1000))}</text></g>`);
  }
  out.push('</g>');
  return out.join('');
}

function r(n: number, digits = 1): string {
  return String(Number(n.toFixed(digits)));
}
