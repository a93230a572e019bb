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
  // Offline search over the generated index.
  var search = document.getElementById("search-form");
  if (search) {
    var input = document.getElementById("search-input");
    var list = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var index = null;
    var fold = function (s) { return (s || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); };
    var run = function () {
      var q = fold(input.value).trim();
      list.textContent = "";
      if (!index || !q) { status.textContent = ""; return; }
      var words = q.split(/\s+/);
      var hits = index.filter(function (e) {
        var hay = e._f || (e._f = fold(e.t + " " + (e.x || "")));
        return words.every(function (w) { return hay.indexOf(w) >= 0; });
      }).slice(0, 100);
      hits.forEach(function (e) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = search.dataset.root + e.u;
        a.textContent = e.t;
        var k = document.createElement("span");
        k.className = "label";
        k.textContent = e.k;
        li.appendChild(k);
        li.appendChild(a);
        if (e.d) { li.appendChild(document.createTextNode(" · " + e.d)); }
        list.appendChild(li);
      });
      status.textContent = hits.length ? hits.length + "" : status.dataset.none;
    };
    // The index is a script (not fetched JSON), so search also works when the site is opened from disk.
    index = window.AUDIT_SEARCH_INDEX || [];
    var q = new URLSearchParams(location.search).get("q");
    if (q) input.value = q;
    run();
    // The query lives in the URL (?q=…): a search can be shared, and a reload keeps it.
    input.addEventListener("input", function () {
      run();
      var query = input.value.trim();
      history.replaceState(null, "", location.pathname + (query ? "?q=" + encodeURIComponent(query) : "") + location.hash);
    });
  }
})();
