/**
 * Column mappings: which header of a source file holds which canonical column. Known layouts
 * (UCI Online Retail, Online Retail II, the canonical names the generator writes) are
 * recognised from their headers; anything else takes a small mapping object or JSON file:
 *
 * ```json
 * { "transactions": { "columns": { "invoice": "TransactionID", "customerId": "CustomerID",
 *     "invoiceDate": "Date", "stockCode": "ProductID", "unitPrice": "Price", "quantity": "Qty" },
 *     "dayFirst": true },
 *   "customers": { "columns": { "customerId": "CustomerID", "age": "Age" } },
 *   "products": { "columns": { "stockCode": "ProductID", "description": "Product Name" } } }
 * ```
 */
import { existsSync, readFileSync } from "fs";
import { UserError } from "../errors";
import type { DateOptions } from "./dates";

/** How one source table maps onto a canonical table. */
export interface TableMapping extends DateOptions {
  /** canonical column name -> the source file's header */
  columns?: Record<string, string>;
}

/** Mappings for the related tables of one dataset. */
export interface DatasetMapping {
  transactions?: TableMapping;
  customers?: TableMapping;
  products?: TableMapping;
}

/** Canonical transaction columns a source must provide (`unitPrice` or `amount`). */
export const REQUIRED_TRANSACTION_COLUMNS = ["invoice", "stockCode", "quantity", "invoiceDate"] as const;

/** Header spellings recognised without a mapping, per canonical column (compared lowercased, without spaces or `_`). */
export const HEADER_SYNONYMS: Record<string, string[]> = {
  invoice: ["invoice", "invoiceno", "invoicenumber", "transactionid", "orderid", "order"],
  stockCode: ["stockcode", "productid", "sku", "productcode", "itemid"],
  description: ["description", "productname", "itemname"],
  quantity: ["quantity", "qty", "units"],
  invoiceDate: ["invoicedate", "date", "orderdate", "transactiondate", "timestamp"],
  unitPrice: ["unitprice", "price"],
  amount: ["amount", "totalamount", "total", "linetotal", "revenue"],
  customerId: ["customerid", "customer", "clientid"],
  country: ["country"],
  signupDate: ["signupdate", "signup", "joined"],
  category: ["category", "productcategory"],
  stockLevel: ["stocklevel", "stock", "onhand", "inventory"],
  unitCost: ["unitcost", "cost"],
};

const norm = (h: string) => h.toLowerCase().replace(/[\s_\-]/g, "");

/**
 * The source header for each canonical column: the mapping's choice where it gives one, else
 * the first header matching a known spelling. Columns not found are absent from the result.
 */
export function resolveColumns(headers: string[], wanted: string[], mapping: TableMapping | undefined, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const byNorm = new Map(headers.map((h) => [norm(h), h]));
  for (const [canonical, header] of Object.entries(mapping?.columns ?? {})) {
    if (!headers.includes(header)) {
      throw new UserError(
        `${file}: the mapping names column "${header}" for ${canonical}, but the file has no such header. Headers found: ${headers.join(", ")}.`,
      );
    }
    out[canonical] = header;
  }
  for (const canonical of wanted) {
    if (out[canonical]) continue;
    for (const s of HEADER_SYNONYMS[canonical] ?? [norm(canonical)]) {
      const h = byNorm.get(s);
      if (h && !Object.values(out).includes(h)) {
        out[canonical] = h;
        break;
      }
    }
  }
  return out;
}

/** A clear error for a required column that neither the mapping nor the known spellings found. */
export function missingColumnError(file: string, table: string, canonical: string, headers: string[]): UserError {
  return new UserError(
    `${file}: no column for "${canonical}" in the ${table} table. Headers found: ${headers.join(", ")}. ` +
      `Map it, e.g. --map map.json with {"${table}": {"columns": {"${canonical}": "<one of those headers>"}}}.`,
  );
}

/** Reads a mapping from a JSON file, or returns the object given. */
export function readMapping(mapping: DatasetMapping | string | undefined): DatasetMapping | undefined {
  if (typeof mapping !== "string") return mapping;
  if (!existsSync(mapping)) throw new UserError(`${mapping}: no such mapping file.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(mapping, "utf8"));
  } catch (e) {
    throw new UserError(`${mapping}: not valid JSON (${(e as Error).message}).`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new UserError(`${mapping}: expected an object with "transactions", "customers" or "products" keys.`);
  }
  const m = parsed as Record<string, unknown>;
  const unknownKeys = Object.keys(m).filter((k) => !["transactions", "customers", "products"].includes(k));
  if (unknownKeys.length) {
    throw new UserError(`${mapping}: unknown key(s) ${unknownKeys.join(", ")}; expected "transactions", "customers" or "products".`);
  }
  return m as DatasetMapping;
}
