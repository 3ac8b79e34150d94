/** Malformed command lines, output paths, queries and options: the CLI's refusals. */
import type { BadInputCase } from "./types";

export const CLI_CASES: BadInputCase[] = [];
