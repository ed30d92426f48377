// `hubsleuth events`: the normalized event stream as NDJSON, one object per record, for `| jq`.
import type { Command } from 'commander';
import ndjson from 'ndjson';
import { Transform } from 'node:stream';
import { finished } from 'node:stream/promises';
import { jsonVisible } from '../report/json-text.js';
import { EVENT_KINDS, type HubEvent, type HubEventKind } from '../core/model/events.js';
import { newRun, streamEvents } from '../source/pipeline.js';
import { resolveInputs } from '../ingest/sources.js';
import { iso } from '../core/time.js';
import { addReadOptions, inputArgs, timeWindow, zoneOf, type ReadOptions } from './options.js';
import { runExit } from './exit.js';
import { note } from './io.js';
import { prepareOutputs } from './output-file.js';
import { Redactor, redactEventRecord } from '../redact/index.js';
import { misplacedInputs } from '../ingest/sniff.js';
import { usageError } from '../core/errors.js';

interface EventsOptions extends ReadOptions {
  only?: string;
  redact?: boolean;
  redactMap?: string;
}

/** The public shape of an event record (documented in the JSON Schema). */
function eventRecord(ev: HubEvent): Record<string, unknown> {
  const { source, line, lines, t, lt: _lt, raw: _raw, text, kind, level, shape, envelope, pod, container, namespace, host, ...fields } = ev;
  // Where the envelope names them: what analyze tells hubs apart by (absent otherwise, as before).
  const place = { ...(namespace !== undefined ? { namespace } : {}), ...(host !== undefined ? { host } : {}) };
  return { source, line, lines, time: iso(t), kind, level: level ?? null, shape, envelope, pod: pod ?? null, container: container ?? null, ...place, ...fields, text };
}

export function registerEvents(program: Command): void {
  const cmd = program
    .command('events')
    .description('print every record as a normalized event, one JSON object per line (NDJSON)')
    .argument('[paths...]', 'log files, directories or globs; `-` or nothing for standard input')
    .option('--only <kinds>', `comma-separated kinds to print (${EVENT_KINDS.join(', ')})`)
    .option('--redact', 'replace user names, IP addresses and pod names by consistent pseudonyms')
    .option('--redact-map <file>', 'with --redact (implied): write the pseudonym mapping as JSON to this file');
  addReadOptions(cmd);
  cmd.addHelpText('after', `
Every input line is accounted for: it is parsed into an event, joined into one
as a continuation (\`lines\` > 1), or printed as kind "unparsed" with its text.

Examples:
  kubectl logs deploy/hub --since=2h |
    hubsleuth events --only login-refused,user-deleted
  hubsleuth events hub.log | jq -c 'select(.kind=="access" and .status==403)'
  hubsleuth events hub.log | jq -s 'map(.lines) | add'   # equals wc -l hub.log`);
  cmd.action(async (paths: string[], opts: EventsOptions) => {
    process.exitCode = await runEvents(paths, opts);
  });
}

async function runEvents(paths: string[], opts: EventsOptions): Promise<number> {
  let only: Set<HubEventKind> | null = null;
  if (opts.only) {
    const kinds = opts.only.split(',').map((k) => k.trim()).filter(Boolean);
    const bad = kinds.filter((k) => !(EVENT_KINDS as readonly string[]).includes(k));
    if (bad.length) throw usageError(`unknown event kind(s) ${bad.join(', ')} (known: ${EVENT_KINDS.join(', ')})`);
    only = new Set(kinds as HubEventKind[]);
  }
  const zone = zoneOf(opts);
  const { since, until } = timeWindow(opts);
  const resolved = await resolveInputs(inputArgs(paths, process.stdin.isTTY === true));
  if (!opts.quiet) for (const n of resolved.notes) note(n);
  const [toMap] = await prepareOutputs([{ path: opts.redactMap, option: '--redact-map', mode: 0o600 }], resolved.inputs);
  const run = newRun();
  const redactor = opts.redact || opts.redactMap ? new Redactor() : null;
  const out = ndjson.stringify();
  // Each record is one chunk: its invisible and control characters are escaped whole.
  const visible = new Transform({ transform: (chunk: Buffer, _enc, done) => done(null, jsonVisible(chunk.toString('utf8'))) });
  out.pipe(visible).pipe(process.stdout);
  for await (const batch of streamEvents(resolved.inputs, { zone, since, until, mode: 'all' }, run)) {
    for (const ev of batch) {
      if (only && !only.has(ev.kind)) continue;
      const rec = redactor ? redactEventRecord(eventRecord(ev), redactor) : eventRecord(ev);
      if (!out.write(rec)) await new Promise((r) => out.once('drain', r));
    }
  }
  // The escaper's end: every record has gone through it into stdout (a pipe writes synchronously on Linux).
  out.end();
  await finished(visible);
  if (redactor && toMap) await toMap.write([JSON.stringify(redactor.map(), null, 2) + '\n']);
  // An input where nothing parsed may be values.yaml, a database, a report: name the right command.
  const errors = [...resolved.errors, ...run.errors, ...(await misplacedInputs(run.stats, resolved.inputs, paths))];
  for (const e of errors) process.stderr.write(`hubsleuth: ${e.message}\n`);
  return runExit({ errors: errors.length });
}
