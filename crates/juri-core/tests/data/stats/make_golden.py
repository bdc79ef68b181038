#!/usr/bin/env python3
"""Generate golden.json: reference values for juri-core's agreement statistics.

Run once, by hand, from this folder:

    pip install krippendorff scipy numpy pandas pingouin mpmath
    python3 make_golden.py > golden.json

The Rust tests read golden.json only; they never run Python.

Layout of every dataset: `units` is a list of units (entries), each a list with one slot per
rater (juror); `null` is a missing rating. Expected values:

- `alpha_interval`, `alpha_ordinal`: krippendorff.alpha on the raters x units transpose, or null
  where the statistic is undefined (the package raises: no pairable values, or one value only).
- `kendall_w`: for complete datasets only, Kendall's W of the raters x units matrix, or null.
- `complete_block`: the largest complete block (rater indices, unit indices) chosen by brute force
  over every subset of raters, with the rule documented in `juri_core::stats`; null if none.
- `kendall_w_incomplete`: Kendall's W of that block, or null.

Kendall's W is computed from scipy.stats.rankdata (average ranks) with the tie-corrected
formula, and cross-checked against scipy.stats.friedmanchisquare (chi-square = m(n-1)W) and
pingouin.friedman (W). The p-value is scipy.stats.chi2.sf(chi_square, n - 1).

`chi_square_sf` holds points of the chi-square survival function computed with mpmath at 50
digits (the regularized upper incomplete gamma function), each checked against scipy to 1e-10.
"""

import itertools
import json
import sys
from importlib.metadata import version

import krippendorff
import mpmath
import numpy as np
import pandas as pd
import pingouin
import scipy
from scipy import stats


def alpha(units, level):
    data = np.array(
        [[np.nan if v is None else v for v in row] for row in units], dtype=float
    ).T
    try:
        value = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    except ValueError:
        return None
    if not np.isfinite(value):
        return None
    return value


def kendall(ratings):
    """ratings: raters x items (complete). Returns the KendallW fields or None."""
    r = np.asarray(ratings, dtype=float)
    m, n = r.shape
    if m < 2 or n < 2:
        return None
    ranks = np.vstack([stats.rankdata(row, method="average") for row in r])
    totals = ranks.sum(axis=0)
    s = float(((totals - m * (n + 1) / 2.0) ** 2).sum())
    ties = 0.0
    for row in r:
        _, counts = np.unique(row, return_counts=True)
        ties += float((counts**3 - counts).sum())
    denominator = m * m * (n**3 - n) - m * ties
    if denominator == 0:
        return None
    w = 12.0 * s / denominator
    chi_square = m * (n - 1) * w
    df = n - 1
    p_value = float(stats.chi2.sf(chi_square, df))

    # Cross-checks with two independent implementations.
    friedman = stats.friedmanchisquare(*[r[:, j] for j in range(n)]) if n >= 3 else None
    if friedman is not None and np.isfinite(friedman.statistic):
        assert abs(friedman.statistic - chi_square) <= 1e-9 * max(1.0, chi_square), (
            friedman.statistic,
            chi_square,
        )
    long = pd.DataFrame(
        [(i, j, r[i, j]) for i in range(m) for j in range(n)],
        columns=["rater", "item", "score"],
    )
    pg = pingouin.friedman(data=long, dv="score", within="item", subject="rater")
    assert abs(float(pg["W"].iloc[0]) - w) <= 1e-9 * max(1.0, w), (pg, w)

    return {
        "w": w,
        "chi_square": chi_square,
        "df": df,
        "p_value": p_value,
        "raters": m,
        "items": n,
    }


def complete_block(units):
    """Brute force over all rater subsets: most ratings (raters x units), then most raters,
    then the lexicographically smallest rater index list; at least 2 raters and 2 units."""
    width = max((len(u) for u in units), default=0)
    best = None
    for size in range(2, width + 1):
        for raters in itertools.combinations(range(width), size):
            covered = [
                i
                for i, u in enumerate(units)
                if all(j < len(u) and u[j] is not None for j in raters)
            ]
            if len(covered) < 2:
                continue
            key = (len(raters) * len(covered), len(raters))
            if best is None or key > best[0] or (key == best[0] and list(raters) < best[1]):
                best = (key, list(raters), covered)
    if best is None:
        return None
    return {"raters": best[1], "units": best[2]}


def dataset(name, note, units):
    complete = all(v is not None for u in units for v in u) and len({len(u) for u in units}) == 1
    entry = {
        "name": name,
        "note": note,
        "units": units,
        "alpha_interval": alpha(units, "interval"),
        "alpha_ordinal": alpha(units, "ordinal"),
    }
    if complete:
        transposed = [[u[j] for u in units] for j in range(len(units[0]))]
        entry["kendall_w"] = kendall(transposed)
    block = complete_block(units)
    entry["complete_block"] = block
    if block is None:
        entry["kendall_w_incomplete"] = None
    else:
        ratings = [[units[i][j] for i in block["units"]] for j in block["raters"]]
        entry["kendall_w_incomplete"] = kendall(ratings)
    return entry


def survival(x, df):
    """Chi-square survival function to 50 digits (mpmath), cross-checked against scipy."""
    with mpmath.workdps(50):
        exact = float(mpmath.gammainc(mpmath.mpf(df) / 2, mpmath.mpf(x) / 2, mpmath.inf, regularized=True))
    reference = float(stats.chi2.sf(x, df))
    assert abs(reference - exact) <= 1e-10 * exact, (x, df, reference, exact)
    return {"x": x, "df": df, "sf": exact}


def transpose(coders):
    return [list(column) for column in zip(*coders)]


def random_panel(rng, entries, jurors, per_entry, decimals):
    quality = rng.normal(70.0, 10.0, entries)
    bias = rng.normal(0.0, 4.0, jurors)
    units = []
    for e in range(entries):
        chosen = set(rng.choice(jurors, size=per_entry, replace=False).tolist())
        row = []
        for j in range(jurors):
            if j in chosen:
                score = quality[e] + bias[j] + rng.normal(0.0, 6.0)
                row.append(round(float(np.clip(score, 0.0, 100.0)), decimals))
            else:
                row.append(None)
        units.append(row)
    return units


def main():
    n = None
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
    # 4 observers x 12 units with missing data. Published: interval 0.849, ordinal 0.815.
    krippendorff_2011 = transpose(
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
            [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
        ]
    )
    rng = np.random.default_rng(20240611)

    complete_jury = [
        [round(float(v), 1) for v in row]
        for row in np.clip(
            rng.normal(70.0, 9.0, (30, 1)) + rng.normal(0.0, 5.0, (30, 7)), 0.0, 100.0
        )
    ]
    complete_jury_gaps = [list(row) for row in complete_jury]
    for unit, rater in [(2, 0), (5, 3), (5, 4), (11, 6), (17, 1), (23, 3), (29, 0)]:
        complete_jury_gaps[unit][rater] = None

    datasets = [
        dataset(
            "krippendorff_2011",
            "Krippendorff (2011) worked example: 4 coders x 12 units, missing data; "
            "published alpha interval 0.849, ordinal 0.815",
            krippendorff_2011,
        ),
        dataset(
            "small_complete",
            "3 raters x 5 items, no ties",
            transpose([[80, 72, 65, 90, 58], [78, 70, 69, 88, 60], [85, 60, 70, 91, 55]]),
        ),
        dataset(
            "complete_with_ties",
            "4 raters x 6 items, ties within raters (average ranks, tie-corrected W)",
            transpose(
                [
                    [75, 75, 60, 82.5, 60, 90],
                    [70, 68, 68, 80, 55, 88],
                    [77.5, 77.5, 77.5, 85, 62, 95],
                    [64, 70, 58, 70, 58, 84],
                ]
            ),
        ),
        dataset(
            "perfect_agreement",
            "3 raters give identical scores to 4 items",
            transpose([[50, 60, 70, 80]] * 3),
        ),
        dataset(
            "reversed_pair",
            "2 raters rank 5 items in opposite orders",
            transpose([[10, 20, 30, 40, 50], [55, 45, 35, 25, 15]]),
        ),
        dataset(
            "complete_jury_30x7",
            "7 jurors x 30 entries, one-decimal totals (some ties)",
            complete_jury,
        ),
        dataset(
            "complete_jury_30x7_gaps",
            "the same panel with 7 missing cells",
            complete_jury_gaps,
        ),
        dataset(
            "random_200x12_5_per_entry",
            "200 entries, 12 jurors, each entry scored by 5 random jurors (latent quality + juror "
            "bias + noise, one-decimal totals)",
            random_panel(rng, 200, 12, 5, 1),
        ),
        dataset(
            "degenerate_one_value",
            "every rating is the same: alpha undefined (no expected disagreement), W undefined",
            transpose([[70, 70, 70], [70, 70, 70], [n, 70, 70]]),
        ),
        dataset(
            "degenerate_unpairable",
            "every entry has a single rating: alpha undefined, no complete block",
            [[81, n, n], [n, 64, n], [n, n, 77], [59, n, n]],
        ),
    ]

    sf_points = []
    for df in [1, 2, 3, 4, 5, 7, 10, 11, 29, 50, 199, 1000, 4999]:
        for fraction in [0.001, 0.1, 0.5, 0.9, 1.0, 1.1, 1.5, 2.0, 3.0, 5.0]:
            x = df * fraction
            sf_points.append(survival(x, df))
    for x in [0.0, 1e-8, 25.0, 60.0, 120.0]:
        sf_points.append(survival(x, 1))

    golden = {
        "generator": {
            "script": "make_golden.py",
            "python": sys.version.split()[0],
            "krippendorff": version("krippendorff"),
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "pingouin": pingouin.__version__,
            "mpmath": mpmath.__version__,
        },
        "datasets": datasets,
        "chi_square_sf": sf_points,
    }
    k = golden["datasets"][0]
    assert round(k["alpha_interval"], 3) == 0.849, k["alpha_interval"]
    assert round(k["alpha_ordinal"], 3) == 0.815, k["alpha_ordinal"]
    json.dump(golden, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
