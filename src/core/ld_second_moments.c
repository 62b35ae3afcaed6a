/* ld_second_moments.c -- Sx = X'X/n and Sxy = X'Y/n (section 2) in one pass over blocks
 * of rows of X, any numeric element type, on every OpenMP thread. */
#include <float.h>
#include <math.h>
#include <string.h>
#include <stdint.h>
#include "ld_second_moments.h"
#include "ld_gemm.h"
#include "ld_blas.h"
#include "ld_blas_threads.h"
#ifdef _OPENMP
#include <omp.h>
#endif

/* Largest whole number up to which every partial sum of a float product is exact. */
#define LD_FLOAT_EXACT 16777216.0 /* 2^24 */
/* At most this many threads (the per-thread statuses live on the stack). */
#define LD_MOMENTS_MAX_THREADS 256

int ld_second_moments_threads(void)
{
#ifdef _OPENMP
    const int t = omp_get_max_threads();
    return t < 1 ? 1 : (t > LD_MOMENTS_MAX_THREADS ? LD_MOMENTS_MAX_THREADS : t);
#else
    return 1;
#endif
}

/* One thread's scratch, in doubles: its own sums of Sx (d*d) and Sxy (d*p), the
 * products of a block (d*max(d,p), also read as floats), the block of X in double (B*d)
 * and in float (B*d floats), the same two of Y, the kept columns and their runs
 * (2d + 1 indices). */
static size_t thread_work(size_t d, size_t p, int *ok)
{
    const size_t B = LD_MOMENTS_BLOCK;
    const size_t lim = SIZE_MAX / 16;
    if (d > lim / (d + 1) || p > lim / (d + 1)) {
        *ok = 0;
        return 0;
    }
    const size_t idx = ((2 * d + 1) * sizeof(ptrdiff_t) + sizeof(double) - 1) / sizeof(double);
    *ok = 1;
    return d * d + d * p + d * (d > p ? d : p) + B * d + (B * d + 1) / 2 + B * p
           + (B * p + 1) / 2 + idx;
}

size_t ld_second_moments_work(ptrdiff_t d, ptrdiff_t p, int nthreads)
{
    int ok;
    if (d < 0 || p < 0 || nthreads < 1)
        return 0;
    const size_t w = thread_work((size_t)d, (size_t)p, &ok);
    if (!ok || (w > 0 && (size_t)nthreads > SIZE_MAX / 8 / w))
        return 0;
    return w * (size_t)nthreads + 1;
}

/* The rows of a block are a short run (b entries) in each of d columns far apart: the
 * hardware prefetcher barely starts on one before the next.  Loading column j asks for
 * column j + LD_PREFETCH_COLS, which hides most of the memory latency (measured on
 * MNIST-shaped data: the load of a block took a quarter of its dsyrk time without). */
#define LD_PREFETCH_COLS 4

static inline void prefetch_run(const void *p, size_t bytes)
{
#if defined(__GNUC__)
    const char *c = (const char *)p;
    for (size_t off = 0; off < bytes; off += 64)
        __builtin_prefetch(c + off, 0, 3);
#else
    (void)p;
    (void)bytes;
#endif
}

/* What loading a block found out about it. */
typedef struct {
    double amax;   /* max |entry| over the kept columns */
    int exact;     /* whole numbers with amax^2 * rows <= 2^24: products exact in float */
    int finite;    /* no NaN or Inf */
} block_info;

/* Copy rows r0 .. r0+b-1 of the n x m matrix A (element type T) into dst (b x m,
 * leading dimension b, as DT).  With cols != NULL, columns that are all zero in the
 * block are left out: *kept receives the number of columns stored and cols their
 * indices.  For floating-point T the entries are tested for NaN/Inf and, while the
 * block can still be exact in float, for being whole numbers. */
#define LD_DEFINE_LOAD(NAME, T, DT, FLOATING)                                              \
    static void NAME(const void *A_, ptrdiff_t n, ptrdiff_t r0, ptrdiff_t b, ptrdiff_t m,  \
                     DT *dst, ptrdiff_t *cols, ptrdiff_t *kept, block_info *info)          \
    {                                                                                      \
        const T *A = (const T *)A_;                                                        \
        const double lim = LD_FLOAT_EXACT / (double)b;                                     \
        double amax = 0.0;                                                                 \
        int exact = 1, finite = 1;                                                         \
        ptrdiff_t k = 0;                                                                   \
        for (ptrdiff_t j = 0; j < m; ++j) {                                                \
            const T *src = A + r0 + j * n;                                                 \
            DT *out = dst + k * b;                                                         \
            if (j + LD_PREFETCH_COLS < m)                                                  \
                prefetch_run(src + LD_PREFETCH_COLS * n, (size_t)b * sizeof(T));           \
            double cmax = 0.0, nf = 0.0;                                                   \
            _Pragma("omp simd reduction(max: cmax) reduction(+: nf)")                      \
            for (ptrdiff_t i = 0; i < b; ++i) {                                            \
                const double a = fabs((double)src[i]);                                     \
                out[i] = (DT)src[i];                                                       \
                cmax = a > cmax ? a : cmax;                                                \
                if (FLOATING)                                                              \
                    nf += a * 0.0;              /* NaN for NaN and +-Inf, else 0 */        \
            }                                                                              \
            const int bad = (nf != 0.0 || nf != nf);                                       \
            if (bad)                                                                       \
                finite = 0;                                                                \
            if (exact && cmax * cmax > lim)                                                \
                exact = 0;                                                                 \
            if (FLOATING && exact && !bad) {                                               \
                /* |x| <= 2^12 here, so the int32 conversion is defined */                \
                int frac = 0;                                                              \
                _Pragma("omp simd reduction(|: frac)")                                     \
                for (ptrdiff_t i = 0; i < b; ++i)                                          \
                    frac |= ((double)src[i] != (double)(int32_t)src[i]);                   \
                if (frac)                                                                  \
                    exact = 0;                                                             \
            }                                                                              \
            if (cols == NULL || cmax > 0.0 || bad) {                                       \
                if (cols != NULL)                                                          \
                    cols[k] = j;                                                           \
                ++k;                                                                       \
                amax = cmax > amax ? cmax : amax;                                          \
            }                                                                              \
        }                                                                                  \
        *kept = k;                                                                         \
        info->amax = amax;                                                                 \
        info->exact = exact;                                                               \
        info->finite = finite;                                                             \
    }

LD_DEFINE_LOAD(load_double, double, double, 1)
LD_DEFINE_LOAD(load_single, float, double, 1)
LD_DEFINE_LOAD(load_int8, int8_t, double, 0)
LD_DEFINE_LOAD(load_uint8, uint8_t, double, 0)
LD_DEFINE_LOAD(load_int16, int16_t, double, 0)
LD_DEFINE_LOAD(load_uint16, uint16_t, double, 0)
LD_DEFINE_LOAD(load_int32, int32_t, double, 0)
LD_DEFINE_LOAD(load_uint32, uint32_t, double, 0)
LD_DEFINE_LOAD(load_int64, int64_t, double, 0)
LD_DEFINE_LOAD(load_uint64, uint64_t, double, 0)
/* 8-bit integers go straight to float: a block of them is always exact there. */
LD_DEFINE_LOAD(load_int8_f, int8_t, float, 0)
LD_DEFINE_LOAD(load_uint8_f, uint8_t, float, 0)

typedef void (*load_fn)(const void *, ptrdiff_t, ptrdiff_t, ptrdiff_t, ptrdiff_t, double *,
                        ptrdiff_t *, ptrdiff_t *, block_info *);

static load_fn loader(ld_class c)
{
    switch (c) {
    case LD_CLASS_DOUBLE: return load_double;
    case LD_CLASS_SINGLE: return load_single;
    case LD_CLASS_INT8: return load_int8;
    case LD_CLASS_UINT8: return load_uint8;
    case LD_CLASS_INT16: return load_int16;
    case LD_CLASS_UINT16: return load_uint16;
    case LD_CLASS_INT32: return load_int32;
    case LD_CLASS_UINT32: return load_uint32;
    case LD_CLASS_INT64: return load_int64;
    case LD_CLASS_UINT64: return load_uint64;
    default: return NULL;
    }
}

/* One thread's pieces of scratch. */
typedef struct {
    double *sx, *sxy;   /* its sums */
    double *c;          /* products of a block: kept x kept, kept x p (double or float) */
    double *xd;         /* block of X, double */
    float *xf;          /* block of X, float */
    double *yd;         /* block of Y, double */
    float *yf;          /* block of Y, float */
    ptrdiff_t *cols;    /* kept columns of the block of X */
    ptrdiff_t *runs;    /* where each run of consecutive kept columns starts in cols */
} thread_scratch;

static void to_float(const double *src, size_t count, float *dst)
{
#pragma omp simd
    for (size_t i = 0; i < count; ++i)
        dst[i] = (float)src[i];
}

static void to_double(const float *src, size_t count, double *dst)
{
#pragma omp simd
    for (size_t i = 0; i < count; ++i)
        dst[i] = (double)src[i];
}

/* The runs of consecutive indices in cols[0..k-1]: runs[0..nr] with runs[nr] = k. */
static ptrdiff_t find_runs(const ptrdiff_t *cols, ptrdiff_t k, ptrdiff_t *runs)
{
    ptrdiff_t nr = 0;
    for (ptrdiff_t i = 0; i < k; ++i)
        if (i == 0 || cols[i] != cols[i - 1] + 1)
            runs[nr++] = i;
    runs[nr] = k;
    return nr;
}

/* S (ld d) += the product C of the kept columns (k x m, ld k) put back in place:
 * rows cols[i], columns cols[j] (upper != 0: only i <= j, the upper triangle; else
 * columns j of S itself).  Runs of consecutive columns are contiguous in S. */
#define LD_DEFINE_SCATTER(NAME, CT)                                                        \
    static void NAME(const CT *C, ptrdiff_t k, ptrdiff_t m, int upper,                    \
                     const ptrdiff_t *cols, const ptrdiff_t *runs, ptrdiff_t nr,          \
                     double *S, ptrdiff_t d)                                               \
    {                                                                                      \
        for (ptrdiff_t j = 0; j < m; ++j) {                                                \
            double *scol = S + (upper ? cols[j] : j) * d;                                  \
            const CT *ccol = C + j * k;                                                    \
            for (ptrdiff_t r = 0; r < nr && (!upper || runs[r] <= j); ++r) {               \
                const ptrdiff_t i0 = runs[r];                                              \
                const ptrdiff_t i1 = (upper && runs[r + 1] > j + 1) ? j + 1 : runs[r + 1]; \
                double *sp = scol + cols[i0];                                              \
                const CT *cp = ccol + i0;                                                  \
                _Pragma("omp simd")                                                        \
                for (ptrdiff_t q = 0; q < i1 - i0; ++q)                                    \
                    sp[q] += (double)cp[q];                                                \
            }                                                                              \
        }                                                                                  \
    }

LD_DEFINE_SCATTER(scatter_float, float)
LD_DEFINE_SCATTER(scatter_double, double)

/* Adds one block, rows r0 .. r0+b-1, to the thread's sums.  Returns LD_OK or
 * LD_ENOTFINITE. */
static int add_block(const ld_data *data, ptrdiff_t r0, ptrdiff_t b, const thread_scratch *s,
                     int *deferred)
{
    const ptrdiff_t n = data->n, d = data->d, p = data->p;
    const ld_class xclass = data->xclass;
    const void *X = data->X, *Y = data->Y;
    const blas_int bb = (blas_int)b;
    ptrdiff_t k;
    block_info xi, yi = {0.0, 1, 1};
    int have_xd = 0, have_xf = 0;

    *deferred = 0;
    if (p > 0) {
        ptrdiff_t kp;
        loader(data->yclass)(Y, n, r0, b, p, s->yd, NULL, &kp, &yi);
        if (!yi.finite)
            return LD_ENOTFINITE;
    }
    if (xclass == LD_CLASS_DOUBLE) {
        /* A dense block of real doubles: its Sxy now, from the copy in cache, and its
         * Sx by the caller, in one dsyrk over X's own rows for the whole run of such
         * blocks (a long product runs nearer dgemm's rate than many short ones). */
        load_double(X, n, r0, b, d, s->xd, s->cols, &k, &xi);
        if (!xi.finite)
            return LD_ENOTFINITE;
        if (k == d && !xi.exact) {
            if (p > 0)
                ld_gemm_blas("T", "N", d, p, b, 1.0, s->xd, b, s->yd, b, 1.0, s->sxy, d);
            *deferred = 1;
            return LD_OK;
        }
    } else if (xclass == LD_CLASS_UINT8)
        load_uint8_f(X, n, r0, b, d, s->xf, s->cols, &k, &xi);
    else if (xclass == LD_CLASS_INT8)
        load_int8_f(X, n, r0, b, d, s->xf, s->cols, &k, &xi);
    else
        loader(xclass)(X, n, r0, b, d, s->xd, s->cols, &k, &xi);
    have_xf = (xclass == LD_CLASS_UINT8 || xclass == LD_CLASS_INT8);
    have_xd = !have_xf;
    if (!xi.finite)
        return LD_ENOTFINITE;
    if (k == 0)
        return LD_OK;               /* an all-zero block adds nothing */
    const blas_int kk = (blas_int)k;
    const int dense = (k == d);
    const ptrdiff_t nr = find_runs(s->cols, k, s->runs);
    const size_t bk = (size_t)b * (size_t)k;

    /* Sx: in float when that is exact, else in double (a dense block in place). */
    if (xi.exact) {
        const float one = 1.0f, zero = 0.0f;
        if (!have_xf) {
            to_float(s->xd, bk, s->xf);
            have_xf = 1;
        }
        LD_F77(ssyrk)("U", "T", &kk, &bb, &one, s->xf, &bb, &zero, (float *)s->c, &kk);
        scatter_float((const float *)s->c, k, k, 1, s->cols, s->runs, nr, s->sx, d);
    } else if (dense) {
        ld_syrk(d, b, 1.0, s->xd, b, 1.0, s->sx, d);
    } else {
        ld_syrk(k, b, 1.0, s->xd, b, 0.0, s->c, k);
        scatter_double(s->c, k, k, 1, s->cols, s->runs, nr, s->sx, d);
    }
    if (p == 0)
        return LD_OK;

    /* Sxy likewise: exact in float when both blocks are (|x| |y| rows <= 2^24). */
    const blas_int pp = (blas_int)p;
    if (xi.exact && yi.exact) {
        const float one = 1.0f, zero = 0.0f;
        to_float(s->yd, (size_t)b * (size_t)p, s->yf);
        LD_F77(sgemm)("T", "N", &kk, &pp, &bb, &one, s->xf, &bb, s->yf, &bb, &zero,
                      (float *)s->c, &kk);
        scatter_float((const float *)s->c, k, p, 0, s->cols, s->runs, nr, s->sxy, d);
    } else {
        if (!have_xd)
            to_double(s->xf, bk, s->xd);
        if (dense) {
            ld_gemm_blas("T", "N", d, p, b, 1.0, s->xd, b, s->yd, b, 1.0, s->sxy, d);
        } else {
            ld_gemm_blas("T", "N", k, p, b, 1.0, s->xd, b, s->yd, b, 0.0, s->c, k);
            scatter_double(s->c, k, p, 0, s->cols, s->runs, nr, s->sxy, d);
        }
    }
    return LD_OK;
}

static thread_scratch carve(double *work, size_t d, size_t p)
{
    const size_t B = LD_MOMENTS_BLOCK;
    thread_scratch s;
    s.sx = work;
    s.sxy = s.sx + d * d;
    s.c = s.sxy + d * p;
    s.xd = s.c + d * (d > p ? d : p);
    s.xf = (float *)(s.xd + B * d);
    s.yd = s.xd + B * d + (B * d + 1) / 2;
    s.yf = (float *)(s.yd + B * p);
    s.cols = (ptrdiff_t *)(s.yd + B * p + (B * p + 1) / 2);
    s.runs = s.cols + d;
    return s;
}

int ld_second_moments_any(const ld_data *data, double *Sx, double *Sxy, int nthreads,
                          double *work)
{
    if (data == NULL)
        return LD_EARG;
    const ptrdiff_t n = data->n, d = data->d, p = data->p;
    const ld_class xclass = data->xclass, yclass = data->yclass;
    const void *X = data->X, *Y = data->Y;
    if (!ld_dims_ok(n, d) || !ld_dims_ok(p, 0))
        return LD_EDIM;
    if ((unsigned)xclass >= LD_CLASS_COUNT || (unsigned)yclass >= LD_CLASS_COUNT
        || nthreads < 1 || nthreads > LD_MOMENTS_MAX_THREADS)
        return LD_EARG;
    if ((d > 0 && Sx == NULL) || (n > 0 && d > 0 && X == NULL)
        || (p > 0 && d > 0 && (Sxy == NULL || (n > 0 && Y == NULL))))
        return LD_EARG;
    if (d == 0)
        return LD_OK;
    if (ld_second_moments_work(d, p, nthreads) == 0 || work == NULL)
        return LD_EARG;
    memset(Sx, 0, (size_t)d * (size_t)d * sizeof(double));
    if (p > 0)
        memset(Sxy, 0, (size_t)d * (size_t)p * sizeof(double));
    if (n == 0)
        return LD_OK;

    const ptrdiff_t B = LD_MOMENTS_BLOCK, nblk = (n + B - 1) / B;
    int nt = nthreads;
    if (nt > nblk)
        nt = (int)nblk;
    int ok;
    const size_t tw = thread_work((size_t)d, (size_t)p, &ok);
    int status[LD_MOMENTS_MAX_THREADS];
    for (int t = 0; t < nt; ++t) {
        const thread_scratch s = carve(work + (size_t)t * tw, (size_t)d, (size_t)p);
        memset(s.sx, 0, (size_t)d * (size_t)d * sizeof(double));
        if (p > 0)
            memset(s.sxy, 0, (size_t)d * (size_t)p * sizeof(double));
        status[t] = LD_OK;
    }

    /* Every block's products are one thread's: OpenBLAS's own threads would only
     * compete for the same cores (restored after). */
    int blas_prev = 0;
    if (nt > 1)
        blas_prev = ld_blas_threads(1);
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) if (nt > 1)
#endif
    {
#ifdef _OPENMP
        const int t = omp_get_thread_num(), team = omp_get_num_threads();
#else
        const int t = 0, team = 1;
#endif
        const thread_scratch s = carve(work + (size_t)t * tw, (size_t)d, (size_t)p);
        int st = LD_OK;
        /* Each thread takes a contiguous range of blocks, fixed by its number: which
         * thread sums which block does not depend on timing, so neither does the
         * rounding of the result.  (OpenMP may give fewer threads than asked for: the
         * ranges follow the team's size.)  Runs of deferred (dense double) blocks get
         * their Sx in one dsyrk, rows run0 .. run1-1. */
        const ptrdiff_t b0 = nblk * t / team, b1 = nblk * (t + 1) / team;
        ptrdiff_t run0 = -1, run1 = -1;
        for (ptrdiff_t blk = b0; blk < b1 && st == LD_OK; ++blk) {
            const ptrdiff_t r0 = blk * B, b = (n - r0 < B) ? n - r0 : B;
            int deferred = 0;
            st = add_block(data, r0, b, &s, &deferred);
            if (deferred) {
                if (run0 < 0)
                    run0 = r0;
                run1 = r0 + b;
            } else if (run0 >= 0) {
                ld_syrk(d, run1 - run0, 1.0, (const double *)X + run0, n, 1.0, s.sx, d);
                run0 = -1;
            }
        }
        if (st == LD_OK && run0 >= 0)
            ld_syrk(d, run1 - run0, 1.0, (const double *)X + run0, n, 1.0, s.sx, d);
        status[t] = st;
    }
    if (blas_prev > 1)
        ld_blas_threads(blas_prev);
    for (int t = 0; t < nt; ++t)
        if (status[t] != LD_OK)
            return status[t];

    /* Sum the threads' upper triangles in thread order, divide by n (not a product
     * with 1/n: the exact sums of whole numbers then give exactly X'X/n), mirror. */
    const double dn = (double)n;
    for (ptrdiff_t j = 0; j < d; ++j) {
        for (ptrdiff_t i = 0; i <= j; ++i) {
            double v = 0.0;
            for (int t = 0; t < nt; ++t)
                v += work[(size_t)t * tw + (size_t)(i + j * d)];
            Sx[i + j * d] = v / dn;
        }
        for (ptrdiff_t i = 0; i < j; ++i)
            Sx[j + i * d] = Sx[i + j * d];
    }
    for (ptrdiff_t e = 0; e < d * p; ++e) {
        double v = 0.0;
        for (int t = 0; t < nt; ++t)
            v += work[(size_t)t * tw + (size_t)(d * d) + (size_t)e];
        Sxy[e] = v / dn;
    }
    return LD_OK;
}

int ld_second_moments(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, const double *X,
                      const double *Y, double *Sx, double *Sxy)
{
    if (!ld_dims_ok(n, d) || !ld_dims_ok(p, 0))
        return LD_EDIM;
    if ((d > 0 && Sx == NULL) || (n > 0 && d > 0 && X == NULL)
        || (p > 0 && d > 0 && (Sxy == NULL || (n > 0 && Y == NULL))))
        return LD_EARG;
    if (d == 0)
        return LD_OK;
    if (n == 0) {
        memset(Sx, 0, (size_t)d * (size_t)d * sizeof(double));
        if (p > 0)
            memset(Sxy, 0, (size_t)d * (size_t)p * sizeof(double));
        return LD_OK;
    }

    const double alpha = 1.0 / (double)n, beta = 0.0;

    /* Upper triangle of X'X/n, then mirror it so Sx is symmetric to the bit. */
    ld_syrk(d, n, alpha, X, n, beta, Sx, d);
    for (ptrdiff_t j = 0; j < d; ++j)
        for (ptrdiff_t i = j + 1; i < d; ++i)
            Sx[i + j * d] = Sx[j + i * d];

    if (p > 0)
        ld_gemm_blas("T", "N", d, p, n, alpha, X, n, Y, n, beta, Sxy, d);
    return LD_OK;
}
