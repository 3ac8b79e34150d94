/**
 * Structural checks of a delimited text file, so that a malformed row is refused with its row
 * and line instead of being bent (padded with nulls, or swallowed into one value by a quote).
 *
 * The common case stays cheap: quotes are visited with `indexOf` (native), not byte by byte;
 * rows with too few fields are looked for only among the rows polars parsed with an empty last
 * column (a short row always has one); the full per-byte scan runs only when polars refused the
 * file, or when quoted line breaks make rows and lines disagree and there are such candidates.
 *
 * Row numbers are data rows (1 = the first row after the header); line numbers are physical lines.
 */
import { UserError } from "../errors";
import { fmtCount, quoted } from "./describe";
import { lineOfOffset } from "./decode";
import { splitLine } from "./layout";

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** A quoted value holding line breaks: where it opens, where it closes, how many breaks. */
export interface MultilineValue {
  at: number;
  end: number;
  breaks: number;
}

/** What `scanQuotes` found in the bytes of a file. */
export interface QuoteScan {
  /** values opened by a quote at the start of a field */
  quotedValues: number;
  /** quotes inside unquoted values (`12" FRAME`), and the byte offset of the first */
  literalQuotes: number;
  firstLiteral: number;
  multiline: MultilineValue[];
  /** a closing quote followed by text (`at`, with the value's opening quote and line breaks), or a quote never closed (`at` = its opening) */
  problem?: { kind: "text-after-close" | "unclosed"; at: number; open: number; breaks: number };
}

/** True when byte `i` starts a field: the first byte, or after the delimiter or a line end. */
function atFieldStart(bytes: Buffer, i: number, delimiter: number): boolean {
  if (i === 0) return true;
  const prev = bytes[i - 1];
  return prev === delimiter || prev === LF;
}

/**
 * Visits every double quote of the bytes (RFC 4180: a quote opens a value only at the start of
 * a field, `""` inside a quoted value is one quote, and a closing quote is followed by the
 * delimiter or a line end). Linear in the number of quotes plus line breaks.
 * `scanQuotes(Buffer.from('a,"b\nc"\n'), 0x2c).multiline` is `[{ at: 2, end: 6, breaks: 1 }]`.
 */
export function scanQuotes(bytes: Buffer, delimiter: number): QuoteScan {
  const scan: QuoteScan = { quotedValues: 0, literalQuotes: 0, firstLiteral: -1, multiline: [] };
  let nextBreak = bytes.indexOf(LF);
  for (let i = bytes.indexOf(QUOTE); i !== -1; ) {
    if (!atFieldStart(bytes, i, delimiter)) {
      if (scan.firstLiteral < 0) scan.firstLiteral = i;
      scan.literalQuotes++;
      i = bytes.indexOf(QUOTE, i + 1);
      continue;
    }
    scan.quotedValues++;
    const open = i;
    let close = bytes.indexOf(QUOTE, open + 1);
    while (close !== -1 && bytes[close + 1] === QUOTE) close = bytes.indexOf(QUOTE, close + 2);
    if (close === -1) {
      scan.problem = { kind: "unclosed", at: open, open, breaks: 0 };
      return scan;
    }
    const after = bytes[close + 1];
    while (nextBreak !== -1 && nextBreak < open) nextBreak = bytes.indexOf(LF, nextBreak + 1);
    if (close + 1 < bytes.length && after !== delimiter && after !== LF && after !== CR) {
      let breaks = 0;
      for (let b = nextBreak; b !== -1 && b < close; b = bytes.indexOf(LF, b + 1)) breaks++;
      scan.problem = { kind: "text-after-close", at: close, open, breaks };
      return scan;
    }
    if (nextBreak !== -1 && nextBreak < close) {
      let breaks = 0;
      while (nextBreak !== -1 && nextBreak < close) breaks++, (nextBreak = bytes.indexOf(LF, nextBreak + 1));
      scan.multiline.push({ at: open, end: close, breaks });
    }
    i = bytes.indexOf(QUOTE, close + 1);
  }
  return scan;
}

/** Where a byte offset is: its physical line and its data row (line breaks inside quoted values before it do not start rows). */
export function positionOf(bytes: Buffer, offset: number, multiline: MultilineValue[], headerLines: number): { line: number; row: number } {
  const line = lineOfOffset(bytes, offset);
  let inside = 0;
  for (const m of multiline) if (m.end < offset) inside += m.breaks;
  return { line, row: line - inside - headerLines };
}

/** The physical line starting at or before `offset`, without its line end. */
function lineAround(bytes: Buffer, offset: number): string {
  const start = bytes.lastIndexOf(LF, offset - 1) + 1;
  const nl = bytes.indexOf(LF, offset);
  return bytes.subarray(start, nl === -1 ? bytes.length : nl).toString("utf8").replace(/\r$/, "");
}

/** How the file is laid out, for the checks below. */
export interface RowLayout {
  file: string;
  /** the delimiter character (a whitespace-separated file is checked after its runs became tabs) */
  delimiter: string;
  quoting: boolean;
  /** fields a row must have */
  fields: number;
  headerLines: 0 | 1;
  /** "the header has" or "the mapping names": what fixed the field count, for messages */
  fieldsFrom: string;
}

function where(r: { row: number; line: number }): string {
  return r.row === r.line ? `row ${r.row}` : `row ${r.row} (line ${r.line})`;
}

/**
 * Refuses the quote problems of a scan: a quote never closed, text after a closing quote, a
 * quote inside an unquoted value in a file that also quotes values (where does it end?), and
 * a quoted value whose inner lines look like rows of their own (a stray quote that swallowed
 * them). Returns whether the file quotes values (when it never does, its literal quotes such as
 * `12" FRAME` are text, and the reader reads it with quoting off).
 */
export function checkQuotes(bytes: Buffer, scan: QuoteScan, layout: RowLayout): boolean {
  const { file } = layout;
  const at = (offset: number) => positionOf(bytes, offset, scan.multiline, layout.headerLines);
  if (scan.problem?.kind === "unclosed") {
    const p = at(scan.problem.at);
    throw new UserError(
      `${file}: ${where(p)} has a quote that opens a value and is never closed (${quoted(lineAround(bytes, scan.problem.at))}), so every line after it ` +
        `would be read as one value; remove the stray quote, or double it ("") inside a quoted value.`,
    );
  }
  if (scan.problem?.kind === "text-after-close" && scan.problem.breaks > 0) {
    const p = at(scan.problem.open);
    throw new UserError(
      `${file}: ${where(p)} has a quote that opens a value running over the next ${fmtCount(scan.problem.breaks, "line")} and closing before other text ` +
        `(${quoted(lineAround(bytes, scan.problem.open))}); a stray quote? Remove it, or double it ("") inside a quoted value.`,
    );
  }
  if (scan.problem?.kind === "text-after-close") {
    const p = at(scan.problem.at);
    throw new UserError(
      `${file}: ${where(p)} has text right after a closing quote (${quoted(lineAround(bytes, scan.problem.at))}); ` +
        `a quote inside a quoted value must be doubled ("").`,
    );
  }
  if (scan.literalQuotes > 0 && scan.quotedValues > 0) {
    const p = at(scan.firstLiteral);
    throw new UserError(
      `${file}: ${where(p)} has a quote inside an unquoted value (${quoted(lineAround(bytes, scan.firstLiteral))}) while other values of the file ` +
        `are quoted, so where that value ends is ambiguous; quote the value and double its quote ("12"" FRAME").`,
    );
  }
  for (const m of scan.multiline) {
    const inner = bytes.subarray(m.at + 1, m.end).toString("utf8").split("\n").slice(1, -1);
    const swallowed = inner.find((l) => layout.fields >= 3 && splitLine(l.replace(/\r$/, ""), layout.delimiter, false).length >= layout.fields);
    if (swallowed !== undefined) {
      const p = at(m.at);
      throw new UserError(
        `${file}: ${where(p)} has a quote that opens a value running over the next ${fmtCount(m.breaks, "line")}, and they look like rows of their own ` +
          `(${quoted(swallowed)}); a stray quote? Remove it, or double it ("") inside a quoted value.`,
      );
    }
  }
  return scan.quotedValues > 0;
}

function fieldsMessage(layout: RowLayout, r: { row: number; line: number }, count: number, text: string): UserError {
  if (text.trim() === "") return new UserError(`${layout.file}: ${where(r)} is blank; remove blank lines inside the table.`);
  const fix = count < layout.fields
    ? "a value is missing or a delimiter was lost, so its values cannot be matched to the columns"
    : "a delimiter inside a value that is not quoted? Quote that value";
  return new UserError(`${layout.file}: ${where(r)} has ${count} fields where ${layout.fieldsFrom} ${layout.fields} (${quoted(text)}); ${fix}.`);
}

/**
 * The first row whose field count is not `layout.fields`, found by reading every byte (quotes
 * honoured): the slow, exact scan for files polars refused or files with quoted line breaks.
 * Throws its message; returns quietly when every row is well formed.
 */
export function refuseRaggedRows(bytes: Buffer, layout: RowLayout): void {
  const delimiter = layout.delimiter.charCodeAt(0);
  let fields = 1;
  let inQuote = false;
  let fieldStart = true;
  let line = 1;
  let recordLine = 1;
  let recordStart = 0;
  let row = 1 - layout.headerLines;
  const endRecord = (end: number) => {
    const text = bytes.subarray(recordStart, end).toString("utf8").replace(/\r$/, "");
    const blank = text.trim() === "";
    const tail = blank && bytes.subarray(end).toString("utf8").trim() === "";
    if (row >= 1 && !tail && (blank || fields !== layout.fields)) throw fieldsMessage(layout, { row, line: recordLine }, fields, text);
    row++, line++, (recordLine = line), (recordStart = end + 1), (fields = 1), (fieldStart = true);
  };
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inQuote) {
      if (c === QUOTE && bytes[i + 1] === QUOTE) i++;
      else if (c === QUOTE) inQuote = false;
      else if (c === LF) line++;
    } else if (c === LF) endRecord(i);
    else if (c === delimiter) fields++, (fieldStart = true);
    else if (c === QUOTE && fieldStart && layout.quoting) (inQuote = true), (fieldStart = false);
    else if (c !== CR) fieldStart = false;
  }
  if (recordStart < bytes.length) endRecord(bytes.length);
}

/**
 * Checks the rows polars padded: `candidates` are 0-based data rows whose last column came out
 * empty (a row with too few fields always does; a row whose last value is empty does too).
 * Each one's line is found by counting line ends (valid only when no quoted value holds a line
 * break) and its fields are counted; the first short or blank row is refused.
 */
export function refuseShortRows(bytes: Buffer, candidates: number[], layout: RowLayout): void {
  let lineStart = 0;
  let line = 1;
  for (const r of candidates) {
    const target = r + 1 + layout.headerLines;
    while (line < target) {
      const nl = bytes.indexOf(LF, lineStart);
      if (nl === -1) return;
      lineStart = nl + 1;
      line++;
    }
    const nl = bytes.indexOf(LF, lineStart);
    const text = bytes.subarray(lineStart, nl === -1 ? bytes.length : nl).toString("utf8").replace(/\r$/, "");
    const count = splitLine(text, layout.delimiter, layout.quoting).length;
    if (count !== layout.fields || text.trim() === "") throw fieldsMessage(layout, { row: r + 1, line }, count, text);
  }
}
