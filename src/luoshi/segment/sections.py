"""Fill a part with its sections and paragraphs, row by row."""

from __future__ import annotations

from luoshi.document import Part, Section
from luoshi.segment.headings import section_heading, subheading
from luoshi.segment.paragraphs import continues, make_paragraph

Row = tuple[int, int]


class SectionFiller:
    """Walks a part's rows: (一) and 一、 headings open sections, short lines set themes, the rest
    are paragraphs. (Part headings are not among the rows, so a 一、 line here is a section.)"""

    def __init__(self, text: str, part: Part) -> None:
        self.text = text
        self.part = part
        self.section: Section | None = None
        self.theme: str | None = None
        self.open: Row | None = None  # the paragraph being read
        self.last: Row | None = None  # its last row

    def fill(self, rows: list[Row]) -> None:
        for row in rows:
            self._row(*row)
        self._close()

    def _row(self, s: int, e: int) -> None:
        line = self.text[s:e]
        head = section_heading(line, dun_is_section=True)
        if self.open and self.last and head is None and continues(self._last_line(), line):
            self.open, self.last = (self.open[0], e), (s, e)
            return
        self._close()
        if head is not None:
            number, title, head_end = head
            self.section = Section(number, title, s, e)
            self.part.sections.append(self.section)
            self.part.end = max(self.part.end, e)
            self.theme = None
            rest = s + head_end
            while rest < e and self.text[rest].isspace():
                rest += 1
            if rest < e:
                self.open, self.last = (rest, e), (s, e)
            return
        if (theme := subheading(line)) is not None:
            self.theme = theme
            return
        self.open, self.last = (s, e), (s, e)

    def _last_line(self) -> str:
        return self.text[self.last[0] : self.last[1]] if self.last else ""

    def _close(self) -> None:
        if self.open is None:
            return
        start, end = self.open
        self.open = self.last = None
        if self.section is None:
            self.section = Section(0, "", start, end)
            self.part.sections.append(self.section)
        self.section.paragraphs.append(make_paragraph(self.text, start, end, self.theme))
        self.section.end = max(self.section.end, end)
        self.part.end = max(self.part.end, end)
