/* My results: progress, every attempt, the alliance profile; export, import, print, delete.
   Runs after quiz.js (uses window.__hq.Store) and, like it, is idempotent. Stored or imported data
   only ever become text nodes. */
(function run() {
  "use strict";
  if (window.__hqRP) return window.__hqRP();
  var H = window.__hq, quizJs = document.querySelector('script[src$="quiz.js"]');
  if (!H) { if (quizJs) quizJs.addEventListener("load", run); return; } /* instant navigation: quiz.js still loading */
  var E = H.el, fill = H.fill, FORMAT = "alliance-handbook-results", CAP = 2e6;

  function $$(root, sel) { return [].slice.call(root.querySelectorAll(sel)); }
  function add(parent, tag, text, cls) { return parent.appendChild(E(tag, text, cls)); }
  var obj = H.isObj, date = H.isDate;
  function ok(c, k, w) { if (!c) throw { hq: k, w: w }; }
  function caught(fn) { try { fn(); } catch (e) { if (!e.hq) throw e; return e; } }
  function num(x) { return Number.isFinite(x); }
  function map() { return Object.create(null); }
  function same(a, b) { return a.quiz == b.quiz && a.started == b.started && a.hash == b.hash; }
  /* One rule for every number shown or exported: at most 2 decimals, no trailing zeros ("3.5"). */
  function n2(x) { return typeof x == "number" && isFinite(x) ? H.round2(x) : x; }
  function sign(d) { d = H.round2(d); return d > 0 ? "+" + d : d < 0 ? "\u2212" + -d : "0"; }
  function last(list) { return list[list.length - 1]; }
  function cell(v) { /* a text cell a spreadsheet would run as a formula gets a leading ' */
    return typeof v == "number" ? v : '"' + (/^[=+\-@\t\r]/.test(v = v == null ? "" : String(v)) ? "'" : "") + v.replace(/"/g, '""') + '"';
  }

  /* Caps on depth, counts and string lengths, and no prototype keys, anywhere in a file. */
  function walk(x, d) {
    ok(d < 12, "bad", "depth");
    if (typeof x == "string") ok(x.length <= 1e5, "bad", "text");
    if (!x || typeof x != "object") return;
    ok(Object.keys(x).length <= 2000, "bad", "count");
    Object.keys(x).forEach(function (k) {
      ok(!/^(__proto__|constructor|prototype)$/.test(k) && k.length <= 200, "bad", k);
      walk(x[k], d + 1);
    });
  }

  function start(root) {
    root.setAttribute("data-hq-ready", "");
    var L = JSON.parse(root.getAttribute("data-hq-labels")), id = root.getAttribute("data-hq-store"), profile = root.getAttribute("data-hq-profile");
    var store = new H.Store(id), P = store.prefix, lang = document.documentElement.lang || undefined;
    var status = root.querySelector(".hq-rp-status"), cat = map(), order = [], sec = {}, data, aside, skipped, picked = "";
    $$(root, ".hq-catalog li").forEach(function (li) {
      var g = function (n) { return li.getAttribute("data-hq-" + n); }, a = li.querySelector("a"), info = H.quizInfo(li);
      order.push(g("quiz"));
      cat[g("quiz")] = { id: g("quiz"), type: info.type, hash: info.hash, min: info.min, max: info.max, sum: info.sum, info: info,
        title: a.textContent, url: a.getAttribute("href"), li: li, persp: JSON.parse(g("perspectives") || "{}") };
    });
    ["storage", "progress", "profile", "attempts", "tools"].forEach(function (n) { sec[n] = root.querySelector(".hq-rp-" + n); });

    function when(iso) { return new Date(iso).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" }); }
    function link(parent, q) { add(parent, "a", q.title).href = q.url; }
    function done(qid) { return (data[qid] || []).filter(function (a) { return a.finished; }); }
    /* Full attempts: practice on missed questions counts in no progress and no comparison. */
    function full(qid) { return done(qid).filter(function (a) { return !a.practice; }); }
    function btn(parent, text, fn, key) {
      var b = add(parent, "button", text, "md-button");
      b.type = "button";
      b.onclick = fn;
      if (key) b.setAttribute("data-k", key);
      return b;
    }
    /* Buttons that delete look it: red text and outline, a warning sign before the words. */
    function danger(b) { b.classList.add("hq-danger"); return b; }
    function table(caption, head, rows) {
      var t = E("table", null, "hq-table"), tr = add(add(t, "thead"), "tr"), body;
      t.insertBefore(E("caption", caption), tr.parentNode);
      head.forEach(function (h) { add(tr, "th", h).scope = "col"; });
      body = add(t, "tbody");
      rows.forEach(function (r) {
        var row = add(body, "tr");
        add(row, "th", r[0]).scope = "row";
        r.slice(1).forEach(function (c) { add(row, "td", c); });
      });
      return t;
    }
    /* A section's content is rebuilt on every change; its first line carries the latest message.
       Progress counts go below the catalog, which is already on screen: nothing above it moves. */
    function body(name) {
      var s = sec[name], b = s.querySelector(".hq-rp-body");
      if (b) s.removeChild(b);
      b = s.insertBefore(E("div", null, "hq-rp-body"), name == "progress" ? null : s.children[1] || null);
      add(b, "p", null, "hq-rp-msg").tabIndex = -1;
      return b;
    }
    function say(text, name) {
      var m = sec[name].querySelector(".hq-rp-msg");
      status.textContent = "";
      setTimeout(function () { status.textContent = text; }, 30);
      m.textContent = text;
      if (!root.contains(document.activeElement)) m.focus();
    }

    /* Every quiz of this store, read through the one schema (quiz.js): anything unreadable is set
       aside (kept for the JSON export) and counted, never shown. */
    function load() {
      data = map();
      skipped = 0;
      store.keys().forEach(function (k) {
        var rest = k.slice(P.length), qid = rest.slice(5), st;
        if (rest.indexOf("quiz:")) return;
        st = store.read(qid, cat[qid] && cat[qid].info);
        skipped += st.skipped;
        if (st.attempts.length) data[qid] = st.attempts;
      });
      aside = 0;
      var kept = store.aside();
      for (var k in kept) aside += kept[k].length;
    }

    function render() {
      var key = document.activeElement.getAttribute("data-k"), again;
      load();
      storage();
      progress();
      chartSection();
      attempts();
      tools();
      again = key && $$(root, "[data-k]").filter(function (n) { return n.getAttribute("data-k") === key; })[0];
      if (again) again.focus();
    }

    function storage() {
      var b = body("storage"), mode = store.mode(), area = store.area(), row;
      if (!area) add(b, "p", L.storage_off, "hq-rp-note");
      if (aside) btn(add(b, "p", fill(L.rp_aside, { n: aside }) + " ", "hq-rp-note"), L.rp_export_json, exportJSON);
      add(b, "p", L["mode_" + (mode || "unset")]);
      row = add(b, "p", null, "hq-rp-row");
      if (area) ["device", "tab"].forEach(function (m) {
        if (mode != m) btn(row, L["switch_" + m], function () {
          if (!store.setMode(m)) return say(L.storage_off, "storage");
          render();
          say(L["mode_" + m], "storage");
        }, m);
      });
      danger(btn(row, L.forget, function () {
        if (!confirm(L.forget_confirm)) return;
        store.forget();
        render();
        say(L.forgotten, "storage");
      }, "forget"));
    }

    function lastScore(a) { /* the last full attempt's result: "7 of 10 correct", or "Overall: 3.4" */
      return a.type == "knowledge" ? fill(L.score, a.score) : a.scores[0].title + ": " + n2(a.scores[0].score);
    }

    function progress() {
      var b = body("progress"), n = { knowledge: [0, 0], "self-assessment": [0, 0] };
      order.forEach(function (qid) {
        var q = cat[qid], a = last(full(qid)), c = n[q.type], s = q.li.querySelector(".hq-rp-st") || add(q.li, "span", null, "hq-rp-st");
        if (q.li.getAttribute("data-hq-audience") !== "instructors") { /* a demonstration for instructors: not counted */
          c[1]++;
          if (a) c[0]++;
        }
        s.textContent = " \u2014 " + (a ? fill(L.rp_done_on, { date: when(a.finished) }) + ", " + lastScore(a) : L.rp_not_yet);
        q.li.classList.toggle("hq-rp-done", !!a);
      });
      ["knowledge", "self"].forEach(function (t, i) {
        var c = n[i ? "self-assessment" : t];
        if (c[1]) add(b, "p", fill(L["rp_count_" + t], { done: c[0], total: c[1], left: c[1] - c[0] }), "hq-rp-count");
      });
    }

    function svg(parent, tag, attrs, text) {
      var node = parent.appendChild(document.createElementNS("http://www.w3.org/2000/svg", tag));
      for (var k in attrs) node.setAttribute(k, attrs[k]);
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function frac(score, q) { return Math.max(0, Math.min(1, (score - q.min) / (q.max - q.min || 1))); }

    /* The profile as bars (role=img, named by its title and desc), each chapter's own result beside it. */
    function chartSection() {
      var b = body("profile"), q = cat[profile], a = last(done(profile)), rows, title, W, w, t, s;
      sec.profile.hidden = !q;
      if (!q) return;
      if (!a) return link(add(b, "p", L.rp_profile_none + " "), q);
      title = fill(L.rp_profile_of, { date: when(a.finished) });
      add(b, "p", title);
      if (a.hash != q.hash) add(b, "p", L.rp_older, "hq-rp-old");
      rows = a.scores.slice(1).map(function (s) {
        var cq = cat[s.id + "-self"], ca = cq && last(done(cq.id));
        return { s: s, c: ca && !cq.sum && ca.scores[0], cq: cq };
      });
      W = Math.max(300, Math.min(600, sec.profile.clientWidth || 600));
      w = W - 24;
      s = svg(b, "svg", { viewBox: "0 0 " + W + " " + (rows.length * 50 + 28), role: "img", "class": "hq-rp-chart",
        "aria-labelledby": "hq-rp-chart-t hq-rp-chart-d" });
      svg(s, "title", { id: "hq-rp-chart-t" }, title);
      svg(s, "desc", { id: "hq-rp-chart-d" }, fill(L.rp_chart_desc, q));
      for (t = q.min; t <= q.max; t++) {
        svg(s, "line", { x1: 12 + w * frac(t, q), x2: 12 + w * frac(t, q), y2: rows.length * 50 + 4, "class": "hq-rp-grid" });
        svg(s, "text", { x: 12 + w * frac(t, q), y: rows.length * 50 + 22, "text-anchor": "middle" }, t);
      }
      rows.forEach(function (r, i) {
        svg(s, "text", { x: 12, y: i * 50 + 17 }, r.s.title + ": " + n2(r.s.score) + (r.c ? " (" + L.rp_chapter_short + ": " + n2(r.c.score) + ")" : ""));
        svg(s, "rect", { x: 12, y: i * 50 + 24, height: 14, width: Math.max(2, w * frac(r.s.score, q)), "class": "hq-rp-bar" });
        if (r.c) svg(s, "rect", { x: 12, y: i * 50 + 40, height: 5, width: Math.max(2, w * frac(r.c.score, r.cq)), "class": "hq-rp-bar2" });
      });
      add(b, "p", L.rp_legend, "hq-rp-legend");
      b.appendChild(table(fill(L.range, q), [L.subscale, L.rp_profile_col, L.band_col, L.rp_chapter_col],
        rows.concat({ s: a.scores[0] }).map(function (r) { return [r.s.title, n2(r.s.score), r.s.band || "\u2013", r.c ? n2(r.c.score) : "\u2013"]; })));
    }

    function attempts() {
      var b = body("attempts"), ids = order.concat(Object.keys(data)).filter(function (k, i, all) { return all.indexOf(k) == i && done(k).length; });
      if (!ids.length) add(b, "p", L.rp_none);
      ids.forEach(function (qid) {
        var q = cat[qid], f = done(qid), g = add(b, "div", null, "hq-rp-quiz"), h = add(g, "h3");
        if (q) link(h, q);
        else { h.textContent = last(f).title; add(g, "p", L.rp_gone, "hq-rp-old"); } /* an older version of the handbook */
        f.forEach(function (a, i) {
          var prev = a.practice ? null : f.slice(0, i).filter(function (x) { return !x.practice; }).pop();
          attempt(add(g, "div", null, "hq-rp-attempt"), q, a, i, prev, h.textContent);
        });
      });
    }

    function attempt(d, q, a, i, prev, title) {
      var cmp = prev && prev.hash == a.hash, s = a.score, before = map(), ul, row;
      add(add(d, "h4", fill(L.rp_attempt, { n: i + 1 }) + ": "), "time", when(a.finished)).setAttribute("datetime", a.finished);
      if (q && a.hash != q.hash) add(d, "p", L.rp_older, "hq-rp-old");
      if (a.practice) add(d, "p", L.rp_practice, "hq-rp-old");
      if (a.perspective) add(d, "p", fill(L.rp_perspective, { p: (q && q.persp[a.perspective]) || a.perspective }));
      if (a.type == "knowledge") {
        add(d, "p", fill(L.score, s) + (s.passed === undefined ? "" : ". " + L[s.passed ? "rp_passed" : "rp_not_passed"]), "hq-rp-score");
        if (cmp) add(d, "p", fill(L.rp_change, { d: sign(s.right - prev.score.right) }), "hq-rp-change");
      } else {
        if (cmp) prev.scores.forEach(function (p) { before[p.id] = p.score; });
        d.appendChild(table(q && q.hash == a.hash && !q.sum ? fill(L.range, q) : L.results, [L.subscale, L.score_col, L.rp_change_col, L.band_col],
          a.scores.slice(1).concat(a.scores[0]).map(function (x) {
            return [x.title, n2(x.score), x.id in before ? sign(x.score - before[x.id]) : "\u2013", x.band || "\u2013"];
          })));
      }
      if (!cmp && !a.practice) add(d, "p", prev ? L.rp_no_compare : L.rp_first);
      (a.reflection || []).filter(Boolean).forEach(function (text, n) {
        if (!n) { add(d, "p", L.rp_reflection, "hq-rp-rh"); ul = add(d, "ul", null, "hq-rp-refl"); }
        add(ul, "li", text);
      });
      row = add(d, "p", null, "hq-rp-row");
      btn(row, L.rp_print_one, function () { print(d); });
      danger(btn(row, L.rp_delete_one, function () {
        if (!confirm(fill(L.rp_delete_confirm, { quiz: title, date: when(a.finished) }))) return;
        var st = store.read(a.quiz);
        st.attempts = st.attempts.filter(function (x) { return !same(x, a); });
        if (st.attempts.length) store.write(a.quiz, st);
        else store.remove(P + "quiz:" + a.quiz);
        dropAside(a);
        render();
        say(L.rp_deleted_one, "attempts");
      }));
    }

    /* A deleted attempt leaves no copy among the data set aside (where an older runtime kept whole
       unreadable values), so nothing of it stays in storage or reaches an export. */
    function dropAside(a) {
      var k = P + "aside:" + P + "quiz:" + a.quiz, raw = store.get(k), list;
      if (!raw) return;
      try { list = JSON.parse(raw); } catch (x) { list = [raw]; }
      if (!Array.isArray(list)) list = [raw];
      list = list.filter(function (r) {
        var inner = null;
        if (typeof r == "string") { try { inner = JSON.parse(r); } catch (x) { inner = null; } }
        if (obj(inner) && Array.isArray(inner.attempts)) return !inner.attempts.some(function (x) { return obj(x) && same(x, a); });
        return !(obj(r) && same(r, a));
      });
      if (list.length) store.set(k, JSON.stringify(list));
      else store.remove(k);
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

    function tools() {
      var b = body("tools"), row = add(b, "p", null, "hq-rp-row"), ex = store.get(P + "meta:exported"), p, input;
      btn(row, L.rp_export_json, exportJSON, "json");
      btn(row, L.rp_export_csv, exportCSV, "csv");
      add(b, "p", date(ex) ? fill(L.rp_exported, { date: when(ex) }) : L.rp_never_exported, "hq-rp-exported");
      /* The file input looks like the buttons beside it: it lies, transparent, over its own label,
         so the whole button opens the file picker, and the chosen file's name is shown after it. */
      p = add(b, "p", null, "hq-rp-import");
      var pick = add(p, "label", L.rp_import, "md-button hq-rp-pick"), name;
      input = add(pick, "input");
      input.type = "file";
      input.accept = ".json,application/json";
      input.id = "hq-rp-import";
      input.setAttribute("data-k", "import");
      name = add(p, "span", picked || L.rp_no_file, "hq-rp-file");
      input.onchange = function () {
        var f = input.files[0];
        if (f) { picked = fill(L.rp_file, { name: f.name }); name.textContent = picked; importFile(f); }
        input.value = "";
      };
      row = add(b, "p", null, "hq-rp-row");
      btn(row, L.rp_print_all, function () { print(); }, "print");
      danger(btn(row, L.rp_delete_all, function () {
        if (!confirm(L.rp_delete_all_confirm)) return;
        store.forget(); /* everything, in both areas: results, data set aside, the storage choice */
        render();
        say(L.rp_deleted_all, "tools");
      }, "delete"));
    }

    /* Download through a Blob and a temporary <a download>: nothing leaves the browser. */
    function save(ext, type, text, stamp) {
      var a = E("a"), now = new Date();
      a.download = "alliance-handbook-results-" + new Date(now - now.getTimezoneOffset() * 6e4).toISOString().slice(0, 10) + "." + ext;
      a.href = URL.createObjectURL(new Blob([text], { type: type }));
      document.body.appendChild(a).click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 5e3);
      if (stamp) store.set(P + "meta:exported", stamp);
      render();
      say(fill(L.rp_export_done, { name: a.download }), "tools");
    }

    function exportJSON() {
      load();
      var out = { format: FORMAT, v: 1, store: id, exported: new Date().toISOString(), quizzes: {}, aside: store.aside() };
      Object.keys(data).forEach(function (k) { out.quizzes[k] = { attempts: data[k] }; });
      save("json", "application/json", JSON.stringify(out, null, 1), out.exported);
    }

    /* One row per attempt and area (overall first); the reflection goes with the overall row. */
    function exportCSV() {
      var rows = [["quiz", "title", "type", "hash", "version", "started", "finished", "perspective", "area_id", "area", "score",
        "band", "right", "total", "passed", "reflection"]];
      load();
      Object.keys(data).forEach(function (qid) {
        done(qid).forEach(function (a) {
          var base = [qid, a.title, a.type, a.hash, cat[qid] && cat[qid].hash == a.hash ? "current" : "older", a.started, a.finished,
            a.perspective], text = (a.reflection || []).filter(Boolean).join("\n"), s = a.score;
          if (a.type == "knowledge") rows.push(base.concat("", "", "", "", s.right, s.total, s.passed, text));
          else a.scores.forEach(function (x, i) { rows.push(base.concat(x.id, x.title, n2(x.score), x.band, "", "", "", i ? "" : text)); });
        });
      });
      save("csv", "text/csv", "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n");
    }

    function refuse(e) {
      say(fill(L["rp_err_" + e.hq], { where: String(e.w).slice(0, 80), max: CAP / 1e6 }) + " " + L.rp_unchanged, "tools");
    }

    /* The file as a whole: refused, with nothing changed, unless it is an export of this site. */
    function checkFile(d) {
      ok(obj(d) && d.format === FORMAT, "format");
      ok(d.v === 1, num(d.v) && d.v > 1 ? "newer" : "format");
      delete d.aside; /* exported for the reader's own use; never imported */
      walk(d, 0);
      ok(d.store === id, "store", d.store);
      ok(obj(d.quizzes), "bad", "quizzes");
    }

    /* Each attempt through the same schema as storage: the usable ones by quiz, the rest counted,
       with where and why the first one was skipped. A quiz this handbook no longer has is kept. */
    function sortFile(d) {
      var out = { quizzes: map(), skipped: 0, first: null };
      function skip(where, why, n) {
        out.skipped += n || 1;
        if (!out.first) out.first = { where: where, why: why };
      }
      Object.keys(d.quizzes).forEach(function (qid) {
        var e = d.quizzes[qid];
        if (!H.isId(qid) || !obj(e) || !Array.isArray(e.attempts)) return skip(qid, "bad", obj(e) && Array.isArray(e.attempts) ? e.attempts.length : 1);
        out.quizzes[qid] = e.attempts.filter(function (a, i) {
          var why = H.invalid(a, qid, cat[qid] && cat[qid].info);
          if (why) skip(qid + " #" + (i + 1), why);
          return !why;
        });
      });
      return out;
    }

    /* Check the whole file, merge by (quiz, started, hash), undo if storage fills up. */
    function importFile(file) {
      if (file.size > CAP) return refuse({ hq: "size" });
      file.text().then(function (text) {
        var d, e, old = {}, failed, added = 0, dup = 0, sorted, note;
        try { d = JSON.parse(text); } catch (x) { return refuse({ hq: "json" }); }
        if ((e = caught(function () { checkFile(d); }))) return refuse(e);
        sorted = sortFile(d);
        load();
        Object.keys(sorted.quizzes).forEach(function (qid) {
          var list = (data[qid] || []).slice(), k = P + "quiz:" + qid;
          sorted.quizzes[qid].forEach(function (a) {
            if (list.some(function (x) { return same(x, a); })) dup++;
            else { list.push(a); added++; }
          });
          if (list.length == (data[qid] || []).length) return;
          list.sort(function (x, y) { return x.started < y.started ? -1 : x.started > y.started ? 1 : 0; });
          old[k] = store.get(k);
          failed = !store.write(qid, { attempts: list }) || failed;
        });
        if (failed && store.area()) {
          Object.keys(old).forEach(function (k) { if (old[k] === null) store.remove(k); else store.set(k, old[k]); });
          return refuse({ hq: "full" });
        }
        render();
        note = fill(L.rp_imported, { n: added, m: dup });
        if (sorted.skipped) note += " " + fill(L.rp_skipped, { n: sorted.skipped, where: String(sorted.first.where).slice(0, 80),
          why: L["rp_why_" + sorted.first.why] });
        say(note + (failed ? " " + L.rp_memory : ""), "tools");
      }, function () { refuse({ hq: "json" }); });
    }

    render();
  }

  /* The quiz index: each quiz the reader has done (a full, finished attempt) says so and when,
     read through the same Store (and its one schema) as the quiz pages. */
  function index(root) {
    root.setAttribute("data-hq-ready", "");
    var L = JSON.parse(root.getAttribute("data-hq-labels")), store = new H.Store(root.getAttribute("data-hq-store"));
    var lang = document.documentElement.lang || undefined;
    $$(root, "a[data-hq-quiz]").forEach(function (a) {
      var qid = a.getAttribute("data-hq-quiz"), list = [], li = a.parentNode, s;
      caught(function () { list = store.read(qid).attempts.filter(function (x) { return x.finished && !x.practice; }); });
      s = li.querySelector(".hq-ix-st");
      if (!list.length) { if (s) s.remove(); li.classList.remove("hq-ix-done"); return; }
      if (!s) { s = E("span", null, "hq-ix-st"); a.parentNode.insertBefore(s, a.nextSibling); }
      s.textContent = " (" + fill(L.rp_done_on, { date: new Date(last(list).finished).toLocaleDateString(lang, { dateStyle: "medium" }) }) + ")";
      li.classList.add("hq-ix-done");
    });
  }

  function init() {
    $$(document, ".hq-rp:not([data-hq-ready])").forEach(start);
    $$(document, ".hq-index:not([data-hq-ready])").forEach(index);
  }
  window.__hqRP = init;
  function boot() {
    init();
    if (window.document$ && document$.subscribe) document$.subscribe(init);
  }
  if (document.readyState == "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
