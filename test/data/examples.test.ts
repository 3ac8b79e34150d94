/** The README's worked examples ("Your own data"): each mapping file loads its data, with the figures the README shows. */
import { readFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanDataset } from "../../src/clean/clean";
import { loadDataset } from "../../src/data/load";
import { REPO_DATA } from "../helpers";

const EX = join(REPO_DATA, "examples");
const README = readFileSync(join(REPO_DATA, "..", "README.md"), "utf8");

describe("the worked examples of the README", () => {
  it("shows each example's mapping file as it is", () => {
    for (const f of ["kalbe.json", "cdnow.json", "baskets.json"]) expect(README).toContain(readFileSync(join(EX, f), "utf8").trim());
  });
  it("Kalbe: 5,020 customer lines of 447 customers", () => {
    const k = (f: string) => join(REPO_DATA, "kalbe", f);
    const d = loadDataset({ transactions: k("transaction.csv"), customers: k("customer.csv"), products: k("product.csv"), mapping: join(EX, "kalbe.json") });
    expect(cleanDataset(d).report).toMatchObject({ input: 5020, customer_lines: 5020, customers: 447 });
  });
  it("CDNOW: 21 identical lines kept, 8 zero-value lines set aside, 2,349 customers", () => {
    const d = loadDataset({ transactions: join(REPO_DATA, "cdnow", "CDNOW_sample.txt"), mapping: join(EX, "cdnow.json") });
    expect(cleanDataset(d).report).toMatchObject({ input: 6919, duplicate: 0, non_positive_price: 8, customer_lines: 6911, customers: 2349 });
  });
  it("baskets: one duplicate, one quantity-0 line counted, times converted to Chicago", () => {
    const d = loadDataset({
      transactions: join(EX, "baskets.csv"), customers: join(EX, "households.csv"), products: join(EX, "catalogue.csv"), mapping: join(EX, "baskets.json"),
    });
    // 22 lines: line 12 repeats line 11; line 14 has quantity 0
    expect(cleanDataset(d).report).toMatchObject({ input: 22, duplicate: 1, non_positive_quantity: 1, customer_lines: 20, customers: 5 });
    // 2017-01-02T03:10:28Z is 21:10:28 the day before in Chicago (UTC-6 in winter)
    const basket = d.transactions.filter(pl.col("invoice").eq(pl.lit("31198500000")));
    expect((basket.getColumn("invoiceDate").toArray()[0] as unknown as Date).toISOString()).toBe("2017-01-01T21:10:28.000Z");
    expect(d.customers!.getColumn("age").toArray()).toEqual(["65+", "45-54", "25-34", "35-44", "65+", "19-24"]);
  });
});
