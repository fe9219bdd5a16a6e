/* HandbookQuiz.render: a self-assessment's results as readers see them: the score table, the bar
   chart (hidden from screen readers: the table says the same) and the text of each band reached. */
(function (HQ) {
  "use strict";
  if (HQ.render) return;
  var dom = HQ.dom, el = dom.el, one = dom.one, round2 = HQ.scoring.round2;

  /* Subscales first, the overall score last (scores are stored overall first). */
  function overallLast(scores) { return scores.slice(1).concat(scores.slice(0, 1)); }

  /* One bar per score: the share of the scale (mean), or of the overall score (sum). */
  function bars(scores, min, max, sum) {
    var chart = el("div", null, "hq-bars");
    chart.setAttribute("aria-hidden", "true");
    scores.forEach(function (s) {
      var fraction = sum ? s.score / (scores[scores.length - 1].score || 1) : (s.score - min) / (max - min);
      var row = el("div", null, "hq-bar");
      row.appendChild(el("span", s.title, "hq-bar-label"));
      var track = row.appendChild(el("span", null, "hq-bar-track")), bar = track.appendChild(el("span", null, "hq-bar-fill"));
      bar.style.width = Math.max(2, Math.round(fraction * 100)) + "%";
      row.appendChild(el("span", round2(s.score), "hq-bar-value"));
      chart.appendChild(row);
    });
    return chart;
  }

  /* A copy of the band's text (rendered by the plugin, hidden), headed "Subscale: band". */
  function bandText(bandNode, title, band) {
    var copy = bandNode.cloneNode(true);
    copy.className = "hq-band-shown";
    var label = one(copy, ".hq-band-label strong");
    if (label) label.textContent = title + ": " + band;
    return copy;
  }

  HQ.render = { overallLast: overallLast, bars: bars, bandText: bandText };
})(window.HandbookQuiz = window.HandbookQuiz || {});
