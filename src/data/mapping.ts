/**
 * Column mappings: which header of a source file holds which canonical column, and how to read
 * the file. Known layouts (UCI Online Retail, Online Retail II, the canonical names the
 * generator writes) are recognised from their headers; anything else takes a small mapping
 * object or JSON file, validated key by key (a misspelt key is refused with the closest valid one):
 *
 * ```json
 * { "transactions": { "columns": { "invoice": "TransactionID", "customerId": "CustomerID",
 *     "invoiceDate": "Date", "stockCode": "ProductID", "unitPrice": "Price", "quantity": "Qty" },
 *     "dayFirst": true },
 *   "customers": { "columns": { "customerId": "CustomerID", "age": "Age" } },
 *   "products": { "columns": { "stockCode": "ProductID", "description": "Product Name" } } }
 * ```
 *
 * Keys of a table (see `TableMapping`): `columns`, `dateFormat`, `dayFirst`, `timezone`,
 * `delimiter`, `header`, `names`, `encoding`, and for transactions `duplicates`.
 */
import { existsSync, readFileSync } from "fs";
import { UserError } from "../errors";
import { checkTimezone, compileDateFormat, type DateOptions } from "./dates";
import { TEXT_ENCODINGS, type TextEncoding } from "./decode";
import { closestName, quoted } from "./describe";
import { delimiterSetting } from "./layout";
import type { TextLayout } from "./read";

/** How one source table maps onto a canonical table, and how its file is read. */
export interface TableMapping extends DateOptions, TextLayout {
  /** canonical column name -> the source file's header (or a name of `names`) */
  columns?: Record<string, string>;
  /** transactions: "drop" exact copies of an earlier line (default), or "keep" them (sources whose identical lines are real repeat purchases) */
  duplicates?: "drop" | "keep";
}

/** Mappings for the related tables of one dataset. */
export interface DatasetMapping {
  transactions?: TableMapping;
  customers?: TableMapping;
  products?: TableMapping;
}

/** The tables a mapping can describe. */
export const MAPPING_TABLES = ["transactions", "customers", "products"] as const;
export type MappingTable = (typeof MAPPING_TABLES)[number];

/** Canonical fields a mapping's `columns` may name, per table (see ../model.ts). */
export const CANONICAL_FIELDS: Record<MappingTable, readonly string[]> = {
  transactions: ["invoice", "stockCode", "description", "quantity", "invoiceDate", "unitPrice", "amount", "customerId", "country"],
  customers: ["customerId", "signupDate", "age", "gender", "income", "country"],
  products: ["stockCode", "description", "category", "stockLevel", "unitCost", "unitPrice"],
};

const READING_KEYS = ["columns", "dateFormat", "dayFirst", "timezone", "delimiter", "header", "names", "encoding"];

/** Keys of each table's mapping. */
export const TABLE_KEYS: Record<MappingTable, readonly string[]> = {
  transactions: [...READING_KEYS, "duplicates"],
  customers: READING_KEYS,
  products: READING_KEYS,
};

/** Canonical transaction columns a source must provide; `unitPrice` or `amount` too, and `invoice` or `customerId`. */
export const REQUIRED_TRANSACTION_COLUMNS = ["quantity", "invoiceDate"] as const;

/** Header spellings recognised without a mapping, per canonical column (compared lowercased, without spaces, `_` or `-`). */
export const HEADER_SYNONYMS: Record<string, string[]> = {
  invoice: ["invoice", "invoiceno", "invoicenumber", "transactionid", "orderid", "order", "basketid"],
  stockCode: ["stockcode", "productid", "sku", "productcode", "itemid"],
  description: ["description", "productname", "itemname"],
  quantity: ["quantity", "qty", "units"],
  invoiceDate: ["invoicedate", "date", "orderdate", "transactiondate", "timestamp", "transactiontimestamp"],
  unitPrice: ["unitprice", "price"],
  amount: ["amount", "totalamount", "total", "linetotal", "revenue", "salesvalue"],
  customerId: ["customerid", "customer", "clientid", "householdid", "householdkey"],
  country: ["country"],
  signupDate: ["signupdate", "signup", "joined"],
  category: ["category", "productcategory", "department"],
  stockLevel: ["stocklevel", "stock", "onhand", "inventory"],
  unitCost: ["unitcost", "cost"],
};

/** A header as compared with `HEADER_SYNONYMS`: `norm("Customer ID")` is "customerid". */
export const norm = (h: string) => h.toLowerCase().replace(/[\s_\-]/g, "");

/** A suggestion for a name that is not valid: `; did you mean "x"?` or the list of valid names. */
function suggest(name: string, valid: readonly string[]): string {
  const near = closestName(name, valid);
  return near ? `; did you mean "${near}"?` : ` (valid: ${valid.join(", ")}).`;
}

/** The source header for a mapped name that the file lacks: the closest header, or the list (`found`: "Headers", or "Columns" for a database table). */
function headerSuggestion(header: string, headers: string[], found = "Headers"): string {
  const near = closestName(header, headers);
  return near ? `; did you mean "${near}"? ${found} found: ${headers.join(", ")}.` : `. ${found} found: ${headers.join(", ")}.`;
}

/**
 * The source header for each canonical column: the mapping's choice where it gives one, else
 * the first header matching a known spelling (listed in `recognised`). Columns not found are absent.
 */
export function resolveColumns(headers: string[], wanted: readonly string[], mapping: TableMapping | undefined, file: string): { cols: Record<string, string>; recognised: string[] } {
  const cols: Record<string, string> = {};
  const recognised: string[] = [];
  const byNorm = new Map<string, string>();
  for (const h of headers) if (!byNorm.has(norm(h))) byNorm.set(norm(h), h);
  for (const [canonical, header] of Object.entries(mapping?.columns ?? {})) {
    if (!headers.includes(header)) {
      // a database source is labelled by its URL (src/warehouse/source.ts): it has columns, not headers
      const [lacks, found] = /^postgres(ql)?:\/\//i.test(file) ? ["table has no such column", "Columns"] : ["file has no such header", "Headers"];
      throw new UserError(`${file}: the mapping names column "${header}" for ${canonical}, but the ${lacks}${headerSuggestion(header, headers, found)}`);
    }
    cols[canonical] = header;
  }
  const taken = new Set(Object.values(cols));
  for (const canonical of wanted) {
    if (cols[canonical]) continue;
    const h = (HEADER_SYNONYMS[canonical] ?? [norm(canonical)]).map((s) => byNorm.get(s)).find((x) => x !== undefined && !taken.has(x));
    if (h) {
      cols[canonical] = h;
      taken.add(h);
      recognised.push(canonical);
    }
  }
  return { cols, recognised };
}

/** A clear error for a required column that neither the mapping nor the known spellings found. */
export function missingColumnError(file: string, table: string, canonical: string, headers: string[], extra = ""): UserError {
  return new UserError(
    `${file}: no column for "${canonical}" in the ${table} table. Headers found: ${headers.join(", ")}. ` +
      `Map it, e.g. --map map.json with {"${table}": {"columns": {"${canonical}": "<one of those headers>"}}}.${extra}`,
  );
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const shown = (v: unknown) => (typeof v === "string" ? quoted(v) : JSON.stringify(v));

/** Refuses the value of one table key when it has the wrong type or an unknown value. */
function checkTableKey(key: string, value: unknown, at: string, table: MappingTable): void {
  const expect = (ok: boolean, what: string) => {
    if (!ok) throw new UserError(`${at}.${key} must be ${what}, not ${shown(value)}.`);
  };
  switch (key) {
    case "columns": {
      expect(isObject(value), 'an object of canonical field -> source header, e.g. {"invoice": "Order ID"}');
      for (const [field, header] of Object.entries(value as Obj)) {
        const valid = CANONICAL_FIELDS[table];
        if (!valid.includes(field)) throw new UserError(`${at}.columns has "${field}", which is not a canonical ${table} field${suggest(field, valid)}`);
        if (typeof header !== "string" || header.trim() === "") throw new UserError(`${at}.columns.${field} must be a source header (text), not ${shown(header)}.`);
      }
      return;
    }
    case "dayFirst":
    case "header":
      return expect(typeof value === "boolean", "true or false");
    case "dateFormat":
      expect(typeof value === "string", 'a strftime format, e.g. "%Y%m%d"');
      compileDateFormat(value as string, at);
      return;
    case "timezone":
      expect(typeof value === "string", 'an IANA time zone name, e.g. "Europe/London"');
      return checkTimezone(value as string, at);
    case "delimiter":
      return expect(typeof value === "string" && delimiterSetting(value) !== null, 'one character (",", ";", "|"), "tab" or "whitespace"');
    case "names":
      return expect(Array.isArray(value) && value.length > 0 && value.every((n) => typeof n === "string" && n.trim() !== ""), "a list of column names (text)");
    case "encoding":
      if (typeof value === "string" && !(TEXT_ENCODINGS as readonly string[]).includes(value)) {
        throw new UserError(`${at}.encoding is ${quoted(value)}, which is not an encoding this loader reads${suggest(value, TEXT_ENCODINGS)}`);
      }
      return expect(typeof value === "string", TEXT_ENCODINGS.map((e) => `"${e}"`).join(", "));
    case "duplicates":
      return expect(value === "drop" || value === "keep", '"drop" or "keep"');
  }
}

/** Validates one table's mapping (see `validateMapping`). */
function validateTable(table: MappingTable, m: unknown, source: string): TableMapping {
  const at = `${source}: ${table}`;
  if (!isObject(m)) throw new UserError(`${at} must be an object such as {"columns": {...}}, not ${shown(m)}.`);
  for (const [key, value] of Object.entries(m)) {
    if (key === "format") throw new UserError(`${at} has "format", which is not a mapping key; the date format key is "dateFormat".`);
    if (!TABLE_KEYS[table].includes(key)) {
      const elsewhere = MAPPING_TABLES.find((t) => TABLE_KEYS[t].includes(key));
      throw new UserError(`${at} has the key "${key}", which is not a mapping key${elsewhere ? ` of ${table} (it belongs to ${elsewhere})` : ""}${suggest(key, TABLE_KEYS[table])}`);
    }
    checkTableKey(key, value, at, table);
  }
  if (m.header === false && m.names === undefined) throw new UserError(`${at} says "header": false but gives no "names"; add "names": [...], one name per field of the file.`);
  if (m.names !== undefined && m.header !== false) throw new UserError(`${at} gives "names" without "header": false; names are for a file without a header line.`);
  if (m.dayFirst !== undefined && m.dateFormat !== undefined) throw new UserError(`${at} gives both "dayFirst" and "dateFormat"; the format already says the day order, so drop "dayFirst".`);
  if (isObject(m.columns) && Array.isArray(m.names)) {
    for (const [field, header] of Object.entries(m.columns)) {
      if (!(m.names as string[]).includes(header as string)) throw new UserError(`${at}.columns.${field} is ${quoted(header)}, which is not one of the "names" (${(m.names as string[]).join(", ")}).`);
    }
  }
  return m as TableMapping;
}

/**
 * A mapping checked key by key: unknown keys and canonical fields are refused with the closest
 * valid name, values of the wrong type are refused, `"header": false` needs `"names"`. Returns
 * the same object, typed. `source` names it in messages (the JSON file, or "the mapping").
 */
export function validateMapping(m: unknown, source = "the mapping"): DatasetMapping {
  if (!isObject(m)) throw new UserError(`${source}: expected an object with "transactions", "customers" or "products" keys.`);
  for (const [key, value] of Object.entries(m)) {
    if (!(MAPPING_TABLES as readonly string[]).includes(key)) {
      const inTable = MAPPING_TABLES.find((t) => TABLE_KEYS[t].includes(key) || key === "format");
      throw new UserError(
        `${source}: unknown key "${key}"` +
          (inTable ? `; it goes inside a table, e.g. {"transactions": {"${key === "format" ? "dateFormat" : key}": ...}}.` : suggest(key, MAPPING_TABLES)),
      );
    }
    validateTable(key as MappingTable, value, source);
  }
  return m as DatasetMapping;
}

/** Reads a mapping from a JSON file, or takes the object given; either way validated (see `validateMapping`). */
export function readMapping(mapping: DatasetMapping | string | undefined): DatasetMapping | undefined {
  if (mapping === undefined) return undefined;
  if (typeof mapping !== "string") return validateMapping(mapping);
  if (!existsSync(mapping)) throw new UserError(`${mapping}: no such mapping file.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(mapping, "utf8"));
  } catch (e) {
    throw new UserError(`${mapping}: not valid JSON (${(e as Error).message}).`);
  }
  return validateMapping(parsed, mapping);
}

/** The text layout keys of a table mapping (for the reader), with the delimiter spelled as the reader wants it. */
export function textLayoutOf(m: TableMapping | undefined): TextLayout {
  if (!m) return {};
  return {
    delimiter: m.delimiter === undefined ? undefined : (delimiterSetting(m.delimiter) as string),
    header: m.header, names: m.names, encoding: m.encoding as TextEncoding | undefined,
  };
}
