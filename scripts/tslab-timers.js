// A fix for tslab 1.0.22, installed by scripts/kernel.js before tslab loads.
//
// tslab drives TypeScript's watch compiler with a fake timer that holds ONE pending callback
// and throws "Unexpected pending rebuildTimer" when a second is scheduled. TypeScript keeps
// two timers: one to update the program and one to invalidate failed module lookups. The
// second fires whenever a file appears under a folder TypeScript watches for failed lookups,
// which includes src/ (it probes src/node_modules), so adding or saving a file in src/
// between two cells made the next cell throw, and every cell after it, until a restart.
//
// The fix hands tslab a TypeScript module whose watch hosts multiplex any number of
// TypeScript timers onto tslab's single slot: the slot fires them all, in order. Nothing
// else about tslab changes.
"use strict";
const Module = require("module");

/** Wraps a watch host so that any number of timers share the host's single-slot timer. */
function multiplexTimers(host) {
  const setSlot = host.setTimeout;
  const clearSlot = host.clearTimeout;
  if (!setSlot || !clearSlot) return host;
  const pending = new Set();
  let slot = null;
  let firing = false;
  function fire() {
    firing = true;
    try {
      // callbacks may schedule more timers: run until none is left
      while (pending.size > 0) {
        const [timer] = pending;
        pending.delete(timer);
        timer.callback(...timer.args);
      }
    } finally {
      firing = false;
      slot = null;
    }
  }
  host.setTimeout = (callback, ms, ...args) => {
    const timer = { callback, args };
    pending.add(timer);
    if (!slot && !firing) slot = setSlot.call(host, fire, ms);
    return timer;
  };
  host.clearTimeout = (timer) => {
    pending.delete(timer);
    if (pending.size === 0 && slot && !firing) {
      clearSlot.call(host, slot);
      slot = null;
    }
  };
  return host;
}

/** The TypeScript module as tslab sees it: the same, with createWatchCompilerHost wrapped. */
function patchedTypeScript(ts) {
  const copy = {};
  for (const key of Object.keys(ts)) {
    if (key === "createWatchCompilerHost") continue;
    Object.defineProperty(copy, key, { enumerable: true, get: () => ts[key] });
  }
  Object.defineProperty(copy, "createWatchCompilerHost", {
    enumerable: true,
    value: (...args) => multiplexTimers(ts.createWatchCompilerHost(...args)),
  });
  return copy;
}

/** Installs the fix: tslab's converter gets the patched TypeScript. */
function install() {
  const load = Module._load;
  let patched = null;
  Module._load = function (request, parent, isMain) {
    const mod = load.apply(this, arguments);
    if (request === "@tslab/typescript-for-tslab" && parent && /[\\/]tslab[\\/]dist[\\/]converter\.js$/.test(parent.filename)) {
      if (!patched) patched = patchedTypeScript(mod);
      return patched;
    }
    return mod;
  };
}

module.exports = { install, multiplexTimers };
