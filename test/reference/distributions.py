"""Reference values of the normal, Student t and chi-square distributions from scipy.stats.

Writes test/reference/distributions.json, read by test/stats/distributions.test.ts.
Run from the repository root with Debian's Python (scipy 1.10.1, numpy 1.24.2):

    /usr/bin/python3 test/reference/distributions.py

Floats are written with repr(), so every digit scipy computed is kept.
"""
import json
import sys

import numpy as np
import scipy
from scipy import stats

NORMAL_X = [-38.0, -30.0, -20.0, -10.0, -8.3, -5.66, -5.6, -3.0, -1.959963984540054, -0.7, -0.67, -0.3, -1e-10,
            0.0, 1e-12, 0.25, 0.6744, 0.6745, 1.0, 1.5, 2.0, 3.5, 5.65, 5.7, 8.0, 12.5, 26.0, 37.0]
NORMAL_P = [1e-300, 1e-100, 1e-40, 1e-20, 1e-10, 1e-6, 1e-3, 0.0125, 0.025, 0.05, 0.074, 0.076, 0.2, 0.4999, 0.5,
            0.5000001, 0.6, 0.8, 0.925, 0.95, 0.975, 0.999, 0.999999, 1 - 1e-12]
T_X = [-1e6, -300.0, -40.0, -8.0, -2.5, -1.96, -1.0, -0.3, -1e-7, 1e-9, 0.01, 0.7, 1.2, 2.0, 2.8, 6.0, 25.0, 1e4]
T_DF = [1.0, 2.0, 3.0, 4.5, 10.0, 29.7, 100.0, 1000.5, 12345.6, 42000.3, 1e6]
T_P = [1e-12, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.2, 0.3, 0.45, 0.499999, 0.6, 0.9, 0.975, 0.999]
# points for the quantile round trip: our quantile of scipy's cdf (t < 0) or sf (t > 0) must give t back
# (scipy's own t.ppf comes from cdflib's root search with a 1e-10-ish tolerance, so it is kept at that)
T_ROUND_TRIP = [-250.0, -30.0, -6.0, -2.2, -1.0, -0.25, -0.01, 0.01, 0.4, 1.7, 1.96, 3.3, 9.0, 120.0]
CHI2_X = [1e-8, 0.01, 0.3, 1.0, 2.0, 3.841458820694124, 5.99, 10.0, 30.0, 100.0, 250.0, 700.0]
CHI2_DF = [1.0, 2.0, 3.0, 5.0, 10.5, 50.0, 200.0]


def rows(fn, xs, dfs=None):
    if dfs is None:
        return [[x, float(fn(x))] for x in xs]
    return [[x, df, float(fn(x, df))] for df in dfs for x in xs]


out = {
    "source": "test/reference/distributions.py",
    "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "numpy": np.__version__},
    "normal": {
        "cdf": rows(stats.norm.cdf, NORMAL_X),
        "sf": rows(stats.norm.sf, NORMAL_X),
        "pdf": rows(stats.norm.pdf, NORMAL_X),
        "ppf": rows(stats.norm.ppf, NORMAL_P),
        "isf": rows(stats.norm.isf, NORMAL_P),
    },
    "t": {
        "cdf": rows(stats.t.cdf, T_X, T_DF),
        "sf": rows(stats.t.sf, T_X, T_DF),
        "pdf": rows(stats.t.pdf, T_X, T_DF),
        "ppf": rows(stats.t.ppf, T_P, T_DF),
        "roundTrip": [[t, df, float(stats.t.cdf(t, df) if t < 0 else stats.t.sf(t, df))] for df in T_DF for t in T_ROUND_TRIP],
    },
    "chi2": {
        "cdf": rows(stats.chi2.cdf, CHI2_X, CHI2_DF),
        "sf": rows(stats.chi2.sf, CHI2_X, CHI2_DF),
    },
}

with open("test/reference/distributions.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
