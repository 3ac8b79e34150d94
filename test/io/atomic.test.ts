import { execFileSync, spawn, spawnSync } from "child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, writeSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { clearStaleTemps, refuseUnsafeTarget, writeFileAtomic, writeFilesAtomic, writeFilesAtomicAsync } from "../../src/io/index";
import { tempDir } from "../helpers";

/** A PID that was a process a moment ago and is none now. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

describe("targets that are not regular files are refused, never replaced", () => {
  const dir = tempDir();
  const fifo = join(dir, "pipe.csv");
  execFileSync("mkfifo", [fifo]);
  const link = join(dir, "link.csv");
  writeFileSync(join(dir, "real.csv"), "mine");
  symlinkSync(join(dir, "real.csv"), link);
  mkdirSync(join(dir, "folder"));

  it.each([
    ["a FIFO", fifo, "is a named pipe (FIFO), not a regular file"],
    ["a symbolic link", link, "is a symbolic link, not a regular file"],
    ["a folder", join(dir, "folder"), "is a folder, not a regular file"],
    ["a device node", "/dev/full", "is a device node, not a regular file"], // refused before anything is opened
    ["a path under a file", join(dir, "real.csv", "x.csv"), "real.csv is a file, not a folder"],
  ])("%s", (_what, path, message) => {
    expect(() => refuseUnsafeTarget(path)).toThrow(message);
    if (path !== "/dev/full") expect(() => writeFileAtomic(path, "new")).toThrow(message);
  });
  it("leaves the link, its target and the folder as they were, with no temporary file", () => {
    expect(readFileSync(link, "utf8")).toBe("mine");
    expect(readdirSync(dir).sort()).toEqual(["folder", "link.csv", "pipe.csv", "real.csv"]);
  });
  it("accepts a new file, an existing regular file, and a folder (or a link to one) as a folder target", () => {
    expect(() => refuseUnsafeTarget(join(dir, "new", "deeper.csv"))).not.toThrow();
    expect(() => refuseUnsafeTarget(join(dir, "real.csv"))).not.toThrow();
    symlinkSync(join(dir, "folder"), join(dir, "folder-link"));
    expect(() => refuseUnsafeTarget(join(dir, "folder-link"), "dir")).not.toThrow();
    expect(() => refuseUnsafeTarget(join(dir, "real.csv"), "dir")).toThrow("real.csv is a file, not a folder");
  });
});

describe("stale temporary files", () => {
  it("removes those of dead processes and keeps those of live ones", async () => {
    const dir = tempDir();
    const target = join(dir, "out.csv");
    const dead = deadPid();
    const live = spawn("sleep", ["30"]);
    try {
      for (const name of [`.out.csv.${dead}.tmp`, `.out.csv.${live.pid}.tmp`, `.other.csv.${dead}.tmp`, ".out.csv.notapid.tmp"]) writeFileSync(join(dir, name), "half");
      expect(clearStaleTemps(target)).toEqual([join(dir, `.out.csv.${dead}.tmp`)]);
      writeFileAtomic(target, "new");
      expect(readdirSync(dir).sort()).toEqual([`.other.csv.${dead}.tmp`, `.out.csv.${live.pid}.tmp`, ".out.csv.notapid.tmp", "out.csv"]);
    } finally {
      live.kill();
    }
  });
});

describe("several files written together", () => {
  it("renames none when one fails: every target keeps its old content", () => {
    const dir = tempDir();
    const a = join(dir, "a.csv"), b = join(dir, "b.csv");
    writeFileSync(a, "old a");
    writeFileSync(b, "old b");
    expect(() => writeFilesAtomic([
      { path: a, write: (fd) => writeSync(fd, "new a") },
      { path: b, write: () => { throw new Error("disk full"); } },
    ])).toThrow(/b\.csv: could not be written \(disk full\)/);
    expect([readFileSync(a, "utf8"), readFileSync(b, "utf8")]).toEqual(["old a", "old b"]);
    expect(readdirSync(dir).sort()).toEqual(["a.csv", "b.csv"]);
  });
  it("refuses an unsafe target before writing any file", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "b.csv"));
    await expect(writeFilesAtomicAsync([{ path: join(dir, "a.csv"), pieces: ["x"] }, { path: join(dir, "b.csv"), pieces: ["y"] }])).rejects.toThrow(/b\.csv is a folder/);
    expect(existsSync(join(dir, "a.csv"))).toBe(false);
    expect(readdirSync(dir)).toEqual(["b.csv"]);
  });
  it("writes pieces asynchronously and renames every file at the end", async () => {
    const dir = tempDir();
    await writeFilesAtomicAsync([{ path: join(dir, "a.csv"), pieces: ["1\n", "2\n"] }, { path: join(dir, "b.csv"), pieces: [Buffer.from("3\n")] }]);
    expect([readFileSync(join(dir, "a.csv"), "utf8"), readFileSync(join(dir, "b.csv"), "utf8")]).toEqual(["1\n2\n", "3\n"]);
    expect(readdirSync(dir).sort()).toEqual(["a.csv", "b.csv"]);
  });
});
