// datacarto serve: reload this page when the map is rebuilt; show what cannot be read.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = Number(me && me.getAttribute("data-generation"));
  var box = null;
  function overlay(lines) {
    if (box) { box.remove(); box = null; }
    if (!lines.length) { return; }
    box = document.createElement("div");
    box.id = "datacarto-live-problems";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:9999;" +
      "background:#fff;color:#1a1a1a;border:3px solid #c62828;padding:1rem;" +
      "font:14px/1.4 monospace;max-height:50vh;overflow:auto;box-shadow:0 2px 12px #0004";
    var title = document.createElement("strong");
    // The page says its language (`<html lang>`): the box speaks it too.
    title.textContent = document.documentElement.lang === "fr"
      ? "La cartographie ne peut pas être lue ; ces pages sont celles de la dernière construction qui l'a pu :"
      : "The map cannot be read; these pages are from the last build that could:";
    box.appendChild(title);
    var list = document.createElement("ul");
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  var events = new EventSource("/__datacarto/events");
  events.addEventListener("build", function (e) {
    var build = JSON.parse(e.data);
    if (build.blocking.length) {
      overlay(build.blocking);
    } else if (build.generation > shown) {
      // Told to the interactive map, which then keeps its zoom and focus (map.js).
      try { sessionStorage.setItem("datacarto-live-reload", "1"); } catch (err) { /* none kept */ }
      location.reload();
    } else {
      overlay([]);
    }
  });
})();
