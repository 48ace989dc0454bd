"""Each rule of answering on made-up sentences: answerability checks, yes/no verdicts, answer forms."""

from __future__ import annotations

import pytest

from rag.answer.checks import (
    Checks,
    alone_elsewhere,
    clashing_phase,
    clashing_place,
    clashing_sub_index,
    focus_share,
    implicit_subjects,
    known_share,
    missing_entities,
    missing_ranks,
    missing_statistic,
    other_entity,
    other_name,
    p_answerable,
    word_share,
)
from rag.answer.compose import english_short
from rag.answer.forms import amounts, compares, key_points, meta_answer, overview, refusal, yes_or_no
from rag.answer.span import (
    contrasted_part,
    extract_span,
    listed_words,
    name_span,
    not_but,
    organisation_span,
    quoted_descriptor,
    slot_span,
    subject_span,
    whole_list,
    whole_units,
)
from rag.evidence import (
    ScoredSentence,
    answer_category,
    asking_clause_terms,
    asks_organisation,
    names_several,
    place_span,
    quantity_spans,
    restates,
    score_sentences,
    typed_ok,
)
from rag.question import Entity, analyze, answer_type_of, entities_of
from rag.types import Chunk, Hit
from rag.zh import figures


def chunk(i: int, text: str, kind: str = "body", section: str = "", doc: str = "d") -> Chunk:
    return Chunk(id=f"{doc}:{i}", doc_id=doc, text=text, start=0, end=len(text), section=section, kind=kind)


def test_a_place_asked_about_alone_must_be_named_by_the_sentence():
    from rag.answer.checks import evidence_checks

    q = analyze("深圳單獨在指數中排第幾？")
    assert q.alone and not analyze("深圳在指數中排第幾？").alone
    group = chunk(1, "灣區集群由深圳、香港、廣州組成。該集群登頂全球第一。", section="深港穗集群")
    args = dict(coverage=0.8, typed=True, similarity=0.5, subjects=set(), weight=lambda t: 1.0, corpus="")
    checks, missing = evidence_checks(q, "該集群登頂全球第一。", "", group, **args)
    assert not checks.entities and [e.text for e in missing] == ["深圳"]
    checks, _ = evidence_checks(analyze("深圳在指數中排第幾？"), "該集群登頂全球第一。", "", group, **args)
    assert checks.entities  # without 單獨 the group answers for its member


def test_places_are_found_in_either_script_and_by_their_short_form():
    assert analyze("广州在国际数码竞争力榜单上排第几？").entities == (Entity("廣州", "place"),)
    bay = Entity("大灣區", "place")
    assert missing_entities([bay], "灣區國際創新集群由三座城市組成", set()) == []  # the page's 灣區
    assert missing_entities([bay], "河套園區首期入駐率約九成", set()) == [bay]


def test_an_entity_swap_refusal_names_the_other_place_only_with_a_figure_of_the_asked_type(pipeline):
    swapped = pipeline.answer("新加坡的數碼競爭力全球排第幾？")
    assert swapped.refused and "香港" in swapped.text and "第四" in swapped.text
    # the nearest sentence about 數碼港 holds no count: saying what 香港 has would quote a non-answer
    plain = pipeline.answer("數碼港今年有多少間公司進駐？")
    assert plain.refused and "香港" not in plain.text


def test_an_english_question_reads_more_passages_when_none_names_its_place_with_an_answer():
    """Companies from the mainland: passages that name 內地 only without a figure leave the share to a passage
    further down; one giving 內地 with a figure, or an English question with no place, reads the usual few."""
    from rag.answer.answerer import reads_more

    q = analyze("What share of the companies in the park came from mainland China?")
    loose = [Hit(chunk=chunk(0, "園區首期入駐率約九成。園區企業實現內地、海外資源均衡布局。"), score=1.0, rank=1)]
    assert reads_more(q, loose)
    given = [*loose, Hit(chunk=chunk(1, "六成入駐園區的企業來自內地。"), score=0.5, rank=2)]
    assert not reads_more(q, given)
    assert not reads_more(analyze("What share of the park is occupied?"), loose)
    assert reads_more(analyze("Why did the park fill up so fast?"), given)  # a reason may sit further down


def test_a_question_about_what_a_photo_shows_is_answered_by_the_captions_picture_sentence():
    """The caption's first sentence matches the question's words (the photo about the rank); its 圖為 sentence
    says what the picture is. A question not about a picture, or a best sentence that is no caption, is left."""
    from rag.answer.extract import pictured_sentence
    from rag.evidence import ScoredSentence

    caption = ScoredSentence(hit_index=0, start=0, end=20, text="▲北嶺在數碼榜單中躍升至全球第四。", coverage=1.0,
                             score=1.0, typed=True)
    shown = ScoredSentence(hit_index=0, start=20, end=35, text="圖為今年五月舉行的北嶺科技展。", coverage=0.0,
                           score=0.1, typed=True)
    body = ScoredSentence(hit_index=1, start=0, end=20, text="北嶺在數碼榜單中躍升至全球第四。", coverage=1.0,
                          score=0.9, typed=True)
    scored = [caption, body, shown]
    chosen = pictured_sentence(scored, caption, "Which event is pictured in the photo about the digital rank?")
    assert chosen.text == shown.text and chosen.coverage == 1.0
    assert pictured_sentence(scored, caption, "What is Beiling's digital rank?") is caption
    # the best sentence is no caption, but a caption covers the question as well: what that picture shows
    assert pictured_sentence(scored, body, "What does the photo about the digital rank show?").text == shown.text
    assert pictured_sentence([body, shown], body, "What does the photo about the digital rank show?") is body


def test_an_english_question_prefers_a_sentence_naming_its_place_that_covers_more_of_it():
    """What job does Beiling do in the cluster?: the encoder likes the cluster's headline sentence, but the one
    that names 北嶺 and covers the role (角色) and the cluster answers; one not naming the place does not."""
    from rag.answer.extract import place_sentence
    from rag.evidence import ScoredSentence

    def sent(text: str, coverage: float, start: int) -> ScoredSentence:
        return ScoredSentence(hit_index=0, start=start, end=start + len(text), text=text, coverage=coverage,
                              score=1.0 - start / 100, typed=True)

    headline = sent("「南港—北嶺」創新集群首次登頂。", 0.5, 0)
    other = sent("南港擔任技術轉化的角色；", 1.0, 20)
    role = sent("在該集群中，北嶺擔任基礎研究的角色；", 1.0, 40)
    scored = [headline, other, role]
    assert place_sentence(scored, headline, ["北嶺"]) is role
    assert place_sentence(scored, headline, []) is headline
    assert place_sentence([headline, other], headline, ["北嶺"]) is headline


def test_an_english_question_for_several_places_takes_the_clause_that_lists_them():
    """Which European countries…?: the clause listing countries (對接瑞士、德國等機構) is the answer's, not one with
    a single place (攻克海外技術壁壘) or the region the question names (歐洲市場)."""
    from rag.answer.span import places_named

    question = "团队 科研 Which European countries have the teams worked with?"
    assert places_named("從初創團隊攻克海外技術壁壘、拿下歐洲市場訂單", question) == 1
    assert places_named("對接瑞士、德國等頂尖科研機構開展聯合研發", question) == 2
    assert places_named("對接瑞士、德國等頂尖科研機構", "Which country did they work with?") == 0
    sentence = "從初創團隊攻克海外技術壁壘、拿下歐洲市場訂單，到青年團隊對接瑞士、德國等頂尖科研機構開展聯合研發。"
    assert extract_span(sentence, question, "place", cross_lingual=True) == "瑞士、德國"


def test_why_something_matters_is_answered_by_what_it_achieves():
    """Why does the chip matter so much?: the sentence saying what it achieves (實現…重要突破) answers, with that
    clause as the short answer; a plain why still needs a reason, and 標誌性 (iconic) marks nothing."""
    from rag.answer.span import significance_clause
    from rag.evidence import typed_ok

    chip = "本土孵化的「北嶺芯」全球首發，實現本地芯片自主研發領域的重要突破，彰顯了拼搏精神。"
    assert typed_ok(chip, "Why does the writer think the Beiling chip matters so much?", "why")
    assert not typed_ok(chip, "Why was the Beiling chip launched?", "why")
    clauses = chip.strip("。").split("，")
    assert significance_clause(clauses, "Why is the chip so important?") == "實現本地芯片自主研發領域的重要突破"
    assert significance_clause(["過去一年最具標誌性的突破"], "Why is it significant?") == ""
    assert significance_clause(clauses, "Why was it launched?") == ""


def test_a_question_asking_which_firms_is_not_answered_by_a_government_or_a_laboratory():
    from rag.evidence import typed_ok
    q = "基金投資了哪幾間公司？"
    assert not typed_ok("特區政府推出百億基金，讓科研成果走出實驗室。", q, "what")
    assert typed_ok("基金投資了「獅峰科技公司」、「海港芯片公司」。", q, "what")
    assert typed_ok("特區政府推出百億基金。", "哪個機構推出了基金？", "what")  # an organisation question


def test_a_top_band_asked_is_not_answered_by_another_band():
    from rag.answer.checks import clashing_top, top_bands
    assert top_bands("依託五所世界百強高校") == {100} and top_bands("the world's top 50") == {50}
    assert top_bands("排名前50名的大學") == {50} and top_bands("突破前沿賽道") == set()
    assert clashing_top("How many local universities are in the world's top 50?", "依託五所世界百強高校")
    assert clashing_top("北嶺有幾多間大學係世界五十強？", "依託五所世界百強高校")
    assert not clashing_top("How many local universities are in the world's top 100?", "依託五所世界百強高校")
    assert not clashing_top("北嶺有幾多間大學？", "依託五所世界百強高校")  # no band asked


def test_what_a_thing_fixes_is_the_clause_after_its_solving():
    from rag.answer.span import extract_span
    from rag.evidence import typed_ok
    sentence = "北嶺園區的突破，在於解決了本地多年存在的「科研強、轉化弱」短板。"
    q = "What is the Beiling park supposed to fix?"
    assert typed_ok(sentence, q, "purpose")
    assert not typed_ok("北嶺園區正式開園。", q, "purpose")
    assert extract_span(sentence, q, "purpose", cross_lingual=True) == "本地多年存在的「科研強、轉化弱」短板"


def test_which_things_with_a_modifier_ask_for_a_list():
    from rag.evidence import _LIST_Q_RE
    assert _LIST_Q_RE.search("Which frontier fields should the city push into?")
    assert _LIST_Q_RE.search("Which fields matter?")
    assert not _LIST_Q_RE.search("Which city does the park sit in?")


def test_what_it_is_rather_than_what_it_is_not_and_a_quoted_list_whole():
    from rag.answer.span import extract_span
    sentence = "北嶺最具長遠價值的突破，不在於榜單排名提升，而在於解決了多年存在的「研發強、量產弱」短板。"
    assert extract_span(sentence, "最有意義的成績不是排名上升，而是甚麼？", "what") == \
        "解決了多年存在的「研發強、量產弱」短板"
    slogan = "園區打通「北嶺研發、灣區轉化、全球市場」的閉環路徑。"
    assert extract_span(slogan, "文章用哪三個環節來形容？", "what", list_size=3) == "北嶺研發、灣區轉化、全球市場"


def test_why_the_writer_brings_a_fact_up_is_what_it_proves():
    from rag.answer.span import extract_span
    from rag.evidence import typed_ok
    proof = "過去一年，七成企業來自內地、三成來自海外，正是北嶺雙向樞紐價值的最佳印證。"
    q = "Why does the writer bring up the 70/30 mix of Beiling tenants?"
    assert typed_ok(proof, q, "why")
    assert extract_span(proof, q, "why", cross_lingual=True) == "北嶺雙向樞紐價值"
    assert extract_span(proof, "七成來自內地、三成來自海外，證明了甚麼？", "what") == "北嶺雙向樞紐價值"
    assert not typed_ok("北嶺園區首期入駐率約九成。", "What does the tenant mix prove?", "what")
    assert typed_ok("因為北嶺有法治，人才願意來。", q, "why")  # a why-question may still be answered by a reason


def test_which_body_does_something_needs_the_doing_when_the_page_writes_it():
    from rag.answer.checks import answers_who_zh
    corpus = "北嶺基金由特區政府設立。北嶺芯是數據中心管理芯片。"
    set_up = "北嶺基金由特區政府設立。"
    assert not answers_who_zh(analyze("北嶺基金由哪一間機構負責管理？"), set_up, corpus)
    assert answers_who_zh(analyze("北嶺基金由哪個機構設立？"), set_up, corpus)
    # who manages it, with or without 負責 (round 18: 引導基金由邊個管理 is not answered by who set it up)
    assert not answers_who_zh(analyze("北嶺基金由誰管理？"), set_up, corpus)
    assert answers_who_zh(analyze("北嶺基金由誰營運？"), set_up, corpus)  # a doing the page never writes
    assert answers_who_zh(analyze("北嶺芯由誰研發？"), set_up, corpus)  # making still needs 負責 to be checked
    assert answers_who_zh(analyze("北嶺基金由哪一間機構負責營運？"), set_up, corpus)  # the page never says 營運
    assert answers_who_zh(analyze("北嶺基金有多大？"), set_up, corpus)


def test_an_english_follow_up_is_ranked_by_its_own_words():
    from rag.evidence import score_sentences
    from rag.types import Chunk, Hit
    cluster = Chunk(id="a:0", doc_id="a", text="北嶺集群首次登頂全球創新指數榜首。", start=0, end=17)
    digital = Chunk(id="a:1", doc_id="a", text="北嶺數碼競爭力全球第四。", start=17, end=29)
    hits = [Hit(cluster, 1.0, 0), Hit(digital, 0.9, 1)]
    groups = (("集群",), ("创新指数",), ("数码",), ("竞争力",))
    query = "What rank did the cluster get in the innovation index? And the digital competitiveness?"
    plain = score_sentences(query, hits, "rank", groups=groups, cross_lingual=True)
    own = score_sentences(query, hits, "rank", groups=groups, cross_lingual=True,
                          own_groups=(("数码",), ("竞争力",)))
    assert plain[0].text.startswith("北嶺集群") and own[0].text.startswith("北嶺數碼")


def test_a_span_ending_on_what_was_achieved_takes_the_achievement():
    from rag.answer.extract import _OPEN_END_RE
    assert _OPEN_END_RE.search("首次實現") and _OPEN_END_RE.search("企業來自")
    assert not _OPEN_END_RE.search("就近中試")


def test_a_price_is_not_answered_by_an_area_or_a_count():
    from rag.evidence import typed_ok
    park = "北嶺園區二期提供超200萬平方米的創科空間。"
    assert not typed_ok(park, "How much rent per square foot do firms pay in the Beiling park?", "quantity")
    assert not typed_ok(park, "北嶺園區啲寫字樓租金幾錢一呎？", "quantity")
    assert typed_ok("北嶺園區租金每呎30元。", "北嶺園區啲寫字樓租金幾錢一呎？", "quantity")
    assert typed_ok("特區政府設立100億港元基金。", "那個基金有多少資金？", "quantity")


def test_several_organisations_of_a_kind_need_that_kind_named():
    assert not names_several("15所實驗室獲批，為基礎研究、關鍵技術攻關搭建平台。", "這15所實驗室分別設在哪些大學？")
    assert names_several("分別設於海濱大學、山城大學。", "這些實驗室分別設在哪些大學？")
    assert names_several("聚焦人工智能、生命健康等賽道。", "聚焦哪些賽道？")  # other kinds: any list


def test_the_things_a_count_asks_to_name_are_in_the_clause_that_states_it():
    counted = "依託五所百強高校的科研力量，成果密集落地、多點開花。"
    assert not names_several(counted, "那五所百強高校是哪五所？")  # the list is about something else
    assert names_several("15所實驗室獲批，包括甲實驗室、乙實驗室。", "這15所實驗室分別是哪些？")
    assert names_several("聚焦生命健康、人工智能等領域。", "基金聚焦哪些領域？")  # no count stated


def test_focus_share_counts_the_asked_thing_in_the_evidence():
    assert focus_share("通脹率", "香港初創企業總量接近4700家") == 0.0
    assert focus_share("入駐率", "河套園區首期入駐率約九成") == 1.0
    assert focus_share("", "anything") == 1.0


def test_an_entity_missing_from_the_evidence_is_reported():
    zhuhai, hk = Entity("珠海", "place"), Entity("香港", "place")
    assert missing_entities([zhuhai], "香港初創企業接近4700家", set()) == [zhuhai]
    assert missing_entities([hk], "初創企業接近4700家", {"香港"}) == []  # the document's own subject
    assert missing_entities([Entity("廣州", "place")], "深港穗創新集群登頂", set()) == []  # 穗 is 廣州
    assert other_entity([zhuhai], "年度成就：香港初創企業接近4700家", "接近4700家") == "香港"
    assert other_entity([Entity("HKGAI", "name")], "香港初創企業", "初創") == ""
    assert other_entity([zhuhai], "過去一年，該集群登頂全球第一，香港創科突破", "全球第一") == ""


def test_implicit_subject_is_a_place_most_passages_name():
    chunks = [chunk(i, t) for i, t in enumerate(["香港創科", "香港初創", "深圳產業", "香港人才"])]
    assert implicit_subjects(chunks, {"d": "Title"})["d"] == {"香港", "Title"}


def test_word_share_weighs_rare_words_more():
    weight = {"通脹": 5.0, "香港": 1.0}.get
    share = word_share(["香港", "通脹率"], "香港初創企業", lambda t: weight(t, 3.0))
    assert 0 < share < 0.3
    assert word_share([], "x", lambda t: 1.0) == 1.0


def test_known_share_is_the_share_of_words_anywhere_in_the_corpus():
    assert known_share(["香港", "通脹率"], "香港初創企業") == 0.5


def test_the_rarest_word_the_evidence_lacks_weighs_as_its_rarity():
    from rag.answer.checks import rarest_missing

    idf = {"香港": 1.0, "初創": 2.0, "珠海": 4.0}
    weight = lambda token: idf.get(token, 5.0)  # noqa: E731 -- an unseen token weighs the most
    assert rarest_missing(["香港", "初創"], "香港初創企業", weight) == 0.0
    assert rarest_missing(["珠海", "初創"], "香港初創企業", weight) == 4.0 / 5.0
    assert rarest_missing(["通脹率"], "香港初創企業", weight) == 1.0


def test_p_answerable_rises_with_the_evidence():
    weights = {"bias": -3.0, "coverage": 2.0, "focus": 1.0, "entities": 1.0, "typed": 0.5, "similarity": 1.0,
               "words": 1.0, "known": 1.0}
    weak = Checks(coverage=0.1, focus=0.0, entities=1.0, typed=0.0, similarity=0.1, words=0.1, known=0.5)
    strong = Checks(coverage=0.9, focus=1.0, entities=1.0, typed=1.0, similarity=0.6, words=1.0, known=1.0)
    assert p_answerable(weak, weights) < 0.5 < p_answerable(strong, weights)


@pytest.mark.parametrize(("question", "sentence", "yes"), [
    ("香港科技單項實力是不是全球第一？", "科技單項實力穩居全球第三", False),
    ("香港科技單項實力是否排名全球第三？", "科技單項實力穩居全球第三", True),
    ("集群是否登頂全球第一？", "該集群首次登頂全球創新指數榜單", True),
    ("展覽是不是在十月舉行？", "圖為今年四月舉行的創科展", False),
    ("初創企業是否接近4700家？", "初創企業總量接近4700家", True),
    ("基金的定位是追求短期盈利嗎？", "基金核心定位並非短期盈利", False),
    ("Is Hong Kong ranked second?", "香港數碼競爭力全球第四", False),
    ("它是不是第一款國產芯片？", "作為首款國產芯片", True),  # 首款 is the first
    ("園區企業是不是以海外公司為主？", "六成企業來自內地、四成來自海外", False),  # 以X為主 claims a majority
    ("香港是不是只做金融中心？", "香港不再只做金融中心", False),  # 不再 negates
    ("二期面積是不是大了一半？", "二期樓面面積擴容七成", False),
    ("文章有沒有把低空經濟列為未來的賽道？", "突破人工智能、低空經濟等前沿賽道", True),  # 未來 negates nothing
    ("園區是否不斷擴容？", "園區二期擴容七成", True),
    ("園區是否未能招商？", "園區首期入駐率約九成", False),
    # over ten years is a period, not "more than ten"
    ("Did start-ups grow to nearly 4,700 over ten years?", "十年間，初創企業從千餘家躍升至近4700家", True),
    ("初創企業係咪少過一千間？", "初創企業從千餘家躍升至近4700家", False),  # 少過: fewer than, in Cantonese
    ("Did the second phase shrink?", "園區二期擴容七成", False),  # down against up
    ("二期是否擴大了？", "園區二期擴容七成", True),
    # 並非X，而是Y: a claim about X is denied, a claim about Y is not
    ("基金是否以短期盈利為目標？", "基金定位並非短期盈利，而是引導社會資本投向實體產業", False),
    ("基金是否引導社會資本投向實體產業？", "基金定位並非短期盈利，而是引導社會資本投向實體產業", True),
    # the claim says the denied half outright, though its subject (引導基金) shares words with the other half
    ("北嶺引導基金的定位是追求短期盈利嗎？", "基金定位並非短期盈利，而是引導社會資本投向實體產業", False),
    ("北嶺引導基金的定位是引導社會資本投向實體產業嗎？", "基金定位並非短期盈利，而是引導社會資本投向實體產業", True),
    ("園區企業是否大多來自海外？", "六成企業來自內地、四成來自海外", False),  # 大多 claims a majority
    ("園區企業是否大多來自內地？", "六成企業來自內地、四成來自海外", True),
    # a claim of the form X，而不是Y against 並非Y，而是X: the same sides, or the other way round
    ("基金是不是引導社會資本，而不是追求短期盈利？", "基金定位並非短期盈利，而是引導社會資本投向實體產業", True),
    ("基金是不是追求短期盈利，而不是引導社會資本？", "基金定位並非短期盈利，而是引導社會資本投向實體產業", False),
    ("Does the fund steer private capital into industry rather than chase short-term profit?",
     "基金定位並非短期盈利，而是引導社會資本投向實體產業", True),
    # a first time against a claim that it happened before
    ("北嶺集群以前已經排過第一，今次係衛冕，係咪？", "北嶺集群首次登頂全球第一", False),
    ("Did the cluster top the index again?", "北嶺集群首次登頂全球第一", False),
    ("北嶺集群是首次登頂嗎？", "北嶺集群首次登頂全球第一", True),
    # the span of years a change took
    ("初創企業是五年內由一千多家升到四千七百家嗎？", "十年間，初創企業從千餘家躍升至近4700家", False),
    ("初創企業是十年間由一千多家升到四千七百家嗎？", "十年間，初創企業從千餘家躍升至近4700家", True),
    ("Did start-ups grow from about 1,000 to 4,700 in five years?", "十年間，初創企業從千餘家躍升至近4700家", False),
])
def test_yes_or_no_compares_what_the_question_claims_with_the_evidence(question, sentence, yes):
    assert yes_or_no(question, sentence) is yes


def test_already_is_no_word_of_a_claim():
    assert "已經" not in analyze("園區係咪已經正式開咗園？").terms


def test_a_claim_naming_what_the_article_never_mentions_is_a_no_unless_its_figure_decides():
    assert yes_or_no("獅子山芯是不是手機芯片？", "作為數據中心管理芯片", unknown=["手機"]) is False
    # 數目 is not the article's word (總量), but the figure the question states is the one the sentence gives
    assert yes_or_no("初創企業數目是否接近4700家？", "初創企業總量接近4700家", unknown=["數目"]) is True


PAGE = [
    chunk(0, "我們的特區\n\n創科篇\n\n第一行主題\n\n第二行副題", "headline"),
    chunk(1, "全球排名\n\n- 集群登頂世界第一", "fact", "全球排名"),
    chunk(2, "人才\n\n- 引才力度加大", "fact", "人才"),
    chunk(3, "大公報記者 湯嘉平", "byline"),
    chunk(4, "正文第一段。", "body", "小標題"),
    chunk(5, "大公報AI製圖", "credit"),
]


def test_a_sentence_naming_the_terms_itself_beats_one_that_only_stands_under_a_heading_naming_them():
    section = "港誕15所全國重點實驗室"
    hits = [Hit(chunk=chunk(50, "依託五所百強高校的科研力量，成果密集落地。15所香港實驗室獲批國家重點實驗室。",
                            section=section), score=1.0, rank=1)]
    best = score_sentences("國家重點實驗室有多少所", hits, "quantity")[0]
    assert best.text.startswith("15所")


def test_what_a_thing_aims_for_is_what_follows_its_pursuit():
    line = "香港人工智能大模型HKGAI V3早前發布，追求「更高效、更睿智、更本地」。"
    assert extract_span(line, "HKGAI V3追求甚麼？", "purpose") == "「更高效、更睿智、更本地」"
    assert analyze("What does HKGAI V3 aim for?").answer_type == "purpose"


def test_a_summary_of_a_part_of_the_page_reads_that_part():
    side = [chunk(40, "河套補齊短板。園區已開園。", "sidebar", "無縫對接"),
            chunk(41, "入駐率約九成。企業多元。", "sidebar", "無縫對接")]
    for question in ("總結一下側欄評論", "「無縫對接」那篇評論主要講甚麼？", "Summarise the commentary sidebar."):
        answer = overview(analyze(question), [*PAGE, *side])
        assert [c.chunk_id for c in answer.citations] == ["d:40", "d:41"], question
        assert "河套補齊短板。" in answer.text and "園區已開園" not in answer.text  # each paragraph's first sentence
    assert [c.chunk_id for c in overview(analyze("總結這篇文章"), [*PAGE, *side]).citations] == ["d:1", "d:2"]
    assert analyze("「無縫對接」那篇評論的主要論點是甚麼？").intent == "overview"


def test_a_box_of_items_is_summed_up_item_by_item_with_their_titles():
    box = [chunk(50, "北嶺集群指三城組成的集群。它首次登頂。", "explainer", "北嶺集群「世一」 · 話你知"),
           chunk(51, "在該集群中，北嶺擔任研究角色。", "explainer", "北嶺集群「世一」 · 話你知"),
           chunk(52, "百億基金是母基金。它扶持產業。", "explainer", "百億基金扶持產業")]
    answer = overview(analyze("「話你知」欄目解釋了哪兩樣東西？"), [*PAGE, *box])
    assert [c.chunk_id for c in answer.citations] == ["d:50", "d:51", "d:52"]  # every paragraph
    assert "北嶺集群「世一」：北嶺集群指三城組成的集群。" in answer.text and "百億基金扶持產業：" in answer.text
    assert "北嶺集群「世一」：在該集群中" not in answer.text  # the title once, on the item's first paragraph


def test_overview_cites_each_key_point_in_page_order():
    answer = overview(analyze("用兩句話總結這篇報道"), PAGE)
    assert answer.kind == "summary" and [c.chunk_id for c in answer.citations] == ["d:1", "d:2"]
    assert "[1]" in answer.text and "[2]" in answer.text and "集群登頂世界第一" in answer.text
    assert [c.id for c in key_points([PAGE[0], PAGE[4]])] == ["d:0", "d:4"]  # no fact box: headline, sections


def test_a_summary_of_one_topic_lists_the_page_s_points_about_it_then_its_sentences_each_cited():
    from rag.answer.forms import overview_topic, topic_overview
    from rag.evidence import score_sentences

    page = [*PAGE, chunk(6, "北嶺園區正式開園，首期入駐率約九成。園區匯聚海外資源。", "body", "小標題"),
            chunk(7, "甲基金扶持產業。", "body", "小標題"), chunk(8, "園區：北嶺園區二期擴容", "fact", "園區")]
    corpus = "".join(c.text for c in page)

    def knows(word):
        return word in corpus

    q = analyze("請簡要總結北嶺園區的成績。")
    topic = overview_topic(q, knows, lambda word: ())
    assert "園區" in topic and "總結" not in topic and "成績" not in topic
    hits = [Hit(chunk=page[6], score=1.0, rank=1), Hit(chunk=page[7], score=0.5, rank=2)]
    answer = topic_overview(q, topic, page, hits, score_sentences(q.standard, hits, "what"),
                            lambda term, text: term in text)
    assert answer is not None and answer.kind == "summary"
    assert [c.chunk_id for c in answer.citations] == ["d:6", "d:8"]  # page order: the passage, then the fact item
    assert "首期入駐率約九成" in answer.text and "二期擴容" in answer.text and "甲基金" not in answer.text
    # the page's own summary asked for: no topic
    assert overview_topic(analyze("可唔可以用幾句概括香港過去一年創科有咩主要成就？"), knows, lambda w: ()) == ()
    assert overview_topic(analyze("Give me the gist of this piece in a few lines."), knows, lambda w: ()) == ()
    # the page's own subject is no topic: a summary of this article on Hong Kong's tech sector is the page's
    assert overview_topic(analyze("Give me a quick summary of this article on Hong Kong's tech sector."), knows,
                          lambda w: ("產業",)) == ()


@pytest.mark.parametrize(("question", "expected"), [
    ("呢篇文章係邊個寫㗎？", "湯嘉平"),
    ("這篇報道刊登在哪份報紙？", "大公報"),
    ("Which newspaper published this article?", "Ta Kung Pao"),
    ("這篇文章屬於哪個系列？", "我們的特區"),
    ("這篇報道的副標題是甚麼？", "副標題是「第二行副題」"),
    ("主標題是甚麼？", "主標題是「第一行主題」"),
    ("版面上的插圖是由誰製作的？", "插圖署名「大公報AI製圖」"),
    ("Who produced the graphic on this page?", "大公報AI製圖"),
    ("版面上那張圖是誰製作的？", "插圖署名「大公報AI製圖」"),  # the picture's credit, not the byline
    ("這篇報道的標題是甚麼？", "第一行主題 / 第二行副題"),
])
def test_meta_questions_are_answered_from_the_byline_and_header(question, expected):
    answer = meta_answer(analyze(question), PAGE)
    assert answer is not None and expected in answer.text and answer.citations


def test_the_second_headline_is_the_sub_headline():
    answer = meta_answer(analyze("What is the sub-headline?"), PAGE)
    assert answer is not None and answer.short_answer == "第二行副題"


@pytest.mark.parametrize("question", ["這篇文章是哪一天刊登的？", "On which page was this article printed?",
                                      "What is the date of this article?"])
def test_a_date_or_page_the_page_does_not_print_is_refused_plainly(question):
    answer = meta_answer(analyze(question), PAGE)
    assert answer is not None and answer.refused and not answer.citations
    assert ("日期" in answer.text) or ("date" in answer.text)
    assert answer.context and "記者" in answer.context[0].quote  # what the page does give: its byline


def test_a_rank_must_stand_in_the_clause_of_what_is_ranked():
    from rag.evidence import clauses, typed_ok

    headline = "創新指數登榜首 港數碼競爭力領跑亞洲"
    assert clauses(headline) == ["創新指數登榜首", "港數碼競爭力領跑亞洲"]  # a headline's two clauses
    assert clauses("HKGAI V3早前發布") == ["HKGAI V3早前發布"]  # a space in a Latin name splits nothing
    assert clauses("面積為26,338平方公里，名列第149位") == ["面積為26,338平方公里", "名列第149位"]
    assert not typed_ok(headline, "香港數碼競爭力排第幾？", "rank")
    assert typed_ok("香港數碼競爭力全球第四、創科單項實力全球第三", "香港數碼競爭力排第幾？", "rank")


def test_the_page_s_own_phrase_for_a_thing_is_its_quoted_term():
    line = "助力內地創科企業「借港出海」，拓展全球市場"
    assert extract_span(line, "幫內地公司闖國際市場，文章用了個甚麼講法？", "what") == "借港出海"


def test_an_organisation_is_read_from_its_clause():
    from rag.answer.span import organisation_span

    assert organisation_span("在世界氣象組織發布的報告中", "報告是哪個機構發布的？") == "世界氣象組織"
    assert organisation_span("由海濱大學研發", "由哪間大學研發？") == "海濱大學"
    assert organisation_span("世界氣象組織的報告", "世界氣象組織的報告是誰寫的？") == ""  # named by the question
    assert extract_span("在世界氣象組織發布的報告中，北嶺排第一", "報告是由哪個機構發布的？", "what") == "世界氣象組織"


def test_meta_without_a_byline_is_left_to_the_extractive_answerer():
    assert meta_answer(analyze("Who wrote this article?"), [PAGE[4]]) is None


def test_a_refusal_cites_nothing_and_shows_the_nearest_passage_as_context():
    hits = [Hit(chunk=chunk(1, "香港初創企業總量接近4700家"), score=1.0, rank=1)]
    near = ScoredSentence(0, 0, 14, "香港初創企業總量接近4700家", 0.5, 1.0)
    q = analyze("珠海有多少家初創企業？")
    answer = refusal(q, hits, near, other="香港", short="接近4700家")
    assert answer.refused and answer.kind == "refusal" and not answer.citations and "[1]" not in answer.text
    assert answer.context[0].quote == "香港初創企業總量接近4700家"
    assert "珠海" in answer.text and "香港" in answer.text and "4700" in answer.text


def test_a_refusal_names_another_place_only_when_the_page_gives_that_place_something(pipeline) -> None:
    swapped = pipeline.answer("深圳有多少家初創企業？")
    assert swapped.refused and "香港" in swapped.text and "4700" in swapped.text
    # 河套's firms cover 香港優勢賽道: the page's own subject holds the place (河套香港園區), no other place's figure;
    # since round 13 the sidebar's 園區 is known to be 河套's, and the question is answered
    inside = pipeline.answer("河套首期落戶的那批機構，主要來自哪些行業？")
    assert "文中提到的是香港" not in inside.text
    assert not inside.refused and "生物醫藥" in inside.short_answer


def _hit(i: int, text: str) -> Hit:
    return Hit(Chunk(f"d:{i}", "d", text, 0, len(text)), 1.0 - i / 10, i + 1)


def test_figures_are_compared_in_one_form():
    assert figures("約九成") == figures("約90%") == figures("約9成")
    assert figures("4,700家") == figures("4700家")


@pytest.mark.parametrize(("q", "t"), [("香港有多少家初創企業？", "quantity"), ("深港穗集群排第幾？", "rank"),
                                      ("創科展在哪個月舉行？", "time"), ("誰寫的？", "person"),
                                      ("How many start-ups?", "quantity"), ("獅子山芯是甚麼？", "what"),
                                      ("引導基金的規模有多大？", "quantity"), ("多倫多大學在哪裡？", "place"),
                                      ("許多高校遷往哪裡？", "place"), ("In which month was the expo held?", "time"),
                                      ("用來管理機房的那枚芯片，名稱是甚麼？", "what"),  # the name, not the purpose
                                      ("那枚芯片是用來做甚麼的？", "purpose"),
                                      ("基金是由哪一位官員宣布成立的？", "person"),
                                      ("Which international organisation runs the index?", "person"),
                                      ("What is the fund actually for?", "purpose"),
                                      ("What is the fund actually for, if not quick profit?", "purpose"),
                                      ("What is Hong Kong famous for?", "what"),
                                      # a ranking named beside what is asked is no rank asked
                                      ("Which expo is pictured in the photo about the ranking?", "what"),
                                      ("What is Hong Kong's ranking in the index?", "rank"),
                                      ("What ranking did the cluster get?", "rank"),
                                      ("Which three cities make up the cluster that ranked first?", "place"),
                                      ("那它是用在什么地方的？", "purpose"), ("这是干什么用的芯片？", "purpose"),
                                      ("What is the model trying to be?", "purpose")])
def test_answer_types(q, t):
    assert answer_type_of(q) == t


@pytest.mark.parametrize(("short", "english"), [
    ("接近4700家", "nearly 4,700 (接近4700家)"), ("約九成", "about 90% (約九成)"),
    ("百億港元", "HK$10 billion (百億港元)"), ("千餘家", "over 1,000 (千餘家)"), ("79家", "79 (79家)"),
    ("數十項", "dozens (數十項)"), ("十年間", "十年間"),  # a period, no count
    ("全球第四", "4th (全球第四)"), ("HKGAI V3", "HKGAI V3"), ("深圳", "深圳"),
])
def test_english_answers_state_the_figure_in_english(short, english):
    assert english_short(short) == english


@pytest.mark.parametrize("q, category", [
    ("在大灣區創新集群裏，深圳扮演甚麼角色？", {"角色"}),
    ("专家认为香港应该在哪些前沿赛道上取得突破？", {"前沿"}),
    ("香港有多少家初創企業？", set()),
])
def test_answer_category_is_the_noun_after_the_interrogative(q, category):
    assert answer_category(q) == category


def test_asking_clause_terms():
    assert {"凭借", "方面", "表现"} <= asking_clause_terms(
        "深港穗集群能夠登頂全球創新指數，報道指它憑藉了哪些方面的表現？")  # terms are normalised (Simplified)
    assert asking_clause_terms("香港有多少家初創企業？") == set()  # one clause: nothing to tell apart


def test_a_span_of_years_is_a_quantity_only_when_years_are_asked_for():
    text = "過去一年，園區超200萬平方米"
    assert quantity_spans(text, "園區有多少平方米？") == ["超200萬平方米"]
    assert quantity_spans("十年間增至4700家", "用了多少年？") == ["十年間", "4700家"]
    assert quantity_spans("十年間增至4700家", "增至多少家？") == ["4700家"]


@pytest.mark.parametrize("sentence, question, span", [
    ("1837年，威廉·庫克和查爾斯·惠斯通展出第一座具有商業潛力的電報機。",
     "第一座具有商業潛力的電報機是由威廉·庫克和誰展出的？", "查爾斯·惠斯通"),  # both anchors
    ("河套港園區補齊創科產業化短板", "評論後面的標題說河套港園區補齊了甚麼短板？", "創科產業化"),  # 補齊了 -> 補齊
    ("本土自研「獅子山芯」，基於RISC-V架構", "它是基於甚麼架構？", "RISC-V"),
    ("香港初創企業接近4700家。", "北京有甚麼大學？", ""),  # no anchor: nothing
    # round 21: the verb closing the question anchors; 一起 is paraphrased by 雙向, no part of the answer
    ("甲方培育與乙方引才雙向發力，讓隊伍壯大。", "隊伍靠哪兩方面一起發力？", "甲方培育與乙方引才"),
    ("以漁業、造船聞名於世的小城，正轉型。", "小城原本以哪些行業聞名？", "漁業、造船"),  # not the question's 以
])
def test_slot_span_fills_the_interrogative(sentence, question, span):
    assert slot_span(sentence, question) == span


def test_an_english_question_is_matched_through_its_chinese_renderings():
    """The English words of the question itself match no Chinese sentence: they must not dilute the
    coverage of their renderings (a sentence holding every term covers the question fully)."""
    hits = [_hit(0, "三地形成完整創新鏈條。"), _hit(1, "三座城市聯動組成集群。")]
    groups = (("完整",), ("创新",), ("链条",))
    scored = score_sentences("完整 创新 链条", hits, "what", focus="What complete innovation chain?",
                             cross_lingual=True, groups=groups)
    assert scored[0].text == "三地形成完整創新鏈條。" and scored[0].coverage == 1.0


@pytest.mark.parametrize(("sentence", "question", "span"), [
    ("▼HKGAI V3早前發布，追求「更高效、更睿智、更本地」。", "HKGAI V3追求甚麼？", "更高效、更睿智、更本地"),
    ("本土孵化的「獅子山芯」全球首發", "本土孵化的甚麼全球首發？", "獅子山芯"),
])
def test_a_quoted_term_fills_the_slot_whole(sentence, question, span):
    assert slot_span(sentence, question) == span


def test_a_subject_inside_an_organisations_name_does_not_stand_for_it():
    cuhk, special = Entity("香港中文大學", "org"), Entity("香港特區", "place")
    assert missing_entities([cuhk], "15所香港實驗室納入國家重點實驗室體系", {"香港"}) == [cuhk]
    assert missing_entities([special], "政府推出資助計劃", {"香港"}) == []  # 香港特區 is the place 香港


def test_a_place_asked_by_number_must_be_in_the_sentence():
    second = analyze("全球創新指數排名第二的是哪個創新集群？")
    assert missing_ranks(second, "該集群首次登頂全球創新指數榜單全球第一") == [2]
    assert missing_ranks(second, "深圳位列全球第二") == []
    assert missing_ranks(analyze("香港是否排名第二？"), "香港數碼競爭力全球第四") == []  # a yes/no answers no


def test_a_figure_given_for_another_place_is_not_borrowed():
    shenzhen = [Entity("深圳", "place")]
    line = "深港穗創新集群全球排名登頂世界第一；香港數碼競爭力全球第四"
    assert clashing_place(shenzhen, line, "全球第四", {"香港"}) == shenzhen  # the clause is Hong Kong's
    assert clashing_place(shenzhen, line, "世界第一", {"香港"}) == []  # 深 in 深港穗
    # no place named in the clause: the entity check decides
    assert clashing_place(shenzhen, "初創企業接近4700家", "接近4700家", {"香港"}) == []
    # the document's own subject is never swapped
    assert clashing_place([Entity("香港", "place")], "深圳排第二", "第二", {"香港"}) == []


def test_a_question_asking_for_several_things_needs_a_sentence_that_names_several():
    assert not names_several("香港告別「科研強、轉化弱」的短板", "那15所國家重點實驗室分別是哪些？")
    assert names_several("重點扶持人工智能、生命健康、先進芯片", "基金重點扶持哪些產業？")
    assert names_several("對接瑞士和德國的科研機構", "團隊同哪些國家合作？")
    assert names_several("首款芯片「獅子山芯」", "那款芯片叫甚麼名字？")
    assert names_several("只有一句", "香港有多少家初創企業？")  # not a question about several things


def test_a_name_question_is_not_typed_by_a_latin_word_the_question_says():
    # AI大模型 holds the Latin AI, but the question says AI: it is no name of the model
    assert not typed_ok("AI大模型、精準醫療多點突破", "那個AI大模型叫啥名字？", "what")
    assert typed_ok("香港人工智能大模型HKGAI V3早前發布", "那個AI大模型叫啥名字？", "what")


def test_a_question_asking_for_the_day_needs_a_day():
    assert not typed_ok("香港人工智能大模型HKGAI V3早前發布", "HKGAI V3是哪一天發布的？", "time")
    assert typed_ok("園區於3月15日正式開園", "園區是哪一天開園的？", "time")
    assert typed_ok("HKGAI V3早前發布", "HKGAI V3是何時發布的？", "time")  # any time answers 'when'
    assert not typed_ok("HKGAI V3早前發布", "HKGAI V3是在哪一個月推出的？", "time")  # a month is asked
    assert typed_ok("圖為今年四月舉行的香港國際創科展", "創科展在哪個月舉行？", "time")


def test_a_figure_the_question_states_is_no_answer():
    assert restates("79家", "How many of the 79 institutions work on biomedicine?")
    assert not restates("近4700家", "香港有多少家初創企業？")
    assert not typed_ok("79家優質創科機構落地", "79家機構中有多少家做生物醫藥？", "quantity")


def test_a_named_statistic_must_be_in_the_evidence():
    assert missing_statistic(analyze("香港今年的通脹率是多少？"), "園區首期入駐率約9成") == "通脹率"
    assert missing_statistic(analyze("香港的失業率是多少？"), "香港失業率為3%") == ""
    assert missing_statistic(analyze("香港有多少家初創企業？"), "接近4700家") == ""  # no statistic named
    assert missing_statistic(analyze("香港樓價過去一年升了還是跌了？"), "過去一年香港創科的突破") == "樓價"
    assert missing_statistic(analyze("為甚麼入駐率這麼高？"), "園區依託香港優勢") == ""  # a reason need not repeat it


def test_a_reason_is_what_follows_its_marker():
    sentence = "榜單中，這一灣區集群憑藉領先的國際專利申請量、高質量科研論文產出，首次登頂"
    assert extract_span(sentence, "深港穗集群憑甚麼登頂？", "why") == "領先的國際專利申請量、高質量科研論文產出"
    assert analyze("深港穗创新集群凭什么登顶全球第一？").answer_type == "why"
    assert analyze("這個三城科技群能夠奪冠，靠的是哪些強項？").answer_type == "why"


def test_why_y_rather_than_x_is_answered_by_what_the_page_says_instead():
    from rag.evidence import typed_ok
    line = "與此同時，北嶺並非簡單的園區擴容，而是體制創新的試驗田。"
    question = "Why is the park called a testing ground rather than more park space?"
    assert typed_ok(line, question, "why")
    assert extract_span(line, question, "why") == "體制創新的試驗田"
    assert not typed_ok(line, "Why is the park called a testing ground?", "why")  # no contrast asked: no reason


def test_whom_a_place_helps_and_to_do_what_is_a_purpose():
    line = "對外，助力內地企業「借港出海」，拓展全球市場、對接國際標準，同時吸引全球人才"
    assert extract_span(line, "What does the city help firms do?", "purpose") == \
        "內地企業「借港出海」，拓展全球市場、對接國際標準"


def test_a_place_asked_alone_is_not_answered_by_its_group():
    assert analyze("如果只計北嶺一個城市，它排第幾？").alone
    assert analyze("只算北嶺呢？").alone
    assert not analyze("北嶺排第幾？").alone


def test_an_english_question_asking_which_universities_wants_their_names():
    from rag.evidence import asks_names, typed_ok
    question = "Which Hong Kong universities host the 15 labs?"
    assert asks_names(question)
    assert not typed_ok("15所香港實驗室獲批國家重點實驗室", question, "what")
    assert typed_ok("實驗室設於「北嶺大學」", question, "what")


def test_countries_asked_are_answered_by_countries():
    from rag.evidence import place_span
    assert place_span("15所香港實驗室獲批國家重點實驗室", "文章提到哪幾個國家？") == ""
    assert place_span("青年團隊依託香港平台，對接瑞士、德國等科研機構", "團隊同哪幾個國家合作？") == "瑞士、德國"
    assert place_span("海外創科人才持續集聚", "Which countries do the teams work with?") == ""  # overseas is none


def test_help_is_a_purpose_only_when_the_question_asks_what_helps():
    from rag.evidence import typed_ok
    line = "對內，助力國家關鍵技術自主可控"
    assert typed_ok(line, "What does Hong Kong help the country do?", "purpose")
    assert not typed_ok(line, "What is the chip used for?", "purpose")


def test_a_relative_time_answers_when_and_a_length_is_no_count():
    from rag.evidence import is_count
    line = "香港人工智能大模型HKGAI V3早前發布"
    assert extract_span(line, "HKGAI V3幾時發布？", "time") == "早前"  # not the 3 of V3
    assert not is_count("一公里") and not is_count("超200萬平方米") and is_count("79家")


def test_a_follow_up_asking_a_share_of_what_was_counted_is_not_held_to_the_count_s_classifier():
    from rag.answer.checks import unit_elsewhere
    share = analyze("海外嘅佔幾多？", ["河套有幾多間企業？"])
    assert not unit_elsewhere(share, "四成")
    swap = analyze("咁深圳呢？", ["香港有幾多間初創企業？"])
    assert unit_elsewhere(swap, "三座")  # a place swapped: still counted in 間


def test_an_english_follow_up_moving_a_figure_to_another_part_reads_that_part():
    from rag.answer.extract import _EN_AND_IN_RE
    assert _EN_AND_IN_RE.match("And in technology strength?").group(1) == "technology strength"
    assert not _EN_AND_IN_RE.match("And how many start-ups?")


def test_going_overseas_is_a_move_not_a_place():
    assert [e.text for e in entities_of("What does Hong Kong help firms do when they go overseas?")] == ["香港"]
    assert "海外" in [e.text for e in entities_of("How many firms come from overseas?")]


def test_a_numbered_set_asks_for_several():
    assert not names_several("依託五所世界百強高校的頂尖科研力量", "文中說的五所世界百強高校是哪五所？")


def test_a_purpose_is_not_read_from_a_name():
    name_only = "「百億港元「創科產業引導基金」是特區政府設立的戰略性創科母基金"
    assert extract_span(name_only, "這個基金的目的是甚麼？", "purpose") != "基金」是特區政府設立的戰略性創科母基金"
    purpose = "基金核心定位並非短期盈利，而是引導社會資本投向實體創科產業"
    assert extract_span(purpose, "這個基金的目的是甚麼？", "purpose") == "引導社會資本投向實體創科產業"


def test_a_figure_of_another_phase_is_not_borrowed():
    line = "河套香港園區正式開園，首期入駐率約90%，二期擴容七成；"
    assert clashing_phase("河套香港園區二期的入駐率是多少？", line, "約90%") == "二期"
    assert clashing_phase("河套香港園區首期的入駐率是多少？", line, "約90%") == ""  # 首期 is 第一期
    assert clashing_phase("二期擴容多少？", line, "七成") == ""
    assert clashing_phase("入駐率是多少？", line, "約90%") == ""  # no phase asked
    # the clause with the figure names no phase: the sentence's is the figure's
    caption = "園區首期入駐率約九成，79家機構落戶。"
    assert clashing_phase("How many firms moved into the third phase?", caption, "79家") == "三期"
    assert clashing_phase("How many firms moved into the first phase?", caption, "79家") == ""


def test_an_english_entity_swap_names_the_places_in_english():
    from rag.question import place_in_english

    assert place_in_english("深圳") == "Shenzhen"
    assert place_in_english("香港") == "Hong Kong"
    assert place_in_english("內地") == "the mainland"
    assert place_in_english("火星") == ""


def test_a_count_of_a_page_part_lists_it():
    from rag.answer.listing import page_part_listing

    part, items = page_part_listing(analyze("這篇文章有幾多個小標題？").standard, PAGE)
    assert part == "小標題" and [c.id for c in items] == []  # PAGE has no heading chunks
    part, items = page_part_listing("事實欄有多少項？", PAGE)
    assert part == "事實欄" and [c.id for c in items] == ["d:1", "d:2"]


def test_the_explainer_lists_its_boxes_by_title_not_its_paragraphs():
    from rag.answer.listing import compose_listing, page_part_listing

    boxes = [chunk(10, "甲集群指三座城市組成的集群。", "explainer", "甲集群 · 話你知"),
             chunk(11, "在該集群中，各城市分工不同。", "explainer", "甲集群 · 話你知"),
             chunk(12, "乙基金是政府設立的母基金。", "explainer", "乙基金")]
    for question in ("「話你知」方框解釋了哪兩樣東西？", "話你知介紹了甚麼？", "What does the explainer box explain?"):
        part, items = page_part_listing(question, [*PAGE, *boxes])
        assert [c.id for c in items] == ["d:10", "d:12"], question
    answer = compose_listing(analyze("話你知介紹了甚麼？"), "話你知", items)
    # each box by its title and what it explains, the box's first clause, which the citation marks
    assert "甲集群（甲集群指三座城市組成的集群）[1]" in answer.text
    assert "乙基金（乙基金是政府設立的母基金）[2]" in answer.text
    assert [c.quote for c in answer.citations] == ["甲集群指三座城市組成的集群", "乙基金是政府設立的母基金"]
    assert "話你知" not in answer.short_answer
    assert page_part_listing("「話你知」資料框解釋了哪兩樣東西？", [*PAGE, *boxes])[1] == [boxes[0], boxes[2]]
    assert page_part_listing("「話你知」那兩則說明分別介紹了甚麼？", [*PAGE, *boxes])[1] == [boxes[0], boxes[2]]
    assert page_part_listing("“话你知”栏目介绍了哪两个内容？", [*PAGE, *boxes])[1] == [boxes[0], boxes[2]]
    inside = analyze("「話你知」個框入面講咗邊兩樣嘢？").standard  # (入面: inside the box, no item's content)
    assert page_part_listing(inside, [*PAGE, *boxes])[1] == [boxes[0], boxes[2]]
    assert page_part_listing("版面上的資料框分了哪幾個項目？", PAGE)[1] == [PAGE[1], PAGE[2]]
    photos = [chunk(30, "▲圖為今年四月舉行的展覽。", "caption"), chunk(31, "▲園區首期入駐率約九成。", "caption")]
    for question in ("這篇文章有多少張圖片？", "How many photos are there?"):
        assert page_part_listing(question, [*PAGE, *photos])[1] == photos, question
    assert page_part_listing("「話你知」那個方格解釋了哪兩件事？", [*PAGE, *boxes])[1] == [boxes[0], boxes[2]]


def test_which_several_of_a_kind_are_read_from_the_phrase_ending_in_that_kind():
    line = "基金有序運作，聚焦生命健康、人工智能等戰略性新興領域，撬動社會資本"
    assert "生命健康、人工智能" in extract_span(line, "基金主要投資哪幾個領域？", "what")


def test_the_sub_heading_of_a_part_is_its_sections_heading():
    from rag.answer.forms import section_heading

    page = [chunk(20, "港誕實驗室", "heading", "港誕實驗室"), chunk(21, "15所實驗室獲批。", "body", "港誕實驗室"),
            chunk(22, "實驗室：15所", "fact", "科研平台")]
    hits = [Hit(chunk=page[2], score=1.0, rank=1), Hit(chunk=page[1], score=0.9, rank=2)]
    answer = section_heading(analyze("講實驗室那一段的小標題是甚麼？"), hits, page)
    assert answer is not None and answer.short_answer == "港誕實驗室" and answer.citations[0].chunk_id == "d:20"
    assert section_heading(analyze("有多少所實驗室？"), hits, page) is None
    assert section_heading(analyze("小標題說要打通甚麼產業鏈？"), hits, page) is None  # what the heading says
    # a box's title: its section is the title then the box's label
    box = [chunk(30, "甲基金扶持產業", "heading", "甲基金扶持產業"),
           chunk(31, "甲基金是母基金。", "explainer", "甲基金扶持產業 · 話你知")]
    for question in ("解釋甲基金的小欄目，標題是甚麼？", "那個欄目叫甚麼標題？"):
        answer = section_heading(analyze(question), [Hit(chunk=box[1], score=1.0, rank=1)], box)
        assert answer is not None and answer.short_answer == "甲基金扶持產業"
    labelled = [*box, chunk(29, "話你知", "heading", "甲基金扶持產業 · 話你知")]
    answer = section_heading(analyze("解釋甲基金的小資料框，欄目名稱是甚麼？"), [Hit(chunk=box[1], score=1.0, rank=1)],
                             labelled)
    assert answer is not None and answer.short_answer == "話你知"  # the column's name, printed above the box
    answer = section_heading(analyze("What's the explainer box near the end called?"),
                             [Hit(chunk=box[1], score=1.0, rank=1)], labelled)
    assert answer is not None and answer.short_answer == "話你知"


def test_figures_are_compared_by_value_in_either_language():
    assert amounts("大了一半") == [(50.0, True)] and amounts("half of them") == [(50.0, True)]
    assert amounts("第一款芯片") == [] and amounts("二期擴容七成") == [(70.0, True)]  # an ordinal, a phase's name
    assert amounts("約九成") == [(90.0, True)] and amounts("百億基金") == [(1e10, False)]
    assert amounts("HK$10 billion") == [(1e10, False)]
    assert yes_or_no("Does the fund have HK$10 billion?", "百億基金扶持新興創科產業")
    assert not yes_or_no("基金規模是不是50億？", "百億基金扶持新興創科產業")


@pytest.mark.parametrize(("question", "verdict"), [
    ("入駐率有沒有超過八成？", True),
    ("入駐率是否低於八成？", False),
    ("初創企業是否超過5000家？", None),  # a count: the sentence below has shares only
    ("園區的企業大部分來自海外嗎？", False),  # 四成來自海外, not 六成來自內地
    ("園區的企業大部分來自內地嗎？", True),
    ("Are most firms in the park from overseas?", False),  # through the renderings of 'from overseas'
])
def test_a_claim_about_a_figures_size_is_checked_against_the_claims_own_clause(question, verdict):
    sentence = "首期入駐率約九成，六成入駐園區的企業來自內地、四成來自海外"
    assert compares(question, sentence) is verdict


@pytest.mark.parametrize(("sentence", "question", "place"), [
    ("六成入駐河套園區的企業來自內地、四成來自海外", "六成入駐河套園區的企業來自哪裡？", "內地"),  # after 來自
    ("六成入駐河套園區的企業來自內地、四成來自海外", "四成入駐的企業來自哪裡？", "海外"),  # after the stated figure
    ("對接瑞士、德國等頂尖科研機構", "團隊對接了哪些國家的科研機構？", "瑞士、德國"),  # several asked
    ("河套園區依託香港國際化優勢", "河套園區依託哪裡的優勢？", "香港"),
    ("初創企業接近4700家", "初創企業在哪裡？", ""),  # no place
])
def test_a_where_question_is_answered_with_a_place_it_does_not_name(sentence, question, place):
    assert place_span(sentence, question) == place


def test_where_questions_ask_for_a_place():
    assert analyze("入駐企業來自哪裡？").answer_type == "place"
    assert analyze("Which countries do the teams work with?").answer_type == "place"


def test_an_entity_swap_refusal_names_the_missing_place_not_the_first_one():
    hits = [Hit(chunk=chunk(0, "香港高校實驗室成果首次實現就近中試"), score=1.0, rank=1)]
    nearest = ScoredSentence(0, 0, 16, "香港高校實驗室成果首次實現就近中試", 0.5, 0.5, 0.5, True)
    q = analyze("香港的實驗室借助河套的成果有多少？")
    answer = refusal(q, hits, nearest, other="深圳", short="15所", asked="河套")
    assert "河套" in answer.text and answer.refused


def test_an_english_answer_keeps_a_clause_whole_and_reads_figures_only_when_asked_for():
    sentence = "香港人工智能大模型HKGAI V3早前發布，追求更高效"
    assert extract_span(sentence, "人工智能 模型", "what", cross_lingual=True) == "香港人工智能大模型HKGAI V3早前發布"
    from rag.answer.compose import english_short

    assert english_short("香港人工智能大模型HKGAI V3早前發布", "what").startswith("香港人工智能")  # not '3 (...)'
    assert english_short("接近4700家", "quantity").startswith("nearly 4,700")


def test_a_rate_asked_about_must_be_in_the_clause_giving_the_figure():
    from rag.answer.checks import rate_elsewhere

    sentence = "園區正式開園，首期入駐率約90%，二期擴容七成；"
    follow_up = analyze("咁二期呢？", ["河套首期入駐率係幾多？"])
    assert rate_elsewhere(follow_up, sentence, "七成") == "入驻率"  # 七成 is an expansion (normalised form)
    assert rate_elsewhere(analyze("首期入駐率係幾多？"), sentence, "約90%") == ""
    # 二期又如何？ asks what the earlier turn asked, as 咁二期呢？ does (如何 asks nothing of its own)
    assert rate_elsewhere(analyze("二期又如何？", ["河套首期入駐率係幾多？"]), sentence, "七成") == "入驻率"


def test_a_claim_naming_another_of_the_same_kind_is_answered_no_even_when_the_figure_matches():
    from rag.answer.forms import other_of_kind

    sentence = "百億港元基金是香港特區政府設立的母基金"
    assert other_of_kind(["中央政府"], sentence) == ["中央政府"]
    assert other_of_kind(["規模"], sentence) == []  # a paraphrase, not another of a kind
    assert not yes_or_no("百億基金是不是由中央政府設立的？", sentence, unknown=["中央政府"])
    assert yes_or_no("基金規模是不是百億？", sentence, unknown=["規模"])


def test_a_yes_no_question_naming_another_name_is_answered_no():
    arm = [Entity("ARM", "name")]
    assert other_name(arm, "作為首款基於RISC-V架構的芯片", "獅子山芯係咪基於ARM架構？") == "RISC-V"
    assert other_name(arm, "作為首款芯片", "獅子山芯係咪基於ARM架構？") == ""  # no name in its place: refuse
    assert other_name([Entity("深圳", "place")], "香港排第四", "深圳是否排第四？") == ""  # places are swaps


def test_a_definition_is_what_follows_the_terms_copula():
    from rag.evidence import definition_span

    line = "本土孵化的「獅子山芯」全球首發，作為首款基於RISC-V架構的數據中心管理芯片，"
    assert definition_span(line, "獅子山芯") == "首款基於RISC-V架構的數據中心管理芯片"
    assert extract_span(line, "獅子山芯是甚麼？", "what") == "首款基於RISC-V架構的數據中心管理芯片"
    assert not typed_ok("本土自研「獅子山芯」全球首發；", "獅子山芯是甚麼？", "what")  # says nothing of what it is
    assert extract_span(line, "個「獅子山芯」究竟是甚麼㗎？", "what") == "首款基於RISC-V架構的數據中心管理芯片"


def test_a_question_about_the_past_gets_the_figure_a_change_started_from():
    line = "十年間，香港初創企業從千餘家躍升至近4700家"
    assert extract_span(line, "十年前香港有多少家初創企業？", "quantity") == "千餘家"
    assert extract_span(line, "香港現時有多少家初創企業？", "quantity") == "近4700家"


def test_a_constraint_is_a_reason_and_a_reliance_is_not():
    held = "香港坐擁世界一流高校，但受制於土地空間稀缺、中試載體不足，大量成果懸在實驗室"
    assert extract_span(held, "為甚麼成果懸在實驗室？", "why") == "土地空間稀缺、中試載體不足"
    assert not typed_ok("依託五所世界百強高校的頂尖科研力量", "為甚麼成果懸在實驗室？", "why")


def test_an_english_how_many_is_a_count_not_money():
    line = "百億港元創科產業引導基金落地運行，數十項創科資助計劃全面鋪開"
    assert extract_span(line, "资助 计划", "quantity", count=True) == "數十項"


def test_a_question_whether_the_article_mentions_something_it_does_not_is_answered_no():
    from rag.answer.forms import asks_mention, not_mentioned

    q = analyze("文章有沒有提到通脹？")
    assert asks_mention(q) and not asks_mention(analyze("香港有多少家初創企業？"))
    answer = not_mentioned(q, [], None, None)
    assert answer.text.startswith("沒有") and not answer.refused and answer.kind == "yesno" and not answer.citations
    assert not_mentioned(analyze("Does the article mention inflation?"), [], None, None).text.startswith("No.")


def test_an_english_question_reaches_the_pages_words_cc_cedict_lacks_and_answers_from_the_asked_clause():
    from rag.crosslingual import gloss_index

    assert "芯片" in gloss_index()["chip"] and "河套" in gloss_index()["loop"]
    # round 10: the words of an English reader the page says its own way
    from rag.crosslingual import phrase_glosses
    assert "出海" in phrase_glosses("go overseas") and "试验田" in phrase_glosses("testing ground")
    assert "入驻" in phrase_glosses("tenants") and "提供" in phrase_glosses("contribute")
    # round 11
    assert "闭环" in phrase_glosses("close the loop") and "短期盈利" in phrase_glosses("quick returns")
    assert "重点实验室" in phrase_glosses("key labs") and "世界知识产权组织" in phrase_glosses("WIPO")
    assert "生物科技" in phrase_glosses("biotech") and "受制于" in phrase_glosses("holding back")
    assert "简化" in phrase_glosses("streamlining") and "褪去" in phrase_glosses("shedding")
    # a name CC-CEDICT lacks, in its bearer's English
    wipo = "World Intellectual Property Organization (WIPO)"
    assert english_short("世界知識產權組織", "person") == f"{wipo} (世界知識產權組織)"
    assert english_short("「獅子山芯」", "what").startswith("Lion Rock chip")
    line = "本土孵化的「獅子山芯」全球首發，作為首款基於RISC-V架構的數據中心管理芯片"
    short = extract_span(line, "狮子山 芯片 架构", "what", cross_lingual=True, asks_for=["架构"])
    assert short == "作為首款基於RISC-V架構的數據中心管理芯片"
    # a list is read item by item, each in the page's English where CC-CEDICT's first sense misleads
    from rag.crosslingual import english_gloss
    assert english_gloss("生命健康、人工智能、機器人") == "life and health, artificial intelligence, robotics"


def test_an_english_question_for_sectors_gets_the_sentences_list_of_them(pipeline) -> None:
    answer = pipeline.answer("Sectors the guidance fund targets?")
    assert "生命健康、人工智能、機器人、未來產業" in answer.short_answer and not answer.refused


def test_an_english_what_is_x_question_reads_the_clause_that_says_what_it_is():
    from rag.answer.extract import _DEFINITION_START_RE, _EN_DEFINITION_Q_RE
    assert _EN_DEFINITION_Q_RE.match("What is the Beiling chip?")
    assert not _EN_DEFINITION_Q_RE.match("What is the chip meant to do for data centres in the region?")
    assert _DEFINITION_START_RE.match("作為首款基於RISC-V架構的數據中心管理芯片")
    assert not _DEFINITION_START_RE.match("是否全球首發")


def test_a_rank_is_read_from_the_list_item_the_question_is_about():
    line = "香港數碼競爭力全球第四、創科單項實力全球第三"
    assert extract_span(line, "香港創科單項實力全球第幾？", "rank") == "全球第三"
    assert extract_span(line, "香港數碼競爭力全球第幾？", "rank") == "全球第四"


def test_a_rank_the_question_states_is_not_the_rank_it_asks_for():
    line = "北嶺港口貨運量全球第二、航線數量全球第五"
    assert extract_span(line, "貨運量排第二我知道，淨係計航線又排第幾？", "rank") == "全球第五"
    assert extract_span("北嶺港口貨運量全球第二", "貨運量是不是第二？", "rank") == "全球第二"  # nothing else to give


def test_a_reason_that_opens_the_next_paragraph_answers_a_why_question_about_its_premise():
    from rag.answer.extract import extract

    premise = "去年最大的突破，莫過於北嶺港口首次登頂全球貨運榜首。"
    reason = "這一港口憑藉深水泊位和全天候通關，超越一眾老牌港口。"
    other = "本地的優勢在於地理位置：連接南北航線。"
    doc = premise + reason + other
    first = Chunk(id="d:1", doc_id="d", text=premise, start=0, end=len(premise))
    second = Chunk(id="d:2", doc_id="d", text=reason, start=len(premise), end=len(premise) + len(reason))
    third = Chunk(id="d:3", doc_id="d", text=other, start=len(doc) - len(other), end=len(doc))
    hits = [Hit(chunk=first, score=1.0, rank=1), Hit(chunk=third, score=0.9, rank=2),
            Hit(chunk=second, score=0.0, rank=3)]
    got = extract("北嶺港口點解可以登頂？", hits, qtype="why")
    assert got.sentences[0].text == reason  # not the unrelated 在於 sentence, not the premise itself
    assert got.premise == premise
    assert "深水泊位" in got.short
    # with no reason after the premise, the premise is still the best the page has
    alone = extract("北嶺港口點解可以登頂？", hits[:1], qtype="why")
    assert alone.sentences[0].text == premise and alone.premise == ""


def test_a_why_question_reads_the_paragraph_after_its_premise(encoder):
    """Two passages are read (k=1): the premise's and a celebration's; the reason opens the paragraph after the
    premise, which the answerer adds (without it the answer is the celebration's 當日)."""
    from rag.index import build_in_memory
    from rag.pipeline import Pipeline
    from rag.types import Document

    text = ("過去一年最大的突破，莫過於北嶺港口首次登頂全球貨運榜首。\n\n"
            "這一港口憑藉深水泊位和全天候通關，超越一眾老牌港口。\n\n"
            "北嶺港口登頂全球榜首當日，港口舉行了慶祝儀式。\n\n"
            "市民普遍歡迎新的渡輪航線，週末班次增加一倍。")
    pipeline = Pipeline(build_in_memory([Document("d", "港口", text)], encoder), encoder)
    answer = pipeline.answer("北嶺港口點解可以登頂全球榜首？", k=1)
    assert not answer.refused and "深水泊位" in answer.short_answer
    assert pipeline.answerer.with_followers([]) == []


def test_an_english_question_whose_words_the_page_renders_nowhere_is_off_the_page():
    """The English counterpart of ``known``: content words with no CC-CEDICT rendering on the page, alone, in a
    phrase, or in the gloss of a word the page holds. A paraphrase of what the page says keeps its words."""
    from rag.answer.answerer import answers
    from rag.answer.checks import english_known_share
    from rag.crosslingual import unrendered_words
    from rag.zh import normalize

    corpus = normalize("特區政府推出創科資助計劃，覆蓋青年團隊。北嶺碼頭首期已規劃落地。")
    off = "What did the government say about licensing stablecoin issuers?"
    assert unrendered_words(off, corpus) == ["licensing", "stablecoin", "issuers"]
    assert english_known_share(off, corpus) == 0.25
    assert unrendered_words("How many funding schemes did the government launch?", corpus) == []
    assert unrendered_words("Which young teams does it cover?", corpus) == []  # 青年: "young person"
    assert unrendered_words("What was planned for the dock?", corpus) == []  # planned -> plan, 規劃
    assert english_known_share("Tell me about the photo caption.", corpus) == 1.0  # the page's own parts
    assert unrendered_words("Roughly how many funding schemes are there today?", corpus) == []  # hedges, the present
    checks = Checks(coverage=1.0, focus=1.0, entities=1.0, typed=1.0, similarity=0.2, words=1.0, known=0.25)
    assert not answers(analyze(off), checks, 1.0)
    assert answers(analyze(off), Checks(**{**checks.as_dict(), "known": 0.5}), 1.0)


def test_a_word_the_page_holds_only_inside_a_rate_is_not_on_the_page():
    """出租 ("to rent") inside 出租率 (an occupancy rate) does not put rents on the page; a word the page also
    writes alone does count, and a rate asked for by its own rendering (occupancy -> 出租率) is on the page."""
    from rag.crosslingual import on_page, unrendered_words
    from rag.zh import normalize

    corpus = normalize("北嶺園區出租率達八成，入駐率約九成，入駐企業超60家。")
    assert not on_page("出租", corpus)
    assert on_page("出租率", corpus) and on_page("入駐", corpus)
    assert unrendered_words("What is the average monthly rent for a flat?", corpus)[-2:] == ["rent", "flat"]
    assert "occupancy" not in unrendered_words("What is the park's occupancy rate?", corpus)


def test_an_english_yes_no_claim_naming_what_the_page_never_names_is_answered_no():
    """A capitalised name with a word nothing on the page stands for (Forum) is a claim the page does not make;
    a name the page renders (World Intellectual Property Organization: 世界知識產權組織) or a place's adjective
    (European: 歐洲) is not."""
    from rag.answer.answerer import claim_unknowns
    from rag.crosslingual import unknown_names
    from rag.zh import normalize

    corpus = normalize("在世界知識產權組織發布的《全球創新指數》中，北嶺團隊拿下歐洲市場訂單，香港經濟向好。")
    assert unknown_names("Was the index published by the World Economic Forum?", corpus) == ["World Economic Forum"]
    assert unknown_names("Was it published by the World Intellectual Property Organization?", corpus) == []
    assert unknown_names("Did the team win orders in the European market?", corpus) == []
    assert unknown_names("Did Singapore top the index?", corpus) == ["Singapore"]  # not "Did Singapore"
    # a terse question's opening word is capitalised as any first word is: no name
    assert unknown_names("Size of the government's guidance fund?", corpus) == []
    assert unknown_names("Singapore's rank in the index?", corpus) == ["Singapore's"]  # a name the page lacks
    q = analyze("Was the Global Innovation Index compiled by the World Economic Forum or ARM?")
    assert claim_unknowns(q, corpus) == ["ARM", "World Economic Forum"]
    assert not yes_or_no(q.text, "在世界知識產權組織發布的《全球創新指數》中", claim_unknowns(q, corpus))


def test_what_the_experts_say_follows_the_speaker(pipeline) -> None:
    answer = pipeline.answer("文章話專家建議香港將來要做好啲咩？", ["獅子山芯係咪香港自己研發嘅？"])
    assert "基礎研究" in answer.short_answer and "認為" not in answer.short_answer


def test_number_of_and_count_ask_for_a_count():
    from rag.evidence import counts_only

    assert counts_only("Number of firms in the park's first phase?") and counts_only("Startup count in HK?")
    assert not counts_only("How much is the fund?")


def test_a_photo_question_reaches_the_caption():
    from rag.crosslingual import page_renderings
    from rag.zh import normalize

    corpus = normalize("▲圖為今年四月舉行的北嶺港口博覽會。")
    assert page_renderings("photo", corpus) == ("图为",) and page_renderings("held", corpus) == ("举行",)


def test_an_english_question_about_a_body_the_page_never_abbreviates_is_off_the_page():
    """An abbreviation the page never writes (QS) names another ranking than the page's: none of its figures
    answers it. One the page writes (RISC-V, HKGAI), HK$ and a hyphenated place name are no such abbreviation."""
    from rag.answer.answerer import unknown_abbreviations
    from rag.zh import normalize

    corpus = normalize("北嶺芯基於RISC-V架構；HKGAI V3早前發布；創新集群全球第一；基金規模100億港元。")
    assert unknown_abbreviations("Which university ranks highest in the QS World University Rankings?",
                                 corpus) == ["QS"]
    assert unknown_abbreviations("Is the chip based on RISC-V, and what does HKGAI V3 aim for?", corpus) == []
    assert unknown_abbreviations("What is the HK$10 billion fund for, and the US$ figure?", "") == []
    assert unknown_abbreviations("What rank did the Shenzhen-Hong Kong-Guangzhou cluster reach?", corpus) == []
    # one the page writes in Chinese (SAR: 特區) is on the page
    assert unknown_abbreviations("What is the SAR government doing?", normalize("特區政府優化人才政策")) == []


def test_an_english_figure_question_for_an_earlier_time_or_another_scope_is_not_answered_by_the_figure_now():
    """A rank now (躍升至全球第四) answers neither what it was before nor what it is in Asia; a sentence that dates
    its figure back (從…躍升至, 較原規劃) may answer an earlier time, and a headline's place (領跑亞洲 in the title) is
    no subject an English question's place stands in."""
    from rag.answer.checks import clashing_time, subject_places

    now = "北嶺在數碼榜單中躍升至全球第四，多項指標領跑亞洲。"
    assert clashing_time("What was Beiling's rank before it rose to fourth?", now)
    assert clashing_time("What was its rank three years ago?", now)
    assert not clashing_time("How many start-ups were there ten years ago?", "十年間，初創企業從千餘家躍升至近900家。")
    assert not clashing_time("What is its rank now?", now)
    # 過去一年 is the past year, the figure now: it answers no question about the year before
    assert clashing_time("And the year before?", "過去一年，北嶺集群首次登頂榜單全球第一。")
    subjects = {"香港", "港數碼競爭力領跑亞洲"}
    assert subject_places(subjects) == {"香港"}
    asked = [Entity("香港", "place"), Entity("亞洲", "place")]
    assert clashing_place(asked, "香港在數碼榜單中躍升至全球第四，多項指標領跑亞洲。", "全球第四",
                          subject_places(subjects))
    assert not clashing_place(asked, "香港在數碼榜單中躍升至全球第四，多項指標領跑亞洲。", "全球第四", subjects)


def test_an_english_who_question_needs_an_agent_of_the_asked_verb():
    """Who manages the fund? is answered by a sentence naming a person or an organisation other than what the
    question names, holding the asked verb when the page has a word for it (管理)."""
    from rag.answer.checks import answers_who
    from rag.evidence import names_agent
    from rag.zh import normalize

    defined = "北嶺基金是特區政府設立的母基金。"
    managed = "北嶺基金由港務委員會管理。"
    corpus = normalize(defined + managed + "15所實驗室獲批。")
    assert names_agent("特區政府設立") and names_agent("中央明確支持") and not names_agent("基金落地運行")
    manages = analyze("Who manages the fund?")
    assert not answers_who(manages, defined, corpus)  # the government set it up; who manages it is not said
    assert answers_who(manages, managed, corpus)
    assert answers_who(analyze("Who set up the fund?"), defined, corpus)  # set up -> 設立, not set alone
    assert not answers_who(analyze("Who approved the 15 laboratories?"), "15所實驗室獲批。", corpus)
    assert answers_who(analyze("How big is the fund?"), "基金落地運行。", corpus)  # not a who-question


@pytest.mark.parametrize(("sentence", "question", "several"), [
    ("依託三所頂尖高校的科研力量，成果密集落地、多點開花。", "Which three universities does it rely on?", False),
    ("三座城市深圳、香港、廣州組成集群。", "Which three cities form the cluster?", True),
    ("北嶺港追求「更快、更穩、更近」。", "What three qualities does the port pursue?", True),  # a quoted list
    ("瑞士、德國的機構參與研究。", "Which countries are taking part?", True),
    ("德國的機構參與研究。", "Which countries are taking part?", False),
    ("依託三所頂尖高校的科研力量。", "How many universities does it rely on?", True),  # not asking for several
])
def test_an_english_question_for_several_named_things_needs_them_named(sentence, question, several):
    assert names_several(sentence, question) is several


def test_come_out_on_top_and_top_the_ranking_are_read_as_the_pages_topping_words():
    from rag.crosslingual import Expander

    expander = Expander(["「深圳—廣州」港口集群首次登頂全球榜首。", "港口頂尖人才持續集聚。"])
    assert ("登顶", "榜首") in expander.expand_groups("Why did the port cluster come out on top?")
    assert any("登顶" in g for g in expander.expand_groups("Why did the port cluster top the index?"))


def test_an_english_why_question_finds_its_places_in_the_premise_before_the_reason(encoder):
    """The reason (這一集群憑藉…) names no city; the premise before it (「深圳—廣州」港口集群首次登頂全球榜首) does,
    and is the context the entity check reads."""
    from rag.index import build_in_memory
    from rag.pipeline import Pipeline
    from rag.types import Document

    text = ("過去一年最大的突破，莫過於「深圳—廣州」港口集群首次登頂全球貨運榜首。\n\n"
            "這一集群憑藉深水泊位和全天候通關，超越一眾老牌港口。\n\n"
            "市民普遍歡迎新的渡輪航線，週末班次增加一倍。\n\n"
            "新的海濱長廊明年落成，全長三公里。\n\n"
            "碼頭工人的培訓計劃擴大至五百人。")
    pipeline = Pipeline(build_in_memory([Document("d", "港口", text)], encoder), encoder)
    answer = pipeline.answer("Why did the Shenzhen-Guangzhou port cluster come out on top?")
    assert not answer.refused and "深水泊位" in answer.text


def test_an_english_why_question_reads_a_premise_that_covers_as_much_as_the_reason():
    from rag.answer.extract import extract

    premise = "去年最大的突破，莫過於北嶺港口集群首次登頂全球榜首。"
    reason = "在全球港口指數中，這一港口集群憑藉深水泊位，超越一眾老牌港口。"
    chunk_a = Chunk(id="d:1", doc_id="d", text=premise, start=0, end=len(premise))
    chunk_b = Chunk(id="d:2", doc_id="d", text=reason, start=len(premise), end=len(premise) + len(reason))
    hits = [Hit(chunk=chunk_b, score=1.0, rank=1), Hit(chunk=chunk_a, score=0.9, rank=2)]
    groups = (("集群",), ("登顶", "榜首"), ("指数",))  # the premise holds two, the reason two
    got = extract("集群 登顶 榜首 指数", hits, qtype="why", cross_lingual=True, groups=groups,
                  focus="Why did the port cluster top the index?")
    assert got.sentences[0].text == reason and got.premise == premise


def test_a_question_about_one_listed_place_reads_the_sentence_about_it_alone():
    from rag.answer.extract import subject_sentence

    listing = ScoredSentence(0, 0, 30, "集群由深圳、香港、廣州三座城市組成", 0.6, 1.0, typed=True)
    own = ScoredSentence(1, 0, 20, "廣州擔任先進製造的角色。", 0.5, 0.9, typed=True)
    other = ScoredSentence(1, 20, 40, "深圳擔任硬件製造的角色。", 0.5, 0.8, typed=True)
    scored = [listing, other, own]
    assert subject_sentence(scored, listing, ["廣州"]) is own
    assert subject_sentence(scored, listing, ["上海"]) is listing  # not listed: nothing to prefer
    # the best sentence opens with the place asked about: another place the question names (河套) is context
    provides = ScoredSentence(0, 0, 20, "深圳提供產業空間、製造業鏈條。", 0.6, 1.0, typed=True)
    loop = ScoredSentence(1, 0, 20, "河套最大的優勢，是要素無縫對接。", 0.6, 0.9, typed=True)
    assert subject_sentence([provides, loop], provides, ["河套", "深圳"]) is provides
    dashed = ScoredSentence(0, 0, 30, "「深圳—香港—廣州」創新集群首次登頂", 0.6, 1.0, typed=True)
    assert subject_sentence([dashed, other, own], dashed, ["廣州"]) is own  # a list joined by dashes
    far = ScoredSentence(1, 0, 20, "廣州擔任先進製造的角色。", 0.2, 0.9, typed=True)
    assert subject_sentence([listing, far], listing, ["廣州"]) is listing  # covers the question too little


def test_a_reason_points_back_at_its_premise():
    from rag.answer.extract import refers_back

    assert refers_back("在榜單中，這一港口集群憑藉深水泊位，超越老牌港口。")
    assert refers_back("該基金旨在引導社會資本。")
    assert not refers_back("市民普遍歡迎新的渡輪航線，週末班次增加一倍。")


def test_a_short_answer_is_whole_quoted_terms_and_whole_words() -> None:
    sentence = "曾經，評論界批評某城「重教學、輕應用，有名氣、無規模」；如今已邁入嶄新階段。"
    assert whole_units("重教學", sentence) == "重教學、輕應用，有名氣、無規模"  # the quote is one unit
    assert whole_units("嶄新階", sentence) == "嶄新階段"  # a dictionary word is not cut
    assert whole_units("約九", "首期入駐率約九成") == "約九"  # figures are cut by the type patterns, not here
    assert whole_units("不在句中", sentence) == "不在句中"


def test_a_name_question_gets_the_quoted_name_or_the_latin_one() -> None:
    chip = "本地團隊研發的「青山芯」首發，作為基於ARM架構的網絡芯片。"
    assert name_span(chip, "那款芯片叫甚麼名字？") == "青山芯"
    model = "▼本地語言模型ABC V2早前發布，追求「更快、更準」。"  # a quoted list is a slogan, not a name
    assert name_span(model, "個模型叫咩名？") == "ABC V2"
    assert extract_span(chip, "本地團隊研發的那款芯片叫甚麼？", "what") == "青山芯"
    assert name_span("沒有名字的句子。", "叫甚麼？") == ""


def test_a_category_noun_ending_the_question_is_the_category() -> None:
    chip = "本地團隊研發的「青山芯」首發，作為基於ARM架構的網絡芯片。"
    assert "ARM" in extract_span(chip, "「青山芯」採用哪一種芯片架構？", "what")


def test_of_parallel_figures_the_one_whose_object_the_question_names() -> None:
    line = "去年，七成進駐園區的公司來自本地、三成來自外國，可見園區吸引力。"
    assert extract_span(line, "園區有多少公司來自外國？", "quantity") == "三成"
    assert extract_span(line, "進駐園區的公司有幾成來自本地？", "quantity") == "七成"
    parts = ["七成進駐園區的公司來自本地", "三成來自外國"]
    assert contrasted_part(parts, "有幾成來自外國？") == "三成來自外國"
    assert contrasted_part(parts, "園區有多少公司？") == ""  # names neither object
    assert contrasted_part(["七成公司", "三成機構"], "外國") == ""  # no shared predicate


def test_a_rate_is_told_from_a_counted_share_and_a_change() -> None:
    from rag.answer.extract import is_rate

    line = "首期入駐率約九成，出租率達八成，三成來自外國，面積擴容七成"
    assert is_rate(line, line.index("九成")) and is_rate(line, line.index("八成"))
    assert not is_rate(line, line.index("三成")) and not is_rate(line, line.index("七成"))


def test_a_span_ending_on_and_is_the_first_of_the_pair_and_one_ending_on_a_verb_takes_its_object() -> None:
    from rag.answer.extract import _OPEN_END_RE, _PAIR_END_RE, rest_of_clause

    assert _PAIR_END_RE.sub("", "抑鬱和") == "抑鬱" and not _PAIR_END_RE.search("金融、貿易")
    line = "六成入駐園區的企業來自內地、四成來自海外。"
    assert _OPEN_END_RE.search("企業來自") and rest_of_clause("企業來自", line) == "內地、四成來自海外"


def test_a_purpose_keeps_its_verb_and_a_denial_gives_way_to_what_follows() -> None:
    line = "該基金定位並非短期獲利，而是引導民間資金投向實體產業。"
    assert extract_span(line, "該基金的目的是甚麼？", "purpose") == "引導民間資金投向實體產業"
    assert not_but("並非短期獲利", line) == "引導民間資金投向實體產業"
    assert not_but("實體產業", line) == "實體產業"  # outside the denied half: as it is
    assert not_but("該基金定位並非短期獲利", line) == "引導民間資金投向實體產業"  # its subject taken along
    assert not_but("該基金定位", line) == "該基金定位"  # the subject alone is no denial


def test_which_thing_did_someone_launch_asks_for_its_name() -> None:
    line = "本土孵化的「北嶺芯」全球首發，作為首款數據中心管理芯片"
    assert extract_span(line, "北嶺 芯片 推出 Which chip did the city put out recently?", "what",
                        cross_lingual=True, name_asked=True) == "北嶺芯"
    from rag.answer.span import NAME_Q_RE
    assert NAME_Q_RE.search("Which chip did Hong Kong put out recently?")
    assert not NAME_Q_RE.search("Which sectors does the fund target?")


def test_also_is_takes_the_subject_of_the_clause_it_goes_on_from() -> None:
    line = "基礎研究是創新的源頭活水，也是北嶺創科的核心優勢。"
    assert subject_span(line, "北嶺創科的核心優勢") == "基礎研究"
    assert extract_span(line, "北嶺創科的核心優勢是甚麼？", "what") == "基礎研究"


def test_x_is_what_said_the_other_way_round_gives_the_subject() -> None:
    line = "變革的關鍵不在獎項，其中新園區的全面啟用，是整個變革的核心支點。"
    assert subject_span(line, "整場變革的核心支點") == "新園區的全面啟用"
    assert extract_span(line, "整場變革的核心支點是甚麼？", "what") == "新園區的全面啟用"
    assert subject_span("園區的核心支點已經落成。", "核心支點") == ""  # no copula before it


def test_a_list_asked_by_which_fills_the_slot_whole() -> None:
    line = "該基金定位清晰，重點扶持人工智能、生命健康、先進芯片、未來科技等戰略性新興產業，並引導實體產業發展。"
    assert extract_span(line, "該基金重點扶持哪些產業？", "what").startswith("人工智能、生命健康、先進芯片、未來科技")
    blocked = "但受制於土地空間稀缺、中試載體不足、完整產業鏈缺失，成果難以落地"
    listed = extract_span(blocked, "成果難以落地，受制於哪些因素？", "what")
    assert listed == "土地空間稀缺、中試載體不足、完整產業鏈缺失"


def test_an_english_phase_and_a_count_of_something_else() -> None:
    from rag.answer.checks import clashing_phase, counted_elsewhere, page_classifiers
    from rag.zh import normalize

    occupancy = "園區正式開園，首期入駐率約90%，二期擴容七成"
    assert clashing_phase("What is the occupancy rate of the second phase?", occupancy, "約90%")
    assert not clashing_phase("What was the occupancy rate of phase one?", occupancy, "約90%")
    corpus = normalize("香港初創企業從千餘家躍升至近4700家。集群由深圳、香港、廣州三座城市組成。")
    assert page_classifiers("初創", corpus) == {"家"}
    cities = "集群由深圳、香港、廣州三座城市組成"
    assert counted_elsewhere(analyze("How many start-ups are there in Shenzhen?"), cities, "三座", corpus)
    startups = "香港初創企業從千餘家躍升至近4700家"
    assert not counted_elsewhere(analyze("How many start-ups does Hong Kong have?"), startups, "近4700家", corpus)
    # a follow-up swapping the place: the earlier turn says what is counted
    follow = analyze("And Shenzhen?", ["How many start-ups does Hong Kong have?"])
    assert counted_elsewhere(follow, cities, "三座", corpus)


def test_a_name_question_needs_a_name_the_question_does_not_say() -> None:
    from rag.evidence import asks_name, has_new_name

    assert asks_name("那支團隊叫甚麼名字？") and asks_name("What is the chip called?") and not asks_name("有幾多間？")
    assert not asks_name("「上海驛」是誰取的名字？") and not asks_name("吉祥物的名字代表甚麼意義？")
    assert not has_new_name("團隊攻克技術壁壘、拿下歐洲訂單", "那支團隊叫甚麼名字？")
    assert not has_new_name("告別「科研強、轉化弱」的短板", "那些實驗室叫甚麼名字？")  # a quoted list is a slogan
    assert has_new_name("本土孵化的「青山芯」首發", "那款芯片叫甚麼？")
    assert not has_new_name("本土孵化的「青山芯」首發", "「青山芯」叫甚麼名字？")  # the question's own name


def test_what_x_gives_in_english_is_what_follows_the_clause_naming_x() -> None:
    from rag.answer.extract import what_follows

    line = "十所實驗室成功獲批，正式納入國家體系，為基礎研究搭建了國家級平台。"
    assert what_follows("十所實驗室成功獲批", line) == "正式納入國家體系，為基礎研究搭建了國家級平台"
    assert what_follows("為基礎研究搭建了國家級平台", line) == ""  # nothing follows it
    assert what_follows("不在句中", line) == ""


def test_a_quoted_term_attached_to_the_word_asked_about() -> None:
    line = "改寫了外界對本市「重金融、輕科技」的固有認知"
    assert quoted_descriptor(line, "外界對本市的固有認知是怎樣的？") == "重金融、輕科技"
    assert quoted_descriptor(line, "「重金融、輕科技」是甚麼意思？") == ""  # the question says the quote
    assert extract_span("本市告別「研究強、轉化弱」的短板", "本市告別了甚麼短板？", "what") == "研究強、轉化弱"


def test_which_international_body_a_version_and_a_sentence_about_another_place() -> None:
    from rag.answer.extract import subject_sentence
    from rag.evidence import ScoredSentence, asks_organisation

    assert asks_organisation("《指數》是由哪個國際機構發布的？") and asks_organisation("由甚麼組織發布？")
    assert asks_organisation("Which international organisation runs the index?")
    assert not asks_organisation("Which international ranking did the cluster top?")
    assert name_span("▼本地模型ABC V2早前發布。", "最新推出的是哪个版本？") == "ABC V2"
    other = ScoredSentence(0, 0, 10, "在該集群中，香港擔任研究的角色；", coverage=0.5, score=0.8, typed=True)
    asked = ScoredSentence(0, 10, 20, "廣州擔任製造的角色。", coverage=0.45, score=0.7, typed=True)
    assert subject_sentence([other, asked], other, ["廣州"]) is asked  # the best is about another place
    plain = ScoredSentence(0, 0, 10, "園區提供創科空間。", coverage=0.5, score=0.8, typed=True)
    assert subject_sentence([plain, asked], plain, ["河套"]) is plain  # about no other place: kept


def test_an_english_question_asking_for_an_area_gets_the_area_in_english() -> None:
    from rag.answer.span import english_units
    from rag.crosslingual import amount_in_english

    assert english_units("How much floor space does the park offer?") == ("平方米", "平方公里")
    assert english_units("By how much did the floor area grow?") == ()  # a change: its answer is a share
    assert english_units("How much larger is the floor area than planned?") == ()
    line = "整體樓面面積較原規劃擴容七成，超200萬平方米的創科空間"
    assert extract_span(line, "樓面 面積 空間", "quantity", units=("平方米",)) == "超200萬平方米"
    assert amount_in_english("超200萬平方米") == "over 2 million square metres"
    assert english_short("超200萬平方米", "quantity") == "over 2 million square metres (超200萬平方米)"


def test_a_claim_placing_a_home_grown_thing_elsewhere_is_no() -> None:
    from rag.answer.checks import placed_at_home

    line = "本土孵化的「青山芯」全球首發"
    made = analyze("青山芯是在深圳研發的吧？")
    assert placed_at_home(made, [Entity("深圳", "place")], line)
    assert not placed_at_home(analyze("深圳有4700家初創企業嗎？"), [Entity("深圳", "place")], line)  # no making
    assert not placed_at_home(made, [Entity("ARM", "name")], line)
    assert not placed_at_home(made, [Entity("深圳", "place")], "該芯片全球首發")  # the page says nothing of home
    abroad = analyze("Was the Green Hill chip developed outside Hong Kong?")  # no other place named: abroad
    assert placed_at_home(abroad, [], line)
    assert not placed_at_home(analyze("Was the Green Hill chip developed in Hong Kong?"), [], line)


def test_the_noun_after_which_two_may_be_skipped_to_find_the_slot() -> None:
    line = "站在新起點，創科正朝向與金融、貿易並肩，成為三大引擎。"
    assert "金融、貿易" in extract_span(line, "創科將與哪兩個行業並肩？", "what")


def test_why_reads_what_a_thing_lies_in_not_what_it_does_not() -> None:
    line = "這項突破，不在於單項獲獎，而在於解決了多年存在的「研究強、轉化弱」短板，是變革的支點。"
    assert extract_span(line, "為甚麼這是最重要的突破？", "why") == "解決了多年存在的「研究強、轉化弱」短板"


def test_what_was_done_is_the_actions_from_the_span_on() -> None:
    from rag.answer.extract import _ACTIONS_Q_RE, what_is_done

    line = "政府持續優化人才政策，升級人才入境計劃，簡化落戶流程。"
    assert what_is_done("持續優化", line) == "持續優化人才政策，升級人才入境計劃，簡化落戶流程"
    assert _ACTIONS_Q_RE.search("政府作了哪些調整？") and _ACTIONS_Q_RE.search("有甚麼新措施？")
    assert not _ACTIONS_Q_RE.search("這款芯片是用來做甚麼的？")  # a purpose, not actions
    assert _ACTIONS_Q_RE.search("香港人才政策有甚麼改變？") and _ACTIONS_Q_RE.search("政府改了些甚麼？")
    assert _ACTIONS_Q_RE.search("What is the SAR government doing for tech talent?")
    assert not _ACTIONS_Q_RE.search("What is the chip used for?")


def test_a_topic_is_the_questions_and_a_quote_may_name_a_stage_asked_in_part() -> None:
    from rag.answer.extract import _TOPIC_END_RE, what_follows

    line = "對本地團隊而言，這意味著更低的成本、更快的速度。"
    assert _TOPIC_END_RE.search("對本地團隊而言")
    assert what_follows("對本地團隊而言", line) == "這意味著更低的成本、更快的速度"
    stage = "本市正式從「點狀創新」邁入「片區化、規模化」的全新階段"
    assert quoted_descriptor(stage, "從點狀創新邁進了甚麼新階段？") == "片區化、規模化"


def test_what_kind_of_x_reads_what_the_sentence_says_the_x_is() -> None:
    line = "「甲基金」是政府重構設立的戰略性母基金，是培育產業的核心抓手。"
    assert extract_span(line, "甲基金屬於甚麼性質的基金？", "what") == "政府重構設立的戰略性母基金"


def test_which_aspect_of_chip_asks_for_a_chip() -> None:
    line = "本土孵化的「青山芯」全球首發，作為首款基於ARM架構的網絡管理芯片，實現突破。"
    assert extract_span(line, "「青山芯」是用在哪方面的芯片？", "what") == "首款基於ARM架構的網絡管理芯片"


def test_a_question_asking_for_each_of_parallel_figures_gets_all_it_names() -> None:
    line = "去年，七成進駐園區的公司來自本地、三成來自外國，可見園區吸引力。"
    both = "七成進駐園區的公司來自本地、三成來自外國"
    assert extract_span(line, "進駐園區的公司，來自本地與外國的比例分別是多少？", "quantity") == both
    assert extract_span(line, "本地和外國公司各佔幾成？", "quantity") == both
    parts = ["七成進駐園區的公司來自本地", "三成來自外國"]
    assert contrasted_part(parts, "本地和外國公司佔幾成？") == ""  # both named, each not asked: no single part


def test_figures_asked_for_each_are_no_names_asked_for() -> None:
    line = "去年，七成進駐園區的公司來自本地、三成來自外國。"
    assert typed_ok(line, "來自本地與外國的比例分別是多少？", "quantity")
    assert not typed_ok("園區有兩間實驗室。", "兩間實驗室分別是甚麼？", "what")  # names asked: none given


def test_a_chinese_question_for_an_area_or_a_distance_wants_that_unit() -> None:
    from rag.evidence import chinese_units

    assert chinese_units("園區可提供的樓面空間有多大？") == ("平方米", "平方公里", "公頃", "公顷")
    assert chinese_units("樓面面積比原規劃擴大了多少？") == ()  # a change: its answer is a share
    assert chinese_units("那二期呢？面积扩了多少？") == ()
    assert chinese_units("這個省的土地面積是全國第幾大？") == ()  # a rank
    assert chinese_units("兩座烽火台相距多遠？") == ("公里", "米")
    line = "整體樓面面積較原規劃擴容七成，超200萬平方米的創科空間"
    asked = "樓面空間有多大？"
    assert extract_span(line, asked, "quantity", units=chinese_units(asked)) == "超200萬平方米"


def test_a_statistic_named_by_its_kind_alone_is_answered_by_any_rate() -> None:
    rate = analyze("園區第一期的租用比率有多高？")
    assert missing_statistic(rate, "園區首期入駐率約九成") == ""
    assert missing_statistic(rate, "園區首期有79家機構") == "比率"  # no rate or share at all
    assert missing_statistic(analyze("香港的通脹率是多少？"), "園區首期入駐率約九成") == "通脹率"


def test_which_organisation_is_asked_with_or_without_yi() -> None:
    assert asks_organisation("編製指數的是哪一個國際機構？")
    assert asks_organisation("哪一個組織定義了這個標準？")
    assert organisation_span("於1949年陽予倩等5人組成國歌詞譜初選委員會", "組成了哪一個組織") == "國歌詞譜初選委員會"
    assert organisation_span("依據美國卡內基高等教育基金會的分類", "依據哪一個機構") == "美國卡內基高等教育基金會"
    assert typed_ok("美國地質調查局認為震央在外海。", "哪一個組織認為震央在外海？", "what")


def test_a_version_asked_for_needs_a_name_or_a_version() -> None:
    assert typed_ok("香港大模型HKGAI V3早前發布。", "大模型最新出了哪個版本？", "what")
    assert typed_ok("所有功能在貝他版本已開發完。", "功能在什麼版本開發完？", "what")
    assert not typed_ok("AI大模型、精準醫療多點突破。", "AI大模型最新出了哪個版本？", "what")


def test_an_english_question_naming_what_the_page_never_mentions_is_refused(pipeline) -> None:
    answer = pipeline.answer("Where did the Hang Seng Index close at the end of the year?")
    assert answer.refused
    assert not pipeline.answer("Besides I&T, which two sectors make up Hong Kong's three core engines?").refused


def test_a_question_for_several_things_gets_the_sentences_list() -> None:
    from rag.answer.span import enumeration_span

    line = "基金有序運作，聚焦甲乙醫療、丙丁能源、戊己材料、庚辛製造等新興領域，撬動社會資本。"
    assert enumeration_span(line, "那個基金主力投放在哪些行業？") == "甲乙醫療、丙丁能源、戊己材料、庚辛製造"
    assert extract_span(line, "那個基金主力投放在哪些行業？", "what") == "甲乙醫療、丙丁能源、戊己材料、庚辛製造"
    roles = "甲市擔任技術轉化、中試量產、硬件製造的角色；"
    assert enumeration_span(roles, "甲市負責哪些工作？") == "技術轉化、中試量產、硬件製造"  # less 的角色
    said = "國際化的法治環境、完善的保護體系、聯通全球的資本渠道，令人才來港。"
    assert enumeration_span(said, "有哪些優勢？") == "國際化的法治環境、完善的保護體系、聯通全球的資本渠道"
    others = enumeration_span("AI大模型、精準醫療、生物科技多點突破", "除了AI大模型，還有哪些？")
    assert others == "精準醫療、生物科技多點突破"
    assert enumeration_span(line, "甲乙醫療、丙丁能源和戊己材料有哪些？") == ""  # the question names the list
    assert enumeration_span("園區有兩間實驗室。", "有哪些實驗室？") == ""


def test_asked_what_a_place_brings_the_sentence_about_the_place_itself_answers():
    from rag.answer.extract import subject_sentence

    compound = ScoredSentence(0, 0, 30, "園區最大的優勢，是甲乙兩地要素無縫對接。", 1.0, 1.0, typed=True)
    own = ScoredSentence(1, 0, 20, "甲市提供廣闊產業空間、製造業鏈條。", 0.5, 0.8, typed=True)
    assert subject_sentence([compound, own], compound, ["甲市"], effect=True) is own
    assert subject_sentence([compound, own], compound, ["甲市"]) is compound  # not asked what it brings


def test_a_why_question_is_answered_by_what_makes_it_so_before_the_causative_verb():
    line = "完善的法治環境、低稅率的營商優勢，讓甲城成為人才的優選之地。"
    assert typed_ok(line, "為甚麼甲城能吸引人才？", "why")
    assert extract_span(line, "為甚麼甲城能吸引人才？", "why") == "完善的法治環境、低稅率的營商優勢"
    assert not typed_ok("甲城是人才的優選之地。", "為甚麼甲城能吸引人才？", "why")


def test_a_count_in_another_classifier_does_not_answer_a_follow_up_that_swaps_the_place():
    from rag.answer.checks import unit_elsewhere

    swapped = analyze("咁深圳呢？", ["香港而家有幾多間初創企業？"])
    assert unit_elsewhere(swapped, "三座")  # cities, not firms
    assert not unit_elsewhere(swapped, "近4700家")
    other = analyze("出租率呢？", ["河套首期有幾多間公司入駐？"])
    assert not unit_elsewhere(other, "八成")  # asks another measure: the earlier turn's unit does not hold
    assert unit_elsewhere(analyze("香港有幾多間初創企業？"), "三座")


def test_a_span_takes_the_end_of_the_kind_asked_for():
    from rag.answer.span import with_kind

    assert with_kind("新田科技", "新田科技城規劃落地", "還提到哪個科技城的規劃？") == "新田科技城"
    assert with_kind("今年四月", "圖為今年四月舉行的展覽。", "展覽在哪個月舉行？") == "今年四月"
    assert with_kind("甲乙", "甲乙大學成立。", "哪間大學成立？") == "甲乙"  # holds none of the kind


def test_which_time_is_answered_by_the_first_or_nth():
    line = "過去一年，該集群首次登頂榜單全球第一。"
    assert extract_span(line, "該集群登上榜首是第幾次？", "rank") == "首次"
    assert extract_span(line, "該集群排第幾？", "rank") == "全球第一"


def test_a_claim_that_one_side_outnumbers_the_other_is_decided_by_each_sides_figure():
    line = "去年，七成進駐園區的公司來自本地、三成來自外國。"
    assert compares("園區的公司，本地公司是否多於外國公司？", line) is True
    assert compares("園區的外國公司是不是多於本地公司？", line) is False
    assert compares("園區的外國公司是不是少於本地公司？", line) is True
    assert compares("本地公司是否多於外國公司？", "園區有七成公司。") is None  # one side's figure only
    assert compares("園區的公司當中，本地公司的比例是否高於外國公司？", line) is True  # the measure is no side


def test_how_the_page_describes_a_thing_is_its_quoted_term():
    line = "助力內地企業「借港出海」，拓展全球市場。"
    assert extract_span(line, "內地企業經本港拓展市場，文中怎樣形容？", "what") == "借港出海"


def test_a_count_asked_with_ge_is_answered_by_the_things_own_classifier():
    from rag.evidence import has_unit

    assert has_unit("15所", "個") and has_unit("79家", "個")
    assert not has_unit("三座", "個") and not has_unit("七成", "個")
    line = "15所香港實驗室納入國家重點實驗室體系"
    assert typed_ok(line, "本港有多少個研究所被列入國家重點實驗室名單？", "quantity")  # a count, not the names


def test_a_place_asked_abroad_is_no_home_place_and_comes_with_the_places_listed_with_it():
    line = "青年團隊依託香港國際平台，對接瑞士、德國等頂尖科研機構"
    assert place_span("對接瑞士、德國等頂尖科研機構", "團隊同外國邊度機構合作？") == "瑞士、德國"
    assert place_span("青年團隊依託香港國際平台", "團隊同外國邊度機構合作？") == ""  # home, not abroad
    # local is home; places offered as alternatives are one answer
    assert place_span("成果需遠赴海外或內地其他城市落地", "以往本地的成果要跑到哪裏去？") == "海外或內地其他城市"
    assert place_span("香港成果在深圳落地", "本地成果在哪裏落地？") == "深圳"
    assert place_span("青年團隊依託香港國際平台", "團隊依託邊度嘅平台？") == "香港"
    assert extract_span(line, "團隊同外國哪裡的機構合作？", "place") == "瑞士、德國"


def test_what_becomes_something_is_the_subject_of_the_clause_that_says_so():
    from rag.answer.span import becoming_subject

    line = "站在新起點，航運正朝向與金融並肩，成為驅動經濟的兩大引擎。"
    assert becoming_subject(line, "甚麼會成為帶動經濟的另一大引擎？") == "航運"
    assert becoming_subject(line, "想把甚麼發展成推動經濟的引擎？") == "航運"
    assert becoming_subject(line, "航運會成為甚麼？") == ""  # asks what it becomes, not what becomes it
    assert extract_span(line, "甚麼會成為帶動經濟的另一大引擎？", "what") == "航運"


def test_which_region_asks_for_a_place():
    assert answer_type_of("那支團隊把生意做到了哪個地區？") == "place"


def test_a_rank_asked_for_one_factor_alone_comes_from_the_part_naming_it():
    line = "甲城數碼競爭力全球第四、科技單項實力全球第三"
    terms = "全球 排名 数码 竞争力 科技"
    assert extract_span(line, terms, "rank", cross_lingual=True) == "全球第四"
    assert extract_span(line, terms, "rank", cross_lingual=True, asks_for=["科技"]) == "全球第三"


def test_a_vague_count_in_the_question_states_no_count():
    line = "超40項資助計劃精準落地，覆蓋初創孵化、技術研發、市場拓展全環節。"
    assert names_several(line, "政府那几十项资助计划覆盖哪些环节？")  # 几十项 (normalised 几10项) is no count


def test_last_year_is_the_reviews_past_year():
    assert typed_ok("過去一年，15所實驗室獲批。", "去年有幾所實驗室獲批？", "quantity")
    assert not typed_ok("明年將有15所實驗室獲批。", "去年有幾所實驗室獲批？", "quantity")


def test_a_yes_no_claim_of_another_rank_is_answered_no(pipeline) -> None:
    answer = pipeline.answer("深港穗集群喺全球創新指數排第二，啱唔啱？")
    assert answer.kind == "yesno" and answer.text.startswith("不是")


def test_an_area_asked_after_a_change_is_the_area_and_the_sentence_must_give_one():
    from rag.evidence import chinese_units

    assert chinese_units("園區擴容後，創科空間合共有多大？") == ("平方米", "平方公里", "公頃", "公顷")
    assert chinese_units("樓面比起最初的構想多出了多少？") == ()
    assert not typed_ok("首期入駐率約90%，二期擴容七成", "園區擴容後，創科空間合共有多大？", "quantity")
    assert typed_ok("擴容七成，超200萬平方米的創科空間", "園區擴容後，創科空間合共有多大？", "quantity")


def test_an_english_question_for_two_things_gets_the_clause_listing_two():
    from rag.answer.extract import listed_count

    assert listed_count("Which two sectors is tech supposed to stand alongside?") == 2
    assert listed_count("Which sectors?") == 0
    line = "站在新起點，航運正朝向與金融、貿易並肩，成為驅動經濟的三大引擎。"
    assert extract_span(line, "经济 引擎 部门", "what", cross_lingual=True, list_size=2) == "航運正朝向與金融、貿易並肩"


def test_anything_said_of_another_phase_does_not_answer_a_follow_up_on_phase_three(pipeline) -> None:
    answer = pipeline.answer("What about phase three?", ["What was the first-phase occupancy of the Loop park?"])
    assert answer.refused


def test_the_mentioned_part_is_what_comes_after_the_mention():
    from rag.answer.forms import mentioned_part

    assert mentioned_part(analyze("專家有沒有說過香港要發展量子電腦？")) == "香港要發展量子電腦？"
    assert "圖片" not in mentioned_part(analyze("圖片說明裡提到的創科展，是四月舉辦的嗎？"))
    assert mentioned_part(analyze("香港有多少家初創企業？")) == ""
    assert mentioned_part(analyze("北嶺體育科技有冇提到？")) == "北嶺體育科技有沒有"  # asked about first


def test_did_someone_say_asks_whether_the_page_mentions_the_claim(pipeline) -> None:
    said = pipeline.answer("專家有冇講過香港要發展低空經濟？")
    assert said.kind == "yesno" and said.text.startswith("是")
    unsaid = pipeline.answer("專家有沒有說過香港要發展量子電腦？")
    assert unsaid.kind == "yesno" and unsaid.text.startswith("沒有")


def test_a_span_that_is_one_item_of_a_list_is_the_list():
    sentence = "乙城擔任設計、試產、組裝、測試的角色；"
    assert whole_list("測試的角色", sentence, "乙城負責做甚麼？") == "設計、試產、組裝、測試"
    assert whole_list("甲城", "甲城提供土地、廠房、人手。", "誰提供土地？") == "甲城"  # not an item: kept
    assert whole_list("三成", "三成來自甲地", "多少來自甲地？") == "三成"  # no list at all
    # one thing asked, or the one a list in the question leaves out
    assert whole_list("測試的角色", sentence, "乙城負責哪一種工作？") == "測試的角色"
    assert whole_list("測試的角色", sentence, "乙城負責設計、試產以及甚麼？") == "測試的角色"


@pytest.mark.parametrize(("zh", "en"), [
    ("近4700家", "nearly 4,700"), ("千餘家", "over 1,000"), ("超60家", "over 60"), ("約九成", "about 90%"),
    ("100多家", "over 100"), ("數十項", "dozens"), ("十年間", ""), ("第三", ""),
])
def test_a_count_in_english_keeps_its_hedge(zh, en):
    from rag.crosslingual import count_in_english

    assert count_in_english(zh) == en


def test_an_english_question_for_money_needs_a_sum():
    counted = "甲地初創企業近500家"
    assert not typed_ok(counted, "How much venture capital did the start-ups raise?", "quantity")
    assert typed_ok("基金規模達50億港元", "How much capital does the fund have?", "quantity")
    assert typed_ok(counted, "How many start-ups are there?", "quantity")


def test_an_english_question_about_the_past_gets_the_figure_a_change_started_from():
    from rag.answer.extract import extract
    from rag.types import Chunk, Hit

    chunk = Chunk(id="d:0", doc_id="d", text="十年間，甲地初創企業從三百餘家躍升至近900家。", start=0, end=24)
    hit = Hit(chunk=chunk, score=1.0, rank=1)
    renderings = "初创 企业 十年"
    past = extract(renderings, [hit], focus="How many start-ups were there ten years ago?", cross_lingual=True,
                   qtype="quantity")
    now = extract(renderings, [hit], focus="How many start-ups are there now?", cross_lingual=True, qtype="quantity")
    assert past.short == "三百餘家"
    assert now.short == "近900家"


def test_which_two_gets_the_two_listed_words():
    from rag.answer.extract import listed_count

    assert listed_count("創科要同哪兩行並肩？") == 2
    assert listed_count("Which three cities form the cluster?") == 3
    assert listed_count("創科要同哪些行業並肩？") == 0
    assert listed_words("甲業正朝向與金融、貿易並肩") == "金融、貿易"
    assert extract_span("站在新起點，甲業正朝向與金融、貿易並肩，成為三大引擎。", "甲業同哪兩行並肩？", "what",
                        list_size=2) == "金融、貿易"


def test_a_span_cut_before_its_object_gets_the_rest_of_its_clause():
    from rag.answer.extract import rest_of_clause

    sentence = "突破不在於獲獎，而在於解決了甲地多年存在的「乙強、丙弱」短板，其中園區是支點。"
    assert rest_of_clause("而在於解決了", sentence) == "甲地多年存在的「乙強、丙弱」短板"
    assert rest_of_clause("短板", sentence) == ""
    assert rest_of_clause("不在", "另一句") == ""


def test_a_sentence_going_on_about_the_one_before_continues_it():
    from rag.answer.extract import continues

    before = "甲地創科引導基金是政府設立的母基金，是培育產業的抓手。"
    assert continues(before, "基金核心定位並非短期盈利，而是引導社會資本。")  # 基金 ends 創科引導基金
    assert not continues(before, "園區首期入駐率約九成。")


def test_an_english_span_that_is_only_a_topic_gets_what_is_said_of_it():
    from rag.answer.extract import extract

    chunk = Chunk(id="d:0", doc_id="d", text="對甲校團隊而言，這意味著更低的成本、更快的速度。", start=0, end=25)
    got = extract("甲校 团队 而言", [Hit(chunk=chunk, score=1.0, rank=1)],
                  focus="What does the park change for the teams?", cross_lingual=True, qtype="what")
    assert "更低的成本" in got.short and not got.short.endswith("而言")


def test_the_period_asked_may_be_said_by_the_sentence_before():
    sentence = "15所甲地實驗室成功獲批重點實驗室"
    question = "去年甲地有幾所實驗室獲批重點實驗室？"
    assert not typed_ok(sentence, question, "quantity")
    assert typed_ok(sentence, question, "quantity", around="甲地過去一年科研成果密集落地。")


def test_an_english_adverb_is_read_as_its_adjective():
    from rag.crosslingual import _word_forms

    assert "traditional" in _word_forms("traditionally")
    assert _word_forms("monthly") == ["monthly"]  # a short stem (month) says something else


def test_a_fund_of_funds_is_rendered():
    from rag.crosslingual import _norm_key, gloss_index

    assert "母基金" in gloss_index()[_norm_key("fund of funds")]
    assert "独一无二" in gloss_index()[_norm_key("unique")]
    assert "彰显" in gloss_index()[_norm_key("symbolise")]  # the British spelling has its own entry
    assert gloss_index()[_norm_key("looking ahead")] == ("展望",)  # one phrase, not 在前 (ahead)
    assert "解决" in gloss_index()[_norm_key("fix")]


def test_a_size_claim_reads_the_figure_now_and_its_hedge():
    changed = "十年間，甲地初創企業從千餘家躍升至近900家，過去一年新增初創"
    assert compares("甲地初創企業是否多於900家？", changed) is False  # nearly 900 is fewer than 900
    assert compares("甲地初創企業是否少於900家？", changed) is True
    assert compares("甲地是否有超過100家初創企業？", changed) is True  # 900 now, not the thousand it rose from
    assert compares("Does Jia have over 800 start-ups?", changed) is True  # renderings meet the page in one script
    over = "與此同時，超40項資助計劃精準落地"
    assert compares("政府是否推出了超過40項資助計劃？", over) is True  # over 40 bears out more than 40
    assert compares("政府是否推出了超過50項資助計劃？", over) is False


def test_a_rank_claim_is_read_against_the_part_about_its_subject():
    from rag.answer.forms import ranks_of_subject

    line = "甲地數碼競爭力全球第四、創科單項實力全球第三"
    assert ranks_of_subject("甲地數碼競爭力是不是全球第三？", line) == {4}
    assert ranks_of_subject("甲地創科單項實力是不是全球第三？", line) == {3}
    assert yes_or_no("甲地數碼競爭力是不是全球第三？", line) is False
    assert ranks_of_subject("甲地排第幾？", "甲地全球第四") == set()  # one rank: nothing to choose


def test_an_english_place_question_keeps_a_sentence_with_its_figure():
    from rag.answer.extract import place_sentence

    labs = ScoredSentence(0, 0, 20, "15所香港實驗室獲批國家重點實驗室", coverage=0.8, score=0.7, typed=True)
    park = ScoredSentence(1, 0, 20, "香港園區正式開園，成為里程碑。", coverage=1.0, score=0.5, typed=True)
    assert place_sentence([labs, park], labs, ["香港"], "Did 15 Hong Kong labs become key labs?") is labs
    assert place_sentence([labs, park], labs, ["香港"], "Did Hong Kong labs become key labs?") is park


def test_a_yes_no_claim_about_a_figure_is_typed_by_the_figure_it_restates():
    from rag.answer.checks import evidence_checks

    q = analyze("政府是否推出了超過40項資助計劃？")
    line = "超40項資助計劃精準落地"
    checks, _ = evidence_checks(q, line, "", chunk(1, line, "body", "甲"), coverage=0.5, typed=False,
                                similarity=0.3, subjects=set(), weight=lambda t: 1.0, corpus=line)
    assert checks.typed == 1.0


def test_what_a_sentence_names_after_none_but_is_the_answer():
    from rag.answer.extract import extract

    text = "過去一年，甲地最振奮人心的突破，莫過於乙集群首次登頂全球榜首。"
    hit = Hit(chunk=Chunk(id="d:0", doc_id="d", text=text, start=0, end=len(text)), score=1.0, rank=1)
    got = extract("甲地 最振奮人心 突破", [hit], focus="甲地過去一年最振奮人心的突破是甚麼？", qtype="what")
    assert got.short == "乙集群首次登頂全球榜首"


def test_english_answers_name_months_and_phases():
    from rag.crosslingual import _norm_key, gloss_index, time_in_english

    assert time_in_english("今年四月") == "April this year"
    assert time_in_english("2025年3月") == "March 2025"
    assert time_in_english("五年") == ""  # a period, no month
    assert english_short("今年四月", "time") == "April this year (今年四月)"
    assert "二期" in gloss_index()[_norm_key("phase two")]
    assert "创科展" in gloss_index()[_norm_key("InnoEX")]


def test_what_frames_a_claim_is_no_unknown_word_of_it():
    from rag.answer.answerer import claim_unknowns
    from rag.zh import normalize

    corpus = normalize("本土孵化的「青山芯」，作為首款基於RISC-V架構的芯片。甲地特區政府設立的母基金。"
                       "甲地初創企業近900家")
    assert claim_unknowns(analyze("青山芯係咪用RISC-V架構設計㗎？"), corpus) == []  # how it was made: no claim
    assert claim_unknowns(analyze("青山芯係咪用ARM架構設計㗎？"), corpus) == ["ARM"]
    assert claim_unknowns(analyze("Was the fund set up by the SAR government?"), corpus) == []  # SAR: 特區
    terms = analyze("聽說甲地初創企業已超過一萬家，是真的嗎？").terms
    assert not {"聽說", "真的"} & set(terms)


def test_an_english_area_question_wants_an_area_unless_it_asks_the_change():
    from rag.answer.span import english_units

    assert "平方米" in english_units("How much floor space will the expanded park provide in total?")
    assert "平方米" in english_units("How big is phase two?")
    assert english_units("By how much did the floor area expand?") == ()


def test_an_english_claim_naming_a_compound_the_page_writes_otherwise_is_no():
    from rag.answer.answerer import unknown_compounds
    from rag.zh import normalize

    corpus = normalize("基金是甲地特區政府設立的母基金。")
    assert unknown_compounds("Was the fund set up by the central government?", corpus) == ["中央政府"]
    assert unknown_compounds("Was the fund set up by the government?", corpus) == []
    assert not yes_or_no("Was the fund set up by the central government?", "基金是甲地特區政府設立的母基金",
                         ["中央政府"])


# --- round 14 ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("question", "sentence", "yes"), [
    # "over the original plan" is no "more than": the figure decides
    ("Was the Nanling park's floor area expanded by about 70% over the original plan?",
     "南嶺園區整體樓面面積較原規劃擴容七成", True),
    ("Was the Nanling park's floor area expanded by about 50% over the original plan?",
     "南嶺園區整體樓面面積較原規劃擴容七成", False),
    ("Did over 60 firms move into the Nanling park?", "南嶺園區入駐企業超60家", True),
])
def test_over_a_figure_is_a_claim_of_size_over_a_plan_is_not(question, sentence, yes):
    assert yes_or_no(question, sentence) is yes
    assert compares("Was the area expanded by 70% over the original plan?", "面積較原規劃擴容七成") is None


def test_what_a_thing_becomes_is_the_rest_of_the_clause_after_its_becoming():
    sentence = "北嶺不再只做物流港，而是真正成為區域研發中心+測試基地"
    assert extract_span(sentence, "北嶺的定位會成為怎樣？", "what") == "區域研發中心+測試基地"
    assert extract_span(sentence, "北嶺會變成甚麼？", "what") == "區域研發中心+測試基地"


def test_a_purpose_asked_with_no_verb_of_its_own_is_where_the_sentence_goes():
    sentence = "政府優化政策，推出南嶺人才計劃，簡化入境流程，打破地域壁壘、廣納全球英才"
    terms = "南嶺人才計劃 南嶺 人才 計劃 what for"
    assert extract_span(sentence, terms + " What is the Nanling talent scheme for?", "purpose",
                        cross_lingual=True) == "打破地域壁壘、廣納全球英才"
    # a question with its own verb (meant to cover) is not asking where the sentence goes
    covers = "與此同時，南嶺資助計劃落地，覆蓋孵化、研發全環節，為企業保駕護航"
    assert extract_span(covers, "資助計劃 覆蓋 What are the schemes meant to cover?", "purpose",
                        cross_lingual=True) != "為企業保駕護航"


def test_the_figure_a_count_grew_from_is_asked_in_english_too():
    sentence = "十年間，北嶺初創企業從千餘家躍升至近900家"
    assert extract_span(sentence, "初创 企业 What did Beiling's start-up count grow from?", "quantity",
                        cross_lingual=True) == "千餘家"
    assert extract_span(sentence, "北嶺初創企業由幾多間升到近900家？", "quantity") == "千餘家"


def test_a_name_holding_a_compound_the_page_never_writes_is_unknown():
    from rag.crosslingual import named_otherwise, unknown_names
    from rag.zh import normalize

    corpus = normalize("香港北嶺園區整體樓面面積擴容七成，由特區政府設立，在世界知識產權組織的榜單中排名第一。")
    assert [n for n in unknown_names("How many firms are in Hong Kong Science Park?", corpus) if "Science Park" in n]
    assert unknown_names("Which list did the World Intellectual Property Organization publish?", corpus) == []
    assert named_otherwise("占地面积", "floor", corpus)  # floor area: the page's 樓面面積
    assert not named_otherwise("中央政府", "central", corpus)  # the page's 特區政府 is another government


def test_how_something_is_done_is_answered_by_the_means_the_sentence_names():
    sentence = "對外，依託普通法體系、國際規則，助力北嶺企業出海，拓展全球市場"
    assert extract_span(sentence, "帮助 企业 出海 How does Beiling help its firms go global?", "what",
                        cross_lingual=True) == "普通法體系、國際規則"


def test_which_official_runs_something_needs_the_running():
    from rag.answer.checks import answers_who_zh

    corpus = "甲基金是特區政府設立的母基金。乙中心負責管理數據。"
    q = analyze("甲基金由哪位官員負責管理？")
    assert not answers_who_zh(q, "甲基金是特區政府設立的母基金。", corpus)
    assert answers_who_zh(q, "甲基金由某某負責管理。", corpus)


def test_mainly_aimed_at_is_no_claim_of_a_majority():
    assert analyze("甲基金是否以短期盈利為主要目標？").answer_type != "quantity"
    assert analyze("北嶺園區企業是不是以海外公司為主？").answer_type == "quantity"


def test_a_thing_named_right_after_what_the_page_calls_it_is_defined_by_that():
    from rag.evidence import apposition_span

    sentence = "▼北嶺語言大模型BLM-2早前發布，追求更高效。"
    assert apposition_span(sentence, "BLM-2") == "北嶺語言大模型"
    assert apposition_span("BLM-2早前發布。", "BLM-2") == ""  # nothing before it
    assert extract_span(sentence, "文章裡說的BLM-2是甚麼東西？", "what") == "北嶺語言大模型"


def test_the_present_asked_after_the_past_is_stated_is_the_figure_it_rose_to():
    from rag.answer.span import asks_past

    assert asks_past("十年前北嶺有多少間初創？")
    assert asks_past("北嶺初創的數目在十年間由多少增長到多少？")  # the start first
    assert not asks_past("十年前北嶺只有一千多間初創，現時增至大約多少間？")
    sentence = "十年間，北嶺初創企業從千餘家躍升至近3800家。"
    assert extract_span(sentence, "十年前北嶺只有一千多間初創，現時增至大約多少間？", "quantity") == "近3800家"


def test_a_figure_asked_for_one_part_alone_comes_from_that_part():
    from rag.answer.extract import alone_words

    assert alone_words("如果只計科技這一項，北嶺名列第幾？") == ["科技"]
    assert alone_words("數碼那項排第幾？") == ["數碼"]
    assert alone_words("北嶺排第幾？") == []
    sentence = "北嶺在數碼榜單中躍升至全球第五，科技單項實力穩居全球第二。"
    assert extract_span(sentence, "如果只計科技這一項，北嶺名列第幾？", "rank", asks_for=["科技"]) == "全球第二"


def test_a_round_figure_with_duo_stands_for_a_range():
    from rag.zh import odd_ranges

    assert odd_ranges("四千多間") == [(4000.0, 5000.0)]
    assert odd_ranges("三十幾項") == [(30.0, 40.0)]
    assert odd_ranges("第三") == []
    assert yes_or_no("北嶺有沒有四千多家初創？", "北嶺初創企業增至近4700家。")
    assert not yes_or_no("北嶺有沒有三千多家初創？", "北嶺初創企業增至近4700家。")


def test_a_yes_no_list_of_places_with_one_swapped_is_denied():
    from rag.answer.checks import listed_otherwise

    q = analyze("集群是否由深圳、香港和澳門組成？")
    missing = [e for e in q.entities if e.text == "澳門"]
    assert listed_otherwise(q, missing, "集群由深圳、香港、廣州三座城市組成。")
    assert not listed_otherwise(q, missing, "集群由多座城市組成。")  # no other place: not a different list
    assert not listed_otherwise(analyze("澳門是否在集群之中？"), missing, "集群由深圳、香港、廣州組成。")


def test_more_places_a_reader_may_swap_in_are_places():
    assert [e.text for e in entities_of("南韓嘅科技實力排第幾？")] == ["南韓"]
    assert "越南" in [e.text for e in entities_of("How many start-ups does Vietnam have?")]
    assert analyze("深圳自己一個喺指數排第幾？").alone


def test_cantonese_round_figures_and_nearly_are_no_questions():
    q = analyze("十年間初創係咪由千幾間升到差唔多4700間？")
    assert q.intent == "yesno"
    assert "千多間" in q.standard and "接近4700" in q.standard


def test_questions_about_the_page_in_more_words():
    assert analyze("篇文啲插圖係邊個整㗎？").intent == "meta"
    assert analyze("Which paper ran this piece?").intent == "meta"
    assert analyze("文章最後那個話你知欄目介紹了哪兩樣東西？").intent == "overview"
    assert analyze("What two things does the explainer box introduce?").intent == "overview"
    assert analyze("北嶺有哪兩樣優勢？").intent == "list"


def test_who_is_in_charge_of_doing_asks_the_doing():
    from rag.answer.checks import _WHO_RE

    assert _WHO_RE.search("Who's actually in charge of running the fund?").group(1) == "running"
    assert _WHO_RE.search("Who manages the fund?").group(1) == "manages"


def test_an_english_claim_mostly_off_the_page_is_counted_by_its_unrendered_words():
    from rag import tuning
    from rag.crosslingual import unrendered_words
    from rag.zh import normalize

    corpus = normalize("北嶺園區首期入駐率約九成，79家機構落地，涵蓋生物醫藥、人工智能等賽道。")
    off = unrendered_words('Has Beiling approved any new drugs under the "1+" registration mechanism?', corpus)
    on = unrendered_words("Is the first phase of the park about 90% occupied?", corpus)
    assert len(off) >= tuning.CLAIM_UNRENDERED_MAX > len(on)


def test_a_share_is_no_count_though_a_rate_stands_near_the_counted_word():
    from rag.answer.checks import counted_elsewhere
    from rag.zh import normalize

    corpus = normalize("北嶺園區首期入駐企業超60家、出租率達八成，二期擴容七成。")
    follow = analyze("And phase two?", ["How many firms are in phase one of the park?"])
    assert counted_elsewhere(follow, "北嶺園區首期入駐率約九成，二期擴容七成", "七成", corpus)
    own = analyze("How many firms are in phase one of the park?")
    assert not counted_elsewhere(own, "北嶺園區首期入駐企業超60家、出租率達八成", "超60家", corpus)


def test_what_something_is_supposed_to_show_is_the_clause_that_shows_it():
    assert analyze("What is the split supposed to demonstrate?").answer_type == "what"
    assert analyze("What is the fund supposed to do?").answer_type == "purpose"
    sentence = "過去一年，六成入駐北嶺園區的企業來自內地、四成來自海外，正是北嶺雙向樞紐價值的最佳印證。"
    hits = [Hit(chunk(0, sentence), 1.0, 0)]
    from rag.answer.extract import extract

    got = extract("印证 内地 海外 企业", hits, focus="What is the mainland and overseas split supposed to demonstrate?",
                  cross_lingual=True, qtype="what")
    assert "雙向樞紐" in got.short


def test_a_span_that_only_says_who_says_it_gives_what_they_say():
    from rag.answer.extract import extract

    sentence = "專家們認為，北嶺既要深耕基礎研究，也要深化協同。"
    question = "專家認為北嶺下一步要做甚麼？"
    got = extract(question, [Hit(chunk(0, sentence), 1.0, 0)], focus=question)
    assert "基礎研究" in got.short


def test_the_pages_wording_asked_for_by_its_length_is_a_quoted_phrase_of_that_length():
    from rag.answer.extract import quoted_of_length, wording_length

    assert wording_length("文章用哪六個字概括這個老毛病？") == 6
    assert wording_length("文章怎樣概括？") == 0
    assert quoted_of_length("告別「科研強、轉化弱」的短板，「懸在實驗室」", 6) == "科研強、轉化弱"
    assert quoted_of_length("「懸在實驗室」", 6) == ""
    assert analyze("文章用哪六個字概括這個老毛病？").intent == "fact"  # a phrase, not a summary


def test_more_ways_to_ask_about_the_page_itself():
    assert analyze("Which outlet published this?").intent == "meta"
    assert analyze("When was this published?").intent == "meta"
    assert analyze("图片是谁制作的？").intent == "meta"
    assert analyze("篇文嘅圖係邊個畫㗎？").intent == "meta"
    assert analyze("圖中的展覽在哪裡舉行？").intent != "meta"  # what a picture shows is the page's content


def test_a_claim_or_a_year_the_page_never_mentions():
    from rag.answer.checks import claim_off_page, unknown_years
    from rag.zh import normalize

    corpus = normalize("香港初創企業增至近4700家，數碼競爭力全球第四。")
    assert claim_off_page(analyze("香港嘅樓價係咪跌咗？"), corpus)  # only its place is on the page
    assert not claim_off_page(analyze("香港初創企業是否超過一萬家？"), corpus)
    assert unknown_years("北嶺2023年數碼競爭力排第幾？", corpus) == ["2023"]
    assert unknown_years("北嶺數碼競爭力排第幾？", corpus) == []
    assert analyze("獅子山芯幾錢一粒？").answer_type == "quantity"  # 幾錢: how much


def test_a_list_asked_for_is_its_items_and_a_phrase_naming_the_thing_asks_no_purpose():
    q = "港府那筆用來撬動民間資本的母基金，主要押注哪些新興範疇？"
    assert answer_type_of(q) == "what"
    assert answer_type_of("獅子山芯是用來做甚麼的？") == "purpose"
    sentence = ("特區政府持續加碼創科投入，100億港元創科產業引導基金有序推進運作，聚焦生命健康、人工智能、機器人、"
                "未來產業等戰略性新興領域，撬動社會資本湧入創科賽道。")
    # the items, not the verb before them (聚焦) or the kind after 等; 等 kept: the page's list is not all
    assert extract_span(sentence, "港府的母基金主要押注哪些新興領域？", "what") == \
        "生命健康、人工智能、機器人、未來產業等"
    assert extract_span("深圳擔任技術轉化、中試量產、硬件製造、產業集成的角色；", "深圳擔任哪些角色？", "what") == \
        "技術轉化、中試量產、硬件製造、產業集成"


def test_a_place_on_its_own_is_not_answered_by_a_clause_about_its_group():
    sentence = "過去一年，該集群首次登頂全球創新指數榜單全球第一，是香港創科歷史性突破的核心標誌。"
    q = analyze("Where does Hong Kong rank on its own in the Global Innovation Index, not as part of the cluster?")
    assert alone_elsewhere(q, sentence, "全球第一")
    assert alone_elsewhere(analyze("單獨計香港，創新指數排第幾？"), sentence, "全球第一")
    # a factor alone is answered by its clause; a question not about the place alone by the group's
    factor = "香港在國際數碼競爭力榜單中躍升至全球第四，科技單項實力穩居全球第三。"
    q = analyze("Where does Hong Kong rank for technology strength on its own?")
    assert not alone_elsewhere(q, factor, "全球第三")
    assert not alone_elsewhere(analyze("香港喺創新指數排第幾？"), sentence, "全球第一")


def test_an_english_question_for_a_budget_asks_an_amount():
    assert answer_type_of("What budget was set aside for upgrading the tech talent admission scheme?") == "quantity"
    assert answer_type_of("What funding did the fund get?") == "quantity"


def test_an_english_claim_in_other_words_than_the_page_s_is_not_unknown(pipeline) -> None:
    # research institutes are the page's 科研機構, teaming up its 對接…聯合研發: a yes, not a no for unknown words
    claim = "Did young Hong Kong tech teams team up with research institutes in Switzerland and Germany?"
    answer = pipeline.answer(claim)
    assert answer.kind == "yesno" and answer.text.startswith("Yes")


def test_what_exactly_is_asks_what_the_thing_is(pipeline) -> None:
    for question in ("What exactly is the Lion Rock chip?", "What is the Lion Rock chip?"):
        answer = pipeline.answer(question)
        assert "數據中心管理芯片" in answer.short_answer and "全球首發" not in answer.short_answer


def test_british_spellings_render_and_a_subject_after_the_verb_is_not_what_is_asked(pipeline) -> None:
    from rag.crosslingual import renderings

    assert "机构" in renderings("organisations").split() and "中心" in renderings("centre").split()
    assert "来讲" not in renderings("four")  # four is not "for"
    answer = pipeline.answer("Which sectors do the organisations in the Loop's first phase cover?")
    assert "人工智能" in answer.short_answer and "精密芯片" in answer.short_answer


def test_the_bay_area_is_a_place_not_an_area_and_cutting_edge_is_the_page_s_frontier(pipeline) -> None:
    from rag.crosslingual import phrase_glosses, renderings

    assert "前沿" in renderings("cutting-edge").split() and "突破" in phrase_glosses("break into")
    assert "湾区" in phrase_glosses("bay area")
    question = "What is the 'research in Hong Kong, commercialise in the Bay Area' model supposed to achieve?"
    answer = pipeline.answer(question)
    # what it achieves: the commercialisation (落地變現) or the last mile it opens (achieve is no term since round 20)
    assert "落地變現" in answer.short_answer or "最後一公里" in answer.short_answer
    assert "閉環" in answer.citations[0].text


def test_a_no_to_a_place_doing_something_cites_the_place_the_page_says_does_it(pipeline) -> None:
    answer = pipeline.answer("在深港穗集群裡，硬件製造是由廣州負責的嗎？")
    assert answer.kind == "yesno" and answer.text.startswith("不是")
    assert [c.n for c in answer.citations] == [1, 2] and "深圳擔任" in answer.citations[1].quote
    # a yes, or a no whose place's sentence says it all, cites one sentence
    assert len(pipeline.answer("深圳係咪負責硬件製造？").citations) == 1


def test_why_something_is_said_of_it_is_answered_by_the_fact_the_page_says_proves_it(pipeline) -> None:
    from rag.answer.extract import proving_fact

    sentence = "過去一年，六成入駐河套園區的企業來自內地、四成來自海外，正是香港雙向樞紐價值的最佳印證。"
    assert proving_fact(sentence) == "六成入駐河套園區的企業來自內地、四成來自海外"
    assert proving_fact("河套園區正式開園。") == ""
    for question in ("點解話香港係雙向樞紐？", "Why is Hong Kong called a two-way hub?"):
        assert "四成來自海外" in pipeline.answer(question).short_answer


def test_what_a_thing_lies_in_is_what_it_is(pipeline) -> None:
    from rag.evidence import definition_span

    sentence = "香港的獨特價值，在於其不可替代的橋樑作用：對內，承接國家創科戰略，將科研成果轉化為產業實力。"
    assert definition_span(sentence, "香港的獨特價值") == "其不可替代的橋樑作用"
    for question in ("香港的獨特價值是甚麼？", "文章認為香港的獨特價值在哪裡？",
                     "What does the article say Hong Kong's unique value is?"):
        assert "橋樑作用" in pipeline.answer(question).short_answer


def test_how_the_page_s_criticism_is_asked_in_english(pipeline) -> None:
    answer = pipeline.answer("How was Hong Kong's tech scene criticised in the past?")
    assert "詬病" in answer.short_answer or "重研發" in answer.short_answer


@pytest.mark.parametrize("question", ["呢篇嘢主要想帶出咩訊息？", "這篇報道想表達甚麼？",
                                      "What message is the article trying to get across?", "What's the main message?"])
def test_the_message_a_piece_conveys_is_its_summary(pipeline, question) -> None:
    answer = pipeline.answer(question)
    assert answer.kind == "summary" and not answer.refused
    assert "topic" not in answer.text.splitlines()[0]  # the page's own points, not a topic named "message"


def test_what_each_of_two_places_has_is_the_sentence_saying_it_of_both(pipeline) -> None:
    from rag.answer.extract import each_place_span
    from rag.evidence import each_places

    assert each_places("香港與深圳在河套分別有甚麼優勢？") == ["香港", "深圳"]  # 在河套 is where
    assert each_places("香港有甚麼優勢？") == []
    sentence = "一河之隔、一體聯動，河套園區依託香港國際化優勢、深圳產業化優勢，成功打通產業鏈。"
    assert each_place_span("河套園區依託香港國際化優勢", sentence, "香港和深圳各有甚麼優勢？") == \
        "香港國際化優勢、深圳產業化優勢"
    assert pipeline.answer("香港和深圳在合作區各有甚麼長處？").short_answer == "香港國際化優勢、深圳產業化優勢"
    # no sentence names both: the one for either place, as before
    assert "擔任" in pipeline.answer("深圳和廣州在集群中分別擔任甚麼角色？").short_answer


def test_two_things_asked_side_by_side_are_the_quoted_pair():
    from rag.answer.span import paired_quote

    sentence = "這一灣區集群超越全球一眾創科高地，改寫了外界對香港「重金融、輕創科」的固有認知。"
    assert paired_quote(sentence, "香港以往被外界認為偏重甚麼、輕視甚麼？") == "重金融、輕創科"
    assert paired_quote(sentence, "外界對香港有甚麼固有認知？") == ""  # one thing asked
    assert paired_quote(sentence, "外界認為香港偏重哪一個行業而忽略科技？") == "重金融、輕創科"  # 忽略: the 輕 side
    assert extract_span(sentence, "香港以往被外界認為偏重甚麼、輕視甚麼？", "what") == "重金融、輕創科"


def test_a_follow_up_asking_who_keeps_the_earlier_turn_s_subject(pipeline) -> None:
    # 數據中心管理芯片 holds 管理 but says nothing of who manages the fund
    assert pipeline.answer("邊個管理？", history=["百億基金投資邊啲範疇？"]).refused
    # a follow-up naming its own subject, or swapping the place, is not held to the earlier turn's words
    assert not pipeline.answer("HKGAI V3 追求甚麼？", history=["百億基金重點扶持哪些產業？"]).refused
    assert "生物醫藥" in pipeline.answer("廣州呢？", history=["深圳喺集群度負責咩？"]).short_answer


def test_what_a_place_does_in_the_cluster_is_its_part_not_a_purpose(pipeline) -> None:
    assert answer_type_of("What does Shenzhen do in the cluster?") == "what"
    assert answer_type_of("What does the fund do?") == "purpose"
    answer = pipeline.answer("What does Shenzhen do in the cluster?")
    assert "硬件製造" in answer.short_answer  # not the cluster's 「世一」 headline


@pytest.mark.parametrize("question", ["文章提到哪些歐洲國家？", "青年创科团队和哪些欧洲国家的科研机构合作？"])
def test_which_countries_of_a_region_asks_for_places(pipeline, question) -> None:
    assert answer_type_of(question) == "place"
    assert pipeline.answer(question).short_answer in ("瑞士、德國", "瑞士、德国")


def test_how_something_is_done_is_the_doing(pipeline) -> None:
    from rag.answer.extract import what_is_done

    answer = pipeline.answer("政府點樣吸引人才嚟香港？")
    assert "升級科技人才入境計劃" in answer.short_answer and "簡化" in answer.short_answer
    sentence = "對香港高校團隊、青年初創企業而言，這意味著更低的轉化成本、更快的落地速度。"
    assert what_is_done("青年初創企業", sentence) == "這意味著更低的轉化成本、更快的落地速度"


def test_an_english_share_is_the_page_s_tenths(pipeline) -> None:
    from rag.crosslingual import shares_in

    assert shares_in("the 60/40 mainland-overseas split") == [6, 4]
    assert shares_in("Is the park 90% full?") == [9] and shares_in("in 2020, 79 firms") == []
    answer = pipeline.answer("Why does the writer bring up the 60/40 split between mainland and overseas tenants?")
    assert "雙向樞紐" in answer.short_answer


@pytest.mark.parametrize(("question", "verdict"), [("政府有冇幫 startup 解決融資問題？", "是"),
                                                   ("香港有冇機會成為國際創科中心？", "是"),
                                                   ("獅子山芯係咪手機芯片？", "不是")])
def test_a_generic_noun_the_page_never_uses_does_not_make_a_claim_false(pipeline, question, verdict) -> None:
    answer = pipeline.answer(question)
    assert answer.kind == "yesno" and answer.text.startswith(verdict)


@pytest.mark.parametrize("question", ["大公報呢篇係邊日出㗎？", "呢篇文幾時出街㗎？", "這篇文章是哪天刊登的？"])
def test_the_page_s_date_asked_in_cantonese_is_said_to_be_absent(pipeline, question) -> None:
    answer = pipeline.answer(question)
    assert answer.refused and "日期" in answer.text  # not the graphic's AI製圖


def test_floor_area_is_the_page_s_floor_area_not_a_field(pipeline) -> None:
    from rag.crosslingual import phrase_glosses

    assert phrase_glosses("floor area")[0] == "楼面面积"
    assert "70% (七成)" in pipeline.answer("How much did the floor area of the Loop expand?").text


def test_what_a_latin_name_is_is_what_the_page_calls_it(pipeline) -> None:
    assert pipeline.answer("What is HKGAI V3?").short_answer == "香港人工智能大模型"


def test_a_chinese_numeral_count_is_given_in_english_too(pipeline) -> None:
    from rag.crosslingual import count_in_english

    assert count_in_english("五所") == "5" and count_in_english("十年間") == ""
    answer = pipeline.answer("How many world top-100 universities does Hong Kong have?")
    assert answer.text.startswith("Answer: 5 (五所)")


def test_a_count_of_firms_invested_in_is_no_sum_of_money(pipeline) -> None:
    assert pipeline.answer("创科产业引导基金已经投资了多少家企业？").refused  # not its 100億港元
    assert "億" in pipeline.answer("個 fund 有幾多錢㗎？").short_answer


def test_the_loop_named_by_the_border_and_shares_of_each_keep_their_figures(pipeline) -> None:
    from rag.answer.extract import each_place_span

    answer = pipeline.answer("落戶深港邊界那片合作區的機構，本國與境外來源各佔多少比例？")
    assert answer.short_answer == "六成入駐河套園區的企業來自內地、四成來自海外"
    sentence = "過去一年，六成入駐河套園區的企業來自內地、四成來自海外。"
    assert each_place_span("六成入駐河套園區的企業來自內地", sentence, "內地與海外各佔多少？").startswith("六成")


def test_a_round_sum_in_yi_is_given_in_english():
    from rag.crosslingual import amount_in_english

    assert amount_in_english("百億") == "10 billion" and amount_in_english("百億級重磅") == ""


def test_a_single_category_and_a_scheme_render_as_the_page_writes_them() -> None:
    """Technology as a single category is 科技單項 on the page, a scheme is its 計劃 (CC-CEDICT gives 方案 / 计谋),
    an admission scheme its 入境計劃."""
    from rag.crosslingual import phrase_glosses, renderings

    assert "单项" in phrase_glosses("single category")
    assert "计划" in renderings("schemes").split()
    assert "入境计划" in phrase_glosses("admission scheme")


def test_a_claim_read_somewhere_is_no_mention_question_and_a_no_cites_the_clause_beside_the_places():
    """話你知提到，…對不對？ names where the claim was read, then asks the claim (no mention question); the no to
    在X集群裏負責硬件製造的是廣州 cites the clause beside 廣州's in the same paragraph that says 硬件製造 (the
    setting 在…集群裏 is said of every place, so it picks no clause)."""
    from rag.answer.forms import asks_mention, other_holder

    assert not asks_mention(analyze("話你知提到，負責硬件製造的是廣州，對不對？"))
    assert asks_mention(analyze("話你知有沒有提到量子電腦？"))
    paragraph = "在北嶺集群中，香港擔任基礎研究的角色；深圳擔任硬件製造、產業集成的角色；廣州擔任先進製造的角色。"
    hits = [_hit(0, paragraph)]
    q = analyze("在北嶺集群裏負責硬件製造的是廣州，對不對？")
    assert q.focus and "硬件" in q.focus  # the tag question 對不對 asks about the claim before it
    holder = other_holder(q, "廣州擔任先進製造的角色。", hits)
    assert holder is not None and holder[1].startswith("深圳擔任硬件製造")


def test_who_made_a_thing_is_answered_by_the_team_the_page_names() -> None:
    """Who developed the chip? is answered by a sentence naming a team (北嶺創科團隊), and its span is the team
    when the sentence names no organisation."""
    from rag.answer.span import team_span
    from rag.evidence import typed_ok

    sentence = "在前沿賽道上，北嶺創科團隊持續突破壁壘：本土孵化的「石獅芯」全球首發。"
    assert typed_ok(sentence, "Who developed the Stone Lion chip?", "person")
    assert not typed_ok("本土孵化的「石獅芯」全球首發。", "Who developed the Stone Lion chip?", "person")
    assert team_span(sentence) == "北嶺創科團隊"
    assert team_span("由青年團隊研發") == "青年團隊" and team_span("芯片全球首發") == ""


def test_the_fields_a_chinese_question_asks_are_the_list_and_a_share_is_no_area():
    """主要投甚麼賽道 asks the fields the page lists, not the clause that says 賽道 (湧入創科賽道); 樓面被佔用多少
    比例 asks a share (成, %, a fraction), not the floor area the sentence also gives."""
    from rag.answer.extract import extract
    from rag.evidence import chinese_units, typed_ok

    hits = [_hit(0, "北嶺基金有序運作，聚焦生命健康、人工智能、機器人等新興領域，撬動社會資本湧入創科賽道。")]
    assert extract("北嶺基金主要投甚麼賽道？", hits, focus="北嶺基金主要投甚麼賽道？", qtype="what").short \
        == "生命健康、人工智能、機器人"
    assert chinese_units("樓面被企業佔用多少比例？") == ("%", "％", "成", "分之")
    assert chinese_units("樓面面積有多大？")[0] == "平方米"
    question = "頭一批樓面已被企業佔用多少比例？"
    assert not typed_ok("超200萬平方米的創科空間", question, "quantity")
    assert typed_ok("園區首期出租率達八成", question, "quantity")
    assert typed_ok("王國領土佔整個帝國五分之三", "王國領土佔帝國多少比例？", "quantity")


def test_so_many_of_a_quoted_word_are_the_quoted_phrase_whose_items_hold_it():
    from rag.answer.extract import counted_quote

    sentence = "北嶺大模型早前發布，追求「更高效、更睿智、更本地」。"
    assert counted_quote(sentence, "北嶺大模型追求的三個「更」是甚麼？") == "更高效、更睿智、更本地"
    assert counted_quote(sentence, "北嶺大模型追求的兩個「更」是甚麼？") == ""  # it gives three
    assert counted_quote(sentence, "北嶺大模型追求甚麼？") == ""


def test_what_schemes_support_is_what_the_sentence_says_after_naming_them() -> None:
    """What are the 40-odd funding schemes supposed to support?: what follows the clause naming the schemes
    (覆蓋…全環節), not that clause."""
    from rag.answer.extract import extract

    hits = [_hit(0, "與此同時，超40項北嶺資助計劃精準落地，覆蓋初創孵化、技術研發、市場拓展全環節。")]
    question = "What are the 40-odd funding schemes supposed to support?"
    short = extract(f"资助计划 支持 40 {question}", hits, focus=question, cross_lingual=True, qtype="purpose").short
    assert short.startswith("覆蓋初創孵化")


def test_what_a_scheme_is_meant_to_achieve_is_said_by_the_sentence_about_the_scheme(pipeline) -> None:
    """The sentence about the talent scheme (升級…入境計劃，簡化…、廣納全球英才) covers twice what the chip's
    purpose sentence (作為首款…芯片) does: it answers, not the purpose sentence about something else."""
    answer = pipeline.answer("What is the talent admission scheme upgrade meant to achieve?")
    assert "簡化" in answer.short_answer and "芯片" not in answer.short_answer


def test_what_one_place_brings_that_another_lacks_is_said_by_the_first_place_s_sentence():
    """What does Shenzhen bring that Hong Kong lacks?: the best sentence names neither (深港…對接); the answer is
    the sentence about the place named first, the one that brings (深圳提供…), not the other's (香港保留…)."""
    from rag.answer.extract import subject_sentence
    from rag.evidence import ScoredSentence

    best = ScoredSentence(0, 0, 10, "北嶺最大的優勢，是深港創科要素無縫對接。", 1.0, 0.7, 0.2, True)
    other = ScoredSentence(0, 20, 30, "香港保留國際化科研標準、全球融資渠道；", 0.0, 0.4, 0.2, True)
    brings = ScoredSentence(0, 10, 20, "深圳提供廣闊產業空間、製造業鏈條。", 0.5, 0.5, 0.2, True)
    assert subject_sentence([best, other, brings], best, ["深圳", "香港"], effect=True) is brings
    assert subject_sentence([best, other, brings], best, ["香港", "深圳"], effect=True) is other


def test_why_a_fact_is_meaningful_is_what_the_page_says_it_proves(pipeline) -> None:
    """Why does the article consider the 60/40 split meaningful?: the 正是…的最佳印證 part (what the split proves),
    not the split it restates."""
    answer = pipeline.answer("Why does the article consider the 60/40 split of firms meaningful?")
    assert "雙向樞紐" in answer.short_answer and not answer.refused


def test_what_draws_talent_is_a_cause_from_overseas_or_the_world_and_no_constraint():
    """有甚麼條件吸引海外人才 asks a cause (…讓北嶺成為全球人才的優選之地); talent from overseas (海外) is the
    page's 全球 talent; a constraint (受制於土地稀缺) draws no one; 用甚麼方法吸引人才 asks the doing."""
    from rag.answer.checks import missing_entities
    from rag.answer.extract import _ACTIONS_Q_RE
    from rag.evidence import typed_ok
    from rag.question import Entity, answer_type_of

    question = "有甚麼條件吸引海外科技人才選擇落腳北嶺？"
    assert answer_type_of(question) == "why"
    cause = "法治環境、低稅率的營商優勢，讓北嶺成為全球創科人才的優選之地。"
    assert typed_ok(cause, question, "why")
    assert not typed_ok("北嶺坐擁一流高校，但受制於土地稀缺，這是科研難以落地的原因。", question, "why")
    assert typed_ok("北嶺坐擁一流高校，但受制於土地稀缺。", "為甚麼北嶺科研難以落地？", "why")
    assert missing_entities([Entity("海外", "place")], cause, set()) == []
    assert missing_entities([Entity("海外", "place")], "北嶺初創企業接近4700家。", set())
    assert _ACTIONS_Q_RE.search("政府用甚麼方法吸引人才？")


def test_what_a_place_brings_is_said_by_the_sentence_opening_with_it_and_its_whole_list():
    """在北嶺的分工中，深圳那一方帶來了甚麼: the place that brings is 深圳 (not the park, not the beneficiary of 為香港
    補上); the answer is the sentence whose clause opens with it, all of its list (提供 is the verb before it)."""
    from rag.answer.extract import bringer, subject_sentence
    from rag.answer.span import whole_list
    from rag.evidence import ScoredSentence

    assert bringer("在北嶺的合作分工中，深圳那一方帶來了甚麼？") == "深圳"
    assert bringer("深港合作之下，深圳能為香港補上哪些條件？") == "深圳"
    assert bringer("What does Shenzhen bring to the park?") == "深圳"
    assert bringer("香港有多少家初創企業？") == ""
    assert bringer("她被稱為什麼，以象徵其對整個香港社會的貢獻？") == ""  # a contribution named, none asked
    park = ScoredSentence(0, 0, 10, "北嶺最大的優勢，是深港創科要素無縫對接。", 0.2, 0.4, 0.4, True)
    text = "深圳提供廣闊產業空間、製造業鏈條、快速中試落地能力、龐大市場場景。"
    brings = ScoredSentence(0, 10, 20, text, 0.1, 0.4, 0.4, True)
    assert subject_sentence([park, brings], park, ["北嶺", "深圳"], effect=True, bringer="深圳") is brings
    assert whole_list("提供廣闊產業空間", brings.text, "深圳帶來了甚麼？") \
        == "廣闊產業空間、製造業鏈條、快速中試落地能力、龐大市場場景"


def test_a_name_asked_is_answered_by_the_sentence_giving_a_new_name_whatever_it_covers():
    """個AI模型叫甚麼名？: the sentence naming the model (BLAI V2) answers, though AI大模型、精準醫療… covers more of
    the question's words."""
    from rag.answer.extract import extract

    hits = [_hit(0, "AI大模型、精準醫療、生物科技多點突破，實現底層核心技術自主突破"),
            _hit(1, "北嶺人工智能大模型BLAI V2早前發布，追求更高效。")]
    assert extract("個AI模型叫甚麼名？", hits, focus="個AI模型叫甚麼名？").short == "BLAI V2"


def test_a_claim_put_as_the_article_s_view_is_judged_on_its_content():
    """香港科研強但轉化弱，係咪文章嘅講法？: 講法 (the article's view) is no thing the claim names, and 強但 is
    the segmenter's loose pair, not a word the page lacks."""
    from rag.answer.answerer import claim_unknowns
    from rag.zh import normalize

    corpus = normalize("北嶺多年存在的「科研強、轉化弱」結構性短板")
    q = analyze("北嶺科研強但轉化弱，係咪文章嘅講法？", known=lambda w: normalize(w) in corpus)
    assert "強但" not in q.terms
    assert claim_unknowns(q, corpus) == []


def test_the_highlights_of_the_year_are_the_page_s_own_summary(pipeline) -> None:
    """The highlights of Hong Kong's tech year, according to this piece: no narrower topic than the page's own."""
    answer = pipeline.answer("What are the highlights of Hong Kong's tech year according to this piece?")
    assert answer.kind == "summary" and len(answer.citations) > 1


def test_what_the_page_puts_beside_the_things_set_aside_answers_which_else():
    from rag.answer.extract import alongside_excepted

    sentence = "站在新起點，創科正朝向與金融、貿易並肩，成為驅動北嶺經濟的三大核心引擎。"
    assert alongside_excepted(sentence, "除了金融和商貿之外，哪個範疇成為第三根支柱？") == "創科"
    assert alongside_excepted(sentence, "除金融和貿易以外，哪一個範疇是第三台引擎？") == "創科"
    assert alongside_excepted(sentence, "哪個範疇成為第三根支柱？") == ""  # nothing set aside
    assert alongside_excepted(sentence, "除了地產之外，哪個範疇成為支柱？") == ""  # not what the page sets beside


def test_round_18_answer_readings():
    """What a place fills in (補齊, the register's word for 補上) is what that place brings, even when the best
    sentence names it in a list (依託香港國際化優勢、深圳產業化優勢); 作出了甚麼優化 asks what was done;
    achievement is the page's 成就, a sub-ranking its 單項."""
    from rag.answer.extract import _ACTIONS_Q_RE, bringer, subject_sentence, what_is_done
    from rag.crosslingual import phrase_glosses
    from rag.evidence import ScoredSentence
    from rag.question import gloss_latin

    assert bringer("北嶺一河之隔，深圳那边给香港补齐了哪些东西？") == "深圳"
    listed = ScoredSentence(0, 0, 10, "北嶺園區依託香港國際化優勢、深圳產業化優勢，打通路徑。", 0.6, 0.44, 0.4, True)
    brings = ScoredSentence(0, 10, 20, "深圳提供廣闊產業空間、製造業鏈條。", 0.4, 0.08, 0.3, True)
    assert subject_sentence([listed, brings], listed, ["北嶺", "深圳", "香港"], effect=True, bringer="深圳") is brings
    assert _ACTIONS_Q_RE.search("在吸引海外人才方面，特區政府作出了甚麼優化？")
    sentence = "特區政府持續優化人才政策，升級科技人才入境計劃，簡化入境流程。"
    assert "升級科技人才入境計劃" in what_is_done("特區政府持續優化", sentence)
    assert phrase_glosses("achievement")[0] == "成就" and phrase_glosses("sub-ranking") == ("单项",)
    assert gloss_latin("北嶺過去一年有咩achievement？", lambda w: w in {"成就", "作為"}) == "北嶺過去一年有咩成就？"


def test_a_claim_about_what_the_page_never_covers_is_neither_yes_nor_no():
    """香港今年有冇主辦電競世界賽？ against a caption that only shares its place and year, and a model's licence
    (開源, 免費) against the sentence naming the model: not covered, so refused; 手機芯片 (one unknown word, 芯片
    beside it in the sentence), a first (第一次) and a figure stay the sentence's to decide. A model's V3 is no
    figure a claim states."""
    from rag.answer.checks import claim_beside_sentence
    from rag.zh import amounts

    caption = "圖為今年四月舉行的香港國際創科展。"
    q = analyze("香港今年有冇主辦電競世界賽？")
    assert claim_beside_sentence(q, ["主辦", "電競"], caption)
    model = "北嶺人工智能大模型BLAI V3早前發布，追求更高效。"
    q = analyze("BLAI V3有冇開源㗎？免費用得唔得？")
    assert claim_beside_sentence(q, ["開源", "免費", "用得", "不得"], model)
    chip = "本土孵化的「北嶺芯」全球首發，作為首款基於RISC-V架構的數據中心管理芯片。"
    assert not claim_beside_sentence(analyze("北嶺芯是不是手機芯片？"), ["手機"], chip)
    assert not claim_beside_sentence(analyze("北嶺芯係咪全世界第一次推出㗎？"), ["全世界", "第一次"], chip)
    fund = "基金核心定位並非短期盈利，而是引導社會資本投向實體創科產業。"
    assert not claim_beside_sentence(analyze("這個基金的首要目標是不是短期賺錢？"), ["首要", "目標"], fund)
    assert amounts("BLAI V3有沒有開源？") == [] and amounts("有3家") == [(3.0, False)]


def test_a_connective_opening_a_claim_is_no_word_of_it():
    """所以那個基金的重點是不是不在短期盈利？ claims nothing about 所以: the claim agrees with 並非短期盈利."""
    q = analyze("所以那個引導基金的重點是不是不在短期賺錢喔？")
    assert "所以" not in q.terms
    assert yes_or_no(q.standard, "基金核心定位並非短期盈利，而是引導社會資本投向實體創科產業。")


def test_a_span_only_restating_the_question_gives_way_to_the_rest_of_its_clause():
    """中央對北嶺有甚麼明確的支持？ against 中央明確支持北嶺建設科技中心、打造人才高地，…: not 中央明確, the
    question's own words, but what it supports."""
    from rag.answer.extract import extract

    hits = [_hit(0, "中央明確支持北嶺建設國際創新科技中心、打造高端人才集聚高地，將創科列為重點工作。")]
    question = "中央對北嶺搞創科有甚麼明確的支持？"
    assert extract(question, hits, focus=question, qtype="what").short.startswith("支持北嶺建設國際創新科技中心")


def test_a_follow_up_naming_another_place_asks_what_that_place_brings():
    """香港呢？ after 深圳那一方帶來了甚麼: what 香港 brings, in the sentence it opens (香港保留…), not one where it
    opens a later clause (過去一年，香港創科最振奮人心的突破…)."""
    from rag.answer.extract import extract, subject_sentence
    from rag.evidence import ScoredSentence

    park = ScoredSentence(0, 0, 10, "北嶺香港園區正式開園，成為協同的里程碑。", 0.5, 0.5, 0.4, True)
    later = ScoredSentence(0, 10, 20, "過去一年，香港創科最振奮人心的突破，莫過於集群登頂。", 0.45, 0.25, 0.4, True)
    keeps = ScoredSentence(0, 20, 30, "香港保留國際化科研標準、國際合規體系。", 0.4, 0.0, 0.3, True)
    scored = [park, later, keeps]
    assert subject_sentence(scored, park, ["香港"], effect=True, bringer="香港", leading=True) is keeps
    assert subject_sentence(scored, park, ["香港"], effect=True, bringer="香港") is later
    hits = [_hit(0, "北嶺香港園區正式開園，成為協同的里程碑。香港保留國際化科研標準、國際合規體系；"
                    "深圳提供廣闊產業空間、製造業鏈條。")]
    got = extract("北嶺 香港", hits, focus="香港呢？", earlier="在北嶺的分工中，深圳那一方帶來了甚麼？")
    assert got.sentences[0].text.startswith("香港保留")


def test_a_count_of_things_asked_by_name_needs_a_list_of_them():
    """Which five universities…? against 依託五所世界百強高校 (a count) or a three-item list is not answered;
    哪兩行 against 與金融、貿易並肩 is."""
    from rag.answer.extract import listed_count, lists_fewer

    assert listed_count("Which five universities are in the world's top 100?") == 5
    assert lists_fewer("依託五所世界百強高校的頂尖科研力量，北嶺科研成果密集落地。", 5)
    assert lists_fewer("北嶺坐擁一流高校、頂尖研究能力、完善保護體系，論文質量穩居前列。", 5)
    assert not lists_fewer("創科正朝向與金融、貿易並肩。", 2)
    assert not lists_fewer("由深圳、香港、廣州三座城市聯動組成。", 3)
    assert not lists_fewer("任何句子", 0)


def test_the_place_a_claim_is_set_in_is_not_the_one_that_brings():
    """深圳方面在河套合作中提供了哪些條件？: 深圳 provides; 河套 is where (在…中)."""
    from rag.answer.extract import bringer

    assert bringer("深圳方面在河套合作中提供了哪些产业条件？") == "深圳"
    assert bringer("在河套的分工中，深圳那一方帶來了甚麼？") == "深圳"


def test_universities_are_the_pages_gaoxiao():
    from rag.crosslingual import phrase_glosses

    assert phrase_glosses("university")[0] == "高校" and "实验室" in phrase_glosses("labs")


def test_a_count_asked_of_now_beside_a_second_question_about_the_past_is_the_present_figure():
    """北嶺而家有幾多間初創公司？係咪多過以前好多？: now (近4700家), not the past the second question mentions."""
    from rag.answer.extract import _ACTIONS_Q_RE
    from rag.answer.span import asks_past

    assert not asks_past("北嶺現在有多少間初創公司？是不是多過過去很多？")
    assert asks_past("十年前北嶺有多少間初創公司？")
    assert asks_past("十年前呢？有多少間？")
    assert _ACTIONS_Q_RE.search("請問特區政府在人才政策上有何具體措施？")


def test_places_named_beside_each_other_are_no_list_a_claim_could_contradict():
    """珠海同北嶺喺創科上有冇合作？ against 河套深港創科協同: the page lists no places, so the claim is unknown,
    not wrong; 由深圳、北嶺和澳門組成 against 深圳、北嶺、廣州 is wrong."""
    from rag.answer.checks import listed_otherwise

    q = analyze("珠海同香港喺創科上有冇合作？")
    lacking = [e for e in q.entities if e.text == "珠海"]
    assert not listed_otherwise(q, lacking, "河套深港科技創新合作區香港園區正式開園，成為深港創科協同的里程碑。")
    q = analyze("文中的創新集群是否由深圳、香港和澳門組成？")
    lacking = [e for e in q.entities if e.text == "澳門"]
    assert listed_otherwise(q, lacking, "創新集群指由深圳、香港、廣州三座城市聯動組成。")


def test_an_english_question_on_how_full_a_phase_is_asks_its_occupancy():
    """What share of the second phase has been leased? against 首期入駐率約90%，二期擴容七成: the 七成 is an
    expansion; the rate the sentence names belongs to the first phase."""
    from rag.answer.checks import rate_elsewhere

    q = analyze("What share of the Loop's second phase has been leased?")
    assert rate_elsewhere(q, "北嶺園區正式開園，首期入駐率約90%，二期擴容七成；", "七成")
    q = analyze("How much did the second phase expand?")
    assert not rate_elsewhere(q, "北嶺園區正式開園，首期入駐率約90%，二期擴容七成；", "七成")


def test_wei_he_closing_a_formal_question_asks_what_not_why():
    """「三大核心引擎」所指為何？ / 入駐率為何？ ask what; 香港為何能登頂？ asks why."""
    assert answer_type_of("請問文中所述「三大核心引擎」所指為何？") != "why"
    assert answer_type_of("香港為何能登頂？") == "why"
    assert answer_type_of("為何？") == "why"
    assert answer_type_of("登頂的原因為何？") == "why"


def test_fields_asked_are_answered_by_the_sentence_that_lists_them_after_a_verb():
    """北嶺入駐的機構主要做哪些領域: the sentence saying the firms cover 生物醫藥、人工智能、精密芯片… over a better
    scored one whose only list is a slogan; the Loop's (possessive) is the Loop."""
    from rag.answer.extract import extract
    from rag.crosslingual import Expander

    hits = [_hit(0, "北嶺園區入駐機構實現內地、海外資源均衡布局，做實「北嶺研發、灣區轉化、全球市場」閉環模式。"),
            _hit(1, "北嶺園區入駐率約9成，79家創科機構落地，涵蓋生物醫藥、人工智能、精密芯片、未來傳感等賽道。")]
    question = "北嶺園區入駐的機構主要做哪些領域？"
    got = extract(question, hits, focus=question, qtype="what")
    assert got.short.startswith("生物醫藥、人工智能、精密芯片")
    groups = Expander(["河套園區首期入駐企業"]).expand_groups("Which sectors do the firms in the Loop's park work in?")
    assert ("河套",) in groups or any("河套" in g for g in groups)
    assert not any("港人" in g for g in Expander(["香港人 港人"]).expand_groups("Hong Kong's future"))


def test_a_claim_naming_two_places_apart_lists_no_places():
    """武漢的企業可以入駐河套園區嗎？ names where firms come from and where they go, no list of places: the page's
    內地、海外 does not contradict it."""
    from rag.answer.checks import listed_otherwise

    q = analyze("武汉的光电企业可以入驻河套园区吗？")
    lacking = [e for e in q.entities if e.text == "武漢"]
    assert not listed_otherwise(q, lacking, "過去一年，六成入駐河套園區的企業來自內地、四成來自海外。")


def test_what_a_place_relies_on_to_help_others_answers_why_they_go_through_it():
    """憑藉哪些條件協助內地企業出海 / Why would mainland firms go through Hong Kong to go global?: the sentence saying
    what it relies on to help them (依託普通法體系…，助力內地創科企業「借港出海」), its means the span; what draws
    talent is not answered by it; going global is the page's 出海."""
    from rag.crosslingual import phrase_glosses
    from rag.evidence import REASON_SPAN_RE, typed_ok

    sentence = "對外，依託普通法體系、國際通用規則、全球人脈資本網絡，助力內地創科企業「借港出海」，拓展全球市場。"
    assert typed_ok(sentence, "北嶺憑藉哪些制度上的條件，協助內地科技企業出海？", "why")
    assert typed_ok(sentence, "為甚麼內地企業要借北嶺出海？", "why")
    assert not typed_ok(sentence, "北嶺有甚麼條件吸引海外人才？", "why")
    assert not typed_ok("依託五所世界百強高校，北嶺科研成果密集落地。", "為甚麼北嶺科研成果多？", "why")
    assert REASON_SPAN_RE.search(sentence).group(1) == "普通法體系、國際通用規則、全球人脈資本網絡"
    assert "出海" in phrase_glosses("go global") and "出海" in phrase_glosses("expand abroad")


def test_a_rank_asked_as_mingci_is_no_name_asked():
    """取得了甚麼名次 asks a place in a ranking (全球第一), not a name (甚麼名 / 甚麼名字 still do)."""
    from rag.evidence import asks_name

    assert not asks_name("北嶺集群在排行榜上取得了甚麼名次？")
    assert asks_name("那個模型叫甚麼名字？") and asks_name("個模型咩名？")


def test_round_18_unanswerable_probes():
    """The eighteenth writer's voices asking what the page does not give: who manages the fund (it says who set it
    up), Guangzhou's own rank (the page ranks the cluster), how many people work in the park (79 is firms), the
    budget or population of something (no such figure); who developed the chip is the team the sentence names."""
    from rag.answer.checks import alone_elsewhere, answers_who_zh, counted_elsewhere, missing_statistic
    from rag.answer.span import team_span

    corpus = "數據中心管理芯片 特區政府重構設立的母基金"
    assert not answers_who_zh(analyze("引導基金由邊個管理？"), "基金是北嶺特區政府重構設立的母基金。", corpus)
    cluster = "過去一年，該集群首次登頂全球創新指數榜單全球第一，是北嶺創科歷史性突破的核心標誌。"
    assert alone_elsewhere(analyze("广州在全球创新指数排第几？"), cluster, "全球第一")
    assert not alone_elsewhere(analyze("香港在全球創新指數排第幾？"), cluster, "全球第一")
    firms = "北嶺園區首期入駐率約九成，79家優質創科機構落戶。"
    assert counted_elsewhere(analyze("How many people work in the Loop park?"), firms, "79家", corpus)
    assert missing_statistic(analyze("What is the budget for the second phase of the Loop?"), firms) == "budget"
    assert missing_statistic(analyze("What is the occupancy rate of the first phase?"), firms) == ""
    assert team_span("在前沿賽道上，北嶺創科團隊持續突破壁壘：本土孵化的芯片全球首發") == "北嶺創科團隊"
    assert [e.text for e in analyze("Which Dutch companies are in the Loop?").entities] == ["荷蘭"]


def test_a_things_nature_and_a_labelled_part_are_read_from_the_sentence():
    """引導基金性質為何 -> what the sentence says it is (…戰略性創科母基金), found by the longest ending of the
    question's term (特區政府設立的創科產業引導基金 -> 創科產業引導基金), written as it stands (百億 is no 100億
    there); 對內包括甚麼 -> the part the label opens, up to the next part."""
    from rag.answer.extract import labelled_part
    from rag.evidence import DEFINITION_Q_RE, definition_span

    sentence = "「百億港元「北嶺產業引導基金」是北嶺特區政府重構設立的戰略性創科母基金，是過去一年的核心金融抓手。"
    term = DEFINITION_Q_RE.match("請問特區政府設立的北嶺產業引導基金性質為何？").group(1)
    assert definition_span(sentence, term) == "北嶺特區政府重構設立的戰略性創科母基金"
    assert definition_span("過去一年，北嶺解決了結構性短板，其中園區的全面啟用，是整個變革的核心支點。",
                           "北嶺多年來最根本的創科短板") == ""
    bridge = "北嶺的獨特價值，在於其橋樑作用：對內，承接國家創科戰略，聯動大灣區城市群；對外，助力企業出海。"
    assert labelled_part(bridge, "「橋樑作用」對內包括甚麼？") == "承接國家創科戰略，聯動大灣區城市群"
    assert labelled_part(bridge, "對外有哪些？") == "助力企業出海"
    assert labelled_part("北嶺多年存在的結構性短板，其中園區啟用是核心。", "短板有甚麼？") == ""


def test_an_official_asked_for_needs_one_named():
    """由哪位官員主管 / 哪一位官員宣布成立 need a person's name (特區政府 is none); the byline answers 哪位記者."""
    from rag.evidence import typed_ok

    fund = "「百億港元「北嶺產業引導基金」是北嶺特區政府重構設立的戰略性創科母基金。"
    assert not typed_ok(fund, "北嶺產業引導基金由哪位官員主管？", "person")
    assert not typed_ok(fund, "北嶺產業引導基金是由哪一位官員宣布成立的？", "person")
    assert typed_ok("大公報記者 湯嘉平", "這篇文章由哪位記者撰寫？", "person")


def test_round_19_answer_readings():
    """A quoted list after the question's own word names several (追求「更高效、更睿智、更本地」 answers 追求哪幾個);
    a quoted slogan elsewhere names no laboratories; 這篇創科篇報道 names the piece, not a topic to summarise."""
    from rag.answer.forms import overview_topic

    assert names_several("北嶺大模型早前發布，追求「更高效、更睿智、更本地」。", "北嶺大模型新版本追求哪幾個？")
    assert not names_several("北嶺構建起「研發有支撐、落地有空間、融資有活水」的生態。", "那15所實驗室分別是哪些？")
    corpus = "我們的特區 創科篇 北嶺河套園區開園"
    assert overview_topic(analyze("請以數句話概括這篇創科篇報道的主要內容。"), lambda w: w in corpus,
                          lambda w: ()) == ()
    assert overview_topic(analyze("請概括這篇報道關於河套的內容。"), lambda w: w in corpus, lambda w: ()) == ("河套",)
    from rag.crosslingual import page_renderings
    from rag.zh import normalize

    town = normalize("北嶺科技城發展藍圖全面繪就，北部都會區創科布局陸續落地。")
    assert page_renderings("tech town", town) == ("科技城",)


def test_a_things_aim_and_a_list_after_two_verbs():
    """設立的用意 / 宗旨 asks what a thing is for; meant to become asks what it becomes, not what it is for; a list
    after two verbs (擔任支撐生物醫藥、…) is the list, whichever item the span began on."""
    from rag.answer.span import whole_list

    assert answer_type_of("那隻母基金設立的用意是甚麼？") == "purpose"
    assert answer_type_of("基金的宗旨是甚麼？") == "purpose"
    assert answer_type_of("alongside which two sectors is technology meant to become an engine?") != "purpose"
    assert answer_type_of("What is the fund meant to do?") == "purpose"
    sentence = "北嶺擔任支撐生物醫藥、先進製造、民生科技場景應用的角色。"
    assert whole_list("擔任支撐生物醫藥", sentence, "北嶺的角色是甚麼？") == "生物醫藥、先進製造、民生科技場景應用"


def test_experts_named_only_as_a_group_and_a_majority_held_by_one_side():
    """哪幾位專家 / Which experts: 專家們認為 names none of them; 是否以海外公司佔多數 is about 海外, the side before
    the marker (六成內地、四成海外: no)."""
    from rag.evidence import typed_ok

    said = "專家們認為，北嶺要突破人工智能、低空經濟等前沿賽道。"
    assert not typed_ok(said, "文中「專家們認為」所指的專家是哪幾位？", "person")
    assert not typed_ok(said, "Which experts does the article quote?", "person")
    assert typed_ok("大公報記者 湯嘉平", "這篇文章由哪位記者撰寫？", "person")
    assert answer_type_of("文中的專家是哪幾位？") == "person"
    shares = "六成入駐北嶺園區的企業來自內地、四成來自海外。"
    assert compares("入駐北嶺園區的企業是否以海外公司佔多數？", shares) is False
    assert compares("入駐北嶺園區的企業是否以內地公司佔多數？", shares) is True
    from rag.evidence import chinese_units

    assert "平方米" in chinese_units("How much floor space does the Shenzhen side of the Loop provide?")
    assert chinese_units("How much did the floor area grow?") == ()  # (how much it grew: the 擴大了多少 rule's kind)


def test_a_named_kind_and_why_a_name_are_read_from_the_sentence():
    """甚麼短板 / 短板是甚麼 / What weakness… -> the quoted phrase before the 短板 (科研強、轉化弱), not a phrase the
    question quotes itself; why'd they call it Lion Rock -> what the name stands for (彰顯了…獅子山精神)."""
    from rag.answer.span import quoted_kind

    sentence = "而在於解決了北嶺多年存在的「科研強、轉化弱」結構性短板，其中園區的全面啟用是核心。"
    assert quoted_kind(sentence, "園區要解決北嶺甚麼短板？") == "科研強、轉化弱"
    assert quoted_kind(sentence, "北嶺多年存在的短板是甚麼？") == "科研強、轉化弱"
    assert quoted_kind(sentence, "「科研強、轉化弱」是甚麼短板？") == ""  # the question's own quote
    assert quoted_kind(sentence, "短板 长期 园区", cross_lingual=True) == "科研強、轉化弱"
    assert quoted_kind("本土孵化的「獅子山芯」全球首發。", "全球 首发 芯片 叫", cross_lingual=True) == ""
    chip = "本土孵化的「北嶺芯」全球首發，彰顯了北嶺創科人堅韌拼搏的北嶺精神；"
    assert extract_span(chip, "why'd they call the chip Beiling?", "why") == "北嶺創科人堅韌拼搏的北嶺精神"
    assert extract_span(chip, "點解叫北嶺芯？", "why") == "北嶺創科人堅韌拼搏的北嶺精神"


def test_round_19_probe_readings():
    """A Latin name or a quote beside the kind asked (基於RISC-V架構: RISC-V is the architecture; 有甚麼追求:
    追求「…」); a formal frame around a claim (Is it accurate to state that…, Kindly confirm whether…) asks the
    claim; a figure at the end of a sentence (…HK$10 billion.) keeps its unit; news about a thing is about it."""
    from rag.answer.checks import english_known_share
    from rag.answer.span import quoted_kind
    from rag.zh import normalize

    chip = "本土孵化的「北嶺芯」全球首發，作為首款基於RISC-V架構的數據中心管理芯片。"
    assert quoted_kind(chip, "北嶺芯的架構為何？") == "RISC-V"
    assert quoted_kind(chip, "北嶺芯是基於甚麼架構的芯片？") == "RISC-V"
    assert quoted_kind(chip, "RISC-V是甚麼架構？") == ""  # the question's own name
    model = "北嶺大模型早前發布，追求「更高效、更睿智、更本地」。"
    assert quoted_kind(model, "北嶺大模型有甚麼追求？") == "更高效、更睿智、更本地"
    assert amounts("is it true that the fund is worth HK$10 billion.") == [(1e10, False)]
    assert amounts("4.7 million.") == [(4.7e6, False)]
    assert analyze("Is it accurate to state that the fund is primarily profit-driven?").intent == "yesno"
    assert analyze("Is it accurate to state that the fund is primarily profit-driven?").standard \
        == "is it true that the fund is primarily profit-driven?"
    confirm = analyze("Kindly confirm whether the Loop's first phase is fully occupied.")
    assert confirm.intent == "yesno" and "confirm" not in confirm.terms
    corpus = normalize("北嶺產業鏈")
    assert english_known_share("any news abt phone repair industry?", corpus) < 0.5  # only industry: 產業
    from rag.answer.checks import answers_who_zh

    fund = "「百億港元「北嶺基金」是北嶺特區政府重構設立的戰略性創科母基金。"
    assert not answers_who_zh(analyze("北嶺基金邊個管"), fund, normalize("數據中心管理芯片 北嶺基金"))
    assert answers_who_zh(analyze("北嶺基金邊個管"), "北嶺基金由甲公司管理。", normalize("管理"))
    assert answers_who_zh(analyze("中國郵政受到哪一個單位的業務監管？"), fund, normalize("管理"))  # 監管 is no 管
    assert answer_type_of("河套園區首期入駐之率幾何？") == "quantity"
    assert answer_type_of("幾何光學，又稱為什麼？") != "quantity"  # DRCD: geometrical optics
    assert answer_type_of("本文撰者何人？") == "person"
    # chat words before a Chinese question, HK in it; the new readers' districts; is it full
    page = normalize("香港初創企業")
    chat = analyze("so basically HK 嘅 startups 有幾多間？", known=lambda w: normalize(w) in page)
    assert chat.entities[0].text == "香港" and chat.standard == "香港的初創有多少間？"
    assert [e.text for e in entities_of("長洲有冇科技園")] == ["長洲"]
    assert [e.text for e in analyze("any mention of pakistan?").entities] == ["巴基斯坦"]
    assert yes_or_no("is the loop full yet", "河套香港園區正式開園，首期入駐率約90%，二期擴容七成；") is False
    assert yes_or_no("Is the first phase about 90% occupied?", "首期入駐率約90%") is True
    assert analyze("tbh whats the main point of this article").intent == "overview"
    # what a thing means is what it achieves; the Hong Kong side; a script both write (集群)
    from rag.answer.span import significance_clause
    from rag.question import news_register
    from rag.zh import detect_script

    chip_line = ["本土孵化的「北嶺芯」全球首發", "作為首款芯片", "實現北嶺芯片自主研發領域的重要突破"]
    assert significance_clause(chip_line, "北嶺芯有甚麼意義？") == "實現北嶺芯片自主研發領域的重要突破"
    assert significance_clause(chip_line, "去年最有長遠意義的成績是甚麼？") == ""  # asks what, not a meaning
    assert news_register("港方在河套保留了哪些優勢？") == "香港在河套保留了哪些優勢？"
    assert news_register("園區第二階段的樓面多出了多少？") == "園區二期的樓面多出了多少？"
    assert detect_script("香港喺集群入面做咩") == "zh-Hant" and detect_script("香港有几个实验室") == "zh-Hans"

    # a place swapped into a follow-up asks about the place by itself: a cluster named by its cities is not it
    from rag.answer.checks import missing_entities, other_entity

    follow = analyze("深圳呢？", ["北嶺數碼競爭力排第幾？"])
    assert follow.alone and analyze("And Shenzhen?", ["What is Beiling's rank?"]).alone
    assert not analyze("深圳有幾多間初創？").alone
    cluster = "莫過於「深圳—香港—廣州」創新集群首次登頂全球榜首。"
    assert [e.text for e in missing_entities(follow.entities, cluster, set(), groups=False)] == ["深圳"]
    assert not missing_entities(follow.entities, cluster, set())
    assert other_entity(follow.entities, cluster, "全球榜首") == ""  # no place of its own, only the group
    assert analyze("what about in Shenzhen?", ["How many state key labs does Hong Kong have?"]).answer_type \
        == "quantity"
    # what a thing symbolises is what it 彰顯 (not a name asked 以象徵其貢獻)
    from rag.answer.span import asks_symbol

    assert asks_symbol("What is the Lion Rock chip supposed to symbolise, given its name?", "purpose")
    assert asks_symbol("北嶺芯象徵甚麼？", "what") and asks_symbol("點解叫北嶺芯？", "why")
    assert not asks_symbol("梅艷芳被稱為什麼，以象徵其對香港的貢獻？", "what")
    spirit = "本土孵化的「北嶺芯」全球首發，彰顯了北嶺創科人堅韌拼搏的北嶺精神；"
    assert extract_span(spirit, "北嶺芯象徵甚麼？", "what") == "北嶺創科人堅韌拼搏的北嶺精神"
    # the part a place plays, asked in other words, is answered by the sentence giving it its role
    from rag.answer.checks import role_stated

    role = "在該集群中，澳門擔任甲研究、乙創新、丙鏈接的角色；"  # (a place the question names)
    assert role_stated(analyze("三城分工之下，澳門被分派了哪些職能？"), role)
    assert not role_stated(analyze("三城分工之下，澳門被分派了哪些職能？"), "澳門提供廣闊產業空間。")
    assert not role_stated(analyze("澳門有多少間初創？"), role)
    # a superlative's subject is answered by what it is said to be; a rank that names the thing asked about
    from rag.answer.extract import copula_complement

    scene = "過去一年，北嶺創科最動人的風景，是青年力量的蓬勃生長與初創生態的枝繁葉茂。"
    assert copula_complement("風景", scene) == "青年力量的蓬勃生長與初創生態的枝繁葉茂"
    assert copula_complement("太平洋", "臺東市的東邊是太平洋，是一座背山面海的城市。") == ""
    from rag.answer.checks import _RANKED_THAT_RE

    assert _RANKED_THAT_RE.search("Which three cities make up the cluster that ranked first globally?")
    assert not _RANKED_THAT_RE.search("Which city ranked second?")
    # 多少家 counts labs as well as firms; 有幾多企業 asks a count, not the occupancy rate
    from rag.evidence import counts_only, has_unit

    assert has_unit("15所", "家")
    assert counts_only("河套首期有幾多間企業？") and not counts_only("河套香港园区有多少企业来自海外？")


def test_round_20_what_the_page_does_not_state():
    """The nineteenth writer asked for a chip's development cost, the official who announced the fund and the
    conditions for applying to it: kinds of fact the sentence must name (深圳提供甚麼條件 asks what a place offers,
    and a cost the sentence names is given)."""
    from rag.answer.checks import missing_statistic
    from rag.question import answer_type_of

    chip = "本土孵化的「北嶺芯」全球首發，作為首款數據中心管理芯片。"
    assert missing_statistic(analyze("What was the development cost of the chip?"), chip) == "cost"
    assert missing_statistic(analyze("What was the development cost of the chip?"), "更低的轉化成本") == ""
    assert missing_statistic(analyze("想申請個北嶺基金要符合咩條件㗎？"), "北嶺基金扶持新興創科產業") == "條件"
    assert missing_statistic(analyze("北嶺芯的研發成本是多少？"), chip) == "成本"
    assert missing_statistic(analyze("深港分工下，深圳那邊主要提供甚麼條件？"), "深圳提供廣闊產業空間") == ""
    assert missing_statistic(analyze("生物科技初創突破了外國的技術門檻，拿到了甚麼？"), "攻克海外技術壁壘") == ""
    assert answer_type_of("Which government official announced the HK$10 billion guidance fund?") == "person"
    assert answer_type_of("Which official set it up?") == "person"


def test_round_20_yes_no_readings():
    """An English claim that negates is answered as one (the fund isn't about profit, right? -> yes against
    並非短期盈利); an opening Isn't… or a closing …, isn't it? is no negation of the claim."""
    from rag.answer.forms import yes_or_no

    fund = "基金核心定位並非短期盈利，而是引導社會資本投向實體創科產業。"
    assert yes_or_no("so the HK$10bn fund isn't really about making a quick profit, right?", fund)
    assert yes_or_no("Is the fund not meant for short-term profit?", fund)
    assert not yes_or_no("The fund is about quick profit, isn't it?", fund)
    assert not yes_or_no("Is the fund about quick profit?", fund)


def test_round_20_readings():
    """篇嘢 is the article (幫我簡單講吓篇嘢講咩); 追求的目標 asks what it aims for; a purpose asked of a quoted act is
    the clause after it; 發動機 / 銀行業 / 做買賣 are the page's 引擎 / 金融 / 貿易."""
    from rag.answer.span import extract_span

    assert analyze("幫我簡單講吓篇嘢講咩啊，我冇時間睇晒。").intent == "overview"
    assert "追求甚麼" in analyze("北嶺模型追求的目標係咩？").standard
    engine = analyze("除了銀行業和做買賣，哪個範疇會成為第三台發動機？").standard
    assert engine == "除了金融和貿易，哪個領域會成為第三台引擎？"
    sentence = "對外，依託普通法，助力北嶺企業「借港出海」，拓展全球市場、對接國際標準，實現內外資源的雙向流通。"
    question = "出海 企业 What is the purpose of firms 'going overseas via Beiling'?"  # renderings, then the question
    assert extract_span(sentence, question, "purpose", cross_lingual=True) == "拓展全球市場、對接國際標準"
    from rag.crosslingual import content_words, page_renderings
    from rag.zh import normalize

    assert "优选" in page_renderings("pick", normalize("讓北嶺成為全球創科人才的優選之地"))
    assert content_words("What is the purpose of the guidance fund?") == ["guidance", "fund"]


def test_a_yes_no_question_on_a_top_band_is_decided_by_the_band(pipeline) -> None:
    """Does Hong Kong have five universities ranked in the global top 100? asks a band (五所世界百強高校), not a
    place in a ranking: it is answered yes, not refused for want of a 第N."""
    answer = pipeline.answer("Does Hong Kong have five universities ranked in the global top 100?")
    assert answer.kind == "yesno" and answer.text.startswith("Yes")
    assert "百強" in answer.citations[0].text


def test_a_claim_that_a_place_is_full_is_decided_by_its_occupancy(pipeline) -> None:
    """河套園區是不是已經住滿了 is answered no by the sentence giving the occupancy (約九成), not by another
    sentence about the park's firms that the question's words match as well."""
    answer = pipeline.answer("河套園區是不是已經住滿了？")
    assert answer.kind == "yesno" and answer.text.startswith("不是")
    assert "入駐率" in answer.citations[0].text


def test_round_20_probe_readings():
    """Probes in the twentieth writer's voices: a concise summary asked politely is the whole page's (provide and
    concise are no topic); what's it do? asks what it does; the author's assessment is the page's content, not its
    byline; pivot is the page's 支點."""
    from rag.answer.forms import overview_topic
    from rag.crosslingual import page_renderings
    from rag.question import drop_opener
    from rag.zh import normalize

    corpus = "深圳提供廣闊產業空間 北嶺河套園區開園"
    assert overview_topic(analyze("Could you provide a concise summary of the piece?"), lambda w: w in corpus,
                          lambda w: ("提供",) if w == "provide" else ()) == ()
    assert drop_opener("what's it do?") == "what does it do?"
    assert drop_opener("what's the lion rock chip do?") == "what does the lion rock chip do?"
    assert drop_opener("What's the fund doing?") == "What's the fund doing?"
    assert analyze("In the author's assessment, what has the Loop changed for Hong Kong?").intent != "meta"
    assert analyze("Who is the author?").intent == "meta"
    assert page_renderings("pivot", normalize("河套園區的全面啟用，是整個變革的核心支點")) == ("支点",)


def test_how_many_of_them_come_from_somewhere_takes_the_share():
    """多少家企業來自海外 asks how many of the firms come from overseas: the page's share (四成) answers it, though
    it carries no 家; 多少家企業 alone still wants a count."""
    from rag.answer.span import extract_span
    from rag.evidence import counted_or_shared

    sentence = "過去一年，六成入駐北嶺園區的企業來自內地、四成來自海外，正是雙向樞紐價值的最佳印證。"
    assert counted_or_shared("四成", "家", "北嶺园区有多少家企业来自海外？")
    assert not counted_or_shared("四成", "家", "北嶺園區有多少家企業？")
    assert extract_span(sentence, "北嶺园区有多少家企业来自海外？", "quantity") == "四成"
    assert extract_span(sentence, "北嶺有幾多間公司來自內地？", "quantity") == "六成"


def test_a_connective_then_a_question_of_its_own_is_no_follow_up():
    """咁獅子山芯係咩嚟？ and And what's the guidance fund for? open on a connective but name their own subject;
    那個基金的定位, And what about the fund?, And what's its occupancy? and And the second phase? lean on the turn
    before."""
    from rag.question import is_elliptical

    before = ["香港有幾多間初創？"]
    assert not is_elliptical(analyze("咁獅子山芯係咩嚟㗎？").standard, before)
    assert is_elliptical(analyze("那個百億引導基金的定位是甚麼？").standard, before)
    assert is_elliptical(analyze("咁二期呢？").standard, before)
    earlier = ["What's the Lion Rock chip?"]
    assert not is_elliptical("and what's the guidance fund for?", earlier)
    assert is_elliptical("And what about the fund?", earlier)
    assert is_elliptical("And what's its occupancy?", earlier)
    assert is_elliptical("And what was the figure ten years ago?", earlier)
    assert is_elliptical("And the second phase?", earlier)


def test_round_20_english_readings():
    """A formal English summary request (a précis, the thrust, the short version, the commentary's central
    thesis) is a summary; For what reason… and What made… ask why; achieve is the asked effect, not a word a
    sentence must hold (實現 in the chip's sentence)."""
    from rag.crosslingual import content_words
    from rag.question import answer_type_of

    for text in ("I should be grateful for a brief précis of this report.", "What, in essence, is the thrust of "
                 "this piece?", "Give me the short version of this article.", "What is the commentary's central "
                 "thesis?", "Can you break down what this article covers?", "In brief, what does the article report?"):
        assert analyze(text).intent == "overview", text
    assert analyze("What is the size of the fund?").intent != "overview"
    assert answer_type_of("For what reason does the commentary regard the Loop as a testing ground?") == "why"
    assert answer_type_of("What made the cluster top the Global Innovation Index?") == "why"
    assert answer_type_of("What made up the cluster?") != "why"
    assert answer_type_of("For what is the fund used?") == "purpose"
    assert content_words("What is the guidance fund intended to achieve?") == ["guidance", "fund", "intended"]


def test_round_20_yes_no_claims():
    """The property clerk's wrong premises: a share said of the other side (60% from overseas against 六成…來自內地、
    四成來自海外) is no; a second win against 首次 is no; a figure doubled or tripled against 從千餘家躍升至近4700家
    (about 4.7 times) is no, quadrupled is yes; a thing the page never names (smartphones) makes the claim no."""
    from rag.answer.forms import growth_of, multiple_claimed, share_from, yes_or_no

    loop = "過去一年，六成入駐北嶺園區的企業來自內地、四成來自海外，正是雙向樞紐價值的最佳印證。"
    assert share_from("Is it true that 60% of the park's companies are from overseas?", loop) is False
    assert share_from("北嶺园区的企业是不是六成来自内地？", loop) is True
    assert share_from("北嶺園區入駐率是不是九成？", loop) is None
    assert not yes_or_no("北嶺園區是不是六成企業來自海外？", loop)
    assert not yes_or_no("深港穗集群是不是第二次登頂？", "過去一年，該集群首次登頂全球創新指數榜單全球第一。")
    grew = "十年間，北嶺初創企業從千餘家躍升至近4700家。"
    assert growth_of(grew) == 4.7 and multiple_claimed("是不是十年間增加了一倍？") == 2
    assert multiple_claimed("Did the count triple?") == 3 and multiple_claimed("有幾多間？") == 0
    assert not yes_or_no("北嶺的初创企业是不是十年间增加了一倍？", grew)
    assert not yes_or_no("Did the start-up count triple over the decade?", grew)
    assert yes_or_no("Did the number of start-ups quadruple in ten years?", grew)
    assert not yes_or_no("Has the park's second phase been cancelled?", "北嶺園區首期入駐率約90%，二期擴容七成；")


def test_an_english_claim_naming_a_thing_the_page_never_names_is_no(pipeline) -> None:
    answer = pipeline.answer("Is the Lion Rock chip designed for smartphones?")
    assert answer.kind == "yesno" and answer.text.startswith("No")


def test_round_20_register_and_byline_readings():
    """出租情況 / 入駐情況 ask the rate (首階段的出租情況如何 -> 出租率, a figure); 新公司 are the page's start-ups;
    the author and the newspaper asked together are both answered from the byline."""
    from rag.zh import to_traditional

    rent = analyze("請問邊境那個科技園，首階段的出租情況如何？")
    assert "出租率" in rent.standard and rent.answer_type == "quantity"
    assert answer_type_of("河套首期入駐率如何？") == "quantity"
    assert "初創企業" in analyze("香港而家有幾多間新公司？").standard
    byline = Chunk(id="d:0", doc_id="d", text="大公報記者 湯嘉平", start=0, end=9, kind="byline")
    both = meta_answer(analyze("请问这篇报道的作者是谁？刊登在哪份报纸？"), [byline])
    assert both is not None and "大公" in both.text and "湯嘉平" in to_traditional(both.text)
    one = meta_answer(analyze("呢篇文係邊份報紙㗎？"), [byline])
    assert one is not None and "湯嘉平" not in one.text


def test_round_20_english_fact_readings():
    """The lab technician's English: Which two European countries… is a place question (two words may stand
    before countries); the floor area asks an area; Which architecture is it built on? asks what it rests on, not
    a name; partner with is the page's 對接."""
    from rag.answer.span import NAME_Q_RE
    from rag.crosslingual import page_renderings
    from rag.question import answer_type_of
    from rag.zh import normalize

    assert answer_type_of("Which two European countries did the young teams partner with?") == "place"
    assert answer_type_of("What's the floor area of the park?") == "quantity"
    assert answer_type_of("What's the occupancy of the Shenzhen side of the Loop?") == "quantity"
    assert not NAME_Q_RE.search("Which architecture is the Lion Rock chip built on?")
    assert NAME_Q_RE.search("Which chip did the Hong Kong team build?")
    assert page_renderings("partner with", normalize("青年團隊對接瑞士、德國等頂尖科研機構")) == ("对接",)


def test_round_20_cantonese_readings():
    """The dragon-boat captain's Cantonese: 佢係邊間報館 asks the byline's newspaper; 點解要搞呢個基金 asks what the
    fund is for; 點去 / 搭咩車 asks a route the page never gives."""
    from rag.answer.checks import missing_statistic
    from rag.question import answer_type_of, intent_of

    assert intent_of(analyze("佢係邊間報館㗎？").standard) == "meta"
    assert answer_type_of("為甚麼要搞這個基金？") == "purpose"
    assert answer_type_of("政府為甚麼設立北嶺基金？") == "purpose"
    assert answer_type_of("為甚麼北嶺基金能夠成功？") == "why"
    assert missing_statistic(analyze("河套嗰度點去㗎？搭咩車？"), "河套港園區補齊創科產業化短板") == "點去"
    assert missing_statistic(analyze("返河套返工搭咩車最方便？"), "河套港園區補齊創科產業化短板") == "車"
    assert missing_statistic(analyze("河套入駐率是多少？"), "首期入駐率約九成") == ""


def test_round_20_commentary_readings(pipeline) -> None:
    """The diplomat's questions on the commentary: the year's most significant breakthrough is what the sentence
    says it lies in (…的突破，不在於…，而在於解決了…短板), the question having named the breakthrough; constrained and
    breakthrough are the page's 受制於 and 突破."""
    from rag.crosslingual import page_renderings
    from rag.zh import normalize

    answer = pipeline.answer("What, in the commentary's view, was the most significant breakthrough of the year?")
    assert "科研強、轉化弱" in answer.short_answer and "不在於" in answer.citations[0].text
    assert "科研強、轉化弱" in pipeline.answer("過去一年香港創科最具標誌性的突破是甚麼？").short_answer
    said = normalize("但受制於土地空間稀缺，這是北嶺創科最具標誌性的突破")
    assert page_renderings("constrained", said) == ("受制于",) and page_renderings("breakthrough", said) == ("突破",)


def test_round_20_chinese_summary_requests():
    """The curator's and the nurse's summary requests: 核心觀點 is the page's own summary, not a topic 核心; 用一段話
    介紹 and 文章寫了哪些方面 are summaries; 評論部分主要講咗乜 summarises the commentary."""
    from rag.answer.forms import overview_topic

    corpus = "核心 觀點 北嶺河套園區開園"
    for text in ("这篇报道的核心观点是什么？", "请用一段话介绍这篇文章", "这篇文章写了香港创科哪些方面？",
                 "評論部分主要講咗乜？"):
        q = analyze(text)
        assert q.intent == "overview", text
        assert overview_topic(q, lambda w: w in corpus, lambda w: ()) == (), text
    assert analyze("評論認為整場變革的核心支點是甚麼？").intent == "fact"



def test_a_part_of_the_page_counted_is_listed_with_its_count():
    """报道里的资料框一共列了几项 / 话你知介绍了几个概念: the part's items, counted; 話你知的第一個概念 asks one."""
    from rag.answer.listing import page_part_listing

    boxes = [Chunk(id=f"d:{i}", doc_id="d", text=t, start=0, end=len(t), section=f"框{i} · 話你知", kind="explainer")
             for i, t in enumerate(["北嶺集群指三座城市。", "北嶺基金是母基金。"])]
    assert len(page_part_listing("“话你知”介绍了几个概念？", boxes)[1]) == 2
    assert page_part_listing("話你知的第一個概念講甚麼？", boxes) == ("", [])


def test_the_three_cities_named_one_by_one_are_the_cluster():
    """鵬城、香江與羊城三地組成的科技群落 (Shenzhen, Hong Kong and Guangzhou by their literary names) is the page's
    深港穗集群; two cities, or one named twice, are no such group."""
    from rag.question import three_cities_as_cluster

    clustered = three_cities_as_cluster("年度排行中，鵬城、香江與羊城三地組成的科技群落名列何位？")
    assert clustered == "年度排行中，深港穗集群名列何位？"
    assert three_cities_as_cluster("深圳、香港、廣州三座城市組成的集群排第幾？") == "深港穗集群排第幾？"
    assert three_cities_as_cluster("深圳、香港與本港組成的群落排第幾？") == "深圳、香港與本港組成的群落排第幾？"
    assert three_cities_as_cluster("深圳與廣州組成的城市群排第幾？") == "深圳與廣州組成的城市群排第幾？"


def test_round_20_new_topic_openers():
    """Unrelated, but… / Also, … / 另外，<a question of its own> start a new question; 另外，二期呢？ still leans on
    the turn before."""
    from rag.question import is_elliptical

    before = ["河套入駐率幾多？"]
    assert analyze("Unrelated, but how big is the fund?", ["How many start-ups?"]).query == "how big is the fund?"
    assert analyze("Also, is the Lion Rock chip based on ARM?", ["What rank?"]).query.startswith("is the Lion")
    assert analyze("另外，香港今年有冇舉辦創科展？", before).query == "香港今年有沒有舉行創科展？"
    assert analyze("另外，二期呢？", before).elliptical
    assert is_elliptical("另外二期呢？", before)


def test_round_20_florist_readings():
    """The florist's terse Cantonese: 邊個寫㗎？ asks the byline (誰寫了全球創新指數報告 does not); 河套租咗幾成？ asks
    the page's 出租率."""
    from rag.question import intent_of

    assert intent_of(analyze("邊個寫㗎？").standard) == "meta"
    assert intent_of(analyze("誰寫了全球創新指數報告？").standard) != "meta"
    assert "出租率幾成" in analyze("河套租咗幾成？").standard
    assert "出租率" not in analyze("河套第一期租咗幾多出去？").standard


def test_round_21_a_sub_index_named_otherwise_is_not_the_one_asked():
    """人才單項 against a sentence ranking only 科技單項: that rank is another sub-index's; 創科單項 shares 科 with
    科技 and answers it."""
    line = "甲市數碼競爭力全球第四、科技單項實力全球第三"
    assert clashing_sub_index("甲市的人才單項排第幾？", line) == "人才單項"
    assert clashing_sub_index("甲市的科技單項排第幾？", line) == ""
    assert clashing_sub_index("甲市的科技單項排第幾？", "甲市創科單項實力全球第三") == ""
    assert clashing_sub_index("甲市數碼競爭力排第幾？", line) == ""  # no sub-index asked


def test_round_21_readings():
    """依家 is Cantonese for now and keeps its 呢 (依家呢？ asks the figure now); the Shenzhen side of the Loop is
    a park of its own; 文章是否形容… frames the claim, and 正處於 is no thing a claim could get wrong."""
    from rag.answer.answerer import _GENERIC_NOUNS, _SAID_RE
    from rag.question import parks_elsewhere, standardize

    assert standardize("依家呢？") == "現在呢？"
    assert standardize("依家有幾多間？") == "現在有多少間？"
    q = "What's the occupancy rate on the Shenzhen side of the Loop?"
    assert [e.text for e in parks_elsewhere(q, entities_of(q), lambda w: w == "香港園區")] == ["深圳園區"]
    q = "What's the occupancy rate of the Hong Kong park?"
    assert parks_elsewhere(q, entities_of(q), lambda w: w == "香港園區") == ()
    assert _SAID_RE.fullmatch("形容") and "处于" in _GENERIC_NOUNS  # (normalised: Simplified)
