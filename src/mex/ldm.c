/* ldm.c -- the one place where MEX arguments are fetched and validated. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ldm.h"
#include "ld_blas.h"
#include "ld_status.h"
#include "ld_second_moments.h"
#include "ld_run_table.h"

/* The BLAS integer type chosen in ld_blas.h must match the one Octave was built with. */
#if defined(OCTAVE_SIZEOF_F77_INT_TYPE) && (OCTAVE_SIZEOF_F77_INT_TYPE != LD_SIZEOF_BLAS_INT)
#error "ld_blas.h's blas_int does not match Octave's Fortran integer (OCTAVE_SIZEOF_F77_INT_TYPE)"
#endif

/* The gateway's name, recorded by ldm_check_nargs (every gateway's first call), for the
 * errors of helpers that are not passed it.  One .mex file is one gateway, so this is
 * set once per file and never changes after. */
static const char *ldm_gateway = "lindyn";

/* Allocations at least this large are tried with malloc first (see ldm_check_alloc). */
#define LDM_PROBE_BYTES ((size_t)1 << 26)

/* Requests below this size are never refused by ldm_check_memory (as in ld_memory_check.m). */
#define LDM_CHECK_BYTES ((size_t)1 << 24)

void ldm_error(const char *fn, const char *what, const char *fmt, ...)
{
    char id[128], msg[512];
    va_list ap;
    snprintf(id, sizeof id, "lindyn:%s:%s", fn, what);
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mexErrMsgIdAndTxt(id, "%s", msg);
}

void ldm_check_nargs(const char *fn, int nrhs, int lo, int hi, int nlhs, int maxout)
{
    ldm_gateway = fn;
    if (nrhs < lo || nrhs > hi)
        ldm_error(fn, "nargin", "expected %d to %d input arguments, got %d", lo, hi, nrhs);
    if (nlhs > maxout && nlhs > 1)
        ldm_error(fn, "nargout", "at most %d output arguments, got %d", maxout, nlhs);
}

const double *ldm_get_matrix(const char *fn, const mxArray *a, const char *name,
                             int finite, ptrdiff_t *m, ptrdiff_t *n)
{
    if (a == NULL || !mxIsDouble(a) || mxIsComplex(a) || mxIsSparse(a))
        ldm_error(fn, name, "%s must be a real, full, double matrix", name);
    if (mxGetNumberOfDimensions(a) != 2)
        ldm_error(fn, name, "%s must be a 2-D matrix", name);
    const ptrdiff_t rows = (ptrdiff_t)mxGetM(a), cols = (ptrdiff_t)mxGetN(a);
    if (!ld_dims_ok(rows, cols))
        ldm_error(fn, name, "%s is too large for the BLAS integer type", name);
    const double *x = mxGetPr(a);
    if (finite && x != NULL) {
        const size_t count = (size_t)rows * (size_t)cols;
        for (size_t i = 0; i < count; ++i)
            if (!isfinite(x[i]))
                ldm_error(fn, name, "%s must not contain NaN or Inf", name);
    }
    *m = rows;
    *n = cols;
    return (rows == 0 || cols == 0) ? NULL : x;
}

const double *ldm_get_matrix_size(const char *fn, const mxArray *a, const char *name,
                                  int finite, ptrdiff_t m, ptrdiff_t n)
{
    ptrdiff_t rows, cols;
    const double *x = ldm_get_matrix(fn, a, name, finite, &rows, &cols);
    if ((m >= 0 && rows != m) || (n >= 0 && cols != n))
        ldm_error(fn, name, "%s must be %td-by-%td, got %td-by-%td", name,
                  m >= 0 ? m : rows, n >= 0 ? n : cols, rows, cols);
    return x;
}

double ldm_get_scalar(const char *fn, const mxArray *a, const char *name)
{
    ptrdiff_t m, n;
    const double *x = ldm_get_matrix(fn, a, name, 1, &m, &n);
    if (m != 1 || n != 1)
        ldm_error(fn, name, "%s must be a scalar", name);
    return x[0];
}

double ldm_get_scalar_inf(const char *fn, const mxArray *a, const char *name)
{
    ptrdiff_t m, n;
    const double *x = ldm_get_matrix(fn, a, name, 0, &m, &n);
    if (m != 1 || n != 1 || isnan(x[0]))
        ldm_error(fn, name, "%s must be a scalar (not NaN)", name);
    return x[0];
}

const double *ldm_get_stack(const char *fn, const mxArray *a, const char *name,
                            ptrdiff_t m, ptrdiff_t n, ptrdiff_t *k)
{
    if (a == NULL || !mxIsDouble(a) || mxIsComplex(a) || mxIsSparse(a)
        || mxGetNumberOfDimensions(a) > 3)
        ldm_error(fn, name, "%s must be a real, full, double array of at most 3 dimensions",
                  name);
    const size_t count = mxGetNumberOfElements(a);
    if (count == 0) {
        *k = 0;
        return NULL;
    }
    const mwSize *dims = mxGetDimensions(a);
    const ptrdiff_t kk = mxGetNumberOfDimensions(a) == 3 ? (ptrdiff_t)dims[2] : 1;
    if ((ptrdiff_t)dims[0] != m || (ptrdiff_t)dims[1] != n)
        ldm_error(fn, name, "%s must be %td-by-%td-by-K, got %td-by-%td-by-%td", name, m, n,
                  (ptrdiff_t)dims[0], (ptrdiff_t)dims[1], kk);
    const double *x = mxGetPr(a);
    for (size_t i = 0; i < count; ++i)
        if (!isfinite(x[i]))
            ldm_error(fn, name, "%s must not contain NaN or Inf", name);
    *k = kk;
    return x;
}

ptrdiff_t ldm_get_integer(const char *fn, const mxArray *a, const char *name,
                          double lo, double hi)
{
    const double v = ldm_get_scalar(fn, a, name);
    if (v != floor(v) || v < lo || v > hi)
        ldm_error(fn, name, "%s must be an integer in [%.17g, %.17g]", name, lo, hi);
    return (ptrdiff_t)v;
}

const double *ldm_get_vector(const char *fn, const mxArray *a, const char *name,
                             int finite, ptrdiff_t *len)
{
    ptrdiff_t m, n;
    const double *x = ldm_get_matrix(fn, a, name, finite, &m, &n);
    if (m > 1 && n > 1)
        ldm_error(fn, name, "%s must be a vector", name);
    *len = m * n;
    return x;
}

ptrdiff_t *ldm_get_index_vector(const char *fn, const mxArray *a, const char *name,
                                double lo, double hi, ptrdiff_t *len)
{
    const double *x = ldm_get_vector(fn, a, name, 1, len);
    ptrdiff_t *idx = (ptrdiff_t *)mxMalloc(ldm_mul(fn, *len > 0 ? (size_t)*len : 1,
                                                   sizeof(ptrdiff_t)));
    if (idx == NULL)
        ldm_error(fn, "memory", "out of memory");
    for (ptrdiff_t i = 0; i < *len; ++i) {
        if (x[i] != floor(x[i]) || x[i] < lo || x[i] > hi)
            ldm_error(fn, name, "%s must hold integers in [%.17g, %.17g]", name, lo, hi);
        idx[i] = (ptrdiff_t)x[i];
    }
    return idx;
}

const double *ldm_get_symmetric(const char *fn, const mxArray *a, const char *name,
                                ptrdiff_t *n)
{
    ptrdiff_t m;
    const double *x = ldm_get_matrix(fn, a, name, 1, &m, n);
    if (m != *n)
        ldm_error(fn, name, "%s must be square, got %td-by-%td", name, m, *n);
    double scale = 0.0;
    for (ptrdiff_t i = 0; i < m * m; ++i)
        scale = fmax(scale, fabs(x[i]));
    for (ptrdiff_t j = 0; j < m; ++j)
        for (ptrdiff_t i = j + 1; i < m; ++i)
            if (fabs(x[i + j * m] - x[j + i * m]) > 1e-10 * scale)
                ldm_error(fn, name, "%s must be symmetric", name);
    return x;
}

const double *ldm_get_moments(const char *fn, const mxArray *sx, const mxArray *sxy,
                              const double **Sxy, ptrdiff_t *d, ptrdiff_t *p)
{
    ptrdiff_t cols;
    const double *Sx = ldm_get_matrix(fn, sx, "Sx", 1, d, &cols);
    if (cols != *d)
        ldm_error(fn, "Sx", "Sx must be square, got %td-by-%td", *d, cols);
    *Sxy = ldm_get_matrix_size(fn, sxy, "Sxy", 1, *d, -1);
    *p = (ptrdiff_t)mxGetN(sxy);
    return Sx;
}

void ldm_get_modes(const char *fn, const mxArray *const *a, const double **sigma,
                   const double **lambda, const double **w0, ptrdiff_t *m)
{
    ptrdiff_t ml, m0;
    *sigma = ldm_get_vector(fn, a[0], "sigma", 1, m);
    *lambda = ldm_get_vector(fn, a[1], "lambda", 1, &ml);
    *w0 = ldm_get_vector(fn, a[2], "w0", 1, &m0);
    if (ml != *m)
        ldm_error(fn, "lambda", "lambda must have as many entries as sigma (%td), got %td",
                  *m, ml);
    if (m0 != *m)
        ldm_error(fn, "w0", "w0 must have as many entries as sigma (%td), got %td", *m, m0);
}

const double *ldm_get_times(const char *fn, const mxArray *a, const char *name, int integer,
                            ptrdiff_t *len)
{
    const double *t = ldm_get_vector(fn, a, name, 1, len);
    for (ptrdiff_t k = 0; k < *len; ++k) {
        if (t[k] < 0.0)
            ldm_error(fn, name, "%s must be nonnegative, got %s(%td) = %g", name, name, k + 1,
                      t[k]);
        if (integer && (t[k] != floor(t[k]) || t[k] > LD_MAX_EXACT_INT))
            ldm_error(fn, name, "%s must hold integers in [0, 2^53], got %s(%td) = %.17g",
                      name, name, k + 1, t[k]);
    }
    return t;
}

ptrdiff_t ldm_get_chain(const char *fn, const mxArray *a, const char *name, ptrdiff_t d,
                        ptrdiff_t p, ptrdiff_t **r, const double ***W)
{
    if (a == NULL || !mxIsCell(a) || mxGetNumberOfDimensions(a) != 2
        || (mxGetM(a) != 1 && mxGetN(a) != 1) || mxGetNumberOfElements(a) < 1)
        ldm_error(fn, name, "%s must be a non-empty cell vector of matrices {W1, ..., WL}",
                  name);
    const ptrdiff_t L = (ptrdiff_t)mxGetNumberOfElements(a);
    ptrdiff_t *rr = (ptrdiff_t *)mxMalloc(ldm_mul(fn, (size_t)L + 1, sizeof(ptrdiff_t)));
    const double **ww = (const double **)mxMalloc(ldm_mul(fn, (size_t)L, sizeof(double *)));
    char elem[64];
    for (ptrdiff_t l = 0; l < L; ++l) {
        ptrdiff_t m, n;
        const mxArray *e = mxGetCell(a, (mwIndex)l);
        snprintf(elem, sizeof elem, "%s{%td}", name, l + 1);
        if (e == NULL || !mxIsDouble(e) || mxIsComplex(e) || mxIsSparse(e)
            || mxGetNumberOfDimensions(e) != 2)
            ldm_error(fn, name, "%s must be a real, full, double, 2-D matrix", elem);
        m = (ptrdiff_t)mxGetM(e);
        n = (ptrdiff_t)mxGetN(e);
        if (!ld_dims_ok(m, n))
            ldm_error(fn, name, "%s is too large for the BLAS integer type", elem);
        ww[l] = (m == 0 || n == 0) ? NULL : mxGetPr(e);
        for (size_t i = 0; ww[l] != NULL && i < (size_t)m * (size_t)n; ++i)
            if (!isfinite(ww[l][i]))
                ldm_error(fn, name, "%s must not contain NaN or Inf", elem);
        if (l == 0)
            rr[0] = m;
        else if (m != rr[l])
            ldm_error(fn, name, "%s has %td rows but %s{%td} has %td columns", elem, m,
                      name, l, rr[l]);
        rr[l + 1] = n;
    }
    if (d >= 0 && rr[0] != d)
        ldm_error(fn, name, "%s{1} must have %td rows (got %td)", name, d, rr[0]);
    if (p >= 0 && rr[L] != p)
        ldm_error(fn, name, "%s{%td} must have %td columns (got %td)", name, L, p, rr[L]);
    *r = rr;
    *W = ww;
    return L;
}

mxArray *ldm_new_chain(const char *fn, ptrdiff_t L, const ptrdiff_t *r,
                       const double *const *W, double ***out)
{
    mxArray *c = mxCreateCellMatrix(1, (mwSize)L);
    double **o = (double **)mxMalloc(ldm_mul(fn, (size_t)L, sizeof(double *)));
    for (ptrdiff_t l = 0; l < L; ++l) {
        mxArray *m = ldm_new_matrix(r[l], r[l + 1], &o[l]);
        const size_t count = (size_t)r[l] * (size_t)r[l + 1];
        if (count > 0 && W[l] != NULL)
            memcpy(o[l], W[l], count * sizeof(double));
        if (count == 0)
            o[l] = NULL;
        mxSetCell(c, (mwIndex)l, m);
    }
    *out = o;
    return c;
}

int ldm_get_flag(const char *fn, const mxArray *a, const char *name)
{
    if (a == NULL || mxGetNumberOfElements(a) != 1 || mxIsComplex(a) || mxIsSparse(a)
        || !(mxIsLogical(a) || mxIsDouble(a)))
        ldm_error(fn, name, "%s must be a logical or double scalar", name);
    if (mxIsLogical(a))
        return mxGetLogicals(a)[0] ? 1 : 0;
    const double v = mxGetPr(a)[0];
    if (isnan(v))
        ldm_error(fn, name, "%s must not be NaN", name);
    return v != 0.0;
}

/* A number in kB after "key:" in the text of a /proc file, or -1. */
static double ldm_proc_kb(const char *file, const char *key)
{
    FILE *f = fopen(file, "r");
    if (f == NULL)
        return -1.0;
    char line[256];
    double v = -1.0;
    const size_t n = strlen(key);
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, key, n) == 0 && line[n] == ':') {
            v = strtod(line + n + 1, NULL);
            break;
        }
    fclose(f);
    return v;
}

/* The rule of inst/private/ld_memory_check.m: MemAvailable + SwapFree (else 4 GB), and
 * never more than the address-space limit (ulimit -v) leaves above VmSize. */
double ldm_memory_available(void)
{
    double avail = ldm_proc_kb("/proc/meminfo", "MemAvailable");
    if (avail < 0)
        avail = ldm_proc_kb("/proc/meminfo", "MemFree");
    if (avail >= 0) {
        const double swap = ldm_proc_kb("/proc/meminfo", "SwapFree");
        avail = 1024.0 * (avail + (swap > 0 ? swap : 0));
    } else {
        avail = 4e9;
    }
    FILE *f = fopen("/proc/self/limits", "r");
    if (f != NULL) {
        char line[256];
        while (fgets(line, sizeof line, f) != NULL)
            if (strncmp(line, "Max address space", 17) == 0) {
                char *end;
                const double lim = strtod(line + 17, &end);
                if (end != line + 17) {            /* a number, not "unlimited" */
                    const double used = ldm_proc_kb("/proc/self/status", "VmSize");
                    const double left = lim - 1024.0 * (used > 0 ? used : 0);
                    if (left < avail)
                        avail = left > 0 ? left : 0;
                }
                break;
            }
        fclose(f);
    }
    return avail;
}

void ldm_check_memory(const char *fn, const char *name, double bytes)
{
    if (bytes < (double)LDM_CHECK_BYTES)
        return;
    const double avail = ldm_memory_available();
    if (!(bytes <= avail))
        ldm_error(fn, "memory", "%s asks for %.3g GB of memory, more than the %.3g GB available",
                  name, bytes / 1e9, avail / 1e9);
}

/* Octave's mxMalloc and mxCreate* raise an error without an identifier when memory runs
 * out ("failed to allocate N bytes").  So a large request is first checked against
 * ldm_memory_available (under overcommit malloc would promise memory that is not there,
 * and zero-filling it wakes the OOM killer), then tried with malloc and freed again: if
 * either fails, the error is lindyn:<fn>:memory, naming the size. */
static void ldm_check_alloc(const char *fn, size_t count)
{
    const size_t bytes = ldm_mul(fn, count, sizeof(double));
    if (bytes < LDM_PROBE_BYTES)
        return;
    ldm_check_memory(fn, "the output", (double)bytes);
    void *probe = malloc(bytes);
    if (probe == NULL)
        ldm_error(fn, "memory", "out of memory: cannot allocate %.3g GB", (double)bytes / 1e9);
    free(probe);
}

mxArray *ldm_new_matrix(ptrdiff_t m, ptrdiff_t n, double **data)
{
    ldm_check_alloc(ldm_gateway, ldm_mul(ldm_gateway, (size_t)m, (size_t)n));
    mxArray *a = mxCreateDoubleMatrix((mwSize)m, (mwSize)n, mxREAL);
    *data = mxGetPr(a);
    return a;
}

mxArray *ldm_new_array3(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double **data)
{
    const mwSize dims[3] = {(mwSize)m, (mwSize)n, (mwSize)k};
    ldm_check_alloc(ldm_gateway,
                    ldm_mul(ldm_gateway, ldm_mul(ldm_gateway, (size_t)m, (size_t)n), (size_t)k));
    mxArray *a = mxCreateNumericArray(3, dims, mxDOUBLE_CLASS, mxREAL);
    *data = mxGetPr(a);
    return a;
}

size_t ldm_mul(const char *fn, size_t a, size_t b)
{
    if (b != 0 && a > SIZE_MAX / b)
        ldm_error(fn, "size", "requested size overflows");
    return a * b;
}

double *ldm_work(const char *fn, size_t count)
{
    const size_t bytes = ldm_mul(fn, count > 0 ? count : 1, sizeof(double));
    ldm_check_alloc(fn, count);
    double *w = (double *)mxMalloc(bytes);
    if (w == NULL)
        ldm_error(fn, "memory", "out of memory (%zu bytes)", bytes);
    return w;
}

void ldm_check_status(const char *fn, int status)
{
    static const char *const what[] = {"ok", "size", "argument", "lapack", "notfinite",
                                       "diverged"};
    if (status == LD_OK)
        return;
    const char *w = (status > 0 && status <= LD_EDIVERGED) ? what[status] : "core";
    ldm_error(fn, w, "%s", ld_strerror(status));
}

const void *ldm_get_numeric(const char *fn, const mxArray *a, const char *name, int *cls,
                            ptrdiff_t *m, ptrdiff_t *n)
{
    int c = -1;
    if (a != NULL && !mxIsComplex(a) && !mxIsSparse(a)) {
        switch (mxGetClassID(a)) {
        case mxDOUBLE_CLASS: c = LD_CLASS_DOUBLE; break;
        case mxSINGLE_CLASS: c = LD_CLASS_SINGLE; break;
        case mxINT8_CLASS: c = LD_CLASS_INT8; break;
        case mxUINT8_CLASS: c = LD_CLASS_UINT8; break;
        case mxINT16_CLASS: c = LD_CLASS_INT16; break;
        case mxUINT16_CLASS: c = LD_CLASS_UINT16; break;
        case mxINT32_CLASS: c = LD_CLASS_INT32; break;
        case mxUINT32_CLASS: c = LD_CLASS_UINT32; break;
        case mxINT64_CLASS: c = LD_CLASS_INT64; break;
        case mxUINT64_CLASS: c = LD_CLASS_UINT64; break;
        default: break;
        }
    }
    if (c < 0)
        ldm_error(fn, name, "%s must be a real, full, numeric (double, single or integer) "
                  "matrix", name);
    if (mxGetNumberOfDimensions(a) != 2)
        ldm_error(fn, name, "%s must be a 2-D matrix", name);
    const ptrdiff_t rows = (ptrdiff_t)mxGetM(a), cols = (ptrdiff_t)mxGetN(a);
    if (!ld_dims_ok(rows, cols))
        ldm_error(fn, name, "%s is too large for the BLAS integer type", name);
    *cls = c;
    *m = rows;
    *n = cols;
    return (rows == 0 || cols == 0) ? NULL : mxGetData(a);
}

static int ldm_listed(const char *name, const char *const *known)
{
    for (ptrdiff_t k = 0; known != NULL && known[k] != NULL; ++k)
        if (strcmp(known[k], name) == 0)
            return 1;
    return 0;
}

void ldm_get_fields(const char *fn, const mxArray *s, mwIndex i, const char *what,
                    const char *const *known, const char *const *known2, const mxArray **f)
{
    if (s == NULL || !mxIsStruct(s) || i >= mxGetNumberOfElements(s))
        ldm_error(fn, what, "%s must be a struct", what);
    int found = 0, k = 0;
    for (ptrdiff_t q = 0; known != NULL && known[q] != NULL; ++q, ++k)
        found += (f[k] = mxGetField(s, i, known[q])) != NULL;
    for (ptrdiff_t q = 0; known2 != NULL && known2[q] != NULL; ++q, ++k)
        found += (f[k] = mxGetField(s, i, known2[q])) != NULL;
    const int nf = mxGetNumberOfFields(s);
    if (found == nf)
        return;
    for (int q = 0; q < nf; ++q) {
        const char *name = mxGetFieldNameByNumber(s, q);
        if (!ldm_listed(name, known) && !ldm_listed(name, known2))
            ldm_error(fn, what, "%s has an unknown field \"%s\"", what, name);
    }
}

const mxArray *ldm_need(const char *fn, const mxArray *f, const char *what, const char *name)
{
    if (f == NULL)
        ldm_error(fn, what, "%s must have a field \"%s\"", what, name);
    return f;
}

void ldm_get_string(const char *fn, const mxArray *a, const char *what, char *buf, size_t len)
{
    if (a == NULL || !mxIsChar(a) || mxGetNumberOfElements(a) >= len
        || mxGetString(a, buf, (mwSize)len) != 0)
        ldm_error(fn, what, "%s must be a string of fewer than %zu characters", what, len);
}

/* One array of an objective's data, read in place. */
static ld_array ldm_get_array(const char *fn, const mxArray *a, const char *name)
{
    ld_array x;
    if (mxIsSparse(a) || mxIsComplex(a) || mxGetNumberOfDimensions(a) != 2
        || !(mxIsDouble(a) || mxIsSingle(a) || mxIsUint8(a)))
        ldm_error(fn, "data", "data.%s must be a real full 2-D double, single or uint8 array",
                  name);
    x.type = mxIsDouble(a) ? LD_DOUBLE : mxIsSingle(a) ? LD_SINGLE : LD_UINT8;
    x.m = (ptrdiff_t)mxGetM(a);
    x.n = (ptrdiff_t)mxGetN(a);
    if (!ld_dims_ok(x.m, x.n))
        ldm_error(fn, "data", "data.%s is too large for the BLAS integer type", name);
    x.data = mxGetNumberOfElements(a) > 0 ? mxGetData(a) : NULL;
    return x;
}

const ld_objective *ldm_get_objective(const char *fn, const mxArray *const *f,
                                      const char *what, ld_objdata *od)
{
    char name[64];
    ldm_get_string(fn, ldm_need(fn, f[0], what, "objective"), "objective", name, sizeof name);
    const ld_objective *obj = ld_objective_find(name);
    if (obj == NULL)
        ldm_error(fn, "objective", "unknown objective \"%s\"", name);
    const ptrdiff_t na = ld_name_count(obj->arrays), np = ld_name_count(obj->params);
    const mxArray **df = (const mxArray **)mxMalloc(ldm_mul(fn, (size_t)(na + np) + 1,
                                                             sizeof(mxArray *)));
    ldm_get_fields(fn, ldm_need(fn, f[1], what, "data"), 0, "data", obj->arrays, obj->params, df);
    ld_array *arg = (ld_array *)mxMalloc(ldm_mul(fn, (size_t)na + 1, sizeof(ld_array)));
    double *par = ldm_work(fn, (size_t)np + 1);
    for (ptrdiff_t k = 0; k < na; ++k)
        arg[k] = ldm_get_array(fn, ldm_need(fn, df[k], "data", obj->arrays[k]), obj->arrays[k]);
    for (ptrdiff_t k = 0; k < np; ++k)
        par[k] = ldm_get_scalar(fn, ldm_need(fn, df[na + k], "data", obj->params[k]), "data");
    od->arg = arg;
    od->par = par;
    return obj;
}
