"""Writes evalkit/data/real_outlets.tsv: the names of real newspapers, from Wikidata (CC0), which the names
detector reads as names that are no spinner's work ("Daily Journal", "Birmingham Post" are real papers, not
swaps of the Daily Record or the Birmingham Mail). Run by hand; never at run time:

    PYTHONPATH=. python tools/build_real_outlets.py WIKIDATA_JSON --source URL --commit HASH \
        > evalkit/data/real_outlets.tsv

WIKIDATA_JSON is the result of a Wikidata Query Service query in SPARQL JSON form, with the variables `item`
and `itemLabel` (the English label): here `full_list_of_newspapers.json` of
https://github.com/patrickswickard/international_newspapers (its query: every item that is an instance of
newspaper, Q11032, with an official website, P856). Labels that are the bare item id, or shorter than
four letters, are left out. Same input, same bytes. See docs/detectors-lexical.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

MIN_LETTERS = 4


def real_names(path: str) -> dict[str, str]:
    """Wikidata id -> English label, for the items of a SPARQL JSON result."""
    out: dict[str, str] = {}
    for row in json.loads(Path(path).read_text(encoding="utf-8"))["results"]["bindings"]:
        qid = row["item"]["value"].rsplit("/", 1)[-1]
        label = " ".join(row.get("itemLabel", {}).get("value", "").split())
        if label and label != qid and sum(c.isalpha() for c in label) >= MIN_LETTERS:
            out[qid] = label
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wikidata_json")
    parser.add_argument("--source", required=True, help="where the query result was taken from")
    parser.add_argument("--commit", required=True, help="the commit of that source")
    args = parser.parse_args(argv)
    names = real_names(args.wikidata_json)
    sys.stdout.write(
        "# Real newspapers, from Wikidata (CC0 1.0): items that are an instance of newspaper (Q11032) with an\n"
        f"# official website, English label; the query result as committed in {args.source}\n"
        f"# commit {args.commit} (full_list_of_newspapers.json). Built by tools/build_real_outlets.py;\n"
        f"# labels under {MIN_LETTERS} letters left out. {len(names)} items. Columns: Wikidata id, name.\n"
        "qid\tname\n")
    for qid, name in sorted(names.items(), key=lambda kv: (kv[1].casefold(), kv[0])):
        sys.stdout.write(f"{qid}\t{name}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
