/* The Alliance Handbook quiz runtime: knowledge checks and self-assessments.
   Vanilla, no dependencies, no network. Answers stay in this browser's storage.
   Loaded by a <script> at the end of each page with a quiz, so it also runs after Material's
   instant navigation; everything below is idempotent. Runtime data is only ever set as text. */
(function () {
  "use strict";
  if (window.__hq) { window.__hq.init(document); return; }
  var SCHEMA = 1;
  var memory = Object.create(null);

  /* ---------- the one schema every stored or imported attempt must meet ----------
     Quiz pages and My results read storage through Store.read, and imports check each attempt,
     all with `invalid`: a hand-edited file or storage entry is skipped (and counted) wherever it
     turns up, never half-used, never the end of the page. `q` is the quiz as this page knows it
     (quizInfo); without it (a quiz no longer in the handbook) only the shape is checked. Checks
     against the quiz's ids and scale apply to attempts made on its current version (same content
     hash); an older version's ids and scale are not known here, so its attempts are shown as
     stored. Returns "" for a usable attempt, "range" for a value outside the quiz, "bad" else. */
  var ID = /^[a-z0-9][a-z0-9-]{0,99}$/, HASH = /^[0-9a-f]{1,64}$/;
  function isObj(x) { return !!x && typeof x === "object" && !Array.isArray(x); }
  function isInt(x, lo, hi) { return typeof x === "number" && x === Math.floor(x) && x >= lo && x <= hi; }
  function isNum(x) { return typeof x === "number" && isFinite(x); }
  function isStr(x, n) { return typeof x === "string" && x.length <= (n || 500); }
  function isId(x) { return typeof x === "string" && ID.test(x); }
  function isDate(x) { return isStr(x, 40) && !isNaN(Date.parse(x)); }
  function listOf(x, test, n) { return Array.isArray(x) && x.length <= (n || 1000) && x.every(test); }
  function distinct(list) { return list.every(function (v, i) { return list.indexOf(v) === i; }); }
  function has(map, key) { return !!map && Object.prototype.hasOwnProperty.call(map, key); }

  function invalid(a, quizId, q) {
    if (!isObj(a) || a.v !== SCHEMA || a.quiz !== quizId || !isId(quizId) || !isStr(a.title) || !isStr(a.hash, 64) ||
      !HASH.test(a.hash) || (a.type !== "knowledge" && a.type !== "self-assessment") || (q && q.type !== a.type) ||
      !isDate(a.started) || !(a.finished === null || isDate(a.finished)) || !isObj(a.answers) ||
      !(a.reflection === undefined || listOf(a.reflection, function (t) { return t === null || isStr(t, 1e5); }, 50))) return "bad";
    var current = q && q.hash === a.hash ? q : null;
    return a.type === "knowledge" ? invalidKnowledge(a, current) : invalidSelf(a, current);
  }

  function invalidKnowledge(a, q) {
    var known = q ? q.questions : null, only = a.only;
    if (a.perspective !== undefined || a.scores !== undefined || !listOf(a.checked, isId, 1000) || !distinct(a.checked) ||
      !(a.practice === undefined || typeof a.practice === "boolean") || !(only === undefined || (a.practice === true &&
      listOf(only, isId, 1000) && only.length && distinct(only))) || !(a.order === undefined || isObj(a.order))) return "bad";
    var ids = Object.keys(a.answers).concat(a.checked, only || [], a.order ? Object.keys(a.order) : []);
    if (!ids.every(function (k) { return isId(k) && (!known || has(known, k)); })) return "bad";
    var range = Object.keys(a.answers).some(function (k) {
      var v = a.answers[k];
      return !listOf(v, function (c) { return isInt(c, 0, known ? known[k] - 1 : 99); }, 100) || !distinct(v);
    }) || (a.order && Object.keys(a.order).some(function (k) {
      var o = a.order[k];
      return !listOf(o, function (c) { return isInt(c, 0, known ? known[k] - 1 : 99); }, 100) || !distinct(o) || (known && o.length !== known[k]);
    }));
    if (range) return "range";
    if (!a.finished) return "";
    var s = a.score, size = only ? only.length : known ? Object.keys(known).length : 0;
    if (!isObj(s)) return "bad";
    return isInt(s.total, 1, 1000) && isInt(s.right, 0, s.total) && (!size || s.total === size) &&
      (s.passed === undefined || typeof s.passed === "boolean") ? "" : "range";
  }

  function invalidSelf(a, q) {
    var keys = Object.keys(a.answers);
    if (a.checked !== undefined || a.order !== undefined || a.only !== undefined || a.score !== undefined ||
      !(a.practice === undefined || a.practice === false) ||
      !(a.perspective == null || isStr(a.perspective, 40) && (!q || !q.perspectives || q.perspectives.indexOf(a.perspective) >= 0)) ||
      !keys.every(function (k) { return isId(k) && (!q || !q.items || q.items.indexOf(k) >= 0); })) return "bad";
    if (keys.some(function (k) { return !isInt(a.answers[k], q ? q.min : -1e6, q ? q.max : 1e6); })) return "range";
    if (!a.finished) return "";
    if (!listOf(a.scores, function (s) {
      return isObj(s) && (s.id === "" || isId(s.id)) && isStr(s.title) && isNum(s.score) &&
        (s.exact === undefined || isNum(s.exact)) && (s.band == null || isStr(s.band));
    }, 100) || !a.scores.length || a.scores[0].id !== "") return "bad";
    if (q && ((q.items && keys.length !== q.items.length) || (q.perspectives && a.perspective == null))) return "bad";
    return !q || q.sum || a.scores.every(function (s) { return s.score >= q.min && s.score <= q.max; }) ? "" : "range";
  }

  /* The quiz as the schema needs it, from the data attributes of a quiz or of a My results entry. */
  function quizInfo(node) {
    var get = function (n) { return node.getAttribute("data-hq-" + n); }, info = { type: get("type"), hash: get("hash"),
      min: +get("min"), max: +get("max"), sum: get("method") === "sum", items: null, questions: null, perspectives: null };
    if (info.type === "knowledge") {
      if (get("questions") === null) return info; /* a custom template without them: shape checks only */
      info.questions = Object.create(null);
      (get("questions") || "").split(" ").filter(Boolean).forEach(function (pair) {
        var at = pair.lastIndexOf(":");
        info.questions[pair.slice(0, at)] = +pair.slice(at + 1);
      });
    } else {
      if (get("items") !== null) info.items = get("items").split(" ").filter(Boolean);
      if (get("perspectives")) info.perspectives = Object.keys(JSON.parse(get("perspectives")));
    }
    return info;
  }

  /* ---------- storage: sessionStorage until the reader chooses "keep on this device" ----------
     Keys: hq:<store>:quiz:<id> (attempts), hq:<store>:meta:mode ("device" in localStorage, "tab" in
     sessionStorage), hq:<store>:meta:exported, hq:<store>:aside:<key> (a JSON list of what could not
     be read there: unreadable text, or attempts the schema refused; kept for the JSON export only). */
  function usable(name) {
    try {
      var s = window[name], probe = "hq:probe";
      s.setItem(probe, "1"); s.removeItem(probe);
      return s;
    } catch (e) { return null; }
  }
  function Store(id) { this.prefix = "hq:" + id + ":"; }
  Store.prototype.mode = function () {
    var local = usable("localStorage"), session = usable("sessionStorage");
    if (local && local.getItem(this.prefix + "meta:mode") === "device") return "device";
    if (session && session.getItem(this.prefix + "meta:mode") === "tab") return "tab";
    return null;
  };
  Store.prototype.area = function () {
    return usable(this.mode() === "device" ? "localStorage" : "sessionStorage");
  };
  Store.prototype.keys = function (area) {
    var out = [], a = area || this.area();
    if (a) for (var i = 0; i < a.length; i++) { var k = a.key(i); if (k.indexOf(this.prefix) === 0) out.push(k); }
    if (!area) for (var m in memory) if (m.indexOf(this.prefix) === 0 && out.indexOf(m) < 0) out.push(m);
    return out;
  };
  Store.prototype.get = function (key) {
    var a = this.area(), raw = a ? a.getItem(key) : null;
    return raw === null && key in memory ? memory[key] : raw;
  };
  Store.prototype.set = function (key, raw) {
    var a = this.area();
    try { if (a) { a.setItem(key, raw); delete memory[key]; return true; } } catch (e) { /* full: memory */ }
    memory[key] = raw;
    return false;
  };
  Store.prototype.remove = function (key) {
    var a = this.area();
    if (a) a.removeItem(key);
    delete memory[key];
  };
  /* A quiz's usable attempts; whatever the schema refuses is moved aside and counted in `skipped`. */
  Store.prototype.read = function (quizId, info) {
    var key = this.prefix + "quiz:" + quizId, raw = this.get(key), data = null, good = [], bad = [];
    if (raw === null || raw === undefined) return { v: SCHEMA, attempts: [], skipped: 0 };
    try { data = JSON.parse(raw); } catch (e) { /* set aside below */ }
    if (!isObj(data) || data.v !== SCHEMA || !Array.isArray(data.attempts) || !isId(quizId)) {
      this.setAside(key, [raw]);
      this.remove(key);
      return { v: SCHEMA, attempts: [], skipped: 1 };
    }
    data.attempts.forEach(function (a) { (invalid(a, quizId, info) ? bad : good).push(a); });
    if (bad.length) {
      this.setAside(key, bad);
      this.write(quizId, { attempts: good });
    }
    return { v: SCHEMA, attempts: good, skipped: bad.length };
  };
  Store.prototype.setAside = function (key, records) {
    var aside = this.prefix + "aside:" + key, old = this.get(aside), list = [];
    if (old) { try { list = JSON.parse(old); } catch (e) { list = null; } if (!Array.isArray(list)) list = [old]; }
    this.set(aside, JSON.stringify(list.concat(records)));
  };
  /* Everything set aside so far, by key (without the prefix), each a list of records. */
  Store.prototype.aside = function () {
    var self = this, out = Object.create(null);
    this.keys().forEach(function (k) {
      if (k.indexOf(self.prefix + "aside:")) return;
      var raw = self.get(k), list;
      try { list = JSON.parse(raw); } catch (e) { list = null; }
      out[k.slice(self.prefix.length + 6)] = Array.isArray(list) ? list : [raw];
    });
    return out;
  };
  Store.prototype.write = function (quizId, state) {
    return this.set(this.prefix + "quiz:" + quizId, JSON.stringify({ v: SCHEMA, attempts: state.attempts }));
  };
  /* Move everything to the chosen area, so switching never loses or duplicates an attempt. */
  Store.prototype.setMode = function (mode) {
    var from = this.area(), self = this, keys = this.keys(), values = {};
    keys.forEach(function (k) { values[k] = self.get(k); });
    var to = usable(mode === "device" ? "localStorage" : "sessionStorage");
    if (!to) return false;
    keys.forEach(function (k) { if (from) from.removeItem(k); });
    [usable("localStorage"), usable("sessionStorage")].forEach(function (a) { if (a) a.removeItem(self.prefix + "meta:mode"); });
    to.setItem(this.prefix + "meta:mode", mode);
    keys.forEach(function (k) { if (k !== self.prefix + "meta:mode") self.set(k, values[k]); });
    if (mode === "device" && navigator.storage && navigator.storage.persist) navigator.storage.persist();
    return true;
  };
  Store.prototype.forget = function () {
    var self = this;
    [usable("localStorage"), usable("sessionStorage")].forEach(function (a) {
      if (a) self.keys(a).forEach(function (k) { a.removeItem(k); });
    });
    for (var m in memory) if (m.indexOf(this.prefix) === 0) delete memory[m];
  };

  /* ---------- small helpers ---------- */
  function $(root, sel) { return root.querySelector(sel); }
  function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  function round2(x) { return Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9) / 100; }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  /* A verdict word at the start of a choice's feedback ("Correct. ...", "No. ..."), which the
     verdict already says: `verdict_words` lists them, comma-separated, for the page's language. */
  function verdictLead(words) {
    var list = String(words || "").split(",").map(function (w) { return w.trim(); }).filter(Boolean).map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return list.length ? new RegExp("^\\s*(?:" + list.join("|") + ")\\s*[.!:](?:\\s+|$)", "i") : /$^/;
  }
  function stripLead(node, lead) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), text;
    while ((text = walker.nextNode()) && !text.data.trim()) { /* skip blank text */ }
    if (!text || !lead.test(text.data)) return;
    var rest = text.data.replace(lead, "");
    text.data = rest.charAt(0).toUpperCase() + rest.slice(1);
  }

  /* ---------- one quiz ---------- */
  function Quiz(root) {
    this.root = root;
    this.form = $(root, ".hq-form");
    this.status = $(root, ".hq-status");
    this.results = $(root, ".hq-results");
    this.summary = $(root, ".hq-summary");
    this.L = JSON.parse($(document, ".hq-labels").getAttribute("data-hq-labels"));
    this.id = root.getAttribute("data-hq-quiz");
    this.hash = root.getAttribute("data-hq-hash");
    this.store = new Store(root.getAttribute("data-hq-store"));
    this.knowledge = root.getAttribute("data-hq-type") === "knowledge";
    this.info = quizInfo(root);
    this.state = this.store.read(this.id, this.info);
    if (!this.store.area()) this.say(this.L.storage_off);
    if (this.state.skipped) this.notice(fill(this.L.set_aside, { n: this.state.skipped }));
    var last = this.state.attempts[this.state.attempts.length - 1];
    if (last && last.hash !== this.hash) this.notice(this.L.older_attempts);
  }

  /* A lasting note above the questions (data set aside, attempts on an older version). */
  Quiz.prototype.notice = function (text) {
    var note = el("p", text, "hq-notice");
    this.root.insertBefore(note, this.form);
  };

  /* The boxes of this quiz's questions or statements by their id: stored ids are looked up here and
     compared as values, never put into a selector. */
  Quiz.prototype.boxes = function () {
    var map = Object.create(null);
    $$(this.root, this.knowledge ? ".hq-question" : ".hq-item").forEach(function (box) {
      map[box.getAttribute(box.classList.contains("hq-question") ? "data-hq-qid" : "data-hq-item")] = box;
    });
    return map;
  };
  function byAttr(nodes, name, value) {
    return nodes.filter(function (n) { return n.getAttribute(name) === value; });
  }

  Quiz.prototype.say = function (text, quiet) {
    /* Re-set the text so that the same message is announced again; `quiet` hides it from sight
       when the same words are already on screen (results). */
    this.status.textContent = "";
    var status = this.status;
    status.classList.toggle("hq-sr", !!quiet);
    window.setTimeout(function () { status.textContent = text; }, 30);
  };

  Quiz.prototype.current = function () {
    var list = this.state.attempts, last = list[list.length - 1];
    if (last && last.hash === this.hash && !last.finished) return last;
    var attempt = { v: SCHEMA, quiz: this.id, title: this.root.getAttribute("data-hq-title"),
      type: this.knowledge ? "knowledge" : "self-assessment", hash: this.hash,
      started: new Date().toISOString(), finished: null, answers: {}, reflection: [] };
    if (this.knowledge) attempt.checked = [];
    if (this.shuffled) attempt.order = JSON.parse(JSON.stringify(this.shown));
    list.push(attempt);
    return attempt;
  };
  Quiz.prototype.save = function () { this.store.write(this.id, this.state); };

  Quiz.prototype.start = function () {
    var self = this;
    this.shuffled = this.knowledge && this.root.hasAttribute("data-hq-shuffle");
    if (this.shuffled) {
      var list = this.state.attempts, last = list[list.length - 1];
      this.arrange(last && last.hash === this.hash && last.order ? last.order : this.draw());
    }
    this.progressLine = $(this.root, ".hq-progress");
    var lead = verdictLead(this.L.verdict_words);
    $$(this.root, ".hq-why").forEach(function (why) { stripLead(why, lead); });
    $$(this.root, ".hq-answer").forEach(function (d) { d.hidden = true; });
    this.root.classList.add("hq-js");
    this.form.addEventListener("change", function (event) { self.onChange(event.target); });
    this.root.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("button");
      if (!button || !self.root.contains(button)) return;
      if (button.classList.contains("hq-check")) self.checkQuestion(button.closest(".hq-question"), true);
      else if (button.classList.contains("hq-check-all")) self.checkAll();
      else if (button.classList.contains("hq-score")) self.score();
      else if (button.classList.contains("hq-retry")) self.retry();
      else if (button.classList.contains("hq-practise")) self.practise();
      else if (button.classList.contains("hq-keep-device")) self.choose("device", true);
      else if (button.classList.contains("hq-keep-tab")) self.choose("tab", true);
      else if (button.classList.contains("hq-switch")) self.choose(self.store.mode() === "device" ? "tab" : "device");
      else if (button.classList.contains("hq-forget")) self.forget();
      else if (button.classList.contains("hq-copy")) self.copyCode();
      else if (button.classList.contains("hq-compare")) self.compare();
    });
    $$(this.root, "textarea[data-hq-reflection]").forEach(function (box) {
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

  Quiz.prototype.lastFinished = function () {
    var list = this.state.attempts, last = list[list.length - 1];
    return last && last.finished && last.hash === this.hash ? last : null;
  };

  /* ---------- shuffling: one order per attempt, stored in it as `order` ----------
     `order` maps a question id to its choices' source indices in the order shown; answers stay
     source indices (the inputs' values), so scoring and exports do not depend on it. */
  Quiz.prototype.draw = function () {
    var order = {};
    $$(this.root, ".hq-question").forEach(function (q) {
      var list = $$(q, ".hq-option").map(function (o, i) { return i; });
      for (var i = list.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1)), t = list[i]; list[i] = list[j]; list[j] = t;
      }
      order[q.getAttribute("data-hq-qid")] = list;
    });
    return order;
  };
  Quiz.prototype.arrange = function (order) {
    var shown = this.shown = {};
    $$(this.root, ".hq-question").forEach(function (q) {
      var box = $(q, ".hq-choices"), options = $$(box, ".hq-option"), qid = q.getAttribute("data-hq-qid"), byIndex = [];
      options.forEach(function (o) { byIndex[+o.getAttribute("data-hq-choice")] = o; });
      var want = has(order, qid) ? order[qid] : null;
      var ok = Array.isArray(want) && want.length === options.length && distinct(want) &&
        want.every(function (i) { return isInt(i, 0, options.length - 1) && byIndex[i]; });
      (ok ? want : byIndex.map(function (o, i) { return i; })).forEach(function (i) { box.appendChild(byIndex[i]); });
      shown[qid] = ok ? want.slice() : byIndex.map(function (o, i) { return i; });
    });
  };

  /* ---------- progress: "4 of 10 answered", said politely after a pause, not on every click ---------- */
  Quiz.prototype.answered = function () {
    var self = this;
    if (this.knowledge) {
      var questions = this.questions();
      var n = questions.filter(function (q) {
        return self.immediate() ? !!$(q, ".hq-verdict").firstChild : !!$(q, "input:checked");
      }).length;
      return [n, questions.length];
    }
    var items = $$(this.root, ".hq-item");
    return [items.filter(function (i) { return !!$(i, "input:checked"); }).length, items.length];
  };
  Quiz.prototype.immediate = function () { return this.root.getAttribute("data-hq-feedback") !== "end"; };
  Quiz.prototype.progressText = function () {
    var c = this.answered();
    return fill(this.L.progress, { n: c[0], total: c[1] });
  };
  /* Update the line; `announce` says it in the live region once the reader pauses (1.5 s). */
  Quiz.prototype.progress = function (announce) {
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

  Quiz.prototype.onChange = function (input) {
    if (input.name && input.name.slice(-12) === "-perspective") { this.choosePerspective(input.value, true); return; }
    var attempt = this.current();
    var box = input.closest(".hq-question, .hq-item");
    if (!box) return;
    this.unask(box);
    if (this.knowledge) {
      attempt.answers[box.getAttribute("data-hq-qid")] = $$(box, "input:checked").map(function (i) { return +i.value; });
    } else {
      attempt.answers[box.getAttribute("data-hq-item")] = +input.value;
      box.classList.remove("hq-missing");
    }
    this.save();
    this.progress(!this.knowledge || !this.immediate());
  };

  /* A message at the question itself (Check with nothing chosen), tied to its inputs by
     aria-describedby, so it is read with the input that gets the focus. */
  Quiz.prototype.ask = function (box, text) {
    var msg = $(box, ".hq-ask"), id = box.id + "-ask";
    if (!msg) {
      msg = el("p", null, "hq-ask");
      msg.id = id;
      var after = $(box, ".hq-choices, .hq-scale");
      after.parentNode.insertBefore(msg, after.nextSibling);
    }
    msg.textContent = text;
    msg.hidden = false;
    $$(box, "input").forEach(function (input) {
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== id; });
      input.setAttribute("aria-describedby", ids.concat(id).join(" "));
    });
    $(box, "input").focus();
  };
  Quiz.prototype.unask = function (box) {
    var msg = $(box, ".hq-ask");
    if (!msg || msg.hidden) return;
    msg.hidden = true;
    $$(box, "input").forEach(function (input) {
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== msg.id; });
      if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
      else input.removeAttribute("aria-describedby");
    });
  };

  /* ---------- knowledge checks ---------- */
  Quiz.prototype.checkQuestion = function (question, announce) {
    var chosen = $$(question, "input:checked").map(function (i) { return +i.value; });
    if (!chosen.length) {
      if (announce) this.ask(question, this.L.choose_first);
      return null;
    }
    var attempt = this.current(), qid = question.getAttribute("data-hq-qid");
    attempt.answers[qid] = chosen;
    if (attempt.checked.indexOf(qid) < 0) attempt.checked.push(qid);
    var right = this.showVerdict(question, chosen);
    this.save();
    if (announce) {
      var verdict = $(question, ".hq-verdict");
      this.progress(false);
      if (this.finishIfDone(attempt)) return right;
      this.say(verdict.textContent + " " + this.progressText() + ".", true);
      verdict.focus();
    }
    return right;
  };

  Quiz.prototype.showVerdict = function (question, chosen) {
    var L = this.L, correct = $$(question, ".hq-option[data-hq-correct]").map(function (o) { return +o.getAttribute("data-hq-choice"); });
    var right = chosen.length === correct.length && chosen.every(function (c) { return correct.indexOf(c) >= 0; });
    $$(question, "input").forEach(function (i) { i.disabled = true; });
    $$(question, ".hq-option").forEach(function (o) {
      var n = +o.getAttribute("data-hq-choice");
      o.classList.toggle("hq-is-correct", correct.indexOf(n) >= 0);
      o.classList.toggle("hq-is-chosen", chosen.indexOf(n) >= 0);
    });
    var button = $(question, ".hq-check");
    if (button) button.hidden = true;
    var verdict = $(question, ".hq-verdict");
    clear(verdict);
    verdict.appendChild(el("strong", right ? L.right : L.wrong));
    var lead = verdictLead(L.verdict_words);
    $$(question, ".hq-feedback li").forEach(function (li) {
      var n = +li.getAttribute("data-hq-choice");
      if (chosen.indexOf(n) < 0) return;
      var why = $(li, ".hq-why"), text = why ? why.textContent.replace(lead, "").trim() : "";
      if (text) verdict.appendChild(el("span", " " + text));
      li.classList.add("hq-chosen-feedback");
      if (!$(li, ".hq-mark")) li.insertBefore(el("span", L.your_choice + ". ", "hq-mark"), li.firstChild);
    });
    verdict.classList.toggle("hq-right", right);
    verdict.classList.toggle("hq-wrong", !right);
    var details = $(question, ".hq-answer");
    details.hidden = false;
    details.open = true;
    return right;
  };

  Quiz.prototype.checkAll = function () {
    var self = this, questions = this.questions();
    var open = questions.filter(function (q) { return !$(q, "input:checked"); });
    if (open.length) {
      this.say(fill(this.L.unanswered, { n: open.length }));
      this.ask(open[0], this.L.choose_first);
      return;
    }
    var attempt = this.current();
    questions.forEach(function (q) { self.checkQuestion(q, false); });
    this.finishIfDone(attempt);
  };

  /* The questions of this attempt: all of them, or in practice only those it is about. */
  Quiz.prototype.questions = function () {
    return $$(this.root, ".hq-question").filter(function (q) { return !q.hidden; });
  };

  Quiz.prototype.finishIfDone = function (attempt) {
    var shown = this.questions(), total = shown.length;
    if (attempt.checked.length < total) return false;
    var right = shown.filter(function (q) { return $(q, ".hq-verdict").classList.contains("hq-right"); }).length;
    var pass = this.root.getAttribute("data-hq-pass");
    attempt.score = { right: right, total: total };
    if (pass !== null && !attempt.practice) attempt.score.passed = right / total >= +pass;
    attempt.finished = new Date().toISOString();
    this.save();
    this.showKnowledgeResults(attempt, true);
    return true;
  };

  Quiz.prototype.showKnowledgeResults = function (attempt, announce) {
    var L = this.L, s = attempt.score, pass = this.root.getAttribute("data-hq-pass");
    clear(this.summary);
    var line = fill(L.score, { right: s.right, total: s.total });
    this.summary.appendChild(el("p", line, "hq-score-line"));
    var passText = "";
    if (attempt.practice) {
      passText = L.practice_done;
      this.summary.appendChild(el("p", passText, "hq-practice-note"));
    } else if (pass !== null) {
      passText = fill(s.passed ? L.passed : L.not_passed, { pass: Math.round(+pass * 100) + "%" });
      this.summary.appendChild(el("p", passText));
    }
    var missed = this.questions().filter(function (q) { return $(q, ".hq-verdict").classList.contains("hq-wrong"); });
    var practise = $(this.root, ".hq-practise");
    if (practise) practise.hidden = !missed.length;
    this.reveal(attempt, announce ? line + ". " + passText : null);
  };

  /* ---------- practice: a new attempt with just the questions missed in this one ----------
     Recorded with `practice: true` and `only` (their ids): My results shows it, but it is not a
     full attempt, so it counts in no progress and no score. It reuses nothing of an attempt made
     on another version (the finished attempt here always has this page's content hash). */
  Quiz.prototype.practise = function () {
    var done = this.lastFinished();
    if (!done) return;
    var missed = this.questions().filter(function (q) { return $(q, ".hq-verdict").classList.contains("hq-wrong"); })
      .map(function (q) { return q.getAttribute("data-hq-qid"); });
    if (!missed.length) return;
    if (this.shuffled) this.arrange(this.draw());
    var attempt = this.current();
    attempt.practice = true;
    attempt.only = missed;
    this.save();
    this.reset(true);
    this.showOnly(missed);
    this.progress(false);
    var first = this.questions()[0];
    $(first, "input").focus();
    this.say(fill(this.L.practice_start, { n: missed.length }));
  };
  Quiz.prototype.showOnly = function (ids) {
    $$(this.root, ".hq-question").forEach(function (q) { q.hidden = !!ids && ids.indexOf(q.getAttribute("data-hq-qid")) < 0; });
  };

  /* ---------- self-assessments ---------- */
  Quiz.prototype.choosePerspective = function (key, save) {
    var chosen = false;
    $$(this.root, "[data-hq-perspective]").forEach(function (node) {
      node.hidden = node.getAttribute("data-hq-perspective") !== key;
    });
    $$(this.root, ".hq-item, .hq-score").forEach(function (node) { node.hidden = !key; });
    $$(this.root, ".hq-perspective input").forEach(function (i) { if (i.value === key) { i.checked = true; chosen = true; } });
    this.perspective = chosen ? key : null;
    if (save && chosen) { this.current().perspective = key; this.save(); }
  };

  Quiz.prototype.score = function () {
    var L = this.L, items = $$(this.root, ".hq-item");
    if ($(this.root, ".hq-perspective") && !this.perspective) {
      this.say(L.perspective_first);
      $(this.root, ".hq-perspective input").focus();
      return;
    }
    var open = items.filter(function (item) { return !$(item, "input:checked"); });
    items.forEach(function (item) { item.classList.toggle("hq-missing", open.indexOf(item) >= 0); });
    if (open.length) {
      this.say(fill(L.unrated, { n: open.length, first: items.indexOf(open[0]) + 1 }));
      this.ask(open[0], L.choose_first);
      return;
    }
    var attempt = this.current();
    items.forEach(function (item) { attempt.answers[item.getAttribute("data-hq-item")] = +$(item, "input:checked").value; });
    attempt.scores = this.compute(attempt.answers);
    attempt.finished = new Date().toISOString();
    this.save();
    this.showSelfResults(attempt, true);
  };

  Quiz.prototype.compute = function (answers) {
    var root = this.root, min = +root.getAttribute("data-hq-min"), max = +root.getAttribute("data-hq-max");
    var sum = root.getAttribute("data-hq-method") === "sum", groups = { "": [] }, order = [""];
    $$(root, ".hq-item").forEach(function (item) {
      var value = answers[item.getAttribute("data-hq-item")], sub = item.getAttribute("data-hq-subscale");
      if (item.hasAttribute("data-hq-reverse")) value = min + max - value;
      groups[""].push(value);
      if (sub) { if (!groups[sub]) { groups[sub] = []; order.push(sub); } groups[sub].push(value); }
    });
    var self = this;
    return order.map(function (id) {
      var values = groups[id], total = values.reduce(function (a, b) { return a + b; }, 0);
      var score = sum ? total : total / values.length;
      var band = self.band(id, score, sum);
      return { id: id, title: self.subscaleTitle(id), score: round2(score), exact: score,
        band: band ? band.getAttribute("data-hq-label") : null };
    });
  };

  Quiz.prototype.subscaleTitle = function (id) {
    if (!id) return this.L.overall;
    var node = byAttr($$(this.root, ".hq-subscale"), "data-hq-subscale", id)[0];
    if (!node) return id;
    return (this.perspective && node.getAttribute("data-hq-title-" + this.perspective)) || node.getAttribute("data-hq-title");
  };

  Quiz.prototype.band = function (scope, score, sum) {
    var all = $$(this.root, ".hq-band"), bands = byAttr(all, "data-hq-scope", scope);
    if (!bands.length && scope && !sum) bands = byAttr(all, "data-hq-scope", "");
    var found = null;
    bands.forEach(function (b) { if (score >= +b.getAttribute("data-hq-from")) found = b; });
    return found;
  };

  Quiz.prototype.showSelfResults = function (attempt, announce) {
    var L = this.L, self = this, root = this.root;
    clear(this.summary);
    var sum = root.getAttribute("data-hq-method") === "sum", spoken = [];
    var caption = sum ? "" : fill(L.range, { min: root.getAttribute("data-hq-min"), max: root.getAttribute("data-hq-max") });
    var ordered = attempt.scores.slice(1).concat(attempt.scores.slice(0, 1));
    var rows = ordered.map(function (s) {
      spoken.push(s.title + ": " + round2(s.score) + (s.band ? " (" + s.band + ")" : ""));
      return [s.title, round2(s.score), s.band || "–"];
    });
    this.summary.appendChild(this.table(caption, [L.subscale, L.score_col, L.band_col], rows));
    this.summary.appendChild(this.bars(ordered));
    var texts = el("div", null, "hq-band-results");
    ordered.forEach(function (s) {
      var band = self.band(s.id, s.exact === undefined ? s.score : s.exact, root.getAttribute("data-hq-method") === "sum");
      if (!band) return;
      var copy = band.cloneNode(true);
      copy.className = "hq-band-shown";
      var label = $(copy, ".hq-band-label strong");
      if (label) label.textContent = s.title + ": " + s.band;
      texts.appendChild(copy);
    });
    this.summary.appendChild(texts);
    this.reveal(attempt, announce ? spoken.join(". ") : null);
  };

  Quiz.prototype.bars = function (scores) {
    var root = this.root, min = +root.getAttribute("data-hq-min"), max = +root.getAttribute("data-hq-max");
    var sum = root.getAttribute("data-hq-method") === "sum";
    var chart = el("div", null, "hq-bars");
    chart.setAttribute("aria-hidden", "true");
    scores.forEach(function (s) {
      var n = sum ? 1 : 0, span = sum ? 1 : (max - min);
      var fraction = sum ? 1 : (s.score - min) / span;
      if (sum) { n = scores[scores.length - 1].score || 1; fraction = s.score / n; }
      var row = el("div", null, "hq-bar");
      row.appendChild(el("span", s.title, "hq-bar-label"));
      var track = row.appendChild(el("span", null, "hq-bar-track")), fillBar = track.appendChild(el("span", null, "hq-bar-fill"));
      fillBar.style.width = Math.max(2, Math.round(fraction * 100)) + "%";
      row.appendChild(el("span", round2(s.score), "hq-bar-value"));
      chart.appendChild(row);
    });
    return chart;
  };


  /* ---------- consent: where results are kept, shown above every self-assessment ---------- */
  Quiz.prototype.showMode = function () {
    var bar = $(this.root, ".hq-mode");
    if (!bar) return;
    var L = this.L, mode = this.store.mode();
    clear(bar);
    bar.hidden = false;
    bar.appendChild(el("span", mode === "device" ? L.mode_device : mode === "tab" ? L.mode_tab : L.mode_unset));
    var toggle = bar.appendChild(el("button", mode === "device" ? L.switch_tab : L.switch_device, "hq-switch md-button"));
    toggle.type = "button";
    var forget = bar.appendChild(el("button", L.forget, "hq-forget md-button"));
    forget.type = "button";
    var consent = $(this.root, ".hq-consent"), where = $(this.root, ".hq-saved-where");
    /* Once chosen, the choice stays where it was until the page is left (the chosen button
       pressed), so nothing under the reader moves; on a later visit the line above says it. */
    if (consent) consent.hidden = (!!mode && !this.chosenHere) || this.results.hidden;
    $$(this.root, ".hq-keep-device, .hq-keep-tab").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.classList.contains("hq-keep-" + mode)));
    });
    if (where) where.textContent = mode === "device" ? L.saved_device : L.saved_tab;
  };
  /* From the choice under the results, the focus stays on the button pressed and the choice stays
     in place, so the page does not move (the switch is at the top of the quiz: it used to take the
     focus, and the page with it). */
  Quiz.prototype.choose = function (mode, fromResults) {
    if (!this.store.setMode(mode)) { this.say(this.L.storage_off); return; }
    var pressed = fromResults && document.activeElement, top = pressed && pressed.getBoundingClientRect().top;
    if (fromResults) this.chosenHere = true;
    this.save();
    init(document, true);
    this.say(mode === "device" ? this.L.mode_device : this.L.mode_tab, fromResults);
    /* The lines above may rewrap (the switch's new wording): keep the pressed button still. */
    if (pressed) window.scrollBy(0, pressed.getBoundingClientRect().top - top);
    if (!fromResults && $(this.root, ".hq-switch")) $(this.root, ".hq-switch").focus();
  };
  Quiz.prototype.forget = function () {
    if (!window.confirm(this.L.forget_confirm)) return;
    this.store.forget();
    /* Every quiz of this site on the page forgets too: one still holding an attempt in memory
       would otherwise save it again with its next answer. */
    var prefix = this.store.prefix, self = this;
    $$(document, ".hq-quiz").forEach(function (r) {
      var q = r.__hq;
      if (!q || q.store.prefix !== prefix) return;
      q.state = { v: SCHEMA, attempts: [] };
      q.reset(q !== self);
    });
    init(document, true);
    this.say(this.L.forgotten);
  };

  /* ---------- two perspectives: share codes, read out or pasted; no free text inside ----------
     A code is bits written in base 32 without the confusable letters I, L, O and U (Crockford's
     alphabet), shown in groups of four: 10 bits of a hash of the quiz id, 10 of the quiz's content
     hash, 3 for the perspective (its place in the quiz's list), then each answer (its distance from
     the scale's minimum, in as few bits as the scale needs), padded to whole letters; then two
     letters of checksum over those. The check-in's code is 15 letters and digits. */
  var B32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  function fnv(text) {
    var h = 2166136261;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h;
  }
  function bitsOf(value, width) {
    var out = "";
    for (var i = width - 1; i >= 0; i--) out += Math.floor(value / Math.pow(2, i)) % 2 ? "1" : "0";
    return out;
  }
  function toB32(bits) {
    var out = "";
    while (bits.length % 5) bits += "0";
    for (var i = 0; i < bits.length; i += 5) out += B32.charAt(parseInt(bits.substr(i, 5), 2));
    return out;
  }
  function sealOf(body) { return toB32(bitsOf(fnv(body) % 1024, 10)); }
  Quiz.prototype.itemIds = function () {
    return $$(this.root, ".hq-item").map(function (i) { return i.getAttribute("data-hq-item"); });
  };
  Quiz.prototype.codeLayout = function () {
    var min = +this.root.getAttribute("data-hq-min"), max = +this.root.getAttribute("data-hq-max");
    var width = Math.max(1, Math.ceil(Math.log(max - min + 1) / Math.LN2 - 1e-9));
    return { min: min, max: max, width: width, quiz: fnv(this.id) % 1024, version: fnv(this.hash) % 1024,
      keys: $$(this.root, ".hq-perspective input").map(function (i) { return i.value; }) };
  };
  Quiz.prototype.shareCode = function (attempt) {
    var c = this.codeLayout();
    var bits = bitsOf(c.quiz, 10) + bitsOf(c.version, 10) + bitsOf(Math.max(0, c.keys.indexOf(attempt.perspective)), 3) +
      this.itemIds().map(function (id) { return bitsOf(attempt.answers[id] - c.min, c.width); }).join("");
    var body = toB32(bits);
    return (body + sealOf(body)).replace(/(.{4})(?=.)/g, "$1 ");
  };
  Quiz.prototype.readCode = function (text) {
    var L = this.L, c = this.codeLayout(), squeezed = String(text).replace(/[\s-]+/g, "");
    if (/^[a-z0-9-]+\.[0-9a-f]{6}\.[a-z0-9-]+\.[0-9a-z]+\.[0-9a-z]{4}$/i.test(squeezed)) return { error: L.code_old };
    var code = squeezed.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
    if (!/^[0-9A-HJKMNP-TV-Z]{7,60}$/.test(code)) return { error: L.code_bad };
    var body = code.slice(0, -2), sealed = sealOf(body) === code.slice(-2);
    var bits = body.split("").map(function (ch) { return bitsOf(B32.indexOf(ch), 5); }).join("");
    var otherQuiz = parseInt(bits.substr(0, 10), 2) !== c.quiz, otherVersion = parseInt(bits.substr(10, 10), 2) !== c.version;
    var ids = this.itemIds(), need = Math.ceil((23 + ids.length * c.width) / 5);
    /* A sealed code of another length is another check-in's or version's; else it is cut short. */
    if (body.length !== need) return { error: sealed && otherQuiz ? L.code_quiz : sealed && otherVersion ? L.code_version : L.code_bad };
    if (!sealed) return { error: L.code_typo };
    if (otherQuiz) return { error: L.code_quiz };
    if (otherVersion) return { error: L.code_version };
    var key = c.keys[parseInt(bits.substr(20, 3), 2)];
    if (!key) return { error: L.code_bad };
    if (key === this.perspective) return { error: L.code_same };
    var answers = {};
    for (var i = 0; i < ids.length; i++) {
      var value = parseInt(bits.substr(23 + i * c.width, c.width), 2) + c.min;
      if (value > c.max) return { error: L.code_range };
      answers[ids[i]] = value;
    }
    return { perspective: key, answers: answers };
  };
  Quiz.prototype.copyCode = function () {
    var code = $(this.root, ".hq-code"), self = this;
    code.select();
    if (navigator.clipboard) navigator.clipboard.writeText(code.value).then(function () { self.say(self.L.copied); }, function () {});
  };
  Quiz.prototype.compare = function () {
    var L = this.L, out = $(this.root, ".hq-comparison"), mine = this.lastFinished();
    var theirs = this.readCode($(this.root, ".hq-paste").value);
    clear(out);
    if (theirs.error || !mine) {
      var message = out.appendChild(el("p", theirs.error || L.perspective_first, "hq-code-error"));
      message.setAttribute("role", "alert");
      return;
    }
    var other = this.compute(theirs.answers), own = mine.scores;
    /* Means: the difference said in words, which way it goes, not as a bare signed number. */
    var scoreRows = own.slice(1).concat(own.slice(0, 1)).map(function (s) {
      var o = other.filter(function (x) { return x.id === s.id; })[0], d = round2(o.score - s.score);
      return [s.title, round2(s.score), round2(o.score), d > 0 ? fill(L.score_higher, { n: d }) : d < 0 ? fill(L.score_lower, { n: -d }) : L.score_same];
    });
    out.appendChild(this.table(L.compare_hint, [L.subscale, L.you, L.them, L.difference], scoreRows));
    /* Statements: the answer each person chose (label and value), then the values the means use
       (a reverse-keyed statement counts max + min - answer), then the difference in words. */
    var min = +this.root.getAttribute("data-hq-min"), max = +this.root.getAttribute("data-hq-max");
    var items = $$(this.root, ".hq-item").map(function (item) {
      var id = item.getAttribute("data-hq-item"), legend = $(item, "legend").cloneNode(true), rev = item.hasAttribute("data-hq-reverse");
      $$(legend, "[hidden], .hq-number").forEach(function (n) { n.parentNode.removeChild(n); });
      var a = mine.answers[id], b = theirs.answers[id], d = b - a;
      var named = function (v) {
        var input = $$(item, "input").filter(function (i) { return +i.value === v; })[0];
        var label = input && input.labels && input.labels[0];
        return (label ? label.textContent.trim() + " " : "") + "(" + v + ")";
      };
      var words = !d ? L.diff_same : fill(L[(d > 0 ? "diff_higher" : "diff_lower") + (Math.abs(d) === 1 ? "_one" : "")], { n: Math.abs(d) });
      var scored = rev ? (min + max - a) + " / " + (min + max - b) : a + " / " + b;
      return { id: id, size: Math.abs(d), cells: [legend.textContent.trim(), named(a), named(b), scored, words] };
    });
    items.sort(function (x, y) { return y.size - x.size; });
    var table = out.appendChild(this.table(L.compare_caption, [L.statement, L.you_chose, L.they_chose, L.scored_pair, L.difference],
      items.map(function (r) { return r.cells; })));
    $$(table, "tbody tr").forEach(function (tr, i) { tr.setAttribute("data-hq-item", items[i].id); });
    out.focus();
  };
  /* Explicit table roles: the comparison's tables are restyled as blocks on phones, and the
     cells keep their headers for screen readers all the same. */
  Quiz.prototype.table = function (caption, heads, rows) {
    var table = el("table", null, "hq-table"), head = el("tr");
    var role = function (node, r) { node.setAttribute("role", r); return node; };
    role(table, "table");
    table.appendChild(el("caption", caption));
    heads.forEach(function (t) { var th = role(el("th", t), "columnheader"); th.scope = "col"; head.appendChild(th); });
    role(table.appendChild(role(el("thead"), "rowgroup")).appendChild(head), "row");
    var body = role(table.appendChild(el("tbody")), "rowgroup");
    rows.forEach(function (cells) {
      var row = role(body.appendChild(el("tr")), "row"), th = role(el("th", cells[0]), "rowheader");
      th.scope = "row";
      row.appendChild(th);
      cells.slice(1).forEach(function (c, i) { role(row.appendChild(el("td", c)), "cell").setAttribute("data-hq-col", heads[i + 1]); });
    });
    return table;
  };

  /* ---------- shared: results, restore, retry ---------- */
  Quiz.prototype.reveal = function (attempt, announcement) {
    this.results.hidden = false;
    $$(this.root, "textarea[data-hq-reflection]").forEach(function (box) {
      box.value = (attempt.reflection || [])[+box.getAttribute("data-hq-reflection")] || "";
    });
    if (!this.knowledge) $$(this.root, ".hq-item input, .hq-perspective input").forEach(function (i) { i.disabled = true; });
    this.showMode();
    var code = $(this.root, ".hq-code");
    if (code && attempt.perspective) code.value = this.shareCode(attempt);
    var scoreButton = $(this.root, ".hq-score, .hq-check-all");
    if (scoreButton) scoreButton.hidden = true;
    if (announcement) { this.say(announcement, true); this.results.focus(); }
  };

  Quiz.prototype.restore = function () {
    var list = this.state.attempts, last = list[list.length - 1], self = this;
    if ($(this.root, ".hq-perspective")) this.choosePerspective(last && last.hash === this.hash ? last.perspective : null, false);
    if (!last || last.hash !== this.hash) return;
    if (this.knowledge && last.only) this.showOnly(last.only);
    var boxes = this.boxes();
    Object.keys(last.answers).forEach(function (key) {
      var values = [].concat(last.answers[key]);
      if (has(boxes, key)) $$(boxes[key], "input").forEach(function (input) { input.checked = values.indexOf(+input.value) >= 0; });
    });
    if (this.knowledge) {
      last.checked.forEach(function (qid) {
        if (has(boxes, qid)) self.showVerdict(boxes[qid], last.answers[qid] || []);
      });
      if (last.finished) this.showKnowledgeResults(last, false);
    } else if (last.finished) {
      this.showSelfResults(last, false);
    }
  };

  Quiz.prototype.retry = function () {
    if (this.shuffled) this.arrange(this.draw()); /* a new attempt, a new order */
    this.current(); /* the finished attempt stays; a new one starts */
    this.save();
    this.reset();
  };

  Quiz.prototype.reset = function (keepFocus) {
    var root = this.root;
    this.form.reset();
    $$(root, "input").forEach(function (i) { i.disabled = false; i.checked = false; });
    $$(root, ".hq-option").forEach(function (o) { o.classList.remove("hq-is-correct", "hq-is-chosen"); });
    $$(root, ".hq-verdict").forEach(function (v) { clear(v); v.classList.remove("hq-right", "hq-wrong"); });
    $$(root, ".hq-answer").forEach(function (d) { d.open = false; d.hidden = true; });
    $$(root, ".hq-mark").forEach(function (m) { m.parentNode.removeChild(m); });
    $$(root, ".hq-check, .hq-score, .hq-check-all").forEach(function (b) { b.hidden = false; });
    this.showOnly(null);
    $$(root, "textarea").forEach(function (t) { t.value = ""; });
    this.results.hidden = true;
    this.chosenHere = false;
    clear(this.summary);
    if ($(root, ".hq-perspective")) this.choosePerspective(null, false);
    $$(root, ".hq-item, .hq-question").forEach(this.unask, this);
    this.progress(false);
    if (this.shuffled && !this.state.attempts.length) this.arrange(this.draw());
    if (!keepFocus) $(root, "input").focus();
  };

  /* Each quiz starts on its own: should one ever fail, the others still work, and the error is
     still reported (thrown again outside the loop). */
  function init(scope, refresh) {
    $$(scope || document, ".hq-quiz").forEach(function (root) {
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
  window.__hq = { init: init, round2: round2, Store: Store, el: el, fill: fill, invalid: invalid, quizInfo: quizInfo,
    isObj: isObj, isId: isId, isDate: isDate };
  function boot() {
    init(document);
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { init(document); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
