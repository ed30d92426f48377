// Load z2jh values files and merge them in order, like `helm -f a.yaml -f b.yaml`, while keeping
// where each setting came from (file + line) so findings can point at the exact line to change.
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isScalar, isAlias, type Node } from 'yaml';
import type { Evidence } from '../core/model/report.js';
import { inputError, usageError } from '../core/errors.js';

type Plain = Record<string, unknown>;

export interface LoadedValues {
  files: string[];
  /** The merged values (plain JS, no defaults applied). */
  values: Plain;
  /** The value at a key path, undefined when unset. */
  get(path: readonly string[]): unknown;
  /** Where the effective value of a key path was set (the last file that set it), null if unset. */
  locate(path: readonly string[]): Evidence | null;
}

// Keys may contain dots (annotations, `hub.config` class names do not, but be safe): join with a
// control character that YAML keys practically never contain.
const SEP = '\u0001';
const keyOf = (path: readonly string[]) => path.join(SEP);

export function isPlainObject(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface ParsedFile {
  values: Plain;
  locations: Map<string, Evidence>;
}

/** Parse one values document; `source` is the name used in errors and evidence. */
function parseValues(text: string, source: string): ParsedFile {
  const lineCounter = new LineCounter();
  // `merge: true` honours `<<:` merge keys, which values files written by hand do use.
  const doc = parseDocument(text, { lineCounter, merge: true });
  const err = doc.errors[0];
  if (err) {
    const [line, col] = err.linePos?.[0] ? [err.linePos[0].line, err.linePos[0].col] : [null, null];
    const where = line ? ` (line ${line}, column ${col})` : '';
    // The pretty message repeats the position and adds a source excerpt: keep one line.
    const msg = (err.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw inputError(source, `invalid YAML${where}: ${msg}`);
  }
  const js: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (js === null || js === undefined) return { values: {}, locations: new Map() };
  if (!isPlainObject(js)) {
    throw inputError(source, `not chart values: the top level must be a mapping, found ${Array.isArray(js) ? 'a list' : typeof js}`);
  }
  const lines = text.split(/\r?\n/);
  const locations = new Map<string, Evidence>();
  const walk = (node: Node | null | undefined, path: string[]) => {
    if (isAlias(node)) node = node.resolve(doc);
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
      if (key === '<<') continue; // merged keys are attributed to the anchor's own lines
      const offset = keyNode?.range?.[0] ?? 0;
      const { line } = lineCounter.linePos(offset);
      const p = [...path, key];
      locations.set(keyOf(p), { source, line, text: (lines[line - 1] ?? '').trim() });
      walk(pair.value as Node | null, p);
    }
  };
  walk(doc.contents, []);
  return { values: js, locations };
}

/** Merge `src` into `dst` with Helm's rules: maps merge, anything else replaces, `null` deletes. */
function mergeInto(dst: Plain, src: Plain, path: string[], dstLoc: Map<string, Evidence>, srcLoc: Map<string, Evidence>): void {
  for (const [k, v] of Object.entries(src)) {
    const p = [...path, k];
    const pk = keyOf(p);
    if (v === null) {
      delete dst[k];
      dropUnder(dstLoc, pk, true);
      continue;
    }
    const loc = srcLoc.get(pk);
    if (isPlainObject(v) && isPlainObject(dst[k])) {
      mergeInto(dst[k], v, p, dstLoc, srcLoc);
      if (loc) dstLoc.set(pk, loc);
      continue;
    }
    dst[k] = isPlainObject(v) ? structuredClone(v) : v;
    dropUnder(dstLoc, pk, false);
    for (const [lk, lv] of srcLoc) if (lk === pk || lk.startsWith(pk + SEP)) dstLoc.set(lk, lv);
  }
}

function dropUnder(locs: Map<string, Evidence>, pk: string, self: boolean): void {
  for (const lk of [...locs.keys()]) if ((self && lk === pk) || lk.startsWith(pk + SEP)) locs.delete(lk);
}

/** Build a LoadedValues from already-read texts (used by tests and by loadValues). */
export function mergeValues(docs: Array<{ source: string; text: string }>): LoadedValues {
  const values: Plain = {};
  const locations = new Map<string, Evidence>();
  for (const d of docs) {
    const parsed = parseValues(d.text, d.source);
    mergeInto(values, parsed.values, [], locations, parsed.locations);
  }
  return {
    files: docs.map((d) => d.source),
    values,
    get: (path) => getPath(values, path),
    locate: (path) => locations.get(keyOf(path)) ?? null,
  };
}

/** Read and merge values files in order; unreadable files are usage errors naming the file. */
export function loadValues(files: string[]): LoadedValues {
  if (files.length === 0) throw usageError('no values file given');
  const docs = files.map((source) => {
    try {
      return { source, text: readFileSync(source, 'utf8') };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((e as Error).message);
      throw inputError(source, `cannot read values file: ${why}`);
    }
  });
  return mergeValues(docs);
}

function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}
