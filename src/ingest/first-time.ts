// When does an input begin? A folder of rotated logs can hold thousands of files; opening them all
// at once to merge them runs out of file descriptors (EMFILE) and holds a read buffer each. Their
// earliest time, read from a few KB at each end of a file, lets the merge open a file only when
// the merged stream reaches it. Anything unsure starts at once (-Infinity): the order stays right.
import { promises as fsp } from 'node:fs';
import { gunzipSync, constants as zlib } from 'node:zlib';
import { RecordParser } from '../../parsers/record.js';
import type { Zone } from '../core/time.js';
import { isGzip, type Input } from './sources.js';
import { documentStart } from './json-array.js';
import { ByteLineSplitter } from './bytes.js';

const PEEK = 8 << 10;

/** The earliest record time found at the ends of a file, or -Infinity when that cannot be told. */
export async function earliestTime(input: Input, zone?: Zone): Promise<number> {
  if (input.path === null || input.pipe) return -Infinity;
  let fh: fsp.FileHandle | null = null;
  try {
    fh = await fsp.open(input.path, 'r');
    const size = (await fh.stat()).size;
    const start = input.range?.start ?? 0;
    const end = input.range?.end ?? size;
    const head = await readAt(fh, start, Math.min(PEEK, end - start));
    if (isGzip(head)) {
      // Only the front of a gzip can be read cheaply: trust it only when its times go forward.
      const text = gunzipSync(head, { finishFlush: zlib.Z_SYNC_FLUSH });
      const t = times(text.subarray(0, text.lastIndexOf(10) + 1), zone);
      return t.length > 1 && t[0] <= t[t.length - 1] ? t[0] : -Infinity;
    }
    // A whole-document export may hold its records in any order.
    if (documentStart(head) !== false) return -Infinity;
    const tail = end - start > PEEK ? await readAt(fh, Math.max(start, end - PEEK), Math.min(PEEK, end - start)) : Buffer.alloc(0);
    // Newest-first exports begin with their latest record: the smaller end counts.
    const all = [...times(head.subarray(0, head.lastIndexOf(10) + 1), zone), ...times(tail.subarray(tail.indexOf(10) + 1), zone)];
    return all.length > 0 ? Math.min(...all) : -Infinity;
  } catch {
    return -Infinity;
  } finally {
    await fh?.close();
  }
}

async function readAt(fh: fsp.FileHandle, at: number, n: number): Promise<Buffer> {
  const b = Buffer.alloc(Math.max(0, n));
  const { bytesRead } = await fh.read(b, 0, b.length, at);
  return b.subarray(0, bytesRead);
}

/** Times of the records in whole lines, in line order. */
function times(bytes: Buffer, zone?: Zone): number[] {
  const out: number[] = [];
  const p = new RecordParser('', (ev) => {
    if (Number.isFinite(ev.t)) out.push(ev.t);
  }, { zone, mode: 'all' });
  const lines = new ByteLineSplitter((b, s, e, n) => p.pushBytes(b, s, e, n));
  lines.push(bytes);
  lines.end();
  p.flush();
  return out;
}
