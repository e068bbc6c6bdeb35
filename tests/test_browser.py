"""The web pages in a real browser (Playwright driving Debian's Chromium), as a reader would use them.

Flow: search → click a result → see highlighted entities → open the entity page → see the chart,
with screenshots under artifacts/screenshots/; then every page at a phone-sized viewport must not
overflow horizontally; and a hostile article must not run any script.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_web_corpus import HOSTILE_ID, build_db, running_server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"

pytestmark = pytest.mark.slow

if not CHROMIUM.exists():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium); "
                "never use `playwright install`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    db = build_db(tmp_path_factory.mktemp("browser") / "kb.db")
    with running_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def new_page(browser, base, width=1280, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    # Nothing may load from the network: fail any request that leaves the test server.
    external: list[str] = []
    page.route("**/*", lambda route: (route.continue_() if route.request.url.startswith(base)
                                      else (external.append(route.request.url), route.abort())))
    page.external = external
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    return page


def test_search_click_result_see_entities_open_entity_chart(browser, base):
    page = new_page(browser, base)
    page.goto(base + "/")
    page.screenshot(path=str(SHOTS / "01-overview.png"), full_page=True)
    page.fill(".bigsearch input[name=q]", "kebakaran riau")
    page.press(".bigsearch input[name=q]", "Enter")
    page.wait_for_url("**/search?q=kebakaran+riau*")
    hits = page.locator(".hit")
    assert hits.count() >= 3
    assert page.locator(".hit mark").count() > 0  # matched words highlighted in snippets
    assert page.locator(".facets").get_by_text("Antara").is_visible()
    page.screenshot(path=str(SHOTS / "02-search.png"), full_page=True)

    page.get_by_role("link", name="Jokowi Tinjau Karhutla di Riau, Minta Api Segera Padam").click()
    page.wait_for_url("**/articles/karhutla-kompas")
    assert page.locator("h1").inner_text().startswith("Jokowi Tinjau Karhutla")
    people = page.locator(".article-text .hl-PER")
    assert people.count() >= 2 and people.first.is_visible()
    assert page.locator(".article-text .hl-amount").count() == 2
    assert page.locator(".article-text .hl-quote").count() >= 1
    assert page.locator(".legend").get_by_text("person").is_visible()
    # The removed lines are hidden until the toggle is opened.
    removed = page.locator("details.removed")
    assert not removed.locator("table").is_visible()
    removed.locator("summary").click()
    assert removed.get_by_text("teaser", exact=True).is_visible()
    page.screenshot(path=str(SHOTS / "03-article.png"), full_page=True)

    page.locator(".article-text a.hl-link", has_text="Joko Widodo").first.click()
    page.wait_for_url("**/entities/Joko%20Widodo")
    assert page.locator("h1").inner_text().startswith("Joko Widodo")
    bars = page.locator("#mentions-chart svg.chart rect.bar")
    assert bars.count() >= 7
    assert page.locator("#mentions-chart svg.chart").bounding_box()["height"] > 80
    assert page.get_by_text("Jokowi").first.is_visible()  # an alias
    page.screenshot(path=str(SHOTS / "04-entity.png"), full_page=True)
    assert page.external == [] and page.console_errors == []


def test_bad_query_shows_the_message(browser, base):
    page = new_page(browser, base)
    resp = page.goto(base + '/search?q="unclosed')
    assert resp.status == 400
    assert "unclosed quotation mark" in page.locator(".alert").inner_text()
    page.screenshot(path=str(SHOTS / "05-bad-query.png"), full_page=True)


def test_hostile_article_runs_no_script(browser, base):
    page = new_page(browser, base)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + f"/articles/{HOSTILE_ID}")
    assert page.locator("h1").inner_text() == "<script>alert(1)</script> Banjir"
    page.locator("details.removed summary").click()
    page.mouse.move(300, 300)
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('script, iframe, img:not([src^=\"data:\"])').length") == 0
    page.screenshot(path=str(SHOTS / "06-hostile.png"), full_page=True)


@pytest.mark.parametrize("path", ["/", "/search?q=riau", "/search", "/articles/karhutla-kompas",
                                  "/entities/Joko%20Widodo", "/entities", "/stories", "/quotes", "/amounts",
                                  f"/articles/{HOSTILE_ID}", "/api/docs"])
def test_phone_viewport_has_no_horizontal_overflow(browser, base, path):
    page = new_page(browser, base, width=390, height=844)
    page.goto(base + path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width}px wide at a 390px viewport"
    name = path.strip("/").replace("/", "_").replace("?", "_").replace("=", "-").replace("%20", "_") or "overview"
    page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=True)
    page.close()
