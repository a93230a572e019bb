#!/usr/bin/env bash
# Benchmark: audit-site (release) against Hugo and the raw cmark-gfm floor on the same synthetic
# corpus, in one run. Wall time and peak memory come from GNU time; outputs go to a RAM disk when
# there is one (/dev/shm), for both tools, so that the disk's state does not decide the result.
#
#   scripts/bench.sh [AUDITS] [PROJECTS]      (defaults: 10000 audits in 40 projects)
#
# Needs python3 and GNU time; for the comparisons Debian's hugo and cmark-gfm, and the Hugo site and
# cmark floor scripts of BENCH_DIR (default ../shared/bench). The corpus comes from our own
# scripts/make-corpus.py.
set -euo pipefail
cd "$(dirname "$0")/.."
audits=${1:-10000}
projects=${2:-40}
bench=${BENCH_DIR:-../shared/bench}
work=${TMPDIR:-/tmp}/audit-site-bench
out=$work
[ -d /dev/shm ] && [ -w /dev/shm ] && out=/dev/shm/audit-site-bench
mkdir -p "$work" "$out"
corpus="$work/corpus-$audits"
bin=$(swift build -c release --show-bin-path)/audit-site
[ -x "$bin" ] || { echo "build first: make release" >&2; exit 2; }

if [ ! -d "$corpus" ]; then
    python3 scripts/make-corpus.py --out "$corpus" --audits "$audits" --projects "$projects" --truth "$work/truth-$audits.json"
fi
echo "corpus: $(du -sh "$corpus" | cut -f1), $(find "$corpus" -name '*.md' | wc -l) files; outputs in $out"

measure() { # name command...
    local name=$1; shift
    local times="$work/time-${name// /-}.txt"
    if ! /usr/bin/time -f "%e %U %M" -o "$times" "$@" > "$work/log-${name// /-}.txt" 2>&1; then
        echo "$name failed (see $work/log-${name// /-}.txt)"
        return
    fi
    read -r seconds user kib < "$times"
    printf '%-20s %8.2f s wall %8.2f s cpu %8d MiB peak\n' "$name" "$seconds" "$user" $((kib / 1024))
}

rm -rf "$out/audit-site" "$out/hugo"
measure "audit-site" "$bin" build --content "$corpus" --output "$out/audit-site" --theme themes/default --quiet
if command -v cmark-gfm >/dev/null; then measure "cmark-gfm floor" "$bench/cmark-floor.sh" "$corpus"; fi
if command -v hugo >/dev/null; then measure "hugo" "$bench/hugo-site.sh" "$corpus" "$out/hugo"; fi
echo "pages: audit-site $(find "$out/audit-site" -name '*.html' | wc -l), hugo $(find "$out/hugo" -name '*.html' 2>/dev/null | wc -l)"
rm -rf "$out/audit-site" "$out/hugo"
