/**
 * Atomic writes: content goes to a temporary file `.NAME.PID.tmp` beside the target, is flushed,
 * then renamed over the target (a rename within a folder is atomic). Around that:
 *
 * - a target that exists and is not a regular file (a folder, symbolic link, FIFO, device node,
 *   socket) is refused, never replaced;
 * - while temporary files exist, SIGINT, SIGTERM and SIGHUP remove them; when nothing else in
 *   the process listens for the signal, the process then exits with 128 + the signal number
 *   (130 for SIGINT), the targets left as they were;
 * - temporary files of an earlier run that was killed outright (SIGKILL, a power cut), whose PID
 *   is no live process, are removed on the next write to the same target.
 *
 * JavaScript signal handlers run between tasks, never inside synchronous code: a synchronous
 * write (`writeAtomic`) completes before a signal is handled; `writeFilesAtomicAsync` yields
 * between pieces, so a long write is stopped part way.
 */
import { closeSync, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync, type Stats } from "fs";
import { constants } from "os";
import { basename, dirname, join, resolve } from "path";
import { UserError } from "../errors";

/** A temporary file being written, and the target it will replace. */
interface Staged {
  tmp: string;
  target: string;
  /** the signal that stopped this write, if one did */
  interrupted: NodeJS.Signals | null;
}

const SIGNALS: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
const staged = new Set<Staged>();
let listening = false;

/** What kind of thing a path is, in words, for a refusal. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isSymbolicLink()) return "a symbolic link";
  if (st.isFIFO()) return "a named pipe (FIFO)";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "a device node";
  if (st.isSocket()) return "a socket";
  return st.isFile() ? "a file" : "not a regular file";
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Refuses a target that cannot be replaced safely: one that exists and is not a regular file
 * (not followed if it is a symbolic link), or whose nearest existing ancestor is not a folder.
 * `kind: "dir"` checks a folder to write files into instead: it may exist as a folder (or a
 * symbolic link to one). Nothing is created.
 */
export function refuseUnsafeTarget(path: string, kind: "file" | "dir" = "file"): void {
  // `dir/new/../t.csv` does not resolve until the write creates `dir/new`: check `dir/t.csv` then
  const st = lstatOrUndefined(path) ?? lstatOrUndefined(resolve(path));
  if (st) {
    const ok = kind === "file" ? st.isFile() : st.isDirectory() || (st.isSymbolicLink() && existsSync(path) && statSync(path).isDirectory());
    if (!ok) throw new UserError(`${path} is ${kindOf(st)}, not ${kind === "file" ? "a regular file" : "a folder"}: it is left alone; name a new ${kind === "file" ? "file" : "folder"} or an existing ${kind === "file" ? "regular file" : "folder"}.`);
    return;
  }
  let ancestor = dirname(resolve(path));
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) throw new UserError(`${path} could not be written: ${ancestor} is a file, not a folder.`);
}

/** True when a process with this ID exists (EPERM: it exists but belongs to another user). */
function isLiveProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary files `.NAME.PID.tmp` beside `file` that a killed run left: those whose
 * PID is no live process (and this process's own, when it is not writing them). Returns the
 * paths removed.
 */
export function clearStaleTemps(file: string): string[] {
  const dir = dirname(file);
  const prefix = `.${basename(file)}.`;
  const mine = new Set([...staged].map((s) => s.tmp));
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = name.startsWith(prefix) && name.endsWith(".tmp") ? name.slice(prefix.length, -".tmp".length) : "";
    if (!/^[1-9]\d*$/.test(pid)) continue;
    const path = join(dir, name);
    const stale = Number(pid) === process.pid ? !mine.has(path) : !isLiveProcess(Number(pid));
    if (!stale || !lstatSync(path).isFile()) continue;
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

function onSignal(signal: NodeJS.Signals): void {
  const targets = [...staged].map((s) => s.target);
  for (const s of staged) {
    rmSync(s.tmp, { force: true });
    s.interrupted = signal;
  }
  staged.clear();
  if (process.listenerCount(signal) > 1) return; // someone else (a kernel, a host program) decides what a signal means
  stopListening();
  const left = targets.length ? `; ${targets.join(", ")} left as ${targets.length > 1 ? "they were" : "it was"}` : "";
  process.stderr.write(`interrupted by ${signal}${left}.\n`);
  process.exit(128 + (constants.signals[signal] ?? 0));
}

function startListening(): void {
  if (listening) return;
  for (const s of SIGNALS) process.on(s, onSignal);
  listening = true;
}

function stopListening(): void {
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  listening = false;
}

/**
 * Stops listening once no write is in progress, a turn of the event loop later: a signal that
 * arrived during a synchronous write is delivered first, so it is not lost.
 */
function stopListeningSoon(): void {
  setImmediate(() => {
    if (staged.size === 0) stopListening();
  }).unref();
}

/** Checks the target, clears stale temporary files and registers a new temporary file. */
function stage(file: string): Staged {
  refuseUnsafeTarget(file);
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UserError(`${file}: cannot create the folder ${dir} (${(e as Error).message}).`);
  }
  clearStaleTemps(file);
  const s: Staged = { tmp: join(dir, `.${basename(file)}.${process.pid}.tmp`), target: file, interrupted: null };
  staged.add(s);
  startListening();
  return s;
}

/** Stages every target, or none: a refused target is reported before anything is written. */
function stageAll(paths: string[]): Staged[] {
  const all: Staged[] = [];
  try {
    for (const p of paths) all.push(stage(p));
  } catch (e) {
    unstage(all);
    throw e;
  }
  return all;
}

function unstage(all: Staged[]): void {
  for (const s of all) staged.delete(s);
  if (staged.size === 0) stopListeningSoon();
}

/** Removes the temporary files of a failed write and reports it as a user error. */
function abandon(all: Staged[], e: unknown, file: string): never {
  for (const s of all) rmSync(s.tmp, { force: true });
  unstage(all);
  const stopped = all.find((s) => s.interrupted);
  if (stopped) throw new UserError(`${file}: not written, interrupted by ${stopped.interrupted}.`);
  throw new UserError(`${file}: could not be written (${(e as Error).message}).`);
}

/** Writes one temporary file with `write`, flushed to disk. */
function fill(s: Staged, write: (fd: number) => void): void {
  const fd = openSync(s.tmp, "w");
  try {
    write(fd);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Renames every temporary file over its target, in one synchronous step (no signal is handled between two). */
function commit(all: Staged[]): void {
  for (const s of all) renameSync(s.tmp, s.target);
  unstage(all);
}

/**
 * Writes files atomically and together: `write` fills each temporary file (in as many pieces as
 * it likes); only when every one is written are they renamed over their targets, one after the
 * other with nothing in between. A failure leaves every target as it was.
 */
export function writeFilesAtomic(files: { path: string; write: (fd: number) => void }[]): void {
  const all = stageAll(files.map((f) => f.path));
  let current = files[0]?.path ?? "";
  try {
    files.forEach((f, i) => {
      current = f.path;
      fill(all[i], f.write);
    });
    commit(all);
  } catch (e) {
    abandon(all, e, current);
  }
}

/** Writes one file atomically (see `writeFilesAtomic`). */
export function writeAtomic(file: string, write: (fd: number) => void): void {
  writeFilesAtomic([{ path: file, write }]);
}

/**
 * `writeFilesAtomic` for long writes: each file's content comes as pieces, and between two
 * pieces the event loop runs, so SIGINT or SIGTERM stops the write part way (temporary files
 * removed, targets left as they were).
 */
export async function writeFilesAtomicAsync(files: { path: string; pieces: Iterable<string | Uint8Array> }[]): Promise<void> {
  const all = stageAll(files.map((f) => f.path));
  let current = files[0]?.path ?? "";
  try {
    for (let i = 0; i < files.length; i++) {
      current = files[i].path;
      const fd = openSync(all[i].tmp, "w");
      try {
        for (const piece of files[i].pieces) {
          writeSync(fd, typeof piece === "string" ? Buffer.from(piece, "utf8") : piece);
          await new Promise((done) => setImmediate(done));
          if (all[i].interrupted) throw new Error(`interrupted by ${all[i].interrupted}`);
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    commit(all);
  } catch (e) {
    abandon(all, e, current);
  }
}
