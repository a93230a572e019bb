#!/usr/bin/env bash
# Benchmark: audit-site (release) against Hugo and the raw cmark-gfm floor on the same synthetic
# corpus, in one run. Wall time and peak memory come from GNU time.
#
#   scripts/bench.sh [AUDITS] [PROJECTS]      (defaults: 10000 audits in 40 projects)
#
# Needs python3, GNU time, and for the comparisons Debian's hugo and cmark-gfm (installed if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
audits=${1:-10000}
projects=${2:-40}
bench=${BENCH_DIR:-../shared/bench}
work=${TMPDIR:-/tmp}/audit-site-bench
mkdir -p "$work"
corpus="$work/corpus-$audits"
bin=$(swift build -c release --show-bin-path)/audit-site
[ -x "$bin" ] || { echo "build first: make release" >&2; exit 2; }

if [ ! -d "$corpus" ]; then
    python3 "$bench/make-corpus.py" --out "$corpus" --audits "$audits" --projects "$projects" --truth "$work/truth-$audits.json"
fi
echo "corpus: $(du -sh "$corpus" | cut -f1), $(find "$corpus" -name '*.md' | wc -l) files"

measure() { # name command...
    local name=$1; shift
    local out="$work/time-$name.txt"
    /usr/bin/time -f "%e %M" -o "$out" "$@" > "$work/log-$name.txt" 2>&1 || { echo "$name failed (see $work/log-$name.txt)"; return; }
    read -r seconds kib < "$out"
    printf '%-22s %8.2f s %8d MiB\n' "$name" "$seconds" $((kib / 1024))
}

rm -rf "$work/out-audit-site"
measure "audit-site build" "$bin" build --content "$corpus" --output "$work/out-audit-site" --theme themes/default --quiet
if command -v cmark-gfm >/dev/null; then measure "cmark-gfm floor" "$bench/cmark-floor.sh" "$corpus"; fi
if command -v hugo >/dev/null; then
    rm -rf "$work/out-hugo"
    measure "hugo" "$bench/hugo-site.sh" "$corpus" "$work/out-hugo"
fi
echo "pages written by audit-site: $(find "$work/out-audit-site" -name '*.html' | wc -l)"
