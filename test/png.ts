/**
 * A small PNG decoder for the tests (Node's zlib inflates the image data) and the pixel checks
 * made on chart images: how much of a plot area is drawn ("ink"), and how far apart two images
 * of the same chart are once small rendering differences are averaged out.
 */
import { inflateSync } from "zlib";

/** A decoded image: 8-bit RGBA pixels, row by row. */
export interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** A rectangle of pixels: left and top edge, width and height. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Paeth predictor of the PNG specification (filter type 4). */
function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes a PNG of 8-bit truecolour (colour type 2) or truecolour with alpha (6), not interlaced:
 * what Chromium's canvas writes. Refuses anything else, naming what it found.
 */
export function decodePng(png: Buffer): Image {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG (bad signature)");
  let offset = 8, width = 0, height = 0, channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString("latin1", offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG: bit depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      }
      channels = colour === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  if (!channels) throw new Error("PNG without IHDR");
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? pixels[out + i - channels] : 0;
      const b = y > 0 ? pixels[out - stride + i] : 0;
      const c = y > 0 && i >= channels ? pixels[out - stride + i - channels] : 0;
      const predictor = filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : NaN;
      if (Number.isNaN(predictor)) throw new Error(`bad PNG filter type ${filter} on row ${y}`);
      pixels[out + i] = (line[i] + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    rgba.set(pixels.subarray(p * 3, p * 3 + 3), p * 4);
    rgba[p * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

/** A pixel's colour composited on white (alpha applied), as [r, g, b]. */
function onWhite(img: Image, p: number): [number, number, number] {
  const a = img.rgba[p * 4 + 3] / 255;
  const mix = (v: number) => v * a + 255 * (1 - a);
  return [mix(img.rgba[p * 4]), mix(img.rgba[p * 4 + 1]), mix(img.rgba[p * 4 + 2])];
}

/**
 * Whether a pixel is a mark rather than background: darker than 191 in some channel, or a
 * colour (max - min channel > 48). The white background, the light grey grid (#e5e7eb) and the
 * zero line (#d1d5db) are not ink; bars, points, lines, text and mid-to-dark heatmap cells are.
 */
export function isInk([r, g, b]: [number, number, number]): boolean {
  return Math.min(r, g, b) < 191 || Math.max(r, g, b) - Math.min(r, g, b) > 48;
}

/** Ink pixels (`isInk`) inside `rect` (clipped to the image). */
export function inkPixels(img: Image, rect: Rect): number {
  let n = 0;
  const x0 = Math.max(0, Math.floor(rect.x)), y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(img.width, Math.ceil(rect.x + rect.w)), y1 = Math.min(img.height, Math.ceil(rect.y + rect.h));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (isInk(onWhite(img, y * img.width + x))) n++;
  return n;
}

/**
 * Which of `counts` (ink per row, or per column) belong to a rule: a run of at most 3
 * consecutive lines each inked for at least 90% of `span`. A thicker run is a filled area.
 */
function ruleLines(counts: number[], span: number): boolean[] {
  const full = counts.map((c) => c >= 0.9 * span);
  const rule = new Array<boolean>(counts.length).fill(false);
  for (let i = 0; i < counts.length; ) {
    if (!full[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < counts.length && full[j]) j++;
    if (j - i <= 3) for (let k = i; k < j; k++) rule[k] = true;
    i = j;
  }
  return rule;
}

/**
 * Ink pixels inside `rect` that are not part of a rule: up to 3 adjacent rows inked across at
 * least 90% of the rectangle's width (or such columns across its height) are a grid, zero or
 * axis line and do not count; thicker runs (heatmap cells, treemap slices) do. What is left are
 * the marks: bars, points, curves, cells, text. An empty frame has none, whatever colour its
 * zero line is drawn in.
 */
export function markPixels(img: Image, rect: Rect): number {
  const x0 = Math.max(0, Math.floor(rect.x)), y0 = Math.max(0, Math.floor(rect.y));
  const x1 = Math.min(img.width, Math.ceil(rect.x + rect.w)), y1 = Math.min(img.height, Math.ceil(rect.y + rect.h));
  const w = x1 - x0, h = y1 - y0;
  if (w <= 0 || h <= 0) return 0;
  const ink = new Uint8Array(w * h);
  const rows = new Array<number>(h).fill(0), cols = new Array<number>(w).fill(0);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (isInk(onWhite(img, (y0 + y) * img.width + x0 + x))) {
        ink[y * w + x] = 1;
        rows[y]++;
        cols[x]++;
      }
    }
  }
  const ruleRow = ruleLines(rows, w), ruleCol = ruleLines(cols, h);
  let n = 0;
  for (let y = 0; y < h; y++) {
    if (ruleRow[y]) continue;
    for (let x = 0; x < w; x++) if (ink[y * w + x] && !ruleCol[x]) n++;
  }
  return n;
}

/**
 * The largest difference (0-255) between the mean luminance of the same `block` x `block`
 * square of two images of equal size. Anti-aliasing or a glyph moved by a pixel changes a
 * 16 x 16 square's mean by a few levels; a bar, a point or a word that is not in both images
 * changes it by tens. Refuses images of different sizes.
 */
export function blockDifference(a: Image, b: Image, block = 16): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`images differ in size: ${a.width}x${a.height} and ${b.width}x${b.height}`);
  const luminance = (img: Image, p: number) => {
    const [r, g, bl] = onWhite(img, p);
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  let worst = 0;
  for (let by = 0; by < a.height; by += block) {
    for (let bx = 0; bx < a.width; bx += block) {
      let sa = 0, sb = 0, n = 0;
      for (let y = by; y < Math.min(by + block, a.height); y++) {
        for (let x = bx; x < Math.min(bx + block, a.width); x++) {
          sa += luminance(a, y * a.width + x);
          sb += luminance(b, y * a.width + x);
          n++;
        }
      }
      worst = Math.max(worst, Math.abs(sa - sb) / n);
    }
  }
  return worst;
}
