/**
 * Assignment: a deterministic split of customers into arms with given shares.
 *
 * Hash method: u = (first 52 bits of SHA-256(experiment + "\0" + customerId)) / 2^52, a number
 * in [0, 1) that any language reproduces (Python: int.from_bytes(sha256(...).digest()[:8],
 * "big") >> 12, divided by 2**52). The arm is the first whose cumulative share exceeds u.
 * A customer's arm depends on the experiment name and its own id only: the same inputs give the
 * same arms, and customers added later never move anyone assigned before.
 *
 * Stratified (by segment, country...): within each stratum the customers are ordered by u and
 * the arms take consecutive blocks of that order, arm j ending at floor(C_j n + v) (C_j the
 * cumulative share, n the stratum's size, v = hashUnit(experiment, "stratum\0" + column + "\0" +
 * value), the stratum's own position in [0, 1), so the rounding favours no arm on average). Each arm then holds its share of every stratum to within one
 * customer. What it trades: a customer added to a stratum can move earlier customers of that
 * stratum across a block boundary, at most one per boundary (arms - 1 per added customer);
 * customers of other strata never move. Unstratified assignment moves no one.
 */
import { createHash } from "crypto";
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { compareIds, isoDayOfNumber, parseIsoDay } from "../util/index";

/** An arm and the share of customers it gets (shares add up to 1). */
export interface ArmShare {
  arm: string;
  share: number;
}

/** The hash method, as the assignment log states it. */
export const HASH_METHOD =
  'u = first 52 bits of SHA-256(experiment + "\\0" + customerId) / 2^52; arm = first arm whose cumulative share exceeds u';

/**
 * Checks arms and shares: at least two arms, distinct non-empty names, every share positive,
 * the shares adding up to 1 (to 1e-9). Returns them unchanged.
 * Example: [{arm: "control", share: 0.5}, {arm: "offer", share: 0.5}] passes; shares 0.5 and 0.4 are refused.
 */
export function checkArmShares(arms: ArmShare[]): ArmShare[] {
  if (arms.length < 2) throw new UserError(`An experiment needs at least two arms, not ${arms.length}.`);
  const seen = new Set<string>();
  for (const { arm, share } of arms) {
    if (arm.trim() === "") throw new UserError("An arm needs a name: one of the arms is empty.");
    if (seen.has(arm)) throw new UserError(`The arm "${arm}" is named twice.`);
    seen.add(arm);
    if (!(share > 0 && Number.isFinite(share))) throw new UserError(`The share of arm "${arm}" must be a positive number, not ${share}.`);
  }
  const total = arms.reduce((s, a) => s + a.share, 0);
  if (Math.abs(total - 1) > 1e-9) {
    throw new UserError(`The arm shares must add up to 100%, not ${+(total * 100).toFixed(6)}% (${arms.map((a) => `${a.arm} ${+(a.share * 100).toFixed(6)}%`).join(", ")}).`);
  }
  return arms;
}

/**
 * Arms from their written form "name:percent,name:percent" (the CLI's --arms), percentages
 * adding up to 100. Example: "control:50,offer:50" -> control 0.5, offer 0.5.
 */
export function parseArmShares(text: string): ArmShare[] {
  const arms = text.split(",").map((part) => {
    const m = /^(.*):\s*([0-9]*\.?[0-9]+)\s*%?$/.exec(part.trim());
    if (!m) throw new UserError(`Each arm must be written name:percent (e.g. control:50,offer:50), not "${part.trim()}".`);
    return { arm: m[1].trim(), share: Number(m[2]) / 100 };
  });
  return checkArmShares(arms);
}

/**
 * The hash position u in [0, 1) of a key: the first 52 bits of its SHA-256 over 2^52.
 * Example: hashUnit("", "") reads e3b0c442 98fc1: 0xe3b0c44298fc1 / 2^52 = 0.889...
 */
export function hashUnit(experiment: string, key: string): number {
  const digest = createHash("sha256").update(`${experiment}\0${key}`, "utf8").digest();
  // 32 bits + the next 20 bits = 52 bits, exact in a double
  return (digest.readUInt32BE(0) * 2 ** 20 + (digest.readUInt32BE(4) >>> 12)) / 2 ** 52;
}

/**
 * The arm of a hash position: the first arm whose cumulative share exceeds u (the last arm
 * takes whatever rounding leaves). Example: shares 0.5/0.5: u = 0.3 -> first arm, u = 0.5 -> second.
 */
export function armOfUnit(u: number, arms: ArmShare[]): string {
  let cumulative = 0;
  for (let j = 0; j < arms.length - 1; j++) {
    cumulative += arms[j].share;
    if (u < cumulative) return arms[j].arm;
  }
  return arms[arms.length - 1].arm;
}

/**
 * The arms of one stratum's customers, given their hash positions: ordered by u (ties by id),
 * arm j takes ranks below floor(C_j n + v), v the stratum's hash. Returns arms in input order.
 * Example: 4 customers, 50/50, v = 0.3: floor(0.5 x 4 + 0.3) = 2: the two lowest u are the first arm.
 */
export function stratumArms(ids: string[], units: number[], arms: ArmShare[], v: number): string[] {
  const order = ids.map((_, i) => i).sort((a, b) => units[a] - units[b] || compareIds(ids[a], ids[b]));
  const n = ids.length;
  const result: string[] = new Array(n);
  let cumulative = 0;
  let start = 0;
  for (let j = 0; j < arms.length; j++) {
    cumulative += arms[j].share;
    const end = j === arms.length - 1 ? n : Math.min(n, Math.floor(cumulative * n + v));
    for (let r = start; r < end; r++) result[order[r]] = arms[j].arm;
    start = Math.max(start, end);
  }
  return result;
}

/** Options of an assignment. */
export interface AssignOptions {
  /** the experiment's name: part of every hash, so another experiment splits independently */
  experiment: string;
  arms: ArmShare[];
  /** a column of the customers table to stratify by (segment, country) */
  stratify?: string;
  /** the assignment day, YYYY-MM-DD, for the log */
  date: string;
}

/** The record of an assignment, to keep beside the exported table. */
export interface AssignmentLog {
  experiment: string;
  date: string;
  arms: ArmShare[];
  hashMethod: string;
  stratify: string | null;
  customers: number;
  /** customers per arm, in the arms' order */
  counts: Record<string, number>;
  /** per stratum (sorted by name): its customers and their counts per arm */
  strata: { stratum: string; customers: number; counts: Record<string, number> }[] | null;
}

/** An assignment: the table (customerId, [stratum column], arm; sorted by customerId) and its log. */
export interface Assignment {
  table: DataFrame;
  log: AssignmentLog;
}

/** The customer ids of a table as text: a text column as it is, whole numbers written in digits. */
function customerIds(customers: DataFrame): string[] {
  if (!customers.columns.includes("customerId")) {
    throw new UserError(`The customers table needs a customerId column (columns: ${customers.columns.join(", ")}).`);
  }
  const s = customers.getColumn("customerId");
  const ids = s.isNumeric() ? (s.toArray() as (number | bigint | null)[]).map((v) => (v === null ? null : String(v))) : (s.cast(pl.Utf8).toArray() as (string | null)[]);
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (id === null || id === "") throw new UserError(`The customers table has no customerId at row ${i + 1}.`);
    if (s.isNumeric() && !/^-?\d+$/.test(id)) throw new UserError(`customerId at row ${i + 1} is ${id}: customer ids must be text or whole numbers.`);
    if (seen.has(id)) throw new UserError(`customerId ${id} appears twice in the customers table (row ${i + 1}): each customer is assigned once.`);
    seen.add(id);
  });
  return ids as string[];
}

/** Counts of each arm in `assigned`, every arm present (0 when empty), in the arms' order. */
function armCounts(assigned: string[], arms: ArmShare[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of arms) counts[a.arm] = 0;
  for (const arm of assigned) counts[arm]++;
  return counts;
}

/** The stratum values of a column, as text; a missing value is refused (it would be a stratum of its own). */
function strataOf(customers: DataFrame, column: string): string[] {
  if (!customers.columns.includes(column)) {
    throw new UserError(`Cannot stratify by "${column}": the customers table has no such column (columns: ${customers.columns.join(", ")}).`);
  }
  const values = customers.getColumn(column).cast(pl.Utf8).toArray() as (string | null)[];
  const missing = values.indexOf(null);
  if (missing >= 0) throw new UserError(`Cannot stratify by "${column}": it is empty at row ${missing + 1}.`);
  return values as string[];
}

/**
 * Splits a customers table (a `customerId` column, text or whole numbers, each id once) into
 * arms by the hash of experiment name + customer id, optionally stratified (see the module
 * comment). Returns the table for the CRM and its log.
 * Example: 1,000 customers, control:50,offer:50: about 500 each (exactly 500 when stratified).
 */
export function assignArms(customers: DataFrame, options: AssignOptions): Assignment {
  const arms = checkArmShares(options.arms);
  if (options.experiment.trim() === "") throw new UserError("An experiment needs a name: it seeds every customer's hash.");
  if (options.experiment.includes("\0")) throw new UserError("The experiment name cannot hold a NUL character (it separates name and id in the hash).");
  const date = isoDayOfNumber(parseIsoDay(options.date, "The assignment date"));
  const ids = customerIds(customers);
  const units = ids.map((id) => hashUnit(options.experiment, id));
  const stratify = options.stratify ?? null;
  let assigned: string[];
  let strata: AssignmentLog["strata"] = null;
  let stratumColumn: string[] | null = null;
  if (stratify === null) {
    assigned = units.map((u) => armOfUnit(u, arms));
  } else {
    stratumColumn = strataOf(customers, stratify);
    assigned = new Array(ids.length);
    const members = new Map<string, number[]>();
    stratumColumn.forEach((s, i) => {
      const rows = members.get(s);
      if (rows) rows.push(i);
      else members.set(s, [i]);
    });
    strata = [];
    for (const stratum of [...members.keys()].sort(compareIds)) {
      const rows = members.get(stratum)!;
      const v = hashUnit(options.experiment, `stratum\0${stratify}\0${stratum}`);
      const got = stratumArms(rows.map((i) => ids[i]), rows.map((i) => units[i]), arms, v);
      rows.forEach((i, k) => (assigned[i] = got[k]));
      strata.push({ stratum, customers: rows.length, counts: armCounts(got, arms) });
    }
  }
  const order = ids.map((_, i) => i).sort((a, b) => compareIds(ids[a], ids[b]));
  const columns: Record<string, string[]> = { customerId: order.map((i) => ids[i]) };
  if (stratify !== null && stratumColumn !== null && stratify !== "customerId") columns[stratify] = order.map((i) => stratumColumn![i]);
  columns.arm = order.map((i) => assigned[i]);
  const log: AssignmentLog = {
    experiment: options.experiment,
    date,
    arms,
    hashMethod: HASH_METHOD,
    stratify,
    customers: ids.length,
    counts: armCounts(assigned, arms),
    strata,
  };
  return { table: pl.DataFrame(columns), log };
}

/**
 * The customers of an earlier assignment table whose arm differs in a later one (both with
 * customerId and arm columns; a customer missing from the later table counts as moved), in the
 * earlier table's order: the check that adding customers moved no one.
 * Example: before {1: control, 2: offer}, after {1: control, 2: control, 3: offer}: ["2"].
 */
export function movedCustomers(before: DataFrame, after: DataFrame): string[] {
  const armOf = (t: DataFrame) => {
    const ids = t.getColumn("customerId").cast(pl.Utf8).toArray() as string[];
    const arms = t.getColumn("arm").cast(pl.Utf8).toArray() as string[];
    return { ids, arms };
  };
  const later = armOf(after);
  const now = new Map(later.ids.map((id, i) => [id, later.arms[i]]));
  const earlier = armOf(before);
  return earlier.ids.filter((id, i) => now.get(id) !== earlier.arms[i]);
}
