// audit-site: progressive enhancement only. Every page reads without this script.
(function () {
  "use strict";
  // GAP index: filters and sortable columns.
  var table = document.getElementById("gap-table");
  var form = document.getElementById("gap-filters");
  if (table && form) {
    form.hidden = false;
    document.querySelectorAll(".js-only").forEach(function (e) { e.hidden = false; });
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-severity]"));
    var count = document.getElementById("gap-count");
    var apply = function () {
      var p = form.project.value, s = form.severity.value, st = form.status.value, age = parseInt(form.age.value || "0", 10);
      var shown = 0;
      rows.forEach(function (r) {
        var ok = (!p || r.dataset.project === p) && (!s || r.dataset.severity === s) && (!st || r.dataset.status === st)
          && (!(age > 0) || parseInt(r.dataset.age, 10) >= age);
        r.hidden = !ok;
        if (ok) shown++;
      });
      table.querySelectorAll("tbody.group").forEach(function (g) {
        var visible = g.querySelectorAll("tr[data-severity]:not([hidden])").length;
        g.hidden = visible === 0;
      });
      count.textContent = count.dataset.shownTemplate.replace("{n}", shown);
    };
    // The view lives in the URL (?project=…&severity=…&status=…&age=…&sort=2&dir=desc): a filtered or
    // sorted table can be shared, and a reload keeps it.
    var params = new URLSearchParams(location.search);
    ["project", "severity", "status", "age"].forEach(function (name) {
      if (params.has(name) && form[name]) form[name].value = params.get(name);
    });
    var sortState = null;
    var remember = function () {
      var next = new URLSearchParams();
      ["project", "severity", "status", "age"].forEach(function (name) {
        if (form[name] && form[name].value) next.set(name, form[name].value);
      });
      if (sortState) { next.set("sort", sortState.index); next.set("dir", sortState.asc ? "asc" : "desc"); }
      var query = next.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    };
    form.addEventListener("input", function () { apply(); remember(); });
    form.addEventListener("change", function () { apply(); remember(); });
    apply();
    var headers = table.querySelectorAll("th[data-sort]");
    headers.forEach(function (th, index) {
      th.tabIndex = 0;
      th.setAttribute("role", "columnheader");
      var sort = function (wanted) {
        var asc = typeof wanted === "boolean" ? wanted : th.getAttribute("aria-sort") !== "ascending";
        sortState = { index: index, asc: asc };
        table.querySelectorAll("th[data-sort]").forEach(function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var numeric = th.dataset.sort === "num";
        var sorted = rows.slice().sort(function (a, b) {
          var x = a.children[index].dataset.value || a.children[index].textContent;
          var y = b.children[index].dataset.value || b.children[index].textContent;
          var c = numeric ? (parseFloat(x) - parseFloat(y)) : x.localeCompare(y, undefined, { numeric: true });
          return asc ? c : -c;
        });
        // Sorting flattens the severity groups into one body.
        var groups = table.querySelectorAll("tbody.group");
        var body = groups[0];
        groups.forEach(function (g, i) { if (i > 0) g.remove(); });
        body.querySelectorAll("tr.group-head").forEach(function (h) { h.remove(); });
        sorted.forEach(function (r) { body.appendChild(r); });
        body.hidden = false;
        apply();
        remember();
      };
      th.addEventListener("click", function () { sort(); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
      th._sort = sort;
    });
    var sortIndex = parseInt(params.get("sort"), 10);
    if (headers[sortIndex]) headers[sortIndex]._sort(params.get("dir") !== "desc");
  }
  // Offline search over the generated index (data/search/<lang>/): the manifest, then only the term
  // shards of the query's words and the document chunks of the results shown. The files are scripts,
  // so this also works when the site is opened from disk. `searchTerms` cuts a query as
  // SearchText.swift cuts the indexed text: both must change together.
  var search = document.getElementById("search-form");
  if (search) {
    var input = document.getElementById("search-input");
    var out = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var facetBox = document.getElementById("search-facets");
    var selects = facetBox.querySelectorAll("select");
    var base = search.dataset.index, root = search.dataset.root;
    var loaded = {}, waiting = {}, manifest = null, shards = {}, chunks = {};
    var endings = ["issements", "issement", "ements", "ement", "ations", "ation", "ables", "able", "ances", "ance",
      "ences", "ence", "euses", "euse", "eurs", "eur", "ives", "ive", "ites", "ite", "ies", "ing",
      "ers", "er", "es", "ed", "ly", "s", "e", "x"];
    var stop = {};
    ("le la les de des du un une et en au aux pour par sur dans avec est sont ou the an of and to in for on with is are or by at")
      .split(" ").forEach(function (w) { stop[w] = true; });
    var searchTerms = function (text) {
      var folded = (text || "").toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss")
        .normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      return folded.split(/[^\p{L}\p{N}]+/u).filter(function (w) { return (w.length >= 2 || /[0-9]/.test(w)) && !stop[w]; }).map(function (w) {
        if (w.length <= 4 || /[0-9]/.test(w)) return w;
        for (var i = 0; i < endings.length; i++) {
          var e = endings[i];
          if (w.length - e.length >= 4 && w.slice(-e.length) === e) return w.slice(0, -e.length);
        }
        return w;
      });
    };
    window.AUDIT_SEARCH = {
      manifest: function (m) { manifest = m; done("index.js"); },
      shard: function (key, terms) { shards[key] = terms; done("t-" + key + ".js"); },
      docs: function (n, list) { chunks[n] = list; done("d-" + n + ".js"); }
    };
    var done = function (file) { loaded[file] = true; (waiting[file] || []).forEach(function (f) { f(); }); delete waiting[file]; };
    var load = function (files, then) {
      var missing = files.filter(function (f) { return !loaded[f]; });
      var left = missing.length;
      if (!left) { then(); return; }
      missing.forEach(function (f) {
        var first = !waiting[f];
        (waiting[f] = waiting[f] || []).push(function () { if (--left === 0) then(); });
        if (first) {
          var tag = document.createElement("script");
          tag.src = base + f;
          tag.onerror = function () { done(f); };
          document.head.appendChild(tag);
        }
      });
    };
    var decode = function (code) {
      return { status: code % 16, severity: Math.floor(code / 16) % 8, kind: Math.floor(code / 128) % 4, project: Math.floor(code / 512) };
    };
    // Documents (id → facet code) holding every word of the query, each word matched as a prefix.
    // A word whose terms were cut to their most important documents (a list opening with minus its
    // whole count) does not exclude documents when another word can decide.
    var match = function (words) {
      var result = null, partial = null;
      words.forEach(function (w) {
        var found = {}, cut = false;
        Object.keys(shards).forEach(function (key) {
          if (!(w.indexOf(key) === 0 || key.indexOf(w) === 0)) return;
          var terms = shards[key];
          Object.keys(terms).forEach(function (term) {
            if (term.indexOf(w) !== 0) return;
            var list = terms[term], id = 0, start = 0;
            if (list.length && list[0] < 0) { cut = true; start = 1; }
            for (var i = start; i < list.length; i += 2) { id += list[i]; found[id] = list[i + 1]; }
          });
        });
        if (cut) {
          if (partial === null) { partial = found; return; }
          Object.keys(partial).forEach(function (id) { if (!(id in found)) delete partial[id]; });
          return;
        }
        if (result === null) { result = found; return; }
        Object.keys(result).forEach(function (id) { if (!(id in found)) delete result[id]; });
      });
      return result || partial || {};
    };
    var shardsFor = function (words) {
      var files = [];
      words.forEach(function (w) {
        var longer = 0;
        manifest.shards.forEach(function (key) {
          if (w.indexOf(key) === 0) files.push("t-" + key + ".js");
          else if (key.indexOf(w) === 0 && longer++ < 8) files.push("t-" + key + ".js");
        });
      });
      return files;
    };
    var facetNames = ["project", "kind", "severity", "status"];
    var facetLabels = function (name) {
      return { project: manifest.projects, kind: manifest.kinds, severity: manifest.severities, status: manifest.statuses }[name];
    };
    var facetKey = function (name, index) {
      if (name === "severity") return manifest.severityKeys[index];
      if (name === "status") return manifest.statusKeys[index];
      return String(index);
    };
    var params = new URLSearchParams(location.search);
    var wanted = {};
    facetNames.forEach(function (name) { wanted[name] = params.get(name) || ""; });
    var remember = function () {
      var next = new URLSearchParams();
      if (input.value.trim()) next.set("q", input.value.trim());
      facetNames.forEach(function (name) { if (wanted[name]) next.set(name, wanted[name]); });
      var query = next.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    };
    var fillFacets = function (hits) {
      facetNames.forEach(function (name, n) {
        var counts = {};
        hits.forEach(function (h) { var v = h.facets[name]; counts[v] = (counts[v] || 0) + 1; });
        var select = selects[n];
        while (select.options.length > 1) select.remove(1);
        facetLabels(name).forEach(function (label, index) {
          var key = facetKey(name, index);
          if (!counts[index] && wanted[name] !== key) return;
          if (!key || !label) return;
          var option = new Option(label + " (" + (counts[index] || 0) + ")", key);
          select.add(option);
        });
        select.value = wanted[name];
      });
      facetBox.hidden = false;
    };
    var generation = 0;
    var run = function () {
      var mine = ++generation;
      var words = searchTerms(input.value);
      if (!words.length) { out.textContent = ""; status.textContent = ""; facetBox.hidden = true; return; }
      load(shardsFor(words), function () {
        if (mine !== generation) return;
        var found = match(words);
        var hits = Object.keys(found).map(function (id) { return { id: +id, facets: decode(found[id]) }; })
          .sort(function (a, b) { return a.id - b.id; });
        fillFacets(hits);
        var shown = hits.filter(function (h) {
          return facetNames.every(function (name) { return !wanted[name] || facetKey(name, h.facets[name]) === wanted[name]; });
        });
        var groups = [[], [], [], []];
        shown.forEach(function (h) { groups[h.facets.kind].push(h); });
        var visible = [];
        groups.forEach(function (g) { visible = visible.concat(g.slice(0, 20)); });
        var chunkOf = function (id) { return "d-" + Math.floor(id / manifest.chunk) + ".js"; };
        var files = {};
        visible.forEach(function (h) { files[chunkOf(h.id)] = true; });
        load(Object.keys(files), function () {
          // Sections and findings without a page name their audit's document: load those too.
          var audits = {};
          visible.forEach(function (h) { var d = doc(h.id); if (typeof d[3] === "number") audits[chunkOf(d[3])] = true; });
          load(Object.keys(audits), function () {
            if (mine !== generation) return;
            render(groups);
            status.textContent = shown.length ? search.dataset.count.replace("{n}", shown.length) : status.dataset.none;
          });
        });
      });
    };
    var doc = function (id) { return chunks[Math.floor(id / manifest.chunk)][id % manifest.chunk]; };
    var render = function (groups) {
      out.textContent = "";
      groups.forEach(function (group, kind) {
        if (!group.length) return;
        var section = document.createElement("section");
        var h = document.createElement("h3");
        h.textContent = manifest.kinds[kind] + " (" + group.length + ")";
        section.appendChild(h);
        var ul = document.createElement("ul");
        ul.className = "results";
        group.slice(0, 20).forEach(function (hit) {
          var d = doc(hit.id), url = d[2], context = d[3], date = d[4];
          if (typeof context === "number") {
            var audit = doc(context);
            url = audit[2] + url;
            context = audit[1];
            date = audit[4];
          }
          var li = document.createElement("li");
          var a = document.createElement("a");
          // Links name index.html, as every link of the site does, so that they work from disk too.
          a.href = root + url.replace(/\/(#|$)/, "/index.html$1");
          a.textContent = d[1];
          li.appendChild(a);
          var meta = [];
          if (d[6]) meta.push(manifest.severities[hit.facets.severity]);
          if (d[7]) meta.push(manifest.statuses[hit.facets.status]);
          if (context) meta.push(context);
          if (date) meta.push(date);
          if (meta.length) {
            var p = document.createElement("span");
            p.className = "muted result-context";
            p.textContent = " — " + meta.join(" · ");
            li.appendChild(p);
          }
          if (d[8]) {
            var snippet = document.createElement("p");
            snippet.className = "result-snippet";
            snippet.textContent = d[8];
            li.appendChild(snippet);
          }
          ul.appendChild(li);
        });
        section.appendChild(ul);
        if (group.length > 20) {
          var more = document.createElement("p");
          more.className = "muted";
          more.textContent = search.dataset.more.replace("{n}", group.length - 20);
          section.appendChild(more);
        }
        out.appendChild(section);
      });
    };
    var q = params.get("q");
    if (q) input.value = q;
    status.textContent = search.dataset.loading;
    load(["index.js"], function () { status.textContent = ""; run(); });
    // The query and the facets live in the URL (?q=…&project=…): a search can be shared, and a reload keeps it.
    input.addEventListener("input", function () { if (manifest) run(); remember(); });
    selects.forEach(function (select) {
      select.addEventListener("change", function () { wanted[select.dataset.facet] = select.value; remember(); run(); });
    });
    // Keyboard: arrow down from the field to the results, up and down between them, Escape back.
    var links = function () { return Array.prototype.slice.call(out.querySelectorAll("a")); };
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && links().length) { e.preventDefault(); links()[0].focus(); }
    });
    out.addEventListener("keydown", function (e) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (i < 0) return;
      if (e.key === "ArrowDown" && i + 1 < all.length) { e.preventDefault(); all[i + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
      if (e.key === "Escape") { input.focus(); }
    });
  }
})();
