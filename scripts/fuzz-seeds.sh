#!/usr/bin/env bash
# Seeds for `make fuzz`: the demo reports, every fixture report of the tests, and cmark's pathological
# shapes (deep nesting, long runs of delimiters, wide tables), generated here rather than committed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: fuzz-seeds.sh OUTPUT-FOLDER}
rm -rf "$out" && mkdir -p "$out"
n=0
while IFS= read -r -d '' file; do
    n=$((n + 1)); cp "$file" "$out/seed-$n.md"
done < <(find content Tests -name '*.md' -size -64k -print0 | sort -z)
python3 - "$out" <<'PY'
import sys, os
out = sys.argv[1]
cases = {
    "nested-quotes": "> " * 2000 + "x\n",
    "nested-lists": "".join("  " * i + "- x\n" for i in range(300)),
    "emphasis-run": "*a" * 5000 + "\n",
    "link-brackets": "[" * 3000 + "x" + "]()" * 3000 + "\n",
    "backticks": "`" * 5000 + "\n",
    "wide-table": "|" + "|".join(f"c{i}" for i in range(500)) + "|\n|" + "|".join("---" for _ in range(500)) + "|\n",
    "yaml-aliases": "---\na: &a [x,x,x]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n---\n# t\n",
    "mojibake": "# SÃ©curitÃ© â€” âš ï¸ ðŸ”´\n| ID | Ã‰cart |\n|---|---|\n| GAP-1 | Ã©tÃ© |\n",
}
for name, text in cases.items():
    with open(os.path.join(out, f"pathological-{name}.md"), "w", encoding="utf-8") as f:
        f.write(text)
PY
echo "fuzz seeds: $(ls "$out" | wc -l) files in $out"
