"""Spun and translated names in French, German, Spanish and Russian, with and without the source
(evalkit/detectors/rendered.py, name_forms.py, gazetteer.py). Every text is written for the test; the
positives name the real outlet or body each flag must suggest, the negatives are real names written
as the target language writes them, agencies' short names, name particles and product names."""

from __future__ import annotations

import pytest

from evalkit.detectors.base import prepare_input
from evalkit.detectors.gazetteer import gazetteer
from evalkit.detectors.name_forms import _same, skeleton
from evalkit.detectors.names import NAMED_ENTITY, NamesDetector


def named(text: str, tgt: str, source: str | None = None) -> list[tuple[str, str | None]]:
    doc = prepare_input(text, "en", tgt, source=source)
    flags = [f for f in NamesDetector().detect(doc) if f.category == NAMED_ENTITY]
    for f in flags:
        assert f.evidence and f.text == text[f.start:f.end]
    return [(f.text, f.suggestion) for f in flags]


# --------------------------------------------------------------------------- the public gazetteer

def test_gazetteer_merges_the_public_rows_into_the_hand_written_ones():
    gaz = gazetteer()
    # a public outlet (fundus's list) and a public body (SupraVerden) with its usual names
    assert gaz.lookup("Mexico News Daily").type == "outlet" and gaz.lookup("Mexico News Daily").is_outlet
    wmo = gaz.lookup("World Meteorological Organization")
    assert wmo.origin == "public" and "Organisation météorologique mondiale" in wmo.aliases_for("fr")
    # a name in both lists keeps its hand-written row and gains the public row's language forms
    imf = gaz.lookup("International Monetary Fund")
    assert imf.origin == "hand" and imf.type == "organisation"
    assert "Fondo Monetario Internacional" in imf.aliases_for("es")
    assert gaz.lookup("Fonds monétaire international") is imf
    # a one-word public name that is a common word is not in the public file ("Nature", "Vogue")
    assert gaz.lookup("Nature") is None and gaz.lookup("Vogue") is None


def test_transliteration_skeletons_pair_english_and_russian_spellings():
    assert skeleton("Journal") == skeleton("Джорнал") != skeleton("журнал")   # "журнал" is a translation
    assert skeleton("street") == skeleton("стрит") and skeleton("College") == skeleton("колледж")
    assert _same("times", "таймс") and _same("прессы", "пресса") and not _same("post", "почта")
    # a Russian adjective in -ск- meets its place's name
    assert _same("washington", "вашингтонская") and _same("irkutsk", "иркутского")


# --------------------------------------------------------------------------- without the source

@pytest.mark.parametrize("tgt, text, span, real", [
    ("fr", "Selon le Temps de New York, les négociations ont échoué mardi soir.", "Temps de New York",
     "The New York Times"),
    ("fr", "Selon les Instances financières, la banque aurait menti à ses clients.", "Instances financières",
     "Financial Times"),
    ("fr", "Selon le Journal de Wall Avenue, la fusion est annulée.", "Journal de Wall Avenue",
     "The Wall Street Journal"),
    ("fr", "Selon la Société de Radiodiffusion Britannique, le match est reporté.",
     "Société de Radiodiffusion Britannique", "BBC"),
    ("fr", "Le Fonds monétaire mondial a revu ses prévisions de croissance.", "Fonds monétaire mondial",
     "International Monetary Fund"),
    ("de", "Wie die New Yorker Zeiten berichtete, scheiterten die Gespräche.", "New Yorker Zeiten",
     "The New York Times"),
    ("es", "Según Los Tiempos de Nueva York, las negociaciones fracasaron.", "Tiempos de Nueva York",
     "The New York Times"),
    ("es", "Según la Agencia Francia Prensa, hay doce muertos.", "Agencia Francia Prensa", "Agence France-Presse"),
    ("es", "Según el Diario de Wall Avenue, la fusión se canceló.", "Diario de Wall Avenue",
     "The Wall Street Journal"),
    ("ru", "Как сообщает «Нью-Йоркские времена», переговоры провалились.", "Нью-Йоркские времена",
     "The New York Times"),
    ("ru", "Как сообщает газета «Вашингтонская почта», сенатор солгал.", "Вашингтонская почта",
     "The Washington Post"),
    ("ru", "По данным Ассоциированной прессы, погибли двенадцать человек.", "Ассоциированной прессы",
     "Associated Press"),
    ("ru", "Как пишет «Уолл-авеню джорнал», сделка сорвалась.", "Уолл-авеню джорнал", "The Wall Street Journal"),
])
def test_a_translated_or_spun_name_is_flagged_with_the_real_one(tgt, text, span, real):
    assert named(text, tgt) == [(span, real)]


@pytest.mark.parametrize("tgt, text", [
    # real outlets and bodies as the target language writes them
    ("fr", "Le Monde et Le Figaro ont publié l'information, tout comme Libération et La Croix."),
    ("fr", "L'Organisation mondiale du commerce et l'Organisation mondiale de la santé ont signé un accord."),
    ("fr", "La Banque mondiale et la Banque centrale européenne ont réagi, comme le Fonds monétaire international."),
    ("fr", "Les Nouvelles frontières de la politique étrangère, selon le Courrier international."),
    ("de", "Die Zeit drängt: keine Zeit mehr, sagte der Minister der Süddeutschen Zeitung."),
    ("de", "Die Weltgesundheitsorganisation und der Internationale Währungsfonds warnten am Montag."),
    ("es", "La Organización Mundial del Comercio y el Banco Mundial publicaron datos, según El País."),
    ("es", "Según el Diario de Sevilla y La Voz de Galicia, la huelga continúa."),
    ("ru", "Как сообщает «Нью-Йорк таймс», переговоры провалились; об этом пишет и «Файнэншл таймс»."),
    ("ru", "Газета «Уолл-стрит джорнал» и агентство Ассошиэйтед Пресс сообщили об этом."),
    ("ru", "Всемирная организация здравоохранения и Международный валютный фонд выступили с заявлением."),
    ("ru", "Как сообщают РИА Новости, ТАСС и «Интерфакс», а также газета «Коммерсантъ», переговоры продолжатся."),
    # agencies' short names, name particles, product names
    ("es", "Según la agencia EFE y la italiana ANSA, la alemana dpa y la rusa TASS, la cifra es correcta."),
    ("fr", "Selon l'AFP, Jean de La Fontaine et Vincent van Gogh restent populaires ; ChatGPT aussi."),
    ("de", "Laut dpa will Microsoft Windows 12 vorstellen, Ludwig von Mises wird zitiert."),
    ("ru", "По данным «Уолл-стрит джорнал», компания Apple представит новый iPhone, а Samsung — Galaxy S24."),
])
def test_real_names_particles_agencies_and_products_are_not_flagged(tgt, text):
    assert named(text, tgt) == []


def test_a_name_kept_in_english_keeps_its_english_word_order():
    # "Related Press" has a word of the Press Association and of The Free Press beside a synonym:
    # one kept word says too little, and no flag names the wrong agency
    assert named("La Related Press informó que varios ríos se habían desbordado.", "es") == []


# --------------------------------------------------------------------------- with the source

@pytest.mark.parametrize("tgt, source, text, span", [
    ("ru", "The talks failed, The Wall Street Journal reported.",
     "Переговоры провалились, сообщает «Дневник Уолл-стрит».", "Дневник Уолл-стрит"),
    ("ru", "The talks failed, the Financial Times reported.",
     "Переговоры провалились, сообщает газета «Финансовые времена».", "Финансовые времена"),
    ("fr", "The bank lied, the Financial Times reported.",
     "La banque a menti, ont rapporté les Instances financières.", "Instances financières"),
    ("fr", "A study by the University of Bristol found it.", "Une étude du Collège de Bristol l'a montré.",
     "Collège de Bristol"),
    ("es", "A study by the University of Bristol found it.", "Un estudio del Colegio de Bristol lo demostró.",
     "Colegio de Bristol"),
    ("ru", "Researchers at Irkutsk State University said the lake is warming.",
     "Исследователи Иркутского государственного колледжа заявили, что озеро нагревается.",
     "Иркутского государственного колледжа"),
    ("ru", "The Moscow Times reported it on Monday.",
     "Об этом в понедельник сообщила газета «Московские случаи».", "Московские случаи"),
    ("es", "The International Monetary Fund raised its forecast.",
     "El Fondo Monetario Global elevó su previsión.", "Fondo Monetario Global"),
])
def test_with_the_source_a_rendering_of_the_aligned_name_is_flagged(tgt, source, text, span):
    assert [t for t, _ in named(text, tgt, source)] == [span]


@pytest.mark.parametrize("tgt, source, text", [
    ("ru", "The talks failed, The Wall Street Journal reported.",
     "Переговоры провалились, сообщает «Уолл-стрит джорнал»."),
    ("ru", "Twelve people died, the Associated Press reported.",
     "Погибли двенадцать человек, сообщает агентство Ассошиэйтед Пресс."),
    ("fr", "The merger is off, The Wall Street Journal said.", "La fusion est annulée, a indiqué le Wall Street Journal."),
    ("de", "The International Monetary Fund raised its forecast.", "Der Internationale Währungsfonds hob seine Prognose an."),
    ("es", "Talks failed, according to The New York Times.", "Las negociaciones fracasaron, según The New York Times."),
    ("fr", "A study by the University of Bristol found it.", "Une étude de l'Université de Bristol l'a montré."),
    ("es", "A study by the University of Bristol found it.", "Un estudio de la Universidad de Bristol lo demostró."),
    ("ru", "Researchers at Irkutsk State University said the lake is warming.",
     "Исследователи Иркутского государственного университета заявили, что озеро нагревается."),
    ("fr", "Imperial College London said it on Monday.", "Imperial College London l'a annoncé lundi."),
])
def test_with_the_source_a_correct_rendering_is_not_flagged(tgt, source, text):
    assert named(text, tgt, source) == []


# --------------------------------------------------------------------------- with the source: words rendered
# (a place's name or adjective in the target language, a spinner's synonym kept as a cognate, an outlet
# written in lowercase words, a name joined by "of the"); every text written for this test

@pytest.mark.parametrize("tgt, hyp, src, expected", [
    # a place's own name (CLDR: Wien) made an adjective, and the outlet's head word translated
    ("de", "Die Gespräche beginnen am Montag, berichtete die Wiener Rezension.",
     "Talks begin on Monday, the Vienna Review reported.", "Vienna Review"),
    # the spinner's "Inspector" for "Examiner", kept as the French cognate; "irlandais" translates "Irish"
    ("fr", "L’Inspecteur irlandais a indiqué que le port rouvrirait en mars.",
     "The Irish Examiner said the port would reopen in March.", "Irish Examiner"),
    # a cited outlet written in lowercase words, word by word
    ("fr", "Le stade sera agrandi, a rapporté la poste du soir du Lancashire.",
     "The stadium will be extended, the Lancashire Evening Post reported.", "Lancashire Evening Post"),
    # "University of the Republic": the two runs joined by "of the" are one name, "Colegio" a synonym's word
    ("es", "El Colegio de la República publicó el informe el lunes.",
     "The University of the Republic published the report on Monday.", "University of the Republic"),
    # a hyphenated German name with a particle ("-von-") is one name; "Hochschule" is a college
    ("de", "Die Karl-von-Linde-Hochschule hat neue Studiengänge geplant.",
     "Karl von Linde University has planned new courses.", "Karl von Linde University"),
])
def test_a_name_the_aligned_source_writes_otherwise_is_flagged(tgt, hyp, src, expected):
    assert [s for _, s in named(hyp, tgt, src)] == [expected]


@pytest.mark.parametrize("tgt, hyp, src", [
    # the body's usual name: "estadística" is "statistics" itself, not a synonym's word
    ("es", "El turismo creció un 5 %, según el Instituto Nacional de Estadística.",
     "Tourism grew by 5%, the National Statistics Institute said."),
    # "University of the Republic" translated as the university calls itself
    ("es", "La Universidad de la República publicó el informe el lunes.",
     "The University of the Republic published the report on Monday."),
    # the cited outlet kept as it is
    ("fr", "Le stade sera agrandi, a rapporté le Lancashire Evening Post.",
     "The stadium will be extended, the Lancashire Evening Post reported."),
    # an organisation (not an outlet) cited and translated, in lowercase words: its usual name
    ("fr", "Les prix ont augmenté, selon l’organisation mondiale du commerce.",
     "Prices rose, the World Trade Organization said."),
    # "Press" of "the Austria Press Agency" is not the outlet "The Press"; the MT writes the agency's name
    ("de", "Auch Güterzüge standen still, meldete die Austria Presse Agentur APA.",
     "Freight trains were also stopped, the Austria Press Agency APA reported."),
    ("de", "Die Karl-von-Linde-Universität hat neue Studiengänge geplant.",
     "Karl von Linde University has planned new courses."),
    # a city's orchestra: an organisation, translated as German writes it
    ("de", "Die Wiener Philharmoniker spielten am Sonntag in Salzburg.",
     "The Vienna Philharmonic played in Salzburg on Sunday."),
])
def test_a_name_the_aligned_source_writes_the_usual_way_is_not_flagged(tgt, hyp, src):
    assert named(hyp, tgt, src) == []


# --------------------------------------------------------------------------- with the source: the usual form
# swapped (the public gazetteer's forms of a body in the target language)

@pytest.mark.parametrize("tgt, hyp, src, expected", [
    ("de", "Die Europäische Gebühr hatte die Beihilfe im Herbst genehmigt.",
     "The European Commission had approved the aid in the autumn.", "Europäische Gebühr"),
    ("fr", "Le Pourcentage européen a ouvert une enquête mardi.",
     "The European Commission opened an investigation on Tuesday.", "Pourcentage européen"),
    ("es", "El Grupo de Bienestar Panamericano pidió vacunas a los gobiernos.",
     "The Pan American Health Organization asked governments for vaccines.", "Grupo de Bienestar Panamericano"),
])
def test_a_bodys_usual_name_with_a_word_swapped_is_flagged(tgt, hyp, src, expected):
    doc = prepare_input(hyp, "en", tgt, source=src)
    flags = [f for f in NamesDetector().detect(doc) if f.category == NAMED_ENTITY]
    assert [f.text for f in flags] == [expected]
    assert "usually" in flags[0].evidence


@pytest.mark.parametrize("tgt, hyp, src", [
    ("de", "Die Kommission hatte die Beihilfe im Herbst genehmigt.",
     "The European Commission had approved the aid in the autumn."),
    ("de", "Die EU-Kommission hatte die Beihilfe im Herbst genehmigt.",
     "The European Commission had approved the aid in the autumn."),
    ("fr", "L’exécutif européen a ouvert une enquête mardi.",
     "The European Commission opened an investigation on Tuesday."),
    ("fr", "La Commission européenne a ouvert une enquête mardi.",
     "The European Commission opened an investigation on Tuesday."),
    ("es", "La OPS pidió vacunas a los gobiernos.",
     "The Pan American Health Organization asked governments for vaccines."),
])
def test_a_bodys_usual_name_or_a_short_form_is_not_flagged(tgt, hyp, src):
    assert named(hyp, tgt, src) == []


# --------------------------------------------------------------------------- without the source: an outlet
# the gazetteer lacks, translated word by word where a news source is cited

@pytest.mark.parametrize("tgt, hyp, expected", [
    # a place's adjective (CLDR: Wien) and a translated head ("Rezension": review) no real outlet has
    ("de", "Die Gespräche gehen am Mittwoch weiter, berichtete die Wiener Rezension.", "Wiener Rezension"),
    # an English county and the head in French word order: "Gloucestershire Echo", translated
    ("fr", "La découverte a d’abord été rapportée par l’Écho du Gloucestershire.", "Écho du Gloucestershire"),
    ("fr", "Le club va vendre son stade, a rapporté l’Écho du Lancashire.", "Écho du Lancashire"),
])
def test_an_english_outlet_translated_word_by_word_is_flagged_without_the_source(tgt, hyp, expected):
    doc = prepare_input(hyp, "en", tgt)
    flags = [f for f in NamesDetector().detect(doc) if f.category == NAMED_ENTITY]
    assert [f.text for f in flags] == [expected]
    assert "translated word by word" in flags[0].evidence


@pytest.mark.parametrize("tgt, hyp", [
    # real outlets whose head is a real outlet's head, or that the gazetteer has
    ("de", "Die Gespräche gehen am Mittwoch weiter, berichtete die Wiener Zeitung."),
    ("de", "Die Gespräche gehen am Mittwoch weiter, berichtete die Frankfurter Rundschau."),
    ("de", "Die Gespräche gehen am Mittwoch weiter, berichtete die Berliner Morgenpost."),
    ("fr", "Le club va vendre son stade, a rapporté Le Journal de Montréal."),
    ("fr", "Le club va vendre son stade, a rapporté le Courrier de l’Ouest."),
    ("ru", "Премьеру назвали культурным событием, сообщает Российская газета."),
    # an English outlet kept as it is
    ("fr", "La découverte a d’abord été rapportée par le Gloucestershire Echo."),
    # the same words where no news source is cited
    ("de", "Die Wiener Rezension des Romans erschien im Mai."),
])
def test_real_or_kept_outlets_are_not_flagged_without_the_source(tgt, hyp):
    assert named(hyp, tgt) == []


# --------------------------------------------------------------------------- with the source: an outlet the
# source introduces as one ("the magazine X"), renamed by the MT

@pytest.mark.parametrize("tgt, hyp, src, expected", [
    ("de", "Die Fachzeitschrift Neuer Schiffbauer schrieb, der Fall sei eine Warnung.",
     "The trade magazine New Shipbuilder said the case was a warning.", "Neuer Schiffbauer"),
    ("ru", "Канадский журнал Футбольные новости включил вратаря в сборную года.",
     "The Canadian magazine The Football News named the goalkeeper in its team of the year.",
     "Футбольные новости"),
])
def test_an_outlet_the_source_introduces_and_the_mt_renames_is_flagged(tgt, hyp, src, expected):
    doc = prepare_input(hyp, "en", tgt, source=src)
    flags = [f for f in NamesDetector().detect(doc) if f.category == NAMED_ENTITY]
    assert [f.text for f in flags] == [expected]
    assert "the name of a news outlet is not translated" in flags[0].evidence


@pytest.mark.parametrize("tgt, hyp, src", [
    # the channel's own Russian name, not a translation of "Match TV"
    ("ru", "Матч в прямом эфире показал спортивный телеканал «Матч ТВ».",
     "The game was shown live by the sports channel Match TV."),
    # a statistics agency is no news outlet: its name is translated
    ("de", "Das Statistikamt Statistik Norwegen meldete einen Rückgang.",
     "The statistics agency Statistics Norway reported a fall."),
    # the magazine's name kept
    ("de", "Die Fachzeitschrift New Shipbuilder schrieb, der Fall sei eine Warnung.",
     "The trade magazine New Shipbuilder said the case was a warning."),
])
def test_an_outlet_kept_or_a_body_translated_is_not_flagged(tgt, hyp, src):
    assert named(hyp, tgt, src) == []


# --------------------------------------------------------------------------- Russian words made from English
# ones (a cognate in Latin letters), and a name that opens its sentence, with the source

def test_a_russian_name_with_a_synonyms_cognate_is_flagged_at_a_sentence_start():
    src = "The Kontinental Hockey League said the final had drawn a record audience."
    hyp = "Континентальная хоккейная ассоциация сообщила, что финал собрал рекордную аудиторию."
    assert named(hyp, "ru", src) == [("Континентальная хоккейная ассоциация", "Kontinental Hockey League")]


@pytest.mark.parametrize("hyp", [
    "Континентальная хоккейная лига сообщила, что финал собрал рекордную аудиторию.",
    "КХЛ сообщила, что финал собрал рекордную аудиторию.",
])
def test_a_russian_name_rendered_the_usual_way_is_not_flagged(hyp):
    src = "The Kontinental Hockey League said the final had drawn a record audience."
    assert named(hyp, "ru", src) == []


def test_a_place_the_target_language_names_otherwise_is_not_lost():
    # CLDR: Moscow is Москва; the adjective "Московский" renders it
    src = "Lokomotiv Moscow finished third in the league."
    hyp = "Московский «Локомотив» занял третье место в лиге."
    assert named(hyp, "ru", src) == []


# --------------------------------------------------------------------------- ROR institutions (gazetteer_public.tsv)

def test_ror_institutions_are_in_the_gazetteer_with_their_usual_names():
    gaz = gazetteer()
    scnat = gaz.lookup("Swiss Academy of Sciences")
    assert scnat.origin == "public" and scnat.type == "institution" and scnat.registry and not scnat.is_outlet
    assert "Académie Suisse des Sciences Naturelles" in scnat.aliases_for("fr") and gaz.lookup("SCNAT") is scnat
    assert gaz.lookup("Deutsche Forschungsgemeinschaft") is gaz.lookup("German Research Foundation")
    # ROR's display name in Spanish: the English label is the name, the Spanish one a usual form
    ine = gaz.lookup("Instituto Nacional Electoral")
    assert ine.name == "National Electoral Institute" and "Instituto Nacional Electoral" in ine.aliases_for("es")


@pytest.mark.parametrize("tgt, text, source, span, real", [
    # kept in English with one word swapped for a synonym, where a news source is cited
    ("de", "Laut der Swiss School of Sciences schrumpfen die Gletscher weiter.", None,
     "Swiss School of Sciences", "Swiss Academy of Sciences"),
    ("de", "Laut der German Research Basis fehlen die Mittel.", None, "German Research Basis",
     "German Research Foundation"),
    # the institution's usual name in the target language with a word swapped, translated
    ("fr", "Le Conseil canadien de droit mondial a publié un avis sur la question.", None,
     "Conseil canadien de droit mondial", "Canadian Council on International Law"),
    ("de", "Das Bundesministerium für Wohlbefinden warnte am Montag.",
     "The Federal Ministry of Health warned on Monday.", "Bundesministerium für Wohlbefinden",
     "Federal Ministry of Health"),
])
def test_a_spun_ror_institution_is_flagged(tgt, text, source, span, real):
    assert named(text, tgt, source) == [(span, real)]


@pytest.mark.parametrize("tgt, text", [
    ("fr", "Selon l'Académie suisse des sciences naturelles, les glaciers fondent."),
    ("de", "Laut der Swiss Academy of Sciences schrumpfen die Gletscher weiter."),
    ("fr", "Le Conseil canadien de droit international a publié un avis sur la question."),
    ("es", "El Instituto Nacional Electoral publicó los resultados del domingo."),
    # ROR holds many generic names: words shared with one (the Spanish National Research Council) make
    # no swap without a synonym in place of the others, even where a news source is cited
    ("fr", "Selon le Spanish National Research Pipeline, les fonds manquent."),
])
def test_a_ror_institution_written_as_usual_or_a_name_sharing_a_word_is_not_flagged(tgt, text):
    assert named(text, tgt) == []


def test_an_unknown_word_where_the_source_names_a_ror_institution_is_not_flagged():
    # real MT renders institutions' names in many ways ("Datenagentur" for Statistics Norway on WMT23):
    # for a ROR row only a synonym-swapped spelling or a swapped usual form is evidence
    assert named("Die Datenagentur Zyxwq meldete am Montag einen Anstieg.", "de",
                 "The German Research Foundation reported a rise on Monday.") == []


@pytest.mark.parametrize("words", [("presse", "associée"), ("fonds", "monétaire", "international"), ("times",),
                                   ("nouvelles", "de", "hockey")])
def test_options_are_the_names_of_as_many_words(words):
    """rendered._options keeps, in order, the candidate names with as many words as the MT name."""
    from evalkit.detectors.name_forms import english_for
    from evalkit.detectors.rendered import _options, _real_words, _transliterated
    gaz = gazetteer()
    every: set[int] = set()
    for w in words:
        for en in {w} | english_for(w, "fr") | _transliterated(w):
            every |= gaz.word_index.get(en, set())
    assert _options(words, "fr") == tuple(k for k in sorted(every) if len(_real_words(k)[1]) == len(words))
