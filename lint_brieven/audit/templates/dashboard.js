// The table of all letters: sort by a column (click its heading, again to reverse) and
// filter by name and moment. Without this script the whole table shows, sorted by grade.
(function () {
  var table = document.getElementById("alle-brieven");
  if (!table) return;
  var body = table.tBodies[0], heads = table.tHead.rows[0].cells;
  var form = document.querySelector("form.filter");
  var zoek = document.getElementById("zoek"), moment = document.getElementById("moment");
  var getoond = document.getElementById("getoond");
  form.hidden = false;
  function key(row, i, numeric) {
    var cell = row.cells[i];
    if (!numeric) return cell.textContent.trim().toLowerCase();
    var v = cell.getAttribute("data-waarde");
    return v === "" ? null : parseFloat(v);
  }
  function sort(i) {
    var numeric = heads[i].getAttribute("data-soort") === "getal";
    var up = heads[i].getAttribute("aria-sort") !== "ascending";
    for (var h = 0; h < heads.length; h++) heads[h].removeAttribute("aria-sort");
    heads[i].setAttribute("aria-sort", up ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i, numeric), y = key(b, i, numeric);
      if (x === null || y === null) return (x === null) - (y === null);  // empty cells last
      var d = numeric ? x - y : (x < y ? -1 : x > y ? 1 : 0);
      return up ? d : -d;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function filter() {
    var text = zoek.value.trim().toLowerCase(), m = moment.value, shown = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var ok = (!text || row.cells[0].textContent.toLowerCase().indexOf(text) >= 0) &&
        (!m || row.getAttribute("data-moment") === m);
      row.hidden = !ok;
      if (ok) shown++;
    });
    getoond.textContent = shown + " van " + body.rows.length + " brieven";
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.tabIndex = 0;
    th.title = "Sorteer op deze kolom";
    th.addEventListener("click", function () { sort(i); });
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") sort(i); });
  });
  zoek.addEventListener("input", filter);
  moment.addEventListener("change", filter);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  filter();
})();
