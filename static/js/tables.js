/* A data table wider than the screen scrolls sideways inside its .table-wrap. Such a region must be
   reachable with the keyboard (WCAG 2.1.1) and have a name: it gets tabindex="0", role="region" and the
   table's caption or the nearest heading before it as its label. Regions that already have them keep
   theirs; when the window grows wide enough again, the region leaves the tab order. */
(function () {
  "use strict";

  function labelFor(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    var node = wrap;
    while (node) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[1-6]$/.test(previous.tagName)) {
          return previous.textContent.trim();
        }
        var inner = previous.querySelectorAll("h1, h2, h3, h4, h5, h6");
        if (inner.length) {
          return inner[inner.length - 1].textContent.trim();
        }
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.title;
  }

  function update() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.dataset.regionFixed === undefined) {
        wrap.dataset.regionFixed = wrap.hasAttribute("tabindex") ? "true" : "false";
      }
      if (wrap.dataset.regionFixed === "true") {
        return;
      }
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", labelFor(wrap));
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }

  update();
  window.addEventListener("resize", update);
  document.body.addEventListener("htmx:afterSettle", update);
})();
