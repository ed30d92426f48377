// A report of several hubs in the human formats: an overview of the hubs, then each hub's own
// report as its own section, rendered by the format's reporter from that hub's section alone, so
// nothing in a section is made of another hub's lines.
import type { HubReport, Report, Reporter } from '../core/model/report.js';
import { mdEscape } from './markdown-escape.js';
import { termText } from './terminal.js';
import { esc } from './html/escape.js';
import { plural } from '../core/text.js';
import { withDisplayTimes } from './time.js';
import { UNLIMITED, wrap } from './fit.js';

/** One hub's section as a report of its own. */
function hubAlone(report: Report, h: HubReport): Report {
  const { hub: _hub, ...body } = h;
  return { schema: report.schema, tool: report.tool, ...body };
}

/** Its inputs in a few words; none when its name is its one input. An input split by hub is that hub's lines of it. */
const inputsOf = (h: HubReport, hubs: readonly HubReport[]) => {
  const [first, ...more] = h.hub.inputs;
  const shared = hubs.some((o) => o !== h && o.hub.inputs.includes(first));
  if (more.length === 0) return first === h.hub.name ? '' : shared ? `; its lines of ${first}` : `; ${first}`;
  return `; ${first} and ${plural(more.length, 'more input')}`;
};
const apartOf = (h: HubReport) => (h.hub.apart.length ? h.hub.apart.join('; ') : '-');

export function textByHub(render: Reporter): Reporter {
  return (logged, opts) => {
    const hubs = logged.hubs;
    if (!hubs) return render(logged, opts);
    // Each hub's section is rendered from its part as read: its reporter shows the times itself.
    const report = withDisplayTimes(logged, opts.tz);
    // Continuation lines are indented, as in each hub's own report: log text never starts a line.
    const para = (text: string, first = '', rest = first + '  ') => wrap(text, opts.width ?? UNLIMITED, first, rest);
    const out = [
      ...para(`hubsleuth ${report.tool.version} — ${plural(report.inputs.length, 'input')}, ${hubs.length} hubs, each correlated on its own`),
      '',
      ...para(`Verdict: ${report.verdict.rootCause} (confidence ${report.verdict.confidence}) — ${termText(report.verdict.title)}`),
      ...para(termText(report.verdict.summary)),
      '',
      `Hubs (${hubs.length})`,
      ...hubs.flatMap((h, k) => para(`${termText(h.hub.name)}: ${h.verdict.rootCause} (confidence ${h.verdict.confidence}) — ${termText(h.verdict.title)}; ${plural(h.incidents.length, 'incident')}, ${plural(h.denials.length, 'refused request')}${termText(inputsOf(h, hubs))}; told apart: ${termText(apartOf(h))}`, `  ${k + 1}. `, '     ')),
    ];
    for (const [k, h] of hubs.entries()) {
      out.push('', ...para(`━━ Hub ${k + 1} of ${hubs.length}: ${termText(h.hub.name)} ━━`));
      out.push(...para(`Inputs: ${termText(h.hub.inputs.join(', '))}`), ...para(`Told apart from the other hubs: ${termText(apartOf(h))}`), '');
      out.push(render(hubAlone(report, h), opts).trimEnd());
    }
    return out.join('\n') + '\n';
  };
}

/** Markdown headings two levels down, below the hub's own, outside fenced blocks (evidence is fenced: a log line is never a heading). */
function demote(md: string): string {
  let fence: string | null = null;
  return md.split('\n').map((line) => {
    const f = /^(`{3,}|~{3,})/.exec(line);
    if (f && (fence === null || line.startsWith(fence))) fence = fence === null ? f[1] : null;
    return fence === null && /^#{1,4} /.test(line) ? '##' + line : line;
  }).join('\n');
}

export function markdownByHub(render: Reporter): Reporter {
  return (logged, opts) => {
    const hubs = logged.hubs;
    if (!hubs) return render(logged, opts);
    // Each hub's section is rendered from its part as read: its reporter shows the times itself.
    const report = withDisplayTimes(logged, opts.tz);
    const out = [
      `# hubsleuth report: ${hubs.length} hubs, each correlated on its own`, '',
      '## Summary', '', mdEscape(report.verdict.summary), '',
      '## Hubs', '', '| # | hub | verdict | confidence | incidents | refused requests | inputs | told apart by |', '|---|---|---|---|---|---|---|---|',
      ...hubs.map((h, k) => `| ${k + 1} | ${mdEscape(h.hub.name)} | \`${h.verdict.rootCause}\`: ${mdEscape(h.verdict.title)} | ${h.verdict.confidence} | ${h.incidents.length} | ${h.denials.length} | ${mdEscape(h.hub.inputs.join(', '))} | ${mdEscape(apartOf(h))} |`),
      '',
    ];
    for (const [k, h] of hubs.entries()) {
      out.push(`## Hub ${k + 1} of ${hubs.length}: ${mdEscape(h.hub.name)}`, '');
      out.push(demote(render(hubAlone(report, h), opts)).trimEnd(), '');
    }
    return out.join('\n') + '\n';
  };
}

/** One hub's HTML: its <main>, with ids (and links to them) made its own. */
function htmlSection(html: string, k: number): string {
  const main = html.slice(html.indexOf('<main>') + 6, html.lastIndexOf('</main>'));
  return main.replace(/\b(id|aria-labelledby|aria-describedby)="([^"]+)"/g, (_m, attr: string, v: string) => `${attr}="h${k}-${v}"`)
    .replace(/href="#([^"]+)"/g, (_m, v: string) => `href="#h${k}-${v}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, v: string) => `url(#h${k}-${v})`);
}

export function htmlByHub(render: Reporter): Reporter {
  return (logged, opts) => {
    const hubs = logged.hubs;
    if (!hubs) return render(logged, opts);
    // Each hub's section is rendered from its part as read: its reporter shows the times itself.
    const report = withDisplayTimes(logged, opts.tz);
    const pages = hubs.map((h) => render(hubAlone(report, h), opts));
    const head = pages[0].slice(0, pages[0].indexOf('<main>') + 6).replace(/<title>[^<]*<\/title>/, `<title>${esc(`hubsleuth: ${hubs.length} hubs`)}</title>`);
    const foot = pages[0].slice(pages[0].lastIndexOf('</main>'));
    const overview = `<section id="hubs"><h1>${hubs.length} hubs, each correlated on its own</h1><p>${esc(report.verdict.summary)}</p><ol>`
      + hubs.map((h, k) => `<li><a href="#hub-${k + 1}">${esc(h.hub.name)}</a>: <code>${esc(h.verdict.rootCause)}</code> (confidence ${esc(h.verdict.confidence)}) — ${esc(h.verdict.title)}; ${esc(plural(h.incidents.length, 'incident'))}, ${esc(plural(h.denials.length, 'refused request'))}; told apart: ${esc(apartOf(h))}</li>`).join('')
      + '</ol></section>';
    const sections = hubs.map((h, k) => `<section class="hub" id="hub-${k + 1}"><h2>Hub ${k + 1} of ${hubs.length}: ${esc(h.hub.name)}</h2>`
      + `<p class="note">Inputs: ${esc(h.hub.inputs.join(', '))}. Told apart from the other hubs: ${esc(apartOf(h))}.</p>${htmlSection(pages[k], k + 1)}</section>`).join('');
    return head + overview + sections + foot;
  };
}
