"""One-off measurements behind a decision (which encoder, which weight); each writes JSON and a markdown report."""
