#!/usr/bin/env bash
# A/B of full builds: CPU (perf stat task-clock) and wall of two or more spravka binaries on one
# project, alternating, each build into an empty folder (its removal untimed); prints medians.
#
#   bash benches/ab.sh PROJECT RUNS OUT BIN...
#
# PROJECT is a project folder (e.g. a converted corpus: see peers.sh), OUT a scratch folder that
# the script removes before each build (use /dev/shm/NAME for tmpfs). Needs perf.
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,8p "$0" >&2; exit 2; }
root=$1; runs=$2; out=$3; shift 3
command -v perf >/dev/null || { echo "ab.sh: perf not found" >&2; exit 1; }
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1756684800}"
declare -A cpu wall
for ((i = 0; i < runs; i++)); do
    for bin in "$@"; do
        rm -rf "$out"
        t0=$EPOCHREALTIME
        c=$(perf stat -x, -e task-clock "$bin" build --root "$root" --out "$out" 2>&1 >/dev/null |
            grep task-clock | cut -d, -f1)
        t1=$EPOCHREALTIME
        cpu[$bin]+="${c%.*} "
        wall[$bin]+="$(python3 -c "print(round(($t1 - $t0) * 1000))") "
    done
done
rm -rf "$out"
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
for bin in "$@"; do
    echo "$bin cpu_ms_median=$(echo ${cpu[$bin]} | median) wall_ms_median=$(echo ${wall[$bin]} | median) cpu=[${cpu[$bin]}] wall=[${wall[$bin]}]"
done
