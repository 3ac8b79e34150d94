import { describe, expect, it } from "vitest";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { multiplexTimers } = require("../../scripts/tslab-timers");

/** A host with tslab's behaviour: one pending timer, a second one throws. */
function tslabLikeHost() {
  let slot: { cb: () => void } | null = null;
  return {
    setTimeout(cb: () => void) {
      if (slot) throw new Error("Unexpected pending rebuildTimer");
      slot = { cb };
      return slot;
    },
    clearTimeout(t: unknown) {
      if (t !== slot) throw new Error("clearing unexpected timer");
      slot = null;
    },
    fire() {
      const s = slot;
      s?.cb();
      slot = null;
    },
  };
}

describe("multiplexTimers", () => {
  it("lets two timers be pending and fires both, in order, on the single slot", () => {
    const host = tslabLikeHost();
    const h = multiplexTimers(host);
    const calls: string[] = [];
    h.setTimeout(() => calls.push("invalidate"), 250);
    h.setTimeout(() => calls.push("update"), 250); // the unpatched host throws here
    host.fire();
    expect(calls).toEqual(["invalidate", "update"]);
  });
  it("clears one timer without losing the other, and timers scheduled while firing also run", () => {
    const host = tslabLikeHost();
    const h = multiplexTimers(host);
    const calls: string[] = [];
    const a = h.setTimeout(() => calls.push("a"), 250);
    h.setTimeout(() => {
      calls.push("b");
      h.setTimeout(() => calls.push("c"), 250);
    }, 250);
    h.clearTimeout(a);
    host.fire();
    expect(calls).toEqual(["b", "c"]);
  });
  it("releases the slot when every timer is cleared", () => {
    const host = tslabLikeHost();
    const h = multiplexTimers(host);
    h.clearTimeout(h.setTimeout(() => undefined, 250));
    expect(() => host.setTimeout(() => undefined)).not.toThrow();
  });
});
