#!/usr/bin/env bash
# Submits an OrSolver sweep to Slurm as N shards and a merge that runs after all of them (docs/cluster.md):
#
#   docs/cluster/submit.sh TABLE OUT N [sbatch options, e.g. --partition=short]
#
# Prints the two job ids. ORSOLVER, VERIFY, GRID and FORMAT are passed on to the jobs (see the two .sbatch files).
set -euo pipefail
if [ "$#" -lt 3 ]; then
  echo "usage: $0 TABLE OUT N [sbatch options]" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TABLE="$(realpath "$1")"
OUT="$(realpath -m "$2")"
SHARDS="$3"
shift 3
export TABLE OUT SHARDS
mkdir -p "$OUT"
array="$(sbatch --parsable --array="1-$SHARDS" --export=ALL "$@" "$here/sweep-array.sbatch")"
array="${array%%;*}"
merge="$(sbatch --parsable --dependency="afterok:$array" --export=ALL "$@" "$here/sweep-merge.sbatch")"
merge="${merge%%;*}"
echo "sweep: job array $array ($SHARDS shards), merge: job $merge; result: $OUT/sweep.csv"
