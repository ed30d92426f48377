// Alert latency of `hubsleuth watch` on a pipe kept open, as a live `kubectl logs -f` feeds it: the
// incident sample is written line by line, and after each line that triggers an alert nothing more
// is written until the alert is out, so only watch's own flush can release it. The yardstick is a
// node child that copies stdin to stdout, timed at the same lines: the floor any node program
// pays on this machine at this moment.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Latency { stops: number; medianMs: number; worstMs: number }

const ECHO = "process.stdin.on('data', (b) => process.stdout.write(b))";

/** Runs `args` and writes `lines`; at each stop (line number → outputs wanted by then) it waits for them. */
async function timed(args: string[], lines: string[], stops: Map<number, number>): Promise<number[]> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const arrived: number[] = [];
  let carry = '';
  let wake = () => {};
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    const parts = (carry + s).split('\n');
    carry = parts.pop() ?? '';
    for (let k = 0; k < parts.length; k++) arrived.push(performance.now());
    wake();
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  // Node takes a moment to start: lines of a live hub arrive while it already runs.
  await new Promise((r) => setTimeout(r, 1500));
  const out: number[] = [];
  for (let i = 1; i <= lines.length; i++) {
    child.stdin.write(lines[i - 1] + '\n');
    const want = stops.get(i);
    if (want === undefined) continue;
    const written = performance.now();
    while (arrived.length < want) await new Promise<void>((r) => { wake = r; });
    out.push(arrived[want - 1] - written);
  }
  child.stdin.end();
  await closed;
  return out;
}

const summary = (ms: number[]): Latency => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { stops: ms.length, medianMs: sorted[sorted.length >> 1] ?? NaN, worstMs: sorted[sorted.length - 1] ?? NaN };
};

/** watch's latency at each line that triggers alerts on `log`, and the echo yardstick's at the same lines. */
export async function alertLatency(cli: string, log: string): Promise<{ watch: Latency; echo: Latency }> {
  const lines = readFileSync(log, 'utf8').split('\n').filter((l, k, all) => l !== '' || k < all.length - 1);
  // Which line triggers each alert: the last line of its evidence, from a run over the file.
  const file = await new Promise<string>((resolve, reject) => {
    const c = spawn(process.execPath, [cli, 'watch', '--every', '0', '--format', 'ndjson', log], { stdio: ['ignore', 'pipe', 'ignore'] });
    let s = '';
    c.stdout.setEncoding('utf8').on('data', (d: string) => (s += d));
    c.on('error', reject).on('close', () => resolve(s));
  });
  const triggers = file.split('\n').filter(Boolean).map((l) => Math.max(...(JSON.parse(l) as { evidence: { line: number }[] }).evidence.map((e) => e.line)));
  // Per triggering line, how many alerts are out once it is read (and, for the echo, how many lines).
  const watchStops = new Map<number, number>();
  const echoStops = new Map<number, number>();
  triggers.sort((x, y) => x - y).forEach((t, k) => {
    watchStops.set(t, k + 1);
    echoStops.set(t, t);
  });
  const watch = await timed([cli, 'watch', '--every', '0', '--format', 'ndjson', '-'], lines, watchStops);
  const echo = await timed(['-e', ECHO], lines, echoStops);
  return { watch: summary(watch), echo: summary(echo) };
}
