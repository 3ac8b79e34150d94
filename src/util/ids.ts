/** Identifiers compared the way a person reads them. */

/**
 * Customer and product IDs in natural order: numerically when both are whole numbers written
 * in digits, else as text (code units). Example: "9" < "10" (numbers), "10A" < "9A" (text).
 */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const d = Number(a) - Number(b);
    if (d !== 0) return d;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
