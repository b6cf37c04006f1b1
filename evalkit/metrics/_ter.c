/* evalkit.metrics._ter: sacreBLEU's translation edit rate in C, the same numbers.
 *
 * An optional accelerator of evalkit/metrics/fast_ter.py, which documents the algorithm: the
 * beam edit distance of sacrebleu/metrics/lib_ter.py with its tie-breaking, Tercom's greedy
 * shift search and its candidate budget, over integer word ids (every hypothesis word absent
 * from the reference is -1). Where the Python keeps a prefix cache of edit-distance rows, this
 * keeps the rows of the current hypothesis and starts each shifted candidate's distance from
 * the first word the shift moves: rows depend only on the words before them and the lengths,
 * so the costs are the same. tests/test_fast_ter.py checks both against sacreBLEU.
 *
 * edit_rate(hyp, ref, beam_width, max_shift_size, max_shift_dist, max_candidates, infinity)
 *     -> number of edits (shifts + edit distance), hyp and ref sequences of ints, ref not empty.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { NOP = 0, SUB = 1, INS = 2, DEL = 3 };

typedef struct {
    Py_ssize_t n, m;          /* hypothesis and reference lengths */
    const long *ref;
    int64_t inf;
    int beam_width;
} Ctx;

/* The beam of lib_ter.BeamEditDistance for a hypothesis of n words. */
static void beam_of(const Ctx *c, double *ratio, Py_ssize_t *beam) {
    *ratio = c->n ? (double)c->m / (double)c->n : 1.0;
    if ((double)c->beam_width < *ratio / 2)
        *beam = (Py_ssize_t)ceil(*ratio / 2 + c->beam_width);
    else
        *beam = c->beam_width;
}

/* Row i (1-based) of the cost matrix from row i-1, for hypothesis word `word`. */
static void next_row(const Ctx *c, Py_ssize_t i, double ratio, Py_ssize_t beam, long word,
                     const int64_t *prev, int64_t *cur) {
    Py_ssize_t m = c->m, j, lo, hi, diag = (Py_ssize_t)floor((double)i * ratio);
    int64_t left, inf = c->inf;
    lo = diag - beam > 0 ? diag - beam : 0;
    hi = i == c->n ? m + 1 : (diag + beam < m + 1 ? diag + beam : m + 1);
    for (j = 0; j <= m; j++)
        cur[j] = inf;
    j = lo;
    if (lo == 0) {
        cur[0] = prev[0] + 1;
        j = 1;
    }
    left = cur[j - 1];   /* j >= 1 here */
    for (; j < hi; j++) {
        int64_t best = prev[j - 1] + (c->ref[j - 1] == word ? 0 : 1);
        if (prev[j] + 1 < best)
            best = prev[j] + 1;
        if (left + 1 < best)
            best = left + 1;
        if (best > inf)
            best = inf;
        cur[j] = left = best;
    }
}

/* All rows of the cost matrix of `hyp` into `rows` ((n+1) x (m+1)), from row `start` on
 * (rows 0..start already filled). */
static void fill_rows(const Ctx *c, const long *hyp, int64_t *rows, Py_ssize_t start) {
    double ratio;
    Py_ssize_t beam, i, w = c->m + 1;
    beam_of(c, &ratio, &beam);
    for (i = start + 1; i <= c->n; i++)
        next_row(c, i, ratio, beam, hyp[i - 1], rows + (i - 1) * w, rows + i * w);
}

/* The distance of `hyp` whose rows 0..start equal those in `rows`, with two scratch rows. */
static int64_t distance_from(const Ctx *c, const long *hyp, const int64_t *rows, Py_ssize_t start,
                             int64_t *a, int64_t *b) {
    double ratio;
    Py_ssize_t beam, i, w = c->m + 1;
    const int64_t *prev = rows + start * w;
    int64_t *cur = a, *spare = b;
    if (start == c->n)
        return prev[c->m];
    beam_of(c, &ratio, &beam);
    for (i = start + 1; i <= c->n; i++) {
        int64_t *t;
        next_row(c, i, ratio, beam, hyp[i - 1], prev, cur);
        prev = cur;
        t = spare;
        spare = cur;
        cur = t;
    }
    return prev[c->m];
}

/* The trace (hypothesis -> reference) recovered from the costs; returns its length or -1. */
static Py_ssize_t trace_of(const Ctx *c, const long *hyp, const int64_t *rows, int *trace) {
    Py_ssize_t i = c->n, j = c->m, k = 0, w = c->m + 1, a, b;
    while (i > 0 || j > 0) {
        int op;
        if (i == 0) {
            op = INS;
        } else if (j == 0) {
            op = DEL;
        } else {
            const int64_t *above = rows + (i - 1) * w, *here = rows + i * w;
            int equal = hyp[i - 1] == c->ref[j - 1];
            int64_t best = above[j - 1] + (equal ? 0 : 1);
            op = equal ? NOP : SUB;
            if (best >= c->inf) {
                best = c->inf;
                op = -1;
            }
            if (above[j] + 1 < best) {
                best = above[j] + 1;
                op = DEL;
            }
            if (here[j - 1] + 1 < best)
                op = INS;
            if (op < 0)
                return -1;
        }
        trace[k++] = op;
        if (op == NOP || op == SUB) {
            i--;
            j--;
        } else if (op == INS) {
            j--;
        } else {
            i--;
        }
    }
    for (a = 0, b = k - 1; a < b; a++, b--) {
        int t = trace[a];
        trace[a] = trace[b];
        trace[b] = t;
    }
    return k;
}

static void perform_shift(const long *words, Py_ssize_t n, Py_ssize_t start, Py_ssize_t length,
                          Py_ssize_t target, long *out) {
    Py_ssize_t k = 0, x;
    /* Python slices: bounds clamped to the list */
#define COPY(from, to) for (x = (from); x < ((to) < n ? (to) : n); x++) out[k++] = words[x]
    if (target < start) {
        COPY(0, target); COPY(start, start + length); COPY(target, start); COPY(start + length, n);
    } else if (target > start + length) {
        COPY(0, start); COPY(start + length, target); COPY(start, start + length); COPY(target, n);
    } else {
        COPY(0, start); COPY(start + length, length + target); COPY(start, start + length);
        COPY(length + target, n);
    }
#undef COPY
}

static int any_set(const char *flags, Py_ssize_t from, Py_ssize_t to, Py_ssize_t size) {
    Py_ssize_t k;
    if (to > size)
        to = size;
    for (k = from; k < to; k++)
        if (flags[k])
            return 1;
    return 0;
}

static long *as_longs(PyObject *seq, Py_ssize_t *size, const char *what) {
    PyObject *fast = PySequence_Fast(seq, what);
    Py_ssize_t k, n;
    long *out;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    out = PyMem_Malloc((n ? n : 1) * sizeof(long));
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (k = 0; k < n; k++) {
        out[k] = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, k));
        if (out[k] == -1 && PyErr_Occurred()) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    *size = n;
    return out;
}

static PyObject *edit_rate(PyObject *self, PyObject *args) {
    PyObject *hyp_obj, *ref_obj, *result = NULL;
    int beam_width, max_size, max_dist, max_candidates;
    long long inf;
    Py_ssize_t n = 0, m = 0, w, k, checked = 0, shifts = 0;
    long *hyp = NULL, *ref = NULL, *current = NULL, *shifted = NULL, *best_words = NULL;
    Py_ssize_t *first = NULL, *next = NULL, *align = NULL;
    int64_t *rows = NULL, *scratch = NULL;
    int *trace = NULL;
    char *hyp_err = NULL, *ref_err = NULL;
    Ctx c;

    if (!PyArg_ParseTuple(args, "OOiiiiL", &hyp_obj, &ref_obj, &beam_width, &max_size, &max_dist,
                          &max_candidates, &inf))
        return NULL;
    if (!(hyp = as_longs(hyp_obj, &n, "hypothesis ids")) || !(ref = as_longs(ref_obj, &m, "reference ids")))
        goto done;
    if (m == 0) {
        PyErr_SetString(PyExc_ValueError, "empty reference");
        goto done;
    }
    w = m + 1;
    current = PyMem_Malloc((n + 1) * sizeof(long));
    shifted = PyMem_Malloc((n + 1) * sizeof(long));
    best_words = PyMem_Malloc((n + 1) * sizeof(long));
    rows = PyMem_Malloc((size_t)(n + 1) * w * sizeof(int64_t));
    scratch = PyMem_Malloc(2 * w * sizeof(int64_t));
    trace = PyMem_Malloc((n + m + 1) * sizeof(int));
    hyp_err = PyMem_Malloc(n + m + 1);
    ref_err = PyMem_Malloc(n + m + 1);
    align = PyMem_Malloc(w * sizeof(Py_ssize_t));
    /* reference positions of each word id, ascending: first[id] -> next[pos] chains */
    first = PyMem_Malloc(w * sizeof(Py_ssize_t));
    next = PyMem_Malloc(w * sizeof(Py_ssize_t));
    if (!current || !shifted || !best_words || !rows || !scratch || !trace || !hyp_err || !ref_err ||
        !align || !first || !next) {
        PyErr_NoMemory();
        goto done;
    }
    /* ids are the order of first appearance in the reference: 0..m-1 */
    for (k = 0; k < m; k++)
        first[k] = -1;
    for (k = m - 1; k >= 0; k--) {
        if (ref[k] < 0 || ref[k] >= m) {
            PyErr_SetString(PyExc_ValueError, "reference ids must be 0..len(ref)-1");
            goto done;
        }
        next[k] = first[ref[k]];
        first[ref[k]] = k;
    }
    memcpy(current, hyp, n * sizeof(long));
    c.n = n;
    c.m = m;
    c.ref = ref;
    c.inf = (int64_t)inf;
    c.beam_width = beam_width;
    for (k = 0; k <= m; k++)
        rows[k] = k;

    for (;;) {
        /* one round of _shift: the best shift of `current`, if any gains */
        Py_ssize_t len, pos_h = -1, pos_r = -1, n_herr = 0, n_rerr = 0, start_h;
        int64_t pre_score, best_gain = 0;
        Py_ssize_t best_len = 0, best_start = 0, best_idx = 0;
        int have_best = 0, stop = 0;

        fill_rows(&c, current, rows, 0);
        pre_score = rows[n * w + m];
        len = trace_of(&c, current, rows, trace);
        if (len < 0) {
            PyErr_SetString(PyExc_RuntimeError, "TER trace left the beam");
            goto done;
        }
        for (k = 0; k <= m; k++)
            align[k] = -2;   /* absent */
        for (k = 0; k < len; k++) {
            int op = trace[k];
            if (op == NOP || op == SUB) {
                pos_h++;
                pos_r++;
                align[pos_r] = pos_h;
                hyp_err[n_herr++] = op == SUB;
                ref_err[n_rerr++] = op == SUB;
            } else if (op == DEL) {
                pos_h++;
                hyp_err[n_herr++] = 1;
            } else {
                pos_r++;
                align[pos_r] = pos_h;
                ref_err[n_rerr++] = 1;
            }
        }
        for (start_h = 0; start_h < n && !stop; start_h++) {
            long word = current[start_h];
            Py_ssize_t start_r;
            if (word < 0)
                continue;
            for (start_r = first[word]; start_r >= 0 && !stop; start_r = next[start_r]) {
                Py_ssize_t length = 0;
                if ((start_r > start_h ? start_r - start_h : start_h - start_r) > max_dist)
                    continue;
                while (current[start_h + length] == ref[start_r + length] && length < max_size) {
                    Py_ssize_t offset, prev_idx = -1;
                    int last;
                    length++;
                    last = n == start_h + length || m == start_r + length;
                    /* the candidate (start_h, start_r, length) */
                    if (any_set(hyp_err, start_h, start_h + length, n_herr) &&
                        any_set(ref_err, start_r, start_r + length, n_rerr) &&
                        !(start_h <= align[start_r] && align[start_r] < start_h + length)) {
                        for (offset = -1; offset < length; offset++) {
                            Py_ssize_t idx, from;
                            int64_t gain;
                            if (start_r + offset == -1)
                                idx = 0;
                            else if (align[start_r + offset] != -2)
                                idx = align[start_r + offset] + 1;
                            else
                                break;
                            if (idx == prev_idx)
                                continue;
                            prev_idx = idx;
                            perform_shift(current, n, start_h, length, idx, shifted);
                            from = idx < start_h ? idx : start_h;
                            gain = pre_score - distance_from(&c, shifted, rows, from, scratch, scratch + w);
                            checked++;
                            /* rank (gain, length, -start_h, -idx); the first of equals wins */
                            if (!have_best || gain > best_gain ||
                                (gain == best_gain && (length > best_len ||
                                 (length == best_len && (start_h < best_start ||
                                  (start_h == best_start && idx < best_idx)))))) {
                                have_best = 1;
                                best_gain = gain;
                                best_len = length;
                                best_start = start_h;
                                best_idx = idx;
                                memcpy(best_words, shifted, n * sizeof(long));
                            }
                        }
                        if (checked >= max_candidates)
                            stop = 1;
                    }
                    if (last || stop)
                        break;
                }
            }
        }
        if (checked >= max_candidates || !have_best || best_gain <= 0)
            break;
        shifts++;
        memcpy(current, best_words, n * sizeof(long));
    }
    fill_rows(&c, current, rows, 0);
    result = PyLong_FromSsize_t(shifts + (Py_ssize_t)rows[n * w + m]);

done:
    PyMem_Free(hyp);
    PyMem_Free(ref);
    PyMem_Free(current);
    PyMem_Free(shifted);
    PyMem_Free(best_words);
    PyMem_Free(rows);
    PyMem_Free(scratch);
    PyMem_Free(trace);
    PyMem_Free(hyp_err);
    PyMem_Free(ref_err);
    PyMem_Free(align);
    PyMem_Free(first);
    PyMem_Free(next);
    return result;
}

static PyMethodDef methods[] = {
    {"edit_rate", edit_rate, METH_VARARGS,
     "edit_rate(hyp, ref, beam_width, max_shift_size, max_shift_dist, max_candidates, infinity) -> edits"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_ter", "sacreBLEU's TER edit rate in C.", -1, methods};

PyMODINIT_FUNC PyInit__ter(void) { return PyModule_Create(&module); }
