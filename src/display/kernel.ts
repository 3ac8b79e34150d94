/**
 * Sending rich output to the notebook. Inside a tslab kernel, a MIME bundle (several
 * representations of one output) goes through tslab's display writer; anywhere else (vitest,
 * the CLI, a plain node script) sending is a no-op that reports false, so display code never
 * throws outside a kernel.
 */

/** One output in several representations, keyed by MIME type. */
export type MimeBundle = Record<string, unknown>;

type Writer = (content: { data: MimeBundle; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** tslab's writer for the cell being executed, when this process is a tslab kernel. */
function kernelWriter(): Writer | null {
  let path: string;
  try {
    path = require.resolve("tslab/dist/jupyter");
  } catch {
    return null;
  }
  // Only a kernel has loaded tslab's Jupyter module; loading it here would not make one.
  const mod = require.cache[path]?.exports as { lastWriteDisplayData?: Writer | null } | undefined;
  return mod?.lastWriteDisplayData ?? null;
}

/** True when running inside a tslab kernel. */
export function inKernel(): boolean {
  return kernelWriter() !== null;
}

/** Sends a bundle to the notebook; false (and nothing sent) outside a kernel. */
export function sendBundle(bundle: MimeBundle): boolean {
  const write = kernelWriter();
  if (!write) return false;
  write({ data: bundle, metadata: {}, transient: {} }, false);
  return true;
}
