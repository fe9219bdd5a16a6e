/* Glossary tooltips reachable by keyboard (issue 14, point 17).
 * Material's content.tooltips shows an abbreviation's tooltip on hover and on focus, but an <abbr>
 * cannot take focus: give each one in the page content tabindex="0". Material removes the title
 * once it has mounted the tooltip, so abbreviations are found with or without it. One inside a
 * link or button is left alone: the control already takes focus, and a second stop inside it
 * would only repeat it. Runs on every page Material shows (document$, which also emits after an
 * instant navigation) and, where document$ never emits (file://, the offline build), once the
 * page has loaded. Idempotent. */
(function () {
  "use strict";
  if (window.__hqGlossaryFocus) return;
  window.__hqGlossaryFocus = true;

  function reachable() {
    var found = document.querySelectorAll(".md-content abbr");
    for (var i = 0; i < found.length; i++) {
      if (found[i].hasAttribute("tabindex") || found[i].closest("a[href], button, summary, label")) continue;
      found[i].setAttribute("tabindex", "0");
    }
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(reachable);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", reachable);
  } else {
    reachable();
  }
})();
