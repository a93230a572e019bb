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
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    apply();
    table.querySelectorAll("th[data-sort]").forEach(function (th, index) {
      th.tabIndex = 0;
      th.setAttribute("role", "columnheader");
      var sort = function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
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
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
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
    input.addEventListener("input", run);
  }
})();
