// Runs the user's own kubectl, with their kubeconfig, context and credentials: hubsleuth holds no
// Kubernetes client and no secret of its own. A failure is one line naming the kubectl command and
// what kubectl said.
import { spawn } from 'node:child_process';
import { HubsleuthError } from '../../core/errors.js';

const STDERR_KEPT = 64 * 1024;

/** kubectl's own diagnostics (`E1202 01:11:57.971770 15356 memcache.go:265] …`) come before its message. */
const KLOG = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d+\s/;

/** What kubectl said last, its real message rather than the client-go log lines before it. */
function lastWords(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.filter((l) => !KLOG.test(l)).at(-1) ?? lines.at(-1) ?? '';
}

const failed = (what: string, why: string) => new HubsleuthError('input', `${what} failed: ${why}`);

/**
 * Runs `kubectl args…`; `what` names the call in an error (`kubectl get pods -n jhub`). Its output
 * goes to `stdout` (a file descriptor) or, by default, is returned.
 */
export function kubectl(what: string, args: string[], stdout?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('kubectl', args, { stdio: ['ignore', stdout ?? 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => {
      err = (err + b.toString('utf8')).slice(-STDERR_KEPT);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT'
        ? new HubsleuthError('input', 'kubectl not found on PATH: kubectl hubsleuth reads the hub\'s logs with your kubectl; install it or add it to PATH')
        : failed(what, e.message));
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      const said = lastWords(err);
      reject(failed(what, signal ? `kubectl ended by ${signal}` : said || `kubectl exited with ${code}`));
    });
  });
}
