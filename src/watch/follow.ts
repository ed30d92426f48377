// `--follow` for files, like `tail -F`: read the file from its start (the history gives the
// correlator its state), then poll every POLL_MS for more. The name is what is followed, not the
// open file: when the name points at a new file (inode or device changed: logrotate's rename + create,
// kubelet's rotation) the rest of the old file is read first, then the new one from its start; when
// the file got shorter than what was read (truncation, `copytruncate`) it is read again from byte 0.
// While the name does not exist (between rename and create, or before the first write) the old file
// is still read and the name is polled until it appears.
// Polling (not fs.watch) because it behaves the same on every filesystem, bind mount and NFS; a
// truncation followed by more bytes than were read before, within one poll, cannot be seen (as with tail).
import { promises as fsp, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { describe } from '../ingest/sources.js';

const POLL_MS = 250;
const READ_SIZE = 1 << 20;

export interface FollowSink {
  chunk(b: Uint8Array): void;
  /** What follows comes from a new file (rotated) or from byte 0 of the same one (truncated). */
  reset(reason: 'rotated' | 'truncated'): void;
  note(message: string): void;
  /** While the consumer's output is behind: what to wait for before reading on. */
  behind?(): Promise<void> | null;
}

export class FileFollower {
  private fh: FileHandle | null = null;
  private ino = -1;
  private dev = -1;
  private pos = 0;
  private stopped = false;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private waitingNoted = false;
  private errorNoted = false;
  private readonly buf = Buffer.allocUnsafe(READ_SIZE);
  /** Resolves when the loop has ended after stop(). */
  readonly done: Promise<void>;
  rotations = 0;
  truncations = 0;

  constructor(readonly path: string, private readonly sink: FollowSink, private readonly pollMs = POLL_MS) {
    this.done = this.loop();
  }

  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    return this.done;
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped) {
        try {
          await this.tick();
        } catch (e) {
          this.noteError(e); // a read error (EIO, a stale NFS handle): try again at the next poll
        }
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.pollMs);
        });
      }
    } finally {
      await this.fh?.close().catch(() => {});
      this.fh = null;
    }
  }

  private async tick(): Promise<void> {
    if (!this.fh && !(await this.open())) return;
    await this.drain();
    let st: Stats;
    try {
      st = await fsp.stat(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.noteError(e);
      return; // renamed away and not re-created yet: keep reading the old file
    }
    if (st.ino !== this.ino || st.dev !== this.dev) {
      await this.drain(); // lines the writer added to the old file after the rename
      await this.fh!.close().catch(() => {});
      this.fh = null;
      this.rotations++;
      this.sink.reset('rotated');
      if (await this.open()) await this.drain();
    } else if (st.size < this.pos) {
      this.truncations++;
      this.sink.reset('truncated');
      this.pos = 0;
      await this.drain();
    }
  }

  private async open(): Promise<boolean> {
    try {
      const fh = await fsp.open(this.path, 'r');
      const st = await fh.stat();
      this.fh = fh;
      this.ino = st.ino;
      this.dev = st.dev;
      this.pos = 0;
      this.waitingNoted = false;
      this.errorNoted = false;
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        if (!this.waitingNoted) this.sink.note(`${this.path}: does not exist (yet); waiting for it to appear`);
        this.waitingNoted = true;
      } else {
        this.noteError(e);
      }
      return false;
    }
  }

  private async drain(): Promise<void> {
    while (this.fh && !this.stopped) {
      const { bytesRead } = await this.fh.read(this.buf, 0, READ_SIZE, this.pos);
      if (bytesRead === 0) return;
      this.pos += bytesRead;
      // The consumer decodes synchronously, so the buffer can be reused for the next read.
      this.sink.chunk(this.buf.subarray(0, bytesRead));
      const behind = this.sink.behind?.();
      if (behind) await behind;
    }
  }

  private noteError(e: unknown): void {
    if (!this.errorNoted) this.sink.note(`${this.path}: ${describe(e)}; still trying`);
    this.errorNoted = true;
  }
}
