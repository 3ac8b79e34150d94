/**
 * Command-line parsing for the CLI: `--name value`, `--name=value` and `--flag` options. Every
 * malformed command line is refused with one sentence: unknown options and stray arguments, an
 * option given twice, an empty value, a missing value, an option the command would ignore.
 */
import { UserError } from "../errors";
import { parseIsoDay } from "../util/index";

/** An option of a command: its name, whether it takes a value, and a line of help. */
export interface OptionSpec {
  name: string;
  /** what the value looks like (`FILE.csv`, `N`); absent for a flag */
  value?: string;
  help: string;
  required?: boolean;
  /** which input file of a dataset the option names (checked so that no output replaces it) */
  input?: "transactions" | "mapping" | "customers" | "products";
  /** the path the command writes: one file, or a folder of files */
  output?: "file" | "dir";
  /** for a folder output, the names of the files written in it */
  outputFiles?: readonly string[];
  /**
   * The option is known but this command does not use it: giving it is refused with a sentence
   * (rather than ignored); it is left out of the help.
   */
  unused?: boolean;
}

/** Parsed option values: text for options with a value, `true` for flags given. */
export type OptionValues = Record<string, string | boolean | undefined>;

/**
 * A combination in which an option would have no effect: `option` is refused when `when` holds
 * for the parsed values, with the sentence `--option would be ignored: because; leave one of them out.`
 */
export interface IgnoredOption {
  option: string;
  when: (values: OptionValues) => boolean;
  because: string;
}

/** A CLI command: name, summary, options and the function that runs it. */
export interface Command {
  name: string;
  summary: string;
  options: OptionSpec[];
  /** combinations in which an option would be ignored, refused before the command runs */
  ignored?: IgnoredOption[];
  /** lines printed after the options in the command's help (exit codes, for instance) */
  notes?: string[];
  run(options: OptionValues): Promise<void> | void;
}

function seeHelp(command: Command): string {
  return `See retail-lab ${command.name} --help.`;
}

/** A token that starts an option (so it cannot be the value of the option before it): `--x`. */
function isOptionToken(token: string): boolean {
  return token.startsWith("--");
}

/**
 * Parses a command's options. A value is the next argument unless that starts with `--`, so a
 * negative number (`--horizon -5`) is a value, checked like any other. Refused with one sentence:
 * unknown options, positional arguments, an option given twice, an option without its value or
 * with an empty one, a value given to a flag, a missing required option, an option the command
 * does not use, and an option that the other options given would make ineffective.
 */
export function parseOptions(command: Command, argv: string[]): OptionValues {
  const specs = new Map(command.options.map((o) => [o.name, o]));
  const values: OptionValues = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    const m = /^--([^=]+)(?:=([\s\S]*))?$/.exec(token);
    if (!m) {
      if (token.startsWith("-") && token.length > 1) throw new UserError(`Unknown option '${token}'. ${seeHelp(command)}`);
      throw new UserError(`Unexpected argument '${token}': retail-lab ${command.name} takes only --options. ${seeHelp(command)}`);
    }
    const [, name, inline] = m;
    const spec = specs.get(name);
    if (!spec) throw new UserError(`Unknown option '--${name}'. ${seeHelp(command)}`);
    if (spec.unused) throw new UserError(`--${name} would be ignored: ${command.name} does not read a ${spec.help}; leave it out.`);
    let value: string | boolean = true;
    if (spec.value) {
      if (inline !== undefined) value = inline;
      else if (i + 1 < argv.length && !isOptionToken(argv[i + 1])) value = argv[++i];
      else throw new UserError(`--${name} needs a value (${spec.value}). ${seeHelp(command)}`);
      if (value.trim() === "") throw new UserError(`--${name} needs a value (${spec.value}), not an empty text. ${seeHelp(command)}`);
    } else if (inline !== undefined) {
      throw new UserError(`--${name} is a flag and takes no value, not "${inline}". ${seeHelp(command)}`);
    }
    if (values[name] !== undefined) {
      throw new UserError(`--${name} is given twice${spec.value ? ` ("${values[name]}" and "${value}")` : ""}: give each option once.`);
    }
    values[name] = value;
  }
  for (const o of command.options) {
    if (o.required && values[o.name] === undefined) throw new UserError(`retail-lab ${command.name} needs --${o.name} ${o.value ?? ""}`.trim() + `. ${seeHelp(command)}`);
  }
  for (const rule of command.ignored ?? []) {
    if (values[rule.option] !== undefined && rule.when(values)) throw new UserError(`--${rule.option} would be ignored: ${rule.because}; leave one of them out.`);
  }
  return values;
}

/** The help text of one command (options it does not use are left out). */
export function commandHelp(command: Command): string {
  const shown = command.options.filter((o) => !o.unused);
  const width = Math.max(...shown.map((o) => `--${o.name}${o.value ? ` ${o.value}` : ""}`.length));
  const lines = shown.map((o) => `  ${`--${o.name}${o.value ? ` ${o.value}` : ""}`.padEnd(width)}  ${o.help}${o.required ? " (required)" : ""}`);
  const notes = command.notes?.length ? `\n\n${command.notes.join("\n")}` : "";
  return `retail-lab ${command.name}: ${command.summary}\n\nOptions:\n${lines.join("\n")}${notes}`;
}

/**
 * A numeric option: a whole number written in decimal digits (an optional leading `-`), within
 * bounds; anything else (`1.5`, `1e3`, `0x10`, `-5` below the minimum) is a user error naming
 * the option, the bounds and the value.
 */
export function intOption(values: OptionValues, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const text = String(v).trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `of at least ${min.toLocaleString("en")}` : `from ${min.toLocaleString("en")} to ${max.toLocaleString("en")}`;
    throw new UserError(`--${name} must be a whole number ${range}, not "${v}".`);
  }
  return n;
}

/**
 * A decimal option: a number written with digits and an optional decimal point (`0.01`, `.5`,
 * `-2`), for which `ok` holds; anything else (`1e-2`, `5%`, `0,01`) is a user error
 * `--name must be WHAT, not "value".`, with a hint for a decimal comma.
 */
export function decimalOption(values: OptionValues, name: string, fallback: number, ok: (x: number) => boolean, what: string): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const text = String(v).trim();
  const x = /^-?(\d+\.?\d*|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(x) || !ok(x)) {
    const hint = /^-?\d*,\d+$/.test(text) ? " (write decimals with a point: 0.01)" : "";
    throw new UserError(`--${name} must be ${what}, not "${v}"${hint}.`);
  }
  return x;
}

/** A day option `YYYY-MM-DD` checked as a calendar day, returned as written; `undefined` when not given. */
export function dayOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  const text = String(v).trim();
  parseIsoDay(text, `--${name}`);
  return text;
}
