/* evalkit._aligndp: the aligner's banded dynamic programme in C, the same links.
 *
 * An optional accelerator of evalkit/align.py's `_banded_dp` (and of `_pair_matches` and its
 * `block_match`), which document the cost model. Python prepares the band, the per-segment
 * sums and each segment's anchors as (id, count, strong) triples in the order of its Counter;
 * this computes the pairwise anchor matches, runs the rows and the backtrace, with the same
 * arithmetic in the same order (so the same floating-point costs and tie-breaking).
 *
 * run(n, m, lo, hi, pair_lo, pair_hi, s_feats, t_feats, weights, s_cum, t_cum, s_w, t_w, s_sw,
 *     t_sw, skip_s, skip_t, junk_s, glue_s, junk_t, glue_t, blocks, params, tail)
 *   -> (list of (pi, i, pj, j, step) in document order, touched)
 * s_feats / t_feats: per segment, a sequence of (anchor id, count, strong); weights: per anchor
 * id; blocks: sequence of (a, b, prior); params: (ratio, variance, length_weight, match_weight,
 * miss_weight); tail: the length cost table for z = 0, 0.01, ... (at least 3000 entries).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BLOCKS 16

typedef struct {
    Py_ssize_t lo, size;   /* dense row: j in [lo, lo + size) */
    double *v;
} Dense;

static double *doubles(PyObject *seq, Py_ssize_t want, const char *what) {
    PyObject *fast = PySequence_Fast(seq, what);
    Py_ssize_t k, n;
    double *out;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    if (want >= 0 && n != want) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd values, got %zd", what, want, n);
        Py_DECREF(fast);
        return NULL;
    }
    out = PyMem_Malloc((n ? n : 1) * sizeof(double));
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (k = 0; k < n; k++) {
        out[k] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(fast, k));
        if (out[k] == -1.0 && PyErr_Occurred()) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    return out;
}

static Py_ssize_t *sizes(PyObject *seq, Py_ssize_t want, const char *what) {
    PyObject *fast = PySequence_Fast(seq, what);
    Py_ssize_t k, n;
    Py_ssize_t *out;
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    if (n != want) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd values, got %zd", what, want, n);
        Py_DECREF(fast);
        return NULL;
    }
    out = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (k = 0; k < n; k++) {
        out[k] = PyLong_AsSsize_t(PySequence_Fast_GET_ITEM(fast, k));
        if (out[k] == -1 && PyErr_Occurred()) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
    }
    Py_DECREF(fast);
    return out;
}

typedef struct {
    Py_ssize_t id;
    long count;
    int strong;
} Feat;

typedef struct {
    Feat *f;
    Py_ssize_t size;
} Feats;

/* Per segment, its anchors as (id, count, strong), in the order given. */
static Feats *features(PyObject *seq, Py_ssize_t n, Py_ssize_t n_ids, const char *what) {
    PyObject *fast = PySequence_Fast(seq, what);
    Feats *out;
    Py_ssize_t i, k;
    if (!fast)
        return NULL;
    if (PySequence_Fast_GET_SIZE(fast) != n) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd segments", what, n);
        Py_DECREF(fast);
        return NULL;
    }
    out = PyMem_Calloc(n ? n : 1, sizeof(Feats));
    if (!out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (i = 0; i < n; i++) {
        PyObject *row = PySequence_Fast(PySequence_Fast_GET_ITEM(fast, i), what);
        Py_ssize_t size;
        if (!row)
            goto fail;
        size = PySequence_Fast_GET_SIZE(row);
        out[i].size = size;
        out[i].f = PyMem_Malloc((size ? size : 1) * sizeof(Feat));
        if (!out[i].f) {
            Py_DECREF(row);
            PyErr_NoMemory();
            goto fail;
        }
        for (k = 0; k < size; k++) {
            Feat *x = &out[i].f[k];
            if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(row, k), "nlp", &x->id, &x->count, &x->strong)) {
                Py_DECREF(row);
                goto fail;
            }
            if (x->id < 0 || x->id >= n_ids) {
                PyErr_Format(PyExc_ValueError, "%s: anchor id %zd has no weight", what, x->id);
                Py_DECREF(row);
                goto fail;
            }
        }
        Py_DECREF(row);
    }
    Py_DECREF(fast);
    return out;
fail:
    for (i = 0; i < n; i++)
        PyMem_Free(out[i].f);
    PyMem_Free(out);
    Py_DECREF(fast);
    return NULL;
}

static void free_features(Feats *feats, Py_ssize_t n) {
    Py_ssize_t i;
    if (!feats)
        return;
    for (i = 0; i < n; i++)
        PyMem_Free(feats[i].f);
    PyMem_Free(feats);
}

static const Feat *find(const Feats *seg, Py_ssize_t id) {
    Py_ssize_t k;
    for (k = 0; k < seg->size; k++)
        if (seg->f[k].id == id)
            return &seg->f[k];
    return NULL;
}

/* _pair_matches: for every source segment i and target j in [pair_lo[i], pair_hi[i]], the
 * matched anchor weight and the matched weight of names and numbers (times the sides where
 * they are strong), summed over i's anchors in order, as dense rows. */
static int pair_matches(const Feats *sf, Py_ssize_t n, const Feats *tf, Py_ssize_t m, Py_ssize_t n_ids,
                        const double *weights, const Py_ssize_t *pair_lo, const Py_ssize_t *pair_hi,
                        Dense *matches, Dense *strong) {
    /* postings: the target segments of each anchor id, ascending, with their feature */
    Py_ssize_t *start = PyMem_Calloc(n_ids + 1, sizeof(Py_ssize_t)), *fill = NULL, i, j, k, total = 0;
    Py_ssize_t *post_j = NULL;
    const Feat **post_f = NULL;
    int ok = -1;
    if (!start)
        goto done;
    for (j = 0; j < m; j++)
        for (k = 0; k < tf[j].size; k++)
            start[tf[j].f[k].id + 1]++;
    for (k = 0; k < n_ids; k++)
        start[k + 1] += start[k];
    total = start[n_ids];
    fill = PyMem_Malloc((n_ids ? n_ids : 1) * sizeof(Py_ssize_t));
    post_j = PyMem_Malloc((total ? total : 1) * sizeof(Py_ssize_t));
    post_f = PyMem_Malloc((total ? total : 1) * sizeof(Feat *));
    if (!fill || !post_j || !post_f)
        goto done;
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
        matches[i].v = PyMem_Calloc(size, sizeof(double));
        strong[i].v = PyMem_Calloc(size, sizeof(double));
        if (!matches[i].v || !strong[i].v)
            goto done;
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
    ok = 0;
done:
    if (ok < 0 && !PyErr_Occurred())
        PyErr_NoMemory();
    PyMem_Free(start);
    PyMem_Free(fill);
    PyMem_Free(post_j);
    PyMem_Free(post_f);
    return ok;
}

/* block_match: the block's anchors matched as multisets (a name in two source segments and once
 * in the target counts once), keys taken in the order Python's dict collects them. */
static void block_match(const Feats *sf, const Feats *tf, const double *weights, const Py_ssize_t *pair_lo,
                        const Py_ssize_t *pair_hi, Py_ssize_t i0, Py_ssize_t i1, Py_ssize_t j0, Py_ssize_t j1,
                        Py_ssize_t *keys, unsigned *seen, unsigned generation, double *total_out,
                        double *strong_out) {
    Py_ssize_t n_keys = 0, i, j, k, q;
    double total = 0.0, total_strong = 0.0;
    for (i = i0; i < i1; i++)
        for (j = j0; j < j1; j++) {
            if (j < pair_lo[i] || j > pair_hi[i])
                continue;
            for (k = 0; k < sf[i].size; k++) {
                Py_ssize_t id = sf[i].f[k].id;
                if (seen[id] != generation && find(&tf[j], id)) {
                    seen[id] = generation;
                    keys[n_keys++] = id;
                }
            }
        }
    for (q = 0; q < n_keys; q++) {
        Py_ssize_t id = keys[q];
        long cx = 0, cy = 0;
        int strong_x = 0, strong_y = 0;
        double v;
        for (i = i0; i < i1; i++) {
            const Feat *x = find(&sf[i], id);
            if (x) {
                cx += x->count;
                strong_x |= x->strong;
            }
        }
        for (j = j0; j < j1; j++) {
            const Feat *y = find(&tf[j], id);
            if (y) {
                cy += y->count;
                strong_y |= y->strong;
            }
        }
        v = weights[id] * (double)(cx < cy ? cx : cy);
        total += v;
        total_strong += v * (strong_x + strong_y);
    }
    *total_out = total;
    *strong_out = total_strong;
}

static void free_rows(Dense *rows, Py_ssize_t n) {
    Py_ssize_t i;
    if (!rows)
        return;
    for (i = 0; i < n; i++)
        PyMem_Free(rows[i].v);
    PyMem_Free(rows);
}

/* dict.get(j, 0.0) of a dense row */
static inline double at(const Dense *row, Py_ssize_t j) {
    Py_ssize_t k = j - row->lo;
    return (k >= 0 && k < row->size) ? row->v[k] : 0.0;
}

static PyObject *run(PyObject *self, PyObject *args) {
    Py_ssize_t n, m;
    PyObject *lo_o, *hi_o, *plo_o, *phi_o, *s_feats_o, *t_feats_o, *weights_o, *s_cum_o, *t_cum_o, *s_w_o,
        *t_w_o, *s_sw_o, *t_sw_o, *skip_s_o, *skip_t_o, *junk_s_o, *glue_s_o, *junk_t_o, *glue_t_o, *blocks_o,
        *params_o, *tail_o;
    Py_ssize_t *lo = NULL, *hi = NULL, *plo = NULL, *phi = NULL, *s_cum = NULL, *t_cum = NULL, *offset = NULL;
    double *s_w = NULL, *t_w = NULL, *s_sw = NULL, *t_sw = NULL, *skip_s = NULL, *skip_t = NULL, *junk_s = NULL,
           *glue_s = NULL, *junk_t = NULL, *glue_t = NULL, *params = NULL, *tail = NULL, *cost = NULL,
           *glue_t2 = NULL, *glue_t3 = NULL;
    int *back = NULL;
    Dense *matches = NULL, *strong = NULL;
    Feats *sf = NULL, *tf = NULL;
    double *weights = NULL;
    Py_ssize_t n_ids = 0, *keys = NULL;
    unsigned *seen = NULL, generation = 0;
    Py_ssize_t n_tail = 0, i, j, k, total = 0;
    int n_blocks = 0, bk;
    int block_a[MAX_BLOCKS], block_b[MAX_BLOCKS];
    double block_prior[MAX_BLOCKS];
    double ratio, variance, lw, mw, miss;
    const double inf = INFINITY;
    PyObject *result = NULL, *links = NULL;
    int touched = 0;

    if (!PyArg_ParseTuple(args, "nnOOOOOOOOOOOOOOOOOOOOOO", &n, &m, &lo_o, &hi_o, &plo_o, &phi_o, &s_feats_o,
                          &t_feats_o, &weights_o, &s_cum_o, &t_cum_o, &s_w_o, &t_w_o, &s_sw_o, &t_sw_o, &skip_s_o,
                          &skip_t_o, &junk_s_o, &glue_s_o, &junk_t_o, &glue_t_o, &blocks_o, &params_o, &tail_o))
        return NULL;
    if (n < 1 || m < 1) {
        PyErr_SetString(PyExc_ValueError, "both sides need a segment");
        return NULL;
    }
    if (!(lo = sizes(lo_o, n + 1, "lo")) || !(hi = sizes(hi_o, n + 1, "hi")) ||
        !(plo = sizes(plo_o, n, "pair_lo")) || !(phi = sizes(phi_o, n, "pair_hi")) ||
        !(s_cum = sizes(s_cum_o, n + 1, "s_cum")) || !(t_cum = sizes(t_cum_o, m + 1, "t_cum")) ||
        !(s_w = doubles(s_w_o, n + 1, "s_w")) || !(t_w = doubles(t_w_o, m + 1, "t_w")) ||
        !(s_sw = doubles(s_sw_o, n + 1, "s_sw")) || !(t_sw = doubles(t_sw_o, m + 1, "t_sw")) ||
        !(skip_s = doubles(skip_s_o, n, "skip_s")) || !(skip_t = doubles(skip_t_o, m, "skip_t")) ||
        !(junk_s = doubles(junk_s_o, n, "junk_s")) || !(glue_s = doubles(glue_s_o, n, "glue_s")) ||
        !(junk_t = doubles(junk_t_o, m, "junk_t")) || !(glue_t = doubles(glue_t_o, m, "glue_t")) ||
        !(params = doubles(params_o, 5, "params")) || !(tail = doubles(tail_o, -1, "tail")))
        goto done;
    n_tail = PySequence_Size(tail_o);
    if (n_tail < 3000) {
        PyErr_SetString(PyExc_ValueError, "tail: at least 3000 values");
        goto done;
    }
    ratio = params[0];
    variance = params[1];
    lw = params[2];
    mw = params[3];
    miss = params[4];
    {
        PyObject *fast = PySequence_Fast(blocks_o, "blocks");
        if (!fast)
            goto done;
        n_blocks = (int)PySequence_Fast_GET_SIZE(fast);
        if (n_blocks > MAX_BLOCKS) {
            Py_DECREF(fast);
            PyErr_SetString(PyExc_ValueError, "too many block shapes");
            goto done;
        }
        for (bk = 0; bk < n_blocks; bk++) {
            PyObject *t = PySequence_Fast_GET_ITEM(fast, bk);
            if (!PyArg_ParseTuple(t, "iid", &block_a[bk], &block_b[bk], &block_prior[bk])) {
                Py_DECREF(fast);
                goto done;
            }
            if (block_a[bk] < 1 || block_b[bk] < 1 || block_a[bk] > 3 || block_b[bk] > 3) {
                Py_DECREF(fast);
                PyErr_SetString(PyExc_ValueError, "block shapes go from 1 to 3 segments a side");
                goto done;
            }
        }
        Py_DECREF(fast);
    }
    for (i = 0; i <= n; i++) {
        if (lo[i] < 0 || hi[i] > m || hi[i] < lo[i]) {
            PyErr_SetString(PyExc_ValueError, "band out of range");
            goto done;
        }
    }
    for (i = 0; i < n; i++) {
        if (plo[i] < 0 || phi[i] >= m) {
            PyErr_SetString(PyExc_ValueError, "pair band out of range");
            goto done;
        }
    }
    if (!(weights = doubles(weights_o, -1, "weights")))
        goto done;
    n_ids = PySequence_Size(weights_o);
    if (!(sf = features(s_feats_o, n, n_ids, "s_feats")) || !(tf = features(t_feats_o, m, n_ids, "t_feats")))
        goto done;
    matches = PyMem_Calloc(n, sizeof(Dense));
    strong = PyMem_Calloc(n, sizeof(Dense));
    keys = PyMem_Malloc((n_ids ? n_ids : 1) * sizeof(Py_ssize_t));
    seen = PyMem_Calloc(n_ids ? n_ids : 1, sizeof(unsigned));
    if (!matches || !strong || !keys || !seen) {
        PyErr_NoMemory();
        goto done;
    }
    if (pair_matches(sf, n, tf, m, n_ids, weights, plo, phi, matches, strong) < 0)
        goto done;
    /* The glue of a target block of 2 and 3 segments starting at pj (Python: junk_t[pj] +
     * sum(glue_t[pj + 1:pj + b]), the sum from zero in order). */
    glue_t2 = PyMem_Malloc(m * sizeof(double));
    glue_t3 = PyMem_Malloc(m * sizeof(double));
    offset = PyMem_Malloc((n + 2) * sizeof(Py_ssize_t));
    if (!glue_t2 || !glue_t3 || !offset) {
        PyErr_NoMemory();
        goto done;
    }
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
    cost = PyMem_Malloc(total * sizeof(double));
    back = PyMem_Malloc(total * sizeof(int));
    if (!cost || !back) {
        PyErr_NoMemory();
        goto done;
    }

    for (i = 0; i <= n; i++) {
        Py_ssize_t lo_i = lo[i], hi_i = hi[i];
        double *row_cost = cost + offset[i];
        int *row_back = back + offset[i];
        /* the row-invariant terms of each block shape that fits above this row */
        int shapes = 0, mvs[MAX_BLOCKS], as[MAX_BLOCKS], bs[MAX_BLOCKS];
        Py_ssize_t pis[MAX_BLOCKS];
        double priors[MAX_BLOCKS], wxs[MAX_BLOCKS], lxrs[MAX_BLOCKS], dsws[MAX_BLOCKS], glues[MAX_BLOCKS];
        Py_ssize_t up_lo = 0, up_hi = -1;
        const double *up_cost = NULL;
        double up_skip = 0.0;

        for (k = 0; k <= hi_i - lo_i; k++) {
            row_cost[k] = inf;
            row_back[k] = -1;
        }
        for (bk = 0; bk < n_blocks; bk++) {
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
                        block_match(sf, tf, weights, plo, phi, pi, i, pj, j, keys, seen, ++generation, &matched,
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

    links = PyList_New(0);
    if (!links)
        goto done;
    i = n;
    j = m;
    while (i > 0 || j > 0) {
        int mv = back[offset[i] + j - lo[i]], a, b;
        Py_ssize_t pi, pj;
        double step;
        PyObject *item;
        if (mv < 0)
            mv = n_blocks + 1;   /* Python's moves[-1]: the last block shape */
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
        if (pi < 0 || pj < lo[pi] || pj > hi[pi]) {
            PyErr_SetString(PyExc_RuntimeError, "alignment backtrace left the band");
            Py_CLEAR(links);
            goto done;
        }
        step = cost[offset[i] + j - lo[i]] - cost[offset[pi] + pj - lo[pi]];
        item = Py_BuildValue("(nnnnd)", pi, i, pj, j, step);
        if (!item || PyList_Append(links, item) < 0) {
            Py_XDECREF(item);
            Py_CLEAR(links);
            goto done;
        }
        Py_DECREF(item);
        if ((lo[i] > 0 && j <= lo[i] + 1) || (hi[i] < m && j >= hi[i] - 1))
            touched = 1;
        i = pi;
        j = pj;
    }
    if (PyList_Reverse(links) < 0) {
        Py_CLEAR(links);
        goto done;
    }
    result = Py_BuildValue("(NO)", links, touched ? Py_True : Py_False);
    links = NULL;

done:
    Py_XDECREF(links);
    PyMem_Free(lo);
    PyMem_Free(hi);
    PyMem_Free(plo);
    PyMem_Free(phi);
    PyMem_Free(s_cum);
    PyMem_Free(t_cum);
    PyMem_Free(offset);
    PyMem_Free(s_w);
    PyMem_Free(t_w);
    PyMem_Free(s_sw);
    PyMem_Free(t_sw);
    PyMem_Free(skip_s);
    PyMem_Free(skip_t);
    PyMem_Free(junk_s);
    PyMem_Free(glue_s);
    PyMem_Free(junk_t);
    PyMem_Free(glue_t);
    PyMem_Free(params);
    PyMem_Free(tail);
    PyMem_Free(cost);
    PyMem_Free(back);
    PyMem_Free(glue_t2);
    PyMem_Free(glue_t3);
    free_rows(matches, n);
    free_rows(strong, n);
    free_features(sf, n);
    free_features(tf, m);
    PyMem_Free(weights);
    PyMem_Free(keys);
    PyMem_Free(seen);
    return result;
}

static PyMethodDef methods[] = {
    {"run", run, METH_VARARGS, "The aligner's banded DP: (links as (pi, i, pj, j, step), touched)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_aligndp", "The aligner's banded DP in C.", -1,
                                    methods};

PyMODINIT_FUNC PyInit__aligndp(void) { return PyModule_Create(&module); }
