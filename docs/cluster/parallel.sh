#!/usr/bin/env bash
# An OrSolver sweep as N shards with GNU parallel on one machine, then the merge (docs/cluster.md):
#
#   docs/cluster/parallel.sh TABLE OUT N
#
# Runs N shard processes at once (one core each), then `orsolver merge OUT`; exits with the merge's code (0 all rows
# solved and checked, 1 some rows failed, 2 a shard missing). Rerun it after an interruption: every shard takes up
# where it stopped. ORSOLVER (default `orsolver`), VERIFY, GRID and FORMAT as for the Slurm scripts.
set -euo pipefail
if [ "$#" -ne 3 ]; then
  echo "usage: $0 TABLE OUT N" >&2
  exit 2
fi
table="$1" out="$2" shards="$3"
read -r -a orsolver <<< "${ORSOLVER:-orsolver}"
options=(--verify "${VERIFY:-hull}")
if [ -n "${GRID:-}" ]; then options+=(--grid "$GRID"); fi
# A shard that exits 1 (failed rows) or 2 (bad input) is reported by the merge, which checks that every shard finished.
parallel --quote --halt never --line-buffer -j "$shards" \
  "${orsolver[@]}" sweep "$table" --out "$out" --shard "{}/$shards" --jobs 1 "${options[@]}" ::: $(seq "$shards") || true
"${orsolver[@]}" merge "$out" --format "${FORMAT:-csv}"
