/* izagraph network and overview pages: filters, search (with aliases), neighbourhood focus, time (as of a
   date, changes between two dates), shortest paths, measure-driven styling, a text alternative (list of
   nodes), the view in the page address (#fragment), legend and info panel.
   Names are data, not markup: every text goes into the page through textContent or as a vis-network
   string title (which vis renders as text). No innerHTML, no network access. */
(function () {
  "use strict";
  var t0 = performance.now();
  var packed = JSON.parse(document.getElementById("izagraph-data").textContent);
  var timing = { script_start: t0, parsed: performance.now() };
  var data = unpack(packed);
  timing.unpacked = performance.now();
  var T = data.texts;
  var SAFE_HREF = /^[A-Za-z0-9][A-Za-z0-9._-]*\.html$/;
  var SAFE_URL = /^https?:\/\/[^\s"'<>]+$/;
  var LIST_MAX = 300;
  var PATH_MAX = 12;
  var HITS_MAX = 15;
  var STARTED = "#1a9850", ENDED = "#d73027";

  // The page data comes compact (izagraph/maps/compact.py, whose unpack this is): nodes and lines as columns,
  // a node's plain facts as indices into data.rows (shared, read only), labels, finding texts and findings as
  // indices into data.strings.
  function unpack(p) {
    var out = Object.assign({}, p), S = p.strings;
    delete out.strings; delete out.rows;
    out.nodes = items(p.nodes);
    out.nodes.forEach(function (n) {
      if (n.fd) n.fd = n.fd.map(function (i) { return S[i]; });
      if (n.info) n.info = n.info.map(function (r) {
        if (typeof r === "number") return p.rows[r];
        var v = r[1];
        return [S[r[0]], v.f !== undefined ? { f: v.f, x: S[v.x] } : v];
      });
    });
    out.edges = items(p.edges);
    return out;
  }
  function items(table) {
    var cols = table.c, n = table.n, out = new Array(n), i;
    for (i = 0; i < n; i++) out[i] = cols.id ? {} : { id: i };
    Object.keys(cols).forEach(function (f) {
      var c = cols[f];
      if (Array.isArray(c)) { for (i = 0; i < n; i++) if (c[i] !== null) out[i][f] = c[i]; }
      else if (c.at) c.at.forEach(function (at, j) { out[at][f] = c.v[j]; });
      else for (i = 0; i < n; i++) if (c.x[i] !== null) out[i][f] = c.d[c.x[i]];
    });
    return out;
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var rgbaSeen = new Map();  // a few colours, tens of thousands of edges
  function rgba(hex, alpha) {
    var key = hex + "/" + alpha, out = rgbaSeen.get(key);
    if (out !== undefined) return out;
    var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    out = m ? "rgba(" + parseInt(m[1], 16) + "," + parseInt(m[2], 16) + "," + parseInt(m[3], 16) + "," + alpha + ")" : hex;
    rgbaSeen.set(key, out);
    return out;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function plainCopy(o) {  // own and inherited values, objects copied the same way (not arrays, functions, elements)
    if (o === null || typeof o !== "object" || Array.isArray(o) || o instanceof Element) return o;
    var out = {};
    for (var k in o) out[k] = plainCopy(o[k]);
    return out;
  }
  function norm(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  // Facts are plain [label, value] pairs plus a source index; tooltips are built from them as text.
  function sourceOf(x) { return x.src !== undefined ? data.sources[x.src] : null; }
  // A membership line carries neither name nor facts of its own: its name is "member — table" from its two
  // nodes, its facts an index (fi) into the map's few distinct role/perspective lists (data.edge_info).
  function facts(x) {
    var out = (x.fi !== undefined ? data.edge_info[x.fi] : infoOf(x)).slice();
    var s = sourceOf(x);
    if (s) {
      out.push([T.source, s[0]]);
      out.push([T.evidence, s[1]]);
      out.push([T.source_confidence, s[3]]);
      if (s[2]) out.push([T.url, s[2]]);
    }
    return out;
  }
  function nameOf(x) {
    if (x.name !== undefined || x.rel !== "membership") return x.name;
    var a = byId.get(x.from), b = byId.get(x.to);
    return a && b ? a.name + " \u2014 " + b.name : undefined;
  }
  function hasTip(e) { return !!(e.name || e.info || e.fi !== undefined || e.rel === "membership"); }
  function tooltip(x) {
    var name = nameOf(x), lines = name ? [name] : [];
    facts(x).forEach(function (p) { lines.push(p[0] + ": " + p[1]); });
    return lines.join("\n");
  }

  var byId = new Map(), byKey = new Map();
  var regionName = {}, programmeName = {};
  var bulkMap = data.nodes.length > data.large;  // see BULK_SWAP below
  (data.filters.region || []).forEach(function (r) { regionName[r[0]] = r[1]; });
  (data.filters.programme || []).forEach(function (p) { programmeName[p[0]] = p[1]; });
  // A fact listing other nodes ("Leden (4)", "Tafels (6)") comes as their ids: written here as their names.
  // A finding's fact is its message (after "severity: " in n.fd) and then what it rests on (x).
  function listed(n, v) {
    if (v === null || typeof v !== "object") return v;
    if (v.f !== undefined) { var fd = n.fd[v.f]; return fd.slice(fd.indexOf(": ") + 2) + v.x; }
    var out = v.ids.map(function (id, i) { return byId.get(id).name + (v.sfx ? v.sfx[i] : ""); });
    if (v.more) out.push("\u2026 +" + v.more);
    return out.join("; ");
  }
  // Written out when first asked for (a tooltip, the info panel), not for all nodes as the page opens.
  function infoOf(n) {
    if (n._info === undefined) n._info = (n.info || []).map(function (p) { return [p[0], listed(n, p[1])]; });
    return n._info;
  }
  // search keys: the name and aliases without accents, in lower case (made at the first search)
  function keysOf(n) {
    if (n._s === undefined) n._s = [n.name || n.label].concat(n.al || []).map(norm);
    return n._s;
  }
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  data.nodes.forEach(function (n) {
    if (n.key) byKey.set(n.key, n);
    n._hidden = false;
    if (!bulkMap) n.title = tooltip(n);  // big maps: when the pointer first comes over the node (lateTitle)
    var g = (data.options.groups || {})[n.group] || {};
    n._base = { label: n.label, color: n.color || g.color || { background: "#97c2fc", border: "#2b7ce9" },
                size: n.size, borderWidth: n.borderWidth || g.borderWidth || 1.5,
                opacity: n.opacity === undefined ? 1 : n.opacity,
                font: { color: (n.font && n.font.color) || (g.font && g.font.color) || "#1b1b1b",
                        strokeWidth: (n.font && n.font.strokeWidth) || 3, vadjust: (n.font && n.font.vadjust) || 0 } };
  });
  // Neighbours (adj: along every line; pathAdj: along memberships and the table hierarchy), made at the first
  // filter, search, focus, path or date: the view as the page opens needs none (49,000 lines on the national map).
  var adj = null, pathAdj = null;
  function linkUp() {
    adj = new Map(); pathAdj = new Map();
    data.nodes.forEach(function (n) { adj.set(n.id, []); pathAdj.set(n.id, []); });
    data.edges.forEach(function (e) {
      var a = adj.get(e.from), b = adj.get(e.to);
      if (a === undefined || b === undefined) return;
      a.push(e.to); b.push(e.from);
      if (e.rel === "membership" || e.rel === "parent") { pathAdj.get(e.from).push(e.to); pathAdj.get(e.to).push(e.from); }
    });
  }
  function adjOf(id) { if (adj === null) linkUp(); return adj.get(id); }
  function pathAdjOf(id) { if (pathAdj === null) linkUp(); return pathAdj.get(id); }
  function styleKey(s) { return JSON.stringify([s.label, s.color, s.size, s.borderWidth, s.opacity]); }
  var styles = data.edge_styles || {};
  function plain(e) { return !e.label && !e.smooth; }
  // A line's own colour, width and dashes (what edgeStyle goes back to; vis-network's data set copies an item
  // it updates, so these stay). The opacity is baked into an rgba colour (vis-network otherwise recomputes it
  // for every edge in every frame), one colour object per colour: vis-network reads it, nobody writes it.
  var lineColours = new Map();
  function lineColour(hex) {
    var out = lineColours.get(hex);
    if (out === undefined) lineColours.set(hex, out = { color: rgba(hex, data.edge_opacity), highlight: "#000000" });
    return out;
  }
  data.edges.forEach(function (e) {
    var s = styles[e.rel] || {};
    if (typeof e.color === "string" || e.color === undefined) e.color = lineColour(e.color || s.color || "#9aa5b1");
    if (e.width === undefined && s.width !== undefined) e.width = s.width;
    if (e.dashes === undefined && s.dashes) e.dashes = s.dashes;
    if (e.arrows === undefined && s.arrows) e.arrows = s.arrows;
    if (hasTip(e) && !(bulkMap && plain(e))) e.title = tooltip(e);  // bulk lines: when handed to vis
    e._hidden = false;
  });
  var dated = data.nodes.some(function (n) { return n.t0 || n.t1; }) ||
              data.edges.some(function (e) { return e.t0 || e.t1; });

  // Big maps: vis-network spends about 10 µs of script on every line in every frame (45,000 lines: half a
  // second a frame) and more to create it. Above data.large nodes the plain lines (no label, no curve) are
  // "bulk": the page draws them itself under the nodes, one stroke per colour and width (bulkDraw). When a
  // view shows at most BULK_SWAP of them (a focus, a path, a narrow filter) they go to vis-network, so they
  // have their tooltips and selection highlights again (swapBulk).
  var BULK_SWAP = 3000;
  var bulk = bulkMap ? data.edges.filter(plain) : [];
  var isBulk = new Set(bulk.map(function (e) { return e.id; }));
  var inVis = new Set();  // bulk lines now in vis-network's data set
  var bulkOwn = bulk.length > 0;  // whether the page draws the bulk lines (else the live ones are in vis)
  var bulkGroups = null;  // the bulk lines by style (rebuilt when a time mark changes a style)
  function inNet(e) { return !isBulk.has(e.id) || inVis.has(e.id); }

  // vis-network copies every property of a node into its own options, objects and arrays deeply: on the
  // national map the facts, findings and measures of 7,500 nodes took a fifth of new Network and made the
  // first frame slower. It gets what it draws; the page keeps the rest (byId).
  var PAGE_ONLY = { info: 1, fd: 1, m: 1, name: 1, key: 1, k: 1, p: 1, t: 1, r: 1, src: 1, t0: 1, t1: 1, f: 1,
                    url: 1, al: 1, o: 1 };
  function visNode(n) {
    var out = {};
    for (var k in n) if (k.charAt(0) !== "_" && !PAGE_ONLY[k] && !(k === "label" && lateLabel.has(n.id))) out[k] = n[k];
    return out;
  }
  // Big maps: vis-network lays out a node's label as it creates the node (lines split, text measured): two
  // fifths of new Network on the national map, for labels it draws only once the view is zoomed in to about
  // half size (scaling.label.drawThreshold). Above data.large nodes a label goes to vis-network when a frame
  // shows its node at a scale where it is drawn (labelsInView); labels with a font of their own (region
  // names, drawn at every zoom) and those of box-shaped nodes (the label is the box) go at once.
  var lateLabel = new Map();  // node id -> data node whose label vis-network does not have yet
  var lateFont = 0, nodeFont = ((data.options.nodes || {}).font || {}).size || 14;
  if (bulkMap) data.nodes.forEach(function (n) {
    var g = (data.options.groups || {})[n.group] || {};
    if (!n.label || n.font || g.shape === "box") return;
    lateLabel.set(n.id, n);
    lateFont = Math.max(lateFont, (g.font && g.font.size) || nodeFont);
  });
  var LABEL_MARGIN = 400;  // map units around the view: a label hangs below its node and is wider
  function labelsInView() {
    if (!lateLabel.size) return;
    var threshold = (((data.options.nodes || {}).scaling || {}).label || {}).drawThreshold || 5;
    if (network.getScale() * lateFont < threshold - 2) return;  // vis draws from threshold - 1
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    var at = network.body.nodes, batch = [], M = LABEL_MARGIN;
    lateLabel.forEach(function (n, id) {
      var vn = at[id];
      if (vn && vn.x > a.x - M && vn.x < b.x + M && vn.y > a.y - M && vn.y < b.y + M) batch.push({ id: id, label: n._base.label });
    });
    batch.forEach(function (u) { lateLabel.delete(u.id); });
    if (batch.length) nodes.update(batch);
    api.lateLabels = lateLabel.size;
  }

  // -- vis-network's nodes made as copies (see docs/maps.md, "Nodes made as copies") ----------------------
  // vis-network works out each node's options, fonts, label and shape from the node's, its group's, the
  // global and the default options: about 45 µs a node, half of new Network on the national map, and the
  // same result for every node of a kind (the same options but for id, position and size). So the page
  // learns, per kind, what vis-network's own node state is made of: it has vis-network make two nodes of
  // the kind with other ids, positions and sizes ("probes") and compares them. What is the same object in
  // both is shared (the network, its global options, its groups); what differs is either one of the
  // node's own values (id, x, y, size) or an object of the node's own, which is compared in turn. Anything
  // it cannot place (another value that differs, a function of its own, an accessor, a prototype of its
  // own) and the kind is made by vis-network as before. The first copy of a kind is checked against the
  // node vis-network makes for the same data (and that one is used); later nodes of the kind are copies
  // of the learnt state with their own values. Nodes with a label or a font of their own are always made
  // by vis-network. Only NodesHandler.create is replaced, on this network's handler: vis-network's update
  // and drawing code runs on the copies as on its own nodes; a browser test compares every node's state
  // with that of a network vis-network sets up itself, and fails when a vis-network update defeats this.
  function copyNodes(handler, ctx) {
    var stats = { copied: 0, made: 0, kinds: 0, refused: 0, laid: 0 };
    if (!handler || typeof handler.create !== "function") return stats;
    var make = handler.create, kinds = new Map();
    var OWN = ["id", "x", "y", "size"];  // a node's own values (x and y whole numbers: vis-network rounds them)
    var PROBES = [{ id: -1000001, x: 101, y: 307, size: 11.5 }, { id: -1000002, x: 203, y: 409, size: 13.25 }];
    function kindOf(p) {
      if (!Number.isInteger(p.x) || !Number.isInteger(p.y) || (p.size !== undefined && !isFinite(p.size)) ||
          p.label !== undefined || p.font !== undefined) return null;
      var parts = [];
      for (var k in p) if (OWN.indexOf(k) < 0) parts.push(k, typeof p[k] === "object" ? JSON.stringify(p[k]) : typeof p[k] + ":" + p[k]);
      return parts.join("\u0000");
    }
    function deepCopy(v) {
      if (v === null || typeof v !== "object") return v;
      var out = Array.isArray(v) ? [] : {};
      for (var k in v) out[k] = deepCopy(v[k]);
      return out;
    }
    function probe(p, i) {
      var out = {};
      for (var k in p) out[k] = OWN.indexOf(k) >= 0 ? PROBES[i][k] : deepCopy(p[k]);
      return out;
    }
    function inputs(p) {  // objects of the node's data, by their path in it
      var at = new Map();
      (function walk(v, path) {
        if (v === null || typeof v !== "object" || at.has(v)) return;
        at.set(v, path);
        Object.keys(v).forEach(function (k) { walk(v[k], path.concat(k)); });
      })(p, []);
      return at;
    }
    function plain(o, names) {  // own data properties only, set as an assignment would
      return Object.isExtensible(o) && !Object.getOwnPropertySymbols(o).length && names.every(function (k) {
        var d = Object.getOwnPropertyDescriptor(o, k);
        return "value" in d && d.writable && d.enumerable && d.configurable;
      });
    }
    // The state of node a (made from probe pa) against node b (from pb) as a list of objects to make:
    // [prototype, is array, [name, how, value, ...]]; how: 0 the value itself, 1 the object made at that
    // index, 2 the node data's value of that name, 3 the node data's object at that path.
    function learn(a, b, pa, pb) {
      var index = new Map(), plan = [], ina = inputs(pa), inb = inputs(pb), ok = true;
      function place(va, vb) {
        if (va === vb && (va === null || typeof va !== "object" || !ina.has(va))) return [0, va];
        if (va === null || vb === null || typeof va !== "object" || typeof vb !== "object") {
          for (var i = 0; i < OWN.length; i++) {
            if (pa[OWN[i]] !== undefined && va === pa[OWN[i]] && vb === pb[OWN[i]]) return [2, OWN[i]];
          }
          return null;
        }
        if (ina.has(va)) return JSON.stringify(ina.get(va)) === JSON.stringify(inb.get(vb)) ? [3, ina.get(va)] : null;
        if (index.has(va)) return index.get(va)[1] === vb ? [1, index.get(va)[0]] : null;
        return [1, add(va, vb)];
      }
      function add(oa, ob) {
        var i = plan.length, isArray = Array.isArray(oa), props = [];
        var names = Object.getOwnPropertyNames(oa), namesB = Object.getOwnPropertyNames(ob);
        if (isArray) names = names.filter(function (k) { return k !== "length"; });
        if (isArray !== Array.isArray(ob) || Object.getPrototypeOf(oa) !== Object.getPrototypeOf(ob) ||
            names.join("\u0000") !== namesB.filter(function (k) { return !isArray || k !== "length"; }).join("\u0000") ||
            (!isArray && !plain(oa, names))) { ok = false; return i; }
        index.set(oa, [i, ob]);
        plan.push([Object.getPrototypeOf(oa), isArray, props]);
        names.forEach(function (k) {
          if (!ok) return;
          var at = place(oa[k], ob[k]);
          if (at === null) ok = false; else props.push(k, at[0], at[1]);
        });
        return i;
      }
      add(a, b);
      return ok ? plan : null;
    }
    function copy(plan, p) {
      var objects = new Array(plan.length), i, j;
      for (i = 0; i < plan.length; i++) objects[i] = plan[i][1] ? [] : Object.create(plan[i][0]);
      for (i = 0; i < plan.length; i++) {
        var o = objects[i], props = plan[i][2];
        for (j = 0; j < props.length; j += 3) {
          var how = props[j + 1], v = props[j + 2];
          o[props[j]] = how === 0 ? v : how === 1 ? objects[v] : how === 2 ? p[v] : v.reduce(function (x, k) { return x[k]; }, p);
        }
      }
      return objects[0];
    }
    handler.create = function (properties, constructorClass) {
      var key = constructorClass === undefined ? kindOf(properties) : null;
      var kind = key === null ? null : kinds.get(key);
      if (kind && kind.plan) { stats.copied++; return copy(kind.plan, properties); }
      if (kind === undefined) { kinds.set(key, { plan: null, seen: 1 }); }  // a kind of one is not learnt
      else if (kind !== null && kind.seen++ === 1) {
        var pa = probe(properties, 0), pb = probe(properties, 1), a = make.call(handler, pa), b = make.call(handler, pb);
        var plan = learn(a, b, pa, pb), theirs = make.call(handler, properties);
        stats.made++;
        if (!plan || !sameNode(copy(plan, properties), theirs)) { kinds.set(key, null); stats.refused++; return theirs; }
        kind.plan = plan; stats.kinds++;
        if (ctx) {  // and copies of the (empty) label as vis-network first lays it out, in fit, when that is the same
          a.labelModule.getTextSize(ctx); b.labelModule.getTextSize(ctx); theirs.labelModule.getTextSize(ctx);
          var laid = learn(a, b, pa, pb);
          if (laid && sameNode(copy(laid, properties), theirs)) { kind.plan = laid; stats.laid++; }
        }
        return theirs;
      }
      stats.made++;
      return make.apply(handler, arguments);
    };
    return stats;
  }
  // Whether two vis-network nodes have the same state: own properties in the same order with the same
  // values, objects being the same object or, both, objects with the same prototype and state in turn.
  // `pairs` (optional) maps objects of x's network to those taken as the same in y's (a test compares
  // the nodes of two networks: their bodies and options, not walked, and prototypes of option objects).
  function sameNode(x, y, pairs) {
    pairs = pairs || new Map();
    function same(a, b) {
      if (a === b) return true;
      if (pairs.has(a)) return pairs.get(a) === b;
      if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return Object.is(a, b);
      pairs.set(a, b);
      var na = Object.getOwnPropertyNames(a), nb = Object.getOwnPropertyNames(b);
      return same(Object.getPrototypeOf(a), Object.getPrototypeOf(b)) && na.join("\u0000") === nb.join("\u0000") &&
             na.every(function (k) { return same(a[k], b[k]); });
    }
    return same(x, y);
  }

  timing.prepared = performance.now();
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(bulk.length ? data.edges.filter(function (e) { return !isBulk.has(e.id); }) : data.edges);
  timing.datasets = performance.now();
  var container = document.getElementById("map");
  container.setAttribute("aria-label", T.map_label);
  // vis-network makes each node's options an object whose prototype is the global node options, which are a
  // chain of prototypes over its defaults: making 7,500 nodes walks that chain for each (bridgeObject: for..in
  // over inherited keys), and drawing looks options up through it. The global node options become one plain
  // object with the same values before the nodes are made (the main thread's CPU to the first frame of the
  // national map: about a tenth less). Then the nodes are made, most as copies (copyNodes).
  function makeNetwork(where, nodeSet, edgeSet, copies) {
    var net = new vis.Network(where, {}, data.options);
    if (net.nodesHandler && net.nodesHandler.options) net.nodesHandler.options = plainCopy(net.nodesHandler.options);
    var stats = copies ? copyNodes(net.nodesHandler, net.canvas && net.canvas.getContext()) : null;
    net.setData({ nodes: nodeSet, edges: edgeSet });
    return { network: net, copies: stats };
  }
  var made = makeNetwork(container, nodes, edges, true), network = made.network, nodeCopies = made.copies;
  timing.network = performance.now();
  if (lateLabel.size) network.on("beforeDrawing", labelsInView);
  // Big maps: a node's tooltip is written when the pointer first comes over the node (vis-network shows it
  // tooltipDelay ms after the pointer stops), not for every node as the page opens.
  var titling = false;
  function lateTitle(ev) {
    var r = network.canvas.frame.canvas.getBoundingClientRect();
    var id = network.getNodeAt({ x: ev.clientX - r.left, y: ev.clientY - r.top });
    var n = id === undefined ? undefined : byId.get(id);
    if (!n || n.title !== undefined) return;
    n.title = tooltip(n);
    titling = true;  // (a title changes no line: the bulk layer stays)
    nodes.update({ id: id, title: n.title });
    titling = false;
  }
  if (bulkMap) container.addEventListener("mousemove", lateTitle);
  var allKinds = (data.filters.kind || []).map(function (k) { return k[0]; });
  function freshState() {
    return { q: "", programme: "", theme: "", region: "", kinds: new Set(allKinds), focus: null, depth: 1,
             date: "", since: "", measure: "", from: "", to: "" };
  }
  var state = freshState();
  var api = window.izagraph = { network: network, nodes: nodes, edges: edges, data: data, state: state, unpack: unpack,
                                firstDraw: null, timing: timing, apply: apply, visibleIds: visibleIds, reset: reset,
                                paths: [], changes: null, labelsHidden: [],
                                bulk: { lines: bulk.length, own: bulkOwn, drawn: 0, layers: 0, layered: true },
                                lateLabels: lateLabel.size, nodeCopies: nodeCopies, sameNode: sameNode,
                                makeNetwork: makeNetwork };
  network.once("afterDrawing", function () {
    api.firstDraw = timing.first_draw = performance.now();
    declutter();
    document.body.setAttribute("data-ready", "1");
  });

  // -- time ------------------------------------------------------------------------------------
  function activeOn(x, date) { return (!x.t0 || x.t0 <= date) && (!x.t1 || x.t1 >= date); }
  function between(d, a, b) { return d && d > a && d <= b; }
  // node id -> "new" | "ended" (between state.since and the date); time-hidden nodes and edges
  function timeView() {
    var out = { hiddenNodes: new Set(), hiddenEdges: new Set(), mark: new Map(), edgeMark: new Map(),
                started: [], ended: [] };
    if (!state.date) return out;
    var date = state.date, since = state.since && state.since < date ? state.since : "";
    data.nodes.forEach(function (n) {
      if (n.k !== "table") return;
      if (since && between(n.t0, since, date)) { out.mark.set(n.id, "new"); out.started.push(n.name); }
      else if (since && n.t1 && n.t1 >= since && n.t1 < date) { out.mark.set(n.id, "ended"); out.ended.push(n.name); }
      else if (!activeOn(n, date)) out.hiddenNodes.add(n.id);
    });
    var live = new Map();
    data.edges.forEach(function (e) {
      var a = byId.get(e.from), b = byId.get(e.to);
      var gone = out.hiddenNodes.has(e.from) || out.hiddenNodes.has(e.to);
      if (!gone && e.rel === "membership" && (e.t0 || e.t1)) {
        if (since && between(e.t0, since, date)) out.edgeMark.set(e.id, "new");
        else if (since && e.t1 && e.t1 >= since && e.t1 < date) out.edgeMark.set(e.id, "ended");
        else if (!activeOn(e, date)) gone = true;
      }
      if (gone) { out.hiddenEdges.add(e.id); return; }
      [a, b].forEach(function (x) { if (x) live.set(x.id, (live.get(x.id) || 0) + 1); });
    });
    data.nodes.forEach(function (n) {  // members and context without a table on that date go too
      if (n.k !== "table" && adjOf(n.id).length && !live.get(n.id)) out.hiddenNodes.add(n.id);
    });
    return out;
  }

  // -- filters, search, focus, path: what is visible -------------------------------------------------
  function filterable(n) { return n.k === "table" || n.k === "group"; }
  function passes(n) {
    return (!state.programme || n.p.indexOf(state.programme) >= 0) &&
           (!state.theme || n.t.indexOf(state.theme) >= 0) &&
           (!state.region || n.r.indexOf(state.region) >= 0);
  }
  function visibleIds() {
    return data.nodes.filter(function (n) { return !n._hidden; }).map(function (n) { return n.id; });
  }
  function matches(n, q) { return keysOf(n).some(function (s) { return s.indexOf(q) >= 0; }); }

  var view = timeView();
  function apply(fit) {
    dropLayer();
    view = timeView();
    var visible = new Set();
    var base = function (n) { return !view.hiddenNodes.has(n.id); };
    if (state.programme || state.theme || state.region) {
      var ok = new Set();
      data.nodes.forEach(function (n) { if (filterable(n) && passes(n) && base(n)) ok.add(n.id); });
      data.nodes.forEach(function (n) {
        if (filterable(n)) { if (ok.has(n.id)) visible.add(n.id); }
        else if (base(n) && adjOf(n.id).some(function (j) { return ok.has(j); })) visible.add(n.id);
      });
    } else {
      data.nodes.forEach(function (n) { if (base(n)) visible.add(n.id); });
    }
    var q = norm(state.q).trim();
    var hits = [];
    if (q) {
      var hitSet = new Set();
      data.nodes.forEach(function (n) { if (visible.has(n.id) && matches(n, q)) { hitSet.add(n.id); hits.push(n); } });
      var around = new Set(hitSet);
      hitSet.forEach(function (id) { adjOf(id).forEach(function (j) { if (visible.has(j)) around.add(j); }); });
      visible = around;
    }
    showHits(q, hits);
    api.paths = [];
    var pathNodes = null;
    var from = findNode(state.from), to = findNode(state.to);
    if (state.from && state.to) {
      api.paths = (from && to) ? shortestPaths(from.id, to.id, visible) : [];
      pathNodes = new Set();
      api.paths.forEach(function (p) { p.forEach(function (id) { pathNodes.add(id); }); });
      if (from) pathNodes.add(from.id);
      if (to) pathNodes.add(to.id);
      visible = pathNodes;
    } else if (state.focus !== null && byId.has(state.focus)) {
      var seen = new Set([state.focus]);
      var frontier = [state.focus];
      for (var step = 0; step < state.depth; step++) {
        var next = [];
        frontier.forEach(function (id) {
          adjOf(id).forEach(function (j) { if (!seen.has(j) && base(byId.get(j))) { seen.add(j); next.push(j); } });
        });
        frontier = next;
      }
      visible = seen;
    }
    var changes = [];
    data.nodes.forEach(function (n) {
      var hidden = !visible.has(n.id) ||
        (pathNodes === null && allKinds.length > 0 && !state.kinds.has(n.k) && n.id !== state.focus);
      if (hidden !== n._hidden) { n._hidden = hidden; changes.push({ id: n.id, hidden: hidden }); }
    });
    if (changes.length) nodes.update(changes);
    var edgeChanges = [];
    data.edges.forEach(function (e) {
      var hidden = view.hiddenEdges.has(e.id);
      if (hidden !== e._hidden) { e._hidden = hidden; if (inNet(e)) edgeChanges.push({ id: e.id, hidden: hidden }); }
    });
    if (edgeChanges.length) edges.update(edgeChanges);
    swapBulk();
    restyle();
    var shown = data.nodes.length - data.nodes.filter(function (n) { return n._hidden; }).length;
    status.textContent = T.shown + ": " + shown + " " + T.of + " " + data.nodes.length + " " + T.nodes +
      (state.focus !== null && byId.has(state.focus) && pathNodes === null ? " · " + T.focus + " " + byId.get(state.focus).name : "");
    showChanges();
    showPaths(from, to);
    renderList();
    writeHash();
    if (pathNodes !== null) {
      var pe = [];
      api.paths.forEach(function (p) {
        for (var i = 1; i < p.length; i++) {
          var id = edgeBetween(p[i - 1], p[i]);
          if (id !== undefined) pe.push(id);
        }
      });
      network.setSelection({ nodes: Array.from(pathNodes), edges: pe }, { unselectAll: true, highlightEdges: false });
    }
    if (fit) {
      var ids = visibleIds();
      if (ids.length && ids.length < data.nodes.length) network.fit({ nodes: ids, animation: false });
      else network.fit({ animation: false });
    }
    if (api.firstDraw !== null) declutter();
  }

  // -- paths: shortest chains of shared tables (memberships and the table hierarchy) --------------------
  function findNode(text) {
    var q = norm(text).trim();
    if (!q) return null;
    var exact = null, start = null;
    data.nodes.forEach(function (n) {
      if (exact) return;
      var keys = keysOf(n);
      if (keys.indexOf(q) >= 0) exact = n;
      else if (!start && keys.some(function (s) { return s.indexOf(q) === 0; })) start = n;
    });
    return exact || start;
  }
  var edgeAt = null;  // the line between two nodes (the last one given), made at the first path
  function edgeBetween(a, b) {
    if (edgeAt === null) {
      edgeAt = new Map();
      data.edges.forEach(function (e) {
        if (byId.has(e.from) && byId.has(e.to)) edgeAt.set(Math.min(e.from, e.to) + "-" + Math.max(e.from, e.to), e.id);
      });
    }
    return edgeAt.get(Math.min(a, b) + "-" + Math.max(a, b));
  }
  function shortestPaths(a, b, allowed) {
    if (a === b) return [[a]];
    var dist = new Map([[a, 0]]), preds = new Map([[a, []]]), queue = [a], found = false;
    for (var qi = 0; qi < queue.length; qi++) {
      var u = queue[qi], d = dist.get(u);
      if (found && d >= dist.get(b)) break;
      pathAdjOf(u).forEach(function (v) {
        if (v !== b && v !== a && !allowed.has(v) && !view.hiddenNodes.has(v)) return;
        if (view.hiddenNodes.has(v)) return;
        if (!dist.has(v)) { dist.set(v, d + 1); preds.set(v, [u]); queue.push(v); if (v === b) found = true; }
        else if (dist.get(v) === d + 1) preds.get(v).push(u);
      });
    }
    if (!dist.has(b)) return [];
    var out = [];
    (function walk(node, tail) {
      if (out.length >= PATH_MAX) return;
      if (node === a) { out.push([a].concat(tail)); return; }
      preds.get(node).slice().sort(function (x, y) { return x - y; }).forEach(function (p) { walk(p, [node].concat(tail)); });
    })(b, []);
    return out;
  }
  var pathBox = document.getElementById("path-result");
  function showPaths(from, to) {
    clear(pathBox);
    if (!state.from && !state.to) return;
    if (!from || !to) {
      pathBox.appendChild(el("p", null, T.path_unknown + ": " + (!from ? state.from : state.to)));
      return;
    }
    if (!api.paths.length) { pathBox.appendChild(el("p", null, T.path_none)); return; }
    pathBox.appendChild(el("h2", null, T.path_found + " (" + api.paths.length + ")"));
    var ol = el("ol", { id: "paths" });
    api.paths.forEach(function (p) {
      ol.appendChild(el("li", null, p.map(function (id) { return byId.get(id).name; }).join(" → ")));
    });
    pathBox.appendChild(ol);
  }

  // -- styling: measure, time marks, findings borders --------------------------------------------------
  var measureLegend = document.getElementById("measure-legend");
  function classes(max, whole) {  // five equal steps up to the largest value (whole numbers for counts)
    var n = data.scale.length - 1, out = [];
    for (var i = 0; i < n; i++) {
      var lo = max * i / n, hi = max * (i + 1) / n;
      if (whole) { lo = Math.floor(lo); hi = Math.floor(hi); if (hi <= lo) continue; }
      out.push([lo, hi, data.scale[i + 1]]);
    }
    return out;
  }
  function label(c, whole) { return whole ? (c[0] + 1 === c[1] ? String(c[1]) : (c[0] + 1) + "–" + c[1]) : fmt(c[0]) + "–" + fmt(c[1]); }
  function fmt(v) { return Math.abs(v) >= 10 || v === 0 ? String(Math.round(v)) : String(Math.round(v * 100) / 100); }
  function restyle() {
    var m = state.measure, max = 0, whole = true;
    if (m) data.nodes.forEach(function (n) {
      if (n.m && n.m[m] !== undefined) { max = Math.max(max, n.m[m]); whole = whole && n.m[m] === Math.round(n.m[m]); }
    });
    var bounds = m && max > 0 ? classes(max, whole) : [];
    var updates = [];
    data.nodes.forEach(function (n) {
      var mark = view.mark.get(n.id), own = !m && !mark;
      if (own && !n._styled) return;  // drawn in its own style, and stays so
      n._styled = !own;
      var b = n._base, s = { label: b.label, color: b.color, size: b.size, borderWidth: b.borderWidth, opacity: b.opacity };
      if (m) {
        var v = n.m ? n.m[m] : undefined;
        if (v === undefined) { s.size = 5; s.color = { background: "#dddddd", border: "#aaaaaa" }; }
        else {
          var colour = data.scale[0];
          bounds.forEach(function (c) { if (v > c[0] && v <= c[1]) colour = c[2]; });
          var border = b.color && b.color.border ? b.color.border : "#555555";
          s.size = max > 0 ? Math.round(6 + 34 * Math.sqrt(v / max)) : 6;
          s.color = { background: colour, border: border, highlight: { background: colour, border: "#000000" } };
        }
      }
      if (mark) {
        var line = mark === "new" ? STARTED : ENDED;
        s.color = { background: s.color.background, border: line, highlight: { background: s.color.background, border: line } };
        s.borderWidth = 5;
        s.label = (mark === "new" ? "+ " : "− ") + b.label;
        if (mark === "ended") s.opacity = 0.55;
      }
      var key = styleKey(s);
      if (n._style === undefined) n._style = styleKey(b);
      if (key !== n._style) {
        n._style = key;
        updates.push({ id: n.id, label: s.label, size: s.size, borderWidth: s.borderWidth, opacity: s.opacity, color: s.color });
        lateLabel.delete(n.id);  // (it has its label now)
      }
    });
    if (updates.length) nodes.update(updates);
    var edgeUpdates = [];
    data.edges.forEach(function (e) {
      var mark = view.edgeMark.get(e.id) || "";
      if (mark === (e._mark || "")) return;
      e._mark = mark;
      if (inNet(e)) edgeUpdates.push(Object.assign({ id: e.id }, edgeStyle(e)));
      if (isBulk.has(e.id)) bulkGroups = null;
    });
    if (edgeUpdates.length) edges.update(edgeUpdates);
    clear(measureLegend);
    if (m) {
      measureLegend.appendChild(el("h2", { id: "measure-head" }, T.measure + ": " + data.measures[m]));
      var rows = [[data.scale[0], "0"]].concat(bounds.map(function (c) { return [c[2], label(c, whole)]; }));
      rows.push(["#dddddd", T.no_value]);
      rows.forEach(function (r) {
        var row = el("div", { "class": "legend-item" });
        var sw = el("span", { "class": "sw sw-colour" });
        sw.style.background = r[0];
        row.appendChild(sw);
        row.appendChild(el("span", null, r[1]));
        measureLegend.appendChild(row);
      });
    }
  }

  function edgeStyle(e) {  // a line's colour, width and dashes: its own, or its time mark's
    var mark = e._mark;
    return mark ? { color: { color: mark === "new" ? STARTED : ENDED, opacity: 1 }, width: 3,
                    dashes: mark === "ended" && data.nodes.length <= data.dash_max ? [6, 4] : false }
                : { color: e.color, width: e.width, dashes: e.dashes || false };
  }

  // -- bulk lines on big maps (see BULK_SWAP) ---------------------------------------------------------
  function live(e) { return !e._hidden && !byId.get(e.from)._hidden && !byId.get(e.to)._hidden; }
  function swapBulk() {
    if (!bulk.length) return;
    var shown = bulk.filter(live);
    if (shown.length <= BULK_SWAP) {
      var add = shown.filter(function (e) { return !inVis.has(e.id); });
      add.forEach(function (e) { inVis.add(e.id); if (!e.title && hasTip(e)) e.title = tooltip(e); });
      if (add.length) edges.add(add.map(function (e) { return Object.assign({}, e, edgeStyle(e), { hidden: e._hidden }); }));
      bulkOwn = false;
    } else {
      if (inVis.size) { edges.remove(Array.from(inVis)); inVis.clear(); }
      bulkOwn = true;
    }
    api.bulk.own = bulkOwn;
  }
  function groupBulk() {  // (with each line its two data nodes, for live() without looking them up)
    var groups = new Map();
    bulk.forEach(function (e) {
      var s = e._mark ? edgeStyle(e) : e, colour = typeof s.color === "string" ? s.color : s.color.color;
      var width = s.width || 1, key = colour + "|" + width + "|" + (e.arrows ? "a" : ""), g = groups.get(key);
      if (g === undefined) groups.set(key, g = { colour: colour, width: width, arrows: !!e.arrows, lines: [], ends: [] });
      g.lines.push(e);
      g.ends.push(byId.get(e.from), byId.get(e.to));
    });
    return Array.from(groups.values());
  }
  // Panning at one zoom level moves the bulk lines without changing them: once the page is idle after a
  // frame, they are drawn into a layer (the view plus a margin on each side, in device pixels), and the next
  // frames at that zoom level copy it at their offset instead of stroking every line again (the redraw per
  // frame of the national map with findings: about a third less). A frame without a fitting layer draws the
  // lines straight on the canvas, as before. Whatever can change a line (apply, a time mark, a moved node, a
  // data set change) drops the layer.
  var bulkLayer = null, layerTimer = null;
  function dropLayer() { bulkLayer = null; }
  function bulkDraw(ctx) {  // before vis-network draws its lines and the nodes
    if (!bulkOwn) return;
    if (!bulkGroups) { bulkGroups = groupBulk(); bulkLayer = null; }
    var m = ctx.getTransform(), w = ctx.canvas.width, h = ctx.canvas.height, L = bulkLayer;
    if (api.bulk.layered && L && L.a === m.a && L.d === m.d && L.w === w && L.h === h &&
        Math.abs(m.e - L.e) <= L.margin && Math.abs(m.f - L.f) <= L.margin) {
      ctx.save();
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.drawImage(L.canvas, Math.round(m.e - L.e) - L.margin, Math.round(m.f - L.f) - L.margin);
      ctx.restore();
      return;
    }
    var scale = network.getScale();
    drawBulk(ctx, scale);
    if (!api.bulk.layered) return;  // (tests and benchmarks compare with the layer off)
    clearTimeout(layerTimer);
    layerTimer = setTimeout(function () { layerTimer = null; makeLayer(m, w, h, scale); }, 120);
  }
  function makeLayer(m, w, h, scale) {
    if (!bulkOwn || !bulkGroups) return;
    var margin = Math.ceil(Math.max(w, h) / 4), old = bulkLayer;
    var L = { canvas: old && old.w === w && old.h === h ? old.canvas : document.createElement("canvas"),
              a: m.a, d: m.d, e: m.e, f: m.f, w: w, h: h, margin: margin };
    L.canvas.width = w + 2 * margin;  // (re)sizing also clears it
    L.canvas.height = h + 2 * margin;
    var layer = L.canvas.getContext("2d");
    layer.setTransform(m.a, m.b, m.c, m.d, m.e + margin, m.f + margin);
    drawBulk(layer, scale);
    bulkLayer = L;
    api.bulk.layers++;
  }
  function drawBulk(ctx, scale) {  // in map coordinates
    var at = network.body.nodes, drawn = 0;
    bulkGroups.forEach(function (g) {
      var heads = [];
      ctx.beginPath();
      for (var k = 0, lines = g.lines, ends = g.ends; k < lines.length; k++) {
        var e = lines[k];
        if (e._hidden || ends[2 * k]._hidden || ends[2 * k + 1]._hidden) continue;  // (live(e))
        var u = at[e.from], v = at[e.to];
        ctx.moveTo(u.x, u.y);
        ctx.lineTo(v.x, v.y);
        drawn++;
        if (g.arrows) heads.push(u, v);
      }
      ctx.strokeStyle = g.colour;
      ctx.lineWidth = Math.max(g.width, 0.3 / scale);  // as vis-network: never thinner than 0.3 px on screen
      ctx.stroke();
      if (!heads.length) return;
      ctx.beginPath();  // arrow heads at the border of the node pointed to
      var len = 15 + 3 * g.width;
      for (var i = 0; i < heads.length; i += 2) {
        var a = heads[i], b = heads[i + 1], dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
        var ux = dx / d, uy = dy / d, r = (b.options && b.options.size) || 10;
        var tx = b.x - ux * r, ty = b.y - uy * r, bx = tx - ux * len, by = ty - uy * len;
        ctx.moveTo(tx, ty);
        ctx.lineTo(bx - uy * len * 0.4, by + ux * len * 0.4);
        ctx.lineTo(bx + uy * len * 0.4, by - ux * len * 0.4);
        ctx.closePath();
      }
      ctx.fillStyle = g.colour;
      ctx.fill();
    });
    api.bulk.drawn = drawn;
  }
  if (bulk.length) {
    network.on("beforeDrawing", bulkDraw);
    network.on("dragging", function (p) { if (p.nodes && p.nodes.length) dropLayer(); });
    network.on("dragEnd", function (p) { if (p.nodes && p.nodes.length) dropLayer(); });
    nodes.on("*", function () { if (!titling) dropLayer(); });
    edges.on("*", dropLayer);
  }

  // -- labels: at region scale no two labels overlap on first open ----------------------------------------
  // vis draws a label at a fixed size in the map's own coordinates, so two labels that overlap do so at
  // every zoom level: each label, most important first, is moved above its node when that frees it, and
  // left out (it stays in the tooltip, the panel and the list) when neither place is free.
  function declutter() {
    if (data.nodes.length > 1500) return;
    var body = network.body, placed = [], hidden = [], updates = [];
    var order = data.nodes.filter(function (n) { return !n._hidden && n._base.label; }).sort(function (a, b) {
      return (priority(b) - priority(a)) || (a.id - b.id);
    });
    order.forEach(function (n) {
      var vn = body.nodes[n.id];
      if (!vn || !vn.labelModule || !vn.labelModule.size) return;
      // the label's natural box (vis measures it without the vertical shift we add)
      var sz = vn.labelModule.size, h = sz.height, w = sz.width;
      if (!w || !h) return;
      var radius = vn.options.size || 10;
      var above = (vn.y - radius - 4 - h) - sz.top;
      var tries = vn.options.shape === "box" ? [0] : [0, above];  // a box holds its label inside
      var box = null, shift = 0;
      for (var i = 0; i < tries.length && !box; i++) {
        var b = { x1: sz.left, y1: sz.top + tries[i], x2: sz.left + w, y2: sz.top + tries[i] + h };
        if (!placed.some(function (p) { return overlap(p, b); })) { box = b; shift = tries[i]; }
      }
      var f = n._base.font;
      if (box) {
        placed.push(box);
        if ((n._vadjust || 0) !== shift || n._labelHidden) {
          n._vadjust = shift; n._labelHidden = false;
          updates.push({ id: n.id, font: { vadjust: f.vadjust + shift, color: f.color, strokeWidth: f.strokeWidth } });
        }
      } else {
        hidden.push(n.id);
        if (!n._labelHidden) { n._labelHidden = true; updates.push({ id: n.id, font: { color: "rgba(0,0,0,0)", strokeWidth: 0 } }); }
      }
    });
    if (updates.length) nodes.update(updates);
    api.labelsHidden = hidden;
    api.labelBoxes = placed;
  }
  function priority(n) {
    var k = { missing: 7, region: 6, programme: 5, table: 4, theme: 3, organisation: 2, gemeente: 2, person: 1 }[n.k] || 0;
    return k * 1000 + (n.size || 0);
  }
  function overlap(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }

  // -- controls --------------------------------------------------------------------------------
  var controls = document.getElementById("controls");
  var status = document.getElementById("status");
  controls.appendChild(el("label", { "class": "field", "for": "search" }, T.search));
  var search = el("input", { type: "search", id: "search", autocomplete: "off", placeholder: T.search,
                             "aria-describedby": "hits" });
  controls.appendChild(search);
  var hitsBox = el("div", { id: "hits", "class": "hits", "aria-live": "polite" });
  controls.appendChild(hitsBox);
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = search.value; state.focus = null; apply(true); }, 120);
  });
  function showHits(q, hits) {
    clear(hitsBox);
    if (!q) return;
    if (!hits.length) { hitsBox.appendChild(el("span", null, T.no_hits)); return; }
    hitsBox.appendChild(el("span", null, T.hits + " (" + hits.length + "): "));
    var ul = el("ul", { id: "hit-list" });
    hits.slice(0, HITS_MAX).forEach(function (n) {
      var li = el("li");
      var b = el("button", { type: "button", "class": "linkish", "data-id": String(n.id) }, n.name);
      var alias = (n.al || []).filter(function (a) { return norm(a).indexOf(q) >= 0; })[0];
      b.addEventListener("click", function () { openNode(n.id); });
      li.appendChild(b);
      if (alias && norm(n.name).indexOf(q) < 0) li.appendChild(document.createTextNode(" (" + alias + ")"));
      ul.appendChild(li);
    });
    hitsBox.appendChild(ul);
    if (hits.length > HITS_MAX) hitsBox.appendChild(el("span", null, fill(T.hits_more, { n: hits.length - HITS_MAX })));
  }
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
    var kinds = el("fieldset", { "class": "kinds", id: "kinds" });
    kinds.appendChild(el("legend", { "class": "field" }, T.kind));
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
  var resetButton = el("button", { type: "button", id: "reset" }, T.reset);
  controls.appendChild(resetButton);
  // the less used tools fold away (opened by hand, or when the page address sets one of their values)
  var tools = {};
  function tool(id, title) {
    var d = el("details", { id: id, "class": "tool" });
    d.appendChild(el("summary", null, title));
    document.getElementById("controls").appendChild(d);
    tools[id] = d;
    return d;
  }
  var depth = null, measure = null, dateInput = null, dateRange = null, sinceInput = null, fromInput = null, toInput = null;
  if (data.page === "network") {
    controls = tool("tool-view", T.view);
    controls.appendChild(el("label", { "class": "field", "for": "f-depth" }, T.depth));
    depth = el("select", { id: "f-depth" });
    ["1", "2", "3"].forEach(function (d) { depth.appendChild(el("option", { value: d }, d)); });
    depth.addEventListener("change", function () { state.depth = parseInt(depth.value, 10) || 1; apply(true); });
    controls.appendChild(depth);

    controls.appendChild(el("label", { "class": "field", "for": "measure" }, T.measure));
    measure = el("select", { id: "measure" });
    measure.appendChild(el("option", { value: "" }, T.measure_default));
    Object.keys(data.measures).forEach(function (m) {
      if (data.nodes.some(function (n) { return n.m && n.m[m] !== undefined; })) {
        measure.appendChild(el("option", { value: m }, data.measures[m]));
      }
    });
    measure.addEventListener("change", function () { state.measure = measure.value; apply(false); });
    controls.appendChild(measure);

    if (dated) {
      var dates = [];
      data.nodes.forEach(function (n) { if (n.t0) dates.push(n.t0); if (n.t1) dates.push(n.t1); });
      data.edges.forEach(function (e) { if (e.t0) dates.push(e.t0); if (e.t1) dates.push(e.t1); });
      dates.sort();
      var first = dates[0].slice(0, 4), last = String(Math.max(parseInt(dates[dates.length - 1].slice(0, 4), 10),
                                                                new Date().getFullYear()));
      var months = [];
      for (var y = parseInt(first, 10); y <= parseInt(last, 10); y++) {
        for (var mo = 1; mo <= 12; mo++) months.push(y + "-" + (mo < 10 ? "0" : "") + mo + "-01");
      }
      controls = tool("tool-time", T.time);
      controls.appendChild(el("label", { "class": "field", "for": "as-of" }, T.as_of));
      dateInput = el("input", { type: "date", id: "as-of", min: months[0], max: last + "-12-31" });
      controls.appendChild(dateInput);
      dateRange = el("input", { type: "range", id: "as-of-range", min: "0", max: String(months.length - 1), step: "1",
                                "aria-label": T.as_of, value: String(months.length - 1) });
      controls.appendChild(dateRange);
      controls.appendChild(el("label", { "class": "field", "for": "since" }, T.since));
      sinceInput = el("input", { type: "date", id: "since", min: months[0], max: last + "-12-31" });
      controls.appendChild(sinceInput);
      dateInput.addEventListener("change", function () {
        state.date = dateInput.value;
        var i = months.indexOf(state.date.slice(0, 7) + "-01");
        if (i >= 0) dateRange.value = String(i);
        apply(false);
      });
      dateRange.addEventListener("input", function () {
        state.date = months[parseInt(dateRange.value, 10)];
        dateInput.value = state.date;
        apply(false);
      });
      sinceInput.addEventListener("change", function () { state.since = sinceInput.value; apply(false); });
      api.months = months;
    }

    var pathSet = tool("tool-path", T.path);
    var names = el("datalist", { id: "node-names" });
    // the names to choose from: filled when the tool opens (7,500 options took a tenth of the first frame)
    var fillNames = function () {
      if (names.firstChild || !pathSet.open) return;
      data.nodes.forEach(function (n) { if (n.k !== "missing") names.appendChild(el("option", { value: n.name })); });
    };
    pathSet.addEventListener("toggle", fillNames);
    pathSet.appendChild(names);
    pathSet.appendChild(el("label", { "class": "field", "for": "path-from" }, T.path_from));
    fromInput = el("input", { type: "text", id: "path-from", list: "node-names", autocomplete: "off" });
    pathSet.appendChild(fromInput);
    pathSet.appendChild(el("label", { "class": "field", "for": "path-to" }, T.path_to));
    toInput = el("input", { type: "text", id: "path-to", list: "node-names", autocomplete: "off" });
    pathSet.appendChild(toInput);
    var go = el("button", { type: "button", id: "path-go" }, T.path_go);
    go.addEventListener("click", function () { state.from = fromInput.value; state.to = toInput.value; state.focus = null; apply(true); });
    pathSet.appendChild(go);
  }

  function syncControls() {
    search.value = state.q;
    Object.keys(selects).forEach(function (k) { selects[k].value = state[k]; });
    document.querySelectorAll("#kinds input").forEach(function (b) { b.checked = state.kinds.has(b.value); });
    if (depth) depth.value = String(state.depth);
    if (measure) measure.value = state.measure;
    if (dateInput) {
      dateInput.value = state.date;
      var i = state.date ? api.months.indexOf(state.date.slice(0, 7) + "-01") : -1;
      dateRange.value = String(i >= 0 ? i : api.months.length - 1);
    }
    if (sinceInput) sinceInput.value = state.since;
    if (fromInput) { fromInput.value = state.from; toInput.value = state.to; }
    if (tools["tool-view"] && (state.depth !== 1 || state.measure)) tools["tool-view"].open = true;
    if (tools["tool-time"] && (state.date || state.since)) tools["tool-time"].open = true;
    if (tools["tool-path"] && (state.from || state.to)) tools["tool-path"].open = true;
  }
  function reset() {
    Object.assign(state, freshState());
    syncControls();
    info.style.display = "none";
    network.unselectAll();
    apply(true);
  }
  resetButton.addEventListener("click", reset);

  // -- the view in the page address: #q=…&programme=…&focus=table/x&date=… (restored on open) -----------
  var FIELDS = ["q", "programme", "theme", "region", "date", "since", "measure", "from", "to"];
  function writeHash() {
    var p = new URLSearchParams();
    FIELDS.forEach(function (f) { if (state[f]) p.set(f, state[f]); });
    if (state.kinds.size !== allKinds.length) p.set("kinds", Array.from(state.kinds).sort().join(","));
    if (state.focus !== null && byId.has(state.focus)) p.set("focus", byId.get(state.focus).key || String(state.focus));
    if (state.depth !== 1) p.set("depth", String(state.depth));
    var hash = p.toString();
    if (hash !== location.hash.replace(/^#/, "")) {
      try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
      catch (err) { /* some browsers refuse replaceState on file: pages; the view just is not kept */ }
    }
  }
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var s = freshState();
    FIELDS.forEach(function (f) { if (p.get(f)) s[f] = p.get(f); });
    if (p.has("kinds")) s.kinds = new Set(p.get("kinds").split(",").filter(function (k) { return allKinds.indexOf(k) >= 0; }));
    if (p.get("focus") && byKey.has(p.get("focus"))) s.focus = byKey.get(p.get("focus")).id;
    if (/^[123]$/.test(p.get("depth") || "")) s.depth = parseInt(p.get("depth"), 10);
    if (s.date && !/^\d{4}-\d{2}-\d{2}$/.test(s.date)) s.date = "";
    if (s.since && !/^\d{4}-\d{2}-\d{2}$/.test(s.since)) s.since = "";
    if (s.measure && !data.measures[s.measure]) s.measure = "";
    Object.assign(state, s);
    syncControls();
    if (state.focus !== null) showInfo(state.focus);
  }
  window.addEventListener("hashchange", function () { readHash(); apply(true); });

  // -- info panel ------------------------------------------------------------------------------
  var info = document.getElementById("info");
  function showInfo(id) {
    var n = byId.get(id);
    clear(info);
    if (!n) { info.style.display = "none"; return; }
    info.appendChild(el("h2", { id: "info-head" }, n.name));
    var dl = el("dl");
    infoOf(n).forEach(function (pair) { dl.appendChild(el("dt", null, pair[0])); dl.appendChild(el("dd", null, pair[1])); });
    var s = sourceOf(n);
    if (s) {
      dl.appendChild(el("dt", null, T.source));
      var dd = el("dd", { id: "info-source" });
      if (s[2] && SAFE_URL.test(s[2])) {
        var a = el("a", { rel: "noopener noreferrer", target: "_blank" }, s[0]);
        a.href = s[2];
        dd.appendChild(a);
      } else dd.textContent = s[0];
      dl.appendChild(dd);
      dl.appendChild(el("dt", null, T.evidence)); dl.appendChild(el("dd", null, s[1]));
      dl.appendChild(el("dt", null, T.source_confidence)); dl.appendChild(el("dd", null, s[3]));
    }
    info.appendChild(dl);
    if (n.url && SAFE_HREF.test(n.url)) {
      var link = el("a", { id: "open-map" }, T.open_map + " →");
      link.href = n.url;
      info.appendChild(link);
    }
    info.style.display = "block";
  }
  function openNode(id) {  // from the list, the search hits or a click: details, and the neighbourhood on network maps
    showInfo(id);
    if (data.page === "network") { state.focus = id; state.from = ""; state.to = ""; syncControls(); apply(true); }
    network.selectNodes([id]);
    info.focus();
  }
  api.openNode = openNode;
  network.on("click", function (params) {
    if (!params.nodes.length) return;
    var id = params.nodes[0];
    showInfo(id);
    if (data.page === "network") { state.focus = id; state.from = ""; state.to = ""; syncControls(); apply(true); }
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) return;
    var n = byId.get(params.nodes[0]);
    if (n && n.url && SAFE_HREF.test(n.url)) window.location.href = n.url;
  });

  // -- the text alternative: the visible nodes as a list, filtered together with the picture --------------
  var listBox = document.getElementById("list-box");
  var list = document.getElementById("node-list");
  var listNote = document.getElementById("list-note");
  var kindName = data.kinds || {};
  function describe(n) {
    var parts = [kindName[n.k] || n.k];
    if (n.r && n.r.length) parts.push(T.regions + ": " + n.r.map(function (r) { return regionName[r] || r; }).join(", "));
    if (n.p && n.p.length) parts.push(T.programmes + ": " + n.p.map(function (p) { return programmeName[p] || p; }).join(", "));
    if (n.o) parts.push(T.outside);
    if (n.fd && n.fd.length) parts.push(n.fd.length + " " + T.findings_count + ": " + n.fd.join(" | "));
    return parts.join(" · ");
  }
  function renderList() {
    var head = document.getElementById("list-head");
    var shown = data.nodes.filter(function (n) { return !n._hidden; });
    head.textContent = T.list + " (" + shown.length + ")";
    if (!listBox.open) { list._stale = true; return; }
    clear(list);
    shown.slice(0, LIST_MAX).forEach(function (n) {
      var li = el("li");
      var b = el("button", { type: "button", "class": "linkish", "data-id": String(n.id) }, n.name);
      b.addEventListener("click", function () { openNode(n.id); });
      li.appendChild(b);
      li.appendChild(el("span", { "class": "desc" }, " " + describe(n)));
      list.appendChild(li);
    });
    listNote.textContent = shown.length > LIST_MAX ? fill(T.list_more, { n: LIST_MAX, total: shown.length }) : "";
    list._stale = false;
  }
  listBox.addEventListener("toggle", function () { if (listBox.open && list._stale !== false) renderList(); });

  // -- changes between two dates ---------------------------------------------------------------------
  var changesBox = document.getElementById("changes");
  function showChanges() {
    clear(changesBox);
    api.changes = null;
    if (!state.date || !state.since || state.since >= state.date) return;
    api.changes = { started: view.started.slice().sort(), ended: view.ended.slice().sort() };
    changesBox.appendChild(el("strong", null, fill(T.changes, { a: state.since, b: state.date }) + ": "));
    if (!view.started.length && !view.ended.length) { changesBox.appendChild(document.createTextNode(T.no_changes)); return; }
    var ul = el("ul");
    if (view.started.length) ul.appendChild(el("li", { "class": "started" }, "+ " + T.started + ": " + api.changes.started.join("; ")));
    if (view.ended.length) ul.appendChild(el("li", { "class": "ended" }, "− " + T.ended_between + ": " + api.changes.ended.join("; ")));
    changesBox.appendChild(ul);
  }

  // -- legend, notes, links ----------------------------------------------------------------------
  document.getElementById("legend-head").textContent = T.legend;
  var legend = document.getElementById("legend");
  (data.legend || []).forEach(function (item) {
    var row = el("div", { "class": "legend-item" });
    var sw = el("span", { "aria-hidden": "true" });
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
    var links = document.getElementById("links");
    data.links.forEach(function (l) {
      if (!SAFE_HREF.test(l.href)) return;
      var li = el("li");
      var a = el("a", null, l.label);
      a.href = l.href;
      li.appendChild(a);
      if (l.detail) li.appendChild(document.createTextNode(" · " + l.detail));
      links.appendChild(li);
    });
  }
  var foot = document.getElementById("foot");
  foot.appendChild(document.createTextNode(T.offline + " " + T.generated + ". "));
  if (data.index_href && SAFE_HREF.test(data.index_href)) {
    var back = el("a", null, T.index);
    back.href = data.index_href;
    foot.appendChild(back);
  }

  readHash();
  apply(false);
  if (state.focus !== null || (state.from && state.to) || state.q) apply(true);
  else if (visibleIds().length < data.nodes.length) network.fit({ animation: false });
  // (else new vis.Network has fitted the view to all nodes already, in the same canvas: the side panel's
  // width is fixed)
})();
