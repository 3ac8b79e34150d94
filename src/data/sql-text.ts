/**
 * The text of a SQL query split into tokens the way polars' SQL parser (sqlparser-rs, generic
 * dialect, as in nodejs-polars 0.24) splits it, so that the guard in sql.ts sees the same words,
 * strings and calls the parser will. Comments and whitespace are dropped.
 *
 * The rules mirrored (each checked against polars 0.24): `--` comments to the end of the line;
 * `/* ... *\/` comments, nested; `'text'` with `''` for a quote and no backslash escapes, except
 * after a lone `E` or `X` prefix (`E'it\'s'`) where a backslash escapes the next character;
 * `"identifier"` and `` `identifier` `` with the quote doubled; `$$text$$` and `$tag$text$tag$`
 * strings; `$1` placeholders; words of letters, digits, `_`, `$`, `#` and `@`.
 *
 * Example: `SELECT "a" FROM read_csv/* x *\/('f.csv')` -> word SELECT, identifier a, word FROM,
 * word read_csv, punct (, string f.csv, punct ).
 */

/** One token: its kind, its text (unquoted for strings and quoted identifiers) and where it starts. */
export interface SqlToken {
  kind: "word" | "identifier" | "string" | "number" | "punct" | "placeholder";
  text: string;
  /** offset in the query of the token's first character */
  at: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$#@\u0080-\uffff]/;

/** Reads a quoted run starting after its opening quote; returns its text and the offset after the closing quote. */
function quoted(q: string, from: number, quote: string, backslash: boolean): { text: string; end: number } {
  let text = "";
  let i = from;
  while (i < q.length) {
    const c = q[i];
    if (backslash && c === "\\" && i + 1 < q.length) {
      text += q[i + 1];
      i += 2;
    } else if (c === quote) {
      if (q[i + 1] === quote) {
        text += quote;
        i += 2;
      } else return { text, end: i + 1 };
    } else {
      text += c;
      i++;
    }
  }
  return { text, end: q.length }; // unterminated: the parser reports it
}

/** The tokens of a query (see the module comment for the rules). */
export function sqlTokens(q: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    const at = i;
    if (/\s/.test(c)) i++;
    else if (c === "-" && q[i + 1] === "-") {
      const nl = q.indexOf("\n", i);
      i = nl < 0 ? q.length : nl + 1;
    } else if (c === "/" && q[i + 1] === "*") {
      let depth = 1;
      i += 2;
      while (i < q.length && depth > 0) {
        if (q[i] === "/" && q[i + 1] === "*") (depth++, (i += 2));
        else if (q[i] === "*" && q[i + 1] === "/") (depth--, (i += 2));
        else i++;
      }
    } else if (c === "'" || c === '"' || c === "`") {
      const r = quoted(q, i + 1, c, false);
      tokens.push({ kind: c === "'" ? "string" : "identifier", text: r.text, at });
      i = r.end;
    } else if (c === "$") {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(q.slice(i));
      if (m) {
        const close = q.indexOf(m[0], i + m[0].length);
        const end = close < 0 ? q.length : close;
        tokens.push({ kind: "string", text: q.slice(i + m[0].length, end), at });
        i = close < 0 ? q.length : close + m[0].length;
      } else {
        let j = i + 1;
        while (j < q.length && WORD_PART.test(q[j])) j++;
        tokens.push({ kind: "placeholder", text: q.slice(i, j), at });
        i = j;
      }
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < q.length && WORD_PART.test(q[j])) j++;
      const word = q.slice(i, j);
      if (q[j] === "'" && /^[EeXx]$/.test(word)) {
        const r = quoted(q, j + 1, "'", true);
        tokens.push({ kind: "string", text: r.text, at });
        i = r.end;
      } else {
        tokens.push({ kind: "word", text: word, at });
        i = j;
      }
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < q.length && /[0-9A-Za-z_.]/.test(q[j])) j++;
      tokens.push({ kind: "number", text: q.slice(i, j), at });
      i = j;
    } else {
      tokens.push({ kind: "punct", text: c, at });
      i++;
    }
  }
  return tokens;
}
