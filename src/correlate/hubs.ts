// Which inputs are one hub's log. A refusal tied to a deletion in another hub's log is a story that
// never happened, so inputs are compared pair by pair, the strongest sign first:
//   1. the namespace, host or hub pod their envelopes (or a node's log file paths) name (the same
//      one: one hub; two: two);
//   2. records both hold (two exports of one log);
//   3. two hub processes writing at the same time with no record in common: two hubs;
//   4. one log beginning where the other ends: one hub;
//   5. different culler settings or authenticators, no service, or no user, in common: two hubs;
//   6. nothing tells: files given together (one folder, one pattern) are one hub, inputs given
//      separately are not, and the report says it assumed so.
// Pairs that are two hubs are never joined, however the others link them.
import { type InputFacts, peopleOf, recordsBetween } from './hub-facts.js';

/** Records each of two hubs must have written while the other wrote, to be seen at the same time. */
const CONCURRENT_RECORDS = 3;
/** A log that begins within this of another's end continues it (a rotation, the previous container). */
const CONTINUES_MS = 30 * 60_000;
/** Users each input must name before "no user in common" says anything. */
const MIN_PEOPLE = 3;
// The rank of a join no sign of its own ranks: how the inputs were given.
const WEAKEST = 5;

/** An input as the grouping sees it. */
export interface HubInput {
  name: string;
  /** What the user gave that held it (./ingest's `given`): inputs given together share it. */
  given: string;
  facts: InputFacts;
}

/** One hub: its inputs, in the order given, and why they are read as one. */
export interface HubGroup {
  inputs: string[];
  /** Why these inputs are one hub's log (empty for one input). */
  together: string[];
  /** Why this hub is told apart from the others (empty when it is the only one). */
  apart: string[];
  /** Nothing told: these inputs are one hub, or this hub is apart from another, only by how they were given. */
  assumed: boolean;
  namespace: string | null;
  host: string | null;
}

interface Relation {
  same: boolean;
  why: string;
  assumed?: boolean;
  /** For one hub: how strong the sign is, 0 strongest (joins are made in this order). */
  rank?: number;
}

const one = <T>(s: ReadonlySet<T>) => (s.size === 1 ? [...s][0] : null);
const meets = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>) => [...a].some((x) => b.has(x));

function named(kind: string, rank: number, a: ReadonlySet<string>, b: ReadonlySet<string>): Relation | null {
  if (a.size === 0 || b.size === 0) return null;
  const both = [...a].filter((x) => b.has(x));
  if (both.length > 0) return { same: true, why: `the same ${kind} (${both[0]})`, rank };
  return { same: false, why: `different ${kind}s` };
}

function relate(a: HubInput, b: HubInput, copies: (name: string) => string): Relation {
  const fa = a.facts;
  const fb = b.facts;
  const envelope = named('namespace', 0, fa.namespaces, fb.namespaces) ?? named('host', 1, fa.hosts, fb.hosts);
  if (envelope) return envelope;
  if (meets(fa.hubPods, fb.hubPods)) return { same: true, why: `the same hub pod (${[...fa.hubPods].find((p) => fb.hubPods.has(p))})`, rank: 2 };
  if (copies(a.name) === copies(b.name)) return { same: true, why: 'records in common', rank: 3 };
  const from = Math.max(fa.first, fb.first);
  const to = Math.min(fa.last, fb.last);
  if (from < to && recordsBetween(fa, from, to) >= CONCURRENT_RECORDS && recordsBetween(fb, from, to) >= CONCURRENT_RECORDS) {
    return { same: false, why: 'two hubs writing at the same time, with no record in common' };
  }
  if ((fb.first >= fa.last && fb.first - fa.last <= CONTINUES_MS) || (fa.first >= fb.last && fa.first - fb.last <= CONTINUES_MS)) {
    return { same: true, why: 'one log begins where the other ends', rank: 4 };
  }
  const culler = cullers(fa, fb) ?? cullers(fb, fa);
  if (culler) return culler;
  // A hub that changed its authenticator across a restart was joined above (its logs follow on).
  if (fa.authenticators.size > 0 && fb.authenticators.size > 0 && !meets(fa.authenticators, fb.authenticators)) {
    return { same: false, why: `different authenticators (${[[...fa.authenticators][0], [...fb.authenticators][0]].sort().join(', ')})` };
  }
  if (fa.services.size > 0 && fb.services.size > 0 && !meets(fa.services, fb.services)) return { same: false, why: 'no service in common' };
  const pa = peopleOf(fa);
  const pb = peopleOf(fb);
  if (pa.size >= MIN_PEOPLE && pb.size >= MIN_PEOPLE && !meets(pa, pb)) return { same: false, why: 'no user in common' };
  if (a.given === b.given) return { same: true, why: `nothing told them apart, and they were given together (${a.given})`, assumed: true };
  return { same: false, why: 'nothing told whether they are one hub, and they were given separately', assumed: true };
}

/** One hub's culler runs with settings the other's never logged, or deletes users the other's was told not to. */
function cullers(a: InputFacts, b: InputFacts): Relation | null {
  if (a.cullerSettings.size === 0) return null;
  if (b.cullerSettings.size > 0 && !meets(a.cullerSettings, b.cullerSettings)) {
    return { same: false, why: 'different culler settings' };
  }
  const spares = [...a.cullerSettings].every((s) => !s.startsWith('--cull-users'));
  if (spares && b.cullerSettings.size === 0 && b.culledUsers) return { same: false, why: 'the culler deletes users in one, and was started without --cull-users in the other' };
  return null;
}

/**
 * The inputs as hubs, in the order of their first input. `shared` names the input pairs that hold
 * a record in common (the merge's duplicates).
 */
export function groupHubs(inputs: readonly HubInput[], shared: ReadonlyArray<{ a: string; b: string }> = []): HubGroup[] {
  const copies = copiesOf(shared);
  const n = inputs.length;
  const rel: Relation[][] = inputs.map(() => []);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) rel[i][j] = rel[j][i] = relate(inputs[i], inputs[j], copies);
  // Union by the strongest sign first (the order of relate's rules), never across a pair of two hubs.
  const root = inputs.map((_, i) => i);
  const members = inputs.map((_, i) => [i]);
  const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i])));
  const links: Array<{ i: number; j: number; rank: number }> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rel[i][j].same) links.push({ i, j, rank: rel[i][j].rank ?? WEAKEST });
  links.sort((x, y) => x.rank - y.rank);
  const joined: Array<Array<{ i: number; j: number }>> = inputs.map(() => []);
  for (const { i, j } of links) {
    const a = find(i);
    const b = find(j);
    if (a === b || members[a].some((x) => members[b].some((y) => !rel[x][y].same))) continue;
    root[b] = a;
    members[a].push(...members[b]);
    joined[a].push(...joined[b], { i, j });
  }
  const roots = [...new Set(inputs.map((_, i) => find(i)))].sort((x, y) => Math.min(...members[x]) - Math.min(...members[y]));
  return roots.map((r) => {
    const mine = [...members[r]].sort((x, y) => x - y);
    const together = unique(joined[r].map(({ i, j }) => rel[i][j]));
    const against = unique(roots.filter((o) => o !== r).map((o) => strongestApart(mine, members[o], rel)));
    return {
      inputs: mine.map((i) => inputs[i].name),
      together: together.map((v) => v.why),
      apart: against.map((v) => v.why),
      assumed: [...together, ...against].some((v) => v.assumed === true),
      namespace: one(new Set(mine.flatMap((i) => [...inputs[i].facts.namespaces]))),
      host: one(new Set(mine.flatMap((i) => [...inputs[i].facts.hosts]))),
    };
  });
}

/**
 * Inputs holding records in common, as classes: a record is matched with its first copy only, so
 * a third export of the same log shares records with one of the others, not always with both.
 */
function copiesOf(shared: ReadonlyArray<{ a: string; b: string }>): (name: string) => string {
  const up = new Map<string, string>();
  const find = (x: string): string => {
    const p = up.get(x);
    if (p === undefined || p === x) return x;
    const r = find(p);
    up.set(x, r);
    return r;
  };
  for (const { a, b } of shared) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) up.set(rb, ra);
  }
  return find;
}


/** Why two hubs are two: the first sign, in relate's order, that told an input of one from an input of the other. */
function strongestApart(mine: readonly number[], theirs: readonly number[], rel: Relation[][]): Relation {
  const apart = mine.flatMap((x) => theirs.map((y) => rel[x][y])).filter((v) => !v.same);
  return apart.find((v) => v.assumed !== true) ?? apart[0];
}

function unique(rs: Relation[]): Relation[] {
  const seen = new Set<string>();
  return rs.filter((r) => !seen.has(r.why) && seen.add(r.why));
}
