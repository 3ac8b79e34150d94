"""Independent reference for the CDNOW sample (data/cdnow/CDNOW_sample.txt): the cleaning report
and the per-customer RFM measures, computed with Python's standard library only (no pandas, no
polars, none of the project's code), following the definitions written in src/clean/clean.ts and
src/rfm/rfm.ts:

- each line: full-log customer id, sample customer id, date YYYYMMDD, CDs bought, dollar value
  (a line total); the sample id is the customer;
- there is no invoice column: an order is one customer's purchases on one calendar day;
- cleaning, first rule met: duplicate (an exact copy of an earlier line; only with
  duplicates="drop"), cancellation (never: no invoice), quantity <= 0, unit price <= 0 (the
  unit price is value / CDs, so a value of 0 is a price of 0), missing customer (never);
- RFM over the customer lines: snapshot = the day after the last sale day; recency = snapshot -
  the customer's last purchase day, in days; frequency = distinct purchase days; monetary = sum
  of values rounded to cents; units = sum of CDs.

Run from the repository root: /usr/bin/python3 test/reference/cdnow_reference.py
It writes test/reference/cdnow_reference.json (read by test/data/cdnow-reference.test.ts): both
reports and RFM totals, and (keep_rfm) the per-customer measures for duplicates="keep" (the README's mapping).
"""
import datetime
import json
import math
import platform

SOURCE = "data/cdnow/CDNOW_sample.txt"


def lines():
    with open(SOURCE, newline="") as f:
        for raw in f:
            fields = raw.split()
            if fields:
                yield tuple(fields)


def clean(rows, duplicates):
    seen = set()
    report = dict(input=0, duplicate=0, cancellation=0, non_positive_quantity=0, non_positive_price=0, missing_customer=0, customer_lines=0)
    kept = []
    for r in rows:
        report["input"] += 1
        if duplicates == "drop" and r in seen:
            report["duplicate"] += 1
            continue
        seen.add(r)
        cds, value = float(r[3]), float(r[4])
        if cds <= 0:
            report["non_positive_quantity"] += 1
        elif value / cds <= 0:
            report["non_positive_price"] += 1
        else:
            report["customer_lines"] += 1
            kept.append(r)
    report["customers"] = len({r[1] for r in kept})
    report["sales_lines"] = report["customer_lines"]
    return report, kept


def rfm(kept):
    day = lambda s: datetime.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    snapshot = max(day(r[2]) for r in kept) + datetime.timedelta(days=1)
    by = {}
    for r in kept:
        c = by.setdefault(r[1], {"days": set(), "values": [], "units": 0.0, "last": None})
        d = day(r[2])
        c["days"].add(d)
        c["values"].append(float(r[4]))
        c["units"] += float(r[3])
        c["last"] = d if c["last"] is None or d > c["last"] else c["last"]
    out = []
    for cid in sorted(by):
        c = by[cid]
        out.append({"customerId": cid, "recency": (snapshot - c["last"]).days, "frequency": len(c["days"]),
                    "monetary": round(math.fsum(c["values"]), 2), "units": c["units"]})
    return snapshot.isoformat(), out


def main():
    rows = list(lines())
    result = {"made_by": f"test/reference/cdnow_reference.py, Python {platform.python_version()}, standard library only"}
    for mode in ("drop", "keep"):
        report, kept = clean(rows, mode)
        snapshot, table = rfm(kept)
        result[mode] = {
            "report": report,
            "snapshot": snapshot,
            "totals": {"customers": len(table), "recency": sum(r["recency"] for r in table), "frequency": sum(r["frequency"] for r in table),
                       "monetary": round(math.fsum(r["monetary"] for r in table), 2), "units": sum(r["units"] for r in table)},
        }
        if mode == "keep":
            result[mode]["rfm_columns"] = ["customerId", "recency", "frequency", "monetary", "units"]
            result[mode]["rfm"] = [[r["customerId"], r["recency"], r["frequency"], r["monetary"], r["units"]] for r in table]
    rows = result["keep"].pop("rfm")
    text = json.dumps(result, indent=1)
    # the per-customer rows last, one customer per line
    table = ",\n".join("  " + json.dumps(r) for r in rows)
    text = text[: text.rindex("}")].rstrip() + ',\n "keep_rfm": [\n' + table + "\n ]\n}"
    with open("test/reference/cdnow_reference.json", "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
