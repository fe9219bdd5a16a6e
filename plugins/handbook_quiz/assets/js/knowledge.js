/* Knowledge checks (HandbookQuiz.quiz.Quiz.types.knowledge): check one question or all at the
   end, the score, practice on the questions missed, and the shuffled order of the choices. */
(function (HQ) {
  "use strict";
  var Quiz = HQ.quiz.Quiz, Q = Quiz.prototype;
  if (Quiz.types.knowledge) return;
  var dom = HQ.dom, one = dom.one, all = dom.all, el = dom.el, fill = HQ.text.fill, kinds = HQ.kinds, schema = HQ.schema;

  Quiz.types.knowledge = {
    start: function (quiz) {
      quiz.shuffled = quiz.root.hasAttribute("data-hq-shuffle");
      if (!quiz.shuffled) return;
      var list = quiz.state.attempts, last = list[list.length - 1];
      quiz.arrange(last && last.hash === quiz.hash && last.order ? last.order : quiz.draw());
    },
    restoring: function (quiz, attempt) { if (attempt && attempt.only) quiz.showOnly(attempt.only); },
    restored: function (quiz, attempt, boxes) {
      attempt.checked.forEach(function (qid) {
        if (schema.has(boxes, qid)) kinds.of(boxes[qid]).feedback(boxes[qid], attempt.answers[qid] || [], quiz.L);
      });
      if (attempt.finished) quiz.showKnowledgeResults(attempt, false);
    },
    reveal: function () {},
    reset: function (quiz) { quiz.showOnly(null); }
  };
  Quiz.actions["hq-check"] = function (quiz, button) { quiz.checkQuestion(button.closest(kinds.BOX), true); };
  Quiz.actions["hq-check-all"] = function (quiz) { quiz.checkAll(); };
  Quiz.actions["hq-practise"] = function (quiz) { quiz.practise(); };

  Q.checkQuestion = function (box, announce) {
    var kind = kinds.of(box), chosen = kind.read(box);
    if (!chosen.length) {
      if (announce) this.ask(box, this.L.choose_first);
      return null;
    }
    var attempt = this.current(), qid = kind.id(box);
    attempt.answers[qid] = chosen;
    if (attempt.checked.indexOf(qid) < 0) attempt.checked.push(qid);
    var right = kind.feedback(box, chosen, this.L);
    this.save();
    if (announce) {
      var verdict = one(box, ".hq-verdict");
      this.progress(false);
      if (this.finishIfDone(attempt)) return right;
      this.say(verdict.textContent + " " + this.progressText() + ".", true);
      verdict.focus();
    }
    return right;
  };

  Q.checkAll = function () {
    var self = this, questions = this.questions();
    var open = questions.filter(function (box) { return !kinds.of(box).answered(box); });
    if (open.length) {
      this.say(fill(this.L.unanswered, { n: open.length }));
      this.ask(open[0], this.L.choose_first);
      return;
    }
    var attempt = this.current();
    questions.forEach(function (box) { self.checkQuestion(box, false); });
    this.finishIfDone(attempt);
  };

  Q.finishIfDone = function (attempt) {
    var shown = this.questions(), total = shown.length;
    if (attempt.checked.length < total) return false;
    var right = shown.filter(function (box) { return kinds.of(box).wasRight(box); }).length;
    var pass = this.root.getAttribute("data-hq-pass");
    attempt.score = HQ.scoring.knowledgeScore(right, total, pass === null ? null : +pass, attempt.practice);
    attempt.finished = new Date().toISOString();
    this.save();
    this.showKnowledgeResults(attempt, true);
    return true;
  };

  Q.missed = function () {
    return this.questions().filter(function (box) { return kinds.of(box).wasWrong(box); });
  };

  Q.showKnowledgeResults = function (attempt, announce) {
    var L = this.L, s = attempt.score, pass = this.root.getAttribute("data-hq-pass"), summary = this.summary;
    dom.clear(summary);
    var line = fill(L.score, { right: s.right, total: s.total });
    summary.appendChild(el("p", line, "hq-score-line"));
    var passText = "";
    if (attempt.practice) {
      passText = L.practice_done;
      summary.appendChild(el("p", passText, "hq-practice-note"));
    } else if (pass !== null) {
      passText = fill(s.passed ? L.passed : L.not_passed, { pass: Math.round(+pass * 100) + "%" });
      summary.appendChild(el("p", passText));
    }
    var practise = one(this.root, ".hq-practise");
    if (practise) practise.hidden = !this.missed().length;
    this.reveal(attempt, announce ? line + ". " + passText : null);
  };

  /* ---------- practice: a new attempt with just the questions missed in this one ----------
     Recorded with `practice: true` and `only` (their ids): My results shows it, but it is not a
     full attempt, so it counts in no progress and no score. It reuses nothing of an attempt made
     on another version (the finished attempt here always has this page's content hash). */
  Q.practise = function () {
    if (!this.lastFinished()) return;
    var missed = this.missed().map(function (box) { return kinds.of(box).id(box); });
    if (!missed.length) return;
    if (this.shuffled) this.arrange(this.draw());
    var attempt = this.current();
    attempt.practice = true;
    attempt.only = missed;
    this.save();
    this.reset(true);
    this.showOnly(missed);
    this.progress(false);
    one(this.questions()[0], "input, select, textarea, button").focus();
    this.say(fill(this.L.practice_start, { n: missed.length }));
  };
  Q.showOnly = function (ids) {
    all(this.root, ".hq-question").forEach(function (q) { q.hidden = !!ids && ids.indexOf(q.getAttribute("data-hq-qid")) < 0; });
  };

  /* ---------- shuffling: one order per attempt, stored in it as `order` ----------
     `order` maps a question id to its choices' source indices in the order shown; answers stay
     source indices (the inputs' values), so scoring and exports do not depend on it. Only
     questions with a list of choices (.hq-choices) are shuffled. */
  function shuffleable(root) {
    return all(root, ".hq-question").filter(function (q) { return !!one(q, ".hq-choices"); });
  }
  Q.draw = function () {
    var order = {};
    shuffleable(this.root).forEach(function (q) {
      var list = all(q, ".hq-option").map(function (o, i) { return i; });
      for (var i = list.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t;
      }
      order[q.getAttribute("data-hq-qid")] = list;
    });
    return order;
  };
  Q.arrange = function (order) {
    var shown = this.shown = {};
    shuffleable(this.root).forEach(function (q) {
      var box = one(q, ".hq-choices"), options = all(box, ".hq-option"), qid = q.getAttribute("data-hq-qid"), byIndex = [];
      options.forEach(function (o) { byIndex[+o.getAttribute("data-hq-choice")] = o; });
      var want = schema.has(order, qid) ? order[qid] : null;
      var ok = Array.isArray(want) && want.length === options.length && schema.distinct(want) &&
        want.every(function (i) { return schema.isInt(i, 0, options.length - 1) && byIndex[i]; });
      var sourceOrder = byIndex.map(function (o, i) { return i; });
      (ok ? want : sourceOrder).forEach(function (i) { box.appendChild(byIndex[i]); });
      shown[qid] = ok ? want.slice() : sourceOrder;
    });
  };
})(window.HandbookQuiz = window.HandbookQuiz || {});
