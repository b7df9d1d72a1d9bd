// Bar charts for the audit dashboard, drawn as SVG from the JSON in #grafiekdata.
document.addEventListener("DOMContentLoaded", function () {
  var data = JSON.parse(document.getElementById("grafiekdata").textContent);
  document.querySelectorAll("[data-grafiek]").forEach(function (box) {
    var series = data[box.getAttribute("data-grafiek")];
    var keys = Object.keys(series), max = Math.max.apply(null, keys.map(function (k) { return series[k]; }).concat([1]));
    var ns = "http://www.w3.org/2000/svg", w = 40 * keys.length + 20, h = 160;
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", w); svg.setAttribute("height", h + 60);
    svg.setAttribute("role", "img"); svg.setAttribute("aria-label", box.getAttribute("aria-label"));
    keys.forEach(function (k, i) {
      var v = series[k], bh = Math.round(h * v / max);
      var r = document.createElementNS(ns, "rect");
      r.setAttribute("class", "staaf"); r.setAttribute("x", 10 + i * 40); r.setAttribute("y", h - bh + 25);
      r.setAttribute("width", 30); r.setAttribute("height", bh); r.setAttribute("fill", "#1f4e79");
      var t = document.createElementNS(ns, "title"); t.textContent = k + ": " + v; r.appendChild(t);
      svg.appendChild(r);
      var label = document.createElementNS(ns, "text");
      label.setAttribute("x", 25 + i * 40); label.setAttribute("y", h + 45); label.setAttribute("text-anchor", "middle");
      label.textContent = k; svg.appendChild(label);
      var count = document.createElementNS(ns, "text");
      count.setAttribute("x", 25 + i * 40); count.setAttribute("y", h - bh + 20); count.setAttribute("text-anchor", "middle");
      count.textContent = v; svg.appendChild(count);
    });
    box.appendChild(svg);
  });
});
