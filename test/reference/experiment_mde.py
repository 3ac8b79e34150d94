"""Reference for the minimum detectable effect at a fixed size (src/experiments/design.ts:
detectableEffectSize, proportionMde, meanMde), from statsmodels' NormalIndPower.

Run from the repository root with Debian's Python (statsmodels 0.13.5, scipy 1.10.1):

    /usr/bin/python3 test/reference/experiment_mde.py

Writes test/reference/experiment_mde.json: for each (n1, alpha, power, ratio) the effect size solve_power finds
for nobs1 = n1, and the root of statsmodels' own power function at full precision (brentq, xtol 1e-15), then the
rate p1 = sin^2(asin(sqrt(p0)) + h/2) that Cohen's h reaches from a baseline p0 (proportion_effectsize read back).
"""
import json
import sys

import numpy as np
import scipy
import statsmodels
from scipy import optimize
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

rows = []
for n1, alpha, power, ratio, p0 in [(8143, 0.05, 0.8, 1.0, 0.05), (393, 0.05, 0.8, 1.0, 0.3), (141.5, 0.05, 0.8, 1.0, 0.303886925795053),
                                     (1000, 0.01, 0.9, 2.0, 0.1), (50, 0.1, 0.95, 0.5, 0.5)]:
    solved = NormalIndPower().solve_power(effect_size=None, nobs1=n1, alpha=alpha, power=power, ratio=ratio, alternative="two-sided")
    f = lambda d: NormalIndPower().power(d, n1, alpha, ratio=ratio, alternative="two-sided") - power
    root = optimize.brentq(f, 1e-9, 10, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    p1 = float(np.sin(np.arcsin(np.sqrt(p0)) + root / 2) ** 2)
    rows.append({"n1": n1, "alpha": alpha, "power": power, "ratio": ratio, "solved": float(solved), "root": float(root),
                 "baseline": p0, "rate": p1, "mde": p1 - p0, "hBack": float(proportion_effectsize(p1, p0))})

out = {"source": "test/reference/experiment_mde.py",
       "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__, "statsmodels": statsmodels.__version__, "numpy": np.__version__},
       "mde": rows}
with open("test/reference/experiment_mde.json", "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
