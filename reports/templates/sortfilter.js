// Sort and filter report tables in the page itself (no server, no network).
(function () {
  "use strict";
  function key(cell) {
    var v = cell.getAttribute("data-sort");
    if (v === null) { v = cell.textContent.trim(); }
    var n = parseFloat(v);
    return isNaN(n) || !/^-?[0-9.eE+-]+$/.test(v) ? { s: v.toLowerCase() } : { n: n };
  }
  function compare(a, b) {
    if (a.n !== undefined && b.n !== undefined) { return a.n - b.n; }
    if (a.n !== undefined) { return -1; }
    if (b.n !== undefined) { return 1; }
    return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  }
  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    var asc = th.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var c = compare(key(r1.cells[col]), key(r2.cells[col]));
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  function filter(table, text, minN, nCol) {
    var q = text.toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
      var ok = r.textContent.toLowerCase().indexOf(q) !== -1;
      if (ok && nCol >= 0 && minN > 0) { ok = parseFloat(r.cells[nCol].getAttribute("data-sort")) >= minN; }
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    return shown;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      var b = th.querySelector("button");
      if (b) { b.addEventListener("click", function () { sortBy(table, i, th); }); }
    });
    var box = document.getElementById(table.id + "-filter");
    var minBox = document.getElementById(table.id + "-min");
    var status = document.getElementById(table.id + "-status");
    var nCol = parseInt(table.getAttribute("data-ncol") || "-1", 10);
    function run() {
      var shown = filter(table, box ? box.value : "", minBox ? parseFloat(minBox.value) || 0 : 0, nCol);
      if (status) { status.textContent = shown + " of " + table.tBodies[0].rows.length + " rows shown"; }
    }
    if (box) { box.addEventListener("input", run); }
    if (minBox) { minBox.addEventListener("input", run); }
  });
}());
