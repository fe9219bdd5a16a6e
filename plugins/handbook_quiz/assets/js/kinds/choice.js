/* HandbookQuiz.kinds.choice: a knowledge question with one or several correct choices (radio or
   checkbox inputs whose values are the choices' indices in the quiz file). */
(function (HQ) {
  "use strict";
  if (HQ.kinds.choice) return;
  var dom = HQ.dom, one = dom.one, all = dom.all, el = dom.el;

  /* A verdict word at the start of a choice's feedback ("Correct. ...", "No. ..."), which the
     verdict already says: `verdict_words` lists them, comma-separated, for the page's language. */
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
    /* The verdict, the feedback of each chosen choice, and the answer key opened. */
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
    /* Whether feedback is shown, and whether it said "right". */
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
