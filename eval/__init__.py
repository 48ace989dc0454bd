"""Evaluation harness: the article QA set (``eval.run``), DRCD (``eval.drcd``) and benchmarks (``eval.bench``)."""
