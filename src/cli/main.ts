/**
 * The retail-lab command line: a thin shell over the same src functions the notebooks call.
 * User errors print one message and exit 2; bugs print their stack and exit 1. Options are
 * checked (and an output that would replace an input or a non-file refused) before a command runs.
 */
import { isUserError } from "../errors";
import { commandHelp, parseOptions, type Command } from "./args";
import { churnCommand, crmCommand } from "./commands/churn";
import { clustersCommand } from "./commands/clusters";
import { clvCommand } from "./commands/clv";
import { refuseUnsafeOutput } from "./data-options";
import { cleanCommand, sqlCommand } from "./commands/data";
import { forecastCommand } from "./commands/forecast";
import { generateCommand } from "./commands/generate";
import { inspectCommand } from "./commands/inspect";
import { loyaltyCommand } from "./commands/loyalty";
import { migrationCommand } from "./commands/migration";
import { productsCommand } from "./commands/products";
import { rfmCommand, segmentsCommand } from "./commands/rfm";

/** Every command, in the order the help lists them. */
export const COMMANDS: Command[] = [
  inspectCommand, cleanCommand, sqlCommand, generateCommand, rfmCommand, segmentsCommand, clustersCommand, forecastCommand, productsCommand, loyaltyCommand,
  clvCommand, churnCommand, migrationCommand, crmCommand,
];

/** Commands that take their input file as a first argument (`retail-lab inspect FILE`): it becomes `--input FILE`. */
const POSITIONAL_INPUT = new Set(["inspect"]);

/** The arguments with a leading file argument turned into `--input FILE`, for the commands that take one. */
export function withPositionalInput(name: string, args: string[]): string[] {
  return POSITIONAL_INPUT.has(name) && args.length > 0 && !args[0].startsWith("-") ? ["--input", ...args] : args;
}

/** The top-level help. */
export function mainHelp(commands: Command[] = COMMANDS): string {
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

/** Runs the CLI with arguments (without `node` and the script). */
export async function run(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    console.log(mainHelp());
    return;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`retail-lab: unknown command "${name}". Commands: ${COMMANDS.map((c) => c.name).join(", ")}. See retail-lab --help.`);
    process.exitCode = 2;
    return;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    console.log(commandHelp(command));
    return;
  }
  try {
    const options = parseOptions(command, withPositionalInput(name, rest));
    refuseUnsafeOutput(command, options);
    await command.run(options);
  } catch (e) {
    if (isUserError(e)) {
      console.error(`retail-lab ${name}: ${e.message}`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}
