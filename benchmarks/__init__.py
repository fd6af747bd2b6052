"""luoshi's speed benchmarks: ``make bench`` (``python -m benchmarks``); method in docs/benchmarks.md."""
