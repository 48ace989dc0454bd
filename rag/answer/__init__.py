"""The extractive answerer: the best evidence sentence, its short span, whether it answers, and the answer
forms (fact, yes/no, overview, the article's byline, a part of the page, refusal), each cited."""

from __future__ import annotations

from .answerer import ExtractiveAnswerer, answers, reads_more
from .checks import Checks, evidence_checks, implicit_subjects, other_entity, p_answerable
from .compose import compose, english_short
from .extract import Extraction, extract
from .forms import meta_answer, overview, refusal, yes_no_answer
from .listing import compose_listing, page_part_listing
from .paraphrase import ParaphraseCheck, paraphrase_for

__all__ = [
    "Checks", "ExtractiveAnswerer", "Extraction", "answers", "compose", "compose_listing", "english_short",
    "evidence_checks", "extract", "implicit_subjects", "meta_answer", "other_entity", "overview", "p_answerable",
    "page_part_listing", "ParaphraseCheck", "paraphrase_for", "reads_more", "refusal", "yes_no_answer",
]
