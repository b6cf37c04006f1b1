"""Markdown escaping: the one way evalkit puts a name or a text into Markdown.

Every Markdown file evalkit writes (per-document .md, gate.md, compare.md) is meant to be read
or pasted into a pull request; corpus, system and document names and MT text are data and must
render as the same text, never as a link, an image, HTML or emphasis.
"""

from __future__ import annotations

import re
from typing import Any

# Characters with a meaning in CommonMark/GFM inline text, backslash-escaped (any ASCII punctuation
# may be): code spans, emphasis, links and images (`[`), table cells, strikethrough; a block marker
# at the start (heading, list, quote, setext line); `://` and `www.` (GFM bare autolinks).
_SPECIAL = re.compile(r"([\\`*_\[\]|!~])")
_START = re.compile(r"^(\s*)([#+\-*](?=[\s#\-*]|$)|>|\d{1,9}(?=[.)](?:\s|$)))")
_AUTOLINK = re.compile(r":(?=//)|(?<=www)\.", re.IGNORECASE)
_ENTITIES = {"&": "&amp;", "<": "&lt;"}
# Line breaks, other control characters and Unicode line/paragraph separators become one space.
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def one_line(value: Any) -> str:
    return _BREAKS.sub(" ", "" if value is None else str(value))


def text(value: Any) -> str:
    """`value` as inert Markdown text on one line (safe in a table cell, a heading or a list item).

    Punctuation that could start a link, image, code span, emphasis, table cell or block is
    backslash-escaped; `&` and `<` become entities, so no HTML tag or autolink survives.
    """
    escaped = _AUTOLINK.sub(lambda m: "\\" + m.group(), _SPECIAL.sub(r"\\\1", one_line(value)))
    escaped = _START.sub(lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit()
                                                 else m.group(2) + "\\"), escaped)
    return re.sub(r"[&<]", lambda m: _ENTITIES[m.group()], escaped)


def code(value: Any, *, in_table: bool = False) -> str:
    """`value` as a code span that no backtick in it can close (the fence is longer than any run).

    Inside a table a `|` would end the cell even in a code span (GFM), so it is escaped there.
    A value holding `<` is written as escaped text instead: inert in a code span too, but a raw
    tag in a file meant for pasting is one renderer bug away from live.
    """
    content = one_line(value)
    if "<" in content:
        return text(content)
    if in_table:
        content = content.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") or not content.strip() else ""
    return f"{fence}{pad}{content}{pad}{fence}"
