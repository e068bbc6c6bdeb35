"""The marker lists of `lang/id/boilerplate.py`, compiled once into regular expressions."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lang.id import boilerplate as B

REASONS = ("teaser", "ad", "video", "cookie", "share", "credit", "other")

# Characters that may wrap a marker at the start of a line: quotes, brackets, bullets, pipes.
OPENERS = "\"“”'‘’«(\\[*•·|>#-–— \t"
QUOTES = "\"“”'‘’«»"
# What may follow a phrase that needs a separator: a colon, a spaced dash, or a quote.
SEPARATOR = r"(?:\s*:|\s+[-–—]{1,2}\s+|\s*[\"“'‘])"


def phrase_re(phrase: str) -> str:
    """A phrase as a regex: case-insensitive words, any spaces between them."""
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s*".join(words) if len(words) > 1 and len(words[0]) <= 2 else r"\s+".join(words)
    # A phrase ending in a letter must end on a word boundary ("editor" but not "editorial").
    return body + (r"(?![\w])" if phrase[-1].isalnum() else "")


def squash(text: str) -> str:
    """Lower case, single spaces, no surrounding punctuation: the key for EXACT_LINES."""
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.strip(" .:;,!?|-–—*•\"“”'‘’()[]")


class Rules:
    """Everything the cleaner matches, compiled."""

    def __init__(self) -> None:
        self.exact: dict[str, str] = {}
        for reason, lines in B.EXACT_LINES.items():
            for line in lines:
                self.exact[squash(line)] = reason

        # One alternation per reason, longest phrases first so "simak juga video" beats "simak juga".
        self.lead: list[tuple[str, re.Pattern[str]]] = []
        for reason, phrases in B.LEAD_PHRASES.items():
            free = sorted((p for p in phrases if p not in B.NEEDS_SEPARATOR), key=len, reverse=True)
            sep = sorted((p for p in phrases if p in B.NEEDS_SEPARATOR), key=len, reverse=True)
            alts = []
            if free:
                alts.append("(?:" + "|".join(phrase_re(p) for p in free) + ")")
            if sep:
                alts.append("(?:" + "|".join(phrase_re(p) for p in sep) + ")" + SEPARATOR)
            pattern = r"^[" + re.escape(OPENERS) + r"]*(?P<marker>" + "|".join(alts) + r")"
            self.lead.append((reason, re.compile(pattern, re.I)))

        self.cta = re.compile("^(?:" + "|".join(phrase_re(p) for p in B.CTA_SENTENCE_STARTS) + ")", re.I)
        self.cta_anywhere = re.compile("|".join(phrase_re(p) for p in B.CTA_SENTENCE_STARTS), re.I)
        self.tagline = re.compile("|".join(phrase_re(p) for p in B.PROGRAMME_TAGLINES), re.I)
        self.programme = re.compile("|".join(re.escape(p) for p in B.PROGRAMME_NAMES), re.I)
        self.embed_lead = re.compile("|".join(re.escape(p) for p in B.EMBED_LEAD_WORDS), re.I)
        verbs = "|".join(sorted(B.QUOTE_ATTRIBUTION_VERBS, key=len, reverse=True))
        # ..." kata Budi. / ...," ujarnya. / ...” tulis akun itu
        self.attributed_quote = re.compile(r"[\"”’],?\s+(?:" + verbs + r")\b", re.I)

        # "[Gambas:Video 20detik]", "[Gambas:Youtube]", "[Gambas:Instagram]"
        self.gambas = re.compile(r"\[\s*Gambas\s*:\s*(?P<kind>[^\]]*)\]", re.I)
        self.video_kinds = {k.lower() for k in B.EMBED_VIDEO_KINDS}
        # Editor initials: "(mea/mea)", "(rah)", "(Tin/Ysl)", "(*)", "(adv)".
        self.initials_line = re.compile(r"^\(\s*(?:\*|[A-Za-z]{2,5}(?:\s*/\s*[A-Za-z]{2,5}){0,3})\s*\)[.\s]*$")
        # ... and closing a paragraph after a sentence, where bare capitals must be short (tickers such
        # as "(PANS)" are not initials) and old detik pages follow them with lower-case topic tags.
        caps = B.MAX_CAPS_INITIALS
        one = rf"(?:[a-z]{{2,5}}|[A-Z][a-z]{{1,4}}|[A-Z]{{2,{caps}}})"  # "mea", "Tin", "KS"; not "PANS"
        slashed = r"[A-Za-z]{2,5}(?:\s*/\s*[A-Za-z]{2,5}){1,3}"  # "mea/mea", "Tin/Ysl"
        self.initials_tail = re.compile(r"(?<=[.!?\"”’),\]])\s*\(\s*(?:\*|" + slashed + "|" + one + r")\s*\)(?:\s+[a-z0-9][a-z0-9' -]*)?[\s,.]*$")
        # Tempo's closing reporter / source names: "CAESAR AKBAR | VINDRY FLORENTIN", "REUTERS | AFP".
        self.caps_names = re.compile(r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:\s*\|\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})*$")
        self.caps_names_tail = re.compile(r"(?:(?<=[.!?\"”’])|,)\s*(?P<frag>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:\s*\|\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})+)[\s,]*$")
        self.punct_only = re.compile(r"^[\W_]*$")

        # In-line fragments (see inline.py): markers glued into a paragraph.
        def alts(phrases: list[str]) -> str:
            return "(?:" + "|".join(phrase_re(p) for p in sorted(phrases, key=len, reverse=True)) + ")"

        # "Baca juga: X", "(Baca juga: X)", "Baca juga,,," (CLICK-ID, the colon went with the link).
        self.glued_teaser = re.compile(r"(?:(?P<open>[\"“(\[])\s*)?(?P<marker>" + alts(B.GLUED_TEASER_PHRASES) + r")(?:\s*[:;]|(?=\s*,))", re.I)
        self.bracket_teaser = re.compile(r"\[\s*baca\s*juga\s*:[^\]]*\]\s*(?:\([\d\s\u00a0]*\))?", re.I)
        verbs = "(?:" + "|".join(B.VIDEO_TEASER_VERBS) + ")"
        self.glued_video = re.compile(verbs + r"(?:\s+juga)?\s+video\s*(?::\s*)?[\"“'‘][^\"”'’]{1,200}[\"”'’]\s*(?:di\s+sini\s*)?:?", re.I)
        self.page_nav = re.compile(r"(?<=[.!?])\s*Ke halaman selanjutnya\b|\bSelanjutnya\s+Halaman(?:\s+\d+){1,6}\b|\bHalaman(?:\s+\d+){2,6}\b(?=\s+(?:Simak|Baca|\[|$))", re.I)
        self.syndication = re.compile(alts(B.SYNDICATION_PHRASES) + r".*$", re.I)
        labels = alts(B.BYLINE_LABELS)
        names = alts(B.BYLINE_NAME_LABELS)
        self.byline_tail = re.compile(r"(?:(?<=[.!?\"”’,])|^)[\s,]*(?P<frag>\(?\s*" + labels + r"\s*:[^()]{0,120}?(?:\([^()]{1,40}\))?\)?)[\s,]*$", re.I)
        # "Penulis: ," -- a byline whose linked name the scraper dropped.
        self.empty_byline = re.compile(r"(?<![\w])" + names + r"\s*:\s*,", re.I)
        # "Reporter: Fimela.com/Musa Ade,Setelah ..." opening the body.
        self.leading_byline = re.compile(r"^\s*" + names + r"\s*:\s*[^,;:]{1,60}(?:,|$)", re.I)
        # "...kata dia.,Reporter: Dwi Putra,Sumber: Merdeka.com,Kementerian ..." (pages that stack articles)
        self.byline_pair = re.compile(r"(?:(?<=[.!?\"”’,])|^)\s*" + names + r"\s*:\s*[^,:]{1,50},\s*" + labels + r"\s*:\s*[^,:]{1,40}(?=,|$)", re.I)
        # "Sumber: The Mirror,Disadur dari Bola.com (Penulis: X, published 9/9/2019)"
        self.adapted_tail = re.compile(r"(?:(?<=[.!?\"”’,])|^)\s*(?P<frag>(?:Sumber\s*:[^,()]{0,40},\s*)?" + phrase_re(B.ADAPTED_FROM_PHRASE) + r".{0,200})$", re.I)
        copyright_words = "|".join(re.escape(w) for w in B.COPYRIGHT_WORDS)
        self.copyright_tail = re.compile(r"(?:(?<=[.!?\"”’,])|\s)\s*(?P<frag>(?:" + copyright_words + r")\s*(?:\(\s*c\s*\)|©)?[^\n]{0,60}?\b(?:19|20)\d\d\b[^\n]{0,40})$", re.I)
        # "Simak video fasilitas perakitan ... di Boyolali:" -- lead-in of a player that is gone.
        leadin = "(?:" + "|".join(B.VIDEO_LEADIN_VERBS) + ")"
        self.video_leadin = re.compile(r"(?:(?<=[.!?])\s*|(?<=,)|^)" + leadin + r"\s+video(?:nya)?\b[^.:!?,\n]{0,120}?(?:di\s+bawah\s+ini|berikut(?:\s+ini)?)?\s*(?::|\.|,?\s*$)", re.I)
        photo = alts(B.PHOTO_CREDIT_LABELS)
        self.photo_paren = re.compile(r"\(\s*" + photo + r"\s*:[^()]{1,80}\)", re.I)
        # "...lumpur.,Foto: Peter Yeung - dok BBC,Namun ..." (up to the CLICK-ID join) or
        # "...ini.Foto: Arbi Anugrah\"Senang ..." (up to the next glued sentence); else left alone.
        self.photo_glued = re.compile(r"(?<![\w(])(?:Foto|FOTO)\s*:\s*(?:[^,;()\n\"“”]{1,60}?(?=,|$)|[^,;()\n.\"“”]{1,60}?(?<=[a-z0-9])(?=[\"“]|[A-Z][a-z]))")
        self.video_below = re.compile(r"Video\s*,?\s*(?:[^,.]{0,60})?dapat Anda (?:lihat|saksikan) di bawah ini\s*:?", re.I)
        self.read_more_at = re.compile(alts(B.READ_MORE_PHRASES) + r"\s*(?:sini\b)?[, ]*[.!]?(?=\s*,|\s*$|\s+(?-i:[A-Z\"“]))", re.I)
        # Layout words that only ever appear in capitals: safe to cut wherever they sit.
        self.caps_layout = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in B.CAPS_LAYOUT_PHRASES) + r")\b")
        self.next_page_cta = re.compile(r"(?:(?<=[.!?])\s*|(?<=,)|^)" + alts(B.NEXT_PAGE_PHRASES) + r"[^.!?]{0,120}[.!?]?", re.I)
        # (also glued to the word before when capitalised: "...Rossi KeempatLanjut ke halaman berikutnya")
        self.inline_phrases = {reason: re.compile(r"(?:(?<![\w#])|(?<=[a-z0-9])(?-i:(?=[A-Z])))" + alts(phrases) + r"(?!\w)\.?", re.I)
                               for reason, phrases in B.INLINE_PHRASES.items()}
        # Social-media embeds whose card text was scraped with the page.
        self.embed_card = re.compile(
            r"\bA post shared by [^()\n]{1,80}\(@[\w.]+\) on [A-Z][a-z]{2} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s*[ap]m\s*P[DS]T"
            r"|\bSebuah kiriman dibagikan oleh [^()\n]{1,80}\(@[\w.]+\) pada \d{1,2} [A-Z][a-z]{2} \d{4} jam \d{1,2}:\d{2}\s*P[DS]T")
        # "BACA JUGA Headline" in capitals needs no colon to be a teaser.
        self.caps_teaser = re.compile(r"^[\W_]*(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in B.CAPS_TEASER_PHRASES) + r")\b\s*:?")


@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules()
