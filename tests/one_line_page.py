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
