/**
 * The canonical data model, documented once. Every loader produces these column names and
 * types; every analysis reads only these. Tables are nodejs-polars DataFrames; row types below
 * describe one row of each table, for readers and for the few places that hold rows as objects.
 */
import type { DataFrame } from "nodejs-polars";
import { UserError } from "./errors";

/**
 * One line of a sales export: one product on one invoice.
 * Columns of a transactions DataFrame, in this order:
 * - `invoice` (Utf8): invoice number; a leading `C` marks a cancellation (UCI convention). A source
 *   without one gets `YYYY-MM-DD|customerId`: an order is one customer's calendar day.
 * - `stockCode` (Utf8): product code; null on every line when the source has no product column
 *   (then the product analyses refuse: `requireProductColumn`).
 * - `description` (Utf8, nullable): product description, trimmed, inner spaces collapsed.
 * - `quantity` (Float64): units; negative on returns.
 * - `invoiceDate` (Datetime ms, naive local time of the shop).
 * - `unitPrice` (Float64): price of one unit, in the shop's currency.
 * - `customerId` (Utf8, nullable): null when the sale is anonymous.
 * - `country` (Utf8, nullable).
 * then, only when the source gives line totals instead of unit prices:
 * - `amount` (Float64): the line total; `unitPrice` is `amount / quantity` (null where the quantity is 0).
 * Unmapped source columns follow, as text.
 */
export interface Transaction {
  invoice: string;
  stockCode: string;
  description: string | null;
  quantity: number;
  invoiceDate: Date;
  unitPrice: number;
  customerId: string | null;
  country: string | null;
}

/** Column names of the transactions table, in canonical order. */
export const TRANSACTION_COLUMNS = [
  "invoice",
  "stockCode",
  "description",
  "quantity",
  "invoiceDate",
  "unitPrice",
  "customerId",
  "country",
] as const;
export type TransactionColumn = (typeof TRANSACTION_COLUMNS)[number];

/**
 * A customer profile (optional table). `customerId` (Utf8) is the key; `signupDate` is a date;
 * every other column (age, gender, country, income, ...) keeps the type it reads as: numbers as
 * Float64, anything else (a banded `65+`, `50-74K`) as text.
 */
export interface Customer {
  customerId: string;
  signupDate?: Date | null;
  age?: number | string | null;
  gender?: string | null;
  country?: string | null;
  income?: number | string | null;
  [profile: string]: unknown;
}

/**
 * A catalogue entry (optional table). `stockCode` (Utf8) is the key; `category` (Utf8),
 * `stockLevel` (Float64, units on hand) and `unitCost` (Float64) are used where present.
 */
export interface Product {
  stockCode: string;
  description?: string | null;
  category?: string | null;
  stockLevel?: number | null;
  unitCost?: number | null;
  [attribute: string]: unknown;
}

/**
 * How one source file was read, for reports (`retail-lab clean`, `retail-lab inspect`) and for
 * a reader who wants to know what the loader decided: text layout, encoding, and which source
 * header became which canonical column.
 */
export interface TableReading {
  file: string;
  /** the source kind: a file format, or a PostgreSQL table or query */
  format: "csv" | "parquet" | "xlsx" | "postgresql";
  gzip: boolean;
  /** text files: the encoding ("utf-8", "windows-1252", "utf-16le", "utf-16be") and why it was chosen */
  encoding?: string;
  encodingHow?: string;
  /** text files: the delimiter (one character, or "whitespace") and whether it was detected or set by the mapping */
  delimiter?: string;
  delimiterDetected?: boolean;
  /** text files: whether quotes delimit values (false when the file never quotes a value: its quotes are text) */
  quoting?: boolean;
  /** true when the file's first line is a header; false when the mapping gave the names */
  header: boolean;
  /** data rows read */
  rows: number;
  /** empty lines at the end of the file, not read as rows */
  trailingBlankLines: number;
  /** canonical column -> source header (filled by the loader) */
  columns: Record<string, string>;
  /** canonical columns found from their header spelling rather than named by the mapping */
  recognised: string[];
  /** source columns kept under their own name, with the type they read as */
  extras: Record<string, string>;
  /** one sentence each: decisions worth knowing (a header renamed, a column synthesized) */
  notes: string[];
}

/** How a dataset was read: its tables' readings and the dataset-wide decisions. */
export interface DatasetReading {
  transactions: TableReading;
  customers?: TableReading;
  products?: TableReading;
  /**
   * "invoice": orders are the source's invoices; "customer-day": the source has no invoice
   * column, so an order is one customer's purchases on one calendar day, with the synthesized
   * invoice `YYYY-MM-DD|customerId` (see `CUSTOMER_DAY_INVOICE`).
   */
  orders: "invoice" | "customer-day";
  /** false when the source has no product column: `stockCode` and `description` are null, product analyses refuse */
  hasProducts: boolean;
  /** the duplicate rule the mapping asks for: "drop" (exact copies are duplicates, the default) or "keep" */
  duplicates: "drop" | "keep";
  /** the shop's time zone (IANA name): timestamps with an offset are converted into it; default "UTC" */
  timezone: string;
}

/** How synthesized invoices are written when the source has none: the day, a bar, the customer (`2011-01-02|12345`). */
export const CUSTOMER_DAY_INVOICE = "YYYY-MM-DD|customerId";

/** Related tables of one retailer, joined on `customerId` and `stockCode`. */
export interface Dataset {
  /** Where the data came from (a path or a description), for reports. */
  source: string;
  transactions: DataFrame;
  customers?: DataFrame;
  products?: DataFrame;
  /** how the files were read (absent for datasets built in code, such as the generator's) */
  reading?: DatasetReading;
}

/** True when the transactions have a product column (some `stockCode`), false when the source had none. */
export function hasProductColumn(transactions: DataFrame): boolean {
  return transactions.columns.includes("stockCode") && transactions.getColumn("stockCode").nullCount() < transactions.height;
}

/**
 * Refuses a product analysis on transactions without a product column, in one sentence:
 * `requireProductColumn(t, "the product audit")`.
 */
export function requireProductColumn(transactions: DataFrame, analysis: string): void {
  if (transactions.height > 0 && !hasProductColumn(transactions)) {
    throw new UserError(
      `This data has no product column (no stockCode was mapped), so ${analysis} cannot run; the customer analyses (clean, rfm, clusters, loyalty) can. ` +
        `Map a product column as "stockCode" to enable it.`,
    );
  }
}

/**
 * A finding and the action it calls for, computed from the data (the `*Actions` of rfm,
 * products and cohorts return these): `subject` names what it is about (a segment, "pareto",
 * "retention"); `finding` states the figures, as a clause (or as a sentence of its own, ending
 * in a full stop); `action` is the play that follows, a sentence.
 * Example: { subject: "Champions", finding: "520 customers (12.0%) bringing 45.1% of revenue",
 * action: "reward them: early access, loyalty perks." }.
 */
export interface Recommendation {
  subject: string;
  finding: string;
  action: string;
}

/**
 * A recommendation as one sentence: `finding: action`, or `finding action` when the finding is
 * a sentence of its own. Example: the one above -> "520 customers (12.0%) bringing 45.1% of
 * revenue: reward them: early access, loyalty perks."
 */
export function recommendationText(r: Recommendation): string {
  return /[.!?]$/.test(r.finding) ? `${r.finding} ${r.action}` : `${r.finding}: ${r.action}`;
}
