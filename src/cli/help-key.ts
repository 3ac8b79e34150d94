/**
 * Which help page a command line asks for, the one rule both `run` (src/cli/main.ts) and
 * bin/retail-lab.js follow. It imports nothing, so the bin can load it from dist/ and answer
 * --help without loading the commands. Keys are those of `helpPages`: "" for the top-level
 * help, "cmd:NAME" for a command's, "group:WORD" for a group word's list of subcommands.
 *
 * Examples: [] and ["--help"] -> ""; ["rfm", "--out", "x", "-h"] -> "cmd:rfm";
 * ["experiment"] -> "group:experiment"; ["experiment", "design", "--help"] -> "cmd:experiment design";
 * ["rfm"] -> null (run the command); ["nope", "--help"] -> null (the command reports it unknown).
 * Only a key that `has` knows is returned.
 */
export function helpKey(argv: readonly string[], has: (key: string) => boolean): string | null {
  const [name, second] = argv;
  const asks = (rest: readonly string[]) => rest.includes("--help") || rest.includes("-h");
  if (!name || name === "--help" || name === "-h" || name === "help") return has("") ? "" : null;
  if (has(`cmd:${name}`)) return asks(argv.slice(1)) ? `cmd:${name}` : null;
  if (has(`group:${name}`)) {
    if (second === undefined || second === "--help" || second === "-h") return `group:${name}`;
    return has(`cmd:${name} ${second}`) && asks(argv.slice(2)) ? `cmd:${name} ${second}` : null;
  }
  return null;
}
