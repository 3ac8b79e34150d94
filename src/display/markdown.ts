/** Markdown output built from computed values: the findings of a notebook. */
import { sendBundle, type MimeBundle } from "./kernel";

/** A markdown bundle (markdown, with the same text as plain text). */
export function markdownBundle(md: string): MimeBundle {
  return { "text/markdown": md, "text/plain": md };
}

/** Shows markdown in the notebook (no-op outside a kernel). */
export function showMarkdown(md: string): void {
  sendBundle(markdownBundle(md));
}

/** A markdown bullet list from lines. */
export function bullets(lines: string[]): string {
  return lines.map((l) => `- ${l}`).join("\n");
}

/** A small markdown table from rows of cells (already formatted). */
export function markdownTable(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.map(esc).join(" | ")} |`).join("\n");
}
