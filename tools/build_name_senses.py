"""Writes evalkit/data/name_senses.tsv: for each English head word of a body's name ("trust", "board",
"chamber", "foundation", "authority"), the words each language has for its other senses only (a
plank, a room, a feeling, a basis, power): what an MT system or a spinner writes when it renders the name's
word in the wrong sense ("Confiance Nuffield" for the Nuffield Trust, "Planche" for a Board, "Zimmer" for a
Chamber). From Princeton WordNet 3.0 and the Wiktionary wordnets of the Open Multilingual Wordnet.
Run once, by hand; never at run time:

    PYTHONPATH=. python tools/build_name_senses.py WORDNET_DIR OMW_DIR [--omw-commit SHA] \
        > evalkit/data/name_senses.tsv

WORDNET_DIR and OMW_DIR as for tools/build_name_wiktionary.py. A sense of the English word is a body's
when its synset is a kind of organization, assembly or body (WordNet's hypernyms: a committee, an
institution, a consortium, a legislature); another sense is one that is no kind of group; a word of the
target language counts when it is a lemma of one of the word's other noun senses (a building's aside) and of
no body's sense of any word, nor a word of a real body's name in the language (the gazetteer's ROR labels:
so not "Behörde", "Chambre"). Same input, same bytes.
"""

from __future__ import annotations

import sys

from build_name_wiktionary import LANGS, OMW_URL, omw_inputs
from wordnet_data import licence_lines, proper_words
from wordnet_data import synsets as wordnet_synsets

from evalkit.detectors.gazetteer import gazetteer
from evalkit.detectors.rendered import body_head
from evalkit.detectors.text import WORD, fold

GROUP = "00031264"   # group.n.01, "any number of entities (members) considered as a unit"
# a body's senses: organization.n.01, assembly.n.04 ("a group of persons gathered together for a common
# purpose": a chamber, a house), body.n.02 ("a group of persons associated by some common tie or occupation")
BODIES = ("08008335", "08163792", "07965085")
# building.n.01: a body's name often names its building ("Opera House", "Chatham House"), which has its
# usual words ("Сиднейский оперный театр"): such senses are neither a body's nor another's
BUILDING = "02913152"


def noun_graph(wordnet_dir: str) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """English one-word lemma -> its noun synsets ("08324514"), and synset -> its hypernyms."""
    senses: dict[str, set[str]] = {}
    hypernyms: dict[str, list[str]] = {}
    for offset, _kind, members, rest in wordnet_synsets(wordnet_dir, ("noun",)):
        for lemma in members:
            if "_" not in lemma:
                senses.setdefault(lemma, set()).add(offset)
        count = int(rest[0])
        pointers = [rest[1 + 4 * i: 5 + 4 * i] for i in range(count)]
        hypernyms[offset] = [p[1] for p in pointers if p[0] in ("@", "@i") and p[2] == "n"]
    return senses, hypernyms


def is_a(offset: str, root: str, hypernyms: dict[str, list[str]]) -> bool:
    """The synset is `root` or a kind of it (WordNet's hypernyms)."""
    seen, todo = set(), [offset]
    while todo:
        node = todo.pop()
        if node == root:
            return True
        if node not in seen:
            seen.add(node)
            todo += hypernyms.get(node, [])
    return False


def body_heads() -> set[str]:
    """The head words (folded) of the gazetteer's organisations' names of two words or more, as the detector
    reads them (evalkit.detectors.rendered.body_head: the word before the first "of", "for" or "on", else the
    last: "Chamber" of the Chamber of Commerce, "Board" of the Tea Board; not "Justice" of the Ministry of
    Justice)."""
    heads = {body_head(entry.name) for entry in gazetteer().entries
             if not entry.is_outlet and len(WORD.findall(entry.name)) >= 2}
    return {w for w in heads if w.isalpha() and len(w) >= 3}


def bodies_named(lang: str) -> set[str]:
    """The words (folded) of the gazetteer's names of bodies in `lang` (their 'xx=Name' aliases: ROR's labels):
    a word a real body's name writes is a body's word there ("Chambre", "Behörde", "Servicio")."""
    return {w for entry in gazetteer().entries if not entry.is_outlet
            for code, form in entry.aliases if code == lang for w in WORD.findall(fold(form))}


def rows(words, senses, hypernyms, by_lang) -> list[str]:
    groups = {k for k in hypernyms if is_a(k, GROUP, hypernyms)}
    # a word any body's sense has in the language, or a real body's name, is a body's word there
    bodies_anywhere = {lang: {x for k in groups for x in by_lang[lang].get(f"{k}-n", ())} | bodies_named(lang)
                       for lang in LANGS}
    out = []
    for word in sorted(words):
        keys = {k for k in senses.get(word, set()) if not is_a(k, BUILDING, hypernyms)}
        bodies = {k for k in keys & groups if any(is_a(k, root, hypernyms) for root in BODIES)}
        if not bodies or not keys - groups:
            continue
        cells = []
        for lang in LANGS:
            right = {x for k in bodies for x in by_lang[lang].get(f"{k}-n", ())}
            other = {x for k in keys - groups for x in by_lang[lang].get(f"{k}-n", ())}
            cells.append("|".join(sorted(other - right - bodies_anywhere[lang] - {word})))
        if any(cells):
            out.append("\t".join([word, *cells]))
    return out


def main(argv: list[str] | None = None) -> None:
    args, commit, by_lang = omw_inputs(__doc__.splitlines()[0], argv)
    senses, hypernyms = noun_graph(args.wordnet_dir)
    body = rows(body_heads() - proper_words(args.wordnet_dir), senses, hypernyms, by_lang)
    sys.stdout.write(
        "# The head words of the gazetteer's organisations' names (the word before 'of', 'for' or 'on', else the\n"
        "# last; no place's name) that name a body in one sense (a kind of organization.n.01, assembly.n.04 or\n"
        "# body.n.02) and something else in another and, per language, the words for their other senses only:\n"
        "# the one-word lemmas of the word's Princeton WordNet 3.0 noun synsets that are no kind of group\n"
        "# (group.n.01) nor of building, less those of any group's synset and the words of the gazetteer's names\n"
        "# of bodies in the language, from the Wiktionary wordnets of the Open Multilingual\n"
        f"# Wordnet, {OMW_URL} commit {commit}, wns/wikt (Bond and Foster 2013, ACL).\n"
        "# Licence: CC BY-SA 3.0 (Wiktionary); this file, derived from it, is under the same licence.\n"
        "# Written by tools/build_name_senses.py; do not edit by hand. Read by evalkit/detectors/name_forms.py.\n"
        "# The WordNet licence follows.\n#\n" + licence_lines(args.wordnet_dir))
    sys.stdout.write("\t".join(["en", *LANGS]) + "\n" + "".join(r + "\n" for r in body))


if __name__ == "__main__":
    main()
