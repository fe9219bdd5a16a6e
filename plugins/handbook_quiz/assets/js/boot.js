/* Starts every quiz on the page, and again after each of Material's instant navigations. Run a
   second time (instant navigation loads the script again), it only starts the new page's quizzes. */
(function (HQ) {
  "use strict";
  if (HQ.quizBooted) { HQ.quiz.init(document); return; }
  HQ.quizBooted = true;
  function boot() {
    HQ.quiz.init(document);
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { HQ.quiz.init(document); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.HandbookQuiz = window.HandbookQuiz || {});
