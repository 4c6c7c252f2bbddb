/* izagraph geographic page: legend, a panel per gemeente (built with textContent), zoom and pan.
   The map itself is inline SVG written by Python with every name escaped. No network access. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("izagraph-data").textContent);
  var T = data.texts;
  var SAFE_HREF = /^[A-Za-z0-9][A-Za-z0-9._-]*\.html$/;
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  window.izagraph = { data: data, ready: false };
  document.getElementById("hint").textContent = T.click;
  document.getElementById("legend-head").textContent = T.legend;
  var legend = document.getElementById("legend");
  legend.appendChild(el("div", { "class": "subtitle" }, data.measure));
  data.legend.forEach(function (item) {
    var row = el("div", { "class": "legend-item" });
    var sw = el("span", { "class": "sw" });
    sw.style.background = item.color;
    row.appendChild(sw);
    row.appendChild(el("span", null, item.label));
    legend.appendChild(row);
  });
  var row = el("div", { "class": "legend-item" });
  var line = el("span", { "class": "sw sw-line" });
  line.style.borderTopColor = "#1b2a38";
  row.appendChild(line);
  row.appendChild(el("span", null, T.outline + ": " + data.division));
  legend.appendChild(row);
  var notes = document.getElementById("notes");
  data.notes.forEach(function (t) { notes.appendChild(el("li", null, t)); });
  var foot = document.getElementById("foot");
  foot.appendChild(document.createTextNode(T.offline + " " + T.generated + ". "));
  if (data.index_href && SAFE_HREF.test(data.index_href)) {
    var back = el("a", null, T.index);
    back.href = data.index_href;
    foot.appendChild(back);
  }

  var info = document.getElementById("info");
  var selected = null;
  function show(i, path) {
    var g = data.gemeenten[i];
    if (!g) return;
    if (selected) selected.classList.remove("selected");
    selected = path;
    path.classList.add("selected");
    while (info.firstChild) info.removeChild(info.firstChild);
    info.appendChild(el("h2", { id: "info-head" }, g.name + " (" + g.code + ")"));
    var dl = el("dl");
    dl.appendChild(el("dt", null, T.value));
    dl.appendChild(el("dd", null, g.value === null ? T.no_data : g.value));
    info.appendChild(dl);
    if (g.regions.length) {
      info.appendChild(el("h3", null, T.regions));
      var ul = el("ul", { "class": "links" });
      g.regions.forEach(function (r) {
        var li = el("li");
        if (r[1] && SAFE_HREF.test(r[1])) { var a = el("a", null, r[0]); a.href = r[1]; li.appendChild(a); }
        else li.textContent = r[0];
        ul.appendChild(li);
      });
      info.appendChild(ul);
    }
    if (g.tables.length) {
      info.appendChild(el("h3", null, T.tables + " (" + g.tables.length + ")"));
      var tl = el("ul", { "class": "links" });
      g.tables.slice(0, 40).forEach(function (t) { tl.appendChild(el("li", null, t)); });
      if (g.tables.length > 40) tl.appendChild(el("li", null, "… +" + (g.tables.length - 40)));
      info.appendChild(tl);
    }
    info.style.display = "block";
  }
  var svg = document.getElementById("nl");
  svg.addEventListener("click", function (ev) {
    var p = ev.target.closest ? ev.target.closest("path.gm") : null;
    if (p) show(parseInt(p.getAttribute("data-i"), 10), p);
  });
  svg.addEventListener("keydown", function (ev) {  // gemeenten are focusable: Enter or Space opens the panel
    var p = ev.target.closest ? ev.target.closest("path.gm") : null;
    if (p && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(parseInt(p.getAttribute("data-i"), 10), p); }
  });

  // the text alternative: every gemeente with the measure, its regions, and a button to its details
  document.getElementById("list-head").textContent = T.list + " (" + data.gemeenten.length + ")";
  document.getElementById("th-name").textContent = T.gemeente;
  document.getElementById("th-code").textContent = T.code;
  document.getElementById("th-value").textContent = T.value + " (" + data.measure + ")";
  document.getElementById("th-regions").textContent = T.regions;
  var tbody = document.querySelector("#gm-table tbody");
  var order = data.gemeenten.map(function (g, i) { return i; }).sort(function (a, b) {
    return data.gemeenten[a].name.localeCompare(data.gemeenten[b].name, data.lang);
  });
  order.forEach(function (i) {
    var g = data.gemeenten[i], tr = el("tr"), td = el("td");
    var b = el("button", { type: "button", "class": "linkish", "data-i": String(i) }, g.name);
    b.addEventListener("click", function () {
      show(i, svg.querySelector('path.gm[data-i="' + i + '"]'));
      info.focus();
    });
    td.appendChild(b);
    tr.appendChild(td);
    tr.appendChild(el("td", null, g.code));
    tr.appendChild(el("td", { "class": "num" }, g.value === null ? T.no_data : g.value));
    tr.appendChild(el("td", null, g.regions.map(function (r) { return r[0]; }).join("; ")));
    tbody.appendChild(tr);
  });

  // zoom (wheel) and pan (drag) by changing the viewBox
  var vb = svg.getAttribute("viewBox").split(" ").map(Number);
  var start = null;
  function setVB() { svg.setAttribute("viewBox", vb.map(function (v) { return v.toFixed(1); }).join(" ")); }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect();
    var scale = Math.max(vb[2] / r.width, vb[3] / r.height);
    var mx = vb[0] + (ev.clientX - r.left - (r.width - vb[2] / scale) / 2) * scale;
    var my = vb[1] + (ev.clientY - r.top - (r.height - vb[3] / scale) / 2) * scale;
    var f = ev.deltaY > 0 ? 1.15 : 1 / 1.15;
    vb = [mx - (mx - vb[0]) * f, my - (my - vb[1]) * f, vb[2] * f, vb[3] * f];
    setVB();
  }, { passive: false });
  svg.addEventListener("mousedown", function (ev) { start = { x: ev.clientX, y: ev.clientY, vb: vb.slice(), moved: false }; });
  window.addEventListener("mousemove", function (ev) {
    if (!start) return;
    var r = svg.getBoundingClientRect();
    var scale = Math.max(start.vb[2] / r.width, start.vb[3] / r.height);
    var dx = (ev.clientX - start.x) * scale, dy = (ev.clientY - start.y) * scale;
    if (Math.abs(dx) + Math.abs(dy) > 2) start.moved = true;
    vb = [start.vb[0] - dx, start.vb[1] - dy, start.vb[2], start.vb[3]];
    setVB();
  });
  window.addEventListener("mouseup", function () { start = null; });
  window.izagraph.ready = true;
  document.body.setAttribute("data-ready", "1");
})();
