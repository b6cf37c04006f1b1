"""All detectors together on short articles written for this test (other outlets, other junk,
other language pairs than the bundled corpus): the flags a reader would expect, and no others."""

from pathlib import Path

import pytest

from evalkit.cli import main

FRENCH = """Share this article

Le ministre de l’Économie a annoncé mardi un plan de relance de 20 milliards d’euros, a rapporté le Wall Road Journal.

Selon Le Monde, le gouvernement veut soutenir les petites entreprises face à la hausse des prix de l’énergie, une mesure jugée nonetheless insuffisante par l’opposition.

« Nous devons agir vite », a déclaré le ministre lors d’une conférence de presse.

Le plan prévoit aussi des aides pour les ménages les plus modestes, versées dès janvier.

Le plan prévoit aussi des aides pour les ménages les plus modestes, versées dès janvier.

Related: Les prix de l’électricité vont-ils encore augmenter en 2024 ?

Please rewrite this article in French and add a conclusion of 300 words

Les économistes restent divisés sur l’efficacité de ces mesures, qui pourraient alimenter l’inflation et peser sur

Posted in Économie | Tagged énergie, inflation
"""

GERMAN = """Die Regierung hat am Dienstag ein neues Klimagesetz vorgestellt, berichtete die Frankfurter Allgemeine.

Das Gesetz soll die Emissionen bis 2030 um 65 Prozent senken, although Kritiker sagen, dass es nicht weit genug geht.

Umweltverbände begrüßten den Schritt, forderten aber strengere Regeln für die Industrie meanwhile.

Click here to subscribe to our newsletter!
"""


def _flags(tmp_path: Path, text: str, tgt: str, capsys) -> list[tuple[str, str, str]]:
    import json

    path = tmp_path / f"mt.{tgt}.txt"
    path.write_text(text, encoding="utf-8")
    src = "fr" if tgt == "en" else "en"
    assert main(["flag", str(path), "--src-lang", src, "--tgt-lang", tgt, "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    for f in payload["flags"]:
        assert text[f["start"]:f["end"]] == f["text"]
    return [(f["category"], f["severity"], f["text"]) for f in payload["flags"]]


def test_french_article_with_other_junk(tmp_path, capsys):
    found = _flags(tmp_path, FRENCH, "fr", capsys)
    categories = {(c, t) for c, _, t in found}
    assert ("addition/boilerplate", "Share this article") in categories
    assert ("addition/boilerplate", "Posted in Économie | Tagged énergie, inflation") in categories
    assert ("addition/boilerplate", "Related: Les prix de l’électricité vont-ils encore augmenter en 2024 ?") \
        in categories
    assert ("addition/prompt-leak", "Please rewrite this article in French and add a conclusion of 300 words") \
        in categories
    assert any(c == "fluency/duplication" for c, _ in categories)
    assert any(c == "omission/truncation" and t.endswith("peser sur") for c, t in categories)
    # Correct French, a real outlet and a quotation raise nothing.
    assert not any("Le Monde" in t or "Nous devons agir vite" in t for _, t in categories)


@pytest.mark.parametrize("lang, text", [("de", GERMAN)])
def test_other_language_pair_junk(tmp_path, capsys, lang, text):
    found = _flags(tmp_path, text, lang, capsys)
    assert ("addition/boilerplate", "major", "Click here to subscribe to our newsletter!") in found
    assert not any("Frankfurter Allgemeine" in t for *_, t in found)


def test_country_names_in_english_output_are_not_spun_outlets(tmp_path, capsys):
    text = "The United States and the United Kingdom signed the deal, according to Reuters.\n"
    assert _flags(tmp_path, text, "en", capsys) == []


ECB = Path(__file__).parent / "data" / "ecb-en-fr"


def _flag_file(path: Path, capsys, *extra: str) -> list[tuple[str, str]]:
    import json

    assert main(["flag", str(path), "--src-lang", "en", "--tgt-lang", "fr", "--format", "json", *extra]) == 0
    return [(f["category"], f["text"]) for f in json.loads(capsys.readouterr().out)["flags"]]


def test_out_of_sample_article_with_its_source(capsys):
    # An article written after the detectors were (tests/data/ecb-en-fr/README.md): every planted
    # error is found once, with the source, and nothing else is flagged.
    found = _flag_file(ECB / "mt.fr.txt", capsys, "--source", str(ECB / "source.en.txt"))
    # the dateline's English spelling would be a fair minor flag too (Francfort), not planted
    found = [f for f in found if f != ("accuracy/untranslated", "FRANKFURT")]
    duplicate = ("Le Wall Road Journal a rapporté que les responsables allemands étaient de plus en plus "
                 "worried par le coût de l’emprunt pour les ménages.").replace("’", "'")
    assert found == [
        ("addition/prompt-leak", "Rewrite the following article in French, keep the same meaning:"),
        ("accuracy/mistranslation/named-entity", "Monetary Occasions"),
        ("addition/boilerplate", "Abonnez-vous à notre newsletter pour ne rien manquer de l'actualité économique !"),
        ("accuracy/mistranslation/named-entity", "Wall Road Journal"),
        ("accuracy/untranslated", "worried"),
        ("fluency/duplication", duplicate),
        ("accuracy/untranslated", "Furthermore"),
        ("accuracy/mistranslation/number", "0,9"),
        ("omission/truncation", "face au"),
    ]


def test_out_of_sample_reference_is_clean(capsys):
    assert _flag_file(ECB / "reference.fr.txt", capsys, "--source", str(ECB / "source.en.txt")) == []
    assert _flag_file(ECB / "reference.fr.txt", capsys) == []


FLOODS = Path(__file__).parent / "data" / "floods-en-es"


def _flag_es(capsys, *extra: str) -> list[tuple[str, str]]:
    import json

    assert main(["flag", str(FLOODS / "mt.es.txt"), "--src-lang", "en", "--tgt-lang", "es", "--format", "json",
                 *extra]) == 0
    return [(f["category"], f["text"]) for f in json.loads(capsys.readouterr().out)["flags"]]


def test_out_of_sample_spanish_article(capsys):
    boilerplate = ("addition/boilerplate", "Haga clic aquí para suscribirse a nuestro boletín")
    spun = ("accuracy/mistranslation/named-entity", "Related Press")
    english = ("accuracy/untranslated", "however")
    assert _flag_es(capsys, "--source", str(FLOODS / "source.en.txt")) == [boilerplate, spun, english]
    # without the source the spun agency is not recognised: "related" is no WordNet relative of
    # "associated" in the synonym table (docs/detectors-lexical.md)
    assert _flag_es(capsys) == [boilerplate, english]
