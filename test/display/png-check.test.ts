/** The test-side PNG decoder and pixel checks (test/png.ts), on images built byte by byte here. */
import { crc32, deflateSync } from "zlib";
import { describe, expect, it } from "vitest";
import { blockDifference, decodePng, inkPixels, isInk, markPixels, type Image } from "../png";

/** A PNG from raw scanlines (each starting with its filter byte), colour type 2 or 6. */
function png(width: number, height: number, colour: 2 | 6, scanlines: number[][]): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, "latin1"), body])) >>> 0);
    return Buffer.concat([len, Buffer.from(type, "latin1"), body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colour, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.from(scanlines.flat()))), chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("decodePng", () => {
  it("undoes the five scanline filters", () => {
    // 2 x 3 RGB image; wanted pixels: row 0 (10,20,30) (40,50,60); row 1 (15,25,35) (45,55,65); row 2 (100,0,0) (0,100,0)
    const img = decodePng(png(2, 3, 2, [
      [1, 10, 20, 30, 30, 30, 30], // Sub: second pixel = first + 30 each
      [2, 5, 5, 5, 5, 5, 5], // Up: row above + 5
      // Paeth, all three predictors: pixel 0 has no left, so it is predicted from above (15,25,35):
      // raw = (100-15, 0-25, 0-35) mod 256 = (85, 231, 221). Pixel 1, left a, above b, upper-left c, p = a + b - c:
      // R a=100 b=45 c=15 p=130 -> nearest a: 0-100 = 156; G a=0 b=55 c=25 p=30 -> nearest c: 100-25 = 75;
      // B a=0 b=65 c=35 p=30 -> nearest c: 0-35 = 221
      [4, 85, 231, 221, 156, 75, 221],
    ]));
    expect([img.width, img.height]).toEqual([2, 3]);
    expect(Array.from(img.rgba.subarray(0, 8))).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
    expect(Array.from(img.rgba.subarray(8, 16))).toEqual([15, 25, 35, 255, 45, 55, 65, 255]);
    expect(Array.from(img.rgba.subarray(16, 24))).toEqual([100, 0, 0, 255, 0, 100, 0, 255]);
  });
  it("reads RGBA with the Average filter, and refuses what it cannot read", () => {
    // 2 x 1 RGBA: Average with no row above predicts floor(left / 2): second pixel = 10 + floor(100 / 2) = 60
    const img = decodePng(png(2, 1, 6, [[3, 100, 100, 100, 255, 10, 10, 10, 128]]));
    expect(Array.from(img.rgba)).toEqual([100, 100, 100, 255, 60, 60, 60, 255]);
    expect(() => decodePng(Buffer.from("GIF89a"))).toThrow("not a PNG");
  });
});

describe("pixel checks", () => {
  const solid = (w: number, h: number, rgb: [number, number, number]): Image => {
    const rgba = new Uint8Array(w * h * 4);
    for (let p = 0; p < w * h; p++) rgba.set([...rgb, 255], p * 4);
    return { width: w, height: h, rgba };
  };
  it("counts marks, not the background, the grid or the zero line, as ink", () => {
    expect(isInk([255, 255, 255])).toBe(false);
    expect(isInk([0xe5, 0xe7, 0xeb])).toBe(false); // grid
    expect(isInk([0xd1, 0xd5, 0xdb])).toBe(false); // zero line
    expect(isInk([0x00, 0x72, 0xb2])).toBe(true); // the palette's blue
    expect(isInk([0xf0, 0xe4, 0x42])).toBe(true); // the palette's yellow: light but a colour
    const img = solid(4, 4, [255, 255, 255]);
    img.rgba.set([0, 114, 178, 255], (1 * 4 + 2) * 4); // one blue pixel at x 2, y 1
    expect(inkPixels(img, { x: 0, y: 0, w: 4, h: 4 })).toBe(1);
    expect(inkPixels(img, { x: 0, y: 2, w: 4, h: 2 })).toBe(0);
  });
  it("does not count grid, zero or axis lines as marks, however dark; filled areas it does", () => {
    const frame = solid(20, 10, [255, 255, 255]);
    const paint = (img: Image, x: number, y: number, rgb: [number, number, number]) => img.rgba.set([...rgb, 255], (y * img.width + x) * 4);
    for (let x = 0; x < 20; x++) paint(frame, x, 5, [68, 68, 68]); // a dark zero line across the whole width
    for (let y = 0; y < 10; y++) paint(frame, 3, y, [68, 68, 68]); // and a dark vertical axis line
    expect(inkPixels(frame, { x: 0, y: 0, w: 20, h: 10 })).toBe(20 + 10 - 1); // all ink...
    expect(markPixels(frame, { x: 0, y: 0, w: 20, h: 10 })).toBe(0); // ...but no marks: an empty frame
    for (let y = 6; y < 10; y++) paint(frame, 10, y, [0, 114, 178]); // a bar 1 px wide, 4 px tall, from the zero line down
    expect(markPixels(frame, { x: 0, y: 0, w: 20, h: 10 })).toBe(4);
    const filled = solid(20, 10, [0, 114, 178]); // a heatmap filling the area: 10 full rows, a run longer than 3
    expect(markPixels(filled, { x: 0, y: 0, w: 20, h: 10 })).toBe(200);
  });
  it("measures the largest block-mean difference between two images", () => {
    const a = solid(32, 16, [255, 255, 255]);
    const b = solid(32, 16, [255, 255, 255]);
    expect(blockDifference(a, b)).toBe(0);
    b.rgba.set([0, 0, 0, 255], 0); // one black pixel in the first 16 x 16 block: 255 / 256 levels
    expect(blockDifference(a, b)).toBeCloseTo(255 / 256, 10);
    expect(() => blockDifference(a, solid(16, 16, [0, 0, 0]))).toThrow("images differ in size: 32x16 and 16x16");
  });
});
