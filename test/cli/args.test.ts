import { describe, expect, it } from "vitest";
import { commandHelp, intOption, parseOptions, type Command } from "../../src/cli/args";

const command: Command = {
  name: "demo",
  summary: "a command to parse for",
  options: [
    { name: "input", value: "FILE", help: "data file" },
    { name: "n", value: "N", help: "a count" },
    { name: "target", value: "A|B", help: "what to do" },
    { name: "only", value: "X", help: "used with --target A only" },
    { name: "json", help: "print JSON" },
    { name: "customers", value: "FILE", help: "customer profiles table", unused: true },
    { name: "out", value: "FILE", help: "where to write", required: true },
  ],
  ignored: [{ option: "only", when: (o) => o.target === "B", because: "--target B does everything" }],
  run: () => undefined,
};

const parse = (...args: string[]) => parseOptions(command, ["--out", "o.csv", ...args]);
const refusal = (...args: string[]) => {
  try {
    parse(...args);
  } catch (e) {
    expect((e as Error).name).toBe("UserError");
    return (e as Error).message;
  }
  throw new Error("not refused");
};

describe("parseOptions", () => {
  it("reads values, inline values, flags and negative numbers as values", () => {
    expect(parse("--input", "a.csv", "--n=3", "--json")).toEqual({ out: "o.csv", input: "a.csv", n: "3", json: true });
    expect(parse("--n", "-5")).toEqual({ out: "o.csv", n: "-5" });
    expect(parse("--only", "x", "--target", "A")).toMatchObject({ only: "x", target: "A" });
  });
  it("refuses each malformed command line with one sentence", () => {
    expect(refusal("--input", "a", "--input=b")).toBe('--input is given twice ("a" and "b"): give each option once.');
    expect(refusal("--json", "--json")).toBe("--json is given twice: give each option once.");
    expect(refusal("--input", "")).toBe("--input needs a value (FILE), not an empty text. See retail-lab demo --help.");
    expect(refusal("--input=  ")).toBe("--input needs a value (FILE), not an empty text. See retail-lab demo --help.");
    expect(refusal("--input")).toBe("--input needs a value (FILE). See retail-lab demo --help.");
    expect(refusal("--input", "--json")).toBe("--input needs a value (FILE). See retail-lab demo --help.");
    expect(refusal("--json=1")).toBe('--json is a flag and takes no value, not "1". See retail-lab demo --help.');
    expect(refusal("--bogus")).toBe("Unknown option '--bogus'. See retail-lab demo --help.");
    expect(refusal("-x")).toBe("Unknown option '-x'. See retail-lab demo --help.");
    expect(refusal("stray")).toBe("Unexpected argument 'stray': retail-lab demo takes only --options. See retail-lab demo --help.");
    expect(refusal("--customers", "c.csv")).toBe("--customers would be ignored: demo does not read a customer profiles table; leave it out.");
    expect(refusal("--target", "B", "--only", "x")).toBe("--only would be ignored: --target B does everything; leave one of them out.");
    expect(() => parseOptions(command, [])).toThrow("retail-lab demo needs --out FILE. See retail-lab demo --help.");
  });
  it("leaves unused options out of the help", () => {
    expect(commandHelp(command)).not.toContain("--customers");
    // padded to the longest shown option, "--target A|B" (12), not "--customers FILE" (16): 2 + 2 spaces after "--out FILE"
    expect(commandHelp(command)).toContain("\n  --out FILE    where to write (required)");
  });
  it("ends the help with the command's notes, after a blank line", () => {
    const noted = { ...command, notes: ["Exit codes:", "  3  busy"] };
    expect(commandHelp(noted)).toBe(`${commandHelp(command)}\n\nExit codes:\n  3  busy`);
    expect(commandHelp(command).endsWith("(required)")).toBe(true); // no notes, nothing after the options
  });
});

describe("intOption", () => {
  it("takes whole numbers in decimal digits within bounds, with one message for every bad value", () => {
    expect(intOption({ n: "12" }, "n", 5, 1, 20)).toBe(12);
    expect(intOption({}, "n", 5, 1, 20)).toBe(5);
    for (const bad of ["-5", "0", "21", "1.5", "1e1", "0x10", "", "ten"]) {
      expect(() => intOption({ n: bad }, "n", 5, 1, 20)).toThrow(`--n must be a whole number from 1 to 20, not "${bad}".`);
    }
    expect(() => intOption({ n: "0" }, "n", 5, 1)).toThrow('--n must be a whole number of at least 1, not "0".');
  });
});
