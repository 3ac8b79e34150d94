/**
 * Decoding the bytes of a text file into UTF-8, with a record of how it was done.
 *
 * The rule, in order:
 * 1. gzip bytes (magic number 1f 8b) are decompressed first;
 * 2. a byte-order mark decides: UTF-8 (ef bb bf, stripped), UTF-16 LE (ff fe) or BE (fe ff), decoded;
 * 3. valid UTF-8 is UTF-8 (plain ASCII included): the common case, checked natively;
 * 4. bytes with no valid multi-byte UTF-8 sequence at all are Windows-1252 (0x80-0x9F are
 *    `€`, `–`, `’`..., 0xA0-0xFF Latin-1), and the reading says so;
 * 5. anything else is UTF-8 with some bad bytes: refused with the row of the first bad byte,
 *    never re-decoded whole (that would garble every correct accented letter of the file).
 *
 * A mapping's `"encoding"` forces one of "utf-8", "windows-1252", "utf-16le", "utf-16be".
 */
import { gunzipSync } from "zlib";
import { UserError } from "../errors";
import { fmtCount } from "./describe";

// required rather than imported: tslab type-checks notebook imports with its own older Node types, which lack isUtf8
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const { isUtf8 } = require("buffer") as { isUtf8: (b: Buffer) => boolean };

/**
 * Bytes of `b` up to the end of its last complete UTF-8 sequence: a sequence cut at the end (a
 * lead byte without all its continuation bytes) is left out, for a reader that checks a file in
 * pieces. `completeUtf8End(Buffer.from([0x61, 0xe2, 0x82]))` is 1 ("a", then two of the euro sign's three bytes).
 */
export function completeUtf8End(b: Buffer): number {
  for (let i = b.length - 1; i >= Math.max(0, b.length - 3); i--) {
    const x = b[i];
    if (x < 0x80) return b.length;
    if (x >= 0xc0) return i + (x >= 0xf0 ? 4 : x >= 0xe0 ? 3 : 2) > b.length ? i : b.length;
  }
  return b.length;
}

/** Text encodings the loaders read. */
export const TEXT_ENCODINGS = ["utf-8", "windows-1252", "utf-16le", "utf-16be"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

/** The decoded text of a file and how it was obtained. */
export interface DecodedText {
  /** the text as UTF-8 bytes, without a byte-order mark */
  bytes: Buffer;
  encoding: TextEncoding;
  /** true when the file started with a byte-order mark */
  bom: boolean;
  /** true when the file was gzip-compressed */
  gzip: boolean;
  /** how the encoding was decided, in words ("valid UTF-8", "no valid UTF-8 sequence: read as Windows-1252") */
  how: string;
}

/** Unicode code points of the Windows-1252 bytes 0x80-0x9F (the five unassigned bytes keep their C1 value). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

/**
 * Windows-1252 bytes as a string. Node's TextDecoder("windows-1252") decodes 0x80-0x9F as
 * C1 controls (Latin-1), so those 32 bytes are mapped here: `decodeWindows1252([0x80, 0x96])` is `"€–"`.
 */
export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString("latin1").replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]));
}

/**
 * Counts of a non-UTF-8 buffer: valid multi-byte sequences, invalid bytes, and the byte offset
 * of the first invalid one. `utf8Damage(Buffer.from([0x63, 0xe9]))` is `{ valid: 0, invalid: 1, first: 1 }`.
 */
export function utf8Damage(bytes: Buffer): { valid: number; invalid: number; first: number } {
  const text = bytes.toString("utf8");
  let invalid = 0;
  let first = -1;
  for (let i = text.indexOf("\ufffd"); i !== -1; i = text.indexOf("\ufffd", i + 1)) {
    if (first < 0) first = Buffer.byteLength(text.slice(0, i));
    invalid++;
  }
  const genuine = countOf(bytes, Buffer.from([0xef, 0xbf, 0xbd]));
  const nonAscii = text.match(/[^\x00-\x7f]/g)?.length ?? 0;
  return { valid: nonAscii - invalid, invalid: invalid - genuine, first };
}

function countOf(bytes: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(needle); i !== -1; i = bytes.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** The 1-based line of a byte offset (newlines before it, plus one). */
export function lineOfOffset(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
  return line;
}

/** True when the bytes start with gzip's magic number (1f 8b). */
function isGzip(bytes: Buffer): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function gunzipped(bytes: Buffer, file: string): { buf: Buffer; gzip: boolean } {
  if (!isGzip(bytes)) return { buf: bytes, gzip: false };
  try {
    return { buf: gunzipSync(bytes), gzip: true };
  } catch (e) {
    throw new UserError(`${file}: looks gzip-compressed but could not be decompressed (${(e as Error).message}).`);
  }
}

function utf16(buf: Buffer, bigEndian: boolean): Buffer {
  const body = Buffer.from(buf);
  if (bigEndian) body.swap16();
  return Buffer.from(body.toString("utf16le"), "utf8");
}

function bomOf(buf: Buffer): TextEncoding | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return "utf-8";
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return "utf-16le";
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return "utf-16be";
  return null;
}

/** Decodes bytes in a known encoding (BOM already removed) into UTF-8 bytes. */
function decodeAs(buf: Buffer, encoding: TextEncoding, file: string): Buffer {
  if (encoding === "utf-16le" || encoding === "utf-16be") {
    if (buf.length % 2 !== 0) throw new UserError(`${file}: has an odd number of bytes, so it is not ${encoding.toUpperCase()} text.`);
    return utf16(buf, encoding === "utf-16be");
  }
  if (encoding === "windows-1252") return Buffer.from(decodeWindows1252(buf), "utf8");
  if (!isUtf8(buf)) throw badUtf8(buf, file, utf8Damage(buf));
  return buf;
}

function badUtf8(buf: Buffer, file: string, d: { valid: number; invalid: number; first: number }): UserError {
  const line = lineOfOffset(buf, d.first);
  return new UserError(
    `${file}: line ${line} has a byte that is not UTF-8 (0x${buf[d.first].toString(16).toUpperCase()} at byte ${d.first + 1}), while the file ` +
      `has ${fmtCount(d.valid, "valid UTF-8 accented character")} (${fmtCount(d.invalid, "bad byte")} in all); fix those bytes, or set ` +
      `"encoding": "windows-1252" in the mapping if the whole file is Windows-1252.`,
  );
}

/**
 * True when UTF-8 text starting with these bytes would be decoded as it is (`decodeText` with no
 * forced encoding returns the same bytes, "valid UTF-8"): not gzip, no byte-order mark. The rest
 * of the text must still be valid UTF-8 without NUL bytes.
 */
export function decodesAsItIs(head: Buffer): boolean {
  return !isGzip(head) && bomOf(head) === null;
}

/**
 * The text of a file's bytes as UTF-8, following the rule at the top of this module.
 * `decodeText(Buffer.from("caf\xe9", "latin1"), "f.csv").encoding` is "windows-1252".
 */
export function decodeText(bytes: Buffer, file: string, forced?: TextEncoding): DecodedText {
  const { buf, gzip } = gunzipped(bytes, file);
  const bom = bomOf(buf);
  if (bom) {
    if (forced && forced !== bom) throw new UserError(`${file}: starts with a ${bom.toUpperCase()} byte-order mark, but the mapping says "encoding": "${forced}".`);
    const body = buf.subarray(bom === "utf-8" ? 3 : 2);
    return { bytes: decodeAs(body, bom, file), encoding: bom, bom: true, gzip, how: `${bom.toUpperCase()} byte-order mark` };
  }
  if (forced) return { bytes: decodeAs(buf, forced, file), encoding: forced, bom: false, gzip, how: "set by the mapping" };
  if (isUtf8(buf)) {
    if (buf.indexOf(0) !== -1) throw utf16WithoutBom(buf, file);
    return { bytes: buf, encoding: "utf-8", bom: false, gzip, how: "valid UTF-8" };
  }
  const damage = utf8Damage(buf);
  if (damage.valid > 0) throw badUtf8(buf, file, damage);
  return {
    bytes: Buffer.from(decodeWindows1252(buf), "utf8"), encoding: "windows-1252", bom: false, gzip,
    how: `not UTF-8 (no valid UTF-8 sequence among its ${fmtCount(damage.invalid, "non-ASCII byte")}): read as Windows-1252`,
  };
}

function utf16WithoutBom(buf: Buffer, file: string): UserError {
  const evenZeros = buf.subarray(0, 4096).filter((b, i) => b === 0 && i % 2 === 0).length;
  const guess = evenZeros > 0 ? "utf-16be" : "utf-16le";
  return new UserError(
    `${file}: has NUL bytes, so it is not text in UTF-8; if it is UTF-16 without a byte-order mark, set "encoding": "${guess}" in the mapping.`,
  );
}
