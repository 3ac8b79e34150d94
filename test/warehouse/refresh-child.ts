/**
 * A refresh in a process of its own, for the test that kills one halfway: it runs a full
 * refresh with 3 score bins (so its results differ from the 5-bin ones in place) and a step whose
 * write, inside the run's transaction after the new segments are in, prints WRITING and waits.
 * Source and write URLs come from RETAIL_LAB_CHILD_SOURCE and RETAIL_LAB_CHILD_WRITE.
 */
import { refresh } from "../../src/warehouse/refresh";

const source = process.env.RETAIL_LAB_CHILD_SOURCE as string;
const write = process.env.RETAIL_LAB_CHILD_WRITE as string;
setInterval(() => undefined, 1 << 30); // stay alive until killed
refresh({
  source: { url: source, table: "gen" },
  write,
  full: true,
  bins: 3,
  log: () => undefined,
  steps: [{
    name: "pause",
    compute: () => null,
    async write() {
      process.stdout.write("WRITING\n");
      await new Promise(() => undefined);
    },
  }],
}).catch((e) => {
  process.stdout.write(`FAILED ${(e as Error).message}\n`);
  process.exit(1);
});
