/** Command-line parsing for the CLI: `--name value` and `--flag` options, with clear errors. */
import { parseArgs } from "util";
import { UserError } from "../errors";

/** An option of a command: its name, whether it takes a value, and a line of help. */
export interface OptionSpec {
  name: string;
  value?: string;
  help: string;
  required?: boolean;
}

/** A CLI command: name, summary, options and the function that runs it. */
export interface Command {
  name: string;
  summary: string;
  options: OptionSpec[];
  run(options: Record<string, string | boolean | undefined>): Promise<void> | void;
}

/** Parses a command's options; unknown or missing options are user errors naming the option. */
export function parseOptions(command: Command, argv: string[]): Record<string, string | boolean | undefined> {
  const spec = Object.fromEntries(command.options.map((o) => [o.name, { type: o.value ? ("string" as const) : ("boolean" as const) }]));
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: argv, options: spec, allowPositionals: false, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    throw new UserError(`${(e as Error).message.replace(/\. To specify.*$/, "")}. See retail-lab ${command.name} --help.`);
  }
  for (const o of command.options) {
    if (o.required && values[o.name] === undefined) throw new UserError(`retail-lab ${command.name} needs --${o.name} ${o.value ?? ""}`.trim() + `. See retail-lab ${command.name} --help.`);
  }
  return values;
}

/** The help text of one command. */
export function commandHelp(command: Command): string {
  const width = Math.max(...command.options.map((o) => `--${o.name}${o.value ? ` ${o.value}` : ""}`.length));
  const lines = command.options.map((o) => `  ${`--${o.name}${o.value ? ` ${o.value}` : ""}`.padEnd(width)}  ${o.help}${o.required ? " (required)" : ""}`);
  return `retail-lab ${command.name}: ${command.summary}\n\nOptions:\n${lines.join("\n")}`;
}

/** A numeric option: an integer within bounds, or a user error naming the option and value. */
export function intOption(values: Record<string, unknown>, name: string, fallback: number, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const v = values[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError(`--${name} must be a whole number from ${min} to ${max}, not "${v}".`);
  return n;
}
