/* izagraph network and overview pages: filters, search, neighbourhood focus, legend and info panel.
   Names are data, not markup: every text goes into the page through textContent or as a vis-network
   string title (which vis renders as text). No innerHTML, no network access. */
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("izagraph-data").textContent);
  var timing = { script_start: t0, parsed: performance.now() };
  var T = data.texts;
  var SAFE_HREF = /^[A-Za-z0-9][A-Za-z0-9._-]*\.html$/;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function norm(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // Facts are plain [label, value] pairs plus a source index; tooltips are built from them as text.
  function facts(x) {
    var out = (x.info || []).slice();
    if (x.src !== undefined && data.sources[x.src]) {
      out.push([T.source, data.sources[x.src][0]]);
      out.push([T.evidence, data.sources[x.src][1]]);
    }
    return out;
  }
  function tooltip(x) {
    var lines = x.name ? [x.name] : [];
    facts(x).forEach(function (p) { lines.push(p[0] + ": " + p[1]); });
    return lines.join("\n");
  }

  var byId = new Map();
  var adj = new Map();
  data.nodes.forEach(function (n) {
    byId.set(n.id, n); adj.set(n.id, []);
    n._s = norm(n.name || n.label); n._hidden = false;
    n.title = tooltip(n);
  });
  var styles = data.edge_styles || {};
  data.edges.forEach(function (e) {
    if (adj.has(e.from) && adj.has(e.to)) { adj.get(e.from).push(e.to); adj.get(e.to).push(e.from); }
    var s = styles[e.rel] || {};
    if (typeof e.color === "string" || e.color === undefined) {
      e.color = { color: e.color || s.color || "#9aa5b1", highlight: "#000000", opacity: data.edge_opacity };
    }
    if (e.width === undefined && s.width !== undefined) e.width = s.width;
    if (e.dashes === undefined && s.dashes) e.dashes = s.dashes;
    if (e.arrows === undefined && s.arrows) e.arrows = s.arrows;
    if (e.name || e.info) e.title = tooltip(e);
  });

  timing.prepared = performance.now();
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  timing.datasets = performance.now();
  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  timing.network = performance.now();
  var allKinds = (data.filters.kind || []).map(function (k) { return k[0]; });
  var state = { q: "", programme: "", theme: "", region: "", kinds: new Set(allKinds), focus: null, depth: 1 };
  var api = window.izagraph = { network: network, nodes: nodes, edges: edges, data: data, state: state,
                                firstDraw: null, timing: timing, apply: apply, visibleIds: visibleIds, reset: reset };
  network.once("afterDrawing", function () {
    api.firstDraw = timing.first_draw = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  function filterable(n) { return n.k === "table" || n.k === "group"; }
  function passes(n) {
    return (!state.programme || n.p.indexOf(state.programme) >= 0) &&
           (!state.theme || n.t.indexOf(state.theme) >= 0) &&
           (!state.region || n.r.indexOf(state.region) >= 0);
  }

  function visibleIds() {
    return data.nodes.filter(function (n) { return !n._hidden; }).map(function (n) { return n.id; });
  }

  function apply(fit) {
    var visible = new Set();
    if (state.programme || state.theme || state.region) {
      var ok = new Set();
      data.nodes.forEach(function (n) { if (filterable(n) && passes(n)) ok.add(n.id); });
      data.nodes.forEach(function (n) {
        if (filterable(n)) { if (ok.has(n.id)) visible.add(n.id); }
        else if (adj.get(n.id).some(function (j) { return ok.has(j); })) visible.add(n.id);
      });
    } else {
      data.nodes.forEach(function (n) { visible.add(n.id); });
    }
    var q = norm(state.q).trim();
    if (q) {
      var hits = new Set();
      data.nodes.forEach(function (n) { if (visible.has(n.id) && n._s.indexOf(q) >= 0) hits.add(n.id); });
      var around = new Set(hits);
      hits.forEach(function (id) { adj.get(id).forEach(function (j) { if (visible.has(j)) around.add(j); }); });
      visible = around;
    }
    if (state.focus !== null && byId.has(state.focus)) {
      var seen = new Set([state.focus]);
      var frontier = [state.focus];
      for (var step = 0; step < state.depth; step++) {
        var next = [];
        frontier.forEach(function (id) {
          adj.get(id).forEach(function (j) { if (!seen.has(j)) { seen.add(j); next.push(j); } });
        });
        frontier = next;
      }
      visible = seen;
    }
    var changes = [];
    data.nodes.forEach(function (n) {
      var hidden = !visible.has(n.id) || (allKinds.length > 0 && !state.kinds.has(n.k) && n.id !== state.focus);
      if (hidden !== n._hidden) { n._hidden = hidden; changes.push({ id: n.id, hidden: hidden }); }
    });
    if (changes.length) nodes.update(changes);
    var shown = data.nodes.length - data.nodes.filter(function (n) { return n._hidden; }).length;
    status.textContent = T.shown + ": " + shown + " " + T.of + " " + data.nodes.length + " " + T.nodes +
      (state.focus !== null && byId.has(state.focus) ? " · " + T.focus + " " + byId.get(state.focus).name : "");
    if (fit) {
      var ids = visibleIds();
      if (ids.length && ids.length < data.nodes.length) network.fit({ nodes: ids, animation: false });
      else network.fit({ animation: false });
    }
  }

  // -- controls --------------------------------------------------------------------------------
  var controls = document.getElementById("controls");
  var status = document.getElementById("status");
  var searchLabel = el("label", { "class": "field", "for": "search" }, T.search);
  var search = el("input", { type: "search", id: "search", autocomplete: "off", placeholder: T.search });
  controls.appendChild(searchLabel);
  controls.appendChild(search);
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = search.value; state.focus = null; apply(true); }, 120);
  });
  var selects = {};
  [["programme", T.programme], ["theme", T.theme], ["region", T.region]].forEach(function (f) {
    var options = data.filters[f[0]] || [];
    if (!options.length) return;
    controls.appendChild(el("label", { "class": "field", "for": "f-" + f[0] }, f[1]));
    var s = el("select", { id: "f-" + f[0] });
    s.appendChild(el("option", { value: "" }, "— " + T.all + " —"));
    options.forEach(function (o) { s.appendChild(el("option", { value: o[0] }, o[1])); });
    s.addEventListener("change", function () { state[f[0]] = s.value; state.focus = null; apply(true); });
    controls.appendChild(s);
    selects[f[0]] = s;
  });
  if (allKinds.length) {
    controls.appendChild(el("label", { "class": "field" }, T.kind));
    var kinds = el("div", { "class": "kinds", id: "kinds" });
    (data.filters.kind || []).forEach(function (k) {
      var lab = el("label");
      var box = el("input", { type: "checkbox", id: "k-" + k[0], value: k[0] });
      box.checked = true;
      box.addEventListener("change", function () {
        if (box.checked) state.kinds.add(k[0]); else state.kinds.delete(k[0]);
        apply(false);
      });
      lab.appendChild(box);
      lab.appendChild(document.createTextNode(k[1]));
      kinds.appendChild(lab);
    });
    controls.appendChild(kinds);
  }
  if (data.page === "network") {
    controls.appendChild(el("label", { "class": "field", "for": "f-depth" }, T.depth));
    var depth = el("select", { id: "f-depth" });
    ["1", "2", "3"].forEach(function (d) { depth.appendChild(el("option", { value: d }, d)); });
    depth.addEventListener("change", function () { state.depth = parseInt(depth.value, 10) || 1; apply(true); });
    controls.appendChild(depth);
  }
  var resetButton = el("button", { type: "button", id: "reset" }, T.reset);
  controls.appendChild(resetButton);

  function reset() {
    state.q = ""; state.programme = ""; state.theme = ""; state.region = ""; state.focus = null;
    state.kinds = new Set(allKinds);
    search.value = "";
    Object.keys(selects).forEach(function (k) { selects[k].value = ""; });
    document.querySelectorAll("#kinds input").forEach(function (b) { b.checked = true; });
    info.style.display = "none";
    network.unselectAll();
    apply(true);
  }
  resetButton.addEventListener("click", reset);

  // -- info panel ------------------------------------------------------------------------------
  var info = document.getElementById("info");
  function showInfo(id) {
    var n = byId.get(id);
    while (info.firstChild) info.removeChild(info.firstChild);
    if (!n) { info.style.display = "none"; return; }
    info.appendChild(el("h3", null, n.name));
    var dl = el("dl");
    facts(n).forEach(function (pair) { dl.appendChild(el("dt", null, pair[0])); dl.appendChild(el("dd", null, pair[1])); });
    info.appendChild(dl);
    if (n.url && SAFE_HREF.test(n.url)) {
      var a = el("a", { id: "open-map" }, T.open_map + " →");
      a.href = n.url;
      info.appendChild(a);
    }
    info.style.display = "block";
  }
  network.on("click", function (params) {
    if (!params.nodes.length) return;
    var id = params.nodes[0];
    showInfo(id);
    if (data.page === "network") { state.focus = id; apply(true); }
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) return;
    var n = byId.get(params.nodes[0]);
    if (n && n.url && SAFE_HREF.test(n.url)) window.location.href = n.url;
  });

  // -- legend, notes, links ----------------------------------------------------------------------
  document.getElementById("legend-head").textContent = T.legend;
  var legend = document.getElementById("legend");
  (data.legend || []).forEach(function (item) {
    var row = el("div", { "class": "legend-item" });
    var sw = el("span");
    if (item.type === "edge") {
      sw.className = "sw sw-line" + (item.dashes ? " dashed" : "");
      sw.style.borderTopColor = item.color;
    } else if (item.type === "colour") {
      sw.className = "sw sw-colour";
      sw.style.background = item.color;
    } else {
      sw.className = "sw sw-" + item.shape;
      sw.style.background = item.color;
    }
    row.appendChild(sw);
    row.appendChild(el("span", null, item.label));
    legend.appendChild(row);
  });
  var notes = document.getElementById("notes");
  (data.notes || []).forEach(function (t) { notes.appendChild(el("li", null, t)); });
  if ((data.links || []).length) {
    var head = document.getElementById("links-head");
    head.textContent = T.maps;
    head.hidden = false;
    var list = document.getElementById("links");
    data.links.forEach(function (l) {
      if (!SAFE_HREF.test(l.href)) return;
      var li = el("li");
      var a = el("a", null, l.label);
      a.href = l.href;
      li.appendChild(a);
      if (l.detail) li.appendChild(document.createTextNode(" · " + l.detail));
      list.appendChild(li);
    });
  }
  var foot = document.getElementById("foot");
  foot.appendChild(document.createTextNode(T.offline + " " + T.generated + ". "));
  if (data.index_href && SAFE_HREF.test(data.index_href)) {
    var back = el("a", null, T.index);
    back.href = data.index_href;
    foot.appendChild(back);
  }

  apply(false);
  network.fit({ animation: false });
})();
