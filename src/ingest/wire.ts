// Events parsed in a worker thread cross to the main thread in this compact form instead of as
// cloned objects (structured clone costs more per event than parsing the line again). An event is
// its key list (a shape id), then one tagged value per key. Strings travel in one buffer per batch
// (latin1, or UTF-16 when a character needs it: both keep every string exactly): `raw` and any
// string that is not a slice of it are appended there; text, path, query… are slices of `raw`;
// short strings (users, methods, levels: few distinct values) are entries of a string table that
// lives as long as the worker. Each decoded `raw` is a string of its own, so keeping one event's
// text keeps no other. Decoding builds the same object, key for key, as the parser built in the
// worker (tested on every sample).
import type { HubEvent } from '../events.js';

const enum Tag { Undefined, Null, Number, Slice, Own, Interned, True, False, Json }

export interface WireBatch {
  count: number;
  /** New shapes (key lists) and new table strings, in the order they got their ids. */
  shapes: string[][];
  strings: string[];
  tags: Uint8Array;
  /** Per value: a number, or a start and an end (in `raw` for a slice, else in `text`), or an id. */
  nums: Float64Array;
  /** The strings, as latin1 bytes, or as UTF-16 code units when `wide`. */
  text: Uint8Array;
  wide: boolean;
}

// Strings up to this length go to the shared table, which stops growing at MAX_TABLE entries.
const MAX_INTERNED_LENGTH = 40;
const MAX_TABLE = 1 << 16;
const WIDE = /[^\u0000-\u00ff]/;

interface Shape {
  id: number;
  keys: string[];
}

export class WireEncoder {
  private readonly shapes: Shape[] = [];
  private readonly byKind = new Map<string, Shape[]>();
  private readonly stringIds = new Map<string, number>();
  private newShapes: string[][] = [];
  private newStrings: string[] = [];
  private tags = new Uint8Array(1 << 14);
  private nums = new Float64Array(1 << 15);
  private nTags = 0;
  private nNums = 0;
  private parts: string[] = [];
  private textLength = 0;
  count = 0;

  /** Bytes of the batch so far, about: the caller sends it when this gets big. */
  get size(): number {
    return this.textLength * 2 + this.nNums * 8 + this.nTags;
  }

  add(ev: HubEvent): void {
    const o = ev as unknown as Record<string, unknown>;
    const shape = this.shapeOf(o, ev.kind);
    const keys = shape.keys;
    this.room(keys.length + 1, 2 * keys.length + 3);
    this.nums[this.nNums++] = shape.id;
    const raw = ev.raw;
    this.own(raw);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== 'raw') this.value(o[k], raw);
    }
    this.count++;
  }

  /** The batch so far, detached from this encoder (its buffers can be transferred). */
  take(): WireBatch {
    const text = this.parts.join('');
    const wide = WIDE.test(text);
    const bytes = Buffer.from(text, wide ? 'utf16le' : 'latin1');
    const batch: WireBatch = {
      count: this.count, shapes: this.newShapes, strings: this.newStrings,
      tags: this.tags.slice(0, this.nTags), nums: this.nums.slice(0, this.nNums),
      // its own ArrayBuffer (not Node's shared pool), so that it can be transferred
      text: bytes.buffer.byteLength === bytes.length ? bytes : new Uint8Array(bytes), wide,
    };
    this.newShapes = [];
    this.newStrings = [];
    this.parts = [];
    this.nTags = this.nNums = this.textLength = this.count = 0;
    return batch;
  }

  /** The object's key list, found without allocating: events of one kind mostly share one. */
  private shapeOf(o: Record<string, unknown>, kind: string): Shape {
    let list = this.byKind.get(kind);
    if (list) {
      outer: for (const s of list) {
        let i = 0;
        for (const k in o) if (s.keys[i++] !== k) continue outer;
        if (i === s.keys.length) return s;
      }
    } else {
      list = [];
      this.byKind.set(kind, list);
    }
    const shape = { id: this.shapes.length, keys: Object.keys(o) };
    this.shapes.push(shape);
    list.push(shape);
    this.newShapes.push(shape.keys);
    return shape;
  }

  private value(v: unknown, raw: string): void {
    switch (typeof v) {
      case 'undefined': return this.tag(Tag.Undefined);
      case 'number':
        this.tag(Tag.Number);
        this.nums[this.nNums++] = v;
        return;
      case 'boolean': return this.tag(v ? Tag.True : Tag.False);
      case 'string': return this.string(v, raw);
      default:
        if (v === null) return this.tag(Tag.Null);
        this.tag(Tag.Json);
        this.own(JSON.stringify(v));
    }
  }

  private string(v: string, raw: string): void {
    if (v.length <= MAX_INTERNED_LENGTH) {
      let id = this.stringIds.get(v);
      if (id === undefined && this.stringIds.size < MAX_TABLE) {
        id = this.stringIds.size;
        this.stringIds.set(v, id);
        this.newStrings.push(v);
      }
      if (id !== undefined) {
        this.tag(Tag.Interned);
        this.nums[this.nNums++] = id;
        return;
      }
    }
    // The message is the tail of the line; paths and queries are inside it.
    const at = raw.endsWith(v) ? raw.length - v.length : raw.indexOf(v);
    if (at >= 0) {
      this.tag(Tag.Slice);
      this.nums[this.nNums++] = at;
      this.nums[this.nNums++] = at + v.length;
      return;
    }
    this.tag(Tag.Own);
    this.own(v);
  }

  private tag(t: Tag): void {
    this.tags[this.nTags++] = t;
  }

  /** Appends `s` to the batch text; its start and end go to nums. */
  private own(s: string): void {
    this.room(1, 2);
    this.nums[this.nNums++] = this.textLength;
    this.parts.push(s);
    this.textLength += s.length;
    this.nums[this.nNums++] = this.textLength;
  }

  private room(tags: number, nums: number): void {
    if (this.nTags + tags > this.tags.length) {
      const t = new Uint8Array(Math.max(this.tags.length * 2, this.nTags + tags));
      t.set(this.tags);
      this.tags = t;
    }
    if (this.nNums + nums + 2 * tags > this.nums.length) {
      const n = new Float64Array(Math.max(this.nums.length * 2, this.nNums + nums + 2 * tags));
      n.set(this.nums);
      this.nums = n;
    }
  }
}

type Build = (d: WireDecoder, raw: string) => Record<string, unknown>;

export class WireDecoder {
  private readonly shapes: Build[] = [];
  private readonly strings: string[] = [];
  private tags: Uint8Array = new Uint8Array(0);
  private nums: Float64Array = new Float64Array(0);
  private text: Buffer = Buffer.alloc(0);
  private enc: 'latin1' | 'utf16le' = 'latin1';
  private unit = 1;
  private raw = '';
  private ti = 0;
  private ni = 0;

  /** The batch's events; `lineOffset` is added to `line` (a part of a file numbers from 1). */
  decode(batch: WireBatch, lineOffset: number, out: HubEvent[]): void {
    for (const keys of batch.shapes) this.shapes.push(builder(keys));
    for (const s of batch.strings) this.strings.push(s);
    this.tags = batch.tags;
    this.nums = batch.nums;
    this.text = Buffer.from(batch.text.buffer, batch.text.byteOffset, batch.text.byteLength);
    this.enc = batch.wide ? 'utf16le' : 'latin1';
    this.unit = batch.wide ? 2 : 1;
    this.ti = this.ni = 0;
    for (let n = 0; n < batch.count; n++) {
      const build = this.shapes[this.nums[this.ni++]];
      const raw = (this.raw = this.own());
      const o = build(this, raw);
      if (lineOffset) o.line = (o.line as number) + lineOffset;
      out.push(o as unknown as HubEvent);
    }
    this.raw = '';
  }

  private own(): string {
    const s = this.text.toString(this.enc, this.nums[this.ni] * this.unit, this.nums[this.ni + 1] * this.unit);
    this.ni += 2;
    return s;
  }

  /** The next value of the current event (called by the builders, in key order). */
  value(): unknown {
    switch (this.tags[this.ti++] as Tag) {
      case Tag.Undefined: return undefined;
      case Tag.Null: return null;
      case Tag.Number: return this.nums[this.ni++];
      case Tag.True: return true;
      case Tag.False: return false;
      case Tag.Interned: return this.strings[this.nums[this.ni++]];
      case Tag.Slice: {
        const s = this.raw.slice(this.nums[this.ni], this.nums[this.ni + 1]);
        this.ni += 2;
        return s;
      }
      case Tag.Own: return this.own();
      case Tag.Json: return JSON.parse(this.own());
    }
  }
}

/**
 * A function that builds one shape's object as a literal: V8 then gives every event of a shape one
 * hidden class, as the parser's own object literals do, instead of adding keys one at a time.
 * The keys are the parser's field names, written in as JSON strings.
 */
function builder(keys: string[]): Build {
  const props = keys.map((k) => `${JSON.stringify(k)}: ${k === 'raw' ? 'raw' : 'd.value()'}`);
  return new Function('d', 'raw', `return { ${props.join(', ')} };`) as Build;
}
