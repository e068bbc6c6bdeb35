"""The `prepare` stage: sets `article.text`, the input text the clean stage cleans.

- HTML (`raw_format == "html"`): the main text via trafilatura, one paragraph per line, favouring
  recall (teasers inside the body are the clean stage's job); fills title, published, author,
  canonical url and `meta["description"]` when the record lacks them. Garbage HTML gives empty
  text and `meta["prepare_error"]`, never an exception.
- Text: mojibake repaired (ftfy) and odd spaces normalised WITHOUT changing the number of lines:
  line i of `text` is line i of the raw input, where the raw input's lines are
  `raw.replace("\\r\\n", "\\n")` split on "\\n" (a lone "\\r" becomes a space). The clean stage's
  `removed[].line` indexes these lines.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from .article import Article
from .published import normalise_published

# UTF-8 decoded as Mac Roman, undone here directly (ftfy finds it too, but slowly): lead bytes C2/C3
# read as "¬"/"√" ("¬†" is a no-break space in 4,268 CLICK-ID bodies, "¬Ω" is "½") and E2 80-82 as
# "‚Ä", "‚Å", "‚Ç" (curly quotes "‚Äú", dashes "‚Äì", "‚Ç¨" for €), other 3-byte characters after
# "‚" ("‚Ñ¢" ™), emoji after "\uf8ff" (F0). A match is replaced only when it decodes as UTF-8.
# Also a Latin-1 "Â\xa0".
_MACROMAN_PAIR = re.compile("[¬√][^\n]|‚[^\n]{2}|\uf8ff[^\n]{3}")
_MOJIBAKE_SPACES = ("Â\xa0",)
# Spaces that are not plain spaces, and invisible marks (zero-width, bidi marks, soft hyphen, BOM).
# Line separators other than "\n" become spaces so that "\n" alone splits lines.
_SPACE_LIKE = re.compile("[\xa0\u1680\u2000-\u200a\u202f\u205f\u3000\t\x0b\x0c\x85\u2028\u2029\r]")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u202a-\u202e]")
# Mojibake always leaves a Latin-1-range character ("Ã©", "â€œ", "Ã‚", Mac Roman "‚Äú") or a C1
# control; text without one (the no-break space aside) skips ftfy, which is slow (fast path).
_SUSPECT = re.compile("[\x80-\x9f\xa1-\xff\ufffd]")
_HTML_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")


def input_lines(raw: str) -> list[str]:
    """The raw input's lines as the clean stage counts them (see the module docstring)."""
    return raw.replace("\r\n", "\n").split("\n")


def fix_text(raw: str) -> str:
    """Repaired text with exactly as many lines as `input_lines(raw)`."""
    text = raw.replace("\r\n", "\n")
    if "¬" in text or "√" in text or "‚" in text or "\uf8ff" in text:
        text = _MACROMAN_PAIR.sub(_undo_macroman, text)
    for bad in _MOJIBAKE_SPACES:
        if bad in text:
            text = text.replace(bad, " ")
    ascii_only = text.isascii()
    if not ascii_only and _SUSPECT.search(text) or "&" in text and _HTML_ENTITY.search(text):
        text = _ftfy(text)
    if not ascii_only or "\r" in text or "\t" in text or "\x0b" in text or "\x0c" in text:
        text = _INVISIBLE.sub("", _SPACE_LIKE.sub(" ", text))
    return text


def _undo_macroman(m: re.Match[str]) -> str:
    try:
        return m.group().encode("mac_roman").decode("utf-8")
    except UnicodeError:
        return m.group()


def _ftfy(text: str) -> str:
    import ftfy

    n_lines = text.count("\n")
    fixed = ftfy.fix_text(text, fix_line_breaks=False, uncurl_quotes=False, normalization="NFC")
    if fixed.count("\n") == n_lines:
        return fixed
    # ftfy merged or split lines (it should not with fix_line_breaks off): fix line by line instead.
    lines = []
    for line in text.split("\n"):
        one = ftfy.fix_text(line, fix_line_breaks=False, uncurl_quotes=False, normalization="NFC")
        lines.append(one.replace("\n", " "))
    return "\n".join(lines)


def _fix_field(value: str | None) -> str | None:
    if not value:
        return value
    return " ".join(fix_text(value).split())


def prepare_text(article: Article) -> Article:
    article.text = fix_text(article.raw)
    article.title = _fix_field(article.title)
    return article


def prepare_html(article: Article) -> Article:
    try:
        doc = _extract(article.raw, article.url)
    except Exception as exc:  # noqa: BLE001 - hostile HTML must not stop the run
        article.text = ""
        article.meta["prepare_error"] = f"HTML extraction failed: {type(exc).__name__}: {exc}"
        _published_fallback(article)
        return article
    if doc is None:
        article.text = ""
        article.meta["prepare_error"] = "no main text found in the HTML"
        _published_fallback(article)
        return article
    text = doc.text or ""
    # trafilatura separates paragraphs with "\n"; blank lines carry nothing for the clean stage.
    article.text = "\n".join(line.strip() for line in fix_text(text).split("\n") if line.strip())
    article.title = _fix_field(article.title or doc.title)
    lines = article.text.split("\n")
    if lines and _fix_field(doc.title) and lines[0] in (_fix_field(doc.title), article.title):
        article.text = "\n".join(lines[1:])  # the page's headline, repeated as the first line
    article.author = article.author or doc.author
    if not article.url and doc.url:
        article.url = doc.url
    if doc.description:
        article.meta["description"] = _fix_field(doc.description)
    if doc.sitename:
        article.meta["sitename"] = doc.sitename
    if not article.source and (doc.sitename or article.url):
        from .readers.fields import source_from_url

        # The page's own site name (og:site_name), else the host of its URL.
        article.source = _fix_field(doc.sitename) or source_from_url(article.url or "")
    if not article.text:
        article.meta["prepare_error"] = "no main text found in the HTML"
    if not article.published and doc.date:
        article.published = normalise_published(doc.date, None, article.url)
        if article.published and "T" not in article.published:
            # htmldate may settle for a day; the page's metadata often has the time as well.
            timed = _meta_published(article.raw)
            if timed and timed.startswith(article.published):
                article.published = timed
    _published_fallback(article)
    return article


# Metadata that carries a full publication timestamp: <meta property="article:published_time" ...>,
# JSON-LD "datePublished", detik's "dtk:publishdate", ...
_META_NAMES = r"(?:article:published_time|og:published_time|published_time|datepublished|pubdate|publishdate|publish-date|dtk:publishdate|date)"
_META_DATE = (
    re.compile(r"<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*[\"']" + _META_NAMES + r"[\"'][^>]*?content\s*=\s*[\"']([^\"']+)", re.I),
    re.compile(r"<meta\s[^>]*?content\s*=\s*[\"']([^\"']+)[\"'][^>]*?(?:property|name|itemprop)\s*=\s*[\"']" + _META_NAMES + r"[\"']", re.I),
    re.compile(r"[\"']datePublished[\"']\s*:\s*[\"']([^\"']+)", re.I),
)


def _meta_published(html: str) -> str | None:
    head = html[:200_000]
    for rx in _META_DATE:
        for m in rx.finditer(head):
            value = normalise_published(m.group(1))
            if value and "T" in value:
                return value
    return None


def _published_fallback(article: Article) -> None:
    if not article.published and article.meta.get("published_fallback"):
        article.published = article.meta["published_fallback"]


def _extract(html: str, url: str | None):  # -> trafilatura Document | None
    import trafilatura

    return trafilatura.bare_extraction(
        html, url=url, with_metadata=True, favor_recall=True, include_comments=False,
        include_tables=True, include_formatting=False, include_links=False, include_images=False,
        date_extraction_params={"outputformat": "%Y-%m-%dT%H:%M:%S", "extensive_search": True,
                                "original_date": True},
    )


def prepare(article: Article) -> Article:
    """The stage: text or HTML → `article.text`."""
    if article.raw_format == "html":
        return prepare_html(article)
    return prepare_text(article)


def make_stage() -> Callable[[Article], Article]:
    return prepare
