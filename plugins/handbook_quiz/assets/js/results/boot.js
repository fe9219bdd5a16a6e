/* Starts My results and the quiz index, and again after each instant navigation. They use the
   modules of quiz.js (storage, schema, DOM): after an instant navigation this file may run before
   quiz.js has loaded, and then waits for it. */
(function start(HQ) {
  "use strict";
  if (HQ.resultsBooted) { HQ.resultsBooted(); return; }
  if (!HQ.storage) {
    var quizJs = document.querySelector('script[src$="quiz.js"]');
    if (quizJs) quizJs.addEventListener("load", function () { start(window.HandbookQuiz); });
    return;
  }
  function init() {
    HQ.dom.all(document, ".hq-rp:not([data-hq-ready])").forEach(HQ.resultsPage.start);
    HQ.dom.all(document, ".hq-index:not([data-hq-ready])").forEach(HQ.quizIndex.start);
  }
  HQ.resultsBooted = init;
  function boot() {
    init();
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  }
  if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.HandbookQuiz = window.HandbookQuiz || {});
