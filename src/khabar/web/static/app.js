// khabar: small progressive enhancement, no libraries. Hovering or focusing a
// highlighted span shows its details under the article (titles also work
// without this script). textContent only: never HTML from the page data.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var body = document.getElementById("article-body");
  var panel = document.getElementById("details");
  if (!body || !panel) { return; }
  function show(ev) {
    var el = ev.target.closest("[title]");
    if (el && body.contains(el)) { panel.textContent = el.getAttribute("title"); }
  }
  body.addEventListener("mouseover", show);
  body.addEventListener("focusin", show);
});
