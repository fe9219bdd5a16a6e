"""Item-writing warnings: how questions and statements are written, not whether the file is valid.

Each warning has a stable code, listed in ``CODES`` with the types of quiz it applies to and the
one-line reason the instructor guide gives. The heuristics are kept simple and precise: a false
warning on a good item costs an instructor more than a missed one. A quiz silences a code with
``lint: {ignore: {code: reason}}``.

Warnings are ``QuizIssue`` objects whose message starts with ``warning[<code>]: ``, so that they
print as ``quizzes/x.yml:14:7: questions[2]: warning[key-position]: ...`` like errors do.

Which codes apply to an entry is its kind's to say (``Kind.lints``, ``QuestionKind.choice_feedback``
in ``kinds``): a true/false question is never warned about having two choices.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from . import kinds
from .errors import QuizIssue

if TYPE_CHECKING:
    from .loader import LoadedFile
    from .model import Question, Quiz

KNOWLEDGE = ("knowledge",)
SELF = ("self-assessment",)


@dataclass(frozen=True)
class Code:
    types: tuple[str, ...]
    """The quiz types the code is reported for."""
    why: str
    """One line: why the pattern hurts (also in the instructor guide)."""


CODES: dict[str, Code] = {
    "key-position": Code(
        KNOWLEDGE,
        "readers who spot where the key usually sits can pass without knowing the answers",
    ),
    "key-longest": Code(
        KNOWLEDGE, "the longest, most qualified choice is a well-known cue to the key"
    ),
    "all-of-the-above": Code(
        KNOWLEDGE, "spotting two true choices is enough to pick it, without knowing the third"
    ),
    "none-of-the-above": Code(
        KNOWLEDGE,
        "choosing it shows only that the reader rejected the others, not that they know the answer",
    ),
    "select-all-every-choice": Code(
        KNOWLEDGE, "ticking everything wins, so the question discriminates nothing"
    ),
    "negative-stem": Code(KNOWLEDGE, "a negation read past turns a known answer into a wrong one"),
    "two-choices": Code(KNOWLEDGE, "with two choices, half of the readers who guess are right"),
    "missing-feedback": Code(
        KNOWLEDGE, "a reader who chose wrong learns why only from feedback and the explanation"
    ),
    "duplicate-question": Code(
        KNOWLEDGE,
        "the same question in two quizzes tests the same point twice and the second one tests "
        "memory of the first",
    ),
    "double-barrelled": Code(
        SELF,
        "a reader who does one of the two things, or does it for another reason, has no true "
        "answer",
    ),
    "reverse-share": Code(
        SELF,
        "a scale of only positive (or mostly reverse) statements invites agreeing by habit, or "
        "confuses",
    ),
    "bands-short-subscale": Code(
        SELF, "a mean of fewer than four statements moves in big steps, too coarse to band"
    ),
    "scale-mismatch": Code(
        SELF, "'I can ...' asks about ability, a frequency scale how often: the answers do not fit"
    ),
}

ALPHA = 0.05
"""One-sided significance level of the position and length tests."""
MIN_QUESTIONS = 5
"""Single-answer questions a quiz needs before position and length are tested."""
MIN_ITEMS = 5
"""Statements a self-assessment needs before its share of reverse items is checked (1 in 5 is
20%)."""


def warning(
    loaded: LoadedFile,
    path: tuple[str | int, ...],
    code: str,
    message: str,
    *,
    at_key: bool = False,
) -> QuizIssue:
    return loaded.issue(path, f"warning[{code}]: {message}", at_key=at_key)


def code_of(issue: QuizIssue) -> str:
    """The code of a warning's message (``""`` for an error)."""
    match = re.match(r"warning\[([a-z-]+)\]: ", issue.message)
    return match.group(1) if match else ""


def lint_quizzes(quizzes: Iterable[tuple[Quiz, LoadedFile]]) -> list[QuizIssue]:
    """Every warning for these quizzes (one site), silenced codes left out, sorted by place."""
    pairs = list(quizzes)
    out: list[QuizIssue] = []
    for quiz, loaded in pairs:
        found = _knowledge(quiz, loaded) if quiz.is_knowledge else _self_assessment(quiz, loaded)
        out += [issue for issue in found if code_of(issue) not in quiz.lint_ignore]
    out += _duplicates(pairs)
    return sorted(set(out))


# --- text helpers
# -----------------------------------------------------------------------------------

_MARKUP = re.compile(r"[*_`~]|\[([^\]]*)\]\([^)]*\)|<[^>]+>")


def plain(text: str) -> str:
    """Text without Markdown emphasis, links reduced to their words, spaces collapsed."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", text)
    return " ".join(text.split())


_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> str:
    """Lowercase words only: for comparing stems. Remembered, since every choice's words are
    wanted twice (the 'of the above' patterns, the duplicate-question pass)."""
    return " ".join(_WORD.findall(plain(text).lower()))


# --- binomial tests
# -----------------------------------------------------------------------------------


def tail(chances: list[float], observed: int) -> float:
    """P(at least ``observed`` successes) for independent trials with these chances (Poisson
    binomial)."""
    dist = [1.0]
    for p in chances:
        nxt = [0.0] * (len(dist) + 1)
        for k, q in enumerate(dist):
            nxt[k] += q * (1 - p)
            nxt[k + 1] += q * p
        dist = nxt
    return sum(dist[observed:])


def _p(value: float) -> str:
    return "p < .001" if value < 0.001 else f"p = {value:.3f}".replace("0.", ".")


_ORDINAL = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]


# --- knowledge checks
# ---------------------------------------------------------------------------------


def _knowledge(quiz: Quiz, loaded: LoadedFile) -> list[QuizIssue]:
    out: list[QuizIssue] = []
    single = [
        (i, q) for i, q in enumerate(quiz.questions) if sum(c.correct for c in q.choices) == 1
    ]
    out += _key_position(_of_kinds_that_lint(single, "key-position"), loaded)
    out += _key_longest(_of_kinds_that_lint(single, "key-longest"), loaded)
    for i, question in enumerate(quiz.questions):
        out += _question(i, question, loaded)
    return out


def _of_kinds_that_lint(
    questions: list[tuple[int, Question]], code: str
) -> list[tuple[int, Question]]:
    """The questions whose kind the warning ``code`` applies to."""
    return [(i, q) for i, q in questions if kinds.question_kind(q).lints(code)]


def _key_position(single: list[tuple[int, Question]], loaded: LoadedFile) -> list[QuizIssue]:
    """The key in one source position (first, second, ..., or last) more often than chance allows.

    Each position tested is a test of its own, so the level is divided by their number (Bonferroni):
    a quiz placed at random is warned about at most 5% of the time.
    """
    if len(single) < MIN_QUESTIONS:
        return []
    keys = [
        (next(k for k, c in enumerate(q.choices) if c.correct), len(q.choices)) for _, q in single
    ]
    longest = max(n for _, n in keys)
    tests: list[tuple[str, int, list[float]]] = []
    for position in range(longest):
        hits = sum(k == position for k, _ in keys)
        ordinal = _ORDINAL[position] if position < len(_ORDINAL) else f"#{position + 1}"
        tests.append(
            (
                f"the {ordinal} choice",
                hits,
                [1 / n if position < n else 0.0 for _, n in keys],
            )
        )
    if (
        len({n for _, n in keys}) > 1
    ):  # with choices of different numbers, "last" is a position of its own
        tests.append(
            ("the last choice", sum(k == n - 1 for k, n in keys), [1 / n for _, n in keys])
        )
    level = ALPHA / len(tests)
    found = [(tail(chances, hits), where, hits) for where, hits, chances in tests if hits]
    p, where, hits = min(found)
    if p >= level:
        return []
    return [
        warning(
            loaded,
            ("questions",),
            "key-position",
            f"the keyed answer is {where} in {hits} of {len(single)} single-answer questions "
            f"({_p(p)} if placed at random); readers can pass by position: move some keys",
            at_key=True,
        )
    ]


def _key_longest(single: list[tuple[int, Question]], loaded: LoadedFile) -> list[QuizIssue]:
    out: list[QuizIssue] = []
    uniquely: list[bool] = []
    for i, question in single:
        lengths = [len(plain(c.text)) for c in question.choices]
        k = next(j for j, c in enumerate(question.choices) if c.correct)
        others = max(length for j, length in enumerate(lengths) if j != k)
        uniquely.append(lengths[k] > others)
        if lengths[k] >= 1.5 * others and lengths[k] - others >= 20:
            out.append(
                warning(
                    loaded,
                    ("questions", i, "choices", k, "text"),
                    "key-longest",
                    f"the keyed answer is {lengths[k]} characters long, at least 1.5 times every "
                    f"other choice (longest other: {others}): shorten it or lengthen the others",
                )
            )
    if len(single) >= MIN_QUESTIONS:
        chances = [1 / len(q.choices) for _, q in single]
        hits = sum(uniquely)
        p = tail(chances, hits)
        if hits and p < ALPHA:
            out.append(
                warning(
                    loaded,
                    ("questions",),
                    "key-longest",
                    f"the keyed answer is the longest choice in {hits} of {len(single)} "
                    f"single-answer questions ({_p(p)} if lengths were unrelated to the key): "
                    "readers can pass by length",
                    at_key=True,
                )
            )
    return out


_ABOVE = {
    "all-of-the-above": re.compile(
        r"^(all (of )?the above|all of these|all (of )?the (choices|options|answers) above|"
        r"todas las anteriores|todas (las opciones|las respuestas) anteriores|todo lo anterior)\b"
    ),
    "none-of-the-above": re.compile(
        r"^(none of the above|none of these|none of the (choices|options|answers) above|"
        r"ninguna de las anteriores|ninguna de (las opciones|las respuestas) anteriores|"
        r"nada de lo anterior)\b"
    ),
}

_NEGATION = re.compile(
    r"(?:^|[.?!:;,]\s+)(?:which|what|who)\b(?:\s+[\w'-]+){0,4}?\s+(?:is|are|was|were|does|do|did|would|should|could|can|"
    r"will|might|must)\s+(?:[\w'-]+\s+){0,3}?(?P<neg>not|never)\b"
    r"|(?:^|[.?!:;,]\s+)(?:which|what|who)\b(?:\s+[\w'-]+){0,4}?\s+(?P<contr>isn't|aren't|doesn't|don't|wouldn't|shouldn't|couldn't|"
    r"can't|won't)\b"
    r"|(?P<except>\bexcept\b|\bexcepto\b|\bsalvo\b)"
    r"|\b(?:cuál|cuáles)\b(?:\s+de\s+\w+)?\s+(?P<no>no|nunca)\b|\bqué\s+(?P<no2>no|nunca)\b",
    re.IGNORECASE,
)


_SUBORDINATE = re.compile(
    r"\b(if|when|whenever|because|while|after|before|until|that|although|though|since|unless|si|cuando)\b",
    re.IGNORECASE,
)


def _emphasised(text: str, start: int, end: int) -> bool:
    """The word at ``text[start:end]`` is in capitals, or inside
    ``**``/``*``/``_``/``<strong>``/``<em>``."""
    word = text[start:end]
    if word.isupper() and len(word) > 1:
        return True
    before, after = text[:start], text[end:]
    for mark in ("**", "__", "*", "_"):
        if before.count(mark) % 2 == 1 and mark in after:
            return True
    return bool(re.search(r"<(strong|em|b|i)>[^<]*$", before))


def _question(i: int, question: Question, loaded: LoadedFile) -> list[QuizIssue]:
    """The warnings about one question that its kind takes (``Kind.lints``)."""
    kind = kinds.question_kind(question)
    out: list[QuizIssue] = []
    where = ("questions", i)
    correct = [c.correct for c in question.choices]
    for j, choice in enumerate(question.choices):
        words = _words(choice.text)
        for code, pattern in _ABOVE.items():
            if pattern.match(words):
                out.append(
                    warning(
                        loaded,
                        (*where, "choices", j, "text"),
                        code,
                        f"'{plain(choice.text)}' as a choice: write a plausible answer of its own "
                        "instead",
                    )
                )
    if len(correct) > 1 and all(correct):
        out.append(
            warning(
                loaded,
                (*where, "choices"),
                "select-all-every-choice",
                "every choice is correct, so ticking everything wins: add wrong choices that are "
                "plausible",
            )
        )
    match = _NEGATION.search(plain_stem := question.text)
    if match and _SUBORDINATE.search(
        plain_stem,
        match.start(),
        match.start(
            next(name for name in ("neg", "contr", "except", "no", "no2") if match.group(name))
        ),
    ):
        # "What happens if the client does not ...": the negation is the condition's, not the
        # question's
        match = None
    if match:
        group = next(name for name in ("neg", "contr", "except", "no", "no2") if match.group(name))
        start, end = match.span(group)
        if not _emphasised(question.text, start, end):
            word = question.text[start:end]
            out.append(
                warning(
                    loaded,
                    (*where, "text"),
                    "negative-stem",
                    f"the question turns on '{word}': write it positively, or emphasise it "
                    f"(**{word}** or {word.upper()}) so that no reader misses it",
                )
            )
    if sum(correct) == 1 and len(correct) == 2:
        out.append(
            warning(
                loaded,
                (*where, "choices"),
                "two-choices",
                "a single-answer question with two choices: a guess is right half of the time; "
                "add plausible choices",
            )
        )
    missing = [
        j + 1
        for j, c in enumerate(question.choices)
        if kind.choice_feedback and not c.correct and not plain(c.feedback)
    ]
    if missing:
        listed = ", ".join(map(str, missing))
        noun = "choice" if len(missing) == 1 else "choices"
        out.append(
            warning(
                loaded,
                (*where, "choices", missing[0] - 1),
                "missing-feedback",
                f"wrong {noun} {listed} without 'feedback': say why the choice is wrong",
            )
        )
    if not plain(question.explanation):
        out.append(
            warning(
                loaded,
                where,
                "missing-feedback",
                "the question has no 'explanation': say why the key is right",
            )
        )
    return [issue for issue in out if kind.lints(code_of(issue))]


def _stem(question: Question) -> str:
    return _words(f"{question.vignette} {question.text}")


def _duplicates(pairs: list[tuple[Quiz, LoadedFile]]) -> list[QuizIssue]:
    """The same or nearly the same stem (vignette and question) in two quizzes: reported in the
    later file.

    Short stems ("What fits best?") recur with different vignettes or choices, so a stem under 40
    characters counts only when the choices match too. Candidates share at least half their words
    (Jaccard >= 0.5); prefix filtering finds them without comparing every pair: with the words of
    each stem ordered rarest first, two such stems share a word among their first ``n - ceil(n/2) +
    1``."""
    entries = []
    for quiz, loaded in pairs:
        if quiz.is_knowledge:
            for i, question in enumerate(quiz.questions):
                if not kinds.question_kind(question).lints("duplicate-question"):
                    continue
                stem = _stem(question)
                entries.append(
                    (
                        quiz,
                        loaded,
                        i,
                        stem,
                        set(stem.split()),
                        frozenset(_words(c.text) for c in question.choices),
                    )
                )
    frequency: dict[str, int] = {}
    for entry in entries:
        for word in entry[4]:
            frequency[word] = frequency.get(word, 0) + 1
    quiz_ids = [entry[0].id for entry in entries]
    word_sets = [entry[4] for entry in entries]
    index: dict[str, list[int]] = {}
    out: list[QuizIssue] = []
    # Whether two stems are nearly the same text, by pair: a site that repeats a question in
    # many quizzes compares the same two stems again and again.
    similar: dict[tuple[str, str], bool] = {}
    for n, (quiz, loaded, i, stem, words, choices) in enumerate(entries):
        ordered = sorted(words, key=lambda w: (frequency[w], w))
        prefix = ordered[: len(ordered) - (len(ordered) + 1) // 2 + 1]
        candidates = sorted({m for word in prefix for m in index.get(word, ())})
        ignored = "duplicate-question" in quiz.lint_ignore
        size = len(words)
        for m in candidates:
            # The tests of a candidate, cheapest first (any failing one rules it out); most fail
            # on the words, read from flat lists without unpacking the entry.
            if quiz_ids[m] == quiz.id:
                continue
            other_words = word_sets[m]
            shared = len(words & other_words)
            if 2 * shared < size + len(other_words) - shared:
                continue  # Jaccard under 0.5 (in whole numbers: shared / union < 1 / 2)
            other, other_loaded, j, other_stem, _, other_choices = entries[m]
            if ignored or "duplicate-question" in other.lint_ignore:
                continue
            if (
                min(len(stem), len(other_stem)) < 40
                and len(choices & other_choices) < len(choices) / 2
            ):
                continue
            if not _nearly_same(stem, other_stem, similar):
                continue
            first = other_loaded.issue(("questions", j), "")
            out.append(
                warning(
                    loaded,
                    ("questions", i, "text"),
                    "duplicate-question",
                    "the same or nearly the same question as "
                    f"{first.file}:{first.line}:{first.column} "
                    f"{first.path}: keep it in one quiz, or ask about another point",
                )
            )
            break
        for word in prefix:
            index.setdefault(word, []).append(n)
    return out


def _nearly_same(stem: str, other: str, memo: dict[tuple[str, str], bool]) -> bool:
    """``SequenceMatcher.ratio() >= 0.9``, after its cheap upper bounds (``real_quick_ratio``,
    ``quick_ratio``) have not ruled it out, and remembered by pair."""
    pair = (stem, other)
    known = memo.get(pair)
    if known is None:
        matcher = difflib.SequenceMatcher(None, stem, other)
        known = (
            matcher.real_quick_ratio() >= 0.9
            and matcher.quick_ratio() >= 0.9
            and matcher.ratio() >= 0.9
        )
        memo[pair] = known
    return known


# --- self-assessments
# ---------------------------------------------------------------------------------

_FREQUENCY = re.compile(
    r"^(never|rarely|seldom|sometimes|occasionally|often|usually|always|almost always|almost never|"
    r"most of the time|very often|frequently|nunca|casi nunca|rara vez|a veces|a menudo|siempre|"
    r"casi siempre)$"
)

_ABILITY = re.compile(
    r"(^|[,;:]\s*)(i can|i am able to|i'm able to|i am willing to|i'm willing to|i could|puedo|"
    r"soy capaz de)\b",
    re.IGNORECASE,
)

_VERBS = frozenset(
    [
        "accept",
        "acknowledge",
        "adapt",
        "adjust",
        "admit",
        "agree",
        "apologise",
        "apologize",
        "ask",
        "avoid",
        "build",
        "carry",
        "change",
        "check",
        "clarify",
        "collaborate",
        "confirm",
        "correct",
        "decide",
        "describe",
        "discuss",
        "encourage",
        "end",
        "explain",
        "explore",
        "follow",
        "give",
        "go",
        "hide",
        "ignore",
        "interrupt",
        "invite",
        "keep",
        "learn",
        "let",
        "listen",
        "look",
        "make",
        "mention",
        "move",
        "name",
        "notice",
        "offer",
        "pause",
        "point",
        "push",
        "raise",
        "reflect",
        "repair",
        "repeat",
        "respond",
        "return",
        "review",
        "say",
        "seek",
        "share",
        "show",
        "speak",
        "start",
        "stay",
        "stop",
        "suggest",
        "summarise",
        "summarize",
        "take",
        "talk",
        "tell",
        "thank",
        "track",
        "try",
        "use",
        "validate",
        "wait",
        "welcome",
        "work",
        "write",
    ]
)
"""First-person verbs an item may join with "and"/"or" (the words after "I" in the handbook's items
and common practice verbs): "I notice it and name it" is two behaviours."""

_JOINED = re.compile(
    r"(?P<comma>,\s*(?:and|or)\s+i\s+[a-z]+|\b(?:and|or)\s+we\s+(?:would\s+|will\s+)?[a-z]+)\b"
    r"|\b(?P<word>and|or)\s+(?:then\s+|also\s+)?(?:(?:often|always|usually|sometimes|gently|openly)\s+)?"
    r"(?P<verb>[a-z]+)\b"
)
_MOTIVE = re.compile(r"\b(because(?! of\b)|in case|for fear)\b")
"""A behaviour joined to a reason: a reader who does it for another reason has no true answer."""
_CLAUSE = re.compile(
    r"\b(to|whether|when|if|that|what|how|who|which|why|while|until|before|after|because)\b"
)
"""A word opening a clause of its own: an "and" after it may join that clause's verbs, not the
reader's."""


def _double_barrelled(text: str) -> str:
    """The words that join two behaviours of the reader ('and name'), else ''.

    Only first-person statements ("I ...") are read, and only an "and"/"or" that follows the
    reader's own verb directly, without a clause between ("I notice when clients pause and look
    away" joins the clients' verbs), followed by a practice verb or by ", and I ...".
    """
    lower = plain(text).lower()
    subject = re.search(
        r"(^|[,;:]\s*)i\s+(?:(?:often|always|usually|sometimes|also|then)\s+)?[a-z]+\b", lower
    )
    if not subject:
        return ""
    for match in _JOINED.finditer(lower, subject.end()):
        if match.group(
            "comma"
        ):  # ", and I ...", "and we ...": a new main clause, whatever came between
            return match.group("comma").lstrip(", ")
        if _CLAUSE.search(lower, subject.end(), match.start()):
            continue
        if match.group("verb") in _VERBS:
            return f"{match.group('word')} {match.group('verb')}"
    motive = _MOTIVE.search(lower, subject.end())
    return motive.group(1) if motive else ""


def _self_assessment(quiz: Quiz, loaded: LoadedFile) -> list[QuizIssue]:
    out: list[QuizIssue] = []
    keys = quiz.perspective_keys
    for i, item in enumerate(quiz.items):
        if not kinds.item_kind(item).lints("double-barrelled"):
            continue
        for key in keys:
            found = _double_barrelled(item.text.get(key, ""))
            if found:
                who = f" (the {key} wording)" if key else ""
                if found in ("because", "in case", "for fear"):
                    message = (
                        f"the statement{who} joins a behaviour and a reason ('{found}'): a reader "
                        "who does it for another reason has no true answer; keep the behaviour only"
                    )
                else:
                    message = (
                        f"the statement{who} joins two behaviours ('{found}'): a reader who does "
                        "one of them has no true answer; split it into two statements"
                    )
                out.append(warning(loaded, ("items", i, "text"), "double-barrelled", message))
                break
    if len(quiz.items) >= MIN_ITEMS:
        reverse = sum(item.reverse for item in quiz.items)
        share = reverse / len(quiz.items)
        if share < 0.2 or share > 0.6:
            out.append(
                warning(
                    loaded,
                    ("items",),
                    "reverse-share",
                    f"{reverse} of {len(quiz.items)} statements {'is' if reverse == 1 else 'are'} "
                    f"reverse-scored ({share:.0%}); "
                    "aim for 20% to 60%, each describing a practice the chapter advises against",
                    at_key=True,
                )
            )
    for i, subscale in enumerate(quiz.subscales):
        count = len(quiz.items_of(subscale.id))
        if count < 4 and quiz.bands_for(subscale):
            source = (
                "its own 'bands'"
                if subscale.bands
                else "the quiz-level bands, which 'method: mean' applies to every subscale"
            )
            out.append(
                warning(
                    loaded,
                    ("subscales", i),
                    "bands-short-subscale",
                    f"subscale '{subscale.id}' has {count} "
                    f"statement{'s' if count != 1 else ''} and is banded by "
                    f"{source}: band only subscales of 4 or more statements",
                )
            )
    scale = quiz.scale
    if (
        scale is not None
        and sum(bool(_FREQUENCY.match(plain(label).lower())) for label in scale.labels) >= 2
    ):
        for i, item in enumerate(quiz.items):
            if not kinds.item_kind(item).lints("scale-mismatch"):
                continue
            for key in keys:
                text = plain(item.text.get(key, ""))
                if _ABILITY.search(text):
                    out.append(
                        warning(
                            loaded,
                            ("items", i, "text"),
                            "scale-mismatch",
                            "worded as ability or willingness ('I can ...', 'I am willing to ...') "
                            "on a frequency scale: describe what you do "
                            "('I ...'), or use an agreement scale",
                        )
                    )
                    break
    return out
