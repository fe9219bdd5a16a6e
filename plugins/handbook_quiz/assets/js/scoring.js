/* HandbookQuiz.scoring: the scores readers see, computed in the browser (answers never leave it).
   Pure functions of plain data, no DOM: handbook_quiz/scoring.py is the same rules in Python, and
   tests/scoring_cases.json runs one table of cases against both. */
(function (HQ) {
  "use strict";
  if (HQ.scoring) return; /* already loaded: instant navigation may run the file again */

  /* Half away from zero at 2 decimals, on the decimal value as written (2.675 -> 2.68). */
  function round2(x) { return Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9) / 100; }

  /* A question is right only when the chosen set is exactly the correct set. */
  function isRight(chosen, correct) {
    return chosen.length === correct.length && chosen.every(function (c) { return correct.indexOf(c) >= 0; });
  }

  /* An attempt's score: `passed` only when the quiz has a pass mark and the attempt is not practice. */
  function knowledgeScore(right, total, passMark, practice) {
    var score = { right: right, total: total };
    if (passMark !== null && passMark !== undefined && !practice) score.passed = right / total >= passMark;
    return score;
  }

  /* Overall ("") first, then each subscale in the order its first statement comes. `scale` is
     { min, max, method: "mean"|"sum", items: [{ id, subscale, reverse }] }; a reverse-keyed
     statement counts min + max - answer. Returns [{ id, exact, score }], score = round2(exact). */
  function scaleScores(scale, answers) {
    var groups = { "": [] }, order = [""];
    scale.items.forEach(function (item) {
      var value = answers[item.id];
      if (item.reverse) value = scale.min + scale.max - value;
      groups[""].push(value);
      if (item.subscale) {
        if (!groups[item.subscale]) { groups[item.subscale] = []; order.push(item.subscale); }
        groups[item.subscale].push(value);
      }
    });
    return order.map(function (id) {
      var values = groups[id], total = values.reduce(function (a, b) { return a + b; }, 0);
      var exact = scale.method === "sum" ? total : total / values.length;
      return { id: id, exact: exact, score: round2(exact) };
    });
  }

  /* The band an exact score falls in: the last whose `from` it reaches, among the subscale's own
     bands, else (with a mean only) the quiz-level ones (scope ""). `bands`: [{ scope, from, ... }]. */
  function bandFor(scope, score, method, bands) {
    var own = bands.filter(function (b) { return b.scope === scope; });
    if (!own.length && scope && method !== "sum") own = bands.filter(function (b) { return b.scope === ""; });
    var found = null;
    own.forEach(function (b) { if (score >= b.from) found = b; });
    return found;
  }

  HQ.scoring = { round2: round2, isRight: isRight, knowledgeScore: knowledgeScore, scaleScores: scaleScores,
    bandFor: bandFor };
})(window.HandbookQuiz = window.HandbookQuiz || {});
