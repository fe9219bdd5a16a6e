/* handbook_quiz/assets/results.js: built by handbook_quiz/assets.py from assets/js/ (python -m handbook_quiz.assets); edit the sources, not this. */
/* ---- js/results/files.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.resultsFiles) return;
  var FORMAT = "alliance-handbook-results", CAP = 2e6;

  function Refusal(why, where) { this.why = why; this.where = where; }
  function need(condition, why, where) { if (!condition) throw new Refusal(why, where); }

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

  function checkFile(d, storeId) {
    var isObj = HQ.schema.isObj;
    need(isObj(d) && d.format === FORMAT, "format");
    need(d.v === 1, Number.isFinite(d.v) && d.v > 1 ? "newer" : "format");
    delete d.aside; /* exported for the reader's own use; never imported */
    walk(d, 0);
    need(d.store === storeId, "store", d.store);
    need(isObj(d.quizzes), "bad", "quizzes");
  }

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

  function merge(stored, imported) {
    var list = stored.slice(), added = 0, duplicates = 0;
    imported.forEach(function (a) {
      if (list.some(function (x) { return HQ.schema.sameAttempt(x, a); })) duplicates++;
      else { list.push(a); added++; }
    });
    list.sort(function (x, y) { return x.started < y.started ? -1 : x.started > y.started ? 1 : 0; });
    return { attempts: list, added: added, duplicates: duplicates };
  }

  function exportJSON(storeId, attemptsByQuiz, aside, now) {
    var out = { format: FORMAT, v: 1, store: storeId, exported: now, quizzes: {}, aside: aside };
    Object.keys(attemptsByQuiz).forEach(function (k) { out.quizzes[k] = { attempts: attemptsByQuiz[k] }; });
    return JSON.stringify(out, null, 1);
  }

  function csvCell(v) {
    if (typeof v == "number") return v;
    v = v == null ? "" : String(v);
    return '"' + (/^[=+\-@\t\r]/.test(v) ? "'" : "") + v.replace(/"/g, '""') + '"';
  }

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
/* ---- js/results/profile.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.resultsProfile) return;
  var SVG = "http://www.w3.org/2000/svg";

  function svg(parent, tag, attrs, text) {
    var node = parent.appendChild(document.createElementNS(SVG, tag));
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function share(score, quiz) { return Math.max(0, Math.min(1, (score - quiz.min) / (quiz.max - quiz.min || 1))); }

  function draw(body, profile, attempt, opts) {
    var dom = HQ.dom, fill = HQ.text.fill, number = HQ.text.number, L = opts.labels;
    var rows = attempt.scores.slice(1).map(function (s) {
      var chapter = opts.chapterFor(s.id), last = chapter && opts.latest(chapter);
      return { score: s, chapterScore: last && !chapter.sum && last.scores[0], chapter: chapter };
    });
    var W = Math.max(300, Math.min(600, opts.width || 600)), w = W - 24, height = rows.length * 50;
    var chart = svg(body, "svg", { viewBox: "0 0 " + W + " " + (height + 28), role: "img", "class": "hq-rp-chart",
      "aria-labelledby": "hq-rp-chart-t hq-rp-chart-d" });
    svg(chart, "title", { id: "hq-rp-chart-t" }, opts.title);
    svg(chart, "desc", { id: "hq-rp-chart-d" }, fill(L.rp_chart_desc, profile));
    for (var t = profile.min; t <= profile.max; t++) {
      var x = 12 + w * share(t, profile);
      svg(chart, "line", { x1: x, x2: x, y2: height + 4, "class": "hq-rp-grid" });
      svg(chart, "text", { x: x, y: height + 22, "text-anchor": "middle" }, t);
    }
    rows.forEach(function (r, i) {
      svg(chart, "text", { x: 12, y: i * 50 + 17 }, r.score.title + ": " + number(r.score.score) +
        (r.chapterScore ? " (" + L.rp_chapter_short + ": " + number(r.chapterScore.score) + ")" : ""));
      svg(chart, "rect", { x: 12, y: i * 50 + 24, height: 14, width: Math.max(2, w * share(r.score.score, profile)), "class": "hq-rp-bar" });
      if (r.chapterScore) {
        svg(chart, "rect", { x: 12, y: i * 50 + 40, height: 5, width: Math.max(2, w * share(r.chapterScore.score, r.chapter)),
          "class": "hq-rp-bar2" });
      }
    });
    dom.add(body, "p", L.rp_legend, "hq-rp-legend");
    body.appendChild(dom.table(fill(L.range, profile), [L.subscale, L.rp_profile_col, L.band_col, L.rp_chapter_col],
      rows.concat({ score: attempt.scores[0] }).map(function (r) {
        return [r.score.title, number(r.score.score), r.score.band || "\u2013", r.chapterScore ? number(r.chapterScore.score) : "\u2013"];
      })));
  }

  HQ.resultsProfile = { draw: draw };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/results/page.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.resultsPage) return;
  var SECTIONS = ["storage", "progress", "profile", "attempts", "tools"];

  function last(list) { return list[list.length - 1]; }

  function start(root) {
    var dom = HQ.dom, all = dom.all, add = dom.add, fill = HQ.text.fill, number = HQ.text.number, signed = HQ.text.signed;
    var files = HQ.resultsFiles;
    root.setAttribute("data-hq-ready", "");
    var L = dom.labels(root), storeId = root.getAttribute("data-hq-store"), profileId = root.getAttribute("data-hq-profile");
    var store = new HQ.storage.Store(storeId), lang = document.documentElement.lang || undefined;
    var status = dom.one(root, ".hq-rp-status"), section = {}, picked = "";
    var catalog = Object.create(null), order = [], byArea = Object.create(null);
    var data, asideCount; /* attempts by quiz id, as last read from storage; records set aside */

    all(root, ".hq-catalog li").forEach(function (li) {
      var get = function (n) { return li.getAttribute("data-hq-" + n); }, a = dom.one(li, "a"), info = HQ.schema.quizInfo(li);
      var entry = { id: get("quiz"), type: info.type, hash: info.hash, min: info.min, max: info.max, sum: info.sum, info: info,
        title: a.textContent, url: a.getAttribute("href"), li: li, perspectives: JSON.parse(get("perspectives") || "{}") };
      order.push(entry.id);
      catalog[entry.id] = entry;
      if (get("profile-area")) byArea[get("profile-area")] = entry;
    });
    SECTIONS.forEach(function (n) { section[n] = dom.one(root, ".hq-rp-" + n); });

    function when(iso) { return new Date(iso).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" }); }
    function link(parent, q) { add(parent, "a", q.title).href = q.url; }
    function done(qid) { return (data[qid] || []).filter(function (a) { return a.finished; }); }
    function full(qid) { return done(qid).filter(function (a) { return !a.practice; }); }
    function button(parent, text, onClick, key) {
      var b = add(parent, "button", text, "md-button");
      b.type = "button";
      b.onclick = onClick;
      if (key) b.setAttribute("data-k", key);
      return b;
    }
    function danger(b) { b.classList.add("hq-danger"); return b; }
    function body(name) {
      var s = section[name], b = dom.one(s, ".hq-rp-body");
      if (b) s.removeChild(b);
      b = s.insertBefore(dom.el("div", null, "hq-rp-body"), name == "progress" ? null : s.children[1] || null);
      add(b, "p", null, "hq-rp-msg").tabIndex = -1;
      return b;
    }
    function say(text, name) {
      var m = dom.one(section[name], ".hq-rp-msg");
      dom.announce(status, text);
      m.textContent = text;
      if (!root.contains(document.activeElement)) m.focus();
    }

    function load() {
      data = Object.create(null);
      store.quizIds().forEach(function (qid) {
        var read = store.read(qid, catalog[qid] && catalog[qid].info);
        if (read.attempts.length) data[qid] = read.attempts;
      });
      asideCount = 0;
      var kept = store.aside();
      for (var k in kept) asideCount += kept[k].length;
    }

    function render() {
      var key = document.activeElement.getAttribute("data-k");
      load();
      storageSection();
      progressSection();
      profileSection();
      attemptsSection();
      toolsSection();
      var again = key && dom.withAttr(all(root, "[data-k]"), "data-k", key)[0];
      if (again) again.focus();
    }

    function storageSection() {
      var b = body("storage"), mode = store.mode(), area = store.area();
      if (!area) add(b, "p", L.storage_off, "hq-rp-note");
      if (asideCount) button(add(b, "p", fill(L.rp_aside, { n: asideCount }) + " ", "hq-rp-note"), L.rp_export_json, downloadJSON);
      add(b, "p", L["mode_" + (mode || "unset")]);
      var row = add(b, "p", null, "hq-rp-row");
      if (area) ["device", "tab"].forEach(function (m) {
        if (mode != m) button(row, L["switch_" + m], function () {
          if (!store.setMode(m)) return say(L.storage_off, "storage");
          render();
          say(L["mode_" + m], "storage");
        }, m);
      });
      danger(button(row, L.forget, function () {
        if (!confirm(L.forget_confirm)) return;
        store.forget();
        render();
        say(L.forgotten, "storage");
      }, "forget"));
    }

    function lastScore(a) {
      return a.type == "knowledge" ? fill(L.score, a.score) : a.scores[0].title + ": " + number(a.scores[0].score);
    }

    function progressSection() {
      var b = body("progress"), counts = { knowledge: [0, 0], "self-assessment": [0, 0] };
      order.forEach(function (qid) {
        var q = catalog[qid], a = last(full(qid)), c = counts[q.type];
        var line = dom.one(q.li, ".hq-rp-st") || add(q.li, "span", null, "hq-rp-st");
        if (q.li.getAttribute("data-hq-audience") !== "instructors") { /* a demonstration for instructors: not counted */
          c[1]++;
          if (a) c[0]++;
        }
        line.textContent = " \u2014 " + (a ? fill(L.rp_done_on, { date: when(a.finished) }) + ", " + lastScore(a) : L.rp_not_yet);
        q.li.classList.toggle("hq-rp-done", !!a);
      });
      [["knowledge", "knowledge"], ["self", "self-assessment"]].forEach(function (t) {
        var c = counts[t[1]];
        if (c[1]) add(b, "p", fill(L["rp_count_" + t[0]], { done: c[0], total: c[1], left: c[1] - c[0] }), "hq-rp-count");
      });
    }

    function profileSection() {
      var b = body("profile"), q = catalog[profileId], a = q && last(done(profileId));
      section.profile.hidden = !q;
      if (!q) return;
      if (!a) return link(add(b, "p", L.rp_profile_none + " "), q);
      var title = fill(L.rp_profile_of, { date: when(a.finished) });
      add(b, "p", title);
      if (a.hash != q.hash) add(b, "p", L.rp_older, "hq-rp-old");
      HQ.resultsProfile.draw(b, q, a, { labels: L, title: title, width: section.profile.clientWidth,
        chapterFor: function (area) { return byArea[area]; },
        latest: function (entry) { return last(done(entry.id)); } });
    }

    function attemptsSection() {
      var b = body("attempts"), ids = order.concat(Object.keys(data)).filter(function (k, i, list) {
        return list.indexOf(k) == i && done(k).length;
      });
      if (!ids.length) add(b, "p", L.rp_none);
      ids.forEach(function (qid) {
        var q = catalog[qid], finished = done(qid), group = add(b, "div", null, "hq-rp-quiz"), heading = add(group, "h3");
        if (q) link(heading, q);
        else { heading.textContent = last(finished).title; add(group, "p", L.rp_gone, "hq-rp-old"); } /* an older version of the handbook */
        finished.forEach(function (a, i) {
          var prev = a.practice ? null : finished.slice(0, i).filter(function (x) { return !x.practice; }).pop();
          attemptView(add(group, "div", null, "hq-rp-attempt"), q, a, i, prev, heading.textContent);
        });
      });
    }

    function attemptView(d, q, a, i, prev, title) {
      var comparable = prev && prev.hash == a.hash, s = a.score, before = Object.create(null), list;
      add(add(d, "h4", fill(L.rp_attempt, { n: i + 1 }) + ": "), "time", when(a.finished)).setAttribute("datetime", a.finished);
      if (q && a.hash != q.hash) add(d, "p", L.rp_older, "hq-rp-old");
      if (a.practice) add(d, "p", L.rp_practice, "hq-rp-old");
      if (a.perspective) add(d, "p", fill(L.rp_perspective, { p: (q && q.perspectives[a.perspective]) || a.perspective }));
      if (a.type == "knowledge") {
        add(d, "p", fill(L.score, s) + (s.passed === undefined ? "" : ". " + L[s.passed ? "rp_passed" : "rp_not_passed"]), "hq-rp-score");
        if (comparable) add(d, "p", fill(L.rp_change, { d: signed(s.right - prev.score.right) }), "hq-rp-change");
      } else {
        if (comparable) prev.scores.forEach(function (p) { before[p.id] = p.score; });
        d.appendChild(dom.table(q && q.hash == a.hash && !q.sum ? fill(L.range, q) : L.results,
          [L.subscale, L.score_col, L.rp_change_col, L.band_col],
          HQ.render.overallLast(a.scores).map(function (x) {
            return [x.title, number(x.score), x.id in before ? signed(x.score - before[x.id]) : "\u2013", x.band || "\u2013"];
          })));
      }
      if (!comparable && !a.practice) add(d, "p", prev ? L.rp_no_compare : L.rp_first);
      (a.reflection || []).filter(Boolean).forEach(function (text, n) {
        if (!n) { add(d, "p", L.rp_reflection, "hq-rp-rh"); list = add(d, "ul", null, "hq-rp-refl"); }
        add(list, "li", text);
      });
      var row = add(d, "p", null, "hq-rp-row");
      button(row, L.rp_print_one, function () { print(d); });
      danger(button(row, L.rp_delete_one, function () {
        if (!confirm(fill(L.rp_delete_confirm, { quiz: title, date: when(a.finished) }))) return;
        var kept = store.read(a.quiz).attempts.filter(function (x) { return !HQ.schema.sameAttempt(x, a); });
        if (kept.length) store.write(a.quiz, kept);
        else store.removeQuiz(a.quiz);
        store.dropAside(a);
        render();
        say(L.rp_deleted_one, "attempts");
      }));
    }

    function print(one) {
      var marked = one ? [one, one.parentNode, root] : [root], cls = one ? "hq-print-one" : "hq-print-all";
      marked.forEach(function (n) { n.classList.add(n == root ? cls : "hq-print-target"); });
      addEventListener("afterprint", function after() {
        removeEventListener("afterprint", after);
        marked.forEach(function (n) { n.classList.remove(cls, "hq-print-target"); });
      });
      window.print();
    }

    function toolsSection() {
      var b = body("tools"), row = add(b, "p", null, "hq-rp-row"), exported = store.exported();
      button(row, L.rp_export_json, downloadJSON, "json");
      button(row, L.rp_export_csv, downloadCSV, "csv");
      add(b, "p", HQ.schema.isDate(exported) ? fill(L.rp_exported, { date: when(exported) }) : L.rp_never_exported, "hq-rp-exported");
      var p = add(b, "p", null, "hq-rp-import");
      var pick = add(p, "label", L.rp_import, "md-button hq-rp-pick"), input = add(pick, "input");
      input.type = "file";
      input.accept = ".json,application/json";
      input.id = "hq-rp-import";
      input.setAttribute("data-k", "import");
      var name = add(p, "span", picked || L.rp_no_file, "hq-rp-file");
      input.onchange = function () {
        var f = input.files[0];
        if (f) { picked = fill(L.rp_file, { name: f.name }); name.textContent = picked; importFile(f); }
        input.value = "";
      };
      row = add(b, "p", null, "hq-rp-row");
      button(row, L.rp_print_all, function () { print(); }, "print");
      danger(button(row, L.rp_delete_all, function () {
        if (!confirm(L.rp_delete_all_confirm)) return;
        store.forget(); /* everything, in both areas: results, data set aside, the storage choice */
        render();
        say(L.rp_deleted_all, "tools");
      }, "delete"));
    }

    function download(ext, type, text, stamp) {
      var a = dom.el("a"), now = new Date();
      a.download = "alliance-handbook-results-" + new Date(now - now.getTimezoneOffset() * 6e4).toISOString().slice(0, 10) + "." + ext;
      a.href = URL.createObjectURL(new Blob([text], { type: type }));
      document.body.appendChild(a).click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 5e3);
      if (stamp) store.markExported(stamp);
      render();
      say(fill(L.rp_export_done, { name: a.download }), "tools");
    }

    function downloadJSON() {
      load();
      var now = new Date().toISOString();
      download("json", "application/json", files.exportJSON(storeId, data, store.aside(), now), now);
    }

    function downloadCSV() {
      load();
      var finished = {};
      Object.keys(data).forEach(function (qid) { finished[qid] = done(qid); });
      download("csv", "text/csv", files.exportCSV(finished, function (qid) { return catalog[qid] && catalog[qid].hash; }));
    }

    function refuse(why, where) {
      say(fill(L["rp_err_" + why], { where: String(where).slice(0, 80), max: files.CAP / 1e6 }) + " " + L.rp_unchanged, "tools");
    }

    function importFile(file) {
      if (file.size > files.CAP) return refuse("size");
      file.text().then(function (text) {
        var parsed, before = {}, failed = false, added = 0, duplicates = 0;
        try { parsed = JSON.parse(text); } catch (x) { return refuse("json"); }
        try { files.checkFile(parsed, storeId); } catch (e) {
          if (!(e instanceof files.Refusal)) throw e;
          return refuse(e.why, e.where);
        }
        var sorted = files.sortFile(parsed, function (qid) { return catalog[qid] && catalog[qid].info; });
        load();
        Object.keys(sorted.quizzes).forEach(function (qid) {
          var merged = files.merge(data[qid] || [], sorted.quizzes[qid]);
          added += merged.added;
          duplicates += merged.duplicates;
          if (!merged.added) return;
          before[qid] = store.snapshotQuiz(qid);
          failed = !store.write(qid, merged.attempts) || failed;
        });
        if (failed && store.area()) {
          Object.keys(before).forEach(function (qid) { store.restoreQuiz(qid, before[qid]); });
          return refuse("full");
        }
        render();
        var note = fill(L.rp_imported, { n: added, m: duplicates });
        if (sorted.skipped) note += " " + fill(L.rp_skipped, { n: sorted.skipped, where: String(sorted.first.where).slice(0, 80),
          why: L["rp_why_" + sorted.first.why] });
        say(note + (failed ? " " + L.rp_memory : ""), "tools");
      }, function () { refuse("json"); });
    }

    render();
  }

  HQ.resultsPage = { start: start };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/results/index.js ---- */
(function (HQ) {
  "use strict";
  if (HQ.quizIndex) return;

  function start(root) {
    var dom = HQ.dom, L = dom.labels(root), store = new HQ.storage.Store(root.getAttribute("data-hq-store"));
    var lang = document.documentElement.lang || undefined;
    root.setAttribute("data-hq-ready", "");
    dom.all(root, "a[data-hq-quiz]").forEach(function (a) {
      var li = a.parentNode, line = dom.one(li, ".hq-ix-st");
      var done = store.read(a.getAttribute("data-hq-quiz")).attempts.filter(function (x) { return x.finished && !x.practice; });
      if (!done.length) { if (line) line.remove(); li.classList.remove("hq-ix-done"); return; }
      if (!line) { line = dom.el("span", null, "hq-ix-st"); li.insertBefore(line, a.nextSibling); }
      var date = new Date(done[done.length - 1].finished).toLocaleDateString(lang, { dateStyle: "medium" });
      line.textContent = " (" + HQ.text.fill(L.rp_done_on, { date: date }) + ")";
      li.classList.add("hq-ix-done");
    });
  }

  HQ.quizIndex = { start: start };
})(window.HandbookQuiz = window.HandbookQuiz || {});
/* ---- js/results/boot.js ---- */
(function start(HQ) {
  "use strict";
  if (HQ.resultsBooted) { HQ.resultsBooted(); return; }
  if (!HQ.storage) {
    var quizJs = document.querySelector('script[src$="quiz.js"]');
    if (quizJs) quizJs.addEventListener("load", function () { start(window.HandbookQuiz); });
    return;
  }
  function init() {
    HQ.dom.all(document, ".hq-rp:not([data-hq-ready])").forEach(HQ.resultsPage.start);
    HQ.dom.all(document, ".hq-index:not([data-hq-ready])").forEach(HQ.quizIndex.start);
  }
  HQ.resultsBooted = init;
  function boot() {
    init();
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  }
  if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})(window.HandbookQuiz = window.HandbookQuiz || {});
