"""A three-line page around one line under test, in English (the source) and in four target languages: the
rule tests of the twelfth and thirteenth rounds write a line and, where they give one, its source sentence
into it. Written for evalkit's tests."""

SOURCE = ("The city council approved the budget on Tuesday evening.\n"
          "{line}\n"
          "Work on the new bridge will begin next spring.\n")
MT = {"es": ("El ayuntamiento aprobó el presupuesto el martes por la noche.\n"
             "{line}\n"
             "Las obras del nuevo puente comenzarán la próxima primavera.\n"),
      "fr": ("Le conseil municipal a voté le budget mardi soir.\n"
             "{line}\n"
             "Les travaux du nouveau pont commenceront au printemps prochain.\n"),
      "de": ("Der Stadtrat hat am Dienstag den Haushalt beschlossen.\n"
             "{line}\n"
             "Die Arbeiten an der neuen Brücke beginnen im kommenden Frühjahr.\n"),
      "ru": ("Городской совет во вторник утвердил бюджет.\n"
             "{line}\n"
             "Работы на новом мосту начнутся следующей весной.\n")}


def page_flags(line: str, lang: str, source_line: str | None = None, category: str | None = None) -> list:
    """The rule detectors' flags on the page in `lang` around `line` (with its source page where
    `source_line` is given), of `category` only where one is given."""
    from evalkit.detectors import make_detectors, run_detectors
    from evalkit.detectors.base import prepare_input
    source = SOURCE.format(line=source_line) if source_line else None
    doc = prepare_input(MT[lang].format(line=line), "en", lang, source=source)
    return [f for f in run_detectors(doc, make_detectors()) if category is None or f.category == category]
