"""Writes evalkit/data/number_scales.tsv: the words that scale a number (million, milliard, Billion,
mil millones, млрд) in several languages, from the compact decimal formats of the Unicode CLDR data that
Babel ships. Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_number_scales.py > evalkit/data/number_scales.tsv

A row is a language, a power of ten (3 and up: тысяч is 10^3, 万 10^4, million 10^6, 亿 10^8) and a word written
after a number for it: the long forms of every plural category ("0 milliards", "0 mil millones") and
the short forms of two letters or more ("0 Mrd.", "0 млн"; "0 M" is left out: one Latin letter stands
for too much). CLDR's data is under the
Unicode License v3 (https://www.unicode.org/license.txt); Babel's code is not copied.
"""

from __future__ import annotations

import re
import sys

# the languages the detectors are measured on, and a few neighbours (as tools/build_exonyms.py), and the
# source languages of the WMT sets (zh, ja: 万 is 10^4, 亿 10^8)
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "pl", "cs", "zh", "ja")
# scale words from a thousand up ("600 тысяч", "600 mil", "600 Tausend": a news figure in words)
MIN_EXPONENT = 3


def scales(languages: tuple[str, ...] = LANGUAGES) -> list[tuple[str, int, str]]:
    """(lang, exponent, word) for the scale words of `languages`, sorted."""
    from babel import Locale

    rows: set[tuple[str, int, str]] = set()
    for lang in languages:
        formats = Locale(lang)._data["compact_decimal_formats"]
        for width in ("long", "short"):
            for patterns in formats.get(width, {}).values():
                for magnitude, pattern in patterns.items():
                    text = getattr(pattern, "pattern", str(pattern))
                    word = _word(text)
                    # "000万" at 10^6: the word is worth 10^6 over the number's two extra digits
                    exponent = len(str(magnitude)) - 1 - (len(text) - len(text.lstrip("0")) - 1)
                    if word and exponent >= MIN_EXPONENT and (width == "long" or len(word.rstrip(".")) >= 2
                                                             or not word.isascii()):
                        rows.add((lang, exponent, word))
    return sorted(rows)


def _word(pattern: str) -> str:
    """The words of a pattern after its zeros ("0 mil millones" -> "mil millones", "0 Mrd'.'" -> "Mrd.")."""
    text = pattern.replace("'", "").replace("\u00a0", " ")
    match = re.fullmatch(r"0+ ?(.+)", text.strip())
    return match.group(1).strip() if match and not re.search(r"\d", match.group(1)) else ""


def main() -> int:
    out = sys.stdout
    out.write("# Words that scale a number (10^4 and up) per language, from Unicode CLDR's compact decimal\n"
              "# formats (Babel's copy), written by tools/build_number_scales.py. Licence: Unicode License v3\n"
              "# (https://www.unicode.org/license.txt). Do not edit by hand. Read by evalkit/detectors/numbers.py.\n")
    out.write("lang\texponent\tword\n")
    for lang, exponent, word in scales():
        out.write(f"{lang}\t{exponent}\t{word}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
