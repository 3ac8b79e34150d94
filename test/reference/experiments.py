"""Independent reference figures for src/experiments, from scipy and statsmodels.

Writes:
- test/fixtures/experiments/heavy_tailed.csv: a generated experiment of 5,000 customers with unequal arms
  (shares 60/30/10, drawn at random) and heavy-tailed revenue (Pareto basket values, tail index 1.6: infinite
  variance), seeded numpy;
- test/reference/experiments.json: every figure the TypeScript analysis must reproduce, on Hillstrom
  (data/hillstrom/hillstrom.csv.gz) and on the generated file, plus design and hash references.

Run from the repository root with Debian's Python (scipy 1.10.1, statsmodels 0.13.5, numpy 1.24.2,
pandas 1.5.3):

    /usr/bin/python3 test/reference/experiments.py

Definitions (those of issue 14): binary metrics: unpooled Wald 95% interval
(confint_proportions_2indep, method="wald"), pooled two-proportion z-test (proportions_ztest);
other metrics: Welch-Satterthwaite interval (CompareMeans.tconfint_diff, usevar="unequal") and
Welch's t-test (scipy ttest_ind, equal_var=False); CUPED: theta = cov(Y, X) / var(X) over all customers
(ddof 1), Y' = Y - theta (X - mean X), Welch on Y', variance reduction 1 - se'^2 / se^2 (Welch se of
the raw difference); SRM: scipy chisquare against N x share; Holm over the treatment arms of one metric
(multipletests, method="holm").
"""
import hashlib
import json
import sys

import numpy as np
import pandas as pd
import scipy
import statsmodels
from scipy import optimize, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_effectsize, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW


def welch(a, b):
    cm = CompareMeans(DescrStatsW(a), DescrStatsW(b))
    lo, hi = cm.tconfint_diff(alpha=0.05, usevar="unequal")
    t, p = stats.ttest_ind(a, b, equal_var=False)
    _, _, df = cm.ttest_ind(usevar="unequal")
    return {"diff": float(a.mean() - b.mean()), "se": float(cm.std_meandiff_separatevar), "ci95": [float(lo), float(hi)],
            "statistic": float(t), "df": float(df), "p": float(p)}


def proportions(a, b):
    xa, xb, na, nb = int(a.sum()), int(b.sum()), len(a), len(b)
    lo, hi = confint_proportions_2indep(xa, na, xb, nb, method="wald", compare="diff", alpha=0.05)
    z, p = proportions_ztest([xa, xb], [na, nb])
    pa, pb = xa / na, xb / nb
    return {"diff": pa - pb, "se": float(np.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)), "ci95": [float(lo), float(hi)],
            "statistic": float(z), "df": None, "p": float(p)}


def analyse(df, arm_column, control, metrics, covariate, shares):
    arms = [a for a in sorted(df[arm_column].unique()) if a != control]
    counts = {a: int((df[arm_column] == a).sum()) for a in [control] + arms}
    n = sum(counts.values())
    chi2, srm_p = stats.chisquare([counts[a] for a in shares], f_exp=[n * s for s in shares.values()])
    x = df[covariate].to_numpy(float)
    out = {"arms": counts, "srm": {"chi2": float(chi2), "df": len(shares) - 1, "p": float(srm_p)}, "comparisons": []}
    for metric, kind in metrics:
        y = df[metric].to_numpy(float)
        theta = np.cov(y, x, ddof=1)[0, 1] / np.var(x, ddof=1)
        adjusted = y - theta * (x - x.mean())
        yc = y[df[arm_column] == control]
        rows = []
        for arm in arms:
            mask = (df[arm_column] == arm).to_numpy()
            yt = y[mask]
            test = proportions(yt, yc) if kind == "proportion" else welch(yt, yc)
            cuped = welch(adjusted[mask], adjusted[(df[arm_column] == control).to_numpy()])
            raw = welch(yt, yc)
            cuped["theta"] = float(theta)
            cuped["varianceReduction"] = 1 - cuped["se"] ** 2 / raw["se"] ** 2
            rows.append({"arm": arm, "metric": metric, "kind": kind, "treatment": float(yt.mean()), "control": float(yc.mean()),
                         "nTreatment": len(yt), "nControl": len(yc), **test,
                         "relativeLift": float((yt.mean() - yc.mean()) / yc.mean()), "cuped": cuped})
        for key in ("p",):
            holm = multipletests([r[key] for r in rows], method="holm")[1]
            for r, h in zip(rows, holm):
                r["pHolm"] = float(h)
        holm = multipletests([r["cuped"]["p"] for r in rows], method="holm")[1]
        for r, h in zip(rows, holm):
            r["cuped"]["pHolm"] = float(h)
        out["comparisons"] += rows
    return out


def heavy_tailed():
    rng = np.random.default_rng(20261201)
    n = 5000
    rates = {"control": 0.08, "offer A": 0.10, "offer B": 0.12}
    arm = rng.choice(list(rates), size=n, p=[0.6, 0.3, 0.1])  # random split: the counts scatter around the shares
    propensity = 0.5 + rng.random(n)  # the customer's habits, shared by the pre-period and the experiment
    value = 15 * (1 + rng.pareto(1.6, n))  # heavy-tailed basket value of the customer (tail index 1.6)
    pre_orders = rng.binomial(4, np.minimum(1, 0.2 * propensity))
    pre_revenue = np.round(pre_orders * value * rng.lognormal(0, 0.3, n), 2)
    conversion = (rng.random(n) < np.array([rates[a] for a in arm]) * propensity).astype(int)
    orders = conversion * (1 + rng.poisson(0.4, n))
    revenue = np.round(orders * value * rng.lognormal(0, 0.3, n), 2)
    return pd.DataFrame({"customerId": [f"C{i:05d}" for i in range(n)], "arm": arm, "conversion": conversion,
                         "orders": orders, "revenue": revenue, "preRevenue": pre_revenue})


def power_root(effect_size, alpha, power, ratio):
    """The root of statsmodels' own power function at full precision (solve_power stops brentq near 1e-9)."""
    f = lambda n: NormalIndPower().power(effect_size, n, alpha, ratio=ratio, alternative="two-sided") - power
    return float(optimize.brentq(f, 1, 1e9, xtol=1e-12, rtol=1e-15))


def design_rows():
    cases = [(0.05, 0.01, 0.05, 0.8, 1.0), (0.10, 0.02, 0.05, 0.9, 1.0), (0.02, -0.005, 0.01, 0.8, 1.0),
             (0.30, 0.05, 0.05, 0.8, 3.0), (0.50, 0.10, 0.10, 0.95, 0.5)]
    rows = []
    for baseline, mde, alpha, power, ratio in cases:
        h = proportion_effectsize(baseline + mde, baseline)
        n1 = NormalIndPower().solve_power(effect_size=h, alpha=alpha, power=power, ratio=ratio, alternative="two-sided")
        rows.append({"metric": "proportion", "baseline": baseline, "mde": mde, "alpha": alpha, "power": power, "ratio": ratio,
                     "effectSize": float(h), "controlExact": float(n1), "controlRoot": power_root(h, alpha, power, ratio),
                     "powerAt1000": float(NormalIndPower().power(h, 1000, alpha, ratio=ratio))})
    for sd, mde, alpha, power, ratio in [(10.0, 2.0, 0.05, 0.8, 1.0), (37.5, 1.0, 0.05, 0.8, 1.0), (5.0, 0.3, 0.01, 0.9, 2.0)]:
        d = mde / sd
        n1 = NormalIndPower().solve_power(effect_size=d, alpha=alpha, power=power, ratio=ratio, alternative="two-sided")
        rows.append({"metric": "mean", "sd": sd, "mde": mde, "alpha": alpha, "power": power, "ratio": ratio,
                     "effectSize": d, "controlExact": float(n1), "controlRoot": power_root(d, alpha, power, ratio),
                     "powerAt1000": float(NormalIndPower().power(d, 1000, alpha, ratio=ratio))})
    return rows


def hash_unit(experiment, key):
    digest = hashlib.sha256((experiment + "\0" + key).encode("utf8")).digest()
    return (int.from_bytes(digest[:8], "big") >> 12) / 2 ** 52


hillstrom = pd.read_csv("data/hillstrom/hillstrom.csv.gz")
heavy = heavy_tailed()
heavy.to_csv("test/fixtures/experiments/heavy_tailed.csv", index=False)
heavy = pd.read_csv("test/fixtures/experiments/heavy_tailed.csv")  # the figures are of the file as written

out = {
    "source": "test/reference/experiments.py",
    "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "statsmodels": statsmodels.__version__,
                 "numpy": np.__version__, "pandas": pd.__version__},
    "hillstrom": analyse(hillstrom, "segment", "No E-Mail", [("visit", "proportion"), ("conversion", "proportion"), ("spend", "mean")],
                         "history", {"No E-Mail": 1 / 3, "Mens E-Mail": 1 / 3, "Womens E-Mail": 1 / 3}),
    "heavyTailed": analyse(heavy, "arm", "control", [("conversion", "proportion"), ("orders", "mean"), ("revenue", "mean")],
                           "preRevenue", {"control": 0.6, "offer A": 0.3, "offer B": 0.1}),
    "design": design_rows(),
    "hash": [[e, k, hash_unit(e, k)] for e, k in [("", ""), ("spring-reactivation", "12346"), ("spring-reactivation", "17850"),
                                                  ("Win back Can't Lose Them", "C00042"), ("ünïcode", "ID-7")]],
}
with open("test/reference/experiments.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
