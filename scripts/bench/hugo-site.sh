#!/usr/bin/env bash
# The Hugo baseline: a minimal bilingual Hugo site (fr and en) over the same content folder, built
# with Hugo's lean settings (no RSS, sitemap or taxonomies): a page per report, a list per project,
# a home page per language, translations paired by file name. The content folder is mounted into a
# throw-away Hugo project, not copied.
#
#   scripts/bench/hugo-site.sh CONTENT_DIR OUT_DIR
set -euo pipefail
[ $# -eq 2 ] && [ -d "$1" ] || { echo "usage: $0 CONTENT_DIR OUT_DIR" >&2; exit 2; }
content=$(cd "$1" && pwd -P)
out=$2; case $out in /*) ;; *) out="$PWD/$out" ;; esac
project=$(mktemp -d "${TMPDIR:-/tmp}/audit-site-hugo.XXXXXX")
trap 'rm -rf "$project"' EXIT
mkdir -p "$project/layouts/_default"
{
    printf 'baseURL = "http://localhost/"\ntitle = "Audits"\ndefaultContentLanguage = "fr"\n'
    printf 'defaultContentLanguageInSubdir = true\ntimeout = "600s"\n'
    printf 'disableKinds = ["RSS", "sitemap", "taxonomy", "term"]\n\n'
    printf '[languages.fr]\nweight = 1\nlanguageName = "Français"\n[languages.en]\nweight = 2\nlanguageName = "English"\n\n'
    printf '[frontmatter]\ndate = [":filename", ":default"]\n\n'
    printf '[[module.mounts]]\nsource = "%s"\ntarget = "content"\n\n[permalinks]\n' "$content"
    for folder in "$content"/*/; do
        [ -d "$folder" ] && printf '"%s" = "/:section/:filename/"\n' "$(basename "$folder")"
    done
} > "$project/hugo.toml"
cat > "$project/layouts/_default/baseof.html" <<'HTML'
<!DOCTYPE html>
<html lang="{{ .Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Lang }}">{{ .Language.LanguageName }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
HTML
cat > "$project/layouts/_default/single.html" <<'HTML'
{{ define "main" }}<article><h1>{{ .Title }}</h1><p><time>{{ .Date.Format "2006-01-02" }}</time></p>{{ .Content }}</article>{{ end }}
HTML
cat > "$project/layouts/_default/list.html" <<'HTML'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages.ByDate.Reverse }}
<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
HTML
"${HUGO:-hugo}" --source "$project" --cacheDir "$project/cache" --quiet --destination "$out"
