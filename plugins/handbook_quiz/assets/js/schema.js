/* HandbookQuiz.schema: the one record schema every stored or imported attempt must meet.
   Quiz pages and My results read storage through Store.read, and imports check each attempt, all
   with `invalid`: a hand-edited file or storage entry is skipped (and counted) wherever it turns
   up, never half-used, never the end of the page. `info` is the quiz as this page knows it
   (quizInfo); without it (a quiz no longer in the handbook) only the shape is checked. Checks
   against the quiz's ids and scale apply to attempts made on its current version (same content
   hash); an older version's ids and scale are not known here, so its attempts are shown as stored.

   An attempt: { v: 1, quiz, title, type: "knowledge"|"self-assessment", hash, started, finished
   (ISO dates; finished null until done), answers: { id: [choice indices] | scale value },
   reflection?: [text] } and, for knowledge checks, checked: [question ids], order?: { id: [choice
   indices in the order shown] }, practice?, only?: [ids] (practice), score: { right, total,
   passed? }; for self-assessments perspective?, scores: [{ id ("" overall first), title, score,
   exact?, band? }]. */
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

  /* "" for a usable attempt, "range" for a value outside the quiz, "bad" for anything else. */
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

  /* The quiz as the schema needs it, from the data attributes of a quiz or of a My results entry. */
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

  /* Two records of one attempt (an import merges on this; a deletion removes every copy). */
  function sameAttempt(a, b) { return a.quiz == b.quiz && a.started == b.started && a.hash == b.hash; }

  HQ.schema = { VERSION: VERSION, invalid: invalid, quizInfo: quizInfo, sameAttempt: sameAttempt, isObj: isObj,
    isInt: isInt, isId: isId, isDate: isDate, distinct: distinct, has: has };
})(window.HandbookQuiz = window.HandbookQuiz || {});
