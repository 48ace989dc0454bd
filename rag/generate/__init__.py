"""The generative answerer, beside the extractive one: an LLM writes from the same numbered passages (prompt),
behind a deadline, a length cap and a circuit breaker (generators), and every [n] it writes is checked against
its passage afterwards (verify)."""
