"""Places (平定县, 高新区) and bodies (华阳集团, 市发展改革委) named in a clause."""

from __future__ import annotations


def entities_in(text: str) -> tuple[list[str], list[str]]:
    """(places, bodies) named in ``text``, in order of first mention, without duplicates."""
    return [], []
