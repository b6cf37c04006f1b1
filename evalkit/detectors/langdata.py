"""Language data of the detectors (cue phrases, function words, language facts), read from the
tab-separated tables under evalkit/data by one loader, once per process.

A table has a header line naming its columns; lines starting with "#" are comments.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


class LexiconError(ValueError):
    """A bundled language table is malformed (a packaging fault, not bad user input)."""


def data_text(name: str) -> str:
    """The text of evalkit/data/<name>.tsv, for the tables with a format of their own (the gazetteer,
    the synonyms, the office titles, name words, dangling words). Raises FileNotFoundError when the
    file is not there."""
    return resources.files("evalkit").joinpath(f"data/{name}.tsv").read_text(encoding="utf-8")


@lru_cache(maxsize=32)
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of evalkit/data/<name>.tsv as dicts keyed by the header's column names."""
    text = data_text(name)
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise LexiconError(f"evalkit/data/{name}.tsv line {number}: {len(cells)} columns, "
                               f"expected {len(header)} ({', '.join(header)})")
        rows.append(dict(zip(header, cells)))
    return tuple(rows)


@lru_cache(maxsize=128)
def values(name: str, column: str, **where: str) -> tuple[str, ...]:
    """The `column` of the rows of table `name` whose other columns equal `where`, in file order."""
    return tuple(row[column] for row in table(name) if all(row.get(k) == v for k, v in where.items()))


@lru_cache(maxsize=1)
def english_proper_words() -> frozenset[str]:
    """English words WordNet writes only with a capital: places, peoples, persons (english_proper_words.tsv)."""
    return frozenset(values("english_proper_words", "word"))


@lru_cache(maxsize=128)
def mapping(name: str, key: str, value: str, **where: str) -> dict[str, str]:
    """`key` column -> `value` column of the rows of table `name` matching `where` (first row wins)."""
    out: dict[str, str] = {}
    for row in table(name):
        if all(row.get(k) == v for k, v in where.items()):
            out.setdefault(row[key], row[value])
    return out


@lru_cache(maxsize=32)
def word_set(name: str) -> frozenset[str]:
    """The words of list `name` in evalkit/data/word_lists.tsv."""
    rows = [row for row in table("word_lists") if row["list"] == name]
    if not rows:
        raise LexiconError(f"evalkit/data/word_lists.tsv: no list {name!r}")
    return frozenset(word for row in rows for word in row["words"].split())


@lru_cache(maxsize=64)
def capitalises_nouns(lang: str) -> bool:
    """The language writes every noun with a capital (language_facts.tsv: German): a capital does not
    make a name."""
    return lang in values("language_facts", "lang", fact="capitalises-nouns")


@lru_cache(maxsize=64)
def writes_loans_lowercase(lang: str) -> bool:
    """The language writes a word borrowed from English as English writes it, lowercase like its own nouns
    (language_facts.tsv: French, Spanish; "les food trucks", "los tests")."""
    return lang in values("language_facts", "lang", fact="lowercase-loans")


@lru_cache(maxsize=64)
def own_press_countries(lang: str) -> frozenset[str]:
    """The countries where `lang` has a press of its own, whose papers name the country's places in the language
    (language_facts.tsv, own-press-in:COUNTRY: Spanish in the United States, French in Canada)."""
    facts = values("language_facts", "fact", lang=lang)
    return frozenset(f.split(":", 1)[1] for f in facts if f.startswith("own-press-in:"))


_REFERENCE = re.compile(r"<<([a-z0-9-]+)>>")


@lru_cache(maxsize=64)
def pattern(name: str) -> str:
    """The regular expression named `name` in evalkit/data/patterns.tsv: its rows joined by "|" in one
    non-capturing group, each `<<other>>` inside a row standing for pattern(other)."""
    rows = [row["branch"] for row in table("patterns") if row["name"] == name]
    if not rows:
        raise LexiconError(f"evalkit/data/patterns.tsv: no pattern named {name!r}")
    return "(?:" + "|".join(_REFERENCE.sub(lambda m: pattern(m.group(1)), row) for row in rows) + ")"


@lru_cache(maxsize=16)
def pattern_by_first_letter(name: str) -> str:
    """pattern(name) as one group per first letter ("(?:a(?:ccording\\s+to|rticle)|r(?:eported...)...)"), for a
    regex only asked whether it matches (the same language, alternatives in another order): the regex engine
    skips a branch that opens on another letter at a glance, where it tried each alternative's own group. Each
    row is split into its top-level alternatives, and a leading group ("(?:a|ont)\\s+dit") is multiplied out;
    what then opens on no plain letter stays as it is, after the letters' groups."""
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for alt in (d for a in _alternatives(pattern(name)[3:-1]) for d in _distributed(a)):
        if alt[:1].isalpha() and alt[1:2] not in ("?", "*", "+", "{"):
            groups.setdefault(alt[0], []).append(alt[1:])
        else:
            rest.append(alt)
    return "(?:" + "|".join([k + "(?:" + "|".join(v) + ")" for k, v in groups.items()] + rest) + ")"


def _distributed(alt: str) -> list[str]:
    """`alt` with its leading non-capturing group multiplied out ("(?:a|ont)\\s+dit" -> "a\\s+dit",
    "ont\\s+dit"), unless a quantifier follows the group."""
    if not alt.startswith("(?:"):
        return [alt]
    end = _group_end(alt)
    if alt[end:end + 1] in ("?", "*", "+", "{"):
        return [alt]
    return [d for a in _alternatives(alt[3:end - 1]) for d in _distributed(a + alt[end:])]


def _alternatives(regex: str) -> list[str]:
    """The top-level alternatives of a regex (its "|" outside groups and character classes)."""
    cuts = [k for k, depth in _depths(regex) if depth == 0 and regex[k] == "|"]
    return [regex[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(regex)])]


def _group_end(regex: str) -> int:
    """The end of the group that opens `regex` (just after its closing parenthesis)."""
    return next(k + 1 for k, depth in _depths(regex) if depth == 0 and regex[k] == ")")


def _depths(regex: str):
    """(index, group depth) of each character of a regex outside character classes and escapes; a ")" has
    the depth outside it."""
    depth, in_class, escaped = 0, False, False
    for k, c in enumerate(regex):
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        else:
            depth += (c == "(") - (c == ")")
            yield k, depth
