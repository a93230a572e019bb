#!/usr/bin/env bash
# The floor audit-site is measured against: the cmark-gfm command-line tool parsing and rendering
# every report of a content folder once, with the GFM extensions audit-site enables, and nothing
# else (no site, no templates, no files written). All reports go through a single process, so
# process start-up is not counted.
#
#   scripts/bench/cmark-floor.sh CONTENT_DIR
set -euo pipefail
[ $# -eq 1 ] && [ -d "$1" ] || { echo "usage: $0 CONTENT_DIR" >&2; exit 2; }
find "$1" -type f -name '*.md' -print0 | LC_ALL=C sort -z | xargs -0 -r cat -- \
    | "${CMARK:-cmark-gfm}" --extension table --extension tasklist --extension strikethrough --extension autolink > /dev/null
