#!/usr/bin/env python3
"""Solves an LP exported by `orsolver bench` with scipy's HiGHS (scipy.optimize.linprog), for docs/performance.md.

The bench writes the program it solves itself (the same columns, rows, bounds and coefficients: nothing is
reformulated) as JSON, with the surplus floors to sweep; this script solves it once per floor, as a Python user
would (linprog has no warm start), and prints one JSON line: the seconds of the sweep (data loading and imports
excluded), each floor's optimum and status.

Usage: border_lp.py PROGRAM.json
Needs numpy and scipy (Debian: apt-get install python3-scipy).
"""
import json
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linprog
from scipy.sparse import csr_matrix


def main(path):
    with open(path) as f:
        p = json.load(f)
    sign = -1.0 if p["maximise"] else 1.0
    c = sign * np.asarray(p["objective"], dtype=float)
    inf = float("inf")
    bounds = list(zip((None if v == -inf else v for v in p["columnLower"]),
                      (None if v == inf else v for v in p["columnUpper"])))
    a = csr_matrix((np.asarray(p["value"]), np.asarray(p["column"]), np.asarray(p["rowStart"])),
                   shape=(len(p["rowLower"]), len(c)))
    lower = np.asarray(p["rowLower"], dtype=float)
    upper = np.asarray(p["rowUpper"], dtype=float)
    surplus = p["surplusRow"]
    equal = lower == upper
    equal[surplus] = False
    has_upper = ~equal & np.isfinite(upper)
    has_lower = ~equal & (np.isfinite(lower) | (np.arange(len(lower)) == surplus))
    a_ub = scipy.sparse.vstack([a[has_upper], -a[has_lower]]).tocsr()
    b_ub = np.concatenate([upper[has_upper], -lower[has_lower]])
    # The surplus row's place among the ≥ rows (written as −row ≤ −floor): the one entry a sweep moves.
    floor_at = int(np.count_nonzero(has_upper) + np.count_nonzero(has_lower[:surplus]))
    a_eq, b_eq = a[equal], lower[equal]
    results = []
    start = time.perf_counter()
    for floor in p["floors"]:
        b_ub[floor_at] = -floor
        r = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs",
                    options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10})
        results.append({"floor": floor, "status": int(r.status),
                        "objective": sign * float(r.fun) if r.status == 0 else None})
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "scipy": scipy.__version__, "results": results}))


if __name__ == "__main__":
    main(sys.argv[1])
