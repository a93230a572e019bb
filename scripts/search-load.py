#!/usr/bin/env python3
"""What the search page loads for a query: the files site.js would fetch, and their gzip size.

    scripts/search-load.py SITE LANG QUERY...

Mirrors site.js: the manifest, the shards of the query's words, the document chunks of the first 20
results of each kind and the chunks of the audits those results belong to. Used by `make bench`.
"""
import gzip, json, os, re, sys, unicodedata

ENDINGS = ["issements", "issement", "ements", "ement", "ations", "ation", "ables", "able", "ances", "ance",
           "ences", "ence", "euses", "euse", "eurs", "eur", "ives", "ive", "ites", "ite", "ies", "ing",
           "ers", "er", "es", "ed", "ly", "s", "e", "x"]
STOP = set("le la les de des du un une et en au aux pour par sur dans avec est sont ou the an of and to in for on with is are or by at".split())


def terms(text):
    folded = text.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    folded = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    out = []
    for w in re.split(r"[^\w]+|_", folded):
        if not w or (len(w) < 2 and not w.isdigit()) or w in STOP:
            continue
        if len(w) > 4 and not re.search(r"[0-9]", w):
            for e in ENDINGS:
                if len(w) - len(e) >= 4 and w.endswith(e):
                    w = w[: -len(e)]
                    break
        out.append(w)
    return out


def payload(path):
    text = open(path, encoding="utf-8").read()
    start = min(i for i in (text.find("{"), text.find("[")) if i >= 0)
    return json.loads(text[start:text.rindex(");")])


def main():
    site, lang, queries = sys.argv[1], sys.argv[2], sys.argv[3:]
    folder = os.path.join(site, "data", "search", lang)
    size = lambda f: len(gzip.compress(open(os.path.join(folder, f), "rb").read()))
    manifest = payload(os.path.join(folder, "index.js"))
    chunk = manifest["chunk"]
    for query in queries:
        words = terms(query)
        files = {"index.js"}
        found = None
        partial = None
        for w in words:
            longer = 0
            hits = {}
            cut = False
            for key in manifest["shards"]:
                if w.startswith(key) or (key.startswith(w) and longer < 8):
                    longer += not w.startswith(key)
                    files.add(f"t-{key}.js")
                    for term, postings in payload(os.path.join(folder, f"t-{key}.js")).items():
                        if term.startswith(w):
                            doc, start = 0, 0
                            if postings and postings[0] < 0:
                                cut, start = True, 1
                            for i in range(start, len(postings), 2):
                                doc += postings[i]
                                hits[doc] = postings[i + 1]
            if cut:
                partial = hits if partial is None else {d: c for d, c in partial.items() if d in hits}
            else:
                found = hits if found is None else {d: c for d, c in found.items() if d in hits}
        found = found if found is not None else (partial or {})
        groups = {}
        for doc in sorted(found):
            groups.setdefault(found[doc] // 128 % 4, []).append(doc)
        shown = [d for g in groups.values() for d in g[:20]]
        for d in shown:
            files.add(f"d-{d // chunk}.js")
        for d in shown:
            record = payload(os.path.join(folder, f"d-{d // chunk}.js"))[d % chunk]
            if isinstance(record[3], int):
                files.add(f"d-{record[3] // chunk}.js")
        total = sum(size(f) for f in files)
        print(f"  query {query!r}: {len(found)} results, {len(files)} files, {total / 1024:.0f} KiB gzip")


if __name__ == "__main__":
    main()
