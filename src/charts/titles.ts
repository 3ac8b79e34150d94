/**
 * Chart titles that fit their plot: plotly draws a title on one line however long it is, so a
 * long title runs off both sides of the chart. Titles are wrapped at word boundaries to the
 * chart's width before drawing, using the advance widths of the chart font (DejaVu Sans).
 */

/**
 * Advance widths of DejaVu Sans (Book), in thousandths of the font size, for printable ASCII
 * and a few common signs; measured in Chromium with canvas `measureText` at 1000 px. Other
 * characters count as 1000 (a full em, wider than any of these), so estimates err on the wide side.
 */
const DEJAVU_SANS_WIDTHS: Record<string, number> = {
  " ": 318, "!": 401, '"': 460, "#": 838, $: 636, "%": 950, "&": 780, "'": 275, "(": 390, ")": 390, "*": 500, "+": 838,
  ",": 318, "-": 361, ".": 318, "/": 337, "0": 636, "1": 636, "2": 636, "3": 636, "4": 636, "5": 636, "6": 636, "7": 636,
  "8": 636, "9": 636, ":": 337, ";": 337, "<": 838, "=": 838, ">": 838, "?": 531, "@": 1000, A: 684, B: 686, C: 698,
  D: 770, E: 632, F: 575, G: 775, H: 752, I: 295, J: 295, K: 656, L: 557, M: 863, N: 748, O: 787, P: 603, Q: 787,
  R: 695, S: 635, T: 611, U: 732, V: 684, W: 989, X: 685, Y: 611, Z: 685, "[": 390, "\\": 337, "]": 390, "^": 838,
  _: 500, "`": 500, a: 613, b: 635, c: 550, d: 635, e: 615, f: 352, g: 635, h: 634, i: 278, j: 278, k: 579, l: 278,
  m: 974, n: 634, o: 612, p: 635, q: 635, r: 411, s: 521, t: 392, u: 634, v: 592, w: 818, x: 592, y: 592, z: 525,
  "{": 636, "|": 337, "}": 636, "~": 838, "£": 636, "€": 636, "×": 838, "–": 500, "—": 1000, "é": 615, "²": 401, "·": 318,
};

/** Font size (px) of chart titles: plotly's default for a 13 px chart font, set explicitly. */
export const TITLE_FONT_SIZE = 18;

/** Height (px) one more title line takes. */
export const TITLE_LINE_HEIGHT = 24;

/**
 * Estimated width in px of `text` drawn in DejaVu Sans at `size` px: the sum of its characters'
 * advance widths (no kerning). Example: "Hi" at 18 px = (752 + 278) / 1000 x 18 = 18.54.
 */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += DEJAVU_SANS_WIDTHS[ch] ?? 1000;
  return (w * size) / 1000;
}

/**
 * `title` broken into lines of at most `maxWidth` px (by `textWidth` at `size`), at spaces,
 * filling each line greedily; a word wider than the line gets a line of its own. Existing
 * `<br>` breaks are kept. Lines are joined with `<br>`, plotly's line break. Example: "Revenue by
 * month" in 120 px at 18 px: "Revenue by" is 5,945 thousandths x 18 = 107.0 px, adding " month"
 * (3,564) makes 171.2 px, so "Revenue by<br>month".
 */
export function wrapTitle(title: string, maxWidth: number, size = TITLE_FONT_SIZE): string {
  const lines: string[] = [];
  for (const part of title.split(/<br\s*\/?>/i)) {
    let line = "";
    for (const word of part.split(" ").filter((w) => w !== "")) {
      const next = line ? `${line} ${word}` : word;
      if (line && textWidth(next, size) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    lines.push(line);
  }
  return lines.join("<br>");
}
