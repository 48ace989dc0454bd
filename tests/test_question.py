"""The Question, built once: Cantonese made standard, intent, answer type, focus, entities, follow-ups."""

from __future__ import annotations

import pytest

from rag.question import analyze, answer_type_of, entities_of, is_elliptical, standardize


@pytest.mark.parametrize(("cantonese", "standard"), [
    ("香港有幾多間初創公司呀？", "香港有多少間初創公司？"),
    ("呢篇文章係邊份報紙嘅？", "這篇文章是哪份報紙？"),
    ("獅子山芯係咪手機芯片嚟㗎？", "獅子山芯是不是手機芯片來？"),
    ("佢哋之間嘅關係係咩？", "他們之間的關係是甚麼？"),  # 關係 keeps its 係; the copula 係 becomes 是
    ("新田科技城幾時會落成呀？", "新田科技城何時會落成？"),
    ("篇嘢話創科會同邊兩行並排？", "篇東西話創科會同哪兩行並排？"),  # 嘢 marks Cantonese; 邊兩行: which two
    ("AI大模型最新出咗邊個版本呀？", "AI大模型最新出了哪個版本？"),  # 邊個 before a thing's noun: which
    ("呢篇文章係邊個寫嘅？", "這篇文章是誰寫？"),  # before a verb: who
    ("集群排第二，啱唔啱？", "集群排第二，對不對？"),  # right or not: a yes/no question
    ("專家話要喺邊啲新嘢度發力？", "專家話要在哪些新東西發力？"),  # 喺X度: at X, the 度 is no word of X
    ("喺個集群度，深圳做啲咩？", "在個集群，深圳做甚麼？"),  # 啲咩: what
    ("喺呢度做咩？", "在這裡做甚麼？"),  # 呢度: here
    ("個模型想做到啲咩呀？", "個模型想做到甚麼？"),  # 啲咩: what
    ("喺速度上面點樣？", "在速度上面怎樣？"),  # 速度 keeps its 度
    ("啲後生團隊同邊幾個國家夾手？", "青年團隊同哪幾個國家聯合？"),  # 邊幾個: which ones; an opening 啲: "the"
    ("簡單講下呢版講咗啲咩？", "簡單說說這版說了甚麼？"),  # 呢版: this page
    ("文章提到邊幾個國家？", "文章提到哪幾個國家？"),  # 邊幾 alone marks Cantonese
    ("啲公司邊度嚟㗎？", "公司來自哪裡？"),
    ("規模幾大？", "規模多大？"),  # 幾大 alone marks Cantonese: how big
    ("邊個整㗎？", "誰研發？"),  # 整: made
    ("個基金主要投落咩行業度？", "個基金主要投向甚麼行業？"),  # a place asked at the end: the 度 is no word
    ("個溫度係幾多度？", "個溫度是多少度？"),  # degrees stay
])
def test_written_cantonese_becomes_standard_written_chinese(cantonese, standard):
    assert standardize(cantonese) == standard


def test_cantonese_keeps_the_spaces_of_latin_names_and_reads_what_is_it():
    assert standardize("HKGAI V3 係咩嚟？") == "HKGAI V3 是甚麼？"


def test_standard_chinese_is_left_alone():
    for text in ("香港與深圳的關係是甚麼？", "重點實驗室有多少所？", "请问这篇报道是谁写的？"):
        assert standardize(text) == text


@pytest.mark.parametrize(("question", "intent"), [
    ("用三句話總結這篇報道", "overview"),
    ("Summarise the article in three sentences.", "overview"),
    ("這篇報道主要講甚麼？", "overview"),
    ("百亿创科产业引导基金重点扶持哪些产业？", "list"),  # 重點扶持 is not a request for the main points
    ("呢篇文章係邊份報紙嘅？", "meta"),
    ("Who wrote this article?", "meta"),
    ("作者是誰？", "meta"),  # the byline, whether or not the article is named
    ("《全球創新指數》的作者是誰？", "fact"),  # another work's author
    ("版面上的插圖是由誰、用甚麼方式製作的？", "meta"),  # the graphic's credit line
    ("那篇評論側欄的標題是甚麼？", "meta"),
    ("What is on this page?", "overview"),
    ("The floor area was cut by 30%, wasn't it?", "yesno"),  # a tag question
    ("Hong Kong ranks fourth, right?", "yesno"),
    ("Isn't the fund just about quick profits?", "yesno"),  # a negated auxiliary asks yes or no too
    ("Doesn't Shenzhen rank first?", "yesno"),
    ("What are the main takeaways?", "overview"),
    ("What does the article say about Hong Kong's stablecoin rules?", "fact"),  # about something: a question
    ("What does the article say?", "overview"),
    ("香港創科過去一年有甚麼成就？", "overview"),  # the page subject's achievements, nothing narrower
    ("What did Hong Kong achieve in innovation and technology last year?", "overview"),
    ("獅子山芯有甚麼突破？", "fact"),  # one thing's breakthrough is a fact
    ("河套有甚麼成果？", "fact"),
    ("聽講二期嘅樓面擴大咗七成，冇錯吧？", "yesno"),  # a claim to confirm: isn't it right?
    ("How full is the first phase?", "fact"),
    ("Island nations of Asia: which one has the lab?", "fact"),  # "Is" begins a word here, no auxiliary
    ("獅子山芯其實是在深圳研發出來的吧？", "yesno"),  # a claim to confirm
    ("Who wrote this?", "meta"),
    ("文章講咗啲乜？", "overview"),
    ("簡單講吓篇文講咗啲咩？", "overview"),  # 講了些甚麼 once standardised
    ("有咩重點？", "overview"),
    ("这篇报道的核心内容是什么？", "overview"),
    ("文章提到的重點實驗室是哪些？", "list"),  # 重點實驗室 is a kind of laboratory
    ("文中提到的專家具體是誰？", "fact"),  # a person in the article, not its author
    ("How many electric vehicles are registered in Hong Kong?", "fact"),  # 'registered' holds 'gist'
    ("這篇文章的主要重點有哪些？", "overview"),
    ("香港科技單項實力是不是全球第一？", "yesno"),
    ("Is the chip based on RISC-V?", "yesno"),
    ("香港有多少家初創企業？", "fact"),
    ("Give me a quick rundown of what Hong Kong achieved.", "overview"),
    ("版面上那張示意圖的來源寫著甚麼？", "meta"),  # the graphic's credit line
    ("作者認為創新科技將與哪兩個行業並列？", "fact"),  # the author's view is the article's content
    ("According to the author, what will drive the economy?", "fact"),
    ("請扼要概述香港去年的主要成績。", "overview"),
    ("這篇文章刊登在第幾版？", "meta"),  # the page's printing details
    ("呢篇文係邊日登出嚟㗎？", "meta"),
    ("On which page was this printed?", "meta"),
    ("插圖是誰製作的？", "meta"),  # a part of the page names the page
    ("Who drew the illustration?", "meta"),
    ("What is the title of the sidebar?", "meta"),
    ("When was the Global Innovation Index published?", "fact"),  # another work's publication
])
def test_intent(question, intent):
    assert analyze(question).intent == intent


@pytest.mark.parametrize(("question", "answer_type"), [
    ("香港有幾多間初創公司？", "quantity"),
    ("東莞在全球創新指數排第幾？", "rank"),
    ("那個集群在年度評比中名列何位？", "rank"),
    ("Which two sectors is tech supposed to stand alongside?", "what"),  # things, not a purpose
    ("What is the fund supposed to do?", "purpose"),
    ("What does HKGAI V3 aim to be?", "purpose"),
    ("特区政府那个基金有多大规模？", "quantity"),  # a fund's size is an amount
    ("團隊同哪幾個國家的機構合作？", "place"),
    ("點解話香港係「科研強、轉化弱」？", "why"),
    ("What is the Lion Rock chip used for?", "purpose"),
    ("新田科技城幾時會落成呀？", "time"),
    ("河套香港園區是哪一天正式開園的？", "time"),
    ("唐繼堯於西元幾年發動起義？", "time"),
    ("獅子山芯是甚麼芯片？", "what"),
    ("作者認為哪兩個行業是經濟引擎？", "what"),  # 作者 in the author's view is not a person asked for
    ("文中提到的專家是誰？", "person"),
    ("二期嘅入駐率呢？", "quantity"),  # a statistic's name alone asks for its figure
    ("二期的入駐率是甚麼？", "quantity"),
    ("What is the occupancy rate?", "quantity"),
    ("香港的創科生態？", "what"),
    ("這座城市後來被稱為什麼？", "what"),  # 為 + 什麼: called what, not why
    ("國王希望將政體轉為什麼制度？", "what"),
    ("被擊落的物體為什麼？", "what"),
    ("為什麼香港能登頂？", "why"),
    ("那片科技區最吸引人的地方在哪裏？", "what"),  # the appeal, not a location
    ("河套在哪裡？", "place"),
    ("香港科技單項實力在全世界排多少位？", "rank"),
    ("香港在指數的排名是多少？", "rank"),
    ("香港有幾所世界排名前一百的大學？", "quantity"),  # 排名 here describes the universities
    ("這個集群靠哪些強項登頂？", "why"),
    ("園區企業是不是以海外公司為主？", "quantity"),  # a size claim is decided by a figure
    ("基金主要投資哪幾個領域？", "what"),  # which fields, not how many
    ("HKGAI V3是在哪一個月推出的？", "time"),
    ("Startup count in HK right now?", "quantity"),  # terse: a count, a size, a total asks an amount
    ("Size of the government's tech fund?", "quantity"),
    ("Total floor space at the Loop park?", "quantity"),
])
def test_answer_type(question, answer_type):
    assert analyze(question).answer_type == answer_type


def test_key_terms_are_whole_words_in_either_script():
    simplified = analyze("百亿创科产业引导基金重点扶持哪些产业？").terms
    assert {"百亿", "创科", "引导", "基金", "扶持"} <= set(simplified)  # not 导基金重点扶持
    assert "对接" in analyze("香港主动对接国家哪个五年规划？").terms  # 對 inside a word stays
    question = "港深兩地為科研器材和經費過境提供了甚麼方便？"  # read against a page that writes these words
    assert {"港深", "器材", "經費", "過境"} <= set(analyze(question, known=lambda word: True).terms)


@pytest.mark.parametrize(("question", "ranks"), [
    ("全球創新指數排名第二的是哪個創新集群？", (2,)),
    ("Which cluster came second in the Global Innovation Index?", (2,)),
    ("香港排第三的是甚麼？", (3,)),
    ("深港穗創新集群排名第幾？", ()),  # asks for the place, names none
    ("第二期的入駐率是多少？", ()),  # 第二期 is a phase, not a place in a ranking
])
def test_ranks_the_question_is_constrained_to(question, ranks):
    assert analyze(question).ranks == ranks


def test_focus_is_the_thing_asked_about():
    assert analyze("香港的通脹率是多少？").focus == "通脹率"
    assert analyze("這些機構涵蓋哪些賽道？").focus == "賽道"
    assert analyze("深圳扮演甚麼角色？").focus == "角色"


def test_a_university_by_its_short_name_is_an_organisation_but_not_inside_another_word():
    assert ("港大", "org") in {(e.text, e.kind) for e in entities_of("15間實驗室有幾多間是港大的？")}
    assert ("理大", "org") in {(e.text, e.kind) for e in entities_of("理大有多少所實驗室？")}
    assert not any(e.kind == "org" for e in entities_of("十年前香港大概有多少家初創企業？"))  # 香港 + 大概


def test_a_quoted_name_made_of_places_names_the_places_not_an_unknown_name():
    found = {(e.text, e.kind) for e in entities_of("「深圳—香港—廣州」創新集群排第幾？")}
    assert ("深圳—香港—廣州", "name") not in found and ("廣州", "place") in found


def test_who_opening_an_english_question_asks_for_a_person_or_body_whatever_follows():
    assert analyze("Who compiles the ranking where Hong Kong came fourth?").answer_type == "person"
    assert analyze("Which body ranked the cluster first?").answer_type == "person"
    assert analyze("What is the size of the fund?").answer_type == "quantity"
    assert analyze("What is the point of the HK$10 billion fund?").answer_type == "purpose"
    assert analyze("What is the point of helping firms go global?").answer_type != "purpose"  # of doing: what


def test_what_a_thing_says_of_itself_is_what_the_page_says_it_pursues():
    q = analyze("HKGAI V3 話自己想做到點呀？")
    assert "追求甚麼" in q.standard and "話" not in q.focus


def test_a_word_joined_with_the_auxiliary_after_it_is_the_word_when_the_page_lacks_the_join():
    from rag.question import split_auxiliary

    def known(word):
        return word in "創科產業引導基金扶持產業"

    assert split_auxiliary("基金會", known) == "基金"  # 個基金會投資: the fund will invest
    assert split_auxiliary("基金會", lambda w: True) == "基金會"  # a page with a 基金會 keeps it
    assert "基金" in analyze("個基金會投資啲咩行業？", known=known).terms


def test_entities_are_places_organisations_and_names():
    found = {(e.text, e.kind) for e in entities_of("珠海和香港大學與「獅子山芯」及HKGAI有甚麼關係？")}
    assert {("珠海", "place"), ("香港大學", "org"), ("獅子山芯", "name"), ("HKGAI", "name")} <= found
    assert ("香港", "place") not in found  # inside 香港大學, it names the university
    english = entities_of("How much did Zhuhai spend on the Northern Metropolis?")
    assert {e.text for e in english} == {"珠海", "北部都會區"}
    assert not any(e.text == "初創公司" for e in entities_of("香港有多少間初創公司？"))  # generic, not a name


@pytest.mark.parametrize(("question", "history", "elliptical"), [
    ("那二期呢？", ["河套園區首期入駐率是多少？"], True),
    ("廣州呢？", ["深圳在集群中扮演甚麼角色？"], True),
    ("And the second phase?", ["What was the first phase's occupancy?"], True),
    ("Who wrote this article?", ["What is the Lion Rock chip used for?"], False),
    ("誰寫了這篇文章？", ["獅子山芯是甚麼芯片？"], False),
    ("香港有多少家初創企業？", ["獅子山芯是甚麼芯片？"], False),
    ("那二期呢？", [], False),
    ("香港數碼競爭力呢？", ["深港穗創新集群在全球排第幾？"], True),  # a long topic, no question word of its own
    ("香港有多少家初創企業呢？", ["獅子山芯是甚麼？"], False),  # a full question ending in 呢
])
def test_follow_up_leans_on_the_earlier_turn_only_when_elliptical(question, history, elliptical):
    assert is_elliptical(standardize(question), history) is elliptical
    q = analyze(question, history)
    assert (q.query != q.standard) is elliptical


@pytest.mark.parametrize(("question", "standard"), [
    ("另外想問，香港有多少家初創企業？", "香港有多少家初創企業？"),
    ("Different question: which body publishes the index?", "which body publishes the index?"),
    ("By the way, who wrote this?", "who wrote this?"),
    ("換個問題：香港有多少家初創企業？", "香港有多少家初創企業？"),
    ("講第二樣：香港有多少家初創企業？", "香港有多少家初創企業？"),
    ("說另一樣：香港有多少家初創企業？", "香港有多少家初創企業？"),
])
def test_a_question_that_says_it_starts_a_new_topic_stands_on_its_own(question, standard):
    q = analyze(question, ["獅子山芯係用咩架構？"])
    assert not q.elliptical and q.standard == standard and q.query == standard
    assert "想問" not in q.terms and "Different" not in {e.text for e in q.entities}


def test_and_the_other_thing_asks_the_earlier_question_of_it():
    q = analyze("And start-ups?", ["How many state key labs does Hong Kong have?"])
    assert q.standard == "How many start-ups does Hong Kong have?"  # a count of another thing
    q = analyze("And the second phase?", ["How many firms are in the Loop's first phase?"])
    assert q.elliptical and "firms" in q.query  # the same count of another phase
    assert analyze("And ten years ago?", ["How many start-ups does Hong Kong have?"]).elliptical
    assert answer_type_of("how come hk was seen as weak in tech before") == "why"
    q = analyze("咁初創呢？", ["北嶺有幾多間國家重點實驗室？"])  # a count of another thing
    assert q.standard == "北嶺有多少間初創？" and q.query == q.standard
    assert analyze("出租率呢？", ["北嶺園區首期入駐率幾多？"]).standard == "出租率呢？"  # a measure, not a thing
    assert analyze("咁科技呢？", ["北嶺數碼競爭力排第幾？"]).standard == "咁科技呢？"  # a rank's other part
    assert analyze("十年前呢？", ["北嶺有幾多間初創？"]).standard == "十年前呢？"
    q = analyze("And the chip?", ["Which AI model did Hong Kong put out recently?"])
    assert q.standard == "Which chip did Hong Kong put out recently?" and "model" not in q.terms
    q = analyze("And the second phase?", ["What was the first phase's occupancy?"])
    assert "occupancy" in q.query  # a phase is no thing of its own: the earlier question, elliptical as before
    q = analyze("And Shenzhen?", ["Which role does Hong Kong play?"])
    assert q.elliptical and "role" in q.query  # a place swapped


@pytest.mark.parametrize(("question", "history", "elliptical"), [
    ("咁香港數碼競爭力排第幾？", ["獅子山芯係咩架構？"], False),  # a connective, then a question of its own
    ("那麼香港的數碼競爭力排名第幾？", ["河套園區首期入駐率是多少？"], False),
    ("其他方面，香港的初創企業有多少家？", ["河套園區首期入駐率是多少？"], False),  # 其他 is no pronoun
    ("那深圳的排名是第幾？", ["香港數碼競爭力排第幾？"], True),  # a place swapped: the earlier ranking
    ("那二期呢？規模擴大了多少？", ["河套園區首期入駐率是多少？"], True),
    ("And how many firms moved in?", ["What is the first phase's occupancy?"], True),
    ("那它們主要在哪些領域？", ["香港有多少家初創企業？"], True),  # a pronoun: it leans, whatever it asks
    ("How many start-ups does it say Hong Kong has?", ["What is the Lion Rock chip?"], False),  # it: the article
])
def test_a_connective_before_a_question_of_its_own_does_not_make_it_a_follow_up(question, history, elliptical):
    assert analyze(question, history).elliptical is elliptical


@pytest.mark.parametrize(("question", "standard"), [
    ("OK, and how many start-ups does Hong Kong have?", "and how many start-ups does Hong Kong have?"),
    ("多謝。香港有多少間初創？", "香港有多少間初創？"),
    ("好，咁呢篇文章係邊個寫㗎？", "咁這篇文章是誰寫？"),
    ("好？", "好？"),  # nothing after it: left as it is
])
def test_thanks_and_assent_before_a_question_are_no_part_of_it(question, standard):
    q = analyze(question, ["獅子山芯係咩架構？"])
    assert q.standard == standard and "OK" not in {e.text for e in q.entities}


def test_a_follow_up_starting_with_another_still_leans_on_the_earlier_turn():
    assert analyze("另外二期呢？", ["河套園區首期入駐率是多少？"]).elliptical


def test_a_park_the_documents_never_name_is_a_place_of_its_own():
    known = "河套香港園區首期入駐率約九成；河套園區入駐企業".__contains__
    shenzhen = analyze("河套的深圳園區那一邊，首期出租率有多高？", known=known)
    assert "深圳園區" in {e.text for e in shenzhen.entities}
    assert "香港園區" not in {e.text for e in analyze("香港園區首期入駐率是多少？", known=known).entities}
    assert {e.text for e in analyze("河套园区首期入驻率是多少？", known=known).entities} == {"河套"}


def test_two_loose_characters_paired_by_the_segmenter_are_no_term():
    known = "政府升級科技人才入境計劃，簡化入境流程；北嶺港口".__contains__
    assert "上作" not in analyze("政府在入境安排上作了甚麼改動？", known=known).terms  # 上 / 作 left loose
    assert "明仁" in analyze("明仁的母親為？", known=known).terms  # a name jieba lacks is no glue
    assert "上作" in analyze("政府在入境安排上作了甚麼改動？").terms  # without the documents, nothing is dropped


def test_those_firms_leans_on_the_earlier_turn_and_reads_its_words():
    known = "河套園區首期入駐79家機構，涵蓋生物醫藥等優勢賽道".__contains__
    q = analyze("嗰啲公司多數做邊行㗎？", ["河套嗰個園區第一期有幾多間公司入咗去？"], known=known)
    assert q.elliptical and "哪些" in q.standard and "多數" not in q.terms
    assert "首期" in q.terms  # 公司 / 行業 are not the page's words: the earlier turn's are what it is about
    assert "賽道" in analyze("基金投資哪些行業？", known=known).standard  # the page says 賽道


def test_how_many_in_all_is_no_term_of_the_question():
    q = analyze("而家全港加埋有幾多間初創公司？")
    assert "加埋" not in q.terms and "全港" not in q.terms and "香港" in q.terms
    assert "總共" not in analyze("第一期總共有多少間公司入駐？").terms
    assert {"可以", "過來"}.isdisjoint(analyze("香港有甚麼優勢，可以吸引外國人才過來？").terms)


def test_an_elliptical_follow_up_inherits_what_was_asked():
    q = analyze("那二期呢？", ["河套園區首期入駐率是多少？"])
    assert q.answer_type == "quantity" and "入駐率" in q.query and q.standard == "那二期呢？"


def test_everyday_words_are_read_in_the_register_of_the_page():
    from rag.question import news_register

    assert news_register("本港新創公司有多少？") == "香港初創公司有多少？"
    assert news_register("基金幫企業紓解了哪些困難？") == "基金幫企業解決了哪些難題？"  # round 15
    assert news_register("有多大比例是境外公司？") == "有多大比例是海外公司？"
    assert news_register("以往大學的研究成果去哪裏？") == "過去高校的科研成果去哪裏？"
    assert news_register("香港負責做甚麼？") == "香港擔任甚麼？"  # a role
    assert news_register("創科會同哪兩行並駕齊驅？") == "創科會同哪兩行並肩？"
    assert news_register("集群靠的是哪些強項？") == "集群憑藉哪些優勢？"
    assert news_register("香港科研的老問題是甚麼？") == "香港科研的短板是甚麼？"
    assert news_register(standardize("香港有咩著數吸引人才？")) == "香港有甚麼優勢吸引人才？"
    assert news_register("哪個排名推翻了這種印象？") == "哪個排名改寫了這種認知？"
    assert news_register("廣州在集群中起甚麼作用？") == "廣州在集群中擔任甚麼？"  # a role
    assert news_register("香港負責的是哪些工作？") == "香港擔任哪些工作？"
    assert news_register("香港將來要做甚麼？") == "香港未來要做甚麼？"
    assert news_register("內地企業想走向海外") == "內地企業想出海"
    assert news_register("在三城的分工裡，北嶺擔當甚麼工作？") == "在三城的分工裡，北嶺擔任甚麼工作？"
    assert news_register("北嶺在集群裏扮演甚麼角色？") == "北嶺在集群裏擔任甚麼角色？"
    assert news_register("那枚處理器用的是甚麼指令集？") == "那枚芯片用的是甚麼架構？"
    assert news_register("落馬洲那邊的園區租出了多少？") == "河套那邊的園區出租了多少？"
    assert news_register("多項指標是否在亞洲處於領先位置？") == "多項指標是否在亞洲領跑？"
    assert "話" not in analyze("文章話專家建議香港做甚麼？").terms  # 文章話: the article says
    assert "出資設立" in analyze("百億基金係邊個出錢搞㗎？").standard
    assert news_register(standardize("河套搬咗幾多間公司入去呀？")) == "河套入駐了多少間公司？"  # what moved in between
    assert news_register(standardize("有幾多間公司搬咗入河套？")) == "有多少間公司入駐河套？"
    assert analyze("香港有無四千七百間初創公司咁多呀？").intent == "yesno"
    assert news_register("深圳負責提供甚麼？") == "深圳負責提供甚麼？"  # not a role: what it provides
    assert news_register("河套第一期有多少間公司搬了入去？") == "河套首期有多少間公司入駐？"
    assert news_register("本港新创公司有多少？") == "香港初创公司有多少？"  # in the asker's script
    assert news_register("日本港口有多少？") == "日本港口有多少？"  # whole words only
    assert news_register("What is 本港?") == "What is 香港?"
    # read against the documents: a page that writes 舉辦 keeps it; one without the register word keeps 本港
    page = "年度展覽在四月舉辦，香港初創企業參展"
    known = page.__contains__
    assert news_register("展覽何時舉辦？", known) == "展覽何時舉辦？"
    assert news_register("本港新創公司有多少？", known) == "香港初創公司有多少？"
    assert news_register("本港有多少？", "本港".__contains__) == "本港有多少？"
    chips = "首款數據中心管理芯片"
    assert news_register("那顆晶片用在哪裏？", chips.__contains__) == "那顆芯片用在哪裏？"  # Hong Kong's 晶片
    assert news_register("它靠哪些強項拔得頭籌？") == "它靠哪些優勢登頂？"  # an idiom jieba splits
    assert news_register("有幾所大學躋身世界前一百？") == "有幾所高校躋身世界百強？"
    assert news_register("頭一期有多少間？") == "首期有多少間？"


def test_words_that_say_nothing_about_the_topic_are_not_key_terms():
    assert analyze("河套第一期現在租出了多少？").terms == ("河套", "首期", "出租")


@pytest.mark.parametrize(("question", "answer_type"), [
    ("Where did the Northridge cluster land in the Global Port Index?", "rank"),
    ("Where did the team come in the national league table?", "rank"),
    ("Where does the port stand in the world ranking?", "rank"),
    ("Where did the team finish in the survey?", "rank"),
    ("Where does the port stand?", "place"),  # no ranking: a place
    ("Where did the firms in the park come from?", "place"),
])
def test_where_did_it_land_in_a_ranking_asks_for_a_rank(question, answer_type):
    assert analyze(question).answer_type == answer_type


@pytest.mark.parametrize(("question", "answer_type"), [
    ("What is the port fund meant to do?", "purpose"),
    ("What are the grants supposed to achieve?", "purpose"),
    ("What qualities is the model said to be aiming for?", "purpose"),
    ("What was the chip designed to do?", "purpose"),
    ("What is the scheme aimed at?", "purpose"),
    ("Who designed the chip?", "person"),  # designed, not designed to
])
def test_meant_to_supposed_to_designed_to_aimed_at_ask_for_a_purpose(question, answer_type):
    assert analyze(question).answer_type == answer_type


def test_places_joined_by_dashes_in_an_english_question_name_a_group_not_constraints():
    """The Shenzhen-Hong Kong-Guangzhou cluster is the group (深港穗): a question about Hong Kong's part in it is
    constrained to Hong Kong only; a place with a dashed adjective (Shenzhen-based) or named alone stays."""
    from rag.question import entities_of

    def places(text: str) -> list[str]:
        return [e.text for e in entities_of(text) if e.kind == "place"]

    assert places("What job does Hong Kong do inside the Shenzhen-Hong Kong-Guangzhou cluster?") == ["香港"]
    assert places("What rank did the Shenzhen-Hong Kong-Guangzhou cluster reach?") == []
    assert places("How many Shenzhen-based firms moved in?") == ["深圳"]
    assert places("Did Shenzhen or Guangzhou lead?") == ["深圳", "廣州"]


def test_which_region_adjective_countries_asks_for_places_within_the_region():
    """Which European countries…? asks for places (answer type place), constrained to Europe (歐洲), as Which
    countries…? does; a place's adjective names the place (Asian -> 亞洲)."""
    from rag.question import answer_type_of

    assert answer_type_of("Which European countries have the teams worked with?") == "place"
    assert answer_type_of("Which countries have the teams worked with?") == "place"
    assert [e.text for e in entities_of("Which European countries?")] == ["歐洲"]
    assert [e.text for e in entities_of("How does it rank among Asian economies?")] == ["亞洲"]


def test_a_follow_up_with_no_word_of_its_own_takes_the_earlier_turns():
    q = analyze("用嚟做咩？", ["甲芯係咩架構？"])
    assert q.elliptical and "架構" in q.terms
    swap = analyze("深圳呢？", ["甲地初創企業有多少家？"])  # a place of its own: a swap, its own terms
    assert swap.terms == ("深圳",)


def test_english_words_in_a_chinese_question_take_the_page_s_chinese_word():
    from rag.question import gloss_latin
    from rag.zh import normalize

    def known(word):  # the page's words, in either script
        return normalize(word) in normalize("獅子山 芯片 基金 RISC-V")

    assert gloss_latin("那顆 Lion Rock 命名的 chip 用來做甚麼？", known) == "那顆獅子山命名的芯片用來做甚麼？"
    assert gloss_latin("RISC-V 架構係咩？", known) == "RISC-V 架構係咩？"  # the page writes it: kept
    assert gloss_latin("呢個 zorblax 係咩？", known) == "呢個 zorblax 係咩？"  # no rendering
    # a phrase the dictionary has (open source: 開源) that the page never writes is not glossed word by word
    assert gloss_latin("北嶺芯係咪 open source？", lambda w: normalize(w) in normalize("開展 策源地")) \
        == "北嶺芯係咪 open source？"
    assert gloss_latin("What is the Lion Rock chip?", known) == "What is the Lion Rock chip?"  # no Chinese
    assert analyze("那顆 Lion Rock chip 有甚麼用？", known=known).entities == analyze("那顆獅子山芯片有甚麼用？",
                                                                                  known=known).entities


def test_a_word_opening_on_a_classifier_keeps_it_and_the_article_s_view_is_no_term():
    q = analyze("報道認為本港憑甚麼條件吸引人才落腳？")
    assert q.focus.startswith("條件")  # 條 in 條件 is no classifier
    assert "認為" not in q.terms
    assert analyze("哪個機構發布了指數？").focus == "機構發布指數"


def test_a_follow_up_asking_a_new_thing_of_the_same_subject_drops_what_the_earlier_turn_asked():
    q = analyze("And how many start-ups?", ["How many state key laboratories does Hong Kong have?"])
    assert "laboratories" not in q.query and "laboratories" not in q.terms
    q = analyze("And how many in Shenzhen?", ["How many start-ups are there in Hong Kong?"])
    assert "start-ups" in q.query  # a place swapped: still the start-ups counted
    q = analyze("有咩用？", ["獅子山芯用咩架構？"])
    assert "架構" in q.query  # nothing of its own asked: the earlier words stay
    q = analyze("它基於甚麼架構？", ["獅子山芯是甚麼？"])
    assert "獅子山芯" in q.query  # not a count: the subject stays


def test_a_register_phrase_with_an_interrogative_is_replaced_when_the_page_writes_its_verb():
    from rag.question import news_register
    from rag.zh import normalize

    def known(word):
        return normalize(word) in normalize("香港擔任基礎研究的角色")

    assert news_register("香港負責甚麼？", known) == "香港擔任甚麼？"
    assert "那麼" not in analyze("點解河套咁重要？").terms


def test_round_14_question_readings():
    # a particle ending the first of two questions is dropped like a final one
    assert "㗎" not in standardize("個基金係咪為咗搵快錢㗎？佢主要想做咩？")
    from rag.question import news_register

    assert news_register("基金是否為了找快錢？") == "基金是否為了短期盈利？"
    assert news_register("文章把登頂歸功於哪些強項？") == "文章把登頂憑藉哪些優勢？"
    assert news_register("外界怎樣看待北嶺？") == "外界怎樣認知北嶺？"
    # an abstract thing's "where" asks what it is
    assert analyze("那顆晶片的突破在哪裡？").answer_type == "what"
    assert analyze("北嶺的優勢究竟在於哪裡？").answer_type == "what"
    assert analyze("北嶺園區在哪裡？").answer_type == "place"
    # what <noun> is X supposed to…: a thing, not a purpose
    assert analyze("What closed-loop model is the park supposed to make work?").answer_type == "what"
    assert analyze("What is the fund supposed to do?").answer_type == "purpose"
    assert analyze("In a nutshell, what does the fact box say?").intent == "overview"


@pytest.mark.parametrize(("question", "history", "part", "elliptical"), [
    ("And according to the explainer box?", ["Which sectors does the fund focus on?"], "explainer", True),
    ("What is the point of the park, as the sidebar sees it?", [], "sidebar", False),
    ("根據話你知，基金重點扶持哪些產業？", [], "explainer", False),
    ("咁話你知點講？", ["基金重點扶持哪些產業？"], "explainer", True),
    ("What is the title of the sidebar?", [], "", False),  # names the sidebar, takes nothing from it
])
def test_a_part_of_the_page_named_as_the_source(question, history, part, elliptical):
    q = analyze(question, history)
    assert (q.part, q.elliptical) == (part, elliptical)


@pytest.mark.parametrize(("question", "kept"), [
    ("請問創科產業引導基金的規模是多少？我做保險的，對這類基金的金額比較敏感。", "請問創科產業引導基金的規模是多少？"),
    ("Can you give me a quick rundown? I've been away for three years.", "Can you give me a quick rundown?"),
    # a sentence after the question that asks for something is part of the request
    ("「話你知」嗰格講咗啲咩？幫我總結下。", "「話你知」嗰格講咗啲咩？幫我總結下。"),
    # a remark before the question may hold its premise: kept
    ("我聽講香港排第三。係咪真㗎？", "我聽講香港排第三。係咪真㗎？"),
    ("香港有幾多間初創公司？", "香港有幾多間初創公司？"),
])
def test_a_remark_after_the_question_is_no_part_of_it(question, kept):
    assert analyze(question).text == kept


def test_a_kind_of_organisation_is_no_name_a_passage_must_hold():
    assert not [e for e in entities_of("被國家吸納進最高級別研究平台的本地研究所，數目是多少？") if e.kind == "org"]
    assert [e.text for e in entities_of("香港大學有幾多間實驗室？")] == ["香港大學"]
    assert "海外研究所" in [e.text for e in entities_of("海外研究所有幾多間入駐河套？")]


def test_round_17_question_readings():
    """The sixteenth writer's readings: the cities' literary names and Taiwan's 數位 in the page's register;
    哪幾個 + region + 國家 asks places; what the author hopes for is the article's content, not its byline."""
    from rag.question import answer_type_of, news_register

    assert news_register("鵬城和羊城的集群排第幾？") == "深圳和廣州的集群排第幾？"
    assert news_register("香港的數位競爭力排第幾？") == "香港的數碼競爭力排第幾？"
    assert news_register("各項資助措施照顧到哪些階段？") == "各項資助計劃覆蓋哪些階段？"
    assert answer_type_of("那顆晶片主要用在哪種設施上？") == "purpose"
    assert answer_type_of("跟哪幾個歐洲國家的研究單位合作？") == "place"
    assert answer_type_of("跟哪一個亞洲國家合作？") == "place"
    assert analyze("作者期望哪個範疇成為第三根支柱？").intent != "meta"
    assert analyze("What does the author hope Hong Kong becomes?").intent != "meta"
    assert analyze("這篇文章的作者是誰？").intent == "meta"
    assert analyze("Who is credited for the graphic on the page?").intent == "meta"


def test_a_follow_up_asking_how_another_thing_stands_is_the_earlier_question_of_it():
    """三期又如何？ / 深圳的情況又如何？ after a figure's question ask that figure of another thing: elliptical, the
    earlier turn's answer type and words; a longer question ending in 如何 asks its own."""
    from rag.question import without_how_about

    follow = analyze("三期又如何？", ["園區首期的入駐率是多少？"])
    assert follow.elliptical and follow.answer_type == "quantity"
    assert "入駐" in follow.terms and "如何" not in follow.terms
    assert is_elliptical("深圳的情況又如何？", ["香港有多少家初創企業？"])
    assert not is_elliptical("河套園區過去一年的發展情況如何？", ["香港有多少家初創企業？"])
    assert without_how_about("深圳又點？") == "深圳？"


def test_an_opening_that_sets_something_aside_does_not_type_the_question():
    """Besides the number of start-ups, which two groups…? asks for groups, not a count; 除了金融之外，… likewise."""
    from rag.question import answer_type_of

    assert answer_type_of("Besides the sheer number of young companies, which two groups does it draw in?") == "what"
    assert answer_type_of("How many start-ups are there?") == "quantity"
    assert answer_type_of("除了初創企業的數目之外，還吸引了哪兩類人？") == "what"


def test_round_17_probes_in_new_voices():
    """Latin particles of Malaysian Chinese and texting ask nothing (Eh…ah？, …lah？); 講下重點 asks for the main
    points; 幾奈米 asks a measure; GII is the Global Innovation Index."""
    from rag.question import answer_type_of, drop_particles, gloss_latin

    assert drop_particles("Eh 香港有几个国家重点实验室ah？") == "香港有几个国家重点实验室？"
    assert drop_particles("那个百亿基金主要投什么lah？") == "那个百亿基金主要投什么？"
    assert drop_particles("Is it RISC-V ah?") == "Is it RISC-V ah?"  # English is left as it is
    assert analyze("簡單講下重點").intent == "overview" and analyze("俾幾個要點我").intent == "overview"
    assert analyze("香港有哪些重點實驗室？").intent != "overview"
    assert answer_type_of("獅子山芯片是幾奈米製程？") == "quantity"
    from rag.zh import normalize

    assert gloss_latin("GII排第幾？", lambda w: normalize(w) in normalize("《全球創新指數》")) == "全球創新指數排第幾？"


def test_a_polite_request_around_an_english_question_is_the_question():
    """Could you kindly explain why X is…? asks why (not yes or no), in a question's order; Could you tell me if…?
    stays a yes/no question; How many…there are keeps its words."""
    from rag.question import drop_politeness

    assert drop_politeness("Could you kindly explain why the park is regarded as the core?") \
        == "why is the park regarded as the core?"
    assert drop_politeness("Can you explain what the guidance fund is for?") == "what is the guidance fund for?"
    assert drop_politeness("Could you tell me how many start-ups there are?") == "how many start-ups there are?"
    assert drop_politeness("Could you tell me if the chip is RISC-V?") == "Could you tell me if the chip is RISC-V?"
    assert analyze("Could you kindly explain why the park is regarded as the core?").intent != "yesno"
    assert analyze("Can you explain what the guidance fund is for?").answer_type == "purpose"
    assert not analyze("Can you explain what the guidance fund is for?").cantonese


def test_who_the_asker_heard_it_from_is_no_part_of_the_question():
    """我有個客話… / 我個客成日講… / 聽講…: where the claim came from; what follows is the question. 佢係做咩嘅
    asks what it is for."""
    from rag.question import answer_type_of, drop_hearsay

    assert drop_hearsay("我有個客話香港而家有成五千間初創，係咪真㗎？") == "香港而家有成五千間初創，係咪真㗎？"
    assert drop_hearsay("聽講河套啲樓面租咗八成，係咪呀？") == "河套啲樓面租咗八成，係咪呀？"
    assert drop_hearsay("香港有幾多間初創？") == "香港有幾多間初創？"
    assert drop_hearsay("客人問幾多間？") == "客人問幾多間？"  # too little would be left
    assert "客話" not in analyze("我有個客話香港有五千間初創，係咪真㗎？").terms
    assert answer_type_of("獅子山芯是做甚麼的？") == "purpose"


def test_formal_and_english_yes_no_openers():
    """報道有否提及…？ (formal written Chinese) and Am I right that…? ask yes or no."""
    assert analyze("請問報道有否提及香港有十五所國家重點實驗室？").intent == "yesno"
    assert analyze("Am I right that 60 percent of the firms are from overseas?").intent == "yesno"
    assert analyze("What am I right to expect?").intent != "yesno"


def test_round_17_summary_requests():
    """用幾句說說… / 一句話講晒篇文 / What has Hong Kong achieved…? / the highlights of the year ask for the page's
    summary."""
    assert analyze("用幾句說說香港創科這一年").intent == "overview"
    assert analyze("一句話講晒篇文").intent == "overview"
    assert analyze("In brief, what has Hong Kong achieved in innovation this year?").intent == "overview"
    assert analyze("這句話說明了甚麼？").intent != "overview"


def test_a_name_asked_in_so_many_words():
    """名稱是甚麼 / 叫咩名 / What is it called? ask a name; a question that only mentions a name (哪一國給該地區的
    名稱) does not. (The English alternative held backspace characters for \\b and never matched.)"""
    from rag.question import asks_name

    assert asks_name("個AI模型叫甚麼名？") and asks_name("What is it called?")
    assert not asks_name("荷屬蓋亞那是哪一國給蘇利南這地區的名稱？")


def test_round_18_question_readings():
    """The seventeenth writer's readings: 拎咗咩返嚟 (what was brought back), 好叻 (very strong), 係 before a Latin
    name (the segmenter joins 芯係); a weakness as 死穴, the mainland as 大陸, a role as 職能, the authorities as
    當局, what a ranking rests on as 依據的是; a claim with a question mark asks yes or no."""
    from rag.question import intent_of, news_register

    assert standardize("篇文話佢哋拎咗咩返嚟？") == "篇文話他們拿了甚麼回來？"
    assert standardize("搞科研好叻但係有條死穴") == "搞科研很強但是有條死穴"
    assert standardize("北嶺芯係ARM架構？") == "北嶺芯是ARM架構？"
    assert standardize("關係ABC") == "關係ABC"  # not Cantonese: 關係 keeps its 係
    assert news_register("篇文講的死穴是甚麼？") == "篇文講的短板是甚麼？"
    assert news_register("大陸過去的佔多少比例？") == "內地過去的佔多少比例？"
    assert news_register("本港承擔的是甚麼職能？") == "香港擔任的是甚麼角色？"
    assert news_register("當局作出了甚麼調整？") == "特區政府作出了甚麼優化？"
    assert news_register("之所以稱冠，依據的是哪幾方面的表現？").endswith("憑藉哪幾方面的表現？")
    assert news_register("香港的初創企業很多", known=lambda w: w in {"大陸", "內地"}) == "香港的初創企業很多"
    assert intent_of("北嶺芯是ARM架構？") == "yesno"
    assert intent_of("北嶺芯是甚麼架構？") != "yesno"
    assert intent_of("漿糊使用煮熟的米作為材料是因為？") != "yesno"  # DRCD: a cause asked, not a claim
    assert intent_of("主要批判點和生產者還是消費者有關?") != "yesno"  # a choice of two


def test_round_18_more_readings():
    """專家覺得…接下來…尖端方向 in the page's register (專家們認為, 未來, 前沿); 吸引…的條件包括哪些 asks what draws
    them (a cause); a greeting or a hedge opening an English question asks nothing; the big picture is a summary."""
    from rag.question import answer_type_of, drop_opener, intent_of, news_register

    assert news_register("專家覺得北嶺接下來應該往哪些尖端方向去拚？") == "專家認為北嶺未來應該往哪些前沿方向去拚？"
    assert news_register("主打甚麼賣點？") == "追求甚麼？"  # two words for one: 追求 once
    assert answer_type_of("北嶺吸引海外科技人才的條件包括哪些？") == "why"
    assert answer_type_of("北嶺有哪些條件？") != "why"
    assert drop_opener("G'day — where did the cluster land in the index?") == "where did the cluster land in the index?"
    assert drop_opener("In plain terms, what is the fund for?") == "what is the fund for?"
    assert drop_opener("Hi there, how many labs?") == "how many labs?"
    assert drop_opener("Highlights of the year?") == "Highlights of the year?"  # no greeting: kept whole
    assert analyze("G'day — where did the cluster land?").text == "where did the cluster land?"
    assert intent_of("In plain terms, what's the big picture of Hong Kong's tech year according to this piece?") \
        == "overview"


def test_chat_english_is_written_out_and_its_requests_and_closers_dropped():
    """The eighteenth writer's readers: old-fashioned requests (Kindly let me know…, May I know…), lowercase chat
    with its closers and short forms (whats…, hk uni labs, …lol); Hong Kong's districts and landmarks are places a
    question can name (港珠澳大橋, 天水圍, Tai Po)."""
    from rag.question import drop_opener, drop_politeness

    assert drop_opener("Kindly let me know the size of the guidance fund.") == "the size of the guidance fund."
    assert drop_opener("May I know the size of the fund?") == "the size of the fund?"
    assert drop_opener("Kindly tell me why the Loop matters.") == "Kindly tell me why the Loop matters."
    assert drop_politeness("May I know what the chip is used for?") == "what is the chip used for?"
    assert drop_opener("how big is the fund lol") == "how big is the fund"
    assert drop_opener("whats the lion rock chip for pls?") == "what's the lion rock chip for?"
    assert drop_opener("what does the loop do for hk uni labs") == "what does the loop do for Hong Kong university labs"
    assert drop_opener("the HK$10bn fund") == "the HK$10bn fund"  # a unit written into a figure stays
    assert drop_opener("what is hk's rank") == "what is Hong Kong's rank"
    assert drop_opener("The 'Hong Kong R&D' idea: how?") == "The 'Hong Kong R&D' idea: how?"  # R&D is no "are"
    assert drop_opener("what r the U.S. firms") == "what are the U.S. firms"
    assert drop_opener("香港有幾多間初創 lol") == "香港有幾多間初創 lol"  # Chinese: the particles' rule, not this
    assert [e.text for e in entities_of("港珠澳大橋對香港創科有甚麼幫助？")][:1] == ["港珠澳大橋"]
    assert [e.text for e in entities_of("天水圍有冇創科設施？")] == ["天水圍"]
    assert [e.text for e in entities_of("Is there a lab in Tai Po?")] == ["大埔"]
    assert not entities_of("What is the central government's support?")


def test_round_18_probe_readings():
    """The author's view (作者對…的前景有何看法, 作者點睇…) is the page's content, not its byline; the ranking of X
    asks a rank; Would you be so kind as to tell me how many…? asks how many, not yes or no."""
    from rag.question import answer_type_of, drop_politeness, intent_of

    assert intent_of(analyze("請問本文作者對北嶺創科的前景有何看法？").standard) != "meta"
    assert intent_of(analyze("作者點睇北嶺創科嘅前景？").standard) != "meta"
    assert intent_of(analyze("作者是誰？").standard) == "meta"
    assert answer_type_of("the ranking of Hong Kong in digital competitiveness?") == "rank"
    assert answer_type_of("How did Hong Kong do on the technology sub-ranking?") == "rank"
    polite = drop_politeness("Would you be so kind as to tell me how many labs Hong Kong has?")
    assert polite.startswith("how many") and intent_of(polite) != "yesno"


def test_round_18_english_types():
    """What is the article mainly about? asks for a summary; the total floor space is a quantity; why a fund was
    set up asks what it is for, why a park matters asks why."""
    from rag.question import answer_type_of, intent_of

    assert intent_of("What is the article mainly about?") == "overview"
    assert answer_type_of("What is the total innovation floor space after the park's expansion?") == "quantity"
    assert answer_type_of("Why did the government set up the guidance fund?") == "purpose"
    assert answer_type_of("Why was the Loop park set up?") == "why"
    assert answer_type_of("Why is the Loop important?") == "why"


def test_round_18_summary_requests():
    """Summaries asked in the new voices: 可唔可以簡單講下篇文, 請扼要說明本文內容, 文章講了哪些方面的成就, key facts,
    what the article says in short, I don't have time to read it — what does it say?"""
    from rag.question import intent_of

    for text in ("可唔可以簡單講下篇文？", "請扼要說明本文內容。", "文章讲了香港创科哪些方面的成就？",
                 "Can you give me the key facts from this article?", "tell me what the article says in short",
                 "I don't have time to read it — what does it say?"):
        assert intent_of(analyze(text).standard) == "overview", text
    assert intent_of(analyze("What does it say about the fund?").standard) != "overview"
    assert intent_of(analyze("北嶺在哪個方面排第一？").standard) != "overview"


def test_round_19_readings():
    """賣點 / 重點 keep their 點 (not how); 第一次 and 學者 in the page's words (首次, 專家); 攞冠軍 tops a ranking; a
    topic-shift opener (Separately —, Anyway,) asks nothing and starts a question of its own."""
    from rag.question import news_register

    assert standardize("北嶺芯有咩賣點？") == "北嶺芯有甚麼賣點？"
    assert standardize("呢篇文有咩重點？") == "這篇文有甚麼重點？"
    assert standardize("北嶺要點樣做？") == "北嶺要怎樣做？"  # 點樣 is still how
    assert news_register("這是不是第一次？") == "這是不是首次？"
    assert news_register("依學者看法，應攻克哪些範疇？").startswith("依專家認知")
    assert news_register("集群是不是首次拿冠軍？") == "集群是不是首次登頂？"
    assert news_register("集群是不是衛冕冠軍？") == "集群是不是衛冕冠軍？"  # defending a title is no first time
    assert news_register("這是不是第一次？", known=lambda w: w in {"第一次", "首次"}) == "這是不是第一次？"
    q = analyze("Separately — which new tech town does the article name?", ["What rank did the cluster reach?"])
    assert not q.elliptical and q.standard == "which new tech town does the article name?"
    assert analyze("Anyway, what is the chip?").standard == "what is the chip?"
    assert analyze("Separate labs: how many?").standard == "Separate labs: how many?"


def test_round_19_formal_english_requests():
    """The trainee solicitor's requests: Please advise whether… asks the claim; Could you specify which… asks which
    (not yes or no); To what does the article attribute… asks why; Kindly outline the principal achievements… is
    a summary."""
    from rag.question import answer_type_of

    advise = analyze("Please advise whether the fund invests in robotics.")
    assert advise.intent == "yesno" and "advise" not in advise.terms
    specify = analyze("Could you specify which ranking placed Hong Kong fourth?")
    assert specify.intent != "yesno" and specify.standard.startswith("which ranking")
    assert answer_type_of("To what does the article attribute the cluster's top ranking?") == "why"
    assert analyze("Kindly outline the principal achievements described in the article.").intent == "overview"
    # a choice between two is no yes/no question (mentioning either still is)
    assert analyze("did startups go up or down").intent != "yesno"
    assert analyze("is the lion rock chip made in china or hk").intent != "yesno"
    assert analyze("Is the fund worth HK$10 billion or more?").intent == "yesno"
    assert analyze("Is the first phase fully occupied or not?").intent == "yesno"
    assert analyze("Does the article mention Macau or Zhuhai?").intent == "yesno"
