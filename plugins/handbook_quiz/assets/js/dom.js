/* HandbookQuiz.dom: the few DOM helpers every part uses. Runtime data only ever becomes text
   (textContent), elements are made with createElement: no string is parsed as markup. */
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
  /* The interface strings a page carries in data-hq-labels (JSON), by key. */
  function labels(node) { return JSON.parse(node.getAttribute("data-hq-labels")); }

  /* Say `text` in a live region: emptied first, so the same words are announced again. `quiet`
     hides it from sight when the same words are already on screen. */
  function announce(status, text, quiet) {
    status.textContent = "";
    status.classList.toggle("hq-sr", !!quiet);
    window.setTimeout(function () { status.textContent = text; }, 30);
  }

  /* A table with a caption, one header row and one row per list of cells (the first a row header).
     Explicit roles: the comparison's tables are restyled as blocks on phones, and the cells keep
     their headers for screen readers all the same. */
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
