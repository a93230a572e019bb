#!/usr/bin/env bash
# Benchmark: audit-site (release) against Hugo and the cmark-gfm floor, on the same synthetic corpora,
# in one run. Whole-process wall time, CPU time and peak memory come from GNU time. Outputs go to a
# RAM disk (/dev/shm) for every tool, then the largest corpus is built again on the ordinary disk.
#
#   scripts/bench.sh [AUDITS...]        (default: 1000 10000; 40 projects each)
#
# Reported: the first build; with `--cache`, a build that fills the cache, one with nothing changed (into
# the same output, then into a new one) and one after a report changed; what a search query loads; the
# preview's latency for each kind of edit (scripts/preview-latency.py); the ratios to Hugo and the floor;
# how the build grows from one size to the next; with valgrind, the instructions of a 100-audit build. Needs python3 and GNU time. Hugo (Debian `hugo`) and
# cmark-gfm (Debian `cmark-gfm`) are compared when installed. Corpora come from scripts/make-corpus.py
# (deterministic) and are kept in $TMPDIR/audit-site-bench between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
work=${TMPDIR:-/tmp}/audit-site-bench
ram=$work; [ -d /dev/shm ] && [ -w /dev/shm ] && ram=/dev/shm/audit-site-bench
disk=$work/disk
mkdir -p "$work" "$ram" "$disk"
bin=$(swift build -c release --show-bin-path)/audit-site
[ -x "$bin" ] || { echo "build first: make release" >&2; exit 2; }

# measure NAME COMMAND...: one line of figures; the seconds are kept in $last.
last=0
measure() {
    local name=$1; shift
    local log="$work/log-${name// /-}.txt" times="$work/time.txt"
    if ! /usr/bin/time -f "%e %U %S %M" -o "$times" "$@" > "$log" 2>&1; then
        echo "  $name failed (see $log)"; last=0; return
    fi
    read -r wall user sys kib < "$times"
    last=$wall
    printf '  %-36s %8.2f s wall %8.2f s cpu %7d MiB peak\n' "$name" "$wall" "$(awk "BEGIN { print $user + $sys }")" $((kib / 1024))
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "?" }'; }

declare -A own
for audits in "${sizes[@]}"; do
    corpus="$work/corpus-$audits"
    [ -d "$corpus" ] || python3 scripts/make-corpus.py --out "$corpus" --audits "$audits" --projects 40 --truth "$work/truth-$audits.json" > /dev/null
    echo "$audits audits: $(du -sh "$corpus" | cut -f1), $(find "$corpus" -name '*.md' | wc -l) files (outputs on ${ram})"
    rm -rf "$ram/site" "$ram/hugo"
    measure "audit-site" "$bin" build --content "$corpus" --output "$ram/site" --quiet; own[$audits]=$last; mine=$last
    echo "  pages: $(find "$ram/site" -name '*.html' | wc -l), files: $(find "$ram/site" -type f | wc -l)"
    # CI with a kept cache folder: a first build fills it, the next one (nothing changed) reads from it.
    rm -rf "$work/cache-$audits"
    measure "audit-site --cache (cold)" "$bin" build --content "$corpus" --output "$ram/site" --cache "$work/cache-$audits" --quiet
    # The output kept too (a runner that keeps its workspace): nothing to write.
    measure "audit-site --cache (warm)" "$bin" build --content "$corpus" --output "$ram/site" --cache "$work/cache-$audits" --quiet
    echo "  warm cache / first build: $(ratio "$last" "$mine")"
    # A fresh output folder (a clean checkout): the site is copied back from the cache.
    rm -rf "$ram/site"
    measure "audit-site --cache (warm, new output)" "$bin" build --content "$corpus" --output "$ram/site" --cache "$work/cache-$audits" --quiet
    echo "  warm cache, new output / first build: $(ratio "$last" "$mine")"
    # The usual push: one report changed. Its project's pages and the site-wide ones are built again.
    one=$(find "$corpus" -name '*.md' | sort | sed -n 1p); cp "$one" "$work/one.md"
    printf '\nOne more sentence for the benchmark.\n' >> "$one"
    measure "audit-site --cache (1 edit)" "$bin" build --content "$corpus" --output "$ram/site" --cache "$work/cache-$audits" --quiet
    echo "  one report changed / first build: $(ratio "$last" "$mine")"
    cp "$work/one.md" "$one"; touch -r "$work/one.md" "$one"
    echo "  what one search loads:"
    python3 scripts/search-load.py "$ram/site" en "security" "recommendations" "priority critical" "devops audit" "GAP-1"
    if command -v cmark-gfm > /dev/null; then
        measure "cmark-gfm floor" scripts/bench/cmark-floor.sh "$corpus"
        echo "  audit-site / floor: $(ratio "$mine" "$last")"
    fi
    if command -v hugo > /dev/null; then
        measure "hugo (lean)" scripts/bench/hugo-site.sh "$corpus" "$ram/hugo"
        echo "  audit-site / hugo: $(ratio "$mine" "$last")"
    fi
    rm -rf "$ram/site" "$ram/hugo"
done
echo "preview on the ${sizes[0]}-audit corpus, from a report written to the reload event reaching the page:"
python3 scripts/preview-latency.py "$bin" "$work/corpus-${sizes[0]}" --rounds 5 | sed 's/^/  /'
if [ ${#sizes[@]} -ge 2 ]; then
    small=${sizes[0]}; large=${sizes[-1]}
    echo "linearity: the $large-audit build takes $(ratio "${own[$large]}" "${own[$small]}")× the $small-audit build"
fi
large=${sizes[-1]}
echo "$large audits on the ordinary disk ($disk):"
rm -rf "$disk/site" "$disk/hugo"
measure "audit-site" "$bin" build --content "$work/corpus-$large" --output "$disk/site" --quiet
if command -v hugo > /dev/null; then measure "hugo (lean)" scripts/bench/hugo-site.sh "$work/corpus-$large" "$disk/hugo"; fi
rm -rf "$disk/site" "$disk/hugo"
# Instructions, where valgrind is installed: what the two timings above cannot show on a noisy machine.
if command -v valgrind > /dev/null && command -v callgrind_annotate > /dev/null; then
    corpus="$work/corpus-100"
    [ -d "$corpus" ] || python3 scripts/make-corpus.py --out "$corpus" --audits 100 --projects 8 > /dev/null
    echo "instructions of one build of a 100-audit corpus (callgrind), and where they go (inclusive):"
    scripts/bench/instructions.sh "$bin" "$corpus" "$ram/site-100"
    rm -rf "$ram/site-100"
fi
