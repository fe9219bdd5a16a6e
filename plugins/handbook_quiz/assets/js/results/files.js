/* HandbookQuiz.resultsFiles: My results' files, JSON (everything, to import again) and CSV (for a
   spreadsheet), and the checks an imported file goes through before anything is changed.
   Loaded in results.js, which may run before quiz.js (instant navigation): modules of quiz.js are
   looked up when a function runs, not when this file loads. */
(function (HQ) {
  "use strict";
  if (HQ.resultsFiles) return;
  var FORMAT = "alliance-handbook-results", CAP = 2e6;

  /* A problem that refuses the whole file: `why` names the label rp_err_<why>, `where` the spot. */
  function Refusal(why, where) { this.why = why; this.where = where; }
  function need(condition, why, where) { if (!condition) throw new Refusal(why, where); }

  /* Caps on depth, counts and string lengths, and no prototype keys, anywhere in a file. */
  function walk(x, depth) {
    need(depth < 12, "bad", "depth");
    if (typeof x == "string") need(x.length <= 1e5, "bad", "text");
    if (!x || typeof x != "object") return;
    need(Object.keys(x).length <= 2000, "bad", "count");
    Object.keys(x).forEach(function (k) {
      need(!/^(__proto__|constructor|prototype)$/.test(k) && k.length <= 200, "bad", k);
      walk(x[k], depth + 1);
    });
  }

  /* The file as a whole: refused (a Refusal thrown), with nothing changed, unless it is an export
     of this site's store. */
  function checkFile(d, storeId) {
    var isObj = HQ.schema.isObj;
    need(isObj(d) && d.format === FORMAT, "format");
    need(d.v === 1, Number.isFinite(d.v) && d.v > 1 ? "newer" : "format");
    delete d.aside; /* exported for the reader's own use; never imported */
    walk(d, 0);
    need(d.store === storeId, "store", d.store);
    need(isObj(d.quizzes), "bad", "quizzes");
  }

  /* Each attempt through the same schema as storage: the usable ones by quiz, the rest counted,
     with where and why the first one was skipped. A quiz this handbook no longer has is kept.
     `infoOf(quizId)` is the quiz as the page knows it (schema.quizInfo), or undefined. */
  function sortFile(d, infoOf) {
    var schema = HQ.schema, out = { quizzes: Object.create(null), skipped: 0, first: null };
    function skip(where, why, n) {
      out.skipped += n || 1;
      if (!out.first) out.first = { where: where, why: why };
    }
    Object.keys(d.quizzes).forEach(function (qid) {
      var e = d.quizzes[qid], listed = schema.isObj(e) && Array.isArray(e.attempts);
      if (!schema.isId(qid) || !listed) return skip(qid, "bad", listed ? e.attempts.length : 1);
      out.quizzes[qid] = e.attempts.filter(function (a, i) {
        var why = schema.invalid(a, qid, infoOf(qid));
        if (why) skip(qid + " #" + (i + 1), why);
        return !why;
      });
    });
    return out;
  }

  /* Stored and imported attempts of one quiz, merged by (quiz, started, hash), in time order;
     `added` and `duplicates` counted. */
  function merge(stored, imported) {
    var list = stored.slice(), added = 0, duplicates = 0;
    imported.forEach(function (a) {
      if (list.some(function (x) { return HQ.schema.sameAttempt(x, a); })) duplicates++;
      else { list.push(a); added++; }
    });
    list.sort(function (x, y) { return x.started < y.started ? -1 : x.started > y.started ? 1 : 0; });
    return { attempts: list, added: added, duplicates: duplicates };
  }

  /* The JSON export: every attempt by quiz, and what was set aside (never imported back). */
  function exportJSON(storeId, attemptsByQuiz, aside, now) {
    var out = { format: FORMAT, v: 1, store: storeId, exported: now, quizzes: {}, aside: aside };
    Object.keys(attemptsByQuiz).forEach(function (k) { out.quizzes[k] = { attempts: attemptsByQuiz[k] }; });
    return JSON.stringify(out, null, 1);
  }

  /* A text cell a spreadsheet would run as a formula gets a leading '. */
  function csvCell(v) {
    if (typeof v == "number") return v;
    v = v == null ? "" : String(v);
    return '"' + (/^[=+\-@\t\r]/.test(v) ? "'" : "") + v.replace(/"/g, '""') + '"';
  }

  /* One row per finished attempt and area (overall first); the reflection goes with the overall
     row. `currentHash(quizId)` is the quiz's hash on this site, or undefined. */
  function exportCSV(finishedByQuiz, currentHash) {
    var number = HQ.text.number;
    var rows = [["quiz", "title", "type", "hash", "version", "started", "finished", "perspective", "area_id", "area", "score",
      "band", "right", "total", "passed", "reflection"]];
    Object.keys(finishedByQuiz).forEach(function (qid) {
      finishedByQuiz[qid].forEach(function (a) {
        var base = [qid, a.title, a.type, a.hash, currentHash(qid) == a.hash ? "current" : "older", a.started, a.finished,
          a.perspective], text = (a.reflection || []).filter(Boolean).join("\n"), s = a.score;
        if (a.type == "knowledge") rows.push(base.concat("", "", "", "", s.right, s.total, s.passed, text));
        else a.scores.forEach(function (x, i) { rows.push(base.concat(x.id, x.title, number(x.score), x.band, "", "", "", i ? "" : text)); });
      });
    });
    return "\ufeff" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  HQ.resultsFiles = { FORMAT: FORMAT, CAP: CAP, Refusal: Refusal, checkFile: checkFile, sortFile: sortFile, merge: merge,
    exportJSON: exportJSON, exportCSV: exportCSV, csvCell: csvCell };
})(window.HandbookQuiz = window.HandbookQuiz || {});
