// argkb explorer: ties the map (Graphviz SVG) to the text and the data.
// Reads the KB only from the JSON island #argkb-data and writes it to the
// page only through textContent and DOM properties (never innerHTML), so no
// text of the KB is ever parsed as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argkb-data").textContent);
  var map = document.getElementById("map");
  var svg = map.querySelector("svg");
  var panel = document.getElementById("panel");
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  var viewSel = document.getElementById("view");
  var focusBox = document.getElementById("focus");
  var depthSel = document.getElementById("depth");
  var byLabel = document.getElementById("by-label");
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-nodes]"));
  var LABEL_FILL = { "in": "#bbf7d0", "out": "#fecaca", "undec": "#fef08a" };

  // The map's nodes and edges, by KB id (DOT ids are KB ids; an edge's id
  // is source/kind/target, and `/` never occurs in an id).
  var gNode = new Map();
  svg.querySelectorAll("g.node").forEach(function (g) {
    if (!data.nodes[g.id]) return;
    gNode.set(g.id, g);
    var n = data.nodes[g.id];
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("aria-label", g.id + ": " + (n.text || n.name || ""));
  });
  var gEdges = [];
  svg.querySelectorAll("g.edge").forEach(function (g) {
    var parts = g.id.split("/");
    if (parts.length === 3) gEdges.push({ g: g, s: parts[0], k: parts[1], t: parts[2] });
  });
  var out = new Map(), inc = new Map();
  Object.keys(data.nodes).forEach(function (id) { out.set(id, []); inc.set(id, []); });
  data.edges.forEach(function (e) {
    if (out.has(e[0])) out.get(e[0]).push(e);
    if (inc.has(e[2])) inc.get(e[2]).push(e);
  });

  // ---- pan and zoom, on the SVG's viewBox
  svg.removeAttribute("width");
  svg.removeAttribute("height");
  var vb0 = svg.viewBox.baseVal;
  var home = { x: vb0.x, y: vb0.y, w: vb0.width, h: vb0.height };
  var vb = { x: home.x, y: home.y, w: home.w, h: home.h };
  function applyBox() { svg.setAttribute("viewBox", vb.x + " " + vb.y + " " + vb.w + " " + vb.h); }
  function zoom(f, cx, cy) {
    if (cx === undefined) { cx = vb.x + vb.w / 2; cy = vb.y + vb.h / 2; }
    var w = Math.min(Math.max(vb.w * f, home.w / 40), home.w * 4);
    var k = w / vb.w;
    vb.x = cx - (cx - vb.x) * k; vb.y = cy - (cy - vb.y) * k;
    vb.w = w; vb.h = vb.h * k;
    applyBox();
  }
  function pan(dx, dy) { vb.x += dx; vb.y += dy; applyBox(); }
  function toSvg(evt) {
    var r = svg.getBoundingClientRect();
    var s = Math.max(vb.w / r.width, vb.h / r.height);
    return { x: vb.x + (evt.clientX - r.left) * s, y: vb.y + (evt.clientY - r.top) * s, s: s };
  }
  map.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toSvg(evt);
    zoom(evt.deltaY > 0 ? 1.15 : 1 / 1.15, p.x, p.y);
  }, { passive: false });
  var drag = null;
  map.addEventListener("pointerdown", function (evt) {
    if (evt.button !== 0 || evt.target.closest("g.node")) return;
    drag = { x: evt.clientX, y: evt.clientY, s: toSvg(evt).s };
    map.classList.add("dragging");
  });
  window.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    pan((drag.x - evt.clientX) * drag.s, (drag.y - evt.clientY) * drag.s);
    drag.x = evt.clientX; drag.y = evt.clientY;
  });
  window.addEventListener("pointerup", function () { drag = null; map.classList.remove("dragging"); });
  map.addEventListener("keydown", function (evt) {
    if (evt.target.closest && evt.target.closest("g.node") && (evt.key === "Enter" || evt.key === " ")) return;
    var step = vb.w / 10;
    var keys = {
      "+": function () { zoom(1 / 1.25); }, "=": function () { zoom(1 / 1.25); },
      "-": function () { zoom(1.25); }, "0": function () { vb = { x: home.x, y: home.y, w: home.w, h: home.h }; applyBox(); },
      "ArrowLeft": function () { pan(-step, 0); }, "ArrowRight": function () { pan(step, 0); },
      "ArrowUp": function () { pan(0, -step); }, "ArrowDown": function () { pan(0, step); }
    };
    if (keys[evt.key]) { evt.preventDefault(); keys[evt.key](); }
  });
  function centreOn(id) {
    var g = gNode.get(id);
    if (!g) return;
    var b = g.getBBox();
    var m = g.getCTM(), root = svg.getCTM();
    var cx = b.x + b.width / 2, cy = b.y + b.height / 2;
    if (m && root) {
      var pt = svg.createSVGPoint(); pt.x = cx; pt.y = cy;
      pt = pt.matrixTransform(root.inverse().multiply(m));
      cx = pt.x; cy = pt.y;
    }
    // Zoomed out past reading size, come in to about eight node widths.
    var readable = Math.max(b.width * 8, home.w / 40);
    if (vb.w > readable) { vb.h = vb.h * readable / vb.w; vb.w = readable; }
    vb.x = cx - vb.w / 2; vb.y = cy - vb.h / 2;
    applyBox();
  }

  // ---- selection and the panel
  var selected = null;
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function link(id) {
    var b = el("button", id, "link");
    b.type = "button";
    b.dataset.node = id;
    return b;
  }
  function describe(id) {
    var n = data.nodes[id];
    panel.textContent = "";
    panel.scrollTop = 0;
    var h = el("h2", id);
    panel.appendChild(h);
    panel.appendChild(el("p", n.subkind + (data.theses.indexOf(id) >= 0 ? " · thesis" : ""), "kind"));
    var dl = el("dl");
    function row(k, v) {
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) return;
      dl.appendChild(el("dt", k));
      var dd = el("dd");
      if (Array.isArray(v)) dd.textContent = v.join(", ");
      else if (typeof v === "object") dd.textContent = JSON.stringify(v);
      else dd.textContent = String(v);
      dl.appendChild(dd);
    }
    ["text", "name", "quote", "para", "source", "implicit", "qualifier", "time", "voice", "stance", "speaker", "scheme", "note", "aliases", "description", "tags"].forEach(function (k) {
      if (k === "implicit" && !n[k]) return;
      row(k, n[k]);
    });
    if (data.labels[id]) row("label (" + data.semantics + ")", data.labels[id]);
    panel.appendChild(dl);
    function rels(title, list, other) {
      if (!list.length) return;
      panel.appendChild(el("h3", title));
      var ul = el("ul");
      list.forEach(function (e) {
        var li = el("li");
        li.appendChild(el("span", e[1].replace(/_/g, " ") + " ", "kind"));
        li.appendChild(link(e[other]));
        var t = data.nodes[e[other]];
        if (t) li.appendChild(el("span", " " + (t.text || t.name || "")));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    rels("Outgoing", out.get(id) || [], 2);
    rels("Incoming", inc.get(id) || [], 0);
  }
  function select(id, opts) {
    if (!data.nodes[id]) return;
    opts = opts || {};
    selected = id;
    gNode.forEach(function (g, gid) { g.classList.toggle("selected", gid === id); });
    var first = null;
    marks.forEach(function (m) {
      var on = m.dataset.nodes.split(" ").indexOf(id) >= 0;
      m.classList.toggle("selected", on);
      if (on && !first) first = m;
    });
    if (first && !opts.fromText) first.scrollIntoView({ block: "nearest" });
    describe(id);
    refresh();
    if (!opts.fromMap) centreOn(id);
  }
  map.addEventListener("click", function (evt) {
    var g = evt.target.closest("g.node");
    if (evt.target.closest("a")) evt.preventDefault();
    if (g && gNode.has(g.id)) select(g.id, { fromMap: true });
  });
  map.addEventListener("keydown", function (evt) {
    var g = evt.target.closest && evt.target.closest("g.node");
    if (g && (evt.key === "Enter" || evt.key === " ")) { evt.preventDefault(); select(g.id, { fromMap: true }); }
  });
  marks.forEach(function (m) {
    function go() { select(m.dataset.nodes.split(" ")[0], { fromText: true }); }
    m.addEventListener("click", go);
    m.addEventListener("keydown", function (evt) { if (evt.key === "Enter" || evt.key === " ") { evt.preventDefault(); go(); } });
  });
  document.addEventListener("click", function (evt) {
    var b = evt.target.closest("button.link[data-node]");
    if (b) select(b.dataset.node);
  });

  // ---- what is shown: view, focus, search
  function neighbourhood(id, depth) {
    var seen = new Set([id]), frontier = [id];
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (x) {
        (out.get(x) || []).forEach(function (e) { if (!seen.has(e[2])) { seen.add(e[2]); next.push(e[2]); } });
        (inc.get(x) || []).forEach(function (e) { if (!seen.has(e[0])) { seen.add(e[0]); next.push(e[0]); } });
      });
      frontier = next;
    }
    return seen;
  }
  // The support tree beneath a node, with what attacks each step.
  function why(id) {
    var seen = new Set([id]), stack = [id];
    while (stack.length) {
      var x = stack.pop();
      (inc.get(x) || []).forEach(function (e) {
        if (["supports", "conclusion", "premise", "attacks", "undercuts"].indexOf(e[1]) < 0) return;
        if (!seen.has(e[0])) {
          seen.add(e[0]);
          // Past an attack only a named conflict is opened: its attackers.
          var conflict = data.nodes[e[0]] && data.nodes[e[0]].subkind === "conflict";
          if ((e[1] !== "attacks" && e[1] !== "undercuts") || conflict) stack.push(e[0]);
        }
      });
    }
    return seen;
  }
  function viewSet() {
    var v = viewSel.value;
    if (v === "why") return selected ? why(selected) : null;
    if (v.indexOf("para:") === 0) {
      var p = Number(v.slice(5)), s = new Set();
      Object.keys(data.nodes).forEach(function (id) { if (data.nodes[id].para === p) s.add(id); });
      data.edges.forEach(function (e) {
        if (e[1] === "premise" && s.has(e[0])) s.add(e[2]);
        if (e[1] === "conclusion" && s.has(e[2])) s.add(e[0]);
      });
      return s;
    }
    if (v.indexOf("actor:") === 0) return neighbourhood(v.slice(6), 1);
    return null;
  }
  function refresh() {
    var shown = viewSet();
    if (focusBox.checked && selected) {
      var near = neighbourhood(selected, Number(depthSel.value));
      shown = shown ? new Set(Array.from(shown).filter(function (x) { return near.has(x); })) : near;
    }
    var q = search.value.trim().toLowerCase();
    var hits = null;
    if (q) {
      hits = new Set();
      Object.keys(data.nodes).forEach(function (id) {
        var n = data.nodes[id];
        var hay = [id, n.text, n.name, n.quote].concat(n.aliases || [], n.tags || []).join("\n").toLowerCase();
        if (hay.indexOf(q) >= 0) hits.add(id);
      });
      count.textContent = hits.size + (hits.size === 1 ? " node matches" : " nodes match");
    } else {
      count.textContent = "";
    }
    gNode.forEach(function (g, id) {
      g.classList.toggle("hidden", !!shown && !shown.has(id));
      g.classList.toggle("match", !!hits && hits.has(id));
      g.classList.toggle("dim", !!hits && !hits.has(id));
    });
    gEdges.forEach(function (e) {
      var hide = !!shown && !(shown.has(e.s) && shown.has(e.t));
      e.g.classList.toggle("hidden", hide);
      e.g.classList.toggle("dim", !!hits && !(hits.has(e.s) && hits.has(e.t)));
    });
    marks.forEach(function (m) {
      var ids = m.dataset.nodes.split(" ");
      var visible = !shown || ids.some(function (x) { return shown.has(x); });
      var matched = !hits || ids.some(function (x) { return hits.has(x); });
      m.classList.toggle("dim", !(visible && matched));
    });
  }
  search.addEventListener("input", refresh);
  viewSel.addEventListener("change", refresh);
  focusBox.addEventListener("change", refresh);
  depthSel.addEventListener("change", refresh);

  // ---- colouring by acceptability
  function colour() {
    gNode.forEach(function (g, id) {
      var shape = g.querySelector("polygon, ellipse, path");
      if (!shape) return;
      if (shape.dataset.fill === undefined) shape.dataset.fill = shape.getAttribute("fill") || "";
      var l = data.labels[id];
      shape.setAttribute("fill", byLabel && byLabel.checked && l ? LABEL_FILL[l] : shape.dataset.fill);
    });
  }
  if (byLabel) byLabel.addEventListener("change", colour);

  // ---- the first view: the whole map when its labels can be read at
  // that size; otherwise the thesis (else the first node) at reading size,
  // so that a large map does not open as an illegible speck. `0` shows
  // the whole map.
  (function firstView() {
    var r = svg.getBoundingClientRect();
    if (!r.width || !r.height || !home.w || !home.h) return;
    var fit = Math.min(r.width / home.w, r.height / home.h); // px per unit
    var LABEL = 10; // node labels' font size, in SVG units (the DOT export's)
    if (LABEL * fit >= 8) return;
    var target = null;
    (data.theses || []).forEach(function (t) { if (!target && gNode.has(t)) target = t; });
    if (!target) target = gNode.keys().next().value;
    if (!target) return;
    var perPx = LABEL / 11; // SVG units per pixel for 11 px labels
    vb.w = r.width * perPx; vb.h = r.height * perPx;
    centreOn(target);
    // Keep the view on the map: a thesis at the map's edge sits near the
    // edge of the view, with its neighbourhood filling the rest.
    if (vb.w < home.w) vb.x = Math.min(Math.max(vb.x, home.x), home.x + home.w - vb.w);
    if (vb.h < home.h) vb.y = Math.min(Math.max(vb.y, home.y), home.y + home.h - vb.h);
    applyBox();
    map.dataset.firstView = target;
  })();

  document.documentElement.setAttribute("data-ready", "1");
  window.argkbReadyMs = performance.now();
})();
