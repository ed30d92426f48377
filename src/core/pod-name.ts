// KubeSpawner names a user's pod `jupyter-<name>` and volume claim `claim-<name>` (z2jh's
// templates), with `--<server>` for a named server. Before KubeSpawner 7 the name is escaped
// with escapism: every character other than a-z and 0-9 becomes `-` and its UTF-8 bytes in hex
// (`nora.kim@example.org` → `nora-2ekim-40example-2eorg`), so it can be undone. From 7 a safe
// name is kept as it is and any other ends in `---<hash>`, which cannot be undone.

const OWNED = /^(?:[^/\s]+\/)?(?:jupyter|claim)-([a-z0-9-]+)$/;
const ESCAPE = /(?:-[0-9a-f]{2})+/g;

/** The user a KubeSpawner pod or claim name (`ns/jupyter-x`, `claim-x--server`) stands for, or null. */
export function userOfPodName(name: string): string | null {
  const m = OWNED.exec(name);
  if (!m || m[1].includes('---')) return null;
  const server = m[1].indexOf('--');
  const escaped = server < 0 ? m[1] : m[1].slice(0, server);
  if (escaped === '') return null;
  return escaped.replace(ESCAPE, (run) => {
    const bytes = Buffer.from(run.replace(/-/g, ''), 'hex');
    const text = bytes.toString('utf8');
    // Bytes that decode to control characters or broken UTF-8 were never an escape: a safe name
    // of KubeSpawner 7 that happens to contain `-` and two hex digits.
    // eslint-disable-next-line no-control-regex -- control characters are what it looks for
    return /[\x00-\x1f\x7f\uFFFD]/.test(text) ? run : text;
  });
}

/** A name as KubeSpawner before 7 writes it in pod and claim names (`alice@x.org` → `alice-40x-2eorg`). */
export function kubespawnerEscape(name: string): string {
  let out = '';
  for (const b of Buffer.from(name, 'utf8')) {
    out += (b >= 0x61 && b <= 0x7a) || (b >= 0x30 && b <= 0x39) ? String.fromCharCode(b) : '-' + b.toString(16).padStart(2, '0');
  }
  return out;
}
