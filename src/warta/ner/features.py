"""Token features for the CRF tagger.

Each token gets a list of string features (crfsuite treats each as a binary indicator). Lexical
features depend only on the word and are cached; gazetteer matches and capitalised-run features
depend on the sentence. A sentence is read in one of two modes: cased ("C") or lowercase ("L");
ALL-CAPS text is lowercased first, so one model serves cased, lowercase and uppercase input.
"""
from __future__ import annotations

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

    def __init__(self, names: dict[str, list[tuple[str, ...]]], lower_blocklist: set[str] | None = None):
        self.cased: dict[tuple[str, ...], set[str]] = {}
        self.lower: dict[tuple[str, ...], set[str]] = {}
        self.max_len = 1
        for label, entries in names.items():
            for toks in entries:
                self.cased.setdefault(toks, set()).add(label)
                low = tuple(t.lower() for t in toks)
                if len(low) == 1 and lower_blocklist and low[0] in lower_blocklist:
                    continue
                self.lower.setdefault(low, set()).add(label)
                self.max_len = max(self.max_len, len(toks))

    def tags(self, words: list[str], lowercase: bool) -> list[list[str]]:
        table = self.lower if lowercase else self.cased
        out: list[list[str]] = [[] for _ in words]
        n = len(words)
        i = 0
        while i < n:
            hit = 0
            for k in range(min(self.max_len, n - i), 0, -1):
                labels = table.get(tuple(words[i:i + k]))
                if labels:
                    for lab in labels:
                        out[i].append("B-" + lab)
                        for j in range(i + 1, i + k):
                            out[j].append("I-" + lab)
                    hit = k
                    break
            i += hit or 1
        return out


class Featurizer:
    def __init__(self, gazetteer: Gazetteer | None, cap_ratio: dict[str, float], clusters: dict[str, list[int]]):
        self.gaz = gazetteer
        self.cap_ratio = cap_ratio
        self.clusters = clusters
        self._cache: dict[tuple[str, bool], tuple[list[str], str, str]] = {}

    def _lexical(self, word: str, lowercase: bool) -> tuple[list[str], str, str]:
        """(own features, short word tag for neighbours, cluster tag for neighbours)."""
        key = (word, lowercase)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        low = word.lower()
        f = ["w=" + low, "p3=" + low[:3], "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:]]
        if not lowercase:
            sh = _shape(word)
            f.append("sh=" + sh)
            if word[:1].isupper():
                f.append("title")
        else:
            sh = _shape(low)
            f.append("lsh=" + sh)
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
        out = (f, low, ctag)
        if len(self._cache) < 500_000:
            self._cache[key] = out
        return out

    def sentence(self, words: list[str]) -> list[list[str]]:
        mode = sentence_mode(words)
        lowercase = mode != "C"
        if mode == "U":
            words = [w.lower() for w in words]
        lex = [self._lexical(w, lowercase) for w in words]
        gaz = self.gaz.tags(words, lowercase) if self.gaz is not None else [[] for _ in words]
        runs = _cap_runs(words) if not lowercase else None
        n = len(words)
        feats: list[list[str]] = []
        for i in range(n):
            own, low, ctag = lex[i]
            f = ["bias", "mode=" + ("L" if lowercase else "C")] + own
            f.extend("g=" + g for g in gaz[i])
            if i == 0:
                f.append("BOS")
            else:
                plow, pc = lex[i - 1][1], lex[i - 1][2]
                f.append("-1w=" + plow)
                f.append("-1c=" + pc)
                f.append("-1w|w=" + plow + "|" + low)
                f.extend("-1g=" + g for g in gaz[i - 1])
                if not lowercase:
                    f.append("-1t=" + ("T" if words[i - 1][:1].isupper() else "l"))
                if plow == "(" and words[i].isupper() and len(words[i]) > 1:
                    f.append("acr_paren")
                if i > 1:
                    f.append("-2w=" + lex[i - 2][1])
                    f.append("-2c=" + lex[i - 2][2])
            if i == n - 1:
                f.append("EOS")
            else:
                nlow, nc = lex[i + 1][1], lex[i + 1][2]
                f.append("+1w=" + nlow)
                f.append("+1c=" + nc)
                f.append("w|+1w=" + low + "|" + nlow)
                f.extend("+1g=" + g for g in gaz[i + 1])
                if not lowercase:
                    f.append("+1t=" + ("T" if words[i + 1][:1].isupper() else "l"))
                if i < n - 2:
                    f.append("+2w=" + lex[i + 2][1])
                    f.append("+2c=" + lex[i + 2][2])
            if runs is not None and runs[i] is not None:
                first, last, pos = runs[i]
                f.append("rf=" + first)
                f.append("rl=" + last)
                f.append("rp=" + pos)
            feats.append(f)
        return feats


def _cap_runs(words: list[str]) -> list[tuple[str, str, str] | None]:
    """For tokens inside a run of capitalised words: (first word, last word, position B/I/S)."""
    n = len(words)
    out: list[tuple[str, str, str] | None] = [None] * n
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
        first, last = words[i].lower(), words[j - 1].lower()
        for k in range(i, j):
            out[k] = (first, last, "S" if j - i == 1 else "B" if k == i else "I")
        i = j
    return out
