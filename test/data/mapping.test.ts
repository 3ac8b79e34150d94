import { describe, expect, it } from "vitest";
import { closestName, editDistance } from "../../src/data/describe";
import { readMapping, validateMapping } from "../../src/data/mapping";
import { tempFile } from "../helpers";

const refused = (m: unknown) => {
  try {
    validateMapping(m, "map.json");
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
};

describe("validateMapping", () => {
  it("accepts every documented key", () => {
    const m = {
      transactions: {
        columns: { customerId: "household_id", invoiceDate: "day", quantity: "qty", amount: "sales_value" },
        dateFormat: "%Y%m%d", timezone: "America/Chicago", delimiter: "tab", header: false, names: ["household_id", "day", "qty", "sales_value"],
        encoding: "windows-1252", duplicates: "keep",
      },
      customers: { columns: { customerId: "household_id", age: "age_desc" } },
      products: { columns: { stockCode: "product_id", category: "department" }, dayFirst: true },
    };
    expect(validateMapping(m)).toBe(m);
  });
  it("refuses unknown and misspelt keys with the closest valid one", () => {
    expect(refused({ transactions: { colums: {} } })).toBe('map.json: transactions has the key "colums", which is not a mapping key; did you mean "columns"?');
    expect(refused({ transactions: { dayfirst: true } })).toMatch(/"dayfirst".*did you mean "dayFirst"\?/);
    expect(refused({ transaction: {} })).toBe('map.json: unknown key "transaction"; did you mean "transactions"?');
    expect(refused({ customers: { duplicates: "keep" } })).toMatch(/"duplicates", which is not a mapping key of customers \(it belongs to transactions\)/);
    expect(refused({ transactions: { colour: 1 } })).toMatch(/"colour", which is not a mapping key \(valid: columns, dateFormat, dayFirst/);
  });
  it("refuses unknown canonical fields with the closest one", () => {
    expect(refused({ transactions: { columns: { custmerId: "c" } } })).toBe('map.json: transactions.columns has "custmerId", which is not a canonical transactions field; did you mean "customerId"?');
    expect(refused({ customers: { columns: { segment: "s" } } })).toMatch(/"segment", which is not a canonical customers field \(valid: customerId, signupDate/);
  });
  it("refuses values of the wrong type", () => {
    expect(refused({ transactions: { dayFirst: "no" } })).toBe('map.json: transactions.dayFirst must be true or false, not "no".');
    expect(refused({ transactions: { header: 0 } })).toBe("map.json: transactions.header must be true or false, not 0.");
    expect(refused({ transactions: { columns: { invoice: 3 } } })).toBe("map.json: transactions.columns.invoice must be a source header (text), not 3.");
    expect(refused({ transactions: { duplicates: "remove" } })).toBe('map.json: transactions.duplicates must be "drop" or "keep", not "remove".');
    expect(refused({ transactions: { encoding: "latin1" } })).toMatch(/encoding is "latin1", which is not an encoding this loader reads/);
    expect(refused({ transactions: { header: false, names: "a,b" } })).toMatch(/names must be a list of column names/);
  });
  it("sends the undocumented format key to dateFormat, and checks the format itself", () => {
    expect(refused({ transactions: { format: "%d/%m/%Y" } })).toBe('map.json: transactions has "format", which is not a mapping key; the date format key is "dateFormat".');
    expect(refused({ transactions: { dateFormat: "%d/%m" } })).toMatch(/needs a year \(%Y or %y\), a month \(%m or %b\) and a day \(%d\)/);
  });
  it("ties header, names and columns together", () => {
    expect(refused({ transactions: { header: false } })).toMatch(/says "header": false but gives no "names"/);
    expect(refused({ transactions: { header: false, names: ["a", "b"], columns: { quantity: "c" } } })).toBe('map.json: transactions.columns.quantity is "c", which is not one of the "names" (a, b).');
  });
  it("reads and validates a JSON file", () => {
    expect(() => readMapping(tempFile("m.json", "{ not json"))).toThrow(/m\.json: not valid JSON/);
    expect(() => readMapping(tempFile("m.json", '{"transactions": {"dayFirst": "yes"}}'))).toThrow(/m\.json: transactions\.dayFirst must be true or false, not "yes"\./);
  });
});

describe("closestName", () => {
  it("suggests within a third of the length (at least 2 edits), case-insensitively", () => {
    // colums -> columns: one insertion
    expect(editDistance("colums", "columns")).toBe(1);
    expect(closestName("DAYFIRST", ["dayFirst", "dateFormat"])).toBe("dayFirst");
    expect(closestName("colour", ["columns", "header"])).toBeUndefined();
  });
});
