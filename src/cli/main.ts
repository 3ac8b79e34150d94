/**
 * The retail-lab command line: a thin shell over the same src functions the notebooks call.
 * User errors print one message and exit 2; bugs print their stack and exit 1. Options are
 * checked (and an output that would replace an input or a non-file refused) before a command runs.
 */
import { UserError, isUserError } from "../errors";
import { commandHelp, parseOptions, type Command } from "./args";
import { refuseUnsafeOutput } from "./data-options";
import { helpKey } from "./help-key";

/** `redactUrlsIn` of the warehouse, loaded when a message is printed (no password is ever printed). */
const redactUrlsIn = (text: string) => (require("../warehouse/index") as typeof import("../warehouse/index")).redactUrlsIn(text);

/**
 * Every command, in the order the help lists them: its name, the module in ./commands/ that
 * defines it and the name it is exported under. A run loads only its own command's module (and
 * so only its libraries: `rfm` loads no forecasting, clustering or churn code); the help pages
 * and an unknown name load them all.
 */
const COMMAND_MODULES: [name: string, module: string, exported: string][] = [
  ["inspect", "inspect", "inspectCommand"],
  ["clean", "data", "cleanCommand"],
  ["sql", "data", "sqlCommand"],
  ["generate", "generate", "generateCommand"],
  ["rfm", "rfm", "rfmCommand"],
  ["segments", "rfm", "segmentsCommand"],
  ["clusters", "clusters", "clustersCommand"],
  ["forecast", "forecast", "forecastCommand"],
  ["products", "products", "productsCommand"],
  ["loyalty", "loyalty", "loyaltyCommand"],
  ["clv", "clv", "clvCommand"],
  ["churn", "churn", "churnCommand"],
  ["migration", "migration", "migrationCommand"],
  ["crm", "churn", "crmCommand"],
  ["refresh", "refresh", "refreshCommand"],
  ["experiment design", "experiment", "experimentDesignCommand"],
  ["experiment assign", "experiment", "experimentAssignCommand"],
  ["experiment analyze", "experiment", "experimentAnalyzeCommand"],
];

/**
 * One entry's command, its module loaded on first use (require, not import(): the compiled
 * CommonJS loads just that module, synchronously); an entry whose module does not define it is a bug.
 */
function loadCommand([name, module, exported]: (typeof COMMAND_MODULES)[number]): Command {
  const command = (require(`./commands/${module}`) as Record<string, Command | undefined>)[exported];
  if (command?.name !== name) throw new Error(`COMMAND_MODULES: ./commands/${module} has no ${exported} named "${name}"`);
  return command;
}

/** Every command, loaded, in the order the help lists them. */
export function allCommands(): Command[] {
  return COMMAND_MODULES.map(loadCommand);
}

/**
 * The one command a command line runs, loaded alone: its name (`rfm`, or a group word and a
 * subcommand, `experiment design`) followed by no help flag. Null otherwise (help, an unknown
 * name, a group word alone), which needs every command.
 */
function commandToRun(argv: string[]): Command | null {
  if (helpKey(argv, () => true) !== null) return null; // a help flag or a group word alone, whatever the name
  const entry = COMMAND_MODULES.find(([name]) => name === argv[0] || name === `${argv[0]} ${argv[1]}`);
  return entry ? loadCommand(entry) : null;
}

/**
 * The command a command line names, and the arguments after its name: one word (`rfm`), or a
 * group word and a subcommand (`experiment design`: commands named with a space). A group word
 * alone, or with --help, gets the group's help. An unknown command or subcommand is a user error
 * whose message is the whole line to print (`retail-lab experiment: unknown subcommand ...`).
 */
export function findCommand(argv: string[], commands: Command[]): { command: Command; rest: string[] } | { help: string } {
  const [name, ...rest] = argv;
  const single = commands.find((c) => c.name === name);
  if (single) return { command: single, rest };
  const group = commands.filter((c) => c.name.startsWith(`${name} `));
  if (group.length === 0) throw new UserError(`retail-lab: unknown command "${name}". Commands: ${[...new Set(commands.map((c) => c.name.split(" ")[0]))].join(", ")}. See retail-lab --help.`);
  const [sub, ...after] = rest;
  const subs = group.map((c) => c.name.slice(name.length + 1));
  if (sub === undefined || sub === "--help" || sub === "-h") {
    return { help: [`retail-lab ${name}: ${subs.join(", ")}`, "", ...group.map((c) => `  retail-lab ${c.name.padEnd(Math.max(...group.map((g) => g.name.length)))}  ${c.summary}`), "", `See retail-lab ${name} SUBCOMMAND --help.`].join("\n") };
  }
  const command = group.find((c) => c.name === `${name} ${sub}`);
  if (!command) throw new UserError(`retail-lab ${name}: unknown subcommand "${sub}". Subcommands: ${subs.join(", ")}. See retail-lab ${name} --help.`);
  return { command, rest: after };
}

/** Commands that take their input file as a first argument (`retail-lab inspect FILE`): it becomes `--input FILE`. */
const POSITIONAL_INPUT = new Set(["inspect"]);

/** The arguments with a leading file argument turned into `--input FILE`, for the commands that take one. */
export function withPositionalInput(name: string, args: string[]): string[] {
  return POSITIONAL_INPUT.has(name) && args.length > 0 && !args[0].startsWith("-") ? ["--input", ...args] : args;
}

/** The top-level help. */
export function mainHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "retail-lab: retail customer analytics from the command line (the same functions as the notebooks)",
    "",
    "usage: retail-lab COMMAND [options]      retail-lab COMMAND --help",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "With no --input, commands run on the shipped UCI Online Retail data (CC BY 4.0).",
  ].join("\n");
}

/**
 * Every help page the CLI prints, keyed as bin/retail-lab.js looks them up without loading the
 * commands: "" (the top-level help), "cmd:NAME" (a command's, `experiment design` with its space),
 * "group:WORD" (a group word's list of subcommands). The text is static, so the bin keeps it
 * beside the build (dist/.help.json, gone with the next build) and answers --help from it.
 */
export function helpPages(commands: Command[]): Record<string, string> {
  const pages: Record<string, string> = { "": mainHelp(commands) };
  for (const c of commands) {
    pages[`cmd:${c.name}`] = commandHelp(c);
    if (c.name.includes(" ")) {
      const group = c.name.split(" ")[0];
      const found = findCommand([group], commands);
      if ("help" in found) pages[`group:${group}`] = found.help;
    }
  }
  return pages;
}

/**
 * Runs the CLI with arguments (without `node` and the script). `keepHelp` receives every help
 * page when a help page is printed (bin/retail-lab.js keeps them beside the build).
 */
export async function run(argv: string[], keepHelp?: (pages: Record<string, string>) => void): Promise<void> {
  const [name] = argv;
  const alone = commandToRun(argv);
  const commands = alone ? [alone] : allCommands();
  if (!alone) {
    const pages = helpPages(commands);
    const page = helpKey(argv, (key) => key in pages);
    if (page !== null) {
      keepHelp?.(pages);
      console.log(pages[page]);
      return;
    }
  }
  let found: ReturnType<typeof findCommand>;
  try {
    found = findCommand(argv, commands);
  } catch (e) {
    if (!isUserError(e)) throw e;
    console.error(redactUrlsIn(e.message));
    process.exitCode = 2;
    return;
  }
  if ("help" in found) throw new Error(`help for ${argv.join(" ")} was not among the help pages`); // helpKey finds every help
  const { command, rest: args } = found;
  try {
    const options = parseOptions(command, withPositionalInput(name, args));
    refuseUnsafeOutput(command, options);
    await command.run(options);
  } catch (e) {
    if (isUserError(e)) {
      // no password is ever printed, whatever the message quotes (an option's value, a path)
      console.error(`retail-lab ${command.name}: ${redactUrlsIn(e.message)}`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}
