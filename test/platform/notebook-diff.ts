/**
 * How a freshly executed notebook differs from the committed one. Everything but the chart
 * images must be identical, byte for byte. Chart images (PNG drawn by Chromium) are identical
 * bytes on one machine, run after run; on another machine a different Chromium build or font
 * rasteriser may move anti-aliased edges, so two PNGs of different bytes are compared by
 * pixels: same size, and no 16 x 16 block whose mean luminance differs by more than
 * `PNG_TOLERANCE` levels (measured here: turning sub-pixel glyph positioning off moves blocks
 * by at most 5.5 levels; two different charts of the same size differ by 62 or more).
 */
import { blockDifference, decodePng } from "../png";

/** Largest block-mean luminance difference (0-255) two images of one chart may show. */
export const PNG_TOLERANCE = 16;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The notebook with each image/png replaced by a numbered placeholder, and the images in order. */
function withoutImages(nb: Json): { nb: Json; images: { where: string; png: string }[] } {
  const images: { where: string; png: string }[] = [];
  const cells = (nb.cells ?? []).map((cell: Json, i: number) => ({
    ...cell,
    outputs: cell.outputs?.map((o: Json, j: number) => {
      if (typeof o.data?.["image/png"] !== "string") return o;
      images.push({ where: `cell ${i + 1} output ${j + 1}`, png: o.data["image/png"] });
      return { ...o, data: { ...o.data, "image/png": `<image ${images.length}>` } };
    }),
  }));
  return { nb: { ...nb, cells }, images };
}

/** The first place two strings differ, with some context on each side. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 50), i + 50));
  return `committed ${around(a)}, now ${around(b)}`;
}

/** Where two parsed notebooks (without images) differ: up to `limit` cells, described. */
function cellDifferences(a: Json, b: Json, limit = 5): string[] {
  const out: string[] = [];
  if (a.cells.length !== b.cells.length) out.push(`${a.cells.length} cells committed, ${b.cells.length} now`);
  const n = Math.min(a.cells.length, b.cells.length);
  for (let i = 0; i < n && out.length < limit; i++) {
    const x = JSON.stringify(a.cells[i], null, 1), y = JSON.stringify(b.cells[i], null, 1);
    if (x !== y) out.push(`cell ${i + 1} (${a.cells[i].cell_type}): ${firstDifference(x, y)}`);
  }
  const rest = (o: Json) => JSON.stringify({ ...o, cells: undefined });
  if (out.length < limit && rest(a) !== rest(b)) out.push(`notebook metadata: ${firstDifference(rest(a), rest(b))}`);
  return out;
}

/**
 * The differences between the committed text of a notebook and a fresh execution of it, one
 * sentence each; none when they are identical, or differ only in chart images that match by
 * pixels (see the module comment).
 */
export function notebookDifferences(committed: string, fresh: string): string[] {
  if (committed === fresh) return [];
  const a = withoutImages(JSON.parse(committed)), b = withoutImages(JSON.parse(fresh));
  const cells = cellDifferences(a.nb, b.nb);
  if (cells.length) return cells;
  if (a.images.length !== b.images.length) return [`${a.images.length} chart images committed, ${b.images.length} now`];
  const out: string[] = [];
  a.images.forEach((img, k) => {
    if (img.png === b.images[k].png) return;
    const x = decodePng(Buffer.from(img.png, "base64")), y = decodePng(Buffer.from(b.images[k].png, "base64"));
    if (x.width !== y.width || x.height !== y.height) {
      out.push(`${img.where}: the chart image is ${x.width}x${x.height} committed, ${y.width}x${y.height} now`);
      return;
    }
    const d = blockDifference(x, y);
    if (d > PNG_TOLERANCE) out.push(`${img.where}: the chart image differs by ${d.toFixed(1)} levels in a 16 px block (more than ${PNG_TOLERANCE}: not rendering noise)`);
  });
  // same content, same images: then the bytes differ in layout (indentation, key order, escapes)
  if (a.images.every((img, k) => img.png === b.images[k].png)) return [`same content, different bytes: ${firstDifference(committed, fresh)}`];
  return out;
}
