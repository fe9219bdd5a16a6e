/* HandbookQuiz.text: interface strings filled in, and numbers as readers see them. */
(function (HQ) {
  "use strict";
  if (HQ.text) return;
  var round2 = HQ.scoring.round2;

  /* "{n} of {total}" with values; an unknown {name} stays as written. */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  /* One rule for every number shown or exported: at most 2 decimals, no trailing zeros ("3.5"). */
  function number(x) { return typeof x == "number" && isFinite(x) ? round2(x) : x; }
  /* A change as "+0.5", "\u22120.5" (a true minus sign) or "0". */
  function signed(d) { d = round2(d); return d > 0 ? "+" + d : d < 0 ? "\u2212" + -d : "0"; }

  HQ.text = { fill: fill, number: number, signed: signed };
})(window.HandbookQuiz = window.HandbookQuiz || {});
