/* evalkit._aligndp: the aligner in C, the same links and scores as evalkit/align.py.
 *
 * An optional accelerator of evalkit/align.py, which documents the cost model and stays the
 * reference implementation (EVALKIT_PURE_PYTHON_ALIGN=1 forces it). Everything is done with the
 * same arithmetic in the same order as the Python code (so the same floating-point costs and
 * tie-breaking), and every order that Python takes from a dict, a set or a sort of strings is
 * taken from the same objects: tests/test_align.py and tests/test_align_fast.py compare both
 * paths link for link and score for score.
 *
 * analyse(text, german, own, helpers) -> (length, Counter, frozenset, keys, junk)
 *     `_analyse_in_python` of one segment: the words (`[^\W\d_]+`, Python's \w and \d), the
 *     punctuation anchors, lengths and the junkiness tests in C; what a word gives (casefold,
 *     NFKD: `_word_info`), the numbers (`_number_keys`, only where a decimal digit is) and the
 *     boilerplate regex (`junk_match`, only where an opener can start) from the Python helpers
 *     (a WordFacts, number_keys, junk_match, Counter, number of function-word languages).
 *     german: names are not strong; own: the index of the segment's language among the
 *     function-word lists, or -1.
 *
 * WordFacts(word_info, max_words): `_word_info` cached by the word's characters (bounded).
 *
 * align(src, tgt, src_lines, tgt_lines, lexicon, options, rounds, tail) -> [(source, target, step)]
 *     `align` from the analysed segments on: anchor weights (`_weigh`), the anchor chain and
 *     the centre line (`_anchors`, `_center_line`), the length ratio, the banded DP widened as
 *     `_run` does (`_banded_dp`, `_pair_matches`, `block_match`), and for each further round the
 *     lexicon of the previous links (`learn_lexicon`) added as anchors (`_use_lexicon`).
 *     src / tgt: lists of `_analyse` tuples; src_lines / tgt_lines: a bool per segment or None;
 *     lexicon: given (source, target) word-key pairs; options: the floats of
 *     `_options_for_c`; tail: `_TAIL` as packed doubles. Per link: the tuples of its source and
 *     target indices and its unrounded cost.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Each product and sum is rounded on its own, as in Python: no fused multiply-add. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

/* --- memory: one arena per call, freed at once ------------------------------------------ */

typedef struct Chunk {
    struct Chunk *prev;
    size_t used, size;
} Chunk;

#define CHUNK_HEAD ((sizeof(Chunk) + 15) & ~(size_t)15)

typedef struct {
    Chunk *top;
} Arena;

typedef struct {
    Chunk *top;
    size_t used;
} Mark;

static void *arena_get(Arena *a, size_t count, size_t size) {
    size_t bytes;
    void *p;
    if (size && count > ((size_t)PY_SSIZE_T_MAX - 64) / size) {
        PyErr_NoMemory();
        return NULL;
    }
    bytes = (count * size + 15) & ~(size_t)15;
    if (!bytes)
        bytes = 16;
    if (!a->top || a->top->size - a->top->used < bytes) {
        size_t want = bytes > 65536 ? bytes : 65536;
        Chunk *c = PyMem_Malloc(CHUNK_HEAD + want);
        if (!c) {
            PyErr_NoMemory();
            return NULL;
        }
        c->prev = a->top;
        c->used = 0;
        c->size = want;
        a->top = c;
    }
    p = (char *)a->top + CHUNK_HEAD + a->top->used;
    a->top->used += bytes;
    return p;
}

static void *arena_zeros(Arena *a, size_t count, size_t size) {
    void *p = arena_get(a, count, size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

static Mark arena_mark(const Arena *a) {
    Mark m;
    m.top = a->top;
    m.used = a->top ? a->top->used : 0;
    return m;
}

static void arena_release(Arena *a, Mark m) {
    while (a->top != m.top) {
        Chunk *prev = a->top->prev;
        PyMem_Free(a->top);
        a->top = prev;
    }
    if (a->top)
        a->top->used = m.used;
}

static void arena_free(Arena *a) {
    Mark none = {NULL, 0};
    arena_release(a, none);
}

#define NEW(arena, type, count) ((type *)arena_get((arena), (size_t)(count), sizeof(type)))
#define ZEROS(arena, type, count) ((type *)arena_zeros((arena), (size_t)(count), sizeof(type)))

/* A stable merge sort of indices with a comparator (Python's sort is stable too; the orders
 * sorted here are total, so stability only keeps the code simple to check). */
typedef int (*Less)(const void *ctx, Py_ssize_t x, Py_ssize_t y);

static void merge_sort(Py_ssize_t *v, Py_ssize_t *tmp, Py_ssize_t n, Less less, const void *ctx) {
    Py_ssize_t half, a, b, k;
    if (n < 2)
        return;
    half = n / 2;
    merge_sort(v, tmp, half, less, ctx);
    merge_sort(v + half, tmp, n - half, less, ctx);
    a = 0;
    b = half;
    k = 0;
    while (a < half && b < n)
        tmp[k++] = less(ctx, v[b], v[a]) ? v[b++] : v[a++];
    while (a < half)
        tmp[k++] = v[a++];
    while (b < n)
        tmp[k++] = v[b++];
    memcpy(v, tmp, n * sizeof(Py_ssize_t));
}

static int sort_indices(Arena *arena, Py_ssize_t *v, Py_ssize_t n, Less less, const void *ctx) {
    Mark mark = arena_mark(arena);
    Py_ssize_t *tmp = NEW(arena, Py_ssize_t, n);
    if (!tmp)
        return -1;
    merge_sort(v, tmp, n, less, ctx);
    arena_release(arena, mark);
    return 0;
}

/* --- analyse ------------------------------------------------------------------------------ */

/* `_PUNCT`'s marks and their anchors "p?", "p!", "p:", "p;", "p(", "pq" */
static PyObject *punct_keys[6];
static PyObject *empty_tuple, *keys_name;

static int punct_index(Py_UCS4 ch) {
    switch (ch) {
    case '?':
        return 0;
    case '!':
        return 1;
    case ':':
        return 2;
    case ';':
        return 3;
    case '(':
        return 4;
    case '"':
    case 0x00ab: /* « */
    case 0x00bb: /* » */
    case 0x201c: /* “ */
    case 0x201d: /* ” */
    case 0x201e: /* „ */
        return 5;
    default:
        return -1;
    }
}

/* A letter of `_WORD` = [^\W\d_]: sre's Unicode \w is str.isalnum() or "_", its \d is
 * str.isdecimal(). */
static inline int is_word_char(Py_UCS4 ch) {
    if (ch < 128)
        return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
    return Py_UNICODE_ISALNUM(ch) && !Py_UNICODE_ISDECIMAL(ch);
}

/* Whether `_JUNK` (`^\W*` then an opener, ignoring case) can match text[first:last + 1]: its
 * openers start with a, b, c, d, e, h, i, j, k, l, m, n, p, r, s, t, v, w or y (or a non-ASCII letter), at the first \w
 * character (str.isalnum() or "_"), or at a "[" just before it. False only when that character is
 * ASCII and none of them; otherwise the regex decides. */
static int may_open_junk(const Py_UCS4 *chars, Py_ssize_t first, Py_ssize_t last) {
    Py_ssize_t k;
    for (k = first; k <= last; k++) {
        Py_UCS4 ch = chars[k];
        if (ch == '_' || Py_UNICODE_ISALNUM(ch))
            return ch >= 128 || strchr("aArRsSlLcCiIpPnNjJtTwWmMhHdDeEbBkKvVyY", (int)ch) != NULL;
    }
    return 0;
}

/* What a word gives, read from its `_word_info` tuple (cognate key or None, name key or None,
 * strong key or None, length, capitalised, lexicon key or None, function-word bits, has a
 * letter); the keys are borrowed from `info`. */
typedef struct {
    PyObject *info;
    PyObject *cognate, *name, *strong, *lex;
    Py_ssize_t length;
    long function;
    int upper, alpha;
} Word;

static int read_word(PyObject *info, Word *w) {
    if (!PyTuple_Check(info) || PyTuple_GET_SIZE(info) != 8) {
        PyErr_SetString(PyExc_TypeError, "word_info must return a tuple of 8");
        return -1;
    }
    w->info = info;
    w->cognate = PyTuple_GET_ITEM(info, 0);
    w->name = PyTuple_GET_ITEM(info, 1);
    w->strong = PyTuple_GET_ITEM(info, 2);
    w->length = PyLong_AsSsize_t(PyTuple_GET_ITEM(info, 3));
    w->upper = PyObject_IsTrue(PyTuple_GET_ITEM(info, 4));
    w->lex = PyTuple_GET_ITEM(info, 5);
    w->function = PyLong_AsLong(PyTuple_GET_ITEM(info, 6));
    w->alpha = PyObject_IsTrue(PyTuple_GET_ITEM(info, 7));
    if (w->upper < 0 || w->alpha < 0 || PyErr_Occurred())
        return -1;
    return 0;
}

/* WordFacts(word_info, max_words): `word_info` of the words of `analyse`, cached by the word's
 * characters, so that a word seen before costs neither a str object nor a call. At most
 * max_words words (0: no cache); when full it is emptied. */
typedef struct {
    Py_UCS4 *chars;   /* the word's characters (owned); NULL: an empty slot */
    Py_ssize_t length;
    uint64_t hash;
    Word facts;       /* owns facts.info */
} WordSlot;

typedef struct {
    PyObject_HEAD
    PyObject *word_info;
    WordSlot *slots;
    size_t mask;
    Py_ssize_t size, max_size;
} WordFacts;

static void facts_empty(WordFacts *c) {
    size_t k;
    if (!c->slots)
        return;
    for (k = 0; k <= c->mask; k++)
        if (c->slots[k].chars) {
            PyObject *info = c->slots[k].facts.info;
            PyMem_Free(c->slots[k].chars);
            c->slots[k].chars = NULL;
            Py_DECREF(info);
        }
    c->size = 0;
}

static int facts_traverse(WordFacts *c, visitproc visit, void *arg) {
    size_t k;
    Py_VISIT(c->word_info);
    if (c->slots)
        for (k = 0; k <= c->mask; k++)
            if (c->slots[k].chars)
                Py_VISIT(c->slots[k].facts.info);
    return 0;
}

static int facts_clear(WordFacts *c) {
    facts_empty(c);
    Py_CLEAR(c->word_info);
    return 0;
}

static void facts_dealloc(WordFacts *c) {
    PyObject_GC_UnTrack(c);
    facts_clear(c);
    PyMem_Free(c->slots);
    Py_TYPE(c)->tp_free((PyObject *)c);
}

static PyObject *facts_new(PyTypeObject *type, PyObject *args, PyObject *kwargs) {
    PyObject *word_info;
    Py_ssize_t max_size;
    size_t slots = 1;
    WordFacts *c;
    if (!PyArg_ParseTuple(args, "On", &word_info, &max_size))
        return NULL;
    if (max_size < 0 || max_size > ((Py_ssize_t)1 << 26)) {
        PyErr_SetString(PyExc_ValueError, "max_words: 0 to 2**26");
        return NULL;
    }
    while (slots < 2 * (size_t)max_size)
        slots *= 2;
    c = (WordFacts *)type->tp_alloc(type, 0);
    if (!c)
        return NULL;
    c->slots = PyMem_Calloc(slots, sizeof(WordSlot));
    if (!c->slots) {
        Py_DECREF(c);
        return PyErr_NoMemory();
    }
    c->mask = slots - 1;
    c->max_size = max_size;
    Py_INCREF(word_info);
    c->word_info = word_info;
    return (PyObject *)c;
}

static PyObject *facts_cached(WordFacts *c, PyObject *unused) {
    return PyLong_FromSsize_t(c->size);
}

static PyMethodDef facts_methods[] = {
    {"cached", (PyCFunction)facts_cached, METH_NOARGS, "How many words are cached."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject WordFactsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "evalkit._aligndp.WordFacts",
    .tp_basicsize = sizeof(WordFacts),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "WordFacts(word_info, max_words): word_info of words, cached by their characters (bounded).",
    .tp_new = facts_new,
    .tp_dealloc = (destructor)facts_dealloc,
    .tp_free = PyObject_GC_Del,
    .tp_traverse = (traverseproc)facts_traverse,
    .tp_clear = (inquiry)facts_clear,
    .tp_methods = facts_methods,
};

/* The facts of the word chars[start:end] of text into *w, with a new reference to w->info. */
static int word_facts(WordFacts *c, PyObject *text, const Py_UCS4 *chars, Py_ssize_t start, Py_ssize_t end,
                      Word *w) {
    uint64_t h = 1469598103934665603ULL;
    Py_ssize_t length = end - start, q;
    size_t bytes = (size_t)length * sizeof(Py_UCS4), k;
    PyObject *word, *info;
    Py_UCS4 *copy;
    for (q = start; q < end; q++) {
        h ^= chars[q];
        h *= 1099511628211ULL;
    }
    for (k = (size_t)h & c->mask; c->slots[k].chars; k = (k + 1) & c->mask)
        if (c->slots[k].hash == h && c->slots[k].length == length && !memcmp(c->slots[k].chars, chars + start, bytes)) {
            *w = c->slots[k].facts;
            Py_INCREF(w->info);
            return 0;
        }
    word = PyUnicode_Substring(text, start, end);
    if (!word)
        return -1;
    info = PyObject_CallOneArg(c->word_info, word);
    Py_DECREF(word);
    if (!info)
        return -1;
    if (read_word(info, w) < 0) {
        Py_DECREF(info);
        return -1;
    }
    if (c->max_size == 0)
        return 0;   /* w->info holds the reference */
    /* word_info may have run other threads: look for the slot again */
    if (c->size >= c->max_size)
        facts_empty(c);
    for (k = (size_t)h & c->mask; c->slots[k].chars; k = (k + 1) & c->mask)
        if (c->slots[k].hash == h && c->slots[k].length == length && !memcmp(c->slots[k].chars, chars + start, bytes))
            return 0;   /* cached meanwhile */
    copy = PyMem_Malloc(bytes);
    if (!copy)
        return 0;   /* not cached, no harm */
    memcpy(copy, chars + start, bytes);
    c->slots[k].chars = copy;
    c->slots[k].length = length;
    c->slots[k].hash = h;
    c->slots[k].facts = *w;
    Py_INCREF(info);
    c->size++;
    return 0;
}

/* A segment's anchor counts in first-seen order (Python: feats[key] = feats.get(key, 0) + 1). */
typedef struct {
    PyObject *key;
    Py_hash_t hash;
    long count;
} Tally;

static int tally(Tally *t, Py_ssize_t *size, PyObject *key) {
    Py_ssize_t k;
    Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1)
        return -1;
    for (k = 0; k < *size; k++) {
        if (t[k].key == key) {
            t[k].count++;
            return 0;
        }
        if (t[k].hash == hash) {
            int eq = PyObject_RichCompareBool(t[k].key, key, Py_EQ);
            if (eq < 0)
                return -1;
            if (eq) {
                t[k].count++;
                return 0;
            }
        }
    }
    t[*size].key = key;
    t[*size].hash = hash;
    t[*size].count = 1;
    (*size)++;
    return 0;
}

static PyObject *analyse(PyObject *self, PyObject *args) {
    PyObject *text, *helpers, *number_keys, *junk_match, *counter_type, *numbers = NULL;
    WordFacts *facts;
    int german, own, n_languages;
    Py_UCS4 *chars = NULL;
    Py_ssize_t size, k, length = 0, n_words = 0, n_spans = 0, n_punct = 0, n_numbers = 0, n_tally = 0, start = -1,
                        first = -1, last = -1;
    int has_digit = 0;
    PyObject *counts = NULL, *strong = NULL, *lex = NULL, *keys = NULL, *view = NULL, *both = NULL, *frozen = NULL,
             *result = NULL;
    Word *words = NULL;
    Py_ssize_t *spans = NULL;
    Tally *tallies = NULL;
    unsigned char *punct = NULL;
    double junk;

    if (!PyArg_ParseTuple(args, "UpiO!", &text, &german, &own, &PyTuple_Type, &helpers))
        return NULL;
    if (!PyArg_ParseTuple(helpers, "O!OOOi", &WordFactsType, &facts, &number_keys, &junk_match, &counter_type,
                          &n_languages))
        return NULL;
    if (n_languages < 1 || n_languages > 30 || own >= n_languages) {
        PyErr_SetString(PyExc_ValueError, "bad function-word language index");
        return NULL;
    }
    if (!PyType_Check(counter_type) || !PyType_IsSubtype((PyTypeObject *)counter_type, &PyDict_Type)) {
        PyErr_SetString(PyExc_TypeError, "the counter type must be a dict subclass");
        return NULL;
    }
    chars = PyUnicode_AsUCS4Copy(text);
    if (!chars)
        return NULL;
    size = PyUnicode_GET_LENGTH(text);
    /* at most one word per two characters, one punctuation mark per character */
    spans = PyMem_Malloc((size / 2 + 1) * 2 * sizeof(Py_ssize_t));
    words = PyMem_Malloc((size / 2 + 1) * sizeof(Word));
    punct = PyMem_Malloc(size + 1);
    if (!spans || !words || !punct) {
        PyErr_NoMemory();
        goto done;
    }

    /* One pass over the characters: the length without whitespace (str.split()'s), the
     * stripped span (str.strip()'s), whether a number can be there, the words and the
     * punctuation anchors. */
    for (k = 0; k < size; k++) {
        Py_UCS4 ch = chars[k];
        int p;
        if (is_word_char(ch)) {
            length++;
            if (first < 0)
                first = k;
            last = k;
            if (start < 0)
                start = k;
            continue;
        }
        if (start >= 0) {
            spans[2 * n_spans] = start;
            spans[2 * n_spans + 1] = k;
            n_spans++;
            start = -1;
        }
        if (!Py_UNICODE_ISSPACE(ch)) {
            length++;
            if (first < 0)
                first = k;
            last = k;
        }
        if (ch < 128 ? (ch >= '0' && ch <= '9') : Py_UNICODE_ISDECIMAL(ch))
            has_digit = 1;
        p = punct_index(ch);
        if (p >= 0)
            punct[n_punct++] = (unsigned char)p;
    }
    if (start >= 0) {
        spans[2 * n_spans] = start;
        spans[2 * n_spans + 1] = size;
        n_spans++;
    }
    for (k = 0; k < n_spans; k++) {
        if (word_facts(facts, text, chars, spans[2 * k], spans[2 * k + 1], &words[k]) < 0)
            goto done;
        n_words++;
    }

    /* `features`: numbers, then words, then punctuation, each in text order */
    if (has_digit) {
        PyObject *found = PyObject_CallOneArg(number_keys, text);
        if (!found)
            goto done;
        numbers = PySequence_Fast(found, "number keys");
        Py_DECREF(found);
        if (!numbers)
            goto done;
        n_numbers = PySequence_Fast_GET_SIZE(numbers);
    }
    tallies = PyMem_Malloc((n_numbers + n_words + n_punct + 1) * sizeof(Tally));
    counts = ((PyTypeObject *)counter_type)->tp_new((PyTypeObject *)counter_type, empty_tuple, NULL);
    strong = PySet_New(NULL);
    lex = PySet_New(NULL);
    if (!tallies) {
        PyErr_NoMemory();
        goto done;
    }
    if (!counts || !strong || !lex)
        goto done;
    for (k = 0; k < n_numbers; k++) {
        PyObject *key = PySequence_Fast_GET_ITEM(numbers, k);
        if (tally(tallies, &n_tally, key) < 0 || PySet_Add(strong, key) < 0)
            goto done;
    }
    for (k = 0; k < n_words; k++) {
        PyObject *key = words[k].cognate != Py_None ? words[k].cognate : k ? words[k].name : Py_None;
        if (key != Py_None && tally(tallies, &n_tally, key) < 0)
            goto done;
    }
    for (k = 0; k < n_punct; k++)
        if (tally(tallies, &n_tally, punct_keys[punct[k]]) < 0)
            goto done;
    /* the Counter: its keys in first-seen order. (Counter() without Counter.__init__, which on
     * an empty instance only calls dict.__init__() and update(None): dict's tp_new makes the
     * same empty Counter.) */
    for (k = 0; k < n_tally; k++) {
        PyObject *count = PyLong_FromLong(tallies[k].count);
        if (!count || PyDict_SetItem(counts, tallies[k].key, count) < 0) {
            Py_XDECREF(count);
            goto done;
        }
        Py_DECREF(count);
    }

    /* `strong_anchors`: numbers, and names unless German or a headline */
    {
        Py_ssize_t n_long = 0, n_upper = 0;
        for (k = 0; k < n_words; k++)
            if (words[k].length >= 4) {
                n_long++;
                n_upper += words[k].upper;
            }
        if (!german && !((double)n_upper > 0.75 * (double)n_long))
            for (k = 1; k < n_words; k++)
                if (words[k].strong != Py_None && PySet_Add(strong, words[k].strong) < 0)
                    goto done;
    }

    /* `word_keys` */
    for (k = 0; k < n_words; k++)
        if (words[k].lex != Py_None && PySet_Add(lex, words[k].lex) < 0)
            goto done;
    {
        PyObject *sorted = PySequence_List(lex);
        if (!sorted)
            goto done;
        if (PyList_Sort(sorted) < 0) {
            Py_DECREF(sorted);
            goto done;
        }
        keys = PyList_AsTuple(sorted);
        Py_DECREF(sorted);
        if (!keys)
            goto done;
    }

    /* `junkiness` (no whitespace character is a word letter: the words of the stripped text
     * are those of the text) */
    {
        int alpha = 0, is_junk = 0;
        Py_ssize_t longest = 0, letters = 0;
        long per_language[30] = {0};
        for (k = 0; k < n_words; k++) {
            int x;
            alpha |= words[k].alpha;
            if (words[k].length > longest)
                longest = words[k].length;
            letters += words[k].length;
            for (x = 0; x < n_languages; x++)
                per_language[x] += (words[k].function >> x) & 1;
        }
        if (!alpha || longest <= 2) {
            is_junk = 1;
        } else if (may_open_junk(chars, first, last)) {
            PyObject *stripped = PyUnicode_Substring(text, first, last + 1), *found;
            if (!stripped)
                goto done;
            found = PyObject_CallOneArg(junk_match, stripped);
            Py_DECREF(stripped);
            if (!found)
                goto done;
            is_junk = PyObject_IsTrue(found);
            Py_DECREF(found);
            if (is_junk < 0)
                goto done;
        }
        if (is_junk) {
            junk = 1.0;
        } else {
            Py_UCS4 end = chars[last];
            junk = 0.0;
            if (letters <= 6 && end != '.' && end != '!' && end != '?' && end != 0x2026)
                junk = 0.5;
            if (own >= 0 && n_words >= 4) {
                long mine = per_language[own], other = -1;
                int x;
                for (x = 0; x < n_languages; x++)
                    if (x != own && per_language[x] > other)
                        other = per_language[x];
                if (other >= 3 && other >= 3 * mine && junk < 0.5)
                    junk = 0.5;
            }
        }
    }

    /* frozenset(strong & counts.keys()), built as Python builds it (its iteration order is
     * the order `_weigh` sums the strong anchors in) */
    view = PyObject_CallMethodNoArgs(counts, keys_name);
    if (!view)
        goto done;
    both = PyNumber_And(strong, view);
    if (!both)
        goto done;
    frozen = PyFrozenSet_New(both);
    if (!frozen)
        goto done;
    result = Py_BuildValue("(nOOOd)", length, counts, frozen, keys, junk);

done:
    for (k = 0; k < n_words; k++)
        Py_DECREF(words[k].info);
    PyMem_Free(words);
    PyMem_Free(chars);
    PyMem_Free(spans);
    PyMem_Free(punct);
    PyMem_Free(tallies);
    Py_XDECREF(numbers);
    Py_XDECREF(counts);
    Py_XDECREF(strong);
    Py_XDECREF(lex);
    Py_XDECREF(keys);
    Py_XDECREF(view);
    Py_XDECREF(both);
    Py_XDECREF(frozen);
    return result;
}

/* --- a document pair ---------------------------------------------------------------------- */

typedef struct {
    Py_ssize_t id;
    long count;
    int strong;
} Feat;

typedef struct {
    Feat *f;
    Py_ssize_t size;
} Feats;

typedef struct {
    Py_ssize_t *id;
    long *count;
    Py_ssize_t size;
} Strong;

typedef struct {
    Py_ssize_t *id;
    Py_ssize_t size;
} Keys;

/* Strings -> ids 0, 1, ...: an open-addressing table on the strings' hashes, keys equal by
 * identity or == as in a dict; it holds a reference to each key. */
typedef struct {
    PyObject **key;      /* by id */
    Py_hash_t *hash;     /* by id */
    Py_ssize_t *slot;    /* -1: empty, else an id */
    size_t mask;
    Py_ssize_t size, cap;
} Names;

static void names_free(Names *t) {
    Py_ssize_t k;
    for (k = 0; k < t->size; k++)
        Py_DECREF(t->key[k]);
    PyMem_Free(t->key);
    PyMem_Free(t->hash);
    PyMem_Free(t->slot);
    memset(t, 0, sizeof *t);
}

/* The id of key, or -1 when absent (-2 with an exception). *slot: where it would go. */
static Py_ssize_t names_find(const Names *t, PyObject *key, Py_hash_t hash, size_t *slot) {
    size_t k;
    if (!t->slot) {
        *slot = 0;
        return -1;
    }
    for (k = (size_t)hash & t->mask; t->slot[k] >= 0; k = (k + 1) & t->mask) {
        Py_ssize_t id = t->slot[k];
        if (t->key[id] == key)
            return id;
        if (t->hash[id] == hash) {
            int eq = PyObject_RichCompareBool(t->key[id], key, Py_EQ);
            if (eq < 0)
                return -2;
            if (eq)
                return id;
        }
    }
    *slot = k;
    return -1;
}

static Py_ssize_t names_get(const Names *t, PyObject *key) {
    size_t slot;
    Py_hash_t hash = PyObject_Hash(key);
    return hash == -1 ? -2 : names_find(t, key, hash, &slot);
}

/* The id of key, added if new (-1 with an exception). *added: whether it was. */
static Py_ssize_t names_add(Names *t, PyObject *key, int *added) {
    Py_hash_t hash = PyObject_Hash(key);
    size_t slot, k;
    Py_ssize_t id;
    *added = 0;
    if (hash == -1)
        return -1;
    id = names_find(t, key, hash, &slot);
    if (id != -1)
        return id < 0 ? -1 : id;
    if (t->size == t->cap) {   /* grow: twice the ids, four times the slots */
        Py_ssize_t cap = t->cap ? 2 * t->cap : 64, q;
        size_t slots = 4 * (size_t)cap;
        PyObject **keys = PyMem_Realloc(t->key, cap * sizeof(PyObject *));
        Py_hash_t *hashes = keys ? PyMem_Realloc(t->hash, cap * sizeof(Py_hash_t)) : NULL;
        Py_ssize_t *table = PyMem_Malloc(slots * sizeof(Py_ssize_t));
        if (keys)
            t->key = keys;
        if (hashes)
            t->hash = hashes;
        if (!keys || !hashes || !table) {
            PyMem_Free(table);
            PyErr_NoMemory();
            return -1;
        }
        for (k = 0; k < slots; k++)
            table[k] = -1;
        for (q = 0; q < t->size; q++) {
            for (k = (size_t)t->hash[q] & (slots - 1); table[k] >= 0; k = (k + 1) & (slots - 1))
                ;
            table[k] = q;
        }
        PyMem_Free(t->slot);
        t->slot = table;
        t->mask = slots - 1;
        t->cap = cap;
        names_find(t, key, hash, &slot);   /* only finds the empty slot now */
    }
    id = t->size++;
    Py_INCREF(key);
    t->key[id] = key;
    t->hash[id] = hash;
    t->slot[slot] = id;
    *added = 1;
    return id;
}

/* The anchors of both sides, and the first character of each (its weight scale) */
typedef struct {
    Names names;
    char *kind;
    Py_ssize_t kind_cap;
} Vocab;

typedef struct {
    Py_ssize_t n;
    Py_ssize_t *len, *cum;
    Feats *base, *feats;      /* `_Side.base`, `_Side.feats` */
    Strong *strong;           /* the strong anchors in their set's order, with their counts */
    Keys *keys;               /* word keys as ids into `words`, in their tuple's order */
    double *junk, *wsum, *swsum;
    char *starts_line;
    Names words;              /* word keys -> ids */
} Side;

typedef struct {
    double merge, merge_2_2, merge_3_1, skip, junk_skip, length_weight, variance, match_weight,
        number_weight, punct_weight, line_break, band, lexicon_weight, lexicon_min_count, lexicon_min_dice,
        lexicon_max_df, miss_weight;
} Options;

#define N_OPTIONS 17

typedef struct {
    Py_ssize_t pi, i, pj, j;
    double step;
} Step;

typedef struct {
    Step *s;
    Py_ssize_t size;
} Path;

typedef struct {
    Arena arena;
    Vocab vocab;
    Side src, tgt;
    Options o;
    const double *tail;
    double *weights;          /* per anchor id, this round's */
} Doc;

static Py_ssize_t vocab_id(Vocab *v, PyObject *key) {
    int added;
    Py_ssize_t id = names_add(&v->names, key, &added);
    Py_UCS4 first;
    if (id < 0 || !added)
        return id;
    if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) < 1) {
        PyErr_SetString(PyExc_TypeError, "anchors are non-empty strings");
        return -1;
    }
    if (id >= v->kind_cap) {
        char *kind = PyMem_Realloc(v->kind, v->names.cap);
        if (!kind) {
            PyErr_NoMemory();
            return -1;
        }
        v->kind = kind;
        v->kind_cap = v->names.cap;
    }
    first = PyUnicode_READ_CHAR(key, 0);
    v->kind[id] = first == '#' ? '#' : first == 'p' ? 'p' : first == 'L' ? 'L' : 'w';
    return id;
}

/* One side from its `_analyse` tuples and line starts. */
static int read_side(Doc *d, Side *s, PyObject *analysed, PyObject *lines, const char *what) {
    Arena *arena = &d->arena;
    Py_ssize_t n, i, k;
    if (!PyList_Check(analysed)) {
        PyErr_Format(PyExc_TypeError, "%s: a list of analysed segments", what);
        return -1;
    }
    n = PyList_GET_SIZE(analysed);
    s->n = n;
    s->len = NEW(arena, Py_ssize_t, n);
    s->cum = NEW(arena, Py_ssize_t, n + 1);
    s->base = NEW(arena, Feats, n);
    s->feats = s->base;
    s->strong = NEW(arena, Strong, n);
    s->keys = NEW(arena, Keys, n);
    s->junk = NEW(arena, double, n);
    s->wsum = NEW(arena, double, n + 1);
    s->swsum = NEW(arena, double, n + 1);
    s->starts_line = ZEROS(arena, char, n);
    if (!s->len || !s->cum || !s->base || !s->strong || !s->keys || !s->junk || !s->wsum || !s->swsum ||
        !s->starts_line)
        return -1;
    for (i = 0; i < n; i++) {
        PyObject *t = PyList_GET_ITEM(analysed, i);
        if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) != 5 || !PyDict_Check(PyTuple_GET_ITEM(t, 1)) ||
            !PyAnySet_Check(PyTuple_GET_ITEM(t, 2)) || !PyTuple_Check(PyTuple_GET_ITEM(t, 3))) {
            PyErr_Format(PyExc_TypeError, "%s: segment %zd is not an `_analyse` tuple", what, i);
            return -1;
        }
    }
    s->cum[0] = 0;
    for (i = 0; i < n; i++) {
        PyObject *t = PyList_GET_ITEM(analysed, i), *counts = PyTuple_GET_ITEM(t, 1),
                 *strong = PyTuple_GET_ITEM(t, 2), *keys = PyTuple_GET_ITEM(t, 3), *key, *value, *it;
        Py_ssize_t pos = 0, size = PyDict_GET_SIZE(counts);
        Feats *f = &s->base[i];
        Strong *st = &s->strong[i];
        s->len[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(t, 0));
        s->junk[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(t, 4));
        if (PyErr_Occurred())
            return -1;
        s->cum[i + 1] = s->cum[i] + s->len[i];
        /* the anchors in the Counter's order */
        f->f = NEW(arena, Feat, size);
        f->size = 0;
        if (!f->f)
            return -1;
        while (PyDict_Next(counts, &pos, &key, &value)) {
            Feat *x;
            if (f->size >= size) {
                PyErr_SetString(PyExc_RuntimeError, "an anchor Counter changed size");
                return -1;
            }
            x = &f->f[f->size++];
            x->id = vocab_id(&d->vocab, key);
            x->count = PyLong_AsLong(value);
            x->strong = 0;
            if (x->id < 0 || (x->count == -1 && PyErr_Occurred()))
                return -1;
        }
        /* the strong anchors in the order `for k in strong` visits them, their counts
         * (Counter: 0 when missing), and the anchors that are strong (`k in strong`) */
        size = PySet_GET_SIZE(strong);
        st->id = NEW(arena, Py_ssize_t, size);
        st->count = NEW(arena, long, size);
        st->size = 0;
        if (!st->id || !st->count)
            return -1;
        it = PyObject_GetIter(strong);
        if (!it)
            return -1;
        while ((key = PyIter_Next(it)) != NULL) {
            Py_ssize_t id = st->size < size ? vocab_id(&d->vocab, key) : -1;
            Py_DECREF(key);
            if (id < 0) {
                if (!PyErr_Occurred())
                    PyErr_SetString(PyExc_RuntimeError, "a strong anchor set changed size");
                Py_DECREF(it);
                return -1;
            }
            st->id[st->size] = id;
            st->count[st->size] = 0;
            for (k = 0; k < f->size; k++)
                if (f->f[k].id == id) {
                    st->count[st->size] = f->f[k].count;
                    f->f[k].strong = 1;
                }
            st->size++;
        }
        Py_DECREF(it);
        if (PyErr_Occurred())
            return -1;
        /* the word keys */
        size = PyTuple_GET_SIZE(keys);
        s->keys[i].id = NEW(arena, Py_ssize_t, size);
        s->keys[i].size = size;
        if (!s->keys[i].id)
            return -1;
        for (k = 0; k < size; k++) {
            int added;
            PyObject *key = PyTuple_GET_ITEM(keys, k);
            if (!PyUnicode_Check(key)) {
                PyErr_SetString(PyExc_TypeError, "word keys are strings");
                return -1;
            }
            s->keys[i].id[k] = names_add(&s->words, key, &added);
            if (s->keys[i].id[k] < 0)
                return -1;
        }
    }
    if (lines != Py_None) {
        PyObject *fast = PySequence_Fast(lines, "line starts");
        if (!fast)
            return -1;
        if (PySequence_Fast_GET_SIZE(fast) < n) {
            Py_DECREF(fast);
            PyErr_Format(PyExc_IndexError, "%s: fewer line starts than segments", what);
            return -1;
        }
        for (i = 0; i < n; i++) {
            int yes = PyObject_IsTrue(PySequence_Fast_GET_ITEM(fast, i));
            if (yes < 0) {
                Py_DECREF(fast);
                return -1;
            }
            s->starts_line[i] = (char)yes;
        }
        Py_DECREF(fast);
    }
    return 0;
}

/* --- one round: `_weigh`, `_anchors`, `_center_line`, `_length_ratio`, `_banded_dp` ------- */

/* `_weigh`: IDF weight of every anchor over both sides; per-segment weight sums, cumulated. */
static int weigh(Doc *d) {
    Py_ssize_t n_ids = d->vocab.names.size, k, i, total = d->src.n + d->tgt.n;
    Py_ssize_t *df = ZEROS(&d->arena, Py_ssize_t, n_ids);
    Side *sides[2] = {&d->src, &d->tgt};
    int side;
    d->weights = ZEROS(&d->arena, double, n_ids);
    if (!df || !d->weights)
        return -1;
    for (side = 0; side < 2; side++)
        for (i = 0; i < sides[side]->n; i++)
            for (k = 0; k < sides[side]->feats[i].size; k++)
                df[sides[side]->feats[i].f[k].id]++;
    for (k = 0; k < n_ids; k++) {
        double scale;
        if (!df[k])
            continue;
        switch (d->vocab.kind[k]) {
        case '#':
            scale = d->o.number_weight;
            break;
        case 'p':
            scale = d->o.punct_weight;
            break;
        case 'L':
            scale = d->o.lexicon_weight;
            break;
        default:
            scale = 1.0;
        }
        d->weights[k] = log(1.0 + (double)total / (double)df[k]) * scale;
    }
    for (side = 0; side < 2; side++) {
        Side *s = sides[side];
        s->wsum[0] = 0.0;
        s->swsum[0] = 0.0;
        for (i = 0; i < s->n; i++) {
            double w = 0.0, sw = 0.0;
            for (k = 0; k < s->feats[i].size; k++)
                w += d->weights[s->feats[i].f[k].id] * (double)s->feats[i].f[k].count;
            for (k = 0; k < s->strong[i].size; k++)
                sw += d->weights[s->strong[i].id[k]] * (double)s->strong[i].count[k];
            s->wsum[i + 1] = s->wsum[i] + w;
            s->swsum[i + 1] = s->swsum[i] + sw;
        }
    }
    return 0;
}

typedef struct {
    Py_ssize_t *i, *j;
} Pairs;

static int pair_before(const void *ctx, Py_ssize_t x, Py_ssize_t y) {
    /* by i, then by decreasing j */
    const Pairs *p = ctx;
    return p->i[x] < p->i[y] || (p->i[x] == p->i[y] && p->j[x] > p->j[y]);
}

/* `_anchors` then `_center_line`: the expected target position of each source boundary. */
static double *center_line(Doc *d) {
    Arena *arena = &d->arena;
    Py_ssize_t n = d->src.n, m = d->tgt.n, n_ids = d->vocab.names.size, i, k, n_pairs = 0, n_tails = 0, np, c;
    Py_ssize_t *count_s = ZEROS(arena, Py_ssize_t, n_ids), *count_t = ZEROS(arena, Py_ssize_t, n_ids);
    Py_ssize_t *first_s = NEW(arena, Py_ssize_t, n_ids), *first_t = NEW(arena, Py_ssize_t, n_ids);
    Py_ssize_t *order, *tails, *tail_idx, *prev, *chain;
    double *center = NEW(arena, double, n + 1), slope = 0.0, *px, *py;
    Pairs pairs;
    if (!count_s || !count_t || !first_s || !first_t || !center)
        return NULL;
    /* anchors other than punctuation found in exactly one segment of each side */
    for (i = 0; i < n; i++)
        for (k = 0; k < d->src.feats[i].size; k++) {
            Py_ssize_t id = d->src.feats[i].f[k].id;
            if (d->vocab.kind[id] != 'p' && !count_s[id]++)
                first_s[id] = i;
        }
    for (i = 0; i < m; i++)
        for (k = 0; k < d->tgt.feats[i].size; k++) {
            Py_ssize_t id = d->tgt.feats[i].f[k].id;
            if (d->vocab.kind[id] != 'p' && !count_t[id]++)
                first_t[id] = i;
        }
    for (k = 0; k < n_ids; k++)
        n_pairs += count_s[k] == 1 && count_t[k] == 1;
    pairs.i = NEW(arena, Py_ssize_t, n_pairs);
    pairs.j = NEW(arena, Py_ssize_t, n_pairs);
    order = NEW(arena, Py_ssize_t, n_pairs);
    tails = NEW(arena, Py_ssize_t, n_pairs);
    tail_idx = NEW(arena, Py_ssize_t, n_pairs);
    prev = NEW(arena, Py_ssize_t, n_pairs);
    chain = NEW(arena, Py_ssize_t, n_pairs);
    if (!pairs.i || !pairs.j || !order || !tails || !tail_idx || !prev || !chain)
        return NULL;
    n_pairs = 0;
    for (k = 0; k < n_ids; k++)
        if (count_s[k] == 1 && count_t[k] == 1) {
            pairs.i[n_pairs] = first_s[k];
            pairs.j[n_pairs] = first_t[k];
            order[n_pairs] = n_pairs;
            n_pairs++;
        }
    if (sort_indices(arena, order, n_pairs, pair_before, &pairs) < 0)
        return NULL;
    /* Longest chain strictly increasing in both coordinates over the distinct pairs (patience
     * sorting on j, the pairs of one i by decreasing j so that two of them never chain). */
    np = 0;
    for (k = 0; k < n_pairs; k++) {
        Py_ssize_t x = order[k], lo = 0, hi = n_tails, j;
        if (np && pairs.i[order[np - 1]] == pairs.i[x] && pairs.j[order[np - 1]] == pairs.j[x])
            continue;   /* the same (i, j) from another anchor */
        order[np] = x;
        j = pairs.j[x];
        while (lo < hi) {   /* bisect_left(tails, j) */
            Py_ssize_t mid = (lo + hi) / 2;
            if (tails[mid] < j)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo == n_tails)
            n_tails++;
        tails[lo] = j;
        tail_idx[lo] = np;
        prev[np] = lo ? tail_idx[lo - 1] : -1;
        np++;
    }
    c = 0;
    for (k = n_tails ? tail_idx[n_tails - 1] : -1; k >= 0; k = prev[k])
        chain[c++] = order[k];
    /* chain[c - 1] is the first anchor, chain[0] the last */
    if (c < 2) {
        slope = (double)m / (double)n;
        if (!c) {
            for (i = 0; i <= n; i++)
                center[i] = (double)i * slope;
            return center;
        }
    } else {
        Py_ssize_t a = chain[c - 1], b = chain[0];
        slope = (double)(pairs.j[b] - pairs.j[a]) / (double)(pairs.i[b] - pairs.i[a]);
    }
    px = NEW(arena, double, c);
    py = NEW(arena, double, c);
    if (!px || !py)
        return NULL;
    for (k = 0; k < c; k++) {
        px[k] = (double)pairs.i[chain[c - 1 - k]] + 0.5;
        py[k] = (double)pairs.j[chain[c - 1 - k]] + 0.5;
    }
    k = 0;
    for (i = 0; i <= n; i++) {
        double x0, y0, y, v;
        while (k + 1 < c && px[k + 1] <= (double)i)
            k++;
        x0 = px[k];
        y0 = py[k];
        if ((double)i < px[0] || k == c - 1)
            y = y0 + ((double)i - x0) * slope;
        else
            y = y0 + (py[k + 1] - y0) * ((double)i - x0) / (px[k + 1] - x0);
        v = y > 0.0 ? y : 0.0;                                    /* max(0.0, y) */
        center[i] = v < (double)m ? v : (double)m;                /* min(float(m), ...) */
    }
    return center;
}

/* `_length_ratio`: target/source characters over the previous pass's 1-1 links. */
static double length_ratio(const Doc *d, const Path *previous) {
    Py_ssize_t lx = 0, ly = 0, count = 0, k;
    if (previous)
        for (k = 0; k < previous->size; k++) {
            const Step *s = &previous->s[k];
            if (s->i - s->pi == 1 && s->j - s->pj == 1) {
                lx += d->src.len[s->pi];
                ly += d->tgt.len[s->pj];
                count++;
            }
        }
    if (count >= 3 && lx > 0 && ly > 0)
        return (double)ly / (double)lx;
    return (double)(d->tgt.cum[d->tgt.n] ? d->tgt.cum[d->tgt.n] : 1) /
           (double)(d->src.cum[d->src.n] ? d->src.cum[d->src.n] : 1);
}

typedef struct {
    Py_ssize_t lo, size;   /* dense row: j in [lo, lo + size) */
    double *v;
} Dense;

/* dict.get(j, 0.0) of a dense row */
static inline double at(const Dense *row, Py_ssize_t j) {
    Py_ssize_t k = j - row->lo;
    return (k >= 0 && k < row->size) ? row->v[k] : 0.0;
}

/* `_pair_matches`: for every source segment i and target j in [pair_lo[i], pair_hi[i]], the
 * matched anchor weight and the matched weight of names and numbers (times the sides where
 * they are strong), summed over i's anchors in order, as dense rows. */
static int pair_matches(Doc *d, const Py_ssize_t *pair_lo, const Py_ssize_t *pair_hi, Dense *matches,
                        Dense *strong) {
    Arena *arena = &d->arena;
    const Feats *sf = d->src.feats, *tf = d->tgt.feats;
    const double *weights = d->weights;
    Py_ssize_t n = d->src.n, m = d->tgt.n, n_ids = d->vocab.names.size, i, j, k, total;
    Py_ssize_t *start = ZEROS(arena, Py_ssize_t, n_ids + 1), *fill = NEW(arena, Py_ssize_t, n_ids), *post_j;
    const Feat **post_f;
    if (!start || !fill)
        return -1;
    /* postings: the target segments of each anchor id, ascending, with their feature */
    for (j = 0; j < m; j++)
        for (k = 0; k < tf[j].size; k++)
            start[tf[j].f[k].id + 1]++;
    for (k = 0; k < n_ids; k++)
        start[k + 1] += start[k];
    total = start[n_ids];
    post_j = NEW(arena, Py_ssize_t, total);
    post_f = NEW(arena, const Feat *, total);
    if (!post_j || !post_f)
        return -1;
    memcpy(fill, start, n_ids * sizeof(Py_ssize_t));
    for (j = 0; j < m; j++)
        for (k = 0; k < tf[j].size; k++) {
            Py_ssize_t at_ = fill[tf[j].f[k].id]++;
            post_j[at_] = j;
            post_f[at_] = &tf[j].f[k];
        }
    for (i = 0; i < n; i++) {
        Py_ssize_t size = pair_hi[i] - pair_lo[i] + 1;
        if (size < 1)
            size = 1;
        matches[i].lo = strong[i].lo = pair_lo[i];
        matches[i].size = strong[i].size = size;
        matches[i].v = ZEROS(arena, double, size);
        strong[i].v = ZEROS(arena, double, size);
        if (!matches[i].v || !strong[i].v)
            return -1;
        for (k = 0; k < sf[i].size; k++) {
            const Feat *x = &sf[i].f[k];
            double w = weights[x->id];
            Py_ssize_t p;
            for (p = start[x->id]; p < start[x->id + 1]; p++) {
                Py_ssize_t jj = post_j[p];
                const Feat *y;
                double v;
                int sides;
                if (jj < pair_lo[i] || jj > pair_hi[i])
                    continue;
                y = post_f[p];
                v = w * (double)(x->count < y->count ? x->count : y->count);
                matches[i].v[jj - pair_lo[i]] = matches[i].v[jj - pair_lo[i]] + v;
                sides = x->strong + y->strong;
                if (sides)
                    strong[i].v[jj - pair_lo[i]] = strong[i].v[jj - pair_lo[i]] + v * sides;
            }
        }
    }
    return 0;
}

/* Scratch arrays of block_match, one entry per anchor id, all zero between calls. */
typedef struct {
    long *cx, *cy;
    unsigned char *sx, *sy, *in_t;   /* strong on a side; in_t: bit j - j0 for target segment j */
    unsigned *seen;
    Py_ssize_t *keys;
} Scratch;

/* block_match: the block's anchors matched as multisets (a name in two source segments and once
 * in the target counts once), keys taken in the order Python's dict collects them: for each
 * source segment, each target segment in its pair band, the source's anchors the target has. */
static void block_match(const Feats *sf, const Feats *tf, const double *weights, const Py_ssize_t *pair_lo,
                        const Py_ssize_t *pair_hi, Py_ssize_t i0, Py_ssize_t i1, Py_ssize_t j0, Py_ssize_t j1,
                        Scratch *x, unsigned generation, double *total_out, double *strong_out) {
    Py_ssize_t n_keys = 0, i, j, k, q;
    double total = 0.0, total_strong = 0.0;
    for (j = j0; j < j1; j++)
        for (k = 0; k < tf[j].size; k++)
            x->in_t[tf[j].f[k].id] |= (unsigned char)(1u << (j - j0));
    for (i = i0; i < i1; i++)
        for (j = j0; j < j1; j++) {
            if (j < pair_lo[i] || j > pair_hi[i])
                continue;
            for (k = 0; k < sf[i].size; k++) {
                Py_ssize_t id = sf[i].f[k].id;
                if (x->seen[id] != generation && (x->in_t[id] >> (j - j0) & 1)) {
                    x->seen[id] = generation;
                    x->keys[n_keys++] = id;
                }
            }
        }
    /* each key's count over the block's source and target segments, and where it is strong */
    for (i = i0; i < i1; i++)
        for (k = 0; k < sf[i].size; k++) {
            x->cx[sf[i].f[k].id] += sf[i].f[k].count;
            x->sx[sf[i].f[k].id] |= (unsigned char)sf[i].f[k].strong;
        }
    for (j = j0; j < j1; j++)
        for (k = 0; k < tf[j].size; k++) {
            x->cy[tf[j].f[k].id] += tf[j].f[k].count;
            x->sy[tf[j].f[k].id] |= (unsigned char)tf[j].f[k].strong;
        }
    for (q = 0; q < n_keys; q++) {
        Py_ssize_t id = x->keys[q];
        long cx = x->cx[id], cy = x->cy[id];
        double v = weights[id] * (double)(cx < cy ? cx : cy);
        total += v;
        total_strong += v * (x->sx[id] + x->sy[id]);
    }
    for (i = i0; i < i1; i++)
        for (k = 0; k < sf[i].size; k++) {
            x->cx[sf[i].f[k].id] = 0;
            x->sx[sf[i].f[k].id] = 0;
        }
    for (j = j0; j < j1; j++)
        for (k = 0; k < tf[j].size; k++) {
            x->cy[tf[j].f[k].id] = 0;
            x->sy[tf[j].f[k].id] = 0;
            x->in_t[tf[j].f[k].id] = 0;
        }
    *total_out = total;
    *strong_out = total_strong;
}

#define N_BLOCKS 6

/* `_banded_dp` for the band lo..hi: the best path, and whether it runs along the band's edge. */
static int banded_dp(Doc *d, const Py_ssize_t *lo, const Py_ssize_t *hi, const Py_ssize_t *plo,
                     const Py_ssize_t *phi, double ratio, Path *path, int *touched) {
    Arena *arena = &d->arena;
    const Side *src = &d->src, *tgt = &d->tgt;
    const Options *o = &d->o;
    Py_ssize_t n = src->n, m = tgt->n, n_ids = d->vocab.names.size, i, j, k, total = 0, n_steps;
    const Py_ssize_t *s_cum = src->cum, *t_cum = tgt->cum;
    const double *s_w = src->wsum, *t_w = tgt->wsum, *s_sw = src->swsum, *t_sw = tgt->swsum, *tail = d->tail;
    const double *weights = d->weights;
    const Feats *sf = src->feats, *tf = tgt->feats;
    double *skip_s = NEW(arena, double, n), *skip_t = NEW(arena, double, m), *junk_s = NEW(arena, double, n),
           *junk_t = NEW(arena, double, m), *glue_s = NEW(arena, double, n), *glue_t = NEW(arena, double, m),
           *glue_t2 = NEW(arena, double, m), *glue_t3 = NEW(arena, double, m), *cost;
    Py_ssize_t *offset = NEW(arena, Py_ssize_t, n + 2);
    /* `_junk_counts`: cumulative counts of junk lines (junkiness 1, at least 20 letters) */
    Py_ssize_t *s_junky = NEW(arena, Py_ssize_t, n + 1), *t_junky = NEW(arena, Py_ssize_t, m + 1);
    unsigned generation = 0;
    Scratch scratch;
    int *back;
    Dense *matches = NEW(arena, Dense, n), *strong = NEW(arena, Dense, n);
    /* `_blocks`: the link shapes beyond 1-0 and 0-1, in the order the DP tries them */
    const int block_a[N_BLOCKS] = {1, 2, 1, 2, 3, 1}, block_b[N_BLOCKS] = {1, 1, 2, 2, 1, 3};
    const double block_prior[N_BLOCKS] = {0.0, o->merge, o->merge, o->merge_2_2, o->merge_3_1, o->merge_3_1};
    const double variance = o->variance, lw = o->length_weight, mw = o->match_weight, miss = o->miss_weight;
    const double inf = INFINITY;
    Step *steps;

    scratch.cx = ZEROS(arena, long, n_ids);
    scratch.cy = ZEROS(arena, long, n_ids);
    scratch.sx = ZEROS(arena, unsigned char, n_ids);
    scratch.sy = ZEROS(arena, unsigned char, n_ids);
    scratch.in_t = ZEROS(arena, unsigned char, n_ids);
    scratch.seen = ZEROS(arena, unsigned, n_ids);
    scratch.keys = NEW(arena, Py_ssize_t, n_ids);
    if (!skip_s || !skip_t || !junk_s || !junk_t || !glue_s || !glue_t || !glue_t2 || !glue_t3 || !offset ||
        !s_junky || !t_junky || !matches || !strong || !scratch.cx || !scratch.cy || !scratch.sx || !scratch.sy || !scratch.in_t ||
        !scratch.seen || !scratch.keys)
        return -1;
    /* `_dp_inputs`: leaving a junk segment out is cheaper than gluing it (junk_skip), and so is
     * a segment that starts a new line (line_break) */
    s_junky[0] = t_junky[0] = 0;
    for (i = 0; i < n; i++)
        s_junky[i + 1] = s_junky[i] + (src->junk[i] >= 1.0 && src->len[i] >= 20);
    for (j = 0; j < m; j++)
        t_junky[j + 1] = t_junky[j] + (tgt->junk[j] >= 1.0 && tgt->len[j] >= 20);
    for (i = 0; i < n; i++) {
        skip_s[i] = o->skip - o->junk_skip * src->junk[i];
        junk_s[i] = o->junk_skip * src->junk[i];
        glue_s[i] = junk_s[i] + (src->starts_line[i] ? o->line_break : 0.0);
    }
    for (j = 0; j < m; j++) {
        skip_t[j] = o->skip - o->junk_skip * tgt->junk[j];
        junk_t[j] = o->junk_skip * tgt->junk[j];
        glue_t[j] = junk_t[j] + (tgt->starts_line[j] ? o->line_break : 0.0);
    }
    if (pair_matches(d, plo, phi, matches, strong) < 0)
        return -1;
    /* The glue of a target block of 2 and 3 segments starting at pj (Python: junk_t[pj] +
     * sum(glue_t[pj + 1:pj + b]), the sum from zero in order). */
    for (j = 0; j < m; j++) {
        double g2 = 0.0, g3 = 0.0;
        for (k = j + 1; k < j + 2 && k < m; k++)
            g2 += glue_t[k];
        for (k = j + 1; k < j + 3 && k < m; k++)
            g3 += glue_t[k];
        glue_t2[j] = junk_t[j] + g2;
        glue_t3[j] = junk_t[j] + g3;
    }
    for (i = 0; i <= n; i++) {
        offset[i] = total;
        total += hi[i] - lo[i] + 1;
    }
    offset[n + 1] = total;
    cost = NEW(arena, double, total);
    back = NEW(arena, int, total);
    if (!cost || !back)
        return -1;

    /* The arithmetic below is `_banded_dp`'s, term for term and in the same order. */
    for (i = 0; i <= n; i++) {
        Py_ssize_t lo_i = lo[i], hi_i = hi[i];
        double *row_cost = cost + offset[i];
        int *row_back = back + offset[i];
        /* the row-invariant terms of each block shape that fits above this row */
        int shapes = 0, mvs[N_BLOCKS], as[N_BLOCKS], bs[N_BLOCKS], bk;
        Py_ssize_t pis[N_BLOCKS];
        double priors[N_BLOCKS], wxs[N_BLOCKS], lxrs[N_BLOCKS], dsws[N_BLOCKS], glues[N_BLOCKS];
        Py_ssize_t up_lo = 0, up_hi = -1;
        const double *up_cost = NULL;
        double up_skip = 0.0;

        for (k = 0; k <= hi_i - lo_i; k++) {
            row_cost[k] = inf;
            row_back[k] = -1;
        }
        for (bk = 0; bk < N_BLOCKS; bk++) {
            Py_ssize_t pi = i - block_a[bk];
            if (pi < 0)
                continue;
            mvs[shapes] = bk + 2;
            as[shapes] = block_a[bk];
            bs[shapes] = block_b[bk];
            priors[shapes] = block_prior[bk];
            pis[shapes] = pi;
            wxs[shapes] = s_w[i] - s_w[pi];
            lxrs[shapes] = (double)(s_cum[i] - s_cum[pi]) * ratio;
            dsws[shapes] = s_sw[i] - s_sw[pi];
            if (block_a[bk] > 1) {
                double g = 0.0;
                for (k = pi + 1; k < i; k++)
                    g += glue_s[k];
                glues[shapes] = junk_s[pi] + g;
            } else {
                glues[shapes] = 0.0;
            }
            shapes++;
        }
        if (i > 0) {
            up_lo = lo[i - 1];
            up_hi = hi[i - 1];
            up_cost = cost + offset[i - 1];
            up_skip = skip_s[i - 1];
        }
        for (j = lo_i; j <= hi_i; j++) {
            double best = inf, t_w_j, t_sw_j;
            int best_move = -1, s;
            Py_ssize_t t_cum_j;
            if (i == 0 && j == 0) {
                row_cost[0] = 0.0;
                continue;
            }
            /* Near-ties go to the move tried first: an insertion, then an omission. */
            if (j > lo_i) {
                best = row_cost[j - 1 - lo_i] + skip_t[j - 1];
                best_move = 1;
            }
            if (up_lo <= j && j <= up_hi) {
                double v = up_cost[j - up_lo] + up_skip;
                if (v < best - 1e-9) {
                    best = v;
                    best_move = 0;
                }
            }
            t_w_j = t_w[j];
            t_cum_j = t_cum[j];
            t_sw_j = t_sw[j];
            for (s = 0; s < shapes; s++) {
                int a = as[s], b = bs[s];
                Py_ssize_t pi = pis[s], pj = j - b, ly, ii, jj, pairs = 0;
                double prev, wy, prior = priors[s], matched = 0.0, matched_strong = 0.0, bound = 0.0, glue_j = 0.0;
                double mean, length, step, unmatched, v;
                if (pj < lo[pi] || pj > hi[pi])
                    continue;
                prev = cost[offset[pi] + pj - lo[pi]];
                wy = t_w_j - t_w[pj];
                if (prev + prior - mw * (wxs[s] < wy ? wxs[s] : wy) >= best)
                    continue;
                if (a == 1 && b == 1) {
                    matched = at(&matches[pi], pj);
                    if (prev - mw * matched >= best)
                        continue;
                } else {
                    for (ii = pi; ii < i; ii++) {
                        for (jj = pj; jj < j; jj++) {
                            double found = at(&matches[ii], jj);
                            if (found != 0.0) {
                                bound += found;
                                pairs++;
                            }
                        }
                    }
                    glue_j = b == 2 ? glue_t2[pj] : b == 3 ? glue_t3[pj] : 0.0;
                    if (prev + prior + glues[s] + glue_j - mw * bound >= best)
                        continue;
                }
                ly = t_cum_j - t_cum[pj];
                mean = (lxrs[s] + (double)ly) / 2;
                if (mean <= 0) {
                    length = 0.0;
                } else {
                    double z = fabs((double)ly - lxrs[s]) / sqrt(mean * variance);
                    length = z < 30 ? tail[(Py_ssize_t)(z * 100)] : z * z / 2 + log(z * 2.5066282746310002);
                }
                step = prior + lw * length;
                if (a == 1 && b == 1) {
                    step -= mw * matched;
                    matched_strong = at(&strong[pi], pj);
                } else {
                    if (a > 1)
                        step += glues[s];
                    if (b > 1)
                        step += glue_j;
                    if (prev + step - mw * bound >= best)
                        continue;
                    if (pairs > 1) {
                        block_match(sf, tf, weights, plo, phi, pi, i, pj, j, &scratch, ++generation, &matched,
                                    &matched_strong);
                    } else {
                        matched = bound;
                        matched_strong = 0.0;
                        for (ii = pi; ii < i; ii++)
                            for (jj = pj; jj < j; jj++)
                                matched_strong += at(&strong[ii], jj);
                    }
                    step -= mw * matched;
                }
                /* Junk is paired with what is not junk only when they share a name or a number: a
                 * source sentence beside a cookie notice stays an omission (1-0) and the notice an
                 * insertion (0-1). */
                if (matched_strong <= 0.0) {
                    Py_ssize_t junky_s = s_junky[i] - s_junky[pi], junky_t = t_junky[j] - t_junky[pj];
                    if ((junky_s == i - pi && !junky_t) || (junky_t == j - pj && !junky_s))
                        continue;
                }
                /* Names and numbers of a side that the other side lacks speak against the link. */
                unmatched = dsws[s] + t_sw_j - t_sw[pj] - matched_strong;
                if (unmatched > 0)
                    step += miss * unmatched;
                v = prev + step;
                if (v < best - 1e-9) {
                    best = v;
                    best_move = mvs[s];
                }
            }
            row_cost[j - lo_i] = best;
            row_back[j - lo_i] = best_move;
        }
    }

    /* the backtrace, from (n, m) */
    steps = NEW(arena, Step, n + m);
    if (!steps)
        return -1;
    n_steps = 0;
    *touched = 0;
    i = n;
    j = m;
    while (i > 0 || j > 0) {
        int mv = back[offset[i] + j - lo[i]], a, b;
        Py_ssize_t pi, pj;
        if (mv < 0)
            mv = N_BLOCKS + 1;   /* Python's moves[-1]: the last block shape */
        if (mv == 0) {
            a = 1;
            b = 0;
        } else if (mv == 1) {
            a = 0;
            b = 1;
        } else {
            a = block_a[mv - 2];
            b = block_b[mv - 2];
        }
        pi = i - a;
        pj = j - b;
        if (pi < 0 || pj < lo[pi] || pj > hi[pi] || n_steps >= n + m) {
            PyErr_SetString(PyExc_RuntimeError, "alignment backtrace left the band");
            return -1;
        }
        steps[n_steps].pi = pi;
        steps[n_steps].i = i;
        steps[n_steps].pj = pj;
        steps[n_steps].j = j;
        steps[n_steps].step = cost[offset[i] + j - lo[i]] - cost[offset[pi] + pj - lo[pi]];
        n_steps++;
        /* A path running along the band's edge may have been cut off: widen and redo. */
        if ((lo[i] > 0 && j <= lo[i] + 1) || (hi[i] < m && j >= hi[i] - 1))
            *touched = 1;
        i = pi;
        j = pj;
    }
    for (k = 0; k < n_steps / 2; k++) {
        Step t = steps[k];
        steps[k] = steps[n_steps - 1 - k];
        steps[n_steps - 1 - k] = t;
    }
    path->s = steps;
    path->size = n_steps;
    return 0;
}

/* `_run`: the banded DP around the anchor line, widened until the best path keeps off the
 * band's edge. The path stays in the arena; the DP's tables are released. */
static int run_round(Doc *d, const Path *previous, Path *path) {
    Arena *arena = &d->arena;
    Py_ssize_t n = d->src.n, m = d->tgt.n, i;
    double ratio, width, *center;
    Py_ssize_t *lo, *hi, *plo, *phi;
    Step *kept;
    if (weigh(d) < 0)
        return -1;
    ratio = length_ratio(d, previous);
    center = center_line(d);
    lo = NEW(arena, Py_ssize_t, n + 1);
    hi = NEW(arena, Py_ssize_t, n + 1);
    plo = NEW(arena, Py_ssize_t, n);
    phi = NEW(arena, Py_ssize_t, n);
    kept = NEW(arena, Step, n + m);
    if (!center || !lo || !hi || !plo || !phi || !kept)
        return -1;
    width = d->o.band > 2 ? d->o.band : 2;   /* max(opts.band, 2) */
    for (;;) {
        Mark mark;
        Path found;
        int touched;
        for (i = 0; i <= n; i++) {
            double a = floor(center[i] - width), b = ceil(center[i] + width);
            lo[i] = a > 0 ? (Py_ssize_t)a : 0;
            hi[i] = b < (double)m ? (Py_ssize_t)b : m;
        }
        lo[0] = 0;
        hi[n] = m;
        for (i = 1; i <= n; i++) {
            /* Keep the band connected where the centre line jumps. */
            if (hi[i - 1] < lo[i])
                lo[i] = hi[i - 1];
            if (lo[i] > hi[i])
                hi[i] = lo[i];
        }
        /* Segment i lies between rows i and i+1; a block of up to 3 reaches 3 cells further. */
        for (i = 0; i < n; i++) {
            Py_ssize_t a = (lo[i] < lo[i + 1] ? lo[i] : lo[i + 1]) - 3, b = (hi[i] > hi[i + 1] ? hi[i] : hi[i + 1]) + 3;
            plo[i] = a > 0 ? a : 0;
            phi[i] = b < m - 1 ? b : m - 1;
        }
        mark = arena_mark(arena);
        if (banded_dp(d, lo, hi, plo, phi, ratio, &found, &touched) < 0)
            return -1;
        if (!touched || width >= (double)(n > m ? n : m)) {
            /* keep the path, drop the tables under it */
            memcpy(kept, found.s, found.size * sizeof(Step));
            arena_release(arena, mark);
            path->s = kept;
            path->size = found.size;
            return 0;
        }
        arena_release(arena, mark);
        width *= 2;
    }
}

/* --- the lexicon: `learn_lexicon` for one document, `_use_lexicon` ------------------------ */

typedef struct {
    uint64_t *key;   /* (a << 32 | b) + 1; 0: empty */
    long *count;
    size_t mask;
    int shift;       /* 64 - log2(capacity): the slot is the product's top bits */
} PairCounts;

static long *pair_slot(PairCounts *h, uint64_t key) {
    size_t k = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> h->shift);
    while (h->key[k] && h->key[k] != key)
        k = (k + 1) & h->mask;
    if (!h->key[k]) {
        h->key[k] = key;
        h->count[k] = 0;
    }
    return &h->count[k];
}

typedef struct {
    Py_ssize_t a, b;             /* word ids */
    Py_ssize_t rank_a, rank_b;   /* their places in Python's string order */
    long c;
    double dice;
} Scored;

/* Python sorts (-dice, -c, a, b) */
static inline int scored_before(const Scored *p, const Scored *q) {
    if (p->dice != q->dice)
        return p->dice > q->dice;
    if (p->c != q->c)
        return p->c > q->c;
    if (p->rank_a != q->rank_a)
        return p->rank_a < q->rank_a;
    return p->rank_b < q->rank_b;
}

static void sort_scored(Scored *v, Scored *tmp, Py_ssize_t n) {
    Py_ssize_t half, a, b, k;
    if (n < 2)
        return;
    half = n / 2;
    sort_scored(v, tmp, half);
    sort_scored(v + half, tmp, n - half);
    a = 0;
    b = half;
    k = 0;
    while (a < half && b < n)
        tmp[k++] = scored_before(&v[b], &v[a]) ? v[b++] : v[a++];
    while (a < half)
        tmp[k++] = v[a++];
    while (b < n)
        tmp[k++] = v[b++];
    memcpy(v, tmp, n * sizeof(Scored));
}

typedef struct {
    const Scored *scored;
    const Py_ssize_t *lex;
} LearnedOrder;

/* each source word is in one pair: by its place in the string order */
static int learned_before(const void *ctx, Py_ssize_t x, Py_ssize_t y) {
    const LearnedOrder *o = ctx;
    return o->scored[o->lex[x]].rank_a < o->scored[o->lex[y]].rank_a;
}

static int word_before(const void *ctx, Py_ssize_t x, Py_ssize_t y) {
    PyObject *const *word = ctx;
    return PyUnicode_Compare(word[x], word[y]) < 0;   /* str < str: code point order */
}

/* rank[w] = the place, in Python's string order of `key`, of each word w that the scored pairs
 * name on one side (`b_side`: their target words, else their source words); `stamp` marks the
 * words seen (-2); `order` has room for n_scored ids. */
static int rank_words(Arena *arena, const Scored *scored, Py_ssize_t n_scored, int b_side, Py_ssize_t *stamp,
                      Py_ssize_t *order, Py_ssize_t *rank, PyObject *const *key) {
    Py_ssize_t k, n = 0;
    for (k = 0; k < n_scored; k++) {
        Py_ssize_t w = b_side ? scored[k].b : scored[k].a;
        if (stamp[w] != -2) {
            stamp[w] = -2;
            order[n++] = w;
        }
    }
    if (sort_indices(arena, order, n, word_before, key) < 0)
        return -1;
    for (k = 0; k < n; k++)
        rank[order[k]] = k;
    return 0;
}

/* A word's first four characters (`key[:4]`), zero-padded, and how many there are: two
 * prefixes are equal when these five numbers are. */
typedef struct {
    Py_UCS4 c[5];
} Prefix;

static void prefix_of(PyObject *key, Prefix *p) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(key), k;
    memset(p, 0, sizeof *p);
    if (n > 4)
        n = 4;
    for (k = 0; k < n; k++)
        p->c[k] = PyUnicode_READ_CHAR(key, k);
    p->c[4] = (Py_UCS4)n;
}

/* The distinct word keys of segments [from, to) of a side, into out; `stamp` marks them. */
static Py_ssize_t union_keys(const Side *s, Py_ssize_t from, Py_ssize_t to, Py_ssize_t *stamp, Py_ssize_t mark,
                             Py_ssize_t *out) {
    Py_ssize_t size = 0, i, k;
    for (i = from; i < to; i++)
        for (k = 0; k < s->keys[i].size; k++) {
            Py_ssize_t id = s->keys[i].id[k];
            if (stamp[id] != mark) {
                stamp[id] = mark;
                out[size++] = id;
            }
        }
    return size;
}

/* One side's words whose block counts lie in [low, max_df], numbered 0, 1, ... in id order:
 * compact[id] is that number (-1 for the others), word[number] the id, prefix[number] its
 * prefix; returns how many there are. */
static Py_ssize_t compact_words(Py_ssize_t n, const Py_ssize_t *count, double low, double max_df,
                                PyObject *const *key, Py_ssize_t *compact, Py_ssize_t *word, Prefix *prefix) {
    Py_ssize_t k, m = 0;
    for (k = 0; k < n; k++) {
        compact[k] = -1;
        if (low <= (double)count[k] && (double)count[k] <= max_df) {
            compact[k] = m;
            prefix_of(key[k], &prefix[m]);
            word[m++] = k;
        }
    }
    return m;
}

/* `learn_lexicon([(src keys, tgt keys, links)])`: the word pairs as (source id, target id),
 * sorted as Python sorts the (source, target) strings. */
static int learn_lexicon(Doc *d, const Path *links, Py_ssize_t **out_a, Py_ssize_t **out_b, Py_ssize_t *out_size) {
    Arena *arena = &d->arena;
    const Side *src = &d->src, *tgt = &d->tgt;
    Py_ssize_t ns = src->words.size, nt = tgt->words.size, n_blocks = 0, k, q, total_s = 0, total_t = 0;
    Py_ssize_t *cs = ZEROS(arena, Py_ssize_t, ns), *ct = ZEROS(arena, Py_ssize_t, nt);
    Py_ssize_t *stamp_s = NEW(arena, Py_ssize_t, ns), *stamp_t = NEW(arena, Py_ssize_t, nt);
    Py_ssize_t *block_s, *block_t, *size_s, *size_t_, *keys_s, *keys_t, *fs, *ft, *order, *rank_a, *rank_b, *lex;
    Py_ssize_t *compact_s, *compact_t, *word_s, *word_t, n_fs = 0, n_ft = 0;
    Py_ssize_t n_scored = 0, n_lex = 0;
    Prefix *prefix_s, *prefix_t;
    uint32_t *dense = NULL;
    char *taken_s, *taken_t;
    double max_df, low = d->o.lexicon_min_count;
    size_t bound = 0, cap = 16, slot;
    PairCounts h;
    Scored *scored, *tmp;
    LearnedOrder lo;
    memset(&h, 0, sizeof h);
    if (!cs || !ct || !stamp_s || !stamp_t)
        return -1;
    for (k = 0; k < ns; k++)
        stamp_s[k] = -1;
    for (k = 0; k < nt; k++)
        stamp_t[k] = -1;
    for (k = 0; k < links->size; k++) {
        const Step *s = &links->s[k];
        if (s->i > s->pi && s->j > s->pj) {
            n_blocks++;
            for (q = s->pi; q < s->i; q++)
                total_s += src->keys[q].size;
            for (q = s->pj; q < s->j; q++)
                total_t += tgt->keys[q].size;
        }
    }
    /* each block's word sets (sorted in Python; only their counts matter here) */
    block_s = NEW(arena, Py_ssize_t, n_blocks + 1);
    block_t = NEW(arena, Py_ssize_t, n_blocks + 1);
    size_s = NEW(arena, Py_ssize_t, n_blocks);
    size_t_ = NEW(arena, Py_ssize_t, n_blocks);
    keys_s = NEW(arena, Py_ssize_t, total_s);
    keys_t = NEW(arena, Py_ssize_t, total_t);
    fs = NEW(arena, Py_ssize_t, ns);
    ft = NEW(arena, Py_ssize_t, nt);
    if (!block_s || !block_t || !size_s || !size_t_ || !keys_s || !keys_t || !fs || !ft)
        return -1;
    n_blocks = 0;
    block_s[0] = block_t[0] = 0;
    for (k = 0; k < links->size; k++) {
        const Step *s = &links->s[k];
        if (!(s->i > s->pi && s->j > s->pj))
            continue;
        size_s[n_blocks] = union_keys(src, s->pi, s->i, stamp_s, n_blocks, keys_s + block_s[n_blocks]);
        size_t_[n_blocks] = union_keys(tgt, s->pj, s->j, stamp_t, n_blocks, keys_t + block_t[n_blocks]);
        for (q = 0; q < size_s[n_blocks]; q++)
            cs[keys_s[block_s[n_blocks] + q]]++;
        for (q = 0; q < size_t_[n_blocks]; q++)
            ct[keys_t[block_t[n_blocks] + q]]++;
        block_s[n_blocks + 1] = block_s[n_blocks] + size_s[n_blocks];
        block_t[n_blocks + 1] = block_t[n_blocks] + size_t_[n_blocks];
        n_blocks++;
    }
    max_df = d->o.lexicon_max_df * (double)n_blocks;
    if (!(max_df > 2.0))
        max_df = 2.0;   /* max(2.0, ...) */
    /* Only words seen often enough, and not too often, can pair: most words are hapaxes. They
     * get compact numbers and their prefixes. */
    compact_s = NEW(arena, Py_ssize_t, ns);
    compact_t = NEW(arena, Py_ssize_t, nt);
    word_s = NEW(arena, Py_ssize_t, ns);
    word_t = NEW(arena, Py_ssize_t, nt);
    prefix_s = NEW(arena, Prefix, ns);
    prefix_t = NEW(arena, Prefix, nt);
    if (!compact_s || !compact_t || !word_s || !word_t || !prefix_s || !prefix_t)
        return -1;
    n_fs = compact_words(ns, cs, low, max_df, src->words.key, compact_s, word_s, prefix_s);
    n_ft = compact_words(nt, ct, low, max_df, tgt->words.key, compact_t, word_t, prefix_t);
    for (k = 0; k < n_blocks; k++) {
        size_t a = 0, b = 0;
        for (q = 0; q < size_s[k]; q++)
            a += compact_s[keys_s[block_s[k] + q]] >= 0;
        for (q = 0; q < size_t_[k]; q++)
            b += compact_t[keys_t[block_t[k] + q]] >= 0;
        bound += a * b;
    }
    /* Co-occurrence counts of the pairs that do not share a prefix (those are left to the
     * cognate anchors): a matrix over the compact numbers where it is not much larger than the
     * pairs met, else a hash table. */
    if ((size_t)n_fs * (size_t)n_ft <= 4 * bound + 4096) {
        dense = ZEROS(arena, uint32_t, (size_t)n_fs * (size_t)n_ft);
        if (!dense)
            return -1;
    } else {
        h.shift = 60;
        while (cap < 2 * bound) {
            cap *= 2;
            h.shift--;
        }
        h.key = ZEROS(arena, uint64_t, cap);
        h.count = NEW(arena, long, cap);
        h.mask = cap - 1;
        if (!h.key || !h.count)
            return -1;
    }
    for (k = 0; k < n_blocks; k++) {
        Py_ssize_t nfs = 0, nft = 0, x, y;
        for (q = 0; q < size_s[k]; q++) {
            Py_ssize_t a = compact_s[keys_s[block_s[k] + q]];
            if (a >= 0)
                fs[nfs++] = a;
        }
        for (q = 0; q < size_t_[k]; q++) {
            Py_ssize_t b = compact_t[keys_t[block_t[k] + q]];
            if (b >= 0)
                ft[nft++] = b;
        }
        for (x = 0; x < nfs; x++)
            for (y = 0; y < nft; y++) {
                if (!memcmp(&prefix_s[fs[x]], &prefix_t[ft[y]], sizeof(Prefix)))
                    continue;
                if (dense)
                    dense[fs[x] * n_ft + ft[y]]++;
                else
                    (*pair_slot(&h, ((uint64_t)fs[x] << 32 | (uint64_t)ft[y]) + 1))++;
            }
    }
    /* Dice coefficients */
    scored = NEW(arena, Scored, bound);
    if (!scored)
        return -1;
    for (slot = 0; slot < (dense ? (size_t)n_fs * (size_t)n_ft : cap); slot++) {
        Py_ssize_t a, b;
        long c;
        double dice;
        if (dense) {
            c = (long)dense[slot];
            a = word_s[slot / n_ft];
            b = word_t[slot % n_ft];
        } else {
            if (!h.key[slot])
                continue;
            c = h.count[slot];
            a = word_s[(h.key[slot] - 1) >> 32];
            b = word_t[(h.key[slot] - 1) & 0xffffffffULL];
        }
        if (!c || (double)c < low)
            continue;
        dice = (double)(2 * c) / (double)(cs[a] + ct[b]);
        if (dice >= d->o.lexicon_min_dice) {
            scored[n_scored].a = a;
            scored[n_scored].b = b;
            scored[n_scored].c = c;
            scored[n_scored].dice = dice;
            n_scored++;
        }
    }
    /* the ranks of the words in Python's string order, for the ties */
    rank_a = NEW(arena, Py_ssize_t, ns);
    rank_b = NEW(arena, Py_ssize_t, nt);
    order = NEW(arena, Py_ssize_t, n_scored > ns + nt ? n_scored : ns + nt);
    if (!rank_a || !rank_b || !order)
        return -1;
    if (rank_words(arena, scored, n_scored, 0, stamp_s, order, rank_a, src->words.key) < 0 ||
        rank_words(arena, scored, n_scored, 1, stamp_t, order, rank_b, tgt->words.key) < 0)
        return -1;
    for (k = 0; k < n_scored; k++) {
        scored[k].rank_a = rank_a[scored[k].a];
        scored[k].rank_b = rank_b[scored[k].b];
    }
    tmp = NEW(arena, Scored, n_scored);
    if (!tmp)
        return -1;
    sort_scored(scored, tmp, n_scored);
    /* competitive linking: each word in one pair */
    taken_s = ZEROS(arena, char, ns);
    taken_t = ZEROS(arena, char, nt);
    lex = NEW(arena, Py_ssize_t, n_scored);
    if (!taken_s || !taken_t || !lex)
        return -1;
    for (k = 0; k < n_scored; k++) {
        const Scored *p = &scored[k];
        if (!taken_s[p->a] && !taken_t[p->b]) {
            taken_s[p->a] = taken_t[p->b] = 1;
            lex[n_lex++] = k;
        }
    }
    /* sorted(lexicon): each source word once, so by the source word */
    *out_a = NEW(arena, Py_ssize_t, n_lex);
    *out_b = NEW(arena, Py_ssize_t, n_lex);
    if (!*out_a || !*out_b)
        return -1;
    for (k = 0; k < n_lex; k++)
        order[k] = k;
    lo.scored = scored;
    lo.lex = lex;
    if (sort_indices(arena, order, n_lex, learned_before, &lo) < 0)
        return -1;
    for (k = 0; k < n_lex; k++) {
        (*out_a)[k] = scored[lex[order[k]]].a;
        (*out_b)[k] = scored[lex[order[k]]].b;
    }
    *out_size = n_lex;
    return 0;
}

/* `_use_lexicon`: one anchor "Lsource|target" per pair present on a side, after the base
 * anchors, in the order of the side's word keys and, per key, of the pairs (sorted). */
typedef struct {
    Py_ssize_t *first, *next, *tag;   /* per word: a list of tag ids, in pair order */
    Py_ssize_t *last;
} Tags;

static int tags_init(Arena *arena, Tags *t, Py_ssize_t n_words, Py_ssize_t n_pairs) {
    Py_ssize_t k;
    t->first = NEW(arena, Py_ssize_t, n_words);
    t->last = NEW(arena, Py_ssize_t, n_words);
    t->next = NEW(arena, Py_ssize_t, n_pairs);
    t->tag = NEW(arena, Py_ssize_t, n_pairs);
    if (!t->first || !t->last || !t->next || !t->tag)
        return -1;
    for (k = 0; k < n_words; k++)
        t->first[k] = t->last[k] = -1;
    return 0;
}

static void tags_add(Tags *t, Py_ssize_t word, Py_ssize_t entry, Py_ssize_t tag) {
    t->tag[entry] = tag;
    t->next[entry] = -1;
    if (t->last[word] < 0)
        t->first[word] = entry;
    else
        t->next[t->last[word]] = entry;
    t->last[word] = entry;
}

static int add_tags(Arena *arena, Side *s, const Tags *t) {
    Py_ssize_t i, k, e;
    Feats *feats = NEW(arena, Feats, s->n);
    if (!feats)
        return -1;
    for (i = 0; i < s->n; i++) {
        Py_ssize_t extra = 0, size = s->base[i].size;
        for (k = 0; k < s->keys[i].size; k++)
            for (e = t->first[s->keys[i].id[k]]; e >= 0; e = t->next[e])
                extra++;
        feats[i].f = NEW(arena, Feat, size + extra);
        if (!feats[i].f)
            return -1;
        memcpy(feats[i].f, s->base[i].f, size * sizeof(Feat));
        /* base + Counter(tags): a tag met twice (two pairs spelling the same tag) counts 2 */
        for (k = 0; k < s->keys[i].size; k++)
            for (e = t->first[s->keys[i].id[k]]; e >= 0; e = t->next[e]) {
                Py_ssize_t q;
                for (q = s->base[i].size; q < size; q++)
                    if (feats[i].f[q].id == t->tag[e])
                        break;
                if (q < size) {
                    feats[i].f[q].count++;
                } else {
                    feats[i].f[size].id = t->tag[e];
                    feats[i].f[size].count = 1;
                    feats[i].f[size].strong = 0;
                    size++;
                }
            }
        feats[i].size = size;
    }
    s->feats = feats;
    return 0;
}

/* Look a word key up on a side: its id, or -1 when no segment has it (-2 on error). */
static Py_ssize_t find_word(const Side *s, PyObject *key) {
    return names_get(&s->words, key);
}

/* `_use_lexicon(learned + given)`: learned as word ids (sorted), given as a list of pairs. */
static int use_lexicon(Doc *d, const Py_ssize_t *la, const Py_ssize_t *lb, Py_ssize_t n_learned, PyObject *given) {
    Arena *arena = &d->arena;
    PyObject *all = NULL;
    Py_ssize_t n_pairs, k;
    Tags ts, tt;
    int ok = -1;
    if (PyList_GET_SIZE(given)) {
        /* sorted(set(learned + given)), as Python makes it */
        PyObject *set;
        all = PyList_New(0);
        if (!all)
            return -1;
        for (k = 0; k < n_learned; k++) {
            PyObject *pair = PyTuple_Pack(2, d->src.words.key[la[k]], d->tgt.words.key[lb[k]]);
            if (!pair || PyList_Append(all, pair) < 0) {
                Py_XDECREF(pair);
                goto done;
            }
            Py_DECREF(pair);
        }
        for (k = 0; k < PyList_GET_SIZE(given); k++)
            if (PyList_Append(all, PyList_GET_ITEM(given, k)) < 0)
                goto done;
        set = PySet_New(all);
        if (!set)
            goto done;
        Py_SETREF(all, PySequence_List(set));
        Py_DECREF(set);
        if (!all || PyList_Sort(all) < 0)
            goto done;
        n_pairs = PyList_GET_SIZE(all);
    } else {
        n_pairs = n_learned;   /* already sorted and distinct */
    }
    if (tags_init(arena, &ts, d->src.words.size, n_pairs) < 0 || tags_init(arena, &tt, d->tgt.words.size, n_pairs) < 0)
        goto done;
    for (k = 0; k < n_pairs; k++) {
        PyObject *tag;
        Py_ssize_t a, b, id;
        if (all) {
            PyObject *pair = PySequence_Fast(PyList_GET_ITEM(all, k), "lexicon pairs"), *fa = NULL, *fb = NULL;
            if (!pair)
                goto done;
            if (PySequence_Fast_GET_SIZE(pair) != 2) {
                Py_DECREF(pair);
                PyErr_SetString(PyExc_ValueError, "a lexicon pair has two words");
                goto done;
            }
            a = find_word(&d->src, PySequence_Fast_GET_ITEM(pair, 0));
            b = find_word(&d->tgt, PySequence_Fast_GET_ITEM(pair, 1));
            /* f"L{a}|{b}" */
            if (a > -2 && b > -2) {
                fa = PyObject_Format(PySequence_Fast_GET_ITEM(pair, 0), NULL);
                fb = fa ? PyObject_Format(PySequence_Fast_GET_ITEM(pair, 1), NULL) : NULL;
            }
            tag = fa && fb ? PyUnicode_FromFormat("L%U|%U", fa, fb) : NULL;
            Py_XDECREF(fa);
            Py_XDECREF(fb);
            Py_DECREF(pair);
        } else {
            a = la[k];
            b = lb[k];
            tag = PyUnicode_FromFormat("L%U|%U", d->src.words.key[a], d->tgt.words.key[b]);
        }
        if (!tag)
            goto done;
        id = vocab_id(&d->vocab, tag);
        Py_DECREF(tag);
        if (id < 0)
            goto done;
        if (a >= 0)
            tags_add(&ts, a, k, id);
        if (b >= 0)
            tags_add(&tt, b, k, id);
    }
    if (add_tags(arena, &d->src, &ts) < 0 || add_tags(arena, &d->tgt, &tt) < 0)
        goto done;
    ok = 0;
done:
    Py_XDECREF(all);
    return ok;
}

/* tuple(range(start, end)) */
static PyObject *indices(Py_ssize_t start, Py_ssize_t end) {
    PyObject *t = PyTuple_New(end - start);
    Py_ssize_t k;
    if (!t)
        return NULL;
    for (k = start; k < end; k++) {
        PyObject *x = PyLong_FromSsize_t(k);
        if (!x) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, k - start, x);
    }
    return t;
}

static PyObject *align_document(PyObject *self, PyObject *args) {
    PyObject *src_o, *tgt_o, *src_lines, *tgt_lines, *given, *options_o, *tail_o, *result = NULL;
    Py_ssize_t rounds, k;
    Py_buffer tail = {NULL, NULL};
    Doc d;
    Path links;
    double *opt;

    memset(&d, 0, sizeof d);
    if (!PyArg_ParseTuple(args, "O!O!OOO!O!nO", &PyList_Type, &src_o, &PyList_Type, &tgt_o, &src_lines, &tgt_lines,
                          &PyList_Type, &given, &PyTuple_Type, &options_o, &rounds, &tail_o))
        return NULL;
    if (PyTuple_GET_SIZE(options_o) != N_OPTIONS) {
        PyErr_Format(PyExc_ValueError, "options: expected %d values", N_OPTIONS);
        return NULL;
    }
    if (PyObject_GetBuffer(tail_o, &tail, PyBUF_SIMPLE) < 0)
        return NULL;
    if (tail.len < (Py_ssize_t)(3001 * sizeof(double))) {
        PyErr_SetString(PyExc_ValueError, "tail: at least 3001 packed doubles");
        goto done;
    }
    d.tail = tail.buf;
    opt = &d.o.merge;
    for (k = 0; k < N_OPTIONS; k++) {
        opt[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(options_o, k));
        if (opt[k] == -1.0 && PyErr_Occurred())
            goto done;
    }
    if (read_side(&d, &d.src, src_o, src_lines, "source") < 0 || read_side(&d, &d.tgt, tgt_o, tgt_lines, "target") < 0)
        goto done;
    if (d.src.n < 1 || d.tgt.n < 1) {
        PyErr_SetString(PyExc_ValueError, "both sides need a segment");
        goto done;
    }
    if (PyList_GET_SIZE(given) && use_lexicon(&d, NULL, NULL, 0, given) < 0)
        goto done;
    if (run_round(&d, NULL, &links) < 0)
        goto done;
    for (k = 0; k < rounds - 1; k++) {
        Py_ssize_t *la, *lb, n_learned;
        if (learn_lexicon(&d, &links, &la, &lb, &n_learned) < 0 || use_lexicon(&d, la, lb, n_learned, given) < 0 ||
            run_round(&d, &links, &links) < 0)
            goto done;
    }
    result = PyList_New(links.size);
    if (!result)
        goto done;
    for (k = 0; k < links.size; k++) {
        const Step *s = &links.s[k];
        PyObject *item = Py_BuildValue("(NNd)", indices(s->pi, s->i), indices(s->pj, s->j), s->step);
        if (!item) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, k, item);
    }

done:
    if (tail.obj)
        PyBuffer_Release(&tail);
    names_free(&d.vocab.names);
    PyMem_Free(d.vocab.kind);
    names_free(&d.src.words);
    names_free(&d.tgt.words);
    arena_free(&d.arena);
    return result;
}

static PyMethodDef methods[] = {
    {"analyse", analyse, METH_VARARGS, "One segment's (length, anchors, strong anchors, word keys, junkiness)."},
    {"align", align_document, METH_VARARGS, "Align two analysed documents: [(source, target, step)]."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_aligndp", "The aligner in C.", -1, methods};

PyMODINIT_FUNC PyInit__aligndp(void) {
    static const char *names[6] = {"p?", "p!", "p:", "p;", "p(", "pq"};
    PyObject *m;
    int k;
    for (k = 0; k < 6; k++)
        if (!punct_keys[k] && !(punct_keys[k] = PyUnicode_InternFromString(names[k])))
            return NULL;
    if (!empty_tuple && !(empty_tuple = PyTuple_New(0)))
        return NULL;
    if (!keys_name && !(keys_name = PyUnicode_InternFromString("keys")))
        return NULL;
    if (PyType_Ready(&WordFactsType) < 0)
        return NULL;
    m = PyModule_Create(&module);
    if (!m)
        return NULL;
    Py_INCREF(&WordFactsType);
    if (PyModule_AddObject(m, "WordFacts", (PyObject *)&WordFactsType) < 0) {
        Py_DECREF(&WordFactsType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
