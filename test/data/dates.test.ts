import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { parseDateColumn } from "../../src/data/dates";

const where = { file: "f.csv", column: "Date" };
const iso = (s: pl.Series) => (s.toArray() as unknown as Date[]).map((d) => d.toISOString().slice(0, 16));

describe("parseDateColumn", () => {
  it("reads ISO timestamps", () => {
    expect(iso(parseDateColumn(pl.Series("d", ["2010-12-01 08:26:00", "2011-12-09 12:50:00"]), {}, where))).toEqual([
      "2010-12-01T08:26",
      "2011-12-09T12:50",
    ]);
  });
  it("reads US month-first dates without zero padding", () => {
    expect(iso(parseDateColumn(pl.Series("d", ["12/1/2010 8:26", "1/12/2011 18:05"]), {}, where))).toEqual([
      "2010-12-01T08:26",
      "2011-01-12T18:05",
    ]);
  });
  it("reads day-first dates when told", () => {
    expect(iso(parseDateColumn(pl.Series("d", ["01/12/2010", "31/12/2010"]), { dayFirst: true }, where))).toEqual([
      "2010-12-01T00:00",
      "2010-12-31T00:00",
    ]);
    expect(iso(parseDateColumn(pl.Series("d", ["01/12/2010"]), { dateFormat: "%d/%m/%Y" }, where))).toEqual(["2010-12-01T00:00"]);
  });
  it("refuses an impossible month-first date and suggests dayFirst", () => {
    expect(() => parseDateColumn(pl.Series("d", ["01/12/2010", "31/12/2010"]), {}, where)).toThrow(
      /f\.csv: column "Date" row 2 has the date "31\/12\/2010".*dayFirst/,
    );
  });
  it("refuses impossible ISO dates, empty dates and unknown forms with the row", () => {
    expect(() => parseDateColumn(pl.Series("d", ["2011-02-28", "2011-02-30"]), {}, where)).toThrow(/row 2 has the date "2011-02-30"/);
    expect(() => parseDateColumn(pl.Series("d", ["2011-02-28", " "]), {}, where)).toThrow(/empty date at row 2/);
    expect(() => parseDateColumn(pl.Series("d", ["Dec 1 2010"]), {}, where)).toThrow(/not a date form/);
  });
});
