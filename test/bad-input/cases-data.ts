/** Malformed data files and mappings: the loader's refusals. */
import type { BadInputCase } from "./types";

export const DATA_CASES: BadInputCase[] = [];
