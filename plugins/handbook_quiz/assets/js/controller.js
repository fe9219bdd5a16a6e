/* HandbookQuiz.quiz: one quiz on a page, from its markup (quiz.html.jinja) to its stored attempts.
   This file holds what every quiz does: start, answers, progress, messages, restore, retry, reset.
   knowledge.js, self-assessment.js and consent.js add what knowledge checks, self-assessments and
   the storage choice do; what differs by question kind is in kinds/ (see kinds.js).
   Loaded at the end of each page with a quiz, so it also runs after Material's instant
   navigation; `init` is idempotent. */
(function (HQ) {
  "use strict";
  if (HQ.quiz) return;
  var dom = HQ.dom, one = dom.one, all = dom.all, el = dom.el, fill = HQ.text.fill, kinds = HQ.kinds;
  var INPUT = "input, select, textarea, button"; /* what a question's answer is given with */

  function Quiz(root) {
    this.root = root;
    this.form = one(root, ".hq-form");
    this.status = one(root, ".hq-status");
    this.results = one(root, ".hq-results");
    this.summary = one(root, ".hq-summary");
    this.L = dom.labels(one(document, ".hq-labels"));
    this.id = root.getAttribute("data-hq-quiz");
    this.hash = root.getAttribute("data-hq-hash");
    this.store = new HQ.storage.Store(root.getAttribute("data-hq-store"));
    this.knowledge = root.getAttribute("data-hq-type") === "knowledge";
    this.type = Quiz.types[root.getAttribute("data-hq-type")];
    this.info = HQ.schema.quizInfo(root);
    this.state = this.store.read(this.id, this.info);
    if (!this.store.area()) this.say(this.L.storage_off);
    if (this.state.skipped) this.notice(fill(this.L.set_aside, { n: this.state.skipped }));
    var last = this.state.attempts[this.state.attempts.length - 1];
    if (last && last.hash !== this.hash) this.notice(this.L.older_attempts);
  }
  var Q = Quiz.prototype;

  /* What a quiz type adds at each step, set by knowledge.js and self-assessment.js:
     start(quiz), restoring(quiz, attempt or null), restored(quiz, attempt, boxes by id),
     reveal(quiz, attempt), reset(quiz). */
  Quiz.types = Object.create(null);
  /* Button class -> what it does; knowledge.js, self-assessment.js and consent.js add theirs. */
  Quiz.actions = {
    "hq-retry": function (quiz) { quiz.retry(); }
  };

  Q.start = function () {
    var self = this, L = this.L;
    this.type.start(this);
    this.progressLine = one(this.root, ".hq-progress");
    kinds.boxes(this.root).forEach(function (box) { kinds.of(box).prepare(box, L); });
    this.root.classList.add("hq-js");
    this.form.addEventListener("change", function (event) { self.onChange(event.target); });
    this.root.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button");
      if (!button || !self.root.contains(button)) return;
      for (var cls in Quiz.actions) {
        if (button.classList.contains(cls)) { Quiz.actions[cls](self, button); return; }
      }
    });
    all(this.root, "textarea[data-hq-reflection]").forEach(function (box) {
      box.addEventListener("input", function () {
        var attempt = self.lastFinished();
        if (!attempt) return;
        attempt.reflection = attempt.reflection || [];
        attempt.reflection[+box.getAttribute("data-hq-reflection")] = box.value;
        self.save();
      });
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.showMode();
    this.restore();
    this.progress(false);
  };

  /* A lasting note above the questions (data set aside, attempts on an older version). */
  Q.notice = function (text) { this.root.insertBefore(el("p", text, "hq-notice"), this.form); };

  Q.say = function (text, quiet) { dom.announce(this.status, text, quiet); };

  /* The boxes of this quiz's questions or statements by their id: stored ids are looked up here and
     compared as values, never put into a selector. */
  Q.boxes = function () {
    var map = Object.create(null);
    kinds.boxes(this.root).forEach(function (box) { map[kinds.of(box).id(box)] = box; });
    return map;
  };
  /* The questions of this attempt: all of them, or in practice only those it is about. */
  Q.questions = function () {
    var knowledge = this.knowledge;
    return kinds.boxes(this.root).filter(function (box) { return !knowledge || !box.hidden; });
  };

  /* The attempt in progress on this version, or a new one. */
  Q.current = function () {
    var list = this.state.attempts, last = list[list.length - 1];
    if (last && last.hash === this.hash && !last.finished) return last;
    var attempt = { v: HQ.schema.VERSION, quiz: this.id, title: this.root.getAttribute("data-hq-title"),
      type: this.knowledge ? "knowledge" : "self-assessment", hash: this.hash,
      started: new Date().toISOString(), finished: null, answers: {}, reflection: [] };
    if (this.knowledge) attempt.checked = [];
    if (this.shuffled) attempt.order = JSON.parse(JSON.stringify(this.shown));
    list.push(attempt);
    return attempt;
  };
  Q.save = function () { this.store.write(this.id, this.state.attempts); };
  Q.lastFinished = function () {
    var list = this.state.attempts, last = list[list.length - 1];
    return last && last.finished && last.hash === this.hash ? last : null;
  };

  /* ---------- progress: "4 of 10 answered", said politely after a pause, not on every click ---------- */
  Q.immediate = function () { return this.root.getAttribute("data-hq-feedback") !== "end"; };
  Q.answered = function () {
    var checkedCounts = this.knowledge && this.immediate(), boxes = this.questions();
    var n = boxes.filter(function (box) {
      var kind = kinds.of(box);
      return checkedCounts ? kind.checked(box) : kind.answered(box);
    }).length;
    return [n, boxes.length];
  };
  Q.progressText = function () {
    var c = this.answered();
    return fill(this.L.progress, { n: c[0], total: c[1] });
  };
  /* Update the line; `announce` says it in the live region once the reader pauses (1.5 s). */
  Q.progress = function (announce) {
    if (!this.progressLine) return;
    var text = this.progressText(), self = this;
    this.progressLine.textContent = text;
    window.clearTimeout(this.progressTimer);
    if (!announce) { this.progressSaid = text; return; }
    this.progressTimer = window.setTimeout(function () {
      if (self.progressSaid === text || !self.results.hidden) return;
      self.progressSaid = text;
      self.say(text + ".", true);
    }, 1500);
  };

  Q.onChange = function (input) {
    if (input.name && input.name.slice(-12) === "-perspective") { this.choosePerspective(input.value, true); return; }
    var attempt = this.current(), box = input.closest(kinds.BOX);
    if (!box) return;
    var kind = kinds.of(box);
    this.unask(box);
    attempt.answers[kind.id(box)] = kind.read(box);
    kind.answer(box);
    this.save();
    this.progress(!this.knowledge || !this.immediate());
  };

  /* A message at the question itself (Check with nothing chosen), tied to its inputs by
     aria-describedby, so it is read with the input that gets the focus. */
  Q.ask = function (box, text) {
    var msg = one(box, ".hq-ask"), id = box.id + "-ask";
    if (!msg) {
      msg = el("p", null, "hq-ask");
      msg.id = id;
      var after = one(box, ".hq-choices, .hq-scale"); /* else (another kind's markup) at the end */
      if (after) after.parentNode.insertBefore(msg, after.nextSibling);
      else box.appendChild(msg);
    }
    msg.textContent = text;
    msg.hidden = false;
    all(box, "input").forEach(function (input) {
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
      input.setAttribute("aria-describedby", ids.concat(id).join(" "));
    });
    one(box, INPUT).focus();
  };
  Q.unask = function (box) {
    var msg = one(box, ".hq-ask");
    if (!msg || msg.hidden) return;
    msg.hidden = true;
    all(box, "input").forEach(function (input) {
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== msg.id; });
      if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
    });
  };

  /* ---------- results shown, restore, retry ---------- */
  Q.reveal = function (attempt, announcement) {
    this.results.hidden = false;
    all(this.root, "textarea[data-hq-reflection]").forEach(function (box) {
      box.value = (attempt.reflection || [])[+box.getAttribute("data-hq-reflection")] || "";
    });
    if (!this.knowledge) all(this.root, ".hq-item input, .hq-perspective input").forEach(function (i) { i.disabled = true; });
    this.showMode();
    this.type.reveal(this, attempt);
    var scoreButton = one(this.root, ".hq-score, .hq-check-all");
    if (scoreButton) scoreButton.hidden = true;
    if (announcement) { this.say(announcement, true); this.results.focus(); }
  };

  /* The last attempt on this version, as it was left. */
  Q.restore = function () {
    var list = this.state.attempts, last = list[list.length - 1], current = last && last.hash === this.hash ? last : null;
    this.type.restoring(this, current);
    if (!current) return;
    var boxes = this.boxes();
    Object.keys(last.answers).forEach(function (key) {
      if (HQ.schema.has(boxes, key)) kinds.of(boxes[key]).restore(boxes[key], last.answers[key]);
    });
    this.type.restored(this, last, boxes);
  };

  Q.retry = function () {
    if (this.shuffled) this.arrange(this.draw()); /* a new attempt, a new order */
    this.current(); /* the finished attempt stays; a new one starts */
    this.save();
    this.reset();
  };

  Q.reset = function (keepFocus) {
    var root = this.root;
    this.form.reset();
    all(root, "input").forEach(function (i) { i.disabled = false; i.checked = false; });
    kinds.boxes(root).forEach(function (box) { kinds.of(box).reset(box); });
    all(root, ".hq-check, .hq-score, .hq-check-all").forEach(function (b) { b.hidden = false; });
    all(root, "textarea").forEach(function (t) { t.value = ""; });
    this.results.hidden = true;
    this.chosenHere = false;
    dom.clear(this.summary);
    this.type.reset(this);
    kinds.boxes(root).forEach(this.unask, this);
    this.progress(false);
    if (this.shuffled && !this.state.attempts.length) this.arrange(this.draw());
    if (!keepFocus) one(root, "input").focus();
  };

  /* Each quiz starts on its own: should one ever fail, the others still work, and the error is
     still reported (thrown again outside the loop). `refresh` redraws the storage line of the
     quizzes already started (the reader changed where results are kept). */
  function init(scope, refresh) {
    all(scope || document, ".hq-quiz").forEach(function (root) {
      if (root.__hq) { if (refresh) root.__hq.showMode(); return; }
      try {
        root.__hq = new Quiz(root);
        root.__hq.start();
        root.setAttribute("data-hq-ready", "");
      } catch (e) {
        root.setAttribute("data-hq-failed", "");
        window.setTimeout(function () { throw e; }, 0);
      }
    });
  }

  HQ.quiz = { Quiz: Quiz, init: init };
})(window.HandbookQuiz = window.HandbookQuiz || {});
