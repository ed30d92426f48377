// What is this file, if not a log? Asked only after an input yielded no recognised line at all, so
// the hot path never pays for it: a newcomer who passes values.yaml, the hub database or a JSON file
// to analyze gets told which command reads it, instead of an empty "verdict: none" report.
import { open } from 'node:fs/promises';
import type { Input } from './sources.js';

/** How much of a file the sniff reads: enough for a YAML/JSON head, never the whole file. */
const HEAD_BYTES = 64 * 1024;

// Top-level keys of the zero-to-jupyterhub chart's values.yaml (jupyterhub/values.yaml).
const CHART_KEYS = /^(?:hub|singleuser|proxy|cull|auth|scheduling|prePuller|ingress|custom|rbac|debug|global|imagePullSecrets?|fullnameOverride|nameOverride)\s*:/m;

/** An input that is recognisably something else than a log; `reason` is the message without the name. */
export class NotALog extends Error {
  readonly reason: string;

  constructor(readonly input: string, message: string) {
    super(message);
    this.reason = message.startsWith(input + ' ') ? message.slice(input.length + 1) : message;
  }
}

export interface InputCount {
  source: string;
  lines: number;
  parsed: number;
}

/**
 * One error per input that is recognisably not a log, for inputs where nothing parsed. `counts` may
 * hold several rows per source (a file read in ranges); an input counts as "nothing parsed" only when
 * all of them parsed nothing. Only files named on the command line (`named`) are judged: a folder of
 * archives may hold other files (samples/ holds expected-report JSON), and that is no mistake.
 * Standard input and pipes are not sniffed: they cannot be read twice (and opening a named pipe
 * again would wait for a writer that never comes).
 */
export async function misplacedInputs(counts: readonly InputCount[], inputs: readonly Input[], named: readonly string[]): Promise<NotALog[]> {
  const bySource = new Map<string, { lines: number; parsed: number }>();
  for (const c of counts) {
    const s = bySource.get(c.source) ?? { lines: 0, parsed: 0 };
    s.lines += c.lines;
    s.parsed += c.parsed;
    bySource.set(c.source, s);
  }
  const out: NotALog[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (input.path === null || input.pipe || seen.has(input.name) || !named.includes(input.name)) continue;
    seen.add(input.name);
    const s = bySource.get(input.name);
    if (!s || s.lines === 0 || s.parsed > 0) continue;
    const hint = await sniffFile(input.path, input.name);
    if (hint) out.push(new NotALog(input.name, hint));
  }
  return out;
}

/** A one-line explanation naming the right command, or null when the file may well be a log. */
async function sniffFile(path: string, name = path): Promise<string | null> {
  let head: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
  return sniffBytes(head, name);
}

const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function sniffBytes(head: Buffer, name: string): string | null {
  const n = q(name);
  if (head.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') {
    return `${name} is a SQLite database, not a log: to check the hub's users against the allow list try hubsleuth check-db ${n} --allowed-from values.yaml`;
  }
  // Gzip is opened transparently by the readers; what is inside was already judged as text.
  if (head[0] === 0x1f && head[1] === 0x8b) return null;
  if (head.subarray(0, 8192).includes(0)) return `${name} is a binary file, not a text log: see hubsleuth help formats for what hubsleuth reads`;
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (isJsonText(start)) return sniffJson(text, name, n);
  if (/^<(?:!doctype html|html)/i.test(start)) {
    return `${name} is an HTML page (a hubsleuth --format html report?), not a log: open it in a browser; hubsleuth reads the hub's log (kubectl logs deploy/hub -n jhub | hubsleuth)`;
  }
  if (/^c\.(?:JupyterHub|Authenticator|Spawner|KubeSpawner|OAuthenticator|\w+Authenticator)\./m.test(text)) {
    return `${name} looks like a jupyterhub_config.py, not a log: hubsleuth reads the hub's log (kubectl logs deploy/hub -n jhub | hubsleuth); check-config reads z2jh chart values (hubsleuth check-config values.yaml)`;
  }
  if (CHART_KEYS.test(text) && looksLikeYaml(text)) {
    return `${name} looks like chart values, not a log: try hubsleuth check-config ${n}`;
  }
  if (looksLikeYaml(text)) {
    return `${name} looks like YAML, not a log: hubsleuth check-config reads zero-to-jupyterhub chart values; analyze reads the hub's log (see hubsleuth help formats)`;
  }
  return null;
}

/**
 * JSON by its structure, not its first byte: an object (one a line, or pretty-printed), or an array
 * of objects, strings or nothing.
 * A hub line (`[I 2025-…`), kubectl's `[pod/…]` prefix and an indented paste begin with `[` or
 * whitespace too, and are text.
 */
function isJsonText(start: string): boolean {
  return /^(?:\{\s*["}]|\[\s*[{"\]])/.test(start);
}

/** Mostly `key:` / `- item` / comment lines, and no hub log prefix anywhere. */
function looksLikeYaml(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '').slice(0, 200);
  if (lines.length === 0) return false;
  const yamlish = lines.filter((l) => /^\s*(?:#|-\s|[\w.@"'/-]+\s*:(?:\s|$)|---\s*$|\.\.\.\s*$|\||>)/.test(l) || /^\s+\S/.test(l)).length;
  return /^[\w"'-]+\s*:/m.test(text) && yamlish / lines.length >= 0.9;
}

function sniffJson(text: string, name: string, n: string): string {
  // Our own outputs first: people feed a report back in, or the events/watch stream.
  const schema = /"schema"\s*:\s*"(hubsleuth\.[a-z]+\/v\d+)"/.exec(text)?.[1];
  if (schema === 'hubsleuth.report/v1') return `${name} is a hubsleuth report (${schema}), not a log: read it with jq, e.g. jq .verdict ${n}`;
  if (schema === 'hubsleuth.check/v1') return `${name} is a hubsleuth check result (${schema}), not a log: read it with jq, e.g. jq .findings ${n}`;
  if (schema === 'hubsleuth.alert/v1') return `${name} holds hubsleuth watch alerts (${schema}), not a log: read them with jq -c . ${n}`;
  if (/^\{"source":.*"kind":.*"shape":/m.test(text)) return `${name} is the output of hubsleuth events, not a log: run analyze on the log it came from`;
  if (/"apiVersion"\s*:/.test(text) && /"kind"\s*:\s*"(?:Pod|Deployment|List|ConfigMap|Secret|Event|PersistentVolumeClaim)"/.test(text)) {
    return `${name} is a Kubernetes object (kubectl get -o json), not a log: get the hub's log with kubectl logs deploy/hub -n jhub --since=48h | hubsleuth`;
  }
  if (/"(?:hub|singleuser|proxy|cull)"\s*:\s*\{/.test(text)) return `${name} looks like chart values in JSON, not a log: try hubsleuth check-config ${n}`;
  return `${name} is JSON but not a log export hubsleuth knows (kubectl logs, Docker json-file, Loki, Fluent Bit, gcloud logging read --format=json): see hubsleuth help formats; hubsleuth events ${n} shows how each line was read`;
}
