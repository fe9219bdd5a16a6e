/* HandbookQuiz.shareCode: two perspectives compared through a code read out or pasted; no free
   text inside. A code is bits written in base 32 without the confusable letters I, L, O and U
   (Crockford's alphabet), shown in groups of four: 10 bits of a hash of the quiz id, 10 of the
   quiz's content hash, 3 for the perspective (its place in the quiz's list), then each answer (its
   distance from the scale's minimum, in as few bits as the scale needs), padded to whole letters;
   then two letters of checksum over those. The check-in's code is 15 letters and digits.
   Pure functions: `decode` names a problem by its label key ({ error: "code_typo" }). */
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

  /* What a code of this quiz holds: { quizId, hash, min, max, perspectives: [keys], items: [ids] }. */
  function layout(quiz) {
    return { min: quiz.min, max: quiz.max, width: Math.max(1, Math.ceil(Math.log(quiz.max - quiz.min + 1) / Math.LN2 - 1e-9)),
      quiz: fnv(quiz.quizId) % 1024, version: fnv(quiz.hash) % 1024, keys: quiz.perspectives, items: quiz.items };
  }

  /* The code of an attempt ({ perspective, answers }), e.g. "7H2K 9QXD 4M0R PZ1". */
  function encode(quiz, attempt) {
    var c = layout(quiz);
    var bits = bitsOf(c.quiz, 10) + bitsOf(c.version, 10) + bitsOf(Math.max(0, c.keys.indexOf(attempt.perspective)), 3) +
      c.items.map(function (id) { return bitsOf(attempt.answers[id] - c.min, c.width); }).join("");
    var body = toB32(bits);
    return (body + sealOf(body)).replace(/(.{4})(?=.)/g, "$1 ");
  }

  /* { perspective, answers } from a code as typed or pasted, else { error: label key }.
     `mine` is the reader's own perspective: a code of the same one is refused. */
  function decode(quiz, text, mine) {
    var c = layout(quiz), squeezed = String(text).replace(/[\s-]+/g, "");
    if (/^[a-z0-9-]+\.[0-9a-f]{6}\.[a-z0-9-]+\.[0-9a-z]+\.[0-9a-z]{4}$/i.test(squeezed)) return { error: "code_old" };
    var code = squeezed.toUpperCase().replace(/O/g, "0").replace(/[IL]/g, "1");
    if (!/^[0-9A-HJKMNP-TV-Z]{7,60}$/.test(code)) return { error: "code_bad" };
    var body = code.slice(0, -2), sealed = sealOf(body) === code.slice(-2);
    var bits = body.split("").map(function (ch) { return bitsOf(B32.indexOf(ch), 5); }).join("");
    var otherQuiz = parseInt(bits.substr(0, 10), 2) !== c.quiz, otherVersion = parseInt(bits.substr(10, 10), 2) !== c.version;
    var need = Math.ceil((23 + c.items.length * c.width) / 5);
    /* A sealed code of another length is another check-in's or version's; else it is cut short. */
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
