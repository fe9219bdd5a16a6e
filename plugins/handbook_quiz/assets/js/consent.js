/* Where results are kept: the line above every quiz (switch, forget) and the choice under the
   results (keep on this device, or in this tab only), through storage.js. */
(function (HQ) {
  "use strict";
  var Quiz = HQ.quiz.Quiz, Q = Quiz.prototype;
  if (Q.showMode) return;
  var dom = HQ.dom, one = dom.one, all = dom.all, el = dom.el;

  Quiz.actions["hq-keep-device"] = function (quiz) { quiz.choose("device", true); };
  Quiz.actions["hq-keep-tab"] = function (quiz) { quiz.choose("tab", true); };
  Quiz.actions["hq-switch"] = function (quiz) { quiz.choose(quiz.store.mode() === "device" ? "tab" : "device"); };
  Quiz.actions["hq-forget"] = function (quiz) { quiz.forget(); };

  Q.showMode = function () {
    var bar = one(this.root, ".hq-mode");
    if (!bar) return;
    var L = this.L, mode = this.store.mode();
    dom.clear(bar);
    bar.hidden = false;
    bar.appendChild(el("span", mode === "device" ? L.mode_device : mode === "tab" ? L.mode_tab : L.mode_unset));
    var toggle = bar.appendChild(el("button", mode === "device" ? L.switch_tab : L.switch_device, "hq-switch md-button"));
    toggle.type = "button";
    var forget = bar.appendChild(el("button", L.forget, "hq-forget md-button"));
    forget.type = "button";
    var consent = one(this.root, ".hq-consent"), where = one(this.root, ".hq-saved-where");
    /* Once chosen, the choice stays where it was until the page is left (the chosen button
       pressed), so nothing under the reader moves; on a later visit the line above says it. */
    if (consent) consent.hidden = (!!mode && !this.chosenHere) || this.results.hidden;
    all(this.root, ".hq-keep-device, .hq-keep-tab").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.classList.contains("hq-keep-" + mode)));
    });
    if (where) where.textContent = mode === "device" ? L.saved_device : L.saved_tab;
  };

  /* From the choice under the results, the focus stays on the button pressed and the choice stays
     in place, so the page does not move (the switch is at the top of the quiz: it used to take the
     focus, and the page with it). */
  Q.choose = function (mode, fromResults) {
    if (!this.store.setMode(mode)) { this.say(this.L.storage_off); return; }
    var pressed = fromResults && document.activeElement, top = pressed && pressed.getBoundingClientRect().top;
    if (fromResults) this.chosenHere = true;
    this.save();
    HQ.quiz.init(document, true);
    this.say(mode === "device" ? this.L.mode_device : this.L.mode_tab, fromResults);
    /* The lines above may rewrap (the switch's new wording): keep the pressed button still. */
    if (pressed) window.scrollBy(0, pressed.getBoundingClientRect().top - top);
    if (!fromResults && one(this.root, ".hq-switch")) one(this.root, ".hq-switch").focus();
  };

  Q.forget = function () {
    if (!window.confirm(this.L.forget_confirm)) return;
    this.store.forget();
    /* Every quiz of this site on the page forgets too: one still holding an attempt in memory
       would otherwise save it again with its next answer. */
    var storeId = this.store.id, self = this;
    all(document, ".hq-quiz").forEach(function (r) {
      var q = r.__hq;
      if (!q || q.store.id !== storeId) return;
      q.state = { v: HQ.schema.VERSION, attempts: [] };
      q.reset(q !== self);
    });
    HQ.quiz.init(document, true);
    this.say(this.L.forgotten);
  };
})(window.HandbookQuiz = window.HandbookQuiz || {});
