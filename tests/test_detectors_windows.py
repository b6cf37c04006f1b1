"""Long documents read in windows (evalkit/detectors/windows.py): texts written for the tests."""

from __future__ import annotations

from evalkit.detectors import make_detectors, run_detectors
from evalkit.detectors.base import prepare_input
from evalkit.detectors.windows import _cuts, windows

SOURCE = ["The mayor of Lyon, Pierre Martin, opened a footbridge over the Saône on Monday.",
          "The works took 24 months and cost 12 million euros, according to the city.",
          "The bridge is 180 metres long and 6 metres wide, the longest in the region.",
          "About 8,000 pedestrians are expected to cross it every day from next week."]
TARGET = ["Le maire de Lyon, Pierre Martin, a inauguré lundi une passerelle sur la Saône.",
          "Les travaux ont duré 24 mois et ont coûté 12 millions d’euros, selon la ville.",
          "La passerelle mesure 180 mètres de long et 6 mètres de large, la plus longue de la région.",
          "Environ 8 000 piétons devraient la traverser chaque jour dès la semaine prochaine."]


def test_cuts_cover_the_text_at_line_ends():
    text = "".join(f"ligne numéro {k} du texte\n" for k in range(500))
    cuts = _cuts(text, 1000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(text[hi - 1] == "\n" for _, hi in cuts[:-1])
    assert all(hi - lo <= 1000 for lo, hi in cuts)


def test_a_short_document_is_one_window_itself():
    doc = prepare_input("\n".join(TARGET), "en", "fr", source="\n".join(SOURCE))
    assert [(o, d is doc) for o, d in windows(doc)] == [(0, True)]


def test_windows_carry_their_segments_source_and_alignment():
    # 40 copies of the article, each with its own numbers so that no line repeats another
    src = "\n".join(s.replace("24", str(100 + k)) for k in range(40) for s in SOURCE)
    hyp = "\n".join(t.replace("24", str(100 + k)) for k in range(40) for t in TARGET)
    doc = prepare_input(hyp, "en", "fr", source=src)
    parts = list(windows(doc, size=2000))
    assert len(parts) > 5
    for offset, part in parts:
        for seg in part.hypothesis_segments:
            assert part.hypothesis[seg.start:seg.end] == seg.text == doc.hypothesis[offset + seg.start:offset + seg.end]
        for seg in part.source_segments:
            assert part.source[seg.start:seg.end] == seg.text
        for link in part.alignment:
            for i in link.source:
                for j in link.target:
                    # the window's links pair the same sentences as the whole document's
                    assert part.source_segments[i].text.split()[-1].strip(".") in src
                    assert 0 <= j < len(part.hypothesis_segments)
    texts = [seg.text for _, part in parts for seg in part.hypothesis_segments]
    assert texts == [seg.text for seg in doc.hypothesis_segments]


def test_an_omission_in_a_later_window_is_found_at_its_place():
    src_lines = [s.replace("24", str(100 + k)) for k in range(40) for s in SOURCE]
    hyp_lines = [t.replace("24", str(100 + k)) for k in range(40) for t in TARGET]
    del hyp_lines[101]   # the MT leaves out one sentence, deep in the text
    doc = prepare_input("\n".join(hyp_lines), "en", "fr", source="\n".join(src_lines))
    import evalkit.detectors.windows as w

    saved, w.WINDOW = w.WINDOW, 2000
    try:
        flags = run_detectors(doc, make_detectors(["structure"]))
    finally:
        w.WINDOW = saved
    omissions = [f for f in flags if f.category == "accuracy/omission"]
    assert len(omissions) == 1
    assert src_lines[101] in omissions[0].suggestion
    assert doc.hypothesis[omissions[0].start:omissions[0].end] == omissions[0].text


def test_the_window_size_is_read_at_run_time():
    import evalkit.detectors.windows as w

    doc = prepare_input("\n".join(TARGET * 30), "en", "fr")
    saved, w.WINDOW = w.WINDOW, 1000
    try:
        assert len(list(windows(doc))) > 3
    finally:
        w.WINDOW = saved
