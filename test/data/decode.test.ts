import { gzipSync } from "zlib";
import { describe, expect, it } from "vitest";
import { decodeText, decodeWindows1252, utf8Damage } from "../../src/data/decode";

const text = (d: { bytes: Buffer }) => d.bytes.toString("utf8");

describe("decodeText", () => {
  it("reads valid UTF-8 as it is, and strips a UTF-8 byte-order mark", () => {
    const d = decodeText(Buffer.from("a,b\nCAFÉ,1\n"), "f.csv");
    expect([d.encoding, d.bom, text(d)]).toEqual(["utf-8", false, "a,b\nCAFÉ,1\n"]);
    const b = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a\n")]), "f.csv");
    expect([b.encoding, b.bom, text(b)]).toEqual(["utf-8", true, "a\n"]);
  });
  it("reads a file with no valid UTF-8 sequence as Windows-1252: 0x80 is the euro sign, 0x96 an en dash", () => {
    // "€5 – CAFÉ" in Windows-1252: 80 35 20 96 20 43 41 46 C9
    const d = decodeText(Buffer.from([0x80, 0x35, 0x20, 0x96, 0x20, 0x43, 0x41, 0x46, 0xc9]), "f.csv");
    expect(d.encoding).toBe("windows-1252");
    expect(text(d)).toBe("€5 – CAFÉ");
    expect(d.how).toMatch(/not UTF-8 .*read as Windows-1252/);
  });
  it("maps all 27 assigned bytes 0x80-0x9F to their characters and keeps the 5 unassigned ones", () => {
    const bytes = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i));
    const s = decodeWindows1252(bytes);
    expect(s).toBe("€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ");
  });
  it("refuses a UTF-8 file with a few bad bytes, naming the line of the first, instead of re-decoding it whole", () => {
    const bytes = Buffer.concat([Buffer.from("a,b\nCAFÉ,1\nCR"), Buffer.from([0xc8]), Buffer.from("ME,2\n")]);
    expect(() => decodeText(bytes, "f.csv")).toThrow(/f\.csv: line 3 has a byte that is not UTF-8 \(0xC8 at byte 15\), while the file has 1 valid UTF-8 accented character \(1 bad byte in all\)/);
  });
  it("counts valid sequences and bad bytes", () => {
    // é (c3 a9) is valid; c8 followed by "M" is not
    expect(utf8Damage(Buffer.from([0xc3, 0xa9, 0x41, 0xc8, 0x4d]))).toEqual({ valid: 1, invalid: 1, first: 3 });
  });
  it("decodes UTF-16 with a byte-order mark, little and big endian", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n€,1\n", "utf16le")]);
    expect([decodeText(le, "f").encoding, text(decodeText(le, "f"))]).toEqual(["utf-16le", "a,b\n€,1\n"]);
    const be = Buffer.from(Buffer.from("a,b\n€,1\n", "utf16le")).swap16();
    const withBom = Buffer.concat([Buffer.from([0xfe, 0xff]), be]);
    expect([decodeText(withBom, "f").encoding, text(decodeText(withBom, "f"))]).toEqual(["utf-16be", "a,b\n€,1\n"]);
  });
  it("gunzips first, and an encoding set by the mapping is used", () => {
    const d = decodeText(gzipSync(Buffer.from([0x41, 0x80])), "f.csv.gz", "windows-1252");
    expect([d.gzip, d.encoding, text(d)]).toEqual([true, "windows-1252", "A€"]);
  });
  it("names UTF-16 without a byte-order mark", () => {
    expect(() => decodeText(Buffer.from("a,b\n", "utf16le"), "f.csv")).toThrow(/has NUL bytes.*"encoding": "utf-16le"/);
  });
});
