"""The extractive answerer: the page-wide forms first, else the best evidence sentence of the passages, kept
as the answer only when the evidence checks say it answers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from .. import tuning
from ..chunking import chunk_context
from ..crosslingual import (
    is_stopword,
    named_otherwise,
    page_renderings,
    phrase_glosses,
    unknown_names,
    unrendered_words,
)
from ..evidence import SPAN_PATTERNS, clauses, score_sentences
from ..index import HybridIndex, all_sentences
from ..question import Question, entities_of, three_cities_as_cluster
from ..types import Answer, Hit
from ..zh import figures, is_latin, normalize
from .checks import (
    ABROAD_RE,
    MADE_RE,
    Checks,
    alone_elsewhere,
    claim_beside_sentence,
    claim_off_page,
    clashing_phase,
    clashing_place,
    clashing_sub_index,
    clashing_time,
    clashing_top,
    counted_elsewhere,
    evidence_checks,
    implicit_subjects,
    listed_otherwise,
    lost_subject,
    missing_ranks,
    other_entity,
    other_name,
    p_answerable,
    phases_of,
    placed_at_home,
    rate_elsewhere,
    role_stated,
    subject_places,
    unit_elsewhere,
    unknown_years,
)
from .compose import compose
from .extract import extract, listed_count, lists_fewer
from .forms import (
    asks_mention,
    mentioned_part,
    meta_answer,
    not_mentioned,
    overview,
    overview_topic,
    part_asked,
    refusal,
    section_heading,
    topic_overview,
    yes_no_answer,
)
from .listing import compose_listing, page_part_listing
from .paraphrase import OFF, ParaphraseCheck

SentenceSims = Callable[[list[str]], np.ndarray]
# ARM, RISC-V, HKGAI, V3: two capitals or digits
_ACRONYM_RE = re.compile(r"[A-Z0-9][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*")
# QS, MSCI, HKEX: capitals (and digits) only, so a hyphenated name (Shenzhen-Hong) is not one
_ABBREVIATION_RE = re.compile(r"[A-Z][A-Z0-9-]*[A-Z0-9]")
_CURRENCY_RE = re.compile(r"\b[A-Z]{1,3}\$")  # HK$, US$: a currency, not a name


# (文章是否形容…: how the article puts it frames the claim)
_SAID_RE = re.compile(r"(?:說|说|講|讲|提|談|谈)(?:過|过|到|及)?|形容|描述|描繪|描绘|稱為|称为")


# nouns that name no thing a claim could get wrong (解決融資問題, 有沒有機會成為…): the page's 難題 / 痛點 answer the
# first, its 支持香港建設 the second; a claim's 手機 or 量子電腦 is what it may get wrong
_GENERIC_NOUNS = frozenset(normalize(w) for w in ("問題", "機會", "情況", "事情", "東西", "方面", "地方", "辦法",
                                                  "方法",
                                                  # 係咪文章嘅講法: what the article says, not a thing claimed
                                                  "講法", "說法", "看法", "觀點", "意思",
                                                  # verbs of being somewhere: 正處於新階段 against 立足新階段
                                                  "處於", "位於", "身處"))


def claim_unknowns(q: Question, corpus: str) -> list[str]:
    """The words of a yes/no question's claim the article never uses (``corpus``, normalised): a Chinese
    question's words; an English question's acronyms (ARM) and capitalised names holding a word nothing on the
    page stands for (published by the World Economic Forum, where the page says 世界知識產權組織)."""
    if not q.english:  # (說過 / 講過 frame the claim: 專家有沒有說過要發展低空經濟 claims 低空經濟; 用RISC-V架構設計:
        # how it was made says nothing against what it is made on)
        return [w for w in q.terms if normalize(w) not in corpus and not _SAID_RE.fullmatch(w)
                and not MADE_RE.fullmatch(w) and normalize(w) not in _GENERIC_NOUNS]
    acronyms = [w for w in q.terms if _ACRONYM_RE.fullmatch(w) and normalize(w) not in corpus
                and not page_renderings(w.lower(), corpus)]  # SAR: 特區, on the page
    # a thing the dictionary knows and the page never names: designed for smartphones (智能手機)
    found = [*acronyms, *unknown_names(q.text, corpus), *unknown_compounds(q.text, corpus)]
    named = " ".join(found).lower().split()  # (forum of the World Economic Forum is no thing of its own)
    things = [w for w in unrendered_words(q.text, corpus)
              if phrase_glosses(w) and not MADE_RE.search(w) and w.lower() not in named]
    return list(dict.fromkeys([*found, *things]))


def unknown_compounds(question: str, corpus: str) -> list[str]:
    """The Chinese compounds CC-CEDICT gives for two adjacent words of an English claim (central government ->
    中央政府) that the page never writes, in none of their renderings: a claim about a thing the page names
    otherwise (特區政府). Only compounds, whose head the page may well hold with another modifier."""
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", question)
    out = []
    for a, b in zip(words, words[1:]):
        found = phrase_glosses(f"{a} {b}") if not (is_stopword(a) or is_stopword(b)) else ()
        if found and not any(normalize(z) in corpus for z in found) and not named_otherwise(found[0], a, corpus):
            out.append(found[0])
    return out



def unknown_abbreviations(question: str, corpus: str) -> list[str]:
    """The abbreviations of an English question that the article (``corpus``, normalised) never writes: "Which
    university ranks highest in the QS World University Rankings?" -> ["QS"]. A figure the page gives for
    another ranking or body does not answer a question about one it never names."""
    words = re.findall(r"[A-Za-z0-9][A-Za-z0-9-]*", _CURRENCY_RE.sub(" ", question))
    # (SAR, WIPO: the page writes them in Chinese, 特區, 世界知識產權組織)
    return [w for w in dict.fromkeys(words) if _ABBREVIATION_RE.fullmatch(w) and normalize(w) not in corpus
            and not page_renderings(w, corpus)]


def answers(q: Question, checks: Checks, p: float) -> bool:
    """The decision. Two checks are rules: every entity the question names is in the evidence, and a question
    asking for a quantity, time, rank or person has a span of it there. The rest weigh in through the fitted
    model. English questions reach Chinese sentences only through CC-CEDICT renderings and DRCD has none to fit
    on: they keep two thresholds, and a question most of whose words the article renders nowhere is off the
    page whatever its few rendered words match (licensing stablecoin issuers: only 政府 is there)."""
    if not checks.entities or not checks.typed:
        return False
    if q.english:
        if checks.known < tuning.MIN_CROSS_KNOWN:
            return False
        return checks.coverage >= tuning.MIN_CROSS_COVERAGE or checks.similarity >= tuning.MIN_CROSS_SIM
    return p >= tuning.ANSWERABILITY_THRESHOLD


def reads_more(q: Question, passages: Sequence[Hit]) -> bool:
    """Whether the answer is looked for in ``tuning.REASON_POOL`` times as many passages as ``passages``: for a
    why / what-for question (the reason may sit apart from the premise's words), and for an English question
    constrained to a place that no sentence of ``passages`` names with an answer of the asked type (What
    share of the park's companies came from the mainland?: its words match the park's many sentences, and
    the one that gives 六成…來自內地 ranks below them)."""
    if q.answer_type in tuning.REASON_TYPES:
        return True
    places = [normalize(e.text) for e in q.entities if e.kind == "place"]
    if not q.english or not places:
        return False
    pattern = SPAN_PATTERNS.get(q.answer_type) if q.answer_type in tuning.FIGURE_TYPES else None
    sentences = [normalize(t) for t in all_sentences([h.chunk for h in passages])]
    return not any(all(p in t for p in places) and (pattern is None or pattern.search(t)) for t in sentences)


class ExtractiveAnswerer:
    """Answers from an index's passages, never writing a claim the article does not contain."""

    def __init__(self, index: HybridIndex, term_weight: Callable[[str], float],
                 paraphrase: ParaphraseCheck | None = None) -> None:
        self.chunks = index.chunks
        self.paraphrase = paraphrase or ParaphraseCheck(OFF)
        self.term_weight = term_weight
        titles = {d.get("id"): d.get("title", "") for d in index.manifest.get("documents", []) if isinstance(d, dict)}
        self.subjects = implicit_subjects(index.chunks, titles)
        self.corpus = normalize("\n".join(c.text for c in index.chunks))
        self.next_chunk = {a.id: b for a, b in zip(index.chunks, index.chunks[1:]) if a.doc_id == b.doc_id}

    def paraphrased(self, q: Question, checks: Checks, passages: Sequence[Hit], facts: dict) -> bool:
        """Whether a Chinese question the rules pass, and the word checks would refuse, reads as a paraphrase of
        a sentence of its passages (``paraphrase.py``); records the similarity in ``facts``."""
        if q.english or not checks.entities or not checks.typed or not self.paraphrase.enabled:
            return False
        sentences = [t for t in all_sentences([h.chunk for h in passages]) if len(t) > tuning.PARAPHRASE_MIN_CHARS]
        sim = self.paraphrase.closest(q.text, sentences)
        clustered = three_cities_as_cluster(q.text)
        if clustered != q.text:  # 鵬城、香江與羊城三地組成的科技群落 is the page's 深港穗集群
            sim = max(sim, self.paraphrase.closest(clustered, sentences))
        facts["paraphrase"] = round(sim, 4)
        return sim >= tuning.PARAPHRASE_SIM

    def whole_page(self, q: Question) -> Answer | None:
        """Questions about the page as a whole: a part's items, an overview, the article's byline."""
        part, items = page_part_listing(q.standard, self.chunks)
        if items:  # 事實欄列出了哪八個項目: the part's items, which no single passage holds, each cited
            return compose_listing(q, part, items)
        if q.intent == "overview" and (part_asked(q, self.chunks)[1] or not self.overview_topic(q)):
            return overview(q, self.chunks)  # (a summary of one topic reads the passages retrieved for it)
        if q.intent == "meta":
            return meta_answer(q, self.chunks)
        return None

    def overview_topic(self, q: Question) -> tuple[str, ...]:
        """The words of the topic a summary request narrows to; ``()`` for the whole page's summary."""
        return overview_topic(q, self.knows, lambda word: page_renderings(word, self.corpus))

    def holds(self, term: str, text: str) -> bool:
        """Whether ``text`` holds a question term (an English one through the page's renderings of it)."""
        forms = page_renderings(term, self.corpus) if is_latin(term) else (term,)
        return any(normalize(f) in normalize(text) for f in forms)

    def knows(self, word: str) -> bool:
        """Whether the documents use ``word`` (in either script)."""
        return normalize(word) in self.corpus

    def with_followers(self, passages: Sequence[Hit]) -> list[Hit]:
        """The passages, then the passage that follows each on its page (same document and section), ranked
        after them."""
        have = {h.chunk.id for h in passages}
        out = list(passages)
        for hit in passages:
            nxt = self.next_chunk.get(hit.chunk.id)
            if nxt is not None and nxt.id not in have and nxt.section == hit.chunk.section:
                have.add(nxt.id)
                out.append(Hit(chunk=nxt, score=0.0, rank=len(out) + 1, signals={"follows": hit.rank}))
        return out

    def answer(self, q: Question, passages: Sequence[Hit], sims: SentenceSims, *, terms: str,
               groups: Sequence[tuple[str, ...]] = (), own: Sequence[tuple[str, ...]] = ()) -> Answer:
        """``terms``: what the evidence must cover (an English question's Chinese renderings); ``groups``: for
        an English question, the renderings of each of its terms; ``own``: of a follow-up's own terms."""
        heading = section_heading(q, passages, self.chunks)
        if heading is not None:  # 講實驗室那一段的小標題: the section's heading, not a sentence of it
            return heading
        if q.answer_type in tuning.REASON_TYPES:
            passages = self.with_followers(passages)  # the reason may open the paragraph after the premise
        if q.intent == "overview":  # 總結河套香港園區的角色和成績: what the page says of it, sentence by sentence
            scored = score_sentences(terms, passages, "what", sims, focus=q.standard, cross_lingual=q.english,
                                     weight=self.term_weight, groups=groups, names=q.names)
            summary = topic_overview(q, self.overview_topic(q), self.chunks, passages, scored, self.holds)
            if summary is not None:
                return summary
        if own and (phases_of(q.text) or not all(self.knows(e.text) for e in entities_of(q.text))):
            own = ()  # What about phase three? / And Japan?: the earlier turn's words decide, and the checks refuse
        extraction = extract(terms, passages, dense_sims=sims, focus=q.standard, cross_lingual=q.english,
                             weight=self.term_weight, groups=groups, qtype=q.answer_type, names=q.names,
                             own_groups=own, earlier=q.history[-1] if q.elliptical and q.history else "")
        if not extraction.sentences:
            return refusal(q, passages, None)
        best = extraction.sentences[0]
        hit = passages[best.hit_index]
        checks, missing = evidence_checks(
            q, best.text, f"{extraction.premise} {chunk_context(hit.chunk)}", hit.chunk, coverage=best.coverage,
            typed=best.typed, similarity=best.sim, subjects=self.subjects.get(hit.chunk.doc_id, set()),
            weight=self.term_weight, corpus=self.corpus)
        borrowed = not missing and q.answer_type in tuning.FIGURE_TYPES  # a figure, not a place or a slogan, is asked
        subjects = self.subjects.get(hit.chunk.doc_id, set())
        clash = [] if not borrowed else clashing_place(q.entities, best.text, extraction.short,
                                                       subject_places(subjects) if q.english else subjects)
        if clash:
            checks, missing = replace(checks, entities=0.0), clash
        elif (borrowed or (q.english and not missing)) and clashing_phase(q.standard, best.text, extraction.short):
            # 首期's figure does not answer a question about 二期; in English (where "the first-phase occupancy"
            # reads as a what-question) nothing said of 首期 answers "What about phase three?"
            checks = replace(checks, entities=0.0)
        elif borrowed and not q.english and clashing_sub_index(q.standard, best.text):
            checks = replace(checks, entities=0.0)  # 人才單項 against 科技單項實力全球第三: another sub-index
        elif borrowed and alone_elsewhere(q, best.text, extraction.short):
            checks = replace(checks, entities=0.0)  # on its own: the cluster's 全球第一 is not Hong Kong's
        elif borrowed and rate_elsewhere(q, best.text, extraction.short):
            checks = replace(checks, typed=0.0)  # 二期擴容七成 is no 入駐率
        elif borrowed and (counted_elsewhere(q, best.text, extraction.short, self.corpus)
                           or unit_elsewhere(q, extraction.short)):
            checks = replace(checks, typed=0.0)  # 三座 (cities) is no count of start-ups
        elif not missing and clashing_top(q.standard, best.text):
            checks = replace(checks, entities=0.0)  # the world's top 50 is not answered by 百強
        elif borrowed and q.english and clashing_time(q.text, best.text):
            checks = replace(checks, entities=0.0)  # the rank now does not answer what it was three years ago
        elif not missing and lists_fewer(best.text, listed_count(q.text)):
            checks = replace(checks, typed=0.0)  # Which five universities…? against 五所世界百強高校: no names
        elif lost_subject(q, f"{best.text} {extraction.premise} {chunk_context(hit.chunk)}"):
            checks = replace(checks, entities=0.0)  # 邊個管理？ after the fund's question: not the chip's 管理
        elif unknown_years(q.text, self.corpus):
            checks = replace(checks, entities=0.0)  # 2020's rank: the page gives this year's only
        elif q.english and q.intent != "yesno" and (unknown_abbreviations(q.text, self.corpus)
                                                    or unknown_names(q.text, self.corpus)):
            checks = replace(checks, entities=0.0)  # the QS ranking, the Hang Seng Index: not on the page
        p = p_answerable(checks)
        facts = {**checks.as_dict(), "p_answerable": round(p, 4)}
        # 係咪基於ARM架構？ against 基於RISC-V架構, 在深圳研發的吧？ against 本土孵化: no, not unknown
        # 排第二，啱唔啱？ against 全球第一: no
        ranked_otherwise = not missing and bool(missing_ranks(q, best.text)) and bool(
            SPAN_PATTERNS["rank"].search(best.text))
        contradicted = (other_name(missing, best.text, q.standard) or placed_at_home(q, missing, best.text)
                        or ranked_otherwise or listed_otherwise(q, missing, best.text))
        if q.intent == "yesno" and contradicted and answers(q, replace(checks, entities=1.0), p):
            # developed outside Hong Kong, against 本土孵化: the claim's abroad is what the page does not say
            unknown = [e.text for e in missing] or [m.group() for m in [ABROAD_RE.search(q.text)] if m]
            return yes_no_answer(q, passages, best, facts, unknown=unknown)
        if not answers(q, checks, p) and not self.paraphrased(q, checks, passages, facts) \
                and not (checks.entities and checks.typed and role_stated(q, best.text)):
            if asks_mention(q):  # 文章有沒有提到通脹？ is answered no, not refused
                return not_mentioned(q, passages, best, facts)
            other = other_entity(missing, best.text, extraction.short)
            if any(e.text == other for e in q.entities):
                other = ""  # 香港 in 香港高校實驗室…借助河套: a place the question names is not what it swapped in
            if other in subjects and any(normalize(f"{e.text}{other}") in self.corpus for e in missing):
                other = ""  # 河套's firms cover 香港優勢賽道: the page's subject holds the place (河套香港園區)
            if other and len(extraction.short.replace(other, "")) <= tuning.NAME_ONLY_CHARS:
                other = ""  # 香港 / 大量香港: a name, not what the page gives for it
            if q.answer_type in tuning.FIGURE_TYPES and not SPAN_PATTERNS[q.answer_type].search(extraction.short):
                other = ""  # a figure was asked: what the other place has must be one (not 四月舉行的創科展)
            asked = next((e.text for e in missing if e.kind == "place"), "")
            short = extraction.short if other else ""
            if other and q.intent == "yesno":  # 深圳有4700家初創企業嗎？: what the page says of 香港, the clause
                claimed = next((f for f in figures(q.standard) if f in figures(best.text)), "")
                short = next((c.strip() for c in clauses(best.text) if claimed and claimed in figures(c)), "")
                other = other if short else ""
            return refusal(q, passages, best, other=other, short=short, checks=facts, asked=asked)
        if q.intent == "yesno" and q.english and \
                len(unrendered_words(q.text, self.corpus)) >= tuning.CLAIM_UNRENDERED_MAX:
            return refusal(q, passages, best, checks=facts)  # approved new drugs under a registration mechanism?
        if q.intent == "yesno":
            unknown = claim_unknowns(q, self.corpus)
            if asks_mention(q) and any(w in mentioned_part(q) for w in unknown):
                return not_mentioned(q, passages, best, facts)  # 有沒有說過…量子電腦: never named, never said
            if claim_off_page(q, self.corpus) or claim_beside_sentence(q, unknown, best.text):
                # 香港的樓價是不是跌了 / 香港今年有冇主辦電競世界賽: not a no, the page never says
                return refusal(q, passages, best, checks=facts)
            return yes_no_answer(q, passages, best, facts, unknown=unknown)
        answer = compose(q, passages, extraction, kind="list" if q.intent == "list" else "fact")
        return Answer(**{**answer.__dict__, "checks": facts})
