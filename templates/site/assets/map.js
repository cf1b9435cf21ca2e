// datacarto site: the home page's interactive map. Pan (drag, arrow keys) and zoom (wheel,
// + and −, the buttons, 0 to see it whole); a store clicked or entered is focused (it, its
// flows and the stores they join stay, the rest is dimmed; Escape clears); one of its fields
// chosen lights up where its data comes from and goes, and the purposes using it are said in
// a live region; a findings toggle. Plain JavaScript, no framework, no network: it reads the
// map's SVG and the JSON the page embeds (#map-data). Manifest text only ever goes through
// textContent and setAttribute: a name is never markup.
(function () {
  "use strict";
  var view = document.getElementById("map-view");
  var svg = view && view.querySelector("svg");
  var holder = document.getElementById("map-data");
  if (!svg || !holder) { return; }
  var data;
  try { data = JSON.parse(holder.textContent); } catch (e) { return; }
  if (!data || !data.stores || !data.fields || !data.names) { return; }
  var status = document.getElementById("map-status");
  var panel = document.getElementById("map-panel");
  var tools = document.querySelector(".map-tools");
  var keys = document.querySelector(".map-keys");
  var follow = document.querySelector(".map-follow");
  var words = data.words || {};

  function say(key, values) {
    var text = words[key] || "";
    Object.keys(values || {}).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); });
    return text;
  }
  function tell(text) { if (status) { status.textContent = text; } }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  // The boxes and lines of the picture, by their data attributes (never by a selector built
  // from an id: ids are the map's text).
  // Dictionaries without a prototype: a store may be called __proto__ or constructor.
  function dict() { return Object.create(null); }
  var boxes = dict();
  svg.querySelectorAll("g.store, g.group, g.field, g.purpose").forEach(function (g) {
    boxes[g.getAttribute("data-id")] = g;
  });
  var lines = Array.prototype.map.call(svg.querySelectorAll("g.flow, g.use"), function (g) {
    return { g: g, from: g.getAttribute("data-from"), to: g.getAttribute("data-to"),
             flows: (g.getAttribute("data-flows") || "").split(" ").filter(Boolean) };
  });
  var storeIndex = dict();
  data.stores.forEach(function (s, i) { storeIndex[s[0]] = i; });
  var fieldsOf = data.stores.map(function () { return []; });
  var fieldIndex = dict();
  data.fields.forEach(function (f, i) {
    if (fieldsOf[f[0]]) { fieldsOf[f[0]].push(i); }
    fieldIndex[data.stores[f[0]][0] + "." + data.names[f[1]]] = i;
  });
  // A field's id and name are indices into data.names (each string once).
  function idOf(i) { return data.names[data.fields[i][1]]; }
  function nameOf(i) { return data.names[data.fields[i][2]]; }
  function path(i) { return data.stores[data.fields[i][0]][0] + "." + idOf(i); }
  function boxOf(store) { return data.nodes[data.stores[store][2]]; }

  view.setAttribute("tabindex", "0");
  view.setAttribute("role", "region");
  view.setAttribute("aria-label", view.getAttribute("data-label") || "");
  view.classList.add("interactive");
  if (tools) { tools.hidden = false; }
  if (keys) { keys.hidden = false; }
  if (follow) { follow.hidden = false; }

  // Pan and zoom: the viewBox moves; the picture keeps its size on the page.
  var base = svg.viewBox.baseVal;
  var home = { x: base.x, y: base.y, w: base.width, h: base.height };
  var box = { x: home.x, y: home.y, w: home.w, h: home.h };
  function apply() {
    svg.setAttribute("viewBox", [box.x, box.y, box.w, box.h].map(function (n) { return Math.round(n * 10) / 10; }).join(" "));
    view.setAttribute("data-zoom", String(Math.round(home.w / box.w * 100)));
  }
  function zoom(factor, cx, cy, announce) {
    var w = Math.min(home.w * 2, Math.max(home.w / 16, box.w / factor));
    var k = w / box.w;
    if (cx === undefined) { cx = box.x + box.w / 2; cy = box.y + box.h / 2; }
    box = { x: cx - (cx - box.x) * k, y: cy - (cy - box.y) * k, w: w, h: box.h * k };
    apply();
    if (announce) { tell(say("map_zoom", { percent: Math.round(home.w / box.w * 100) })); }
  }
  function reset(announce) {
    box = { x: home.x, y: home.y, w: home.w, h: home.h };
    apply();
    if (announce) { tell(say("map_zoom", { percent: 100 })); }
  }
  function pan(dx, dy) { box.x += dx; box.y += dy; apply(); }
  function unit() { return box.w / (svg.getBoundingClientRect().width || box.w); }

  view.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect();
    var u = unit();
    zoom(ev.deltaY < 0 ? 1.2 : 1 / 1.2, box.x + (ev.clientX - r.left) * u, box.y + (ev.clientY - r.top) * u, false);
  }, { passive: false });

  var drag = null;
  var dragged = false;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) { return; }
    drag = { x: ev.clientX, y: ev.clientY, u: unit() };
    dragged = false;
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!dragged && Math.abs(dx) + Math.abs(dy) < 4) { return; }
    dragged = true;
    view.classList.add("dragging");
    pan(-dx * drag.u, -dy * drag.u);
    drag.x = ev.clientX; drag.y = ev.clientY;
  });
  window.addEventListener("pointerup", function () { drag = null; view.classList.remove("dragging"); });
  // A drag ends with a click on whatever was under the pointer: it is not a choice.
  svg.addEventListener("click", function (ev) {
    if (dragged) { ev.stopPropagation(); ev.preventDefault(); dragged = false; }
  }, true);

  if (tools) {
    tools.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-zoom]");
      if (!b) { return; }
      var z = b.getAttribute("data-zoom");
      if (z === "in") { zoom(1.25, undefined, undefined, true); }
      else if (z === "out") { zoom(1 / 1.25, undefined, undefined, true); }
      else { reset(true); }
    });
  }

  // The findings toggle: the numbered marks and their list, shown or hidden.
  var toggle = tools && tools.querySelector(".map-findings");
  if (toggle) {
    if (!svg.querySelector("g.callout")) {
      toggle.hidden = true;
    } else {
      toggle.addEventListener("click", function () {
        var shown = toggle.getAttribute("aria-pressed") !== "true";
        toggle.setAttribute("aria-pressed", String(shown));
        svg.classList.toggle("no-findings", !shown);
        tell(say(shown ? "map_findings_shown" : "map_findings_hidden"));
      });
    }
  }

  // Focus and lineage: classes on the boxes and lines; the picture itself is not rewritten.
  function clearMarks() {
    svg.classList.remove("dim");
    svg.querySelectorAll(".on, .focus, .lit-self, .lit-up, .lit-down").forEach(function (g) {
      g.classList.remove("on", "focus", "lit-self", "lit-up", "lit-down");
    });
  }
  // The store box a keyboard user entered: Escape brings them back to it.
  var entered = null;
  // What the reader looks at, kept across `serve`'s live reload (below).
  var kept = { store: null, field: null };
  function clear() {
    kept = { store: null, field: null };
    clearMarks();
    if (panel) { panel.hidden = true; panel.textContent = ""; }
    tell(say("map_cleared"));
    if (entered && document.activeElement && panel && (panel.contains(document.activeElement) || document.activeElement === document.body)) {
      entered.focus();
    }
    entered = null;
  }

  function focusStore(store) {
    kept = { store: data.stores[store][0], field: null };
    clearMarks();
    var id = boxOf(store);
    svg.classList.add("dim");
    if (boxes[id]) { boxes[id].classList.add("on", "focus"); }
    lines.forEach(function (l) {
      if (l.from === id || l.to === id) {
        l.g.classList.add("on");
        [l.from, l.to].forEach(function (n) { if (boxes[n]) { boxes[n].classList.add("on"); } });
      }
    });
    var name = data.stores[store][1];
    tell(say("map_focused", { name: name }));
    if (!panel) { return; }
    panel.textContent = "";
    panel.hidden = false;
    panel.appendChild(el("h3", "", say("map_fields_of", { name: name })));
    var fields = fieldsOf[store];
    if (!fields.length) {
      panel.appendChild(el("p", "not-stated", say("map_no_fields")));
      return;
    }
    var list = el("ul", "map-fields");
    fields.forEach(function (i) {
      var li = el("li");
      var b = el("button", "", nameOf(i) + " ");
      b.type = "button";
      b.setAttribute("data-field", path(i));
      b.appendChild(el("code", "", idOf(i)));
      li.appendChild(b);
      list.appendChild(li);
    });
    panel.appendChild(list);
    panel.appendChild(el("div", "map-lineage"));
  }

  // Upstream: the field graph walked backwards, built once on first use.
  var before = null;
  function backwards() {
    if (before) { return before; }
    before = data.fields.map(function () { return []; });
    data.fields.forEach(function (f, i) {
      for (var k = 0; k < f[3].length; k += 2) { before[f[3][k]].push(i, f[3][k + 1]); }
    });
    return before;
  }
  function walk(start, next) {
    var seen = dict(), flows = dict(), found = [], queue = [start], head = 0;
    seen[start] = true;
    // A cursor, not shift(): a lineage of thousands of fields is walked in linear time.
    while (head < queue.length) {
      var f = queue[head++], edges = next(f);
      for (var k = 0; k < edges.length; k += 2) {
        flows[edges[k + 1]] = true;
        if (!seen[edges[k]]) { seen[edges[k]] = true; found.push(edges[k]); queue.push(edges[k]); }
      }
    }
    return { fields: found, flows: flows };
  }

  function lightField(i) {
    kept.field = path(i);
    var up = walk(i, function (f) { return backwards()[f]; });
    var down = walk(i, function (f) { return data.fields[f][3]; });
    clearMarks();
    svg.classList.add("dim");
    var lit = dict();
    function mark(f, cls) {
      var id = boxOf(data.fields[f][0]);
      lit[id] = true;
      if (boxes[id]) { boxes[id].classList.add("on", cls); }
    }
    up.fields.forEach(function (f) { mark(f, "lit-up"); });
    down.fields.forEach(function (f) { mark(f, "lit-down"); });
    mark(i, "lit-self");
    var flowIds = dict();
    Object.keys(up.flows).concat(Object.keys(down.flows)).forEach(function (k) { flowIds[data.flows[k]] = true; });
    lines.forEach(function (l) {
      if (lit[l.from] && lit[l.to] && l.flows.some(function (f) { return flowIds[f]; })) { l.g.classList.add("on"); }
    });
    var purposes = data.fields[i][4];
    var names = purposes.map(function (p) { return data.purposes[p][1]; });
    tell(say("map_lineage", { field: path(i), up: up.fields.length, down: down.fields.length }) + " " +
         (names.length ? say("map_used_by") + ": " + names.join(", ") + "." : say("map_used_by_none")));
    if (!panel) { return; }
    var where = panel.querySelector(".map-lineage");
    if (!where) {
      // Followed by name, with no store focused (the overview of a large map has no store
      // boxes to click): the panel holds the lineage alone.
      panel.textContent = "";
      where = el("div", "map-lineage");
      panel.appendChild(where);
    }
    panel.hidden = false;
    where.textContent = "";
    where.setAttribute("data-field", path(i));
    where.appendChild(el("h3", "", nameOf(i) + " (" + path(i) + ")"));
    function listOf(title, fields, none, cls) {
      where.appendChild(el("h4", "", title));
      if (!fields.length) { where.appendChild(el("p", "muted", none)); return; }
      var ul = el("ul", cls);
      fields.slice().sort(function (a, b) { return path(a) < path(b) ? -1 : 1; }).forEach(function (f) {
        var li = el("li", "", data.stores[data.fields[f][0]][1] + " › " + nameOf(f) + " ");
        li.setAttribute("data-field", path(f));
        li.appendChild(el("code", "", path(f)));
        ul.appendChild(li);
      });
      where.appendChild(ul);
    }
    listOf(say("map_comes_from"), up.fields, say("map_nothing_up"), "map-up");
    listOf(say("map_goes_to"), down.fields, say("map_nothing_down"), "map-down");
    where.appendChild(el("h4", "", say("map_used_by")));
    if (!purposes.length) { where.appendChild(el("p", "muted", say("map_used_by_none"))); return; }
    var ul = el("ul", "map-purposes");
    purposes.forEach(function (p) {
      var li = el("li");
      var a = el("a", "", data.purposes[p][1]);
      a.href = "purposes/" + encodeURIComponent(data.purposes[p][0]) + ".html";
      li.setAttribute("data-purpose", data.purposes[p][0]);
      li.appendChild(a);
      ul.appendChild(li);
    });
    where.appendChild(ul);
  }

  // From the keyboard, focus goes on to the store's first field, as a disclosure's does:
  // the fields are the next choice, and Tab would otherwise cross every other store first.
  function activate(g, byKey) {
    var id = g.getAttribute("data-id");
    if (g.classList.contains("store") && storeIndex[id] !== undefined) {
      focusStore(storeIndex[id]);
      var first = byKey && panel && panel.querySelector("button[data-field]");
      if (first) { entered = g; first.focus(); }
    }
    else if (g.classList.contains("field") && fieldIndex[id] !== undefined) { lightField(fieldIndex[id]); }
  }
  svg.addEventListener("click", function (ev) {
    var g = ev.target.closest && ev.target.closest("g[role=button]");
    if (g) { activate(g); }
  });
  if (panel) {
    panel.addEventListener("click", function (ev) {
      var b = ev.target.closest("button[data-field]");
      if (b && fieldIndex[b.getAttribute("data-field")] !== undefined) { lightField(fieldIndex[b.getAttribute("data-field")]); }
    });
  }

  // Keys: on the map (and its boxes) and on its controls; not in the panel, whose buttons
  // and links keep their own.
  function keydown(ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    var g = ev.target.closest && ev.target.closest("g[role=button]");
    var step = 0.1;
    var handled = true;
    if (g && (ev.key === "Enter" || ev.key === " ")) { activate(g, true); }
    else if (ev.target.closest && ev.target.closest("button") && (ev.key === "Enter" || ev.key === " ")) { handled = false; }
    else if (ev.key === "ArrowLeft") { pan(-box.w * step, 0); }
    else if (ev.key === "ArrowRight") { pan(box.w * step, 0); }
    else if (ev.key === "ArrowUp") { pan(0, -box.h * step); }
    else if (ev.key === "ArrowDown") { pan(0, box.h * step); }
    else if (ev.key === "+" || ev.key === "=") { zoom(1.25, undefined, undefined, true); }
    else if (ev.key === "-" || ev.key === "_") { zoom(1 / 1.25, undefined, undefined, true); }
    else if (ev.key === "0") { reset(true); }
    else { handled = false; }
    if (handled) { ev.preventDefault(); }
  }
  // A field followed by its name, store.field: on any map, the overview of a large one too.
  if (follow) {
    follow.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var input = follow.querySelector("input");
      var name = input ? input.value.trim() : "";
      if (fieldIndex[name] !== undefined) {
        if (panel) { panel.textContent = ""; }
        lightField(fieldIndex[name]);
      } else {
        tell(say("map_unknown_field", { field: name }));
      }
    });
  }
  view.addEventListener("keydown", keydown);
  if (tools) { tools.addEventListener("keydown", keydown); }
  // Escape clears from anywhere in the map's section (the map, its controls, its panel).
  var section = view.closest("section") || document;
  section.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { clear(); }
  });
  // `serve` reloads the page after every edit (live.js, which marks that reload): the room
  // keeps the zoom, the store and the field it was looking at. Any other visit starts whole.
  var KEEP = "datacarto-map:" + location.pathname;
  window.addEventListener("pagehide", function () {
    try { sessionStorage.setItem(KEEP, JSON.stringify({ box: box, store: kept.store, field: kept.field })); } catch (e) { /* storage refused: nothing kept */ }
  });
  function restore() {
    var saved = null;
    try {
      if (sessionStorage.getItem("datacarto-live-reload") !== "1") { return; }
      sessionStorage.removeItem("datacarto-live-reload");
      saved = JSON.parse(sessionStorage.getItem(KEEP) || "null");
    } catch (e) { return; }
    if (!saved || typeof saved !== "object") { return; }
    var b = saved.box;
    if (b && [b.x, b.y, b.w, b.h].every(function (n) { return typeof n === "number" && isFinite(n); }) && b.w > 0 && b.h > 0) {
      box = { x: b.x, y: b.y, w: b.w, h: b.h };
    }
    // Names that the edit removed are simply not found.
    if (typeof saved.store === "string" && storeIndex[saved.store] !== undefined) { focusStore(storeIndex[saved.store]); }
    if (typeof saved.field === "string" && fieldIndex[saved.field] !== undefined) { lightField(fieldIndex[saved.field]); }
  }
  restore();
  apply();
})();
