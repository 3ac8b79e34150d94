/**
 * The CLI runs compiled JavaScript from dist/, rebuilt whenever src/ changes (scripts/build.js):
 * fast to start, never stale.
 */
import { spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers";
import { cli } from "./run";

interface Build {
  build(root?: string): string;
  ensureBuilt(root?: string): boolean;
  sourceHash(root?: string): string;
  builtHash(root?: string): string | null;
}
// eslint-disable-next-line @typescript-eslint/no-var-requires
const b = require("../../scripts/build.js") as Build;
const ROOT = join(__dirname, "..", "..");

function project(): string {
  const root = tempDir("retail-lab-build-");
  mkdirSync(join(root, "src", "cli"), { recursive: true });
  writeFileSync(join(root, "src", "version.ts"), 'export const VERSION: string = "one";\n');
  writeFileSync(join(root, "src", "cli", "main.ts"), 'import { VERSION } from "../version";\nexport function run(): void { console.log(VERSION); }\n');
  // the bin reads its help rule from the build (dist/cli/help-key.js): the project's own
  copyFileSync(join(ROOT, "src", "cli", "help-key.ts"), join(root, "src", "cli", "help-key.ts"));
  return root;
}

const runBuilt = (root: string) => spawnSync(process.execPath, ["-e", `require(${JSON.stringify(join(root, "dist", "cli", "main.js"))}).run()`], { encoding: "utf8" }).stdout.trim();

describe("the build", () => {
  it("transpiles src/ into dist/ with the same layout, and rebuilds only when a source changed", () => {
    const root = project();
    expect(b.builtHash(root)).toBeNull();
    expect(b.ensureBuilt(root)).toBe(true);
    expect(runBuilt(root)).toBe("one");
    expect(b.ensureBuilt(root)).toBe(false); // nothing changed
    writeFileSync(join(root, "src", "version.ts"), 'export const VERSION: string = "two";\n');
    expect(b.ensureBuilt(root)).toBe(true);
    expect(runBuilt(root)).toBe("two");
    // a new file counts as a change too
    writeFileSync(join(root, "src", "extra.ts"), "export const X = 1;\n");
    expect(b.builtHash(root)).not.toBe(b.sourceHash(root));
    expect(b.ensureBuilt(root)).toBe(true);
    expect(readdirSync(root).sort()).toEqual(["dist", "src"]); // no temporary build folders left
    expect(readFileSync(join(root, "dist", ".source-hash"), "utf8").trim()).toBe(b.sourceHash(root));
  });

  it("the retail-lab command picks up an edit to src/ on its next run (the real bin script)", () => {
    const root = project();
    mkdirSync(join(root, "bin"));
    mkdirSync(join(root, "scripts"));
    copyFileSync(join(ROOT, "bin", "retail-lab.js"), join(root, "bin", "retail-lab.js"));
    copyFileSync(join(ROOT, "scripts", "build.js"), join(root, "scripts", "build.js"));
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    const bin = () => spawnSync(process.execPath, [join(root, "bin", "retail-lab.js")], { encoding: "utf8" });
    expect(bin().stdout.trim()).toBe("one");
    writeFileSync(join(root, "src", "version.ts"), 'export const VERSION: string = "edited";\n');
    expect(bin().stdout.trim()).toBe("edited");
    expect(b.builtHash(root)).toBe(b.sourceHash(root));
  });

  it("answers --help from the pages kept beside the build, and a rebuild drops them", () => {
    const root = project();
    // run() and the kept page say different things, so the output tells which one answered
    writeFileSync(join(root, "src", "cli", "main.ts"), [
      'import { VERSION } from "../version";',
      // run() hands the bin every help page when it prints one, as src/cli/main.ts does
      'export function run(argv: string[], keepHelp?: (pages: Record<string, string>) => void): void {',
      '  keepHelp?.({ "": `page: ${VERSION}` });',
      '  console.log(`run: ${VERSION}`);',
      '}',
    ].join("\n") + "\n");
    mkdirSync(join(root, "bin"));
    mkdirSync(join(root, "scripts"));
    copyFileSync(join(ROOT, "bin", "retail-lab.js"), join(root, "bin", "retail-lab.js"));
    copyFileSync(join(ROOT, "scripts", "build.js"), join(root, "scripts", "build.js"));
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
    const help = () => spawnSync(process.execPath, [join(root, "bin", "retail-lab.js"), "--help"], { encoding: "utf8" }).stdout.trim();
    expect(help()).toBe("run: one"); // first --help after a build: the commands answer and the pages are kept
    expect(existsSync(join(root, "dist", ".help.json"))).toBe(true);
    expect(help()).toBe("page: one");
    writeFileSync(join(root, "src", "version.ts"), 'export const VERSION: string = "two";\n');
    expect(help()).toBe("run: two"); // the rebuild made a new dist/ without the old pages
    expect(help()).toBe("page: two");
  });

  it("prints the same help from the kept pages as the commands do", () => {
    const asks = [["--help"], ["-h"], ["help"], ["rfm", "--help"], ["clv", "-h"], ["inspect", "x.csv", "--help"], ["experiment"], ["experiment", "--help"], ["experiment", "design", "--help"], ["refresh", "--help"]];
    const pages = join(ROOT, "dist", ".help.json");
    for (const args of asks) {
      rmSync(pages, { force: true });
      const fromCommands = cli(args);
      expect(existsSync(pages)).toBe(true);
      const fromPages = cli(args);
      expect([fromPages.status, fromPages.stdout, fromPages.stderr]).toEqual([0, fromCommands.stdout, ""]);
      expect(fromCommands.stdout.length).toBeGreaterThan(100);
    }
    // the refresh's exit codes, for a scheduler, are in its help
    expect(cli(["refresh", "--help"]).stdout).toContain("\n  3  another refresh is running; this one touched nothing\n  4  a database is unreachable");
    // not help: the command runs (and refuses the unknown option)
    expect(cli(["rfm", "--bogus"]).status).toBe(2);
  });

  it("the project's own CLI answers from the build", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("usage: retail-lab COMMAND");
    expect(b.builtHash(ROOT)).toBe(b.sourceHash(ROOT));
  });
});
