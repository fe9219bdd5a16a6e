/* HandbookQuiz.kinds.scale: a self-assessment statement rated on the quiz's scale (radio inputs
   whose values are the scale's numbers); reverse-keyed statements are marked data-hq-reverse. */
(function (HQ) {
  "use strict";
  if (HQ.kinds.scale) return;
  var one = HQ.dom.one, all = HQ.dom.all;

  HQ.kinds.scale = {
    id: function (box) { return box.getAttribute("data-hq-item"); },
    read: function (box) { var input = one(box, "input:checked"); return input ? +input.value : null; },
    answered: function (box) { return !!one(box, "input:checked"); },
    restore: function (box, answer) {
      all(box, "input").forEach(function (input) { input.checked = +input.value === answer; });
    },
    prepare: function () {},
    scoringItem: function (box) {
      return { id: box.getAttribute("data-hq-item"), subscale: box.getAttribute("data-hq-subscale"),
        reverse: box.hasAttribute("data-hq-reverse") };
    },
    /* Rated: the "not yet rated" mark goes. */
    answer: function (box) { box.classList.remove("hq-missing"); },
    reset: function (box) { box.classList.remove("hq-missing"); }
  };
})(window.HandbookQuiz = window.HandbookQuiz || {});
