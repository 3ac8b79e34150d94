import { describe, expect, it } from "vitest";
import { helpKey } from "../../src/cli/help-key";

// the pages of a CLI with one command (rfm) and one group (experiment: design)
const PAGES = new Set(["", "cmd:rfm", "group:experiment", "cmd:experiment design"]);
const key = (...argv: string[]) => helpKey(argv, (k) => PAGES.has(k));

describe("helpKey", () => {
  it("finds the page a command line asks for, as run() answers it", () => {
    expect([key(), key("--help"), key("-h"), key("help")]).toEqual(["", "", "", ""]);
    expect(key("rfm", "--out", "x.csv", "-h")).toBe("cmd:rfm"); // --help anywhere after the command
    expect([key("experiment"), key("experiment", "--help")]).toEqual(["group:experiment", "group:experiment"]);
    expect(key("experiment", "design", "--help")).toBe("cmd:experiment design");
  });
  it("answers null where the command runs or reports the mistake itself", () => {
    expect(key("rfm", "--out", "x.csv")).toBeNull();
    expect(key("nope", "--help")).toBeNull(); // unknown command: its own message
    expect(key("experiment", "bogus", "--help")).toBeNull(); // unknown subcommand: its own message
    expect(key("experiment", "design")).toBeNull();
    expect(helpKey(["--help"], () => false)).toBeNull(); // no pages kept: nothing to print
  });
});
