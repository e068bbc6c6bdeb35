"""Token features for the CRF tagger.

Each token gets a list of string features (crfsuite treats each as a binary indicator). Lexical
features depend only on the word and are cached; gazetteer matches and capitalised-run features
depend on the sentence. A sentence is read in one of two modes: cased ("C") or lowercase ("L");
ALL-CAPS text is lowercased first, so one model serves cased, lowercase and uppercase input.
"""
from __future__ import annotations

from ..lang.id.organisations import ORG_TAILS
from ..lang.id.titles import HONORIFICS, LOC_CUES, ORG_CUES, ROLE_HEADS, SPEECH_WORDS

# Small words allowed inside a capitalised name ("Universitas Gadjah Mada", "Bank of America").
_CONNECTORS = frozenset({"dan", "of", "the", "de", "di", "bin", "binti", "van", "der", "von", "la", "&", "-", "'"})


def sentence_mode(words: list[str]) -> str:
    """'C' for normally cased text, 'L' for lowercase text, 'U' for all-caps text."""
    alpha = [w for w in words if w[:1].isalpha()]
    if not alpha:
        return "C"
    upper = sum(1 for w in alpha if w.isupper() and len(w) > 1)
    if len(alpha) >= 3 and upper / len(alpha) > 0.6:
        return "U"
    if not any(w[0].isupper() for w in alpha):
        return "L"
    return "C"


def _shape(word: str) -> str:
    out = []
    for ch in word:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _cap_bin(r: float | None) -> str:
    if r is None:
        return "na"
    return "0" if r < 0.1 else "1" if r < 0.4 else "2" if r < 0.7 else "3" if r < 0.95 else "4"


class Gazetteer:
    """Longest-match-first lookup of token sequences, one table for cased and one for lowercase."""

    def __init__(self, names: dict[str, list[tuple[str, ...]]]):
        self.cased: dict[tuple[str, ...], set[str]] = {}
        self.lower: dict[tuple[str, ...], set[str]] = {}
        for label, entries in names.items():
            for toks in entries:
                self.cased.setdefault(toks, set()).add(label)
                self.lower.setdefault(tuple(t.lower() for t in toks), set()).add(label)
        # word -> labels of the names it occurs in (any position): "Mulyani" is a person-name word
        self.word_labels: dict[str, tuple[str, ...]] = {}
        words: dict[str, set[str]] = {}
        for label, entries in names.items():
            for toks in entries:
                for t in toks:
                    if t[:1].isupper() and len(t) > 1:
                        words.setdefault(t.lower(), set()).add(label)
        self.word_labels = {w: tuple(sorted(ls)) for w, ls in words.items()}
        # first word -> name lengths starting with it, longest first (avoids trying every length)
        self.cased_lens = self._lengths(self.cased)
        self.lower_lens = self._lengths(self.lower)

    @staticmethod
    def _lengths(table: dict[tuple[str, ...], set[str]]) -> dict[str, tuple[int, ...]]:
        lens: dict[str, set[int]] = {}
        for toks in table:
            lens.setdefault(toks[0], set()).add(len(toks))
        return {w: tuple(sorted(ls, reverse=True)) for w, ls in lens.items()}

    def tags(self, words: list[str], lowercase: bool) -> list[list[str]]:
        table, lens = (self.lower, self.lower_lens) if lowercase else (self.cased, self.cased_lens)
        out: list[list[str]] = [[] for _ in words]
        n = len(words)
        i = 0
        while i < n:
            hit = 0
            for k in lens.get(words[i], ()):
                if k > n - i:
                    continue
                labels = table.get(tuple(words[i:i + k]))
                if labels:
                    for lab in sorted(labels):  # a fixed order keeps training byte-reproducible
                        out[i].append("B-" + lab)
                        for j in range(i + 1, i + k):
                            out[j].append("I-" + lab)
                    hit = k
                    break
            i += hit or 1
        return out


class _Lex:
    """Cached features of one word in one mode: its own, and as a neighbour at -2, -1, +1, +2."""

    __slots__ = ("own", "low", "m1", "m2", "p1", "p2")

    def __init__(self, own: list[str], low: str, m1: list[str], m2: list[str], p1: list[str], p2: list[str]):
        self.own, self.low, self.m1, self.m2, self.p1, self.p2 = own, low, m1, m2, p1, p2


class Featurizer:
    def __init__(self, gazetteer: Gazetteer | None, cap_ratio: dict[str, float], clusters: dict[str, list[int]],
                 mode_words: bool = False, token_gaz: bool = False, run_ctx: bool = False,
                 acronyms: bool = False, gaz_run: bool = False, org_tails: bool = False):
        # mode_words: also give word-identity features conjoined with the sentence mode, so that
        # cased text (NERGrit conventions: "Twitter" is O) and lowercase text (NERP conventions:
        # "twitter" is a brand, ORG) can learn different weights for the same word.
        self.mode_words = mode_words
        # token_gaz: which gazetteer types a word occurs in anywhere in a name (helps unseen names
        # whose full form is not listed: "Budi Gunadi" when only "Budi Santoso" is).
        self.token_gaz = token_gaz and gazetteer is not None
        # run_ctx: every token of a capitalised run also sees the words just outside the run
        # ("band Nirvana", "klub Ajax", "... Tbk"), so context reaches the middle of long names.
        self.run_ctx = run_ctx
        # acronyms: link "Lembaga Pendidikan Perkebunan ( LPP )" - a run whose initials spell the
        # bracketed acronym - and mark both sides.
        self.acronyms = acronyms
        # gaz_run: a capitalised run that is exactly a gazetteer name (not just contains one) -
        # "Nirvana" alone vs "Nirvana" inside a longer title.
        self.gaz_run = gaz_run and gazetteer is not None
        # org_tails: the run ends in a word that ends organisation names ("... Orchestra", "... FC").
        self.org_tails = org_tails
        self.gaz = gazetteer
        self.cap_ratio = cap_ratio
        self.clusters = clusters
        self._cache: dict[tuple[str, bool], _Lex] = {}

    def _lexical(self, word: str, lowercase: bool) -> _Lex:
        key = (word, lowercase)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        low = word.lower()
        m = "L" if lowercase else "C"
        f = ["bias", "mode=" + m, "w=" + low, "p3=" + low[:3], "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:]]
        if self.mode_words:
            f.append(m + "|w=" + low)
        if not lowercase:
            f.append("sh=" + _shape(word))
            if word[:1].isupper():
                f.append("title")
        else:
            f.append("lsh=" + _shape(low))
        if word.isdigit():
            f.append("digit")
        if len(word) == 1:
            f.append("len1")
        f.append("cap=" + _cap_bin(self.cap_ratio.get(low)))
        cl = self.clusters.get(low)
        ctag = "na"
        if cl:
            for k, c in enumerate(cl):
                f.append(f"c{k}={c}")
            ctag = str(cl[-1])
        if self.token_gaz and (lowercase or word[:1].isupper()):
            for lab in self.gaz.word_labels.get(low, ()):
                f.append("gt=" + lab)
        if low in ORG_CUES:
            f.append("cue=org")
        if low in LOC_CUES:
            f.append("cue=loc")
        if low in ROLE_HEADS:
            f.append("cue=role")
        if low in HONORIFICS:
            f.append("cue=hon")
        if low in SPEECH_WORDS:
            f.append("cue=say")
        m1 = ["-1w=" + low, "-1c=" + ctag]
        p1 = ["+1w=" + low, "+1c=" + ctag]
        if not lowercase:
            t = "T" if word[:1].isupper() else "l"
            m1.append("-1t=" + t)
            p1.append("+1t=" + t)
        out = _Lex(f, low, m1, ["-2w=" + low, "-2c=" + ctag], p1, ["+2w=" + low, "+2c=" + ctag])
        if len(self._cache) < 500_000:
            self._cache[key] = out
        return out

    def sentence(self, words: list[str], mode: str | None = None) -> list[list[str]]:
        """Features of each token; `mode` as given by `sentence_mode` (computed when omitted)."""
        mode = mode or sentence_mode(words)
        lowercase = mode != "C"
        if mode == "U":
            words = [w.lower() for w in words]
        lex = [self._lexical(w, lowercase) for w in words]
        gaz = self.gaz.tags(words, lowercase) if self.gaz is not None else [[] for _ in words]
        spans = _run_spans(words) if not lowercase else []
        runs = _cap_runs(words, spans) if not lowercase else None
        extra: list[list[str]] | None = None
        if spans and (self.run_ctx or self.acronyms or self.gaz_run or self.org_tails):
            extra = [[] for _ in words]
            if self.run_ctx:
                self._run_context(words, lex, spans, extra)
            if self.acronyms:
                _acronym_links(words, spans, extra)
            if self.org_tails:
                for i, j in spans:
                    if j - i >= 2 and words[j - 1].lower() in ORG_TAILS:
                        for k in range(i, j):
                            extra[k].append("org_tail")
            if self.gaz_run:
                for i, j in spans:
                    labels = self.gaz.cased.get(tuple(words[i:j]))
                    if labels:
                        tag = "gx=" + "+".join(sorted(labels))
                        for k in range(i, j):
                            extra[k].append(tag)
        m = "L" if lowercase else "C"
        n = len(words)
        feats: list[list[str]] = []
        for i in range(n):
            cur = lex[i]
            low = cur.low
            f = cur.own[:]
            if gaz[i]:
                f.extend("g=" + g for g in gaz[i])
                if self.mode_words:
                    f.extend(m + "|g=" + g for g in gaz[i])
            if i == 0:
                f.append("BOS")
            else:
                prev = lex[i - 1]
                f += prev.m1
                f.append("-1w|w=" + prev.low + "|" + low)
                if gaz[i - 1]:
                    f.extend("-1g=" + g for g in gaz[i - 1])
                if prev.low == "(" and words[i].isupper() and len(words[i]) > 1:
                    f.append("acr_paren")
                if i > 1:
                    f += lex[i - 2].m2
            if i == n - 1:
                f.append("EOS")
            else:
                nxt = lex[i + 1]
                f += nxt.p1
                f.append("w|+1w=" + low + "|" + nxt.low)
                if gaz[i + 1]:
                    f.extend("+1g=" + g for g in gaz[i + 1])
                if i < n - 2:
                    f += lex[i + 2].p2
            if runs is not None and runs[i] is not None:
                first, last, pos = runs[i]
                f.append("rf=" + first)
                f.append("rl=" + last)
                f.append("rp=" + pos)
            if extra is not None and extra[i]:
                f.extend(extra[i])
            feats.append(f)
        return feats


    def _run_context(self, words: list[str], lex: list[_Lex], spans: list[tuple[int, int]],
                     extra: list[list[str]]) -> None:
        n = len(words)
        for i, j in spans:
            ctx = []
            if i > 0:
                prev = lex[i - 1]
                ctx += ["rb=" + prev.low, "rbc=" + prev.m1[1][4:]]
                if i > 1:
                    ctx.append("rb2=" + lex[i - 2].low)
            else:
                ctx.append("rb=BOS")
            if j < n:
                nxt = lex[j]
                ctx += ["ra=" + nxt.low, "rac=" + nxt.p1[1][4:]]
            else:
                ctx.append("ra=EOS")
            for k in range(i, j):
                extra[k].extend(ctx)


def _run_spans(words: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words (digits and connectors allowed inside)."""
    n = len(words)
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if not words[i][:1].isupper():
            i += 1
            continue
        j = i + 1
        while j < n:
            if words[j][:1].isupper() or words[j][:1].isdigit():
                j += 1
            elif words[j].lower() in _CONNECTORS and j + 1 < n and words[j + 1][:1].isupper():
                j += 2
            else:
                break
        out.append((i, j))
        i = j
    return out


def _cap_runs(words: list[str], spans: list[tuple[int, int]] | None = None) -> list[tuple[str, str, str] | None]:
    """For tokens inside a run of capitalised words: (first word, last word, position B/I/S)."""
    out: list[tuple[str, str, str] | None] = [None] * len(words)
    for i, j in (spans if spans is not None else _run_spans(words)):
        first, last = words[i].lower(), words[j - 1].lower()
        for k in range(i, j):
            out[k] = (first, last, "S" if j - i == 1 else "B" if k == i else "I")
    return out


def _acronym_links(words: list[str], spans: list[tuple[int, int]], extra: list[list[str]]) -> None:
    """'Komisi Pemberantasan Korupsi ( KPK )': the run whose capitalised initials spell the
    bracketed acronym gets 'acr_long', the acronym 'acr_short'; a run's type and its acronym's agree."""
    n = len(words)
    for i, j in spans:
        if j + 2 < n and words[j] == "(" and words[j + 2] == ")":
            acr = words[j + 1]
            if not (2 <= len(acr) <= 10 and acr[:1].isupper()):
                continue
            initials = "".join(w[0] for w in words[i:j] if w[:1].isupper())
            caps = "".join(ch for ch in acr if ch.isupper())
            if len(initials) >= 2 and (initials.upper() == acr.upper() or initials.upper() == caps):
                for k in range(i, j):
                    extra[k].append("acr_long")
                extra[j + 1].append("acr_short")
