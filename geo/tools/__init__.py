"""The benchmark, synthetic corpora and the load test; nothing in the product imports them."""
