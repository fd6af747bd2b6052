"""A minimal PDF writer for tests: real text layers in any BMP script, no font files needed.

Glyphs use a Type0 font with Identity-H encoding whose CIDs are the Unicode code points, and a
ToUnicode CMap maps them back — exactly what a text extractor reads. (This machine has no CJK
font to embed; viewers would show boxes, but the text layer is real.)
"""

from __future__ import annotations


def _cmap(chars: list[str]) -> bytes:
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for i in range(0, len(chars), 100):
        block = chars[i : i + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines += [f"<{ord(c):04X}> <{ord(c):04X}>" for c in block]
        lines.append("endbfchar")
    lines += ["endcmap CMapName currentdict /CMap defineresource pop end end"]
    return "\n".join(lines).encode("ascii")


def _content(lines: list[str]) -> bytes:
    ops = ["BT", "/F1 12 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        ops.append("<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*")
    ops.append("ET")
    return "\n".join(ops).encode("ascii")


def make_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages hold the given lines of text (an empty page has no text layer)."""
    chars = sorted({c for page in pages for line in page for c in line})
    n = len(pages)
    # objects: 1 catalog, 2 pages, 3 font, 4 descendant, 5 cmap, then (page, content) pairs
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{6 + 2 * i} 0 R".encode() for i in range(n))
        + f"] /Count {n} >>".encode(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H "
        b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        _stream(_cmap(chars)),
    ]
    for i, page in enumerate(pages):
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {7 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objs.append(_stream(_content(page)))
    return _assemble(objs)


def _stream(data: bytes) -> bytes:
    return f"<< /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream"


def _assemble(objs: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
