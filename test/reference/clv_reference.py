"""Independent reference figures for the CLV models (src/clv), computed with scipy and pandas.

Run from the project root with Debian's Python (scipy 1.10, pandas 1.5, numpy 1.24):
    /usr/bin/python3 test/reference/clv_reference.py
It writes test/fixtures/clv/reference.json, which test/clv/reference.test.ts compares our results with.

Nothing here imports the project's code: the likelihoods are written out from the papers
(Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing Science 24(2);
"RFM and CLV", Journal of Marketing Research 42(4)), the same formulas as the lifetimes package,
maximised with scipy.optimize (Nelder-Mead, then BFGS from there; L-BFGS-B from three starts for
the BG/NBD on UCI Online Retail, whose likelihood is flat towards its no-dropout boundary: there each
stopping point's log-likelihood is also evaluated with mpmath at 30 digits), and the conditional
expectation uses scipy.special.hyp2f1 in the published form (no transformation).
"""
import json
import os
import sys

import mpmath as mp
import numpy as np
import pandas as pd
import scipy
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
OUT = os.path.join(ROOT, "test", "fixtures", "clv", "reference.json")


def bgnbd_ll(params, x, tx, T):
    r, alpha, a, b = params
    A1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    A2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    A3 = -(r + x) * np.log(alpha + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        A4 = np.where(x > 0, np.log(a) - np.log(np.where(x > 0, b + x - 1, 1.0)) - (r + x) * np.log(alpha + tx), -np.inf)
    return float(np.sum(A1 + A2 + np.logaddexp(A3, A4)))


def nbd_ll(params, x, T):
    r, alpha = params
    return float(np.sum(gammaln(r + x) - gammaln(r) + r * np.log(alpha) - (r + x) * np.log(alpha + T)))


def gg_ll(params, x, m):
    p, q, v = params
    return float(np.sum(gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * np.log(v)
                        + (p * x - 1) * np.log(m) + p * x * np.log(x) - (p * x + q) * np.log(x * m + v)))


def maximise(ll, start):
    """Maximum of ll over positive parameters: Nelder-Mead on log-parameters, then BFGS from there."""
    f = lambda th: -ll(np.exp(th))
    nm = minimize(f, np.log(start), method="Nelder-Mead",
                  options=dict(xatol=1e-12, fatol=1e-12, maxiter=100000, maxfev=200000))
    bf = minimize(f, nm.x, method="BFGS", options=dict(gtol=1e-9, maxiter=10000))
    best = bf if bf.fun <= nm.fun else nm
    return np.exp(best.x), -best.fun


def lbfgs(ll, start):
    """Maximum of ll over positive parameters by L-BFGS-B on log-parameters (numerical gradient)."""
    f = lambda th: -ll(np.exp(th))
    r = minimize(f, np.log(start), method="L-BFGS-B", options=dict(maxiter=10000, ftol=1e-15, gtol=1e-10))
    return np.exp(r.x), -r.fun


def bgnbd_ll_exact(params, x, tx, T):
    """The BG/NBD log-likelihood in 30-digit arithmetic (mpmath): double-precision gammaln loses
    digits when b or r is near 1e8, where ln Γ is about 2e9."""
    mp.mp.dps = 30
    r, alpha, a, b = (mp.mpf(float(v)) for v in params)
    total = mp.mpf(0)
    for xi, txi, Ti in zip(x, tx, T):
        xi, txi, Ti = mp.mpf(float(xi)), mp.mpf(float(txi)), mp.mpf(float(Ti))
        base = (mp.loggamma(r + xi) - mp.loggamma(r) + r * mp.log(alpha) + mp.loggamma(a + b) + mp.loggamma(b + xi)
                - mp.loggamma(b) - mp.loggamma(a + b + xi))
        term = mp.exp(-(r + xi) * mp.log(alpha + Ti))
        if xi > 0:
            term += mp.exp(mp.log(a) - mp.log(b + xi - 1) - (r + xi) * mp.log(alpha + txi))
        total += base + mp.log(term)
    return float(total)


def standard_errors(ll, params):
    """sqrt(diag(inverse Hessian of -ll)) with the Hessian by central differences (Richardson-free, h = 1e-4 relative)."""
    k = len(params)
    H = np.zeros((k, k))
    h = 1e-4 * np.abs(params)
    for i in range(k):
        for j in range(k):
            def at(di, dj):
                p = np.array(params, dtype=float)
                p[i] += di
                p[j] += dj
                return -ll(p)
            H[i, j] = (at(h[i], h[j]) - at(h[i], -h[j]) - at(-h[i], h[j]) + at(-h[i], -h[j])) / (4 * h[i] * h[j])
    return np.sqrt(np.diag(np.linalg.inv(H)))


def p_alive(params, x, tx, T):
    r, alpha, a, b = params
    odds = np.where(x > 0, a / np.where(x > 0, b + x - 1, 1.0) * ((alpha + T) / (alpha + tx)) ** (r + x), 0.0)
    return 1 / (1 + odds)


def expected_purchases(params, t, x, tx, T):
    """lifetimes' conditional_expected_number_of_purchases_up_to_time, written out."""
    r, alpha, a, b = params
    if t == 0:
        return np.zeros_like(x)
    hyp = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    first = (a + b + x - 1) / (a - 1)
    second = 1 - hyp * ((alpha + T) / (alpha + t + T)) ** (r + x)
    return p_alive(params, x, tx, T) * first * second


def expected_spend(params, x, m):
    p, q, v = params
    return (p * (v + x * m)) / (p * x + q - 1)


def clv(bg, gg, x, tx, T, m, months, discount, days_per_unit):
    """The issue's CLV: Σ_m (E[Y(30m)] - E[Y(30(m-1))]) x spend / (1 + d)^m, months of 30 days."""
    spend = expected_spend(gg, x, np.where(x > 0, m, 0.0))
    total = np.zeros_like(x)
    previous = np.zeros_like(x)
    for month in range(1, months + 1):
        now = expected_purchases(bg, 30 * month / days_per_unit, x, tx, T)
        total += (now - previous) * spend / (1 + discount) ** month
        previous = now
    return total


def summary_from_occasions(occ, cal_end, days_per_unit):
    """x, t_x, T, monetary (mean value of the repeat occasions) per customer at the calibration end."""
    c = occ[occ.day <= cal_end].sort_values(["id", "day"]).copy()
    c["k"] = c.groupby("id").cumcount()
    g = c.groupby("id")
    first, last, n = g.day.min(), g.day.max(), g.day.count()
    s = pd.DataFrame({
        "frequency": (n - 1).astype(float),
        "recency": (last - first).dt.days / days_per_unit,
        "T": (cal_end - first).dt.days / days_per_unit,
    })
    s["monetary"] = c[c.k > 0].groupby("id").value.mean().reindex(s.index).fillna(0.0)
    return s


def fit_record(ll, start):
    params, value = maximise(ll, start)
    return params, value, standard_errors(ll, params)


def main():
    out = {"versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__, "pandas": pd.__version__,
                        "mpmath": mp.__version__}}

    # 1. the published summary (the papers' input): 2,357 customers, weeks
    s = pd.read_csv(os.path.join(ROOT, "data", "cdnow", "cdnow_customers_summary.csv"))
    x, tx, T = (s[c].to_numpy(float) for c in ["frequency", "recency", "T"])
    bg, value, se = fit_record(lambda p: bgnbd_ll(p, x, tx, T), [1, 1, 1, 1])
    out["summary"] = {"customers": len(s), "bgnbd": dict(zip(["r", "alpha", "a", "b"], bg)), "logLik": value,
                      "se": dict(zip(["r", "alpha", "a", "b"], se))}

    # 2. the raw sample with the project's cleaning: zero-value lines set aside, one occasion per customer-day
    raw = pd.read_csv(os.path.join(ROOT, "data", "cdnow", "CDNOW_sample.txt"), sep=r"\s+", header=None,
                      names=["full_id", "id", "date", "cds", "value"], dtype={"id": str, "date": str})
    kept = raw[raw.value > 0].copy()
    kept["day"] = pd.to_datetime(kept.date, format="%Y%m%d")
    occ = kept.groupby(["id", "day"]).value.sum().reset_index()
    cal_end, holdout_end = pd.Timestamp("1997-09-30"), pd.Timestamp("1998-06-30")
    cs = summary_from_occasions(occ, cal_end, 7)
    x, tx, T, m = (cs[c].to_numpy(float) for c in ["frequency", "recency", "T", "monetary"])
    bg, bg_value, bg_se = fit_record(lambda p: bgnbd_ll(p, x, tx, T), [1, 1, 1, 1])
    rep = x > 0
    gg, gg_value, gg_se = fit_record(lambda p: gg_ll(p, x[rep], m[rep]), [1, 1, 1])
    # the same with every line its own transaction (no grouping by day): not what the paper did
    lines = kept[kept.day <= cal_end].sort_values(["id", "day"]).copy()
    lines["k"] = lines.groupby("id").cumcount()
    per_line_m = lines[lines.k > 0].groupby("id").value.mean()
    per_line_x = (lines.groupby("id").size() - 1)[per_line_m.index].to_numpy(float)
    per_line, per_line_value = maximise(lambda p: gg_ll(p, per_line_x, per_line_m.to_numpy()), [1, 2, per_line_m.mean()])
    hold = occ[(occ.day > cal_end) & (occ.day <= holdout_end)].groupby("id").agg(n=("day", "count"), spend=("value", "sum"))
    hold = hold.reindex(cs.index).fillna(0.0)
    holdout_weeks = (holdout_end - cal_end).days / 7
    predicted = expected_purchases(bg, holdout_weeks, x, tx, T)
    spend = expected_spend(gg, x, np.where(rep, m, 0.0))
    by_freq = []
    for f in range(8):
        sel = (x == f) if f < 7 else (x >= 7)
        by_freq.append({"frequency": f, "customers": int(sel.sum()), "actual": float(hold.n[sel].mean()),
                        "predicted": float(predicted[sel].mean())})
    ids = sorted(cs.index, key=int)[:40]
    pos = [cs.index.get_loc(i) for i in ids]
    out["raw"] = {
        "lines": len(raw), "zeroValueLines": int((raw.value <= 0).sum()), "customers": len(cs), "repeaters": int(rep.sum()),
        "sums": {"frequency": float(x.sum()), "recency": float(tx.sum()), "T": float(T.sum()), "monetary": float(m.sum())},
        "bgnbd": dict(zip(["r", "alpha", "a", "b"], bg)), "bgnbdLogLik": bg_value, "bgnbdSe": dict(zip(["r", "alpha", "a", "b"], bg_se)),
        "gammaGamma": dict(zip(["p", "q", "v"], gg)), "gammaGammaLogLik": gg_value, "gammaGammaSe": dict(zip(["p", "q", "v"], gg_se)),
        "gammaGammaPerLine": {"customers": len(per_line_m), "params": dict(zip(["p", "q", "v"], per_line)), "logLik": per_line_value,
                              "linesSharingADay": int(kept.duplicated(["id", "day"], keep=False).sum())},
        "meanRepeatSpend": float(m[rep].mean()), "spendFrequencyCorrelation": float(np.corrcoef(x[rep], m[rep])[0, 1]),
        "holdoutWeeks": holdout_weeks,
        "holdoutTotals": {"actualOccasions": float(hold.n.sum()), "predictedOccasions": float(predicted.sum()),
                          "actualSpend": float(hold.spend.sum()), "predictedSpend": float((predicted * spend).sum())},
        "byFrequency": by_freq,
        "customersSample": [{
            "customerId": cs.index[i], "frequency": x[i], "recency": tx[i], "T": T[i], "monetary": m[i],
            "pAlive": float(p_alive(bg, x[i:i + 1], tx[i:i + 1], T[i:i + 1])[0]),
            "expected10": float(expected_purchases(bg, 10, x[i:i + 1], tx[i:i + 1], T[i:i + 1])[0]),
            "expected52": float(expected_purchases(bg, 52, x[i:i + 1], tx[i:i + 1], T[i:i + 1])[0]),
            "expectedSpend": float(spend[i]),
            "clv12": float(clv(bg, gg, x[i:i + 1], tx[i:i + 1], T[i:i + 1], m[i:i + 1], 12, 0.01, 7)[0]),
            "holdoutOccasions": float(hold.n.iloc[i]), "holdoutSpend": float(hold.spend.iloc[i]),
        } for i in pos],
        "clvTotal12": float(clv(bg, gg, x, tx, T, m, 12, 0.01, 7).sum()),
    }

    # 3. UCI Online Retail with the project's cleaning rules (README): Gamma-Gamma and BG/NBD at two calibration ends
    d = pd.read_csv(os.path.join(ROOT, "data", "online_retail.csv.gz"), dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str},
                    encoding="latin-1")
    d = d.drop_duplicates()
    d = d[~d.InvoiceNo.str.startswith("C") & (d.Quantity > 0) & (d.UnitPrice > 0) & d.CustomerID.notna()].copy()
    d["value"] = d.Quantity * d.UnitPrice
    d["day"] = pd.to_datetime(d.InvoiceDate).dt.normalize()
    occ = d.rename(columns={"CustomerID": "id"}).groupby(["id", "day"]).value.sum().reset_index()
    uci = {"customerLines": len(d), "customers": int(d.CustomerID.nunique())}
    for end, unit in [("2011-12-09", 1), ("2011-06-30", 7)]:
        us = summary_from_occasions(occ, pd.Timestamp(end), unit)
        x, tx, T, m = (us[c].to_numpy(float) for c in ["frequency", "recency", "T", "monetary"])
        rep = x > 0
        gg, gg_value = maximise(lambda p: gg_ll(p, x[rep], m[rep]), [1, 2, m[rep].mean()])
        ridge, ridge_value = maximise(lambda p: gg_ll(p, x[rep], m[rep]), [1, 1, 1])
        starts = [[1, 1, 1, 1], [1, T.mean() / max(x.mean(), 1e-3), 1, 1], [0.5, 10, 0.5, 5]]
        bg_fits = [lbfgs(lambda p: bgnbd_ll(p, x, tx, T), s0) for s0 in starts]
        bg, bg_value = max(bg_fits, key=lambda f: f[1])
        nbd, nbd_value = maximise(lambda p: nbd_ll(p, x, T), [1, 1])
        uci[end] = {
            "unit": "day" if unit == 1 else "week", "customers": len(us), "repeaters": int(rep.sum()),
            "gammaGamma": dict(zip(["p", "q", "v"], gg)), "gammaGammaLogLik": gg_value,
            "nelderMeadFromOnes": {"params": dict(zip(["p", "q", "v"], ridge)), "logLik": ridge_value},
            "spendFrequencyCorrelation": float(np.corrcoef(x[rep], m[rep])[0, 1]),
            "bgnbdBest": dict(zip(["r", "alpha", "a", "b"], bg)), "bgnbdLogLik": bg_value,
            "bgnbdStarts": [{"start": s0, "params": list(f[0]), "logLik": f[1], "logLikExact": bgnbd_ll_exact(f[0], x, tx, T)}
                            for s0, f in zip(starts, bg_fits)],
            "nbd": {"r": nbd[0], "alpha": nbd[1]}, "nbdLogLik": nbd_value,
        }
    out["uci"] = uci

    with open(OUT, "w") as fh:
        json.dump(out, fh, indent=1, default=float)
        fh.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
