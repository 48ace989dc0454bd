"""The app's own words: labels in Traditional Chinese (the default) and English; Simplified is derived with OpenCC.

The answer's words come from ``rag.messages``; these are the words around it (buttons, section labels, badges).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..zh import to_script

# key -> (zh-Hant, en)
LABELS: dict[str, tuple[str, str]] = {
    "sources": ("來源", "Sources"),
    "quote_found": ("引文見於原段落", "quote found in the passage"),
    "quote_missing": ("引文未見於原段落", "quote not found in the passage"),
    "nearest": ("最接近的段落", "Closest passages"),
    "followup": ("檢索查詢（結合上文）", "Retrieval query (with context)"),
    "retrieved": ("檢索到的段落", "Retrieved passages"),
    "in_article": ("在原文中查看", "show in the article"),
    "notice": ("注意", "Note"),
}

KIND_LABELS: dict[str, tuple[str, str]] = {
    "headline": ("標題", "headline"),
    "fact": ("資料框", "fact box"),
    "body": ("正文", "body"),
    "byline": ("署名", "byline"),
    "heading": ("小標題", "heading"),
    "caption": ("圖片說明", "photo caption"),
    "credit": ("圖片來源", "credit"),
    "sidebar": ("側欄", "sidebar"),
    "explainer": ("解說欄", "explainer box"),
}

# The page around the chat: Traditional Chinese, as the article.
UI = {
    "intro": "就這篇文章提問：答案引用原文，並以 [n] 標出出處。可用繁體、简体、粵語或 English 提問。",
    "placeholder": "輸入問題，按 Enter 送出（繁體／简体／English）",
    "send": "送出",
    "clear": "清除對話",
    "settings": "設定",
    "top_k": "回答時參考的段落數",
    "show_all": "顯示所有檢索到的段落（附分數）",
    "about": "關於",
    "article": "原文",
    "empty": "請輸入問題 · 请输入问题 · Please type a question about the article.",
    "not_ready": "程式未能啟動 · The app is not ready",
}


def _pick(pair: tuple[str, str], script: str) -> str:
    hant, en = pair
    if script == "en":
        return en
    return _simplified(hant) if script == "zh-Hans" else hant


@lru_cache(maxsize=256)
def _simplified(text: str) -> str:
    return to_script(text, "zh-Hans")


def label(key: str, script: str) -> str:
    """A label in the answer's script (zh-Hant, zh-Hans or en)."""
    return _pick(LABELS[key], script)


def kind_label(kind: str, script: str) -> str:
    return _pick(KIND_LABELS[kind], script) if kind in KIND_LABELS else kind


@dataclass(frozen=True)
class Example:
    """A chip under the empty chat: ``questions`` are asked in turn (two of them show a follow-up)."""

    tag: str
    questions: tuple[str, ...]

    @property
    def display(self) -> str:
        return f"{self.tag} · {' → '.join(self.questions)}"


EXAMPLES = (
    Example("繁", ("香港有多少家初創企業？",)),
    Example("简", ("香港有几所国家重点实验室？",)),
    Example("粵", ("創科產業引導基金有幾多錢？",)),
    Example("EN", ("Where does Hong Kong rank in digital competitiveness?",)),
    Example("追問", ("香港有多少家初創企業？", "十年前呢？")),
    Example("文中沒有", ("獅子山芯的製程是幾納米？",)),
)
