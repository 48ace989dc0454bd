"""50 users at once: separate gradio_client clients on loopback, mixed questions, every answer right."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

QUESTIONS = [
    ("香港有多少家初創企業？", [], "4700", False),
    ("香港有多少家初创企业？", [], "4700", False),
    ("How many start-ups does Hong Kong have?", [], "4700", False),
    ("獅子山芯是基於甚麼架構的芯片？", [], "RISC-V", False),
    ("那二期呢？規模擴大了多少？", ["河套香港園區首期入駐率是多少？"], "七成", False),
    ("HKGAI V3 大模型有多少個參數？", [], "沒有提到", True),
]


@pytest.mark.slow
def test_fifty_concurrent_clients(app_url):
    from gradio_client import Client

    def ask(i: int) -> tuple[int, dict, float]:
        question, history, expected, refused = QUESTIONS[i % len(QUESTIONS)]
        # /info is computed per request and is slow while 50 clients connect at once on 2 cores
        client = Client(app_url, verbose=False, httpx_kwargs={"timeout": 120})
        t0 = time.perf_counter()
        result = client.predict(question, history, api_name="/chat")
        return i, result, time.perf_counter() - t0

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(ask, range(50), timeout=300))
    assert len(results) == 50
    for i, result, _ in results:
        _, _, expected, refused = QUESTIONS[i % len(QUESTIONS)]
        assert expected in result["answer"], (i, result["answer"])
        assert result["refused"] is refused
        if not refused:
            assert result["citations"] and expected in " ".join(c["text"] for c in result["citations"])
