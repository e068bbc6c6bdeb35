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
        # (in-line at the end of the text, see below, bare capitals must be short: tickers are not initials)
        # ... and at the end of a paragraph, after a sentence (old detik pages add lower-case topic tags).
        caps = B.MAX_CAPS_INITIALS
        one = rf"(?:[a-z]{{2,5}}|[A-Z][a-z]{{1,4}}|[A-Z]{{2,{caps}}})"  # "mea", "Tin", "KS"; not "PANS"
        slashed = r"[A-Za-z]{2,5}(?:\s*/\s*[A-Za-z]{2,5}){1,3}"  # "mea/mea", "Tin/Ysl"
        self.initials_tail = re.compile(r"(?<=[.!?\"”’),\]])\s*\(\s*(?:\*|" + slashed + "|" + one + r")\s*\)(?:\s+[a-z0-9][a-z0-9' -]*)?[\s,.]*$")
        # "Sumber: The Mirror,Disadur dari Bola.com (Penulis: X, published 9/9/2019)"
        self.adapted_tail = re.compile(r"(?:(?<=[.!?\"”’,])|^)\s*(?P<frag>(?:Sumber\s*:[^,()]{0,40},\s*)?Disadur dari\b.{0,200})$", re.I)
        # Tempo's closing reporter / source names: "CAESAR AKBAR | VINDRY FLORENTIN", "REUTERS | AFP".
        self.caps_names = re.compile(r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:\s*\|\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})*$")
        self.caps_names_tail = re.compile(r"(?:(?<=[.!?\"”’])|,)\s*(?P<frag>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:\s*\|\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})+)[\s,]*$")
        self.punct_only = re.compile(r"^[\W_]*$")

        # In-line fragments (see inline.py): markers glued into a paragraph.
        teaser_glued = ["baca juga", "baca pula", "lihat juga", "simak juga", "read also", "berita terkait", "artikel terkait"]
        # "Baca juga: X", "(Baca juga: X)", "Baca juga,,," (CLICK-ID, the colon went with the link).
        self.glued_teaser = re.compile(r"(?:(?P<open>[\"“(\[])\s*)?(?P<marker>" + "|".join(phrase_re(p) for p in teaser_glued) + r")(?:\s*:|(?=\s*,))", re.I)
        self.bracket_teaser = re.compile(r"\[\s*baca\s*juga\s*:[^\]]*\]\s*(?:\([\d\s\u00a0]*\))?", re.I)
        self.glued_video = re.compile(r"(?:simak|tonton|lihat|saksikan)(?:\s+juga)?\s+video\s*(?::\s*)?[\"“'‘][^\"”'’]{1,200}[\"”'’]\s*(?:di\s+sini\s*)?:?", re.I)
        self.page_nav = re.compile(r"(?<=[.!?])\s*Ke halaman selanjutnya\b|\bSelanjutnya\s+Halaman(?:\s+\d+){1,6}\b|\bHalaman(?:\s+\d+){2,6}\b(?=\s+(?:Simak|Baca|\[|$))|\bLanjut ke [Hh]alaman berikut(?:nya)?\b", re.I)
        self.syndication = re.compile(r"Artikel ini (?:telah|sudah) (?:tayang|terbit|naik) di\b.*$", re.I)
        self.byline_tail = re.compile(r"(?:(?<=[.!?\"”’,])|^)[\s,]*(?P<frag>\(?\s*(?:Penulis|Reporter|Editor|Pewarta|Sumber|Disadur dari)\s*:[^()]{0,120}?(?:\([^()]{1,40}\))?\)?)[\s,]*$", re.I)
        # "Penulis: ," -- a byline whose linked name the scraper dropped.
        self.empty_byline = re.compile(r"(?<![\w])(?:Penulis|Reporter|Editor|Pewarta)\s*:\s*,", re.I)
        # "Reporter: Fimela.com/Musa Ade,Setelah ..." opening the body.
        self.leading_byline = re.compile(r"^\s*(?:Reporter|Penulis|Editor|Pewarta)\s*:\s*[^,;:]{1,60}(?:,|$)", re.I)
        # "Simak video fasilitas perakitan ... di Boyolali:" -- lead-in of a player that is gone.
        self.video_leadin = re.compile(r"(?:(?<=[.!?])\s*|(?<=,)|^)(?:Simak|Tonton|Saksikan)\s+video(?:nya)?\b[^.:!?,\n]{0,120}?(?:di\s+bawah\s+ini|berikut(?:\s+ini)?)?\s*(?::|\.|,?\s*$)", re.I)
        self.photo_paren = re.compile(r"\(\s*Foto\s*:[^()]{1,80}\)", re.I)
        self.photo_glued = re.compile(r"(?<![\w(])Foto\s*:\s*[^,.;()]{1,60}?(?=,|$|\s(?=[A-Z\"“]))")
        self.growfearless = re.compile(r"#\s*grow\s*fearless\s+w\w{2,4}\s+fi+mela", re.I)
        self.video_below = re.compile(r"Video\s*,?\s*(?:[^,.]{0,60})?dapat Anda (?:lihat|saksikan) di bawah ini\s*:?", re.I)
        self.read_more_at = re.compile(r"(?:Baca|Simak) selengkapnya di\s*(?:sini\b)?[, ]*[.!]?(?=\s*,|\s*$|\s+[A-Z\"“])", re.I)
        # Layout words that only ever appear in capitals: safe to cut wherever they sit.
        self.caps_layout = re.compile(r"(?-i:\bADVERTISEMENT\b|\bSCROLL TO (?:CONTINUE|RESUME) (?:WITH )?CONTENT\b)")
        # "...kata dia.,Reporter: Dwi Putra,Sumber: Merdeka.com,Kementerian ..." (pages that stack articles)
        self.byline_pair = re.compile(r"(?:(?<=[.!?\"”’,])|^)\s*(?:Reporter|Penulis)\s*:\s*[^,:]{1,50},\s*(?:Sumber|Reporter|Editor)\s*:\s*[^,:]{1,40}(?=,|$)", re.I)
        # "Klik halaman selanjutnya untuk informasi ..." -- the rest is on a page that was not scraped
        self.next_page_cta = re.compile(r"(?:(?<=[.!?])\s*|(?<=,)|^)Klik (?:ke )?halaman (?:selanjutnya|berikutnya)\b[^.!?]{0,120}[.!?]?")
        self.continue_reading = re.compile(r"\bLanjutkan membaca artikel di bawah\b", re.I)
        self.editors_picks = re.compile(r"\bEditor\s*[’'`]\s*s\s+picks\b", re.I)
        # Social-media embeds whose card text was scraped with the page.
        self.embed_card = re.compile(
            r"\bA post shared by [^()\n]{1,80}\(@[\w.]+\) on [A-Z][a-z]{2} \d{1,2}, \d{4} at \d{1,2}:\d{2}\s*[ap]m\s*P[DS]T"
            r"|\bSebuah kiriman dibagikan oleh [^()\n]{1,80}\(@[\w.]+\) pada \d{1,2} [A-Z][a-z]{2} \d{4} jam \d{1,2}:\d{2}\s*P[DS]T")
        # "BACA JUGA Headline" in capitals needs no colon to be a teaser.
        self.caps_teaser = re.compile(r"^[\W_]*(?-i:BACA JUGA|BACA PULA|LIHAT JUGA|SIMAK JUGA|BERITA TERKAIT|ARTIKEL TERKAIT)\b\s*:?")
        self.copyright_tail = re.compile(r"(?:(?<=[.!?\"”’,])|\s)\s*(?P<frag>(?:COPYRIGHT|Copyright|Hak cipta|©)\s*(?:\(\s*c\s*\)|©)?[^\n]{0,60}?\b(?:19|20)\d\d\b[^\n]{0,40})$")
        self.leading_junk = re.compile(r"^[\s,;.\-–—|\u00a0\u200e\u200b]*(?:[-–—]|,)[\s,;.\-–—|\u00a0\u200e\u200b]*")


@lru_cache(maxsize=1)
def rules() -> Rules:
    return Rules()
