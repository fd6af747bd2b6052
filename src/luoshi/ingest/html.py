"""Visible text of a web page: the main content block, paragraphs kept, page furniture dropped."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator
from typing import Any

# Elements that never hold report text.
_DROP_TAGS = (  # rt/rp: pinyin over characters (<ruby>現<rp>(</rp><rt>xiàn</rt><rp>)</rp></ruby>)
    "script, style, noscript, template, svg, canvas, iframe, object, embed, head, nav, header, "
    "footer, aside, form, button, select, input, textarea, audio, video, map, rt, rp"
)
# class/id words of share widgets, font-size switches, print/close menus, breadcrumbs, comments …
_WIDGET = re.compile(
    r"share|bdshare|jiathis|fontsize|font-size|zihao|toolbar|print|breadcrumb|crumb|position|"
    r"location|comment|related|copyright|footer|topbar|navbar|subnav|sidebar|qrcode|ewm",
    re.IGNORECASE,
)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_BLOCK = _names(
    "p div section article main li ul ol dl dt dd tr table tbody thead tfoot h1 h2 h3 h4 h5 h6 "
    "blockquote pre center body html figure figcaption address hr br td th caption"
)
_TRANSPARENT = _names("p span font strong b em i u a sup sub small big br")
_CELL = frozenset(("td", "th"))
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*>")  # [^<>]: linear even when ">" never comes
_VOID = _names(  # void, or closed implicitly by the next sibling (legacy pages rarely close them)
    "area base br col embed hr img input link meta param source track wbr p li td th tr dt dd option"
)
WIDGET_MAX_CHARS = 600  # a "widget" holding more text than this is content with an unlucky class
TITLE_MAX_CHARS = 80
MENU_MAX_CHARS = 300  # a block of links longer than this is content (a list of named projects …)
MAX_DEPTH = 1000  # deeper nesting is hostile (and quadratic for the parser): read it flat


def html_to_text(markup: str, *, cell_sep: str | None = None) -> str:
    """The report text of an HTML page, one paragraph per line; table cells are separated by a
    space, or by ``cell_sep`` with empty cells kept (a breakdown table)."""
    if _depth(markup) > MAX_DEPTH:
        return _flat_text(markup)
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    title = _title(tree)
    for node in tree.css(_DROP_TAGS):
        node.remove()  # detach, not destroy: nested matches stay valid
    for node in tree.css("[class], [id]"):
        if _is_widget(node):
            node.remove()
    body = tree.body
    if body is None:
        return ""
    main = _main_block(body)
    text = _lines(main, cell_sep)
    if title and title not in text[: len(title) + 200]:
        text = f"{title}\n{text}"
    return text


def _is_widget(node: Any) -> bool:
    """A share/print/breadcrumb widget: a matching class or id on a small block."""
    if node.tag in ("body", "html"):
        return False
    attrs = node.attributes
    words = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return bool(_WIDGET.search(words)) and len(node.text()) < WIDGET_MAX_CHARS


def _title(tree: Any) -> str:
    """The page's report title: the first heading (else the <title>, less its site name) naming a 报告."""
    for selector in ("h1, h2", "title"):
        for node in tree.css(selector):
            for text in re.split(r"\s*[_|｜]\s*|\s+[-—–]\s+", node.text()):
                text = _SPACE.sub(" ", text).strip()
                if ("报告" in text or "報告" in text) and len(text) <= TITLE_MAX_CHARS:
                    return text
    return ""


def _main_block(body: Any) -> Any:
    """The container that holds most paragraph text (readability-style scoring)."""
    scores: dict[int, float] = {}
    nodes: dict[int, Any] = {}
    for node, length in _text_nodes(body):
        if length == 0 or _inside_link(node):
            continue
        container = _container(node)
        if container is None:
            continue
        for share, target in ((1.0, container), (0.5, container.parent)):
            if target is None:
                break
            key = target.mem_id
            nodes[key] = target
            scores[key] = scores.get(key, 0.0) + share * length
    if not scores:
        return body
    return nodes[max(scores, key=lambda k: scores[k])]


def _text_nodes(root: Any) -> Iterator[tuple[Any, int]]:
    """Each text node under ``root`` with its length, white space not counted."""
    for node in root.traverse(include_text=True):
        if node.is_text_node:
            yield node, len(_SPACE.sub("", node.text_content or ""))


def _container(node: Any) -> Any:
    parent = node.parent
    while parent is not None and parent.tag in _TRANSPARENT:
        parent = parent.parent
    return parent


def _inside_link(node: Any) -> bool:
    parent = node.parent
    for _ in range(4):
        if parent is None:
            return False
        if parent.tag == "a":
            return True
        parent = parent.parent
    return False


def _lines(root: Any, cell_sep: str | None = None) -> str:
    """Text of ``root``: block elements break lines, table cells are separated by spaces.

    Small blocks made mostly of links (menus, 相关链接 lists) are left out.
    """
    menus = _link_blocks(root)
    out: list[str] = []
    for node in root.traverse(include_text=True):
        tag = node.tag
        if node.is_text_node:
            if not (menus and any(a.mem_id in menus for a in _ancestors(node))):
                out.append(_SPACE.sub(" ", node.text_content or ""))
        elif tag in _CELL:
            out.append(cell_sep or " ")
        elif tag in _BLOCK:
            out.append("\n")
    return _tidy("".join(out), cell_sep)


def _link_blocks(root: Any) -> set[int]:
    """Ids of blocks under ``root`` with little text, most of it link text."""
    total: dict[int, int] = {}
    linked: dict[int, int] = {}
    for node, length in _text_nodes(root):
        in_link = length > 0 and _inside_link(node)
        for block in _ancestors(node):
            if block.tag in _BLOCK and block.mem_id != root.mem_id:
                total[block.mem_id] = total.get(block.mem_id, 0) + length
                linked[block.mem_id] = linked.get(block.mem_id, 0) + (length if in_link else 0)
    return {k for k, t in total.items() if 0 < t <= MENU_MAX_CHARS and linked[k] >= 0.6 * t}


def _cells_stripped(line: str, cell_sep: str | None) -> str:
    """A table row keeps its separators (one before each cell: the first goes) and blank cells."""
    if cell_sep is None or not line.startswith(cell_sep):
        return line
    cells = line[len(cell_sep) :].split(cell_sep)
    return cell_sep.join(c.strip(" \u00a0") for c in cells)


def _ancestors(node: Any) -> list[Any]:
    """The nearest few ancestors of a node (menus are shallow; deep walks would be quadratic)."""
    found: list[Any] = []
    parent = node.parent
    while parent is not None and len(found) < 6:
        found.append(parent)
        parent = parent.parent
    return found


def _tidy(text: str, cell_sep: str | None = None) -> str:
    strip = " \t\u00a0" if cell_sep is None else " \u00a0"
    lines = (_cells_stripped(line.strip(strip), cell_sep) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _depth(markup: str) -> int:
    """Rough nesting depth from the tags alone (linear; no parsing)."""
    depth = deepest = 0
    for m in _TAG.finditer(markup):
        closing, name = m.group(1), m.group(2).lower()
        if name in _VOID or m.group(0).endswith("/>"):
            continue
        depth = max(0, depth - 1) if closing else depth + 1
        deepest = max(deepest, depth)
    return deepest


_FLAT_DROP = re.compile(
    r"<(script|style|noscript|template|head)\b.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)", re.I | re.S
)
_FLAT_BLOCK = re.compile(r"</?(?:p|div|br|li|tr|h[1-6]|section|article|table|pre|blockquote)\b[^<>]*>", re.I)


def _flat_text(markup: str) -> str:
    """Text of pathological markup without building a tree."""
    text = _FLAT_DROP.sub(" ", markup)
    text = _FLAT_BLOCK.sub("\n", text)
    text = re.sub(r"<[^<>]*>", "", text)
    text = htmllib.unescape(text)
    return _tidy("\n".join(_SPACE.sub(" ", line) for line in text.split("\n")))
