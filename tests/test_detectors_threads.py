"""The detectors' per-document memos under threads (Dask's threaded scheduler runs documents in threads
of one process): one thread's document never receives another's aligned tokens."""

from __future__ import annotations

import sys
import threading

from evalkit.detectors.base import prepare_input
from evalkit.detectors.text import aligned_tokens


def _doc(k: int):
    source = " ".join(f"Sentence number {k} of document {k} names the Agency {i}." for i in range(3 + k))
    mt = " ".join(f"La phrase {k} du document {k} nomme l'Agence {i}." for i in range(3 + k))
    return prepare_input(mt, "en", "fr", source=source)


def _texts(doc) -> list[tuple[str, ...]]:
    return [tuple(t.text for t in s_toks) + tuple(t.text for t in t_toks) for s_toks, t_toks, _, _ in
            aligned_tokens(doc)]


def test_aligned_tokens_stay_with_their_document_across_threads():
    docs = [_doc(k) for k in range(4)]
    expected = [_texts(d) for d in docs]
    wrong: list[int] = []

    def work(k: int) -> None:
        for _ in range(300):
            for n in (k, (k + 1) % len(docs)):   # two documents in turn: the memo is refilled each time
                if _texts(docs[n]) != expected[n]:
                    wrong.append(n)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)   # switch threads as often as the interpreter allows
    try:
        threads = [threading.Thread(target=work, args=(k,)) for k in range(len(docs))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert wrong == []


def test_the_aligned_tokens_memo_is_per_thread():
    """Deterministically: a document read in another thread leaves this thread's memo alone (a memo
    shared by threads was read by one while another rewrote it: a rare, unreproducible test failure)."""
    from evalkit.detectors import text

    mine, other = _doc(0), _doc(2)
    aligned_tokens(mine)
    worker = threading.Thread(target=aligned_tokens, args=(other,))
    worker.start()
    worker.join()
    assert text._ALIGNED.value[0][0] == mine.hypothesis
