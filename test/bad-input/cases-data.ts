/** Malformed data files and mappings: the loader's refusals. */
import { join } from "path";
import pl from "nodejs-polars";
import type { BadInputCase } from "./types";

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
const ROW1 = "536365,85123A,WHITE HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom";
const ROW2 = "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom";
const ROW3 = "536367,84879,BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,13047,United Kingdom";
/** A UCI-layout CSV with the given data lines. */
const uci = (...rows: string[]) => [HEADER, ...rows].join("\n") + "\n";
const clean = (file = "t.csv", ...more: string[]) => (dir: string) => ["clean", "--input", join(dir, file), ...more];
const withMap = (file = "t.csv") => (dir: string) => ["clean", "--input", join(dir, file), "--map", join(dir, "map.json")];
const map = (m: unknown) => JSON.stringify(m);
const CDNOW_LINES = " 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n 00021 0002 19970101  3   63.34\r\n";
const CDNOW_NAMES = ["masterId", "customer", "date", "cds", "dollars"];
const CDNOW_COLUMNS = { customerId: "customer", invoiceDate: "date", quantity: "cds", amount: "dollars" };
/** A Parquet file in the canonical layout whose price column holds booleans. */
const booleanPrice = pl
  .DataFrame({ invoice: ["1", "2"], stockCode: ["A", "B"], quantity: [1, 2], invoiceDate: ["2011-01-01 10:00:00", "2011-01-02 11:00:00"], unitPrice: [true, false], customerId: ["7", "8"] })
  .writeParquet();

export const DATA_CASES: BadInputCase[] = [
  // rows with the wrong number of fields, quotes
  { name: "a row with too few fields is refused, not padded with nulls", files: { "t.csv": uci(ROW1, "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,United Kingdom", ROW3) }, args: clean(), message: "t.csv: row 2 (line 3) has 7 fields where the header has 8", untouched: ["t.csv"] },
  { name: "a row with too many fields names its row", files: { "t.csv": uci(ROW1, ROW2, `${ROW3},extra`) }, args: clean(), message: "t.csv: row 3 (line 4) has 9 fields where the header has 8" },
  { name: "a quote that is never closed is refused", files: { "t.csv": uci(ROW1, '536366,22633,"HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom', ROW3) }, args: clean(), message: "row 2 (line 3) has a quote that opens a value and is never closed" },
  {
    name: "a stray quote that swallows the following lines into one value is refused",
    files: { "t.csv": uci(ROW1, '536366,22633,"HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom', ROW3, '536368,22960,"JAM MAKING SET",6,2010-12-01 08:34:00,4.25,13047,United Kingdom') },
    args: clean(), message: /row 2 \(line 3\) has a quote that opens a value running over the next 2 lines and closing before other text .*a stray quote\?/,
  },
  { name: "text right after a closing quote is refused", files: { "t.csv": uci(ROW1, '536366,22633,"HAND" WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom') }, args: clean(), message: "row 2 (line 3) has text right after a closing quote" },
  { name: "a quote inside an unquoted value of a file that quotes values is refused", files: { "t.csv": uci('536365,85123A,"WHITE, HEART",6,2010-12-01 08:26:00,2.55,17850,United Kingdom', '536366,22633,12" RECORD,6,2010-12-01 08:28:00,1.85,17850,United Kingdom') }, args: clean(), message: "row 2 (line 3) has a quote inside an unquoted value" },
  { name: "a blank line inside the table is refused", files: { "t.csv": uci(ROW1, "", ROW2) }, args: clean(), message: "t.csv: row 2 (line 3) is blank; remove blank lines inside the table." },
  { name: "a header name given twice is refused", files: { "t.csv": `${HEADER},Quantity\n${ROW1},7\n` }, args: clean(), message: 't.csv: the header has the column name "Quantity" twice (columns 4 and 9)' },
  // decoding
  {
    name: "a UTF-8 file with one bad byte is refused with its line, not re-decoded whole",
    files: { "t.csv": Buffer.concat([Buffer.from(uci("536365,85123A,CAFÉ MUG,6,2010-12-01 08:26:00,2.55,17850,France")), Buffer.from("536366,22633,CR"), Buffer.from([0xc8]), Buffer.from("ME,6,2010-12-01 08:28:00,1.85,17850,France\n")]) },
    args: clean(), message: "t.csv: line 3 has a byte that is not UTF-8 (0xC8 at byte",
  },
  { name: "UTF-16 without a byte-order mark is named, not read as a missing column", files: { "t.csv": Buffer.from(uci(ROW1), "utf16le") }, args: clean(), message: 'has NUL bytes, so it is not text in UTF-8; if it is UTF-16 without a byte-order mark, set "encoding": "utf-16le"' },
  { name: "an encoding that contradicts the byte-order mark is refused", files: { "t.csv": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(uci(ROW1))]), "map.json": map({ transactions: { encoding: "windows-1252" } }) }, args: withMap(), message: 'starts with a UTF-8 byte-order mark, but the mapping says "encoding": "windows-1252"' },
  // dates
  { name: "a date with AM/PM after the time is refused, not read without it", files: { "t.csv": uci(ROW1, "536366,22633,HAND WARMER,6,2010-12-01 08:28:00 PM,1.85,17850,United Kingdom") }, args: clean(), message: 'column "InvoiceDate" row 2 has the date "2010-12-01 08:28:00 PM", which does not read as an ISO date' },
  { name: "a date with trailing text is refused", files: { "t.csv": uci("536365,85123A,WHITE HEART,6,2010-12-01 08:26:00 garbage,2.55,17850,United Kingdom") }, args: clean(), message: "Something follows the date and time that is not part of them." },
  { name: "a two-digit year needs an explicit %y", files: { "t.csv": uci("536365,85123A,WHITE HEART,6,12/2/99 8:26,2.55,17850,United Kingdom") }, args: clean(), message: 'It has a two-digit year: give its format with %y, e.g. "dateFormat": "%m/%d/%y"' },
  { name: "a date before 1900 is refused", files: { "t.csv": uci(ROW1, "536366,22633,HAND WARMER,6,0000-12-01 08:28:00,1.85,17850,United Kingdom") }, args: clean(), message: 'row 2 has the date "0000-12-01 08:28:00", before 1900-01-01' },
  { name: "a date in year 9999 stops forecast in the loader, before any work", files: { "t.csv": uci(ROW1, "536366,22633,HAND WARMER,6,9999-12-01 08:28:00,1.85,17850,United Kingdom") }, args: (dir) => ["forecast", "--input", join(dir, "t.csv")], message: /row 2 has the date "9999-12-01 08:28:00", after \d{4}-\d{2}-\d{2} \(a year from today\)/ },
  { name: "a dateFormat that matches no row says what the values read as", files: { "t.csv": uci(ROW1, ROW2), "map.json": map({ transactions: { dateFormat: "%d/%m/%Y %H:%M" } }) }, args: withMap(), message: 'which does not read as the format %d/%m/%Y %H:%M (no value of the column does; its values read as "%Y-%m-%d %H:%M:%S")' },
  { name: "a dateFormat with an unknown directive is refused", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { dateFormat: "%Y-%m-%d %Q" } }) }, args: withMap(), message: 'the dateFormat "%Y-%m-%d %Q" has "%Q", which is not a directive this loader reads' },
  { name: "an unknown time zone gets the closest IANA name", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { timezone: "Europe/Londn" } }) }, args: withMap(), message: '"timezone" is "Europe/Londn", which is not an IANA time zone name; did you mean "Europe/London"?' },
  // empty identifiers
  { name: "an empty invoice number is refused with its row", files: { "t.csv": uci(ROW1, ",22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom") }, args: (dir) => ["rfm", "--input", join(dir, "t.csv"), "--out", join(dir, "rfm.csv")], message: 'column "InvoiceNo" (invoice) is empty at row 2 (1 such row)', untouched: ["rfm.csv"] },
  { name: "an empty stock code is refused with its row", files: { "t.csv": uci(ROW1, "536366,  ,HAND WARMER,6,2010-12-01 08:28:00,1.85,17850,United Kingdom") }, args: (dir) => ["products", "--input", join(dir, "t.csv"), "--out", join(dir, "p.csv")], message: 'column "StockCode" (stockCode) is empty at row 2' },
  // mapping files
  { name: "a misspelt table key gets the closest valid one (colums)", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { colums: { invoice: "InvoiceNo" } } }) }, args: withMap(), message: 'map.json: transactions has the key "colums", which is not a mapping key; did you mean "columns"?' },
  { name: "a mis-cased key gets the right spelling (dayfirst)", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { dayfirst: true } }) }, args: withMap(), message: 'has the key "dayfirst", which is not a mapping key; did you mean "dayFirst"?' },
  { name: "a boolean key given as text is refused", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { dayFirst: "no" } }) }, args: withMap(), message: 'map.json: transactions.dayFirst must be true or false, not "no".' },
  { name: "the undocumented format key points to dateFormat", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { format: "%Y-%m-%d %H:%M:%S" } }) }, args: withMap(), message: 'has "format", which is not a mapping key; the date format key is "dateFormat".' },
  { name: "an unknown canonical field gets the closest one", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { columns: { invoiceNo: "InvoiceNo" } } }) }, args: withMap(), message: 'transactions.columns has "invoiceNo", which is not a canonical transactions field; did you mean "invoice"?' },
  { name: "a mapped header the file lacks gets the closest header", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { columns: { quantity: "Quantiy" } } }) }, args: withMap(), message: 'the mapping names column "Quantiy" for quantity, but the file has no such header; did you mean "Quantity"?' },
  { name: "a table key at the top level says where it goes", files: { "t.csv": uci(ROW1), "map.json": map({ dayFirst: true }) }, args: withMap(), message: 'unknown key "dayFirst"; it goes inside a table, e.g. {"transactions": {"dayFirst": ...}}.' },
  { name: "both dayFirst and dateFormat are refused (one would be ignored)", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { dayFirst: true, dateFormat: "%d/%m/%Y" } }) }, args: withMap(), message: 'gives both "dayFirst" and "dateFormat"' },
  { name: "both unitPrice and amount mapped is refused", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { columns: { unitPrice: "UnitPrice", amount: "Quantity" } } }) }, args: withMap(), message: "the mapping gives both unitPrice and amount; map one of them" },
  // text layout
  { name: "a delimiter that splits nothing names what the file looks like", files: { "t.csv": uci(ROW1, ROW2), "map.json": map({ transactions: { delimiter: ";" } }) }, args: withMap(), message: "the mapping's delimiter (semicolon) splits none of the first 3 lines into more than one field" },
  { name: "a delimiter of two characters is refused", files: { "t.csv": uci(ROW1), "map.json": map({ transactions: { delimiter: "; " } }) }, args: withMap(), message: 'transactions.delimiter must be one character (",", ";", "|"), "tab" or "whitespace", not "; ".' },
  { name: 'header false without names is refused', files: { "t.txt": CDNOW_LINES, "map.json": map({ transactions: { header: false, columns: CDNOW_COLUMNS } }) }, args: withMap("t.txt"), message: 'says "header": false but gives no "names"; add "names": [...]' },
  { name: "names without header false are refused", files: { "t.txt": CDNOW_LINES, "map.json": map({ transactions: { names: CDNOW_NAMES } }) }, args: withMap("t.txt"), message: 'gives "names" without "header": false' },
  { name: "names that do not match the fields are counted", files: { "t.txt": CDNOW_LINES, "map.json": map({ transactions: { header: false, names: CDNOW_NAMES.slice(0, 4), columns: { customerId: "customer", invoiceDate: "date", quantity: "cds", unitPrice: "masterId" }, dateFormat: "%Y%m%d" } }) }, args: withMap("t.txt"), message: "the mapping gives 4 names but line 1 has 5 fields" },
  { name: "a headerless file without a mapping says line 1 looks like data", files: { "t.txt": CDNOW_LINES }, args: clean("t.txt"), message: 'Headers found: 00004, 0001, 19970101, 2, 29.33. Map it, e.g. --map map.json with {"transactions": {"columns": {"quantity": "<one of those headers>"}}}. (Line 1 looks like data: set "header": false and "names".)' },
  { name: "a YYYYMMDD date without a format suggests the format", files: { "t.txt": CDNOW_LINES, "map.json": map({ transactions: { header: false, names: CDNOW_NAMES, columns: CDNOW_COLUMNS } }) }, args: withMap("t.txt"), message: 'has "19970101", which is not a date form read without a format (yyyy-mm-dd hh:mm:ss, m/d/yyyy h:mm, dd/mm/yyyy with dayFirst). It reads as "%Y%m%d": set "dateFormat" in the mapping.' },
  // typed sources, shapes
  { name: "a Parquet price column of booleans is refused with a sentence", files: { "t.parquet": booleanPrice }, args: clean("t.parquet"), message: 't.parquet: column "unitPrice" holds true/false values, but it is mapped to a field that needs numbers' },
  {
    name: "a per-customer outcome table is recognised and pointed to experiment analyze",
    files: { "h.csv": "recency,history,mens,womens,segment,visit,conversion,spend\n10,142.44,1,0,Womens E-Mail,0,0,0\n6,329.08,1,1,No E-Mail,0,0,0\n" },
    args: clean("h.csv"), message: /h\.csv looks like a per-customer table \(outcome columns segment, visit, conversion, spend; no date column\), not a transactions table.*`retail-lab experiment analyze --input .*h\.csv`/,
  },
  { name: "no invoice and no customer column cannot make orders", files: { "t.csv": "Date,Qty,Price\n2011-01-01 10:00:00,1,2.5\n" }, args: clean(), message: 'neither an invoice nor a customer column was found (headers: Date, Qty, Price); map "invoice", or "customerId"' },
  { name: "the product audit refuses data without a product column", files: { "t.txt": CDNOW_LINES, "map.json": map({ transactions: { header: false, names: CDNOW_NAMES, columns: CDNOW_COLUMNS, dateFormat: "%Y%m%d" } }) }, args: (dir) => ["products", "--input", join(dir, "t.txt"), "--map", join(dir, "map.json"), "--out", join(dir, "p.csv")], message: "This data has no product column (no stockCode was mapped), so the product audit cannot run" },
  { name: "a units forecast refuses data without a product column", files: { "t.txt": CDNOW_LINES, "map.json": map({ transactions: { header: false, names: CDNOW_NAMES, columns: CDNOW_COLUMNS, dateFormat: "%Y%m%d" } }) }, args: (dir) => ["forecast", "--input", join(dir, "t.txt"), "--map", join(dir, "map.json")], message: "so a forecast of units per product (--target revenue forecasts the shop's daily revenue) cannot run" },
  { name: "an empty customer ID in the customers table is refused", files: { "t.csv": uci(ROW1), "c.csv": "CustomerID,age\n17850,65+\n,25-34\n" }, args: (dir) => ["clean", "--input", join(dir, "t.csv"), "--customers", join(dir, "c.csv")], message: "c.csv: customerId is empty at row 2; the customers table needs a customerId on every row." },
  // inspect
  { name: "inspect does not replace an existing mapping file", files: { "t.csv": uci(ROW1), "map.json": "{}\n" }, args: (dir) => ["inspect", join(dir, "t.csv"), "--write-map", join(dir, "map.json")], message: "map.json already exists; choose another name for --write-map (nothing was written).", untouched: ["map.json"] },
  { name: "inspect writes no transactions mapping for a per-customer table", files: { "h.csv": "recency,history,segment,visit,conversion,spend\n10,142.44,Womens E-Mail,0,0,0\n6,329.08,No E-Mail,0,0,0\n" }, args: (dir) => ["inspect", join(dir, "h.csv"), "--write-map", join(dir, "m.json")], message: "is a per-customer table (outcome columns segment, visit, conversion, spend, no date column), not a transactions table, so no mapping was written" },
  { name: "inspect without a file says how to call it", args: () => ["inspect"], message: "retail-lab inspect needs a file: retail-lab inspect FILE" },
];
