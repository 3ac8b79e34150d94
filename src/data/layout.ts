/**
 * The layout of a delimited text file: which delimiter separates its fields, and whether its
 * first line is a header. Detection looks at the first lines only (a sample), so it costs the
 * same on a 1 GB file as on a small one.
 *
 * Delimiter rule: among `,` tab `;` `|` (in that order of preference), the candidates that split
 * line 1 into 2 or more fields and at least half of the sampled lines into as many; the one with
 * the largest share of such lines wins, then the one with more fields, then the order. When none
 * does, runs of spaces and tabs ("whitespace") are tried the same way. A file whose every sampled
 * line is one field has one column. (Rows that split differently are then named by the row checks.)
 */
import { UserError } from "../errors";
import { fmtCount, quoted } from "./describe";

/** A field delimiter: one character, or "whitespace" (runs of spaces and tabs, ends of lines trimmed). */
export type Delimiter = string;

/** Preferred single-character delimiters, in order. */
export const DELIMITER_CANDIDATES = [",", "\t", ";", "|"] as const;

/** The delimiter's name for messages: `delimiterName("\t")` is "tab". */
export function delimiterName(d: Delimiter): string {
  const names: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe", whitespace: "runs of whitespace", " ": "space" };
  return names[d] ?? `"${d}"`;
}

/**
 * The delimiter a mapping's `"delimiter"` value means: one ASCII character, `"tab"` or `"\\t"`
 * for a tab, `"whitespace"` for runs of spaces and tabs; null for anything else (`"; "`, `"\""`, `"§"`).
 */
export function delimiterSetting(value: string): Delimiter | null {
  if (value === "tab" || value === "\\t") return "\t";
  if (value === "whitespace") return "whitespace";
  if (value.length === 1 && value.charCodeAt(0) < 128 && !['"', "\n", "\r"].includes(value)) return value;
  return null;
}

/**
 * Fields of one line split by a one-character delimiter, honouring RFC 4180 double quotes
 * (a quoted field may hold the delimiter; `""` inside quotes is one quote):
 * `splitLine('a,"b,c",d', ",")` is `["a", "b,c", "d"]`. With "whitespace", runs of spaces and
 * tabs separate fields and the ends are trimmed: `splitLine(" 1  2 ", "whitespace")` is `["1", "2"]`.
 */
export function splitLine(line: string, delimiter: Delimiter, quoting = true): string[] {
  if (delimiter === "whitespace") {
    const t = line.trim();
    return t === "" ? [""] : t.split(/[ \t]+/);
  }
  if (!quoting || !line.includes('"')) return line.split(delimiter);
  const out: string[] = [];
  let field = "";
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuote) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') inQuote = false;
      else field += c;
    } else if (c === '"' && field === "") inQuote = true;
    else if (c === delimiter) out.push(field), (field = "");
    else field += c;
  }
  out.push(field);
  return out;
}

/**
 * The first `n` non-blank lines of a text, without their line ends. The last line is left out
 * when the sample was cut in its middle (`complete` false).
 */
export function sampleLines(text: string, n = 50, complete = true): string[] {
  const lines = text.split(/\r?\n/, n + 1);
  if (!complete || lines.length > n) lines.pop();
  return lines.filter((l) => l.trim() !== "").slice(0, n);
}

/** How a candidate delimiter splits the sample: line 1's field count, and the share of lines with as many. */
export interface DelimiterFit {
  delimiter: Delimiter;
  /** fields of line 1 (the header, or the first row) */
  fields: number;
  /** share of the sampled lines with that many fields */
  share: number;
  /** the smallest and largest field counts seen */
  range: [number, number];
}

/** True when a line ends inside a quoted value (a quote opened at the start of a field and not closed), for `delimiter`. */
function endsInQuote(line: string, delimiter: Delimiter, open = false): boolean {
  let inQuote = open;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (inQuote) {
      if (c === '"' && line[i + 1] === '"') i++;
      else if (c === '"') inQuote = false;
    } else if (c === '"' && (i === 0 || line[i - 1] === delimiter)) inQuote = true;
  }
  return inQuote;
}

/** The sampled lines joined into records: a line that ends inside a quoted value continues on the next (for `delimiter`). */
export function recordsOf(lines: string[], delimiter: Delimiter): string[] {
  if (delimiter === "whitespace") return lines;
  const out: string[] = [];
  let open = false;
  for (const line of lines) {
    if (open) out[out.length - 1] += `\n${line}`;
    else out.push(line);
    open = endsInQuote(line, delimiter, open);
  }
  return out;
}

/** How `delimiter` splits the sampled records (see `DelimiterFit`). */
export function delimiterFit(lines: string[], delimiter: Delimiter): DelimiterFit {
  const counts = recordsOf(lines, delimiter).map((l) => splitLine(l, delimiter).length);
  const fields = counts[0] ?? 0;
  return {
    delimiter, fields, share: counts.length ? counts.filter((c) => c === fields).length / counts.length : 0,
    range: [Math.min(...counts), Math.max(...counts)],
  };
}

/** A fit worth taking: line 1 splits into 2 or more fields, and most lines split like it (the rest are for the row checks to name). */
const viable = (f: DelimiterFit) => f.fields >= 2 && f.share >= 0.5;

/** The detected delimiter of a sample, or null when nothing splits it consistently (with every candidate's fit). */
export function detectDelimiter(lines: string[]): { delimiter: Delimiter | null; fits: DelimiterFit[] } {
  const fits = DELIMITER_CANDIDATES.map((d) => delimiterFit(lines, d));
  const ok = fits.filter(viable).sort((a, b) => b.share - a.share || b.fields - a.fields);
  if (ok.length) return { delimiter: ok[0].delimiter, fits };
  const ws = delimiterFit(lines, "whitespace");
  fits.push(ws);
  if (viable(ws)) return { delimiter: "whitespace", fits };
  if (fits.every((f) => f.range[1] === 1)) return { delimiter: ",", fits };
  return { delimiter: null, fits };
}

/**
 * The delimiter to read a file with: the mapping's when it gives one (refused when it splits no
 * sampled line), else the detected one (refused when detection finds none). Returns whether it was detected.
 */
export function chooseDelimiter(lines: string[], forced: Delimiter | undefined, file: string): { delimiter: Delimiter; detected: boolean; fields: number } {
  const found = detectDelimiter(lines);
  if (forced !== undefined) {
    const fit = delimiterFit(lines, forced);
    if (fit.range[1] < 2) {
      const other = found.delimiter && found.fits.find((f) => f.delimiter === found.delimiter && f.fields >= 2);
      throw new UserError(
        `${file}: the mapping's delimiter (${delimiterName(forced)}) splits none of the first ${fmtCount(lines.length, "line")} into more than one field ` +
          `(line 1 is ${quoted(lines[0])})` +
          (other ? `; the file looks ${delimiterName(other.delimiter)}-separated (${other.fields} fields a line).` : "."),
      );
    }
    return { delimiter: forced, detected: false, fields: fit.fields };
  }
  if (found.delimiter === null) {
    const tried = found.fits.map((f) => `${delimiterName(f.delimiter)} ${f.range[0]}-${f.range[1]}`).join(", ");
    throw new UserError(
      `${file}: no delimiter splits its first ${fmtCount(lines.length, "line")} into the same number of fields (fields a line: ${tried}); ` +
        `set "delimiter" in the mapping.`,
    );
  }
  const fit = found.fits.find((f) => f.delimiter === found.delimiter) as DelimiterFit;
  return { delimiter: found.delimiter, detected: true, fields: fit.fields };
}

const NUMBER_OR_DATE = /^[-+]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}([ T][\d:.]+)?$/;

/** True for a value that reads as a number or a numeric date (`12`, `-3.5`, `19970101`, `2011-01-02 10:00`). */
export function looksNumeric(value: string): boolean {
  return NUMBER_OR_DATE.test(value.trim().replace(/^\$|%$/g, ""));
}

/**
 * Whether the first line is a header, by the vote of Python's csv.Sniffer: a column whose line-1
 * value is text while its other values are numbers or dates votes for a header; one whose
 * line-1 value is of the same kind as the rest votes against (text over text does not vote). A
 * header unless the votes are against. `headerLikely(["id", "qty"], [["7", "2"]])` is true;
 * `headerLikely(["A1", "2011-01-02", "1"], [["B2", "2011-01-03", "4"]])` is false.
 */
export function headerLikely(firstLine: string[], rows: string[][] = []): boolean {
  const numeric = (v: string | undefined) => v !== undefined && v.trim() !== "" && looksNumeric(v);
  if (rows.length === 0) return !firstLine.every((v) => numeric(v));
  let votes = 0;
  firstLine.forEach((v, j) => {
    const col = rows.map((r) => r[j]).filter((x) => x !== undefined && x.trim() !== "");
    if (col.length === 0) return;
    const rowsNumeric = col.filter((x) => numeric(x)).length > col.length / 2;
    if (rowsNumeric && !numeric(v)) votes++;
    else if (rowsNumeric || numeric(v)) votes--;
  });
  return votes >= 0;
}
