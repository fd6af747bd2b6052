"""luoshi (落实): turn a Chinese government work report into a closed-loop implementation ledger."""

__version__ = "0.1.0"
