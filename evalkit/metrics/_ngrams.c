/* evalkit.metrics._ngrams: n-gram match statistics of chrF and BLEU in C, sacreBLEU's numbers.
 *
 * Optional accelerators of evalkit/metrics/fast_ngrams.py. For each order n = 1..max_order:
 * the number of hypothesis n-grams, of reference n-grams, and the clipped matches (sum over
 * distinct n-grams of min(count in hypothesis, count in reference)), as sacreBLEU's
 * CHRF._get_match_statistics and BLEU._compute_segment_statistics count them.
 *
 * char_stats(hyp, ref, max_order) -> [hyp, ref, match] * max_order, over the characters of two
 *     strings already preprocessed by the Python side (lowercased, whitespace removed); the
 *     hypothesis count is 0 for an order the reference has no n-gram of, as in sacreBLEU.
 * id_stats(hyp, ref, max_order) -> [match] * max_order + [hyp] * max_order, over two sequences
 *     of word ids (ints in 0..2**32-1; a hypothesis word absent from the reference may take
 *     any id the reference does not use).
 * word_stats(hyp, ref, max_order) -> [hyp, ref, match] * max_order over two sequences of word ids
 *     (as id_stats): chrF++'s word n-gram statistics, laid out as char_stats's.
 * regexp_tokenize(line) -> str: sacreBLEU's TokenizerRegexp (the second half of its 13a
 *     tokenizer): its four regular-expression substitutions, each a left-to-right scan of
 *     non-overlapping two-character matches as re.sub makes it, then whitespace collapsed as
 *     ' '.join(line.split()) does (str.isspace's whitespace).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    Py_ssize_t start;   /* -1: empty slot */
    Py_ssize_t left;    /* reference occurrences not yet matched */
} Slot;

static uint64_t hash_of(const uint32_t *s, Py_ssize_t n) {
    uint64_t h = 1469598103934665603ULL;
    Py_ssize_t k;
    for (k = 0; k < n; k++) {
        h ^= (uint64_t)s[k];
        h *= 1099511628211ULL;
    }
    return h ^ (h >> 29);
}

/* counts[3 * (n - 1) + 0..2] = hypothesis n-grams, reference n-grams, clipped matches. */
static int count_orders(const uint32_t *hyp, Py_ssize_t lh, const uint32_t *ref, Py_ssize_t lr, int max_order,
                        Py_ssize_t *counts) {
    Py_ssize_t size = 1, k;
    Slot *table;
    int n;
    while (size < 2 * (lr + 1))
        size <<= 1;
    table = PyMem_Malloc(size * sizeof(Slot));
    if (!table) {
        PyErr_NoMemory();
        return -1;
    }
    for (n = 1; n <= max_order; n++) {
        Py_ssize_t n_ref = lr - n + 1 > 0 ? lr - n + 1 : 0;
        Py_ssize_t n_hyp = lh - n + 1 > 0 ? lh - n + 1 : 0;
        Py_ssize_t matches = 0;
        for (k = 0; k < size; k++)
            table[k].start = -1;
        for (k = 0; k < n_ref; k++) {
            uint64_t slot = hash_of(ref + k, n) & (size - 1);
            for (;;) {
                Slot *s = &table[slot];
                if (s->start < 0) {
                    s->start = k;
                    s->left = 1;
                    break;
                }
                if (memcmp(ref + s->start, ref + k, n * sizeof(uint32_t)) == 0) {
                    s->left++;
                    break;
                }
                slot = (slot + 1) & (size - 1);
            }
        }
        for (k = 0; n_ref && k < n_hyp; k++) {
            uint64_t slot = hash_of(hyp + k, n) & (size - 1);
            for (;;) {
                Slot *s = &table[slot];
                if (s->start < 0)
                    break;
                if (memcmp(ref + s->start, hyp + k, n * sizeof(uint32_t)) == 0) {
                    if (s->left > 0) {
                        s->left--;
                        matches++;
                    }
                    break;
                }
                slot = (slot + 1) & (size - 1);
            }
        }
        counts[3 * (n - 1)] = n_hyp;
        counts[3 * (n - 1) + 1] = n_ref;
        counts[3 * (n - 1) + 2] = matches;
    }
    PyMem_Free(table);
    return 0;
}

static uint32_t *from_string(PyObject *text, Py_ssize_t *size) {
    /* Py_UCS4 is a 32-bit unsigned code point */
    Py_UCS4 *copy = PyUnicode_AsUCS4Copy(text);
    *size = copy ? PyUnicode_GetLength(text) : 0;
    return (uint32_t *)copy;
}

static uint32_t *from_ids(PyObject *seq, Py_ssize_t *size) {
    PyObject *fast = PySequence_Fast(seq, "word ids must be a sequence");
    Py_ssize_t k, n;
    uint32_t *out;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    out = PyMem_Malloc((n ? n : 1) * sizeof(uint32_t));
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (k = 0; k < n; k++) {
        unsigned long v = PyLong_AsUnsignedLong(PySequence_Fast_GET_ITEM(fast, k));
        if (v == (unsigned long)-1 && PyErr_Occurred()) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
        if (v > 0xFFFFFFFFUL) {
            PyErr_SetString(PyExc_OverflowError, "word ids must be below 2**32");
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
        out[k] = (uint32_t)v;
    }
    Py_DECREF(fast);
    *size = n;
    return out;
}

/* chars: the inputs are strings (else word id sequences); triples: [hyp, ref, match] per order
 * (else BLEU's layout, matches then hypothesis n-grams). */
static PyObject *stats(PyObject *args, const char *format, int chars, int triples) {
    PyObject *hyp_obj, *ref_obj, *out = NULL;
    int max_order, n;
    uint32_t *hyp = NULL, *ref = NULL;
    Py_ssize_t lh = 0, lr = 0, *counts = NULL;

    if (!PyArg_ParseTuple(args, format, &hyp_obj, &ref_obj, &max_order))
        return NULL;
    if (max_order < 1) {
        PyErr_SetString(PyExc_ValueError, "max_order must be at least 1");
        return NULL;
    }
    if (chars) {
        hyp = from_string(hyp_obj, &lh);
        ref = hyp ? from_string(ref_obj, &lr) : NULL;
    } else {
        hyp = from_ids(hyp_obj, &lh);
        ref = hyp ? from_ids(ref_obj, &lr) : NULL;
    }
    if (!hyp || !ref)
        goto done;
    counts = PyMem_Malloc(3 * (size_t)max_order * sizeof(Py_ssize_t));
    if (!counts) {
        PyErr_NoMemory();
        goto done;
    }
    if (count_orders(hyp, lh, ref, lr, max_order, counts) < 0)
        goto done;
    out = PyList_New((triples ? 3 : 2) * (Py_ssize_t)max_order);
    if (!out)
        goto done;
    for (n = 0; n < max_order; n++) {
        Py_ssize_t h = counts[3 * n], r = counts[3 * n + 1], m = counts[3 * n + 2];
        Py_ssize_t values[3];
        int v;
        if (triples) { /* [hyp (0 without reference n-grams), ref, match] per order */
            values[0] = r ? h : 0;
            values[1] = r;
            values[2] = m;
            for (v = 0; v < 3; v++) {
                PyObject *x = PyLong_FromSsize_t(values[v]);
                if (!x) {
                    Py_CLEAR(out);
                    goto done;
                }
                PyList_SET_ITEM(out, 3 * n + v, x);
            }
        } else {       /* matches of every order, then hypothesis n-grams of every order */
            PyObject *x = PyLong_FromSsize_t(m), *y = PyLong_FromSsize_t(h);
            if (!x || !y) {
                Py_XDECREF(x);
                Py_XDECREF(y);
                Py_CLEAR(out);
                goto done;
            }
            PyList_SET_ITEM(out, n, x);
            PyList_SET_ITEM(out, max_order + n, y);
        }
    }

done:
    PyMem_Free(hyp);
    PyMem_Free(ref);
    PyMem_Free(counts);
    return out;
}

/* ([\{-\~\[-\` -\&\(-\+\:-\@\/]): ASCII punctuation and symbols but ' , - . (and space) */
static int spaced_symbol(Py_UCS4 c) {
    return (c >= 0x7B && c <= 0x7E) || (c >= 0x5B && c <= 0x60) || (c >= 0x20 && c <= 0x26) ||
           (c >= 0x28 && c <= 0x2B) || (c >= 0x3A && c <= 0x40) || c == 0x2F;
}

static int ascii_digit(Py_UCS4 c) { return c >= '0' && c <= '9'; }

static int period_or_comma(Py_UCS4 c) { return c == '.' || c == ','; }

static PyObject *regexp_tokenize(PyObject *self, PyObject *args) {
    PyObject *line, *out = NULL;
    Py_UCS4 *in = NULL, *a = NULL, *b = NULL;
    Py_ssize_t n, i, la = 0, lb = 0, k;

    if (!PyArg_ParseTuple(args, "U", &line))
        return NULL;
    n = PyUnicode_GetLength(line);
    in = PyUnicode_AsUCS4Copy(line);
    /* each step adds at most two spaces per input character (1: symbols, 2 and 3: . and ,,
     * 4: -): 9n in all */
    a = PyMem_Malloc((12 * n + 1) * sizeof(Py_UCS4));
    b = PyMem_Malloc((12 * n + 1) * sizeof(Py_UCS4));
    if (!in || !a || !b) {
        if (in)
            PyErr_NoMemory();
        goto done;
    }
    /* 1. r' \1 ' around every symbol */
    for (i = 0; i < n; i++) {
        if (spaced_symbol(in[i])) {
            a[la++] = ' ';
            a[la++] = in[i];
            a[la++] = ' ';
        } else
            a[la++] = in[i];
    }
    /* 2. ([^0-9])([\.,]) -> r'\1 \2 ' */
    for (i = 0; i < la;) {
        if (i + 1 < la && !ascii_digit(a[i]) && period_or_comma(a[i + 1])) {
            b[lb++] = a[i];
            b[lb++] = ' ';
            b[lb++] = a[i + 1];
            b[lb++] = ' ';
            i += 2;
        } else
            b[lb++] = a[i++];
    }
    /* 3. ([\.,])([^0-9]) -> r' \1 \2' */
    la = 0;
    for (i = 0; i < lb;) {
        if (i + 1 < lb && period_or_comma(b[i]) && !ascii_digit(b[i + 1])) {
            a[la++] = ' ';
            a[la++] = b[i];
            a[la++] = ' ';
            a[la++] = b[i + 1];
            i += 2;
        } else
            a[la++] = b[i++];
    }
    /* 4. ([0-9])(-) -> r'\1 \2 ' */
    lb = 0;
    for (i = 0; i < la;) {
        if (i + 1 < la && ascii_digit(a[i]) && a[i + 1] == '-') {
            b[lb++] = a[i];
            b[lb++] = ' ';
            b[lb++] = '-';
            b[lb++] = ' ';
            i += 2;
        } else
            b[lb++] = a[i++];
    }
    /* 5. ' '.join(line.split()) */
    k = 0;
    for (i = 0; i < lb; i++) {
        if (Py_UNICODE_ISSPACE(b[i])) {
            if (k && a[k - 1] != ' ')
                a[k++] = ' ';
        } else
            a[k++] = b[i];
    }
    if (k && a[k - 1] == ' ')
        k--;
    out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, a, k);

done:
    PyMem_Free(in);
    PyMem_Free(a);
    PyMem_Free(b);
    return out;
}

static PyObject *char_stats(PyObject *self, PyObject *args) { return stats(args, "UUi", 1, 1); }

static PyObject *id_stats(PyObject *self, PyObject *args) { return stats(args, "OOi", 0, 0); }

static PyObject *word_stats(PyObject *self, PyObject *args) { return stats(args, "OOi", 0, 1); }

static PyMethodDef methods[] = {
    {"char_stats", char_stats, METH_VARARGS,
     "char_stats(hyp, ref, max_order) -> [hyp, ref, match] per character n-gram order"},
    {"id_stats", id_stats, METH_VARARGS,
     "id_stats(hyp_ids, ref_ids, max_order) -> matches per order, then hypothesis n-grams per order"},
    {"regexp_tokenize", regexp_tokenize, METH_VARARGS,
     "regexp_tokenize(line) -> sacreBLEU's TokenizerRegexp()(line)"},
    {"word_stats", word_stats, METH_VARARGS,
     "word_stats(hyp_ids, ref_ids, max_order) -> [hyp, ref, match] per word n-gram order"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ngrams", "chrF and BLEU n-gram statistics in C.", -1,
                                    methods};

PyMODINIT_FUNC PyInit__ngrams(void) { return PyModule_Create(&module); }
