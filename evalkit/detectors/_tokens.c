/* evalkit.detectors._tokens: the lexical detectors' tokenizer in C, the same tokens.
 *
 * An optional accelerator of `_tokenize` in evalkit/detectors/untranslated.py, which documents what a
 * token is and which runs on every source and MT document. Python works out which lines are written
 * in capitals; this cuts the text into runs of word characters (what the regex \w matches:
 * Py_UNICODE_ISALNUM or "_", as in the re module), cuts a lowercase run glued to a capitalised word
 * ("frenchPoutine", the regex _GLUED: three of [a-zà-ÿ] before one of [A-ZÀ-Þ] and one of [a-zà-ÿ]),
 * tells which tokens start a sentence (where the regex _INITIAL ends, or at one of the given segment
 * starts) and builds the Token tuples with str.lower and str.isupper's rules.
 *
 * tokenize(token_type, text, starts, caps_lines) -> (tuple of token_type, list of token starts)
 * starts: sorted list of extra sentence starts (segment offsets); caps_lines: per line of the text
 * (split at "\n"), whether it is written in capitals.
 *
 * name_runs(seq_type, tokens, text, connectors) -> list of seq_type, or None
 * `name_sequences` of evalkit/detectors/names.py (which documents it) over tokens of `text`; None
 * when a token is not as `tokenize` makes them (the caller then runs the Python loop).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define FIELDS 9

static PyObject *lower_name;   /* "lower", interned */

static int is_word(Py_UCS4 ch) {
    return Py_UNICODE_ISALNUM(ch) || ch == '_';
}

/* the classes of the regex _GLUED (code point ranges, no case folding) */
static int glue_lower(Py_UCS4 ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 0xE0 && ch <= 0xFF);
}

static int glue_upper(Py_UCS4 ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 0xC0 && ch <= 0xDE);
}

/* _INITIAL = (?:^|[.!?…:;|—–«“„"(\[•*>·]|(?<!\S)-)[ \t\u00a0\u202f'’]*(?=[^\W\d_]) (multiline): it
 * ends at a letter (no digit, no "_") after a run of these blanks, and none of its openers is a blank,
 * so the run before the letter is taken whole and what stands before the run decides. */
static int blank(Py_UCS4 ch) {
    return ch == ' ' || ch == '\t' || ch == 0xA0 || ch == 0x202F || ch == '\'' || ch == 0x2019;
}

static int opener(Py_UCS4 ch) {
    switch (ch) {
    case '.': case '!': case '?': case 0x2026: case ':': case ';': case '|': case 0x2014: case 0x2013:
    case 0xAB: case 0x201C: case 0x201E: case '"': case '(': case '[': case 0x2022: case '*': case '>':
    case 0xB7:
        return 1;
    default:
        return 0;
    }
}

static int sentence_start(int kind, const void *data, Py_ssize_t pos) {
    Py_UCS4 ch = PyUnicode_READ(kind, data, pos), before;
    if (ch == '_' || Py_UNICODE_ISDECIMAL(ch) || !Py_UNICODE_ISALNUM(ch))
        return 0;
    while (pos > 0 && blank(PyUnicode_READ(kind, data, pos - 1)))
        pos--;
    if (pos == 0)
        return 1;
    before = PyUnicode_READ(kind, data, pos - 1);
    if (before == '\n' || opener(before))
        return 1;
    return before == '-' && (pos == 1 || Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, pos - 2)));
}

/* str.isupper() of text[a:b], b - a >= 1 */
static int is_upper(int kind, const void *data, Py_ssize_t a, Py_ssize_t b) {
    Py_ssize_t i;
    int cased = 0;
    if (b - a == 1)
        return Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, a)) != 0;
    for (i = a; i < b; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISLOWER(ch) || Py_UNICODE_ISTITLE(ch))
            return 0;
        if (!cased && Py_UNICODE_ISUPPER(ch))
            cased = 1;
    }
    return cased;
}

static int upper_latin1(Py_UCS1 c) {
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

/* word.lower(): by hand for Latin-1 (one character each, A-Z and À-Þ but × down by 32: no special
 * casing there; a word with none of those is its own lowercase, the same string), str.lower otherwise
 * (special casing, final sigma) */
static PyObject *lowered(PyObject *word) {
    if (PyUnicode_KIND(word) == PyUnicode_1BYTE_KIND) {
        Py_ssize_t i, n = PyUnicode_GET_LENGTH(word);
        const Py_UCS1 *src = PyUnicode_1BYTE_DATA(word);
        PyObject *out;
        Py_UCS1 *dst;
        for (i = 0; i < n && !upper_latin1(src[i]); i++)
            ;
        if (i == n) {
            Py_INCREF(word);
            return word;
        }
        out = PyUnicode_New(n, PyUnicode_MAX_CHAR_VALUE(word));
        if (!out)
            return NULL;
        dst = PyUnicode_1BYTE_DATA(out);
        for (i = 0; i < n; i++) {
            Py_UCS1 c = src[i];
            dst[i] = upper_latin1(c) ? (Py_UCS1)(c + 32) : c;
        }
        return out;
    }
    return PyObject_CallMethodNoArgs(word, lower_name);
}

typedef struct {
    Py_ssize_t *at;     /* sorted sentence starts */
    Py_ssize_t n, next;
} Initials;

/* does a sentence start at `pos`, by the punctuation before it or as a segment start? asked with
 * non-decreasing positions */
static int initial_at(Initials *in, int kind, const void *data, Py_ssize_t pos) {
    while (in->next < in->n && in->at[in->next] < pos)
        in->next++;
    return sentence_start(kind, data, pos) || (in->next < in->n && in->at[in->next] == pos);
}

/* append Token(start, end, text[start:end], line, initial, caps, lower, capitalised, all caps) */
static int add_token(PyTypeObject *type, PyObject *text, int kind, const void *data, Py_ssize_t start,
                     Py_ssize_t end, PyObject *line, int initial, PyObject *caps, PyObject *tokens,
                     PyObject *starts) {
    PyObject *tok, *word, *lower, *first;
    Py_ssize_t i;
    word = PyUnicode_Substring(text, start, end);
    if (!word)
        return -1;
    lower = lowered(word);
    if (!lower) {
        Py_DECREF(word);
        return -1;
    }
    tok = type->tp_alloc(type, FIELDS);
    if (!tok) {
        Py_DECREF(word);
        Py_DECREF(lower);
        return -1;
    }
    first = PyLong_FromSsize_t(start);
    PyTuple_SET_ITEM(tok, 0, first);
    PyTuple_SET_ITEM(tok, 1, PyLong_FromSsize_t(end));
    PyTuple_SET_ITEM(tok, 2, word);
    Py_INCREF(line);
    PyTuple_SET_ITEM(tok, 3, line);
    PyTuple_SET_ITEM(tok, 4, PyBool_FromLong(initial));
    Py_INCREF(caps);
    PyTuple_SET_ITEM(tok, 5, caps);
    PyTuple_SET_ITEM(tok, 6, lower);
    PyTuple_SET_ITEM(tok, 7, PyBool_FromLong(Py_UNICODE_ISUPPER(PyUnicode_READ(kind, data, start)) != 0));
    PyTuple_SET_ITEM(tok, 8, PyBool_FromLong(end - start > 1 && is_upper(kind, data, start, end)));
    for (i = 0; i < FIELDS; i++) {
        if (!PyTuple_GET_ITEM(tok, i)) {
            Py_DECREF(tok);
            return -1;
        }
    }
    /* Its items are ints, strings and bools: a token can be in no reference cycle, and the collector
     * (which untracks such plain tuples by itself, but not tuple subclasses) need not visit it. */
    PyObject_GC_UnTrack(tok);
    if (PyList_Append(tokens, tok) < 0 || PyList_Append(starts, first) < 0) {
        Py_DECREF(tok);
        return -1;
    }
    Py_DECREF(tok);
    return 0;
}

static PyObject *tokenize(PyObject *self, PyObject *args) {
    PyTypeObject *type;
    PyObject *text, *initials_list, *caps_lines, *tokens = NULL, *starts = NULL, *line = NULL, *out = NULL;
    Initials in = {NULL, 0, 0};
    Py_ssize_t n, i, k, number = 0;
    int kind, collecting = 0;
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!UO!O!:tokenize", &PyType_Type, &type, &text, &PyList_Type, &initials_list,
                          &PyList_Type, &caps_lines))
        return NULL;
    if (!PyType_IsSubtype(type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "tokenize: the token type must be a tuple subclass");
        return NULL;
    }
    in.n = PyList_GET_SIZE(initials_list);
    in.at = PyMem_Malloc((in.n ? in.n : 1) * sizeof(Py_ssize_t));
    if (!in.at)
        return PyErr_NoMemory();
    for (k = 0; k < in.n; k++) {
        int overflow = 0;
        long long value = PyLong_AsLongLongAndOverflow(PyList_GET_ITEM(initials_list, k), &overflow);
        if (value == -1 && PyErr_Occurred())
            goto done;
        /* an offset beyond any text is no token's start */
        in.at[k] = overflow > 0 || value > PY_SSIZE_T_MAX ? PY_SSIZE_T_MAX : overflow < 0 || value < 0 ? -1
                                                                                                   : (Py_ssize_t)value;
        if (k && in.at[k] < in.at[k - 1]) {
            PyErr_SetString(PyExc_ValueError, "tokenize: the segment starts must be sorted");
            goto done;
        }
    }
    /* The cyclic collector is not run from inside: the tokens are no containers it needs to see, and a
     * collection started by their allocation would walk every object of the process for nothing (this
     * function holds the GIL throughout, so no other thread sees the pause). */
    collecting = PyGC_Disable();
    n = PyUnicode_GET_LENGTH(text);
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    tokens = PyList_New(0);
    starts = PyList_New(0);
    line = PyLong_FromSsize_t(0);
    if (!tokens || !starts || !line)
        goto done;
    if (PyList_GET_SIZE(caps_lines) < 1) {
        PyErr_SetString(PyExc_ValueError, "tokenize: one capitals flag per line");
        goto done;
    }
    i = 0;
    while (i < n) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        Py_ssize_t j, a, p;
        PyObject *caps;
        if (ch == '\n') {
            number++;
            if (number >= PyList_GET_SIZE(caps_lines)) {
                PyErr_SetString(PyExc_ValueError, "tokenize: one capitals flag per line");
                goto done;
            }
            Py_DECREF(line);
            line = PyLong_FromSsize_t(number);
            if (!line)
                goto done;
            i++;
            continue;
        }
        if (!is_word(ch)) {
            i++;
            continue;
        }
        j = i + 1;
        while (j < n && is_word(PyUnicode_READ(kind, data, j)))
            j++;
        caps = PyList_GET_ITEM(caps_lines, number);
        /* the word [i, j), cut where a lowercase run meets a capitalised word */
        a = i;
        for (p = i + 3; p + 1 < j; p++) {
            if (glue_upper(PyUnicode_READ(kind, data, p)) && glue_lower(PyUnicode_READ(kind, data, p + 1))
                    && glue_lower(PyUnicode_READ(kind, data, p - 1)) && glue_lower(PyUnicode_READ(kind, data, p - 2))
                    && glue_lower(PyUnicode_READ(kind, data, p - 3))) {
                if (add_token(type, text, kind, data, a, p, line, a > i || initial_at(&in, kind, data, a), caps,
                              tokens, starts) < 0)
                    goto done;
                a = p;
            }
        }
        if (add_token(type, text, kind, data, a, j, line, a > i || initial_at(&in, kind, data, a), caps, tokens,
                      starts) < 0)
            goto done;
        i = j;
    }
    {
        PyObject *tuple = PyList_AsTuple(tokens);
        if (tuple) {
            out = PyTuple_Pack(2, tuple, starts);
            Py_DECREF(tuple);
        }
    }
done:
    if (collecting)
        PyGC_Enable();
    PyMem_Free(in.at);
    Py_XDECREF(tokens);
    Py_XDECREF(starts);
    Py_XDECREF(line);
    return out;
}

/* the fields of a token that name_runs reads, checked once */
typedef struct {
    Py_ssize_t start, end;
    PyObject *line, *text, *start_obj, *end_obj, *initial, *caps;
    int capitalised, first;
} Fields;

static int read_fields(PyObject *tok, Py_ssize_t length, Fields *f) {
    PyObject *start, *end;
    if (!PyTuple_Check(tok) || PyTuple_GET_SIZE(tok) < FIELDS)
        return 0;
    start = PyTuple_GET_ITEM(tok, 0);
    end = PyTuple_GET_ITEM(tok, 1);
    f->line = PyTuple_GET_ITEM(tok, 3);
    f->text = PyTuple_GET_ITEM(tok, 2);
    if (!PyLong_CheckExact(start) || !PyLong_CheckExact(end) || !PyLong_CheckExact(f->line)
            || !PyUnicode_CheckExact(f->text) || !PyBool_Check(PyTuple_GET_ITEM(tok, 4))
            || !PyBool_Check(PyTuple_GET_ITEM(tok, 7)))
        return 0;
    f->start = PyLong_AsSsize_t(start);
    f->end = PyLong_AsSsize_t(end);
    if (f->start == -1 || f->end == -1) {
        PyErr_Clear();
        return 0;
    }
    if (f->start < 0 || f->end < f->start || f->end > length)
        return 0;   /* not a span of the text: Python's slicing rules apply */
    f->start_obj = start;
    f->end_obj = end;
    f->initial = PyTuple_GET_ITEM(tok, 4);
    f->caps = PyTuple_GET_ITEM(tok, 5);
    f->first = f->initial == Py_True;
    f->capitalised = PyTuple_GET_ITEM(tok, 7) == Py_True;
    return 1;
}

/* text.adjacent: same line, a gap of 1 to 3 characters, only spaces or one "&" or "+" between spaces */
static int adjacent(int kind, const void *data, Fields *a, Fields *b) {
    Py_ssize_t lo = a->end, hi = b->start, p, q;
    int same = PyObject_RichCompareBool(a->line, b->line, Py_EQ);
    if (same <= 0)
        return same;
    if (hi - lo <= 0 || hi - lo > 3)
        return 0;
    p = lo;
    q = hi;
    while (p < q && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, p)))
        p++;
    while (q > p && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, q - 1)))
        q--;
    return p == q || (q - p == 1 && (PyUnicode_READ(kind, data, p) == '&' || PyUnicode_READ(kind, data, p) == '+'));
}

/* str.islower() */
static int is_lower(PyObject *word) {
    int kind = PyUnicode_KIND(word), cased = 0;
    const void *data = PyUnicode_DATA(word);
    Py_ssize_t i, n = PyUnicode_GET_LENGTH(word);
    if (n == 1)
        return Py_UNICODE_ISLOWER(PyUnicode_READ(kind, data, 0)) != 0;
    for (i = 0; i < n; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (Py_UNICODE_ISUPPER(ch) || Py_UNICODE_ISTITLE(ch))
            return 0;
        if (!cased && Py_UNICODE_ISLOWER(ch))
            cased = 1;
    }
    return cased;
}

static PyObject *name_runs(PyObject *self, PyObject *args) {
    PyTypeObject *type;
    PyObject *tokens, *text, *connectors, *fast = NULL, *out = NULL;
    Fields *f = NULL;
    Py_ssize_t n, i, j, k, after = 0, length;
    int kind;
    const void *data;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!OUO:name_runs", &PyType_Type, &type, &tokens, &text, &connectors))
        return NULL;
    if (!PyType_IsSubtype(type, &PyTuple_Type) || !PyAnySet_Check(connectors)) {
        PyErr_SetString(PyExc_TypeError, "name_runs: a tuple subclass and a set of connectors");
        return NULL;
    }
    fast = PySequence_Fast(tokens, "name_runs: tokens");
    if (!fast)
        return NULL;
    n = PySequence_Fast_GET_SIZE(fast);
    length = PyUnicode_GET_LENGTH(text);
    kind = PyUnicode_KIND(text);
    data = PyUnicode_DATA(text);
    f = PyMem_Malloc((n ? n : 1) * sizeof(Fields));
    if (!f) {
        PyErr_NoMemory();
        goto done;
    }
    for (k = 0; k < n; k++) {
        if (!read_fields(PySequence_Fast_GET_ITEM(fast, k), length, &f[k])) {
            out = Py_NewRef(Py_None);   /* not tokens of this text: the Python loop decides */
            goto done;
        }
    }
    out = PyList_New(0);
    if (!out)
        goto done;
    for (i = 0; i < n; i++) {
        PyObject *seq, *first, *last, *part;
        int r;
        if (!f[i].capitalised || i < after)
            continue;
        j = i;
        while (j + 1 < n && j - i < 8) {
            Fields *nxt = &f[j + 1];
            if (nxt->capitalised && !nxt->first) {
                r = adjacent(kind, data, &f[j], nxt);
                if (r < 0)
                    goto fail;
                if (!r)
                    break;
                j += 1;
                continue;
            }
            /* a connector joins two capitalised words */
            if (j + 2 < n && f[j + 2].capitalised && !f[j + 2].first) {
                r = PySet_Contains(connectors, nxt->text);
                if (r < 0)
                    goto fail;
                if (r && is_lower(nxt->text)) {
                    int left = adjacent(kind, data, &f[j], nxt), right;
                    if (left < 0)
                        goto fail;
                    right = left ? adjacent(kind, data, nxt, &f[j + 2]) : 0;
                    if (right < 0)
                        goto fail;
                    if (right) {
                        j += 2;
                        continue;
                    }
                }
            }
            break;
        }
        seq = type->tp_alloc(type, 7);
        if (!seq)
            goto fail;
        first = PyLong_FromSsize_t(i);
        last = PyLong_FromSsize_t(j);
        part = PyUnicode_Substring(text, f[i].start, f[j].end > f[i].start ? f[j].end : f[i].start);
        PyTuple_SET_ITEM(seq, 0, first);
        PyTuple_SET_ITEM(seq, 1, last);
        PyTuple_SET_ITEM(seq, 2, Py_NewRef(f[i].start_obj));
        PyTuple_SET_ITEM(seq, 3, Py_NewRef(f[j].end_obj));
        PyTuple_SET_ITEM(seq, 4, part);
        PyTuple_SET_ITEM(seq, 5, Py_NewRef(f[i].caps));
        PyTuple_SET_ITEM(seq, 6, Py_NewRef(f[i].initial));
        if (!first || !last || !part) {
            Py_DECREF(seq);
            goto fail;
        }
        PyObject_GC_UnTrack(seq);   /* ints, strings and bools: in no cycle (see add_token) */
        r = PyList_Append(out, seq);
        Py_DECREF(seq);
        if (r < 0)
            goto fail;
        after = j + 1;
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyMem_Free(f);
    Py_XDECREF(fast);
    return out;
}

static PyMethodDef methods[] = {
    {"tokenize", tokenize, METH_VARARGS,
     "tokenize(token_type, text, starts, caps_lines) -> (tokens, starts): see evalkit/detectors/untranslated.py"},
    {"name_runs", name_runs, METH_VARARGS,
     "name_runs(seq_type, tokens, text, connectors) -> list or None: see name_sequences in evalkit/detectors/names.py"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_tokens", "The lexical detectors' tokenizer in C.", -1,
                                    methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__tokens(void) {
    lower_name = PyUnicode_InternFromString("lower");
    if (!lower_name)
        return NULL;
    return PyModule_Create(&module);
}
