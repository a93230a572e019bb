#!/usr/bin/env bash
# Instructions executed by one build, counted by callgrind: repeatable where wall and CPU times are
# not (a shared VM varies by ±15% from run to run). Used by `make bench` when valgrind is installed.
#
#   scripts/bench/instructions.sh BINARY CORPUS OUTPUT [TOP]
#
# Valgrind 3.19's debug-info reader gives up on the static Swift binary, so the count runs on a copy
# with its debug sections stripped (symbols are kept: functions keep their names). Prints the total,
# then the TOP (default 15) functions of the project by inclusive count.
set -euo pipefail
bin=$1 corpus=$2 output=$3 top=${4:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/audit-site" "$bin"
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" "$work/audit-site" build --content "$corpus" --output "$output" --quiet \
    2> "$work/valgrind.txt" > /dev/null
total=$(grep -o 'Collected : [0-9]*' "$work/valgrind.txt" | grep -o '[0-9]*$')
echo "  instructions: $total ($(awk -v n="$total" 'BEGIN { printf "%.2f", n / 1e9 }') billion)"
callgrind_annotate --inclusive=yes "$work/callgrind.out" 2>/dev/null \
    | grep -E '\$s(10Extraction|8Renderer|8Markdown|9Templates|6Portal|10TextRepair|11SiteBuilder)' \
    | grep -v 'Parallel\|SiteBuilderAAC\|SourceReaderV\|TW \[' \
    | sed -E 's/ \[[^]]*\]$//; s/\?\?\?://; s/\( +/(/' | while read -r _ share name; do
        printf '  %8s  %s\n' "$share" "$(swift demangle --simplified --compact "$name" 2>/dev/null | cut -c1-110 || echo "$name")"
    done | awk '!seen[$2 $3 $4]++' | head -n "$top"
