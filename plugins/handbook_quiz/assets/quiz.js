/* handbook_quiz/assets/quiz.js: built by handbook_quiz/assets.py from assets/js/ (python -m handbook_quiz.assets); edit the sources, not this. */
/* ---- js/scoring.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.scoring) return; /* already loaded: instant navigation may run the file again */

  function round2(x) { return Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9) / 100; }

  function isRight(chosen, correct) {
    return chosen.length === correct.length && chosen.every(function (c) { return correct.indexOf(c) >= 0; });
  }

  function knowledgeScore(right, total, passMark, practice) {
    var score = { right: right, total: total };
    if (passMark !== null && passMark !== undefined && !practice) score.passed = right / total >= passMark;
    return score;
  }

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
/* ---- js/text.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.text) return;
  var round2 = HQ.scoring.round2;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  function number(x) { return typeof x == "number" && isFinite(x) ? round2(x) : x; }
  function signed(d) { d = round2(d); return d > 0 ? "+" + d : d < 0 ? "\u2212" + -d : "0"; }

  HQ.text = { fill: fill, number: number, signed: signed };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/dom.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.dom) return;

  function one(root, selector) { return root.querySelector(selector); }
  function all(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function add(parent, tag, text, cls) { return parent.appendChild(el(tag, text, cls)); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function withAttr(nodes, name, value) {
    return nodes.filter(function (n) { return n.getAttribute(name) === value; });
  }
  function labels(node) { return JSON.parse(node.getAttribute("data-hq-labels")); }

  function announce(status, text, quiet) {
    status.textContent = "";
    status.classList.toggle("hq-sr", !!quiet);
    window.setTimeout(function () { status.textContent = text; }, 30);
  }

  function table(caption, heads, rows) {
    var node = el("table", null, "hq-table"), head = el("tr");
    var role = function (n, r) { n.setAttribute("role", r); return n; };
    role(node, "table");
    node.appendChild(el("caption", caption));
    heads.forEach(function (t) { var th = role(el("th", t), "columnheader"); th.scope = "col"; head.appendChild(th); });
    role(node.appendChild(role(el("thead"), "rowgroup")).appendChild(head), "row");
    var body = role(node.appendChild(el("tbody")), "rowgroup");
    rows.forEach(function (cells) {
      var row = role(body.appendChild(el("tr")), "row"), th = role(el("th", cells[0]), "rowheader");
      th.scope = "row";
      row.appendChild(th);
      cells.slice(1).forEach(function (c, i) { role(row.appendChild(el("td", c)), "cell").setAttribute("data-hq-col", heads[i + 1]); });
    });
    return node;
  }

  HQ.dom = { one: one, all: all, el: el, add: add, clear: clear, withAttr: withAttr, labels: labels,
    announce: announce, table: table };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/schema.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.schema) return;
  var VERSION = 1;
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

  function invalid(a, quizId, info) {
    if (!isObj(a) || a.v !== VERSION || a.quiz !== quizId || !isId(quizId) || !isStr(a.title) || !isStr(a.hash, 64) ||
      !HASH.test(a.hash) || (a.type !== "knowledge" && a.type !== "self-assessment") || (info && info.type !== a.type) ||
      !isDate(a.started) || !(a.finished === null || isDate(a.finished)) || !isObj(a.answers) ||
      !(a.reflection === undefined || listOf(a.reflection, function (t) { return t === null || isStr(t, 1e5); }, 50))) return "bad";
    var current = info && info.hash === a.hash ? info : null;
    return a.type === "knowledge" ? invalidKnowledge(a, current) : invalidSelfAssessment(a, current);
  }

  function invalidKnowledge(a, info) {
    var known = info ? info.questions : null, only = a.only;
    if (a.perspective !== undefined || a.scores !== undefined || !listOf(a.checked, isId, 1000) || !distinct(a.checked) ||
      !(a.practice === undefined || typeof a.practice === "boolean") || !(only === undefined || (a.practice === true &&
      listOf(only, isId, 1000) && only.length && distinct(only))) || !(a.order === undefined || isObj(a.order))) return "bad";
    var ids = Object.keys(a.answers).concat(a.checked, only || [], a.order ? Object.keys(a.order) : []);
    if (!ids.every(function (k) { return isId(k) && (!known || has(known, k)); })) return "bad";
    var choiceIn = function (k) { return function (c) { return isInt(c, 0, known ? known[k] - 1 : 99); }; };
    var range = Object.keys(a.answers).some(function (k) {
      var v = a.answers[k];
      return !listOf(v, choiceIn(k), 100) || !distinct(v);
    }) || (a.order && Object.keys(a.order).some(function (k) {
      var o = a.order[k];
      return !listOf(o, choiceIn(k), 100) || !distinct(o) || (known && o.length !== known[k]);
    }));
    if (range) return "range";
    if (!a.finished) return "";
    var s = a.score, size = only ? only.length : known ? Object.keys(known).length : 0;
    if (!isObj(s)) return "bad";
    return isInt(s.total, 1, 1000) && isInt(s.right, 0, s.total) && (!size || s.total === size) &&
      (s.passed === undefined || typeof s.passed === "boolean") ? "" : "range";
  }

  function invalidSelfAssessment(a, info) {
    var keys = Object.keys(a.answers);
    if (a.checked !== undefined || a.order !== undefined || a.only !== undefined || a.score !== undefined ||
      !(a.practice === undefined || a.practice === false) ||
      !(a.perspective == null || isStr(a.perspective, 40) && (!info || !info.perspectives || info.perspectives.indexOf(a.perspective) >= 0)) ||
      !keys.every(function (k) { return isId(k) && (!info || !info.items || info.items.indexOf(k) >= 0); })) return "bad";
    if (keys.some(function (k) { return !isInt(a.answers[k], info ? info.min : -1e6, info ? info.max : 1e6); })) return "range";
    if (!a.finished) return "";
    if (!listOf(a.scores, function (s) {
      return isObj(s) && (s.id === "" || isId(s.id)) && isStr(s.title) && isNum(s.score) &&
        (s.exact === undefined || isNum(s.exact)) && (s.band == null || isStr(s.band));
    }, 100) || !a.scores.length || a.scores[0].id !== "") return "bad";
    if (info && ((info.items && keys.length !== info.items.length) || (info.perspectives && a.perspective == null))) return "bad";
    return !info || info.sum || a.scores.every(function (s) { return s.score >= info.min && s.score <= info.max; }) ? "" : "range";
  }

  function quizInfo(node) {
    var get = function (n) { return node.getAttribute("data-hq-" + n); };
    var info = { type: get("type"), hash: get("hash"), min: +get("min"), max: +get("max"), sum: get("method") === "sum",
      items: null, questions: null, perspectives: null };
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

  function sameAttempt(a, b) { return a.quiz == b.quiz && a.started == b.started && a.hash == b.hash; }

  HQ.schema = { VERSION: VERSION, invalid: invalid, quizInfo: quizInfo, sameAttempt: sameAttempt, isObj: isObj,
    isInt: isInt, isId: isId, isDate: isDate, distinct: distinct, has: has };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/storage.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.storage) return;
  var schema = HQ.schema, VERSION = schema.VERSION;
  var memory = Object.create(null); /* what no storage area took, for as long as the page lives */

  function usable(name) {
    try {
      var s = window[name], probe = "hq:probe";
      s.setItem(probe, "1"); s.removeItem(probe);
      return s;
    } catch (e) { return null; }
  }
  function areaFor(mode) { return usable(mode === "device" ? "localStorage" : "sessionStorage"); }
  function parsedList(raw) {
    var list;
    try { list = JSON.parse(raw); } catch (e) { list = null; }
    return Array.isArray(list) ? list : [raw];
  }

  function Store(storeId) {
    this.id = storeId;
    this.prefix = "hq:" + storeId + ":";
  }
  var P = Store.prototype;

  P.quizKey = function (quizId) { return this.prefix + "quiz:" + quizId; };
  P.modeKey = function () { return this.prefix + "meta:mode"; };
  P.exportedKey = function () { return this.prefix + "meta:exported"; };
  P.asideKey = function (key) { return this.prefix + "aside:" + key; };

  P.mode = function () {
    var local = usable("localStorage"), session = usable("sessionStorage");
    if (local && local.getItem(this.modeKey()) === "device") return "device";
    if (session && session.getItem(this.modeKey()) === "tab") return "tab";
    return null;
  };
  P.area = function () { return areaFor(this.mode()); };
  P.keys = function (area) {
    var out = [], a = area || this.area();
    if (a) for (var i = 0; i < a.length; i++) { var k = a.key(i); if (k.indexOf(this.prefix) === 0) out.push(k); }
    if (!area) for (var m in memory) if (m.indexOf(this.prefix) === 0 && out.indexOf(m) < 0) out.push(m);
    return out;
  };
  P.get = function (key) {
    var a = this.area(), raw = a ? a.getItem(key) : null;
    return raw === null && key in memory ? memory[key] : raw;
  };
  P.set = function (key, raw) {
    var a = this.area();
    try { if (a) { a.setItem(key, raw); delete memory[key]; return true; } } catch (e) { /* full: memory */ }
    memory[key] = raw;
    return false;
  };
  P.remove = function (key) {
    var a = this.area();
    if (a) a.removeItem(key);
    delete memory[key];
  };

  P.quizIds = function () {
    var start = this.quizKey("");
    return this.keys().filter(function (k) { return k.indexOf(start) === 0; }).map(function (k) { return k.slice(start.length); });
  };
  P.read = function (quizId, info) {
    var key = this.quizKey(quizId), raw = this.get(key), data = null, good = [], bad = [];
    if (raw === null || raw === undefined) return { v: VERSION, attempts: [], skipped: 0 };
    try { data = JSON.parse(raw); } catch (e) { /* set aside below */ }
    if (!schema.isObj(data) || data.v !== VERSION || !Array.isArray(data.attempts) || !schema.isId(quizId)) {
      this.setAside(key, [raw]);
      this.remove(key);
      return { v: VERSION, attempts: [], skipped: 1 };
    }
    data.attempts.forEach(function (a) { (schema.invalid(a, quizId, info) ? bad : good).push(a); });
    if (bad.length) {
      this.setAside(key, bad);
      this.write(quizId, good);
    }
    return { v: VERSION, attempts: good, skipped: bad.length };
  };
  P.write = function (quizId, attempts) {
    return this.set(this.quizKey(quizId), JSON.stringify({ v: VERSION, attempts: attempts }));
  };
  P.removeQuiz = function (quizId) { this.remove(this.quizKey(quizId)); };
  P.snapshotQuiz = function (quizId) { return this.get(this.quizKey(quizId)); };
  P.restoreQuiz = function (quizId, raw) {
    if (raw === null) this.removeQuiz(quizId);
    else this.set(this.quizKey(quizId), raw);
  };

  P.setAside = function (key, records) {
    var aside = this.asideKey(key), old = this.get(aside);
    this.set(aside, JSON.stringify((old ? parsedList(old) : []).concat(records)));
  };
  P.aside = function () {
    var self = this, start = this.asideKey(""), out = Object.create(null);
    this.keys().forEach(function (k) {
      if (k.indexOf(start) === 0) out[k.slice(start.length)] = parsedList(self.get(k));
    });
    return out;
  };
  P.dropAside = function (attempt) {
    var key = this.asideKey(this.quizKey(attempt.quiz)), raw = this.get(key);
    if (!raw) return;
    var list = parsedList(raw).filter(function (r) {
      var inner = null;
      if (typeof r == "string") { try { inner = JSON.parse(r); } catch (x) { inner = null; } }
      if (schema.isObj(inner) && Array.isArray(inner.attempts)) {
        return !inner.attempts.some(function (x) { return schema.isObj(x) && schema.sameAttempt(x, attempt); });
      }
      return !(schema.isObj(r) && schema.sameAttempt(r, attempt));
    });
    if (list.length) this.set(key, JSON.stringify(list));
    else this.remove(key);
  };

  P.exported = function () { return this.get(this.exportedKey()); };
  P.markExported = function (when) { this.set(this.exportedKey(), when); };

  P.setMode = function (mode) {
    var from = this.area(), self = this, keys = this.keys(), values = {}, modeKey = this.modeKey();
    keys.forEach(function (k) { values[k] = self.get(k); });
    var to = areaFor(mode);
    if (!to) return false;
    keys.forEach(function (k) { if (from) from.removeItem(k); });
    [usable("localStorage"), usable("sessionStorage")].forEach(function (a) { if (a) a.removeItem(modeKey); });
    to.setItem(modeKey, mode);
    keys.forEach(function (k) { if (k !== modeKey) self.set(k, values[k]); });
    if (mode === "device" && navigator.storage && navigator.storage.persist) navigator.storage.persist();
    return true;
  };
  P.forget = function () {
    var self = this;
    [usable("localStorage"), usable("sessionStorage")].forEach(function (a) {
      if (a) self.keys(a).forEach(function (k) { a.removeItem(k); });
    });
    for (var m in memory) if (m.indexOf(this.prefix) === 0) delete memory[m];
  };

  HQ.storage = { Store: Store };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/sharecode.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.shareCode) return;
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

  function layout(quiz) {
    return { min: quiz.min, max: quiz.max, width: Math.max(1, Math.ceil(Math.log(quiz.max - quiz.min + 1) / Math.LN2 - 1e-9)),
      quiz: fnv(quiz.quizId) % 1024, version: fnv(quiz.hash) % 1024, keys: quiz.perspectives, items: quiz.items };
  }

  function encode(quiz, attempt) {
    var c = layout(quiz);
    var bits = bitsOf(c.quiz, 10) + bitsOf(c.version, 10) + bitsOf(Math.max(0, c.keys.indexOf(attempt.perspective)), 3) +
      c.items.map(function (id) { return bitsOf(attempt.answers[id] - c.min, c.width); }).join("");
    var body = toB32(bits);
    return (body + sealOf(body)).replace(/(.{4})(?=.)/g, "$1 ");
  }

  function decode(quiz, text, mine) {
    var c = layout(quiz), squeezed = String(text).replace(/[\s-]+/g, "");
    if (/^[a-z0-9-]+\.[0-9a-f]{6}\.[a-z0-9-]+\.[0-9a-z]+\.[0-9a-z]{4}$/i.test(squeezed)) return { error: "code_old" };
    var code = squeezed.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
    if (!/^[0-9A-HJKMNP-TV-Z]{7,60}$/.test(code)) return { error: "code_bad" };
    var body = code.slice(0, -2), sealed = sealOf(body) === code.slice(-2);
    var bits = body.split("").map(function (ch) { return bitsOf(B32.indexOf(ch), 5); }).join("");
    var otherQuiz = parseInt(bits.substr(0, 10), 2) !== c.quiz, otherVersion = parseInt(bits.substr(10, 10), 2) !== c.version;
    var need = Math.ceil((23 + c.items.length * c.width) / 5);
    if (body.length !== need) return { error: sealed && otherQuiz ? "code_quiz" : sealed && otherVersion ? "code_version" : "code_bad" };
    if (!sealed) return { error: "code_typo" };
    if (otherQuiz) return { error: "code_quiz" };
    if (otherVersion) return { error: "code_version" };
    var key = c.keys[parseInt(bits.substr(20, 3), 2)];
    if (!key) return { error: "code_bad" };
    if (key === mine) return { error: "code_same" };
    var answers = {};
    for (var i = 0; i < c.items.length; i++) {
      var value = parseInt(bits.substr(23 + i * c.width, c.width), 2) + c.min;
      if (value > c.max) return { error: "code_range" };
      answers[c.items[i]] = value;
    }
    return { perspective: key, answers: answers };
  }

  HQ.shareCode = { encode: encode, decode: decode };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/render.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.render) return;
  var dom = HQ.dom, el = dom.el, one = dom.one, round2 = HQ.scoring.round2;

  function overallLast(scores) { return scores.slice(1).concat(scores.slice(0, 1)); }

  function bars(scores, min, max, sum) {
    var chart = el("div", null, "hq-bars");
    chart.setAttribute("aria-hidden", "true");
    scores.forEach(function (s) {
      var fraction = sum ? s.score / (scores[scores.length - 1].score || 1) : (s.score - min) / (max - min);
      var row = el("div", null, "hq-bar");
      row.appendChild(el("span", s.title, "hq-bar-label"));
      var track = row.appendChild(el("span", null, "hq-bar-track")), bar = track.appendChild(el("span", null, "hq-bar-fill"));
      bar.style.width = Math.max(2, Math.round(fraction * 100)) + "%";
      row.appendChild(el("span", round2(s.score), "hq-bar-value"));
      chart.appendChild(row);
    });
    return chart;
  }

  function bandText(bandNode, title, band) {
    var copy = bandNode.cloneNode(true);
    copy.className = "hq-band-shown";
    var label = one(copy, ".hq-band-label strong");
    if (label) label.textContent = title + ": " + band;
    return copy;
  }

  HQ.render = { overallLast: overallLast, bars: bars, bandText: bandText };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/kinds.js ---- */
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
  function boxes(root) { return HQ.dom.all(root, BOX); }

  HQ.kinds = { BOX: BOX, nameOf: nameOf, of: of, boxes: boxes };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/kinds/choice.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.kinds.choice) return;
  var dom = HQ.dom, one = dom.one, all = dom.all, el = dom.el;

  function verdictLead(words) {
    var list = String(words || "").split(",").map(function (w) { return w.trim(); }).filter(Boolean)
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return list.length ? new RegExp("^\\s*(?:" + list.join("|") + ")\\s*[.!:](?:\\s+|$)", "i") : /$^/;
  }
  function stripLead(node, lead) {
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), text;
    while ((text = walker.nextNode()) && !text.data.trim()) { /* skip blank text */ }
    if (!text || !lead.test(text.data)) return;
    var rest = text.data.replace(lead, "");
    text.data = rest.charAt(0).toUpperCase() + rest.slice(1);
  }
  function correct(box) {
    return all(box, ".hq-option[data-hq-correct]").map(function (o) { return +o.getAttribute("data-hq-choice"); });
  }

  var choice = {
    id: function (box) { return box.getAttribute("data-hq-qid"); },
    read: function (box) { return all(box, "input:checked").map(function (i) { return +i.value; }); },
    answered: function (box) { return !!one(box, "input:checked"); },
    restore: function (box, answer) {
      var values = [].concat(answer);
      all(box, "input").forEach(function (input) { input.checked = values.indexOf(+input.value) >= 0; });
    },
    prepare: function (box, labels) {
      var lead = verdictLead(labels.verdict_words);
      all(box, ".hq-why").forEach(function (why) { stripLead(why, lead); });
      all(box, ".hq-answer").forEach(function (d) { d.hidden = true; });
    },
    answer: function () {}, /* feedback waits for Check */
    isRight: function (box, answer) { return HQ.scoring.isRight(answer, correct(box)); },
    feedback: function (box, chosen, labels) {
      var right = choice.isRight(box, chosen), key = correct(box);
      all(box, "input").forEach(function (i) { i.disabled = true; });
      all(box, ".hq-option").forEach(function (o) {
        var n = +o.getAttribute("data-hq-choice");
        o.classList.toggle("hq-is-correct", key.indexOf(n) >= 0);
        o.classList.toggle("hq-is-chosen", chosen.indexOf(n) >= 0);
      });
      var button = one(box, ".hq-check");
      if (button) button.hidden = true;
      var verdict = one(box, ".hq-verdict"), lead = verdictLead(labels.verdict_words);
      dom.clear(verdict);
      verdict.appendChild(el("strong", right ? labels.right : labels.wrong));
      all(box, ".hq-feedback li").forEach(function (li) {
        if (chosen.indexOf(+li.getAttribute("data-hq-choice")) < 0) return;
        var why = one(li, ".hq-why"), text = why ? why.textContent.replace(lead, "").trim() : "";
        if (text) verdict.appendChild(el("span", " " + text));
        li.classList.add("hq-chosen-feedback");
        if (!one(li, ".hq-mark")) li.insertBefore(el("span", labels.your_choice + ". ", "hq-mark"), li.firstChild);
      });
      verdict.classList.toggle("hq-right", right);
      verdict.classList.toggle("hq-wrong", !right);
      var details = one(box, ".hq-answer");
      details.hidden = false;
      details.open = true;
      return right;
    },
    checked: function (box) { return !!one(box, ".hq-verdict").firstChild; },
    wasRight: function (box) { return one(box, ".hq-verdict").classList.contains("hq-right"); },
    wasWrong: function (box) { return one(box, ".hq-verdict").classList.contains("hq-wrong"); },
    reset: function (box) {
      all(box, ".hq-option").forEach(function (o) { o.classList.remove("hq-is-correct", "hq-is-chosen"); });
      all(box, ".hq-verdict").forEach(function (v) { dom.clear(v); v.classList.remove("hq-right", "hq-wrong"); });
      all(box, ".hq-answer").forEach(function (d) { d.open = false; d.hidden = true; });
      all(box, ".hq-mark").forEach(function (m) { m.parentNode.removeChild(m); });
    }
  };
  HQ.kinds.choice = choice;
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/kinds/scale.js ---- */
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
    answer: function (box) { box.classList.remove("hq-missing"); },
    reset: function (box) { box.classList.remove("hq-missing"); }
  };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/controller.js ---- */
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

  Quiz.types = Object.create(null);
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

  Q.notice = function (text) { this.root.insertBefore(el("p", text, "hq-notice"), this.form); };

  Q.say = function (text, quiet) { dom.announce(this.status, text, quiet); };

  Q.boxes = function () {
    var map = Object.create(null);
    kinds.boxes(this.root).forEach(function (box) { map[kinds.of(box).id(box)] = box; });
    return map;
  };
  Q.questions = function () {
    var knowledge = this.knowledge;
    return kinds.boxes(this.root).filter(function (box) { return !knowledge || !box.hidden; });
  };

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
/* ---- js/knowledge.js ---- */
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
/* ---- js/self-assessment.js ---- */
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

  Q.bands = function () {
    return all(this.root, ".hq-band").map(function (node) {
      return { scope: node.getAttribute("data-hq-scope"), from: +node.getAttribute("data-hq-from"),
        label: node.getAttribute("data-hq-label"), node: node };
    });
  };
  Q.band = function (scope, score) { return HQ.scoring.bandFor(scope, score, this.scale().method, this.bands()); };

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
    var scoreRows = render.overallLast(mine.scores).map(function (s) {
      var o = other.filter(function (x) { return x.id === s.id; })[0], d = round2(o.score - s.score);
      return [s.title, round2(s.score), round2(o.score),
        d > 0 ? fill(L.score_higher, { n: d }) : d < 0 ? fill(L.score_lower, { n: -d }) : L.score_same];
    });
    out.appendChild(dom.table(L.compare_hint, [L.subscale, L.you, L.them, L.difference], scoreRows));
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
/* ---- js/consent.js ---- */
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
    if (consent) consent.hidden = (!!mode && !this.chosenHere) || this.results.hidden;
    all(this.root, ".hq-keep-device, .hq-keep-tab").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.classList.contains("hq-keep-" + mode)));
    });
    if (where) where.textContent = mode === "device" ? L.saved_device : L.saved_tab;
  };

  Q.choose = function (mode, fromResults) {
    if (!this.store.setMode(mode)) { this.say(this.L.storage_off); return; }
    var pressed = fromResults && document.activeElement, top = pressed && pressed.getBoundingClientRect().top;
    if (fromResults) this.chosenHere = true;
    this.save();
    HQ.quiz.init(document, true);
    this.say(mode === "device" ? this.L.mode_device : this.L.mode_tab, fromResults);
    if (pressed) window.scrollBy(0, pressed.getBoundingClientRect().top - top);
    if (!fromResults && one(this.root, ".hq-switch")) one(this.root, ".hq-switch").focus();
  };

  Q.forget = function () {
    if (!window.confirm(this.L.forget_confirm)) return;
    this.store.forget();
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
/* ---- js/boot.js ---- */
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
