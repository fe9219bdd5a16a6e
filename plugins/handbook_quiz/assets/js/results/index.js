/* HandbookQuiz.quizIndex: on the quiz index, each quiz the reader has done (a full, finished
   attempt) says so and when, read through the same Store (and its one schema) as the quiz pages. */
(function (HQ) {
  "use strict";
  if (HQ.quizIndex) return;

  function start(root) {
    var dom = HQ.dom, L = dom.labels(root), store = new HQ.storage.Store(root.getAttribute("data-hq-store"));
    var lang = document.documentElement.lang || undefined;
    root.setAttribute("data-hq-ready", "");
    dom.all(root, "a[data-hq-quiz]").forEach(function (a) {
      var li = a.parentNode, line = dom.one(li, ".hq-ix-st");
      var done = store.read(a.getAttribute("data-hq-quiz")).attempts.filter(function (x) { return x.finished && !x.practice; });
      if (!done.length) { if (line) line.remove(); li.classList.remove("hq-ix-done"); return; }
      if (!line) { line = dom.el("span", null, "hq-ix-st"); li.insertBefore(line, a.nextSibling); }
      var date = new Date(done[done.length - 1].finished).toLocaleDateString(lang, { dateStyle: "medium" });
      line.textContent = " (" + HQ.text.fill(L.rp_done_on, { date: date }) + ")";
      li.classList.add("hq-ix-done");
    });
  }

  HQ.quizIndex = { start: start };
})(window.HandbookQuiz = window.HandbookQuiz || {});
