// datacarto site: search over stores, fields and purposes, and the findings filters.
// Plain JavaScript, no framework, no network: the index is loaded by search-index.js.
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";
  var index = window.DATACARTO_INDEX || [];
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");

  function normalise(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var prepared = index.map(function (e) { return { e: e, text: normalise(e[0] + " " + e[1] + " " + (e[4] || "")) }; });

  function search(query) {
    var words = normalise(query).split(/\s+/).filter(Boolean);
    if (!words.length) { return []; }
    var found = [];
    for (var i = 0; i < prepared.length && found.length < 50; i++) {
      var p = prepared[i];
      if (words.every(function (w) { return p.text.indexOf(w) !== -1; })) { found.push(p.e); }
    }
    return found;
  }

  function show(results) {
    list.textContent = "";
    results.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e[3];
      a.textContent = e[0];
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = e[2] + " · " + e[1];
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
  }

  if (input && list) {
    input.addEventListener("input", function () { show(search(input.value)); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var first = list.querySelector("a");
        if (first) { window.location.href = first.href; }
      } else if (ev.key === "Escape") {
        list.hidden = true;
      }
    });
    // ?q= opens the page with a search (links from elsewhere, and the browser tests).
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) { input.value = q; show(search(q)); }
  }

  // Findings: filter the table by rule and level.
  var rule = document.getElementById("filter-rule");
  var level = document.getElementById("filter-level");
  function filter() {
    var rows = document.querySelectorAll("table.findings tbody tr");
    rows.forEach(function (tr) {
      var ok = (!rule.value || tr.getAttribute("data-rule") === rule.value) &&
               (!level.value || tr.getAttribute("data-level") === level.value);
      tr.hidden = !ok;
    });
  }
  if (rule && level) {
    rule.addEventListener("change", filter);
    level.addEventListener("change", filter);
    var params = new URLSearchParams(window.location.search);
    if (params.get("rule")) { rule.value = params.get("rule"); }
    if (params.get("level")) { level.value = params.get("level"); }
    filter();
  }

  // A link to a field inside a collapsed table opens that table (the store page lists a large
  // store's fields table by table, each section collapsed).
  function openTarget() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; } // a mangled link
    var el = id && document.getElementById(id);
    if (!el) { return; }
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      d.open = true;
    }
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
