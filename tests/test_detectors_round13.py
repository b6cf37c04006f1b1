"""Issue 15, thirteenth round. With the source: a news outlet's name whose words the MT rendered in senses only
Wiktionary's wordnet gives is flagged whole ("Meerengen-Zeiten" for The Straits Times, not "Zeiten" alone); an
unknown name cited as a source and ending on a media noun ("Garden Monthly said") is an outlet's. Each rule on
text written for this test, with the negatives beside it. (A leaked English reply before a rendering: the aligner's
tests, tests/test_align.py.)"""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from tests.one_line_page import MT as _MT
from tests.one_line_page import SOURCE as _SOURCE

NAMED_ENTITY = "accuracy/mistranslation/named-entity"


def _names(line: str, lang: str, source_line: str) -> list:
    doc = prepare_input(_MT[lang].format(line=line), "en", lang, source=_SOURCE.format(line=source_line))
    return [f for f in run_detectors(doc, make_detectors()) if f.category == NAMED_ENTITY]


# --- an outlet's name rendered word by word in Wiktionary's senses: the whole name is flagged

def test_an_outlet_name_translated_in_wiktionary_senses_is_flagged_whole():
    flags = _names("Die Meerengen-Zeiten berichteten am Montag, zwei Fähren hätten stundenlang Verspätung gehabt.",
                   "de", "The Straits Times reported on Monday that two ferries had been delayed for hours.")
    assert [f.text for f in flags] == ["Meerengen-Zeiten"]
    assert "Straits Times" in flags[0].evidence and "not translated" in flags[0].evidence


def test_the_outlet_name_kept_is_no_flag():
    assert _names("Die Straits Times berichtete am Montag, zwei Fähren hätten stundenlang Verspätung gehabt.",
                  "de", "The Straits Times reported on Monday that two ferries had been delayed for hours.") == []


# --- an unknown name cited as a source and ending on a media noun is an outlet's

def test_a_name_ending_on_a_media_noun_cited_as_a_source_is_an_outlet():
    flags = _names("Jardin Mensuel a indiqué que la sécheresse avait ruiné la moitié des vergers de la région.",
                   "fr", "Garden Monthly said the drought had ruined half of the region's orchards.")
    assert [f.text for f in flags] == ["Jardin Mensuel"]
    assert "Garden Monthly" in flags[0].evidence
    flags = _names("Lácteos Semanal dijo que los precios de la leche volverían a subir en primavera.",
                   "es", "Dairy Weekly said milk prices would rise again in the spring.")
    assert [f.text for f in flags] == ["Lácteos Semanal"]


def test_a_body_cited_as_a_source_is_translated_on_purpose():
    # an organisation's name, not an outlet's: its translation is the usual rendering
    assert _names("Le Conseil agricole a indiqué que la sécheresse avait ruiné la moitié des vergers de la région.",
                  "fr", "The Farm Council said the drought had ruined half of the region's orchards.") == []


def test_the_media_noun_name_kept_is_no_flag():
    assert _names("Garden Monthly a indiqué que la sécheresse avait ruiné la moitié des vergers de la région.",
                  "fr", "Garden Monthly said the drought had ruined half of the region's orchards.") == []


# --- a news outlet's name kept but for one word; an English title of one word swapped for another

def test_an_outlet_name_kept_with_one_word_that_renders_none_of_it_is_flagged():
    # "commerce" is a French word too: the name is still the outlet's, kept, with another word in it
    flags = _names("Selon une analyse du Coastal Commerce Herald, les loyers ont augmenté de 12 % en un an.",
                   "fr", "According to an analysis in the Coastal Business Herald, rents rose by 12 percent in a year.")
    assert [f.text for f in flags] == ["Coastal Commerce Herald"]
    assert "'commerce' in place of 'business'" in flags[0].evidence


def test_the_outlet_name_kept_whole_is_no_swap():
    assert _names("Selon une analyse du Coastal Business Herald, les loyers ont augmenté de 12 % en un an.",
                  "fr", "According to an analysis in the Coastal Business Herald, rents rose by 12 percent in a "
                  "year.") == []


def test_an_english_title_of_one_word_written_as_another_is_flagged():
    flags = _names("Selon The Crop, la décision marque un tournant pour les petites exploitations.",
                   "fr", "According to The Harvest, the decision marks a turning point for small farms.")
    assert [f.text for f in flags] == ["The Crop"]
    assert "'The Harvest', an English title" in flags[0].evidence
    assert _names("Selon The Harvest, la décision marque un tournant pour les petites exploitations.",
                  "fr", "According to The Harvest, the decision marks a turning point for small farms.") == []


# --- a site's tag list after "Mots-clés :", a head of government's title, a place's English name kept,
# --- a generator's reply opening on an assent and a dash

def _all(line: str, lang: str, source_line: str | None = None) -> list:
    source = _SOURCE.format(line=source_line) if source_line is not None else None
    return run_detectors(prepare_input(_MT[lang].format(line=line), "en", lang, source=source), make_detectors())


def test_a_tag_list_after_a_keywords_label_is_the_site_s_junk_not_a_generator_field():
    flags = _all("Mots-clés : budget municipal · ponts · travaux publics · Lyon", "fr")
    assert [f.category for f in flags] == ["addition/boilerplate"]
    # one keyword after the label is the generator's SEO field, as before
    assert [f.category for f in _all("Mot-clé principal : budget municipal", "fr")] == ["addition/prompt-leak"]


def test_a_first_minister_rendered_as_head_of_government_is_the_same_office():
    source = "First Minister Jane Doe told reporters the closure was a dark day for the town."
    assert _names("Regierungschefin Jane Doe sagte Reportern, die Schließung sei ein schwarzer Tag für die Stadt.",
                  "de", source) == []
    flags = _names("Regierungschefin Jane Doe sagte Reportern, die Schließung sei ein schwarzer Tag für die Stadt.",
                   "de", "Minister Jane Doe told reporters the closure was a dark day for the town.")
    assert [f.text for f in flags] == ["Regierungschefin"]


def test_a_place_name_of_rare_english_words_kept_is_not_untranslated():
    flags = _all("Die Fähre über den Firth of Clyde fährt wieder nach Fahrplan.", "de",
                 "The ferry across the Firth of Clyde is running to timetable again.")
    assert not [f for f in flags if f.category == "accuracy/untranslated"]
    # a name of ordinary English words joined by "of" and kept in German is still flagged
    flags = _all("Die Civil Aviation Authority of Singapore hat den Fahrplan wieder aufgenommen.", "de",
                 "The Civil Aviation Authority of Singapore has resumed the timetable.")
    assert [f.text for f in flags if f.category == "accuracy/untranslated"] == ["Civil Aviation Authority of Singapore"]


def test_an_assent_and_a_dash_before_the_generator_presenting_its_output():
    flags = _all("Natürlich – nachfolgend der nächste Teil, leicht angepasst:", "de")
    assert [f.category for f in flags] == ["addition/prompt-leak"]
    # an article's sentence opening on an assent word and a dash is no reply
    assert _all("Natürlich – sagte die Bürgermeisterin – werde die Brücke rechtzeitig fertig.", "de") == []


# --- an omission beside a longer rendering: dropped as absorbed only with evidence of it

_OM_SOURCE = ("The city council approved the new budget on Tuesday evening after a long debate.\n"
              "Inflation peaked above 50 percent in 2022, and the country defaulted on most of its external debt "
              "that year.\n"
              "{missing}\n"
              "Turnout was about 60 percent, down from 79 percent four years earlier.\n"
              "Observers said the vote had been calm and orderly across the whole region.\n")
_OM_MT = ("Der Stadtrat hat am Dienstagabend nach einer langen Debatte den neuen Haushalt beschlossen.\n"
          "{long}\n"
          "Auch interessant: Warum die Währungen der Region gegenüber dem Dollar so schwach sind\n"
          "Die Wahlbeteiligung lag bei rund 60 Prozent, nach 79 Prozent vier Jahre zuvor.\n"
          "Beobachter sagten, die Wahl sei in der ganzen Region ruhig und geordnet verlaufen.\n")
_LONG = ("Die Inflation erreichte im Jahr 2022 einen historischen Höchststand von deutlich über 50 Prozent, und im "
         "selben Jahr stellte das Land den Schuldendienst für den weitaus größten Teil seiner Auslandsschulden "
         "vollständig ein.")


def _omissions(missing: str, long: str) -> list:
    doc = prepare_input(_OM_MT.format(long=long), "en", "de", source=_OM_SOURCE.format(missing=missing))
    return [f for f in run_detectors(doc, make_detectors()) if f.category == "accuracy/omission"]


def test_a_gap_whose_names_the_longer_neighbour_lacks_is_an_omission():
    flags = _omissions("The Liberal Alliance of Farmers also won a majority of the seats on the regional board.", _LONG)
    assert len(flags) == 1 and "Liberal Alliance of Farmers" in flags[0].evidence


def test_a_gap_whose_number_the_longer_neighbour_holds_was_absorbed():
    long = _LONG[:-1] + ", und 2023 lag sie wieder bei 23 Prozent."
    assert _omissions("By 2023 it was back down to 23 percent.", long) == []


# --- a sentence written twice, a word changed, the second copy left with no source sentence

def test_a_reworded_repeat_after_its_paired_first_copy_is_a_duplication():
    source = ("The city council approved the budget on Tuesday evening.\n"
              "The museum expects around 200,000 visitors a year.\n"
              "Work on the new bridge will begin next spring.\n")
    mt = ("Городской совет во вторник утвердил бюджет.\n"
          "Музей рассчитывает примерно на 200 000 зрителей в год.\n"
          "Музей рассчитывает примерно на 200 000 посетителей в год.\n"
          "Работы на новом мосту начнутся следующей весной.\n")
    flags = run_detectors(prepare_input(mt, "en", "ru", source=source), make_detectors())
    dups = [f for f in flags if f.category == "fluency/duplication"]
    assert [f.text for f in dups] == ["Музей рассчитывает примерно на 200 000 посетителей в год."]
    assert "a few words changed" in dups[0].evidence


def test_two_paired_lines_alike_because_their_sources_are_are_no_duplication():
    source = ("The city council approved the budget on Tuesday evening.\n"
              "The museum expects around 200,000 visitors a year.\n"
              "The museum expects around 200,000 viewers a year online.\n")
    mt = ("Городской совет во вторник утвердил бюджет.\n"
          "Музей рассчитывает примерно на 200 000 посетителей в год.\n"
          "Музей рассчитывает примерно на 200 000 зрителей в год онлайн.\n")
    flags = run_detectors(prepare_input(mt, "en", "ru", source=source), make_detectors())
    assert not [f for f in flags if f.category == "fluency/duplication"]


# --- a cookie notice that addresses its reader with an imperative, not a pronoun

def test_a_cookie_notice_whose_second_sentence_is_an_imperative():
    flags = _all("Ce site enregistre des traceurs pour mesurer sa fréquentation. Cliquez sur la croix pour les "
                 "accepter.", "fr")
    assert [f.category for f in flags] == ["addition/boilerplate"]
    assert "'Cliquez'" in flags[0].evidence


def test_an_article_sentence_about_a_site_s_trackers_is_no_cookie_notice():
    assert _all("Le site du ministère enregistre des traceurs pour mesurer sa fréquentation. Les associations ont "
                "accepté ce choix.", "fr") == []


# --- a Wikidata newspaper whose name opens on a media noun is a news outlet

def test_a_wikidata_newspaper_opening_on_daily_translated_is_flagged():
    source = "According to a count by the Daily Breeze, the measure passed in 12 of the 15 districts."
    flags = _names("Selon un décompte de la Brise quotidienne, la mesure a été adoptée dans 12 des 15 districts.",
                   "fr", source)
    assert [f.text for f in flags] == ["Brise quotidienne"]
    assert _names("Selon un décompte du Daily Breeze, la mesure a été adoptée dans 12 des 15 districts.",
                  "fr", source) == []


# --- words the source has verbatim that are no English words; a German office phrase; a comment form

def test_a_particle_inside_a_person_s_name_is_not_untranslated():
    flags = _all("Die Ministerin Siti Aminah binti Yusof eröffnete die Brücke am Montag.", "de",
                 "Minister Siti Aminah binti Yusof opened the bridge on Monday.")
    assert not [f for f in flags if f.category == "accuracy/untranslated"]


def test_a_local_word_both_texts_keep_is_not_untranslated_but_an_english_one_is():
    flags = _all("Los pescadores del lago venden el chisense seco en el mercado de la ciudad.", "es",
                 "Fishermen on the lake sell dried chisense at the town market.")
    assert not [f for f in flags if f.category == "accuracy/untranslated"]
    flags = _all("Los pescadores del lago venden el pescado seco en el mercado de la ciudad tras el overfishing.", "es",
                 "Fishermen on the lake sell dried fish at the town market after the overfishing.")
    assert [f.text for f in flags if f.category == "accuracy/untranslated"] == ["overfishing"]


def test_an_office_phrase_of_german_nouns_is_no_outlet_name():
    flags = _all("„Die Brücke ist sicher“, sagte der Präsident des Verbands, Thomas Keller.", "de")
    assert not [f for f in flags if f.category == NAMED_ENTITY]


def test_a_comment_form_asking_the_reader_to_log_in_to_comment():
    flags = _all("Mitreden? Zum Kommentieren bitte mit dem Nutzerkonto einloggen.", "de")
    assert [f.category for f in flags] == ["addition/boilerplate"]


# --- a comment form's limit, a bracketed prompt label, the site's own digest offered to its reader

def test_a_comment_form_s_character_limit_is_no_generator_length_note():
    flags = _all("Deja tu comentario (máximo 800 caracteres).", "es")
    assert not [f for f in flags if f.category == "addition/prompt-leak"]
    flags = _all("Texto reescrito: 800 caracteres.", "es")
    assert [f.category for f in flags] == ["addition/prompt-leak"]


def test_a_prompt_label_in_brackets_opens_a_brief():
    flags = _all("[Prompt: shorten this story for a German audience and add a catchy headline]", "de")
    assert [f.category for f in flags] == ["addition/prompt-leak"]
    assert "a brief to a text generator" in flags[0].evidence


def test_the_site_s_own_digest_offered_to_its_reader_is_no_generator_output():
    flags = _all("Apúntate sin coste a nuestro resumen de los lunes y te llegará a tu correo.", "es")
    assert not [f for f in flags if f.category == "addition/prompt-leak"]
    flags = _all("Aquí tienes tu resumen del texto, más breve y sin citas.", "es")
    assert [f.category for f in flags] == ["addition/prompt-leak"]
