/* HandbookQuiz.resultsPage: My results: progress, every attempt, the alliance profile; export,
   import, print, delete. Stored or imported data only ever become text nodes. The page's catalog
   (results.html.jinja) lists every quiz of the handbook; the sections are filled from storage and
   rebuilt after every change. */
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
    /* Full attempts: practice on missed questions counts in no progress and no comparison. */
    function full(qid) { return done(qid).filter(function (a) { return !a.practice; }); }
    /* `key` names the button, so the focus returns to it once the page is rebuilt. */
    function button(parent, text, onClick, key) {
      var b = add(parent, "button", text, "md-button");
      b.type = "button";
      b.onclick = onClick;
      if (key) b.setAttribute("data-k", key);
      return b;
    }
    /* Buttons that delete look it: red text and outline, a warning sign before the words. */
    function danger(b) { b.classList.add("hq-danger"); return b; }
    /* A section's content is rebuilt on every change; its first line carries the latest message.
       Progress counts go below the catalog, which is already on screen: nothing above it moves. */
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

    /* Every quiz of this store, read through the one schema: anything unreadable is set aside
       (kept for the JSON export) and counted, never shown. */
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

    /* The last full attempt's result: "7 of 10 correct", or "Overall: 3.4". */
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

    /* Print one attempt (classes pick it out for the print stylesheet) or the whole page. */
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
      /* The file input looks like the buttons beside it: it lies, transparent, over its own label,
         so the whole button opens the file picker, and the chosen file's name is shown after it. */
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

    /* Download through a Blob and a temporary <a download>: nothing leaves the browser. */
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

    /* Check the whole file, merge by (quiz, started, hash), undo if storage fills up. */
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
