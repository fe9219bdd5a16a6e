/* HandbookQuiz.resultsProfile: the alliance profile on My results, as bars (an SVG with role=img,
   named by its title and desc) and a table, each chapter's own self-assessment beside it: the
   plugin marks that quiz's catalog entry with data-hq-profile-area="<the profile's subscale id>". */
(function (HQ) {
  "use strict";
  if (HQ.resultsProfile) return;
  var SVG = "http://www.w3.org/2000/svg";

  function svg(parent, tag, attrs, text) {
    var node = parent.appendChild(document.createElementNS(SVG, tag));
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  /* Where a score lies on a quiz's scale, from 0 to 1. */
  function share(score, quiz) { return Math.max(0, Math.min(1, (score - quiz.min) / (quiz.max - quiz.min || 1))); }

  /* Draw into `body` the latest attempt `attempt` of the profile quiz `profile` (catalog entries:
     { title, min, max, sum, ... }). `chapterFor(area)` is the catalog entry of the chapter
     self-assessment beside a profile subscale, `latest(entry)` its last finished attempt, `title`
     the line above the chart, `width` the room there. */
  function draw(body, profile, attempt, opts) {
    var dom = HQ.dom, fill = HQ.text.fill, number = HQ.text.number, L = opts.labels;
    var rows = attempt.scores.slice(1).map(function (s) {
      var chapter = opts.chapterFor(s.id), last = chapter && opts.latest(chapter);
      return { score: s, chapterScore: last && !chapter.sum && last.scores[0], chapter: chapter };
    });
    var W = Math.max(300, Math.min(600, opts.width || 600)), w = W - 24, height = rows.length * 50;
    var chart = svg(body, "svg", { viewBox: "0 0 " + W + " " + (height + 28), role: "img", "class": "hq-rp-chart",
      "aria-labelledby": "hq-rp-chart-t hq-rp-chart-d" });
    svg(chart, "title", { id: "hq-rp-chart-t" }, opts.title);
    svg(chart, "desc", { id: "hq-rp-chart-d" }, fill(L.rp_chart_desc, profile));
    for (var t = profile.min; t <= profile.max; t++) {
      var x = 12 + w * share(t, profile);
      svg(chart, "line", { x1: x, x2: x, y2: height + 4, "class": "hq-rp-grid" });
      svg(chart, "text", { x: x, y: height + 22, "text-anchor": "middle" }, t);
    }
    rows.forEach(function (r, i) {
      svg(chart, "text", { x: 12, y: i * 50 + 17 }, r.score.title + ": " + number(r.score.score) +
        (r.chapterScore ? " (" + L.rp_chapter_short + ": " + number(r.chapterScore.score) + ")" : ""));
      svg(chart, "rect", { x: 12, y: i * 50 + 24, height: 14, width: Math.max(2, w * share(r.score.score, profile)), "class": "hq-rp-bar" });
      if (r.chapterScore) {
        svg(chart, "rect", { x: 12, y: i * 50 + 40, height: 5, width: Math.max(2, w * share(r.chapterScore.score, r.chapter)),
          "class": "hq-rp-bar2" });
      }
    });
    dom.add(body, "p", L.rp_legend, "hq-rp-legend");
    body.appendChild(dom.table(fill(L.range, profile), [L.subscale, L.rp_profile_col, L.band_col, L.rp_chapter_col],
      rows.concat({ score: attempt.scores[0] }).map(function (r) {
        return [r.score.title, number(r.score.score), r.score.band || "\u2013", r.chapterScore ? number(r.chapterScore.score) : "\u2013"];
      })));
  }

  HQ.resultsProfile = { draw: draw };
})(window.HandbookQuiz = window.HandbookQuiz || {});
