/* HandbookQuiz.kinds: what differs between question kinds, one object per kind, one file each
   (kinds/choice.js, kinds/scale.js). The quiz controller never branches on a kind: for each
   question box (a fieldset with class hq-question or hq-item) it asks `kinds.of(box)` and calls
     id(box)                   the question's id (stored in attempts, compared as a value)
     read(box)                 the answer as stored: choice [indices], scale a number, else null
     answered(box)             whether the reader has answered it
     restore(box, answer)      show a stored answer in the inputs
     prepare(box, labels)      once, when the quiz starts (e.g. hide the answer key)
     answer(box)               the reader has just answered (e.g. clear a "not yet rated" mark)
     feedback(box, answer, labels)  show the verdict (knowledge kinds); returns true when right
     isRight(box, answer)      scoring of one question (knowledge kinds)
     checked(box), wasRight(box), wasWrong(box)  the verdict shown, if any (knowledge kinds)
     scoringItem(box)          { id, subscale, reverse } for the quiz's subscale scores (scale kinds)
     reset(box)                remove any feedback shown
   A new kind is one new file kinds/<kind>.js that sets HandbookQuiz.kinds.<kind>; the template
   marks its boxes data-hq-kind="<kind>" (without it, hq-question is "choice", hq-item "scale").
   handbook_quiz/assets.py adds every file of kinds/ to quiz.js: run `python -m handbook_quiz.assets`
   after adding or editing one (tests/unit/test_runtime_source.py fails until then). */
(function (HQ) {
  "use strict";
  if (HQ.kinds) return;
  var BOX = ".hq-question, .hq-item";

  function nameOf(box) {
    return box.getAttribute("data-hq-kind") || (box.classList.contains("hq-question") ? "choice" : "scale");
  }
  function of(box) {
    var kind = HQ.kinds[nameOf(box)];
    if (!kind || typeof kind.read !== "function") throw new Error("HandbookQuiz: no question kind " + nameOf(box));
    return kind;
  }
  /* The question boxes of a quiz, in page order. */
  function boxes(root) { return HQ.dom.all(root, BOX); }

  HQ.kinds = { BOX: BOX, nameOf: nameOf, of: of, boxes: boxes };
})(window.HandbookQuiz = window.HandbookQuiz || {});
