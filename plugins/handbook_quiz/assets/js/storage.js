/* HandbookQuiz.storage: where attempts are kept. sessionStorage until the reader chooses "keep on
   this device" (localStorage); in memory when neither can be written (full, or blocked).
   Every key is built here and nowhere else:
     hq:<store>:quiz:<id>         the quiz's attempts, { v: 1, attempts: [...] } (schema.js)
     hq:<store>:meta:mode         "device" (in localStorage) or "tab" (in sessionStorage)
     hq:<store>:meta:exported     when My results last exported everything
     hq:<store>:aside:<key>       a JSON list of what could not be read under <key> (unreadable text,
                                  or attempts the schema refused), kept for the JSON export only */
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

  /* ---------- keys ---------- */
  P.quizKey = function (quizId) { return this.prefix + "quiz:" + quizId; };
  P.modeKey = function () { return this.prefix + "meta:mode"; };
  P.exportedKey = function () { return this.prefix + "meta:exported"; };
  P.asideKey = function (key) { return this.prefix + "aside:" + key; };

  /* ---------- raw values, in the chosen area (or memory) ---------- */
  P.mode = function () {
    var local = usable("localStorage"), session = usable("sessionStorage");
    if (local && local.getItem(this.modeKey()) === "device") return "device";
    if (session && session.getItem(this.modeKey()) === "tab") return "tab";
    return null;
  };
  /* The storage area in use, or null when none can be written (results then last as long as the page). */
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
  /* true when the area took it; false when it went to memory (storage full or blocked). */
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

  /* ---------- attempts ---------- */
  /* The ids of the quizzes this store holds attempts of. */
  P.quizIds = function () {
    var start = this.quizKey("");
    return this.keys().filter(function (k) { return k.indexOf(start) === 0; }).map(function (k) { return k.slice(start.length); });
  };
  /* A quiz's usable attempts; whatever the schema refuses is moved aside and counted in `skipped`. */
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
  /* The stored text of a quiz's attempts (null if none), to put back with restoreQuiz. */
  P.snapshotQuiz = function (quizId) { return this.get(this.quizKey(quizId)); };
  P.restoreQuiz = function (quizId, raw) {
    if (raw === null) this.removeQuiz(quizId);
    else this.set(this.quizKey(quizId), raw);
  };

  /* ---------- what could not be read ---------- */
  P.setAside = function (key, records) {
    var aside = this.asideKey(key), old = this.get(aside);
    this.set(aside, JSON.stringify((old ? parsedList(old) : []).concat(records)));
  };
  /* Everything set aside so far, by the key it was found under (without the prefix), each a list. */
  P.aside = function () {
    var self = this, start = this.asideKey(""), out = Object.create(null);
    this.keys().forEach(function (k) {
      if (k.indexOf(start) === 0) out[k.slice(start.length)] = parsedList(self.get(k));
    });
    return out;
  };
  /* A deleted attempt leaves no copy among the data set aside (where an older runtime kept whole
     unreadable values), so nothing of it stays in storage or reaches an export. */
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

  /* ---------- the last export ---------- */
  P.exported = function () { return this.get(this.exportedKey()); };
  P.markExported = function (when) { this.set(this.exportedKey(), when); };

  /* ---------- the reader's choice ---------- */
  /* Move everything to the chosen area, so switching never loses or duplicates an attempt. */
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
  /* Everything of this store, in both areas and in memory: results, data set aside, the choice. */
  P.forget = function () {
    var self = this;
    [usable("localStorage"), usable("sessionStorage")].forEach(function (a) {
      if (a) self.keys(a).forEach(function (k) { a.removeItem(k); });
    });
    for (var m in memory) if (m.indexOf(this.prefix) === 0) delete memory[m];
  };

  HQ.storage = { Store: Store };
})(window.HandbookQuiz = window.HandbookQuiz || {});
