"""Every user-facing string of the answerers, in the three scripts the app speaks (zh-Hant, zh-Hans, en)."""

from __future__ import annotations

REFUSAL = {
    "zh-Hant": "文章沒有提到這一點。",
    "zh-Hans": "文章没有提到这一点。",
    "en": "The article does not say.",
}
NEAREST = {
    "zh-Hant": "最接近的相關段落是",
    "zh-Hans": "最接近的相关段落是",
    "en": "The closest related passage is",
}
DISAGREE = {
    "zh-Hant": "注意：文中不同段落的說法不一致",
    "zh-Hans": "注意：文中不同段落的说法不一致",
    "en": "Note: passages of the article give different figures",
}
EMPTY_PROMPT = {
    "zh-Hant": "請輸入一個關於這篇文章的問題。",
    "zh-Hans": "请输入一个关于这篇文章的问题。",
    "en": "Please type a question about the article.",
}


def say(table: dict[str, str], script: str) -> str:
    """``table``'s text in ``script``; English when the script has no entry."""
    return table.get(script, table["en"])

ENTITY_SWAP = {
    "zh-Hant": "文章沒有提到{asked}的這項資料；文中提到的是{other}：{short}。",
    "zh-Hans": "文章没有提到{asked}的这项资料；文中提到的是{other}：{short}。",
    "en": "The article does not give this for {asked}; it gives it for {other}: {short}.",
}
NO_PRINT_DETAILS = {
    "zh-Hant": "版面沒有刊出這篇文章的日期或版次。",
    "zh-Hans": "版面没有刊出这篇文章的日期或版次。",
    "en": "The page does not give the article's date or page number.",
}
PART_OVERVIEW = {
    "zh-Hant": "{part}的重點：",
    "zh-Hans": "{part}的重点：",
    "en": "The key points of {part}:",
}
TOPIC_OVERVIEW = {
    "zh-Hant": "關於{topic}，文章的重點：",
    "zh-Hans": "关于{topic}，文章的重点：",
    "en": "What the article says on this topic:",
}
YES = {"zh-Hant": "是。", "zh-Hans": "是。", "en": "Yes."}
NOT_MENTIONED = {
    "zh-Hant": "沒有。文章沒有提到這一點。",
    "zh-Hans": "没有。文章没有提到这一点。",
    "en": "No. The article does not mention it.",
}
NO = {"zh-Hant": "不是。", "zh-Hans": "不是。", "en": "No."}
OVERVIEW = {
    "zh-Hant": "這篇報道的重點：",
    "zh-Hans": "这篇报道的重点：",
    "en": "The article's key points (quoted from its fact box):",
}
