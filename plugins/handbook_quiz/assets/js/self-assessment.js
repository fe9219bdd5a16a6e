/* Self-assessments (HandbookQuiz.quiz.Quiz.types["self-assessment"]): the perspective, scoring
   by subscale with bands, the results, and two perspectives compared through share codes. */
(function (HQ) {
  "use strict";
  var Quiz = HQ.quiz.Quiz, Q = Quiz.prototype;
  if (Quiz.types["self-assessment"]) return;
  var dom = HQ.dom, one = dom.one, all = dom.all, el = dom.el, fill = HQ.text.fill, kinds = HQ.kinds;
  var round2 = HQ.scoring.round2, render = HQ.render;

  Quiz.types["self-assessment"] = {
    start: function () {},
    restoring: function (quiz, attempt) {
      if (one(quiz.root, ".hq-perspective")) quiz.choosePerspective(attempt ? attempt.perspective : null, false);
    },
    restored: function (quiz, attempt) { if (attempt.finished) quiz.showSelfResults(attempt, false); },
    reveal: function (quiz, attempt) {
      var code = one(quiz.root, ".hq-code");
      if (code && attempt.perspective) code.value = HQ.shareCode.encode(quiz.codeQuiz(), attempt);
    },
    reset: function (quiz) { if (one(quiz.root, ".hq-perspective")) quiz.choosePerspective(null, false); }
  };
  Quiz.actions["hq-score"] = function (quiz) { quiz.score(); };
  Quiz.actions["hq-copy"] = function (quiz) { quiz.copyCode(); };
  Quiz.actions["hq-compare"] = function (quiz) { quiz.compare(); };

  /* The quiz's scale and scoring rule, from its data attributes. */
  Q.scale = function () {
    var root = this.root;
    return { min: +root.getAttribute("data-hq-min"), max: +root.getAttribute("data-hq-max"),
      method: root.getAttribute("data-hq-method") === "sum" ? "sum" : "mean" };
  };

  Q.choosePerspective = function (key, save) {
    var chosen = false;
    all(this.root, "[data-hq-perspective]").forEach(function (node) {
      node.hidden = node.getAttribute("data-hq-perspective") !== key;
    });
    all(this.root, ".hq-item, .hq-score").forEach(function (node) { node.hidden = !key; });
    all(this.root, ".hq-perspective input").forEach(function (i) { if (i.value === key) { i.checked = true; chosen = true; } });
    this.perspective = chosen ? key : null;
    if (save && chosen) { this.current().perspective = key; this.save(); }
  };

  Q.score = function () {
    var L = this.L, items = kinds.boxes(this.root);
    if (one(this.root, ".hq-perspective") && !this.perspective) {
      this.say(L.perspective_first);
      one(this.root, ".hq-perspective input").focus();
      return;
    }
    var open = items.filter(function (item) { return !kinds.of(item).answered(item); });
    items.forEach(function (item) { item.classList.toggle("hq-missing", open.indexOf(item) >= 0); });
    if (open.length) {
      this.say(fill(L.unrated, { n: open.length, first: items.indexOf(open[0]) + 1 }));
      this.ask(open[0], L.choose_first);
      return;
    }
    var attempt = this.current();
    items.forEach(function (item) { var kind = kinds.of(item); attempt.answers[kind.id(item)] = kind.read(item); });
    attempt.scores = this.compute(attempt.answers);
    attempt.finished = new Date().toISOString();
    this.save();
    this.showSelfResults(attempt, true);
  };

  /* The bands the plugin rendered (hidden), as scoring.bandFor reads them. */
  Q.bands = function () {
    return all(this.root, ".hq-band").map(function (node) {
      return { scope: node.getAttribute("data-hq-scope"), from: +node.getAttribute("data-hq-from"),
        label: node.getAttribute("data-hq-label"), node: node };
    });
  };
  Q.band = function (scope, score) { return HQ.scoring.bandFor(scope, score, this.scale().method, this.bands()); };

  /* Scores as stored: { id, title, score, exact, band }, overall first. */
  Q.compute = function (answers) {
    var scale = this.scale(), self = this;
    scale.items = kinds.boxes(this.root).map(function (box) { return kinds.of(box).scoringItem(box); });
    return HQ.scoring.scaleScores(scale, answers).map(function (s) {
      var band = self.band(s.id, s.exact);
      return { id: s.id, title: self.subscaleTitle(s.id), score: s.score, exact: s.exact, band: band ? band.label : null };
    });
  };

  Q.subscaleTitle = function (id) {
    if (!id) return this.L.overall;
    var node = dom.withAttr(all(this.root, ".hq-subscale"), "data-hq-subscale", id)[0];
    if (!node) return id;
    return (this.perspective && node.getAttribute("data-hq-title-" + this.perspective)) || node.getAttribute("data-hq-title");
  };

  Q.showSelfResults = function (attempt, announce) {
    var L = this.L, self = this, scale = this.scale(), sum = scale.method === "sum", spoken = [];
    dom.clear(this.summary);
    var caption = sum ? "" : fill(L.range, { min: scale.min, max: scale.max });
    var ordered = render.overallLast(attempt.scores);
    var rows = ordered.map(function (s) {
      spoken.push(s.title + ": " + round2(s.score) + (s.band ? " (" + s.band + ")" : ""));
      return [s.title, round2(s.score), s.band || "\u2013"];
    });
    this.summary.appendChild(dom.table(caption, [L.subscale, L.score_col, L.band_col], rows));
    this.summary.appendChild(render.bars(ordered, scale.min, scale.max, sum));
    var texts = el("div", null, "hq-band-results");
    ordered.forEach(function (s) {
      var band = self.band(s.id, s.exact === undefined ? s.score : s.exact);
      if (band) texts.appendChild(render.bandText(band.node, s.title, s.band));
    });
    this.summary.appendChild(texts);
    this.reveal(attempt, announce ? spoken.join(". ") : null);
  };

  /* ---------- two perspectives: share codes (sharecode.js) ---------- */
  Q.codeQuiz = function () {
    var scale = this.scale();
    return { quizId: this.id, hash: this.hash, min: scale.min, max: scale.max,
      perspectives: all(this.root, ".hq-perspective input").map(function (i) { return i.value; }),
      items: kinds.boxes(this.root).map(function (box) { return kinds.of(box).id(box); }) };
  };
  Q.copyCode = function () {
    var code = one(this.root, ".hq-code"), self = this;
    code.select();
    if (navigator.clipboard) navigator.clipboard.writeText(code.value).then(function () { self.say(self.L.copied); }, function () {});
  };
  Q.compare = function () {
    var L = this.L, out = one(this.root, ".hq-comparison"), mine = this.lastFinished();
    var theirs = HQ.shareCode.decode(this.codeQuiz(), one(this.root, ".hq-paste").value, this.perspective);
    dom.clear(out);
    if (theirs.error || !mine) {
      var message = out.appendChild(el("p", theirs.error ? L[theirs.error] : L.perspective_first, "hq-code-error"));
      message.setAttribute("role", "alert");
      return;
    }
    var other = this.compute(theirs.answers);
    /* Means: the difference said in words, which way it goes, not as a bare signed number. */
    var scoreRows = render.overallLast(mine.scores).map(function (s) {
      var o = other.filter(function (x) { return x.id === s.id; })[0], d = round2(o.score - s.score);
      return [s.title, round2(s.score), round2(o.score),
        d > 0 ? fill(L.score_higher, { n: d }) : d < 0 ? fill(L.score_lower, { n: -d }) : L.score_same];
    });
    out.appendChild(dom.table(L.compare_hint, [L.subscale, L.you, L.them, L.difference], scoreRows));
    /* Statements: the answer each person chose (label and value), then the values the means use
       (a reverse-keyed statement counts max + min - answer), then the difference in words. */
    var scale = this.scale();
    var items = kinds.boxes(this.root).map(function (item) {
      var scored = kinds.of(item).scoringItem(item), id = scored.id, legend = one(item, "legend").cloneNode(true);
      all(legend, "[hidden], .hq-number").forEach(function (n) { n.parentNode.removeChild(n); });
      var a = mine.answers[id], b = theirs.answers[id], d = b - a;
      var named = function (v) {
        var input = all(item, "input").filter(function (i) { return +i.value === v; })[0];
        var label = input && input.labels && input.labels[0];
        return (label ? label.textContent.trim() + " " : "") + "(" + v + ")";
      };
      var words = !d ? L.diff_same : fill(L[(d > 0 ? "diff_higher" : "diff_lower") + (Math.abs(d) === 1 ? "_one" : "")], { n: Math.abs(d) });
      var values = scored.reverse ? (scale.min + scale.max - a) + " / " + (scale.min + scale.max - b) : a + " / " + b;
      return { id: id, size: Math.abs(d), cells: [legend.textContent.trim(), named(a), named(b), values, words] };
    });
    items.sort(function (x, y) { return y.size - x.size; });
    var table = out.appendChild(dom.table(L.compare_caption, [L.statement, L.you_chose, L.they_chose, L.scored_pair, L.difference],
      items.map(function (r) { return r.cells; })));
    all(table, "tbody tr").forEach(function (tr, i) { tr.setAttribute("data-hq-item", items[i].id); });
    out.focus();
  };
})(window.HandbookQuiz = window.HandbookQuiz || {});
