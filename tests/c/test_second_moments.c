/* test_second_moments.c -- ld_second_moments and ld_second_moments_any (the one-pass
 * blocked form, every element type) against explicit loops. */
#include <stdint.h>
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_second_moments.h"

static void check_case(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p)
{
    double *X = ld_test_randmat((size_t)(n * d)), *Y = ld_test_randmat((size_t)(n * p));
    double *Sx = ld_test_randmat((size_t)(d * d)), *Sxy = ld_test_randmat((size_t)(d * p));
    double *Rx = ld_test_randmat((size_t)(d * d)), *Rxy = ld_test_randmat((size_t)(d * p));
    LD_CHECK(ld_second_moments(n, d, p, X, Y, Sx, Sxy) == LD_OK);
    ld_test_second_moments(n, d, p, X, Y, Rx, Rxy);
    /* entries are averages of n products of numbers in [-1,1]: rounding <= n*eps */
    LD_CHECK(ld_test_maxdiff(Sx, Rx, (size_t)(d * d)) <= 1e-14 * (double)(n + 1));
    LD_CHECK(ld_test_maxdiff(Sxy, Rxy, (size_t)(d * p)) <= 1e-14 * (double)(n + 1));
    for (ptrdiff_t i = 0; i < d; ++i)
        for (ptrdiff_t j = 0; j < d; ++j)
            LD_CHECK(Sx[i + j * d] == Sx[j + i * d]);
    free(X); free(Y); free(Sx); free(Sxy); free(Rx); free(Rxy);
}

static void test_random_sizes(void)
{
    check_case(1, 1, 1);
    check_case(50, 7, 3);
    check_case(3, 9, 2);   /* fewer rows than columns: Sx singular */
    check_case(1000, 20, 5);
    check_case(17, 4, 0);  /* no outputs */
}

static void test_zero_rows(void)
{
    double Sx[4] = {1, 2, 3, 4}, Sxy[2] = {5, 6};
    LD_CHECK(ld_second_moments(0, 2, 1, NULL, NULL, Sx, Sxy) == LD_OK);
    for (int i = 0; i < 4; ++i) LD_CHECK(Sx[i] == 0.0);
    for (int i = 0; i < 2; ++i) LD_CHECK(Sxy[i] == 0.0);
}

static void test_bad_arguments(void)
{
    double x[4] = {0};
    LD_CHECK(ld_second_moments(-1, 2, 1, x, x, x, x) == LD_EDIM);
    LD_CHECK(ld_second_moments(2, -2, 1, x, x, x, x) == LD_EDIM);
    LD_CHECK(ld_second_moments(2, 2, 1, NULL, x, x, x) == LD_EARG);
    LD_CHECK(ld_second_moments(2, 2, 1, x, NULL, x, x) == LD_EARG);
    LD_CHECK(ld_second_moments(2, 2, 1, x, x, NULL, x) == LD_EARG);
    LD_CHECK(ld_second_moments((ptrdiff_t)1 << 40, 2, 1, x, x, x, x) == LD_EDIM
             || sizeof(ptrdiff_t) < 8);
    LD_CHECK(strcmp(ld_strerror(LD_EDIM), "success") != 0);
    LD_CHECK(ld_strerror(12345) != NULL);
}

/* ---- ld_second_moments_any ------------------------------------------------------- */

/* Exact sums of products of whole numbers (|x| < 2^31, n small enough that every sum
 * stays below 2^63), divided by n once: the moments computed without any rounding but
 * the last, which is what double(X)'*double(X)/n gives whenever its sums are exact. */
static void exact_moments(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, const int64_t *X,
                          const int64_t *Y, double *Sx, double *Sxy)
{
    for (ptrdiff_t j = 0; j < d; ++j) {
        for (ptrdiff_t i = 0; i < d; ++i) {
            int64_t s = 0;
            for (ptrdiff_t r = 0; r < n; ++r)
                s += X[r + i * n] * X[r + j * n];
            Sx[i + j * d] = (double)s / (double)n;
        }
        for (ptrdiff_t c = 0; c < p; ++c) {
            int64_t s = 0;
            for (ptrdiff_t r = 0; r < n; ++r)
                s += X[r + j * n] * Y[r + c * n];
            Sxy[j + c * d] = (double)s / (double)n;
        }
    }
}

static int is_symmetric(const double *S, ptrdiff_t d)
{
    for (ptrdiff_t i = 0; i < d; ++i)
        for (ptrdiff_t j = 0; j < i; ++j)
            if (S[i + j * d] != S[j + i * d])
                return 0;
    return 1;
}

/* Copies the whole numbers v (n*m of them) into an array of class c. */
static void *cast_to(ld_class c, const int64_t *v, size_t count)
{
    static const size_t size[LD_CLASS_COUNT] = {8, 4, 1, 1, 2, 2, 4, 4, 8, 8};
    void *a = malloc(size[c] * (count > 0 ? count : 1));
    for (size_t i = 0; i < count; ++i) {
        switch (c) {
        case LD_CLASS_DOUBLE: ((double *)a)[i] = (double)v[i]; break;
        case LD_CLASS_SINGLE: ((float *)a)[i] = (float)v[i]; break;
        case LD_CLASS_INT8: ((int8_t *)a)[i] = (int8_t)v[i]; break;
        case LD_CLASS_UINT8: ((uint8_t *)a)[i] = (uint8_t)v[i]; break;
        case LD_CLASS_INT16: ((int16_t *)a)[i] = (int16_t)v[i]; break;
        case LD_CLASS_UINT16: ((uint16_t *)a)[i] = (uint16_t)v[i]; break;
        case LD_CLASS_INT32: ((int32_t *)a)[i] = (int32_t)v[i]; break;
        case LD_CLASS_UINT32: ((uint32_t *)a)[i] = (uint32_t)v[i]; break;
        case LD_CLASS_INT64: ((int64_t *)a)[i] = v[i]; break;
        default: ((uint64_t *)a)[i] = (uint64_t)v[i]; break;
        }
    }
    return a;
}

/* Whole numbers in [lo, hi], a fraction `zero` of them 0, and columns zcol of X all 0. */
static int64_t *rand_whole(size_t count, int64_t lo, int64_t hi, double zero)
{
    int64_t *v = malloc(sizeof(int64_t) * (count > 0 ? count : 1));
    for (size_t i = 0; i < count; ++i) {
        const double u = 0.5 * (ld_test_rand() + 1.0);
        if (0.5 * (ld_test_rand() + 1.0) < zero)
            v[i] = 0;
        else
            v[i] = lo + (int64_t)floor(u * (double)(hi - lo + 1));
        if (v[i] > hi)
            v[i] = hi;
    }
    return v;
}

/* ld_second_moments_any with its scratch; data: {n, d, p, xclass, X, yclass, Y} */
static int call_any(ld_data data, double *Sx, double *Sxy, int nt)
{
    const size_t w = ld_second_moments_work(data.d, data.p, nt);
    double *work = malloc(sizeof(double) * (w > 0 ? w : 1));
    const int st = ld_second_moments_any(&data, Sx, Sxy, nt, work);
    free(work);
    return st;
}

/* Whole-number data of class xc (and Y of class yc): the moments must equal the exact
 * sums divided by n to the bit, for every thread count. */
static void check_exact(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, ld_class xc, ld_class yc,
                        int64_t lo, int64_t hi, double zero)
{
    int64_t *xv = rand_whole((size_t)(n * d), lo, hi, zero);
    int64_t *yv = rand_whole((size_t)(n * p), lo < 0 ? -3 : 0, 3, 0.5);
    if (d > 2)                                      /* a column that is all zero */
        for (ptrdiff_t r = 0; r < n; ++r)
            xv[r + 1 * n] = 0;
    void *X = cast_to(xc, xv, (size_t)(n * d)), *Y = cast_to(yc, yv, (size_t)(n * p));
    double *Sx = malloc(sizeof(double) * (size_t)(d * d + 1));
    double *Sxy = malloc(sizeof(double) * (size_t)(d * p + 1));
    double *Rx = malloc(sizeof(double) * (size_t)(d * d + 1));
    double *Rxy = malloc(sizeof(double) * (size_t)(d * p + 1));
    exact_moments(n, d, p, xv, yv, Rx, Rxy);
    for (int nt = 1; nt <= 3; ++nt) {
        LD_CHECK(call_any((ld_data){n, d, p, xc, X, yc, Y}, Sx, Sxy, nt) == LD_OK);
        LD_CHECK(memcmp(Sx, Rx, sizeof(double) * (size_t)(d * d)) == 0);
        LD_CHECK(p == 0 || memcmp(Sxy, Rxy, sizeof(double) * (size_t)(d * p)) == 0);
    }
    free(xv); free(yv); free(X); free(Y); free(Sx); free(Sxy); free(Rx); free(Rxy);
}

static void test_any_exact(void)
{
    /* 8-bit data: always in float blocks; dense, sparse (81% zeros, as MNIST), and
     * n a multiple of the block, not one, below one block, a single row */
    check_exact(1000, 30, 10, LD_CLASS_UINT8, LD_CLASS_DOUBLE, 0, 255, 0.0);
    check_exact(1000, 30, 10, LD_CLASS_UINT8, LD_CLASS_DOUBLE, 0, 255, 0.81);
    check_exact(512, 9, 2, LD_CLASS_UINT8, LD_CLASS_UINT8, 255, 255, 0.0);  /* the bound */
    check_exact(300, 70, 3, LD_CLASS_INT8, LD_CLASS_INT8, -128, 127, 0.5);
    check_exact(100, 5, 1, LD_CLASS_UINT8, LD_CLASS_DOUBLE, 0, 255, 0.3);
    check_exact(1, 4, 2, LD_CLASS_UINT8, LD_CLASS_DOUBLE, 0, 255, 0.0);
    check_exact(700, 1, 1, LD_CLASS_UINT8, LD_CLASS_DOUBLE, 0, 255, 0.0);
    check_exact(600, 6, 0, LD_CLASS_UINT8, LD_CLASS_DOUBLE, 0, 255, 0.0);
    /* whole numbers held as double or single: float blocks when small enough, double
     * blocks otherwise (|x| up to 4000: 4000^2 * 256 > 2^24), exact either way */
    check_exact(777, 12, 3, LD_CLASS_DOUBLE, LD_CLASS_DOUBLE, -200, 200, 0.2);
    check_exact(777, 12, 3, LD_CLASS_DOUBLE, LD_CLASS_SINGLE, -4000, 4000, 0.2);
    check_exact(777, 12, 3, LD_CLASS_SINGLE, LD_CLASS_DOUBLE, 0, 255, 0.6);
    /* the wider integer classes */
    check_exact(400, 8, 2, LD_CLASS_INT16, LD_CLASS_INT32, -30000, 30000, 0.1);
    check_exact(400, 8, 2, LD_CLASS_UINT16, LD_CLASS_UINT64, 0, 65535, 0.1);
    check_exact(400, 8, 2, LD_CLASS_INT32, LD_CLASS_INT64, -100000, 100000, 0.1);
    check_exact(400, 8, 2, LD_CLASS_UINT32, LD_CLASS_UINT16, 0, 100000, 0.1);
    check_exact(400, 8, 2, LD_CLASS_INT64, LD_CLASS_INT8, -100000, 100000, 0.1);
    check_exact(400, 8, 2, LD_CLASS_UINT64, LD_CLASS_UINT32, 0, 100000, 0.1);
}

/* Real data of class double or single (a fraction `zero` of the entries 0): against the
 * plain loop in double.  Each entry is a sum of n products of numbers in [-1, 1], so its
 * rounding is at most n eps in any order of summation. */
static void check_real(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, ld_class xc, double zero)
{
    double *X = ld_test_randmat((size_t)(n * d)), *Y = ld_test_randmat((size_t)(n * p));
    for (ptrdiff_t i = 0; i < n * d; ++i)
        if (0.5 * (ld_test_rand() + 1.0) < zero)
            X[i] = 0.0;
    float *Xs = malloc(sizeof(float) * (size_t)(n * d + 1));
    for (ptrdiff_t i = 0; i < n * d; ++i) {
        Xs[i] = (float)X[i];
        if (xc == LD_CLASS_SINGLE)
            X[i] = (double)Xs[i];                  /* the reference sees the same values */
    }
    double *Sx = malloc(sizeof(double) * (size_t)(d * d + 1));
    double *Sxy = malloc(sizeof(double) * (size_t)(d * p + 1));
    double *Rx = malloc(sizeof(double) * (size_t)(d * d + 1));
    double *Rxy = malloc(sizeof(double) * (size_t)(d * p + 1));
    ld_test_second_moments(n, d, p, X, Y, Rx, Rxy);
    for (int nt = 1; nt <= 2; ++nt) {
        const void *Xc = xc == LD_CLASS_SINGLE ? (const void *)Xs : X;
        LD_CHECK(call_any((ld_data){n, d, p, xc, Xc, LD_CLASS_DOUBLE, Y}, Sx, Sxy, nt) == LD_OK);
        LD_CHECK(ld_test_maxdiff(Sx, Rx, (size_t)(d * d)) <= 1e-16 * (double)(n + 1));
        LD_CHECK(ld_test_maxdiff(Sxy, Rxy, (size_t)(d * p)) <= 1e-16 * (double)(n + 1));
        LD_CHECK(is_symmetric(Sx, d));
    }
    free(X); free(Y); free(Xs); free(Sx); free(Sxy); free(Rx); free(Rxy);
}

/* Dense blocks (summed in runs by one dsyrk) between blocks with a zero column, a block
 * of small whole numbers (float) and a last short block: every way a block can go. */
static void test_any_mixed(void)
{
    const ptrdiff_t n = 1500, d = 9, p = 2;
    double *X = ld_test_randmat((size_t)(n * d)), *Y = ld_test_randmat((size_t)(n * p));
    for (ptrdiff_t r = 256; r < 768; ++r)
        X[r + 2 * n] = 0.0;                            /* blocks 1 and 2: sparse */
    for (ptrdiff_t j = 0; j < d; ++j)
        for (ptrdiff_t r = 1024; r < 1280; ++r)
            X[r + j * n] = floor(8.0 * X[r + j * n]);  /* block 4: whole numbers */
    double Sx[81], Sxy[18], Rx[81], Rxy[18];
    ld_test_second_moments(n, d, p, X, Y, Rx, Rxy);
    for (int nt = 1; nt <= 3; ++nt) {
        LD_CHECK(call_any((ld_data){n, d, p, LD_CLASS_DOUBLE, X, LD_CLASS_DOUBLE, Y}, Sx, Sxy, nt)
                 == LD_OK);
        /* averages of n products below 64 (Sx) and 8 (Sxy) in magnitude: two orders of
         * summation differ by at most n eps times that */
        LD_CHECK(ld_test_maxdiff(Sx, Rx, 81) <= (double)n * 2.3e-16 * 64.0);
        LD_CHECK(ld_test_maxdiff(Sxy, Rxy, 18) <= (double)n * 2.3e-16 * 8.0);
        LD_CHECK(is_symmetric(Sx, d));
    }
    free(X); free(Y);
}

static void test_any_real(void)
{
    check_real(1000, 20, 5, LD_CLASS_DOUBLE, 0.0);     /* dense blocks, in place */
    check_real(1000, 20, 5, LD_CLASS_DOUBLE, 0.9);     /* zero columns skipped */
    check_real(999, 7, 0, LD_CLASS_SINGLE, 0.0);
    check_real(300, 80, 90, LD_CLASS_SINGLE, 0.95);    /* p > d */
    check_real(1, 3, 2, LD_CLASS_DOUBLE, 0.0);
    check_real(257, 1, 1, LD_CLASS_DOUBLE, 0.0);
}

static void test_any_special(void)
{
    double Sx[9], Sxy[6];
    double x[6] = {1, 2, 3, 4, 5, 6}, y[3] = {1, 1, 1};
    /* n = 0: zeros; d = 0: nothing to do */
    for (int i = 0; i < 9; ++i) Sx[i] = 7.0;
    for (int i = 0; i < 6; ++i) Sxy[i] = 7.0;
    LD_CHECK(call_any((ld_data){0, 3, 2, LD_CLASS_DOUBLE, NULL, LD_CLASS_DOUBLE, NULL}, Sx, Sxy, 2)
             == LD_OK);
    for (int i = 0; i < 9; ++i) LD_CHECK(Sx[i] == 0.0);
    for (int i = 0; i < 6; ++i) LD_CHECK(Sxy[i] == 0.0);
    LD_CHECK(call_any((ld_data){5, 0, 2, LD_CLASS_DOUBLE, NULL, LD_CLASS_DOUBLE, x}, NULL, NULL, 1)
             == LD_OK);
    /* all-zero X: zero moments through the skipped blocks */
    double z[6] = {0};
    LD_CHECK(call_any((ld_data){3, 2, 1, LD_CLASS_DOUBLE, z, LD_CLASS_DOUBLE, y}, Sx, Sxy, 2)
             == LD_OK);
    for (int i = 0; i < 4; ++i) LD_CHECK(Sx[i] == 0.0);
    LD_CHECK(Sxy[0] == 0.0 && Sxy[1] == 0.0);
    /* NaN and Inf in X or Y, double and single; integers have none */
    double xn[6] = {1, 2, 3, 4, NAN, 6}, yi[3] = {1, INFINITY, 1};
    float xs[6] = {1, 2, 3, 4, 5, -INFINITY};
    LD_CHECK(call_any((ld_data){3, 2, 1, LD_CLASS_DOUBLE, xn, LD_CLASS_DOUBLE, y}, Sx, Sxy, 1)
             == LD_ENOTFINITE);
    LD_CHECK(call_any((ld_data){3, 2, 1, LD_CLASS_DOUBLE, x, LD_CLASS_DOUBLE, yi}, Sx, Sxy, 2)
             == LD_ENOTFINITE);
    LD_CHECK(call_any((ld_data){3, 2, 1, LD_CLASS_SINGLE, xs, LD_CLASS_DOUBLE, y}, Sx, Sxy, 1)
             == LD_ENOTFINITE);
    double xz[6] = {0, 0, 0, 0, 0, NAN};           /* NaN in an otherwise zero column */
    LD_CHECK(call_any((ld_data){3, 2, 1, LD_CLASS_DOUBLE, xz, LD_CLASS_DOUBLE, y}, Sx, Sxy, 1)
             == LD_ENOTFINITE);
    /* bad arguments */
    double work[4096];
    const ld_data ok = {3, 2, 1, LD_CLASS_DOUBLE, x, LD_CLASS_DOUBLE, y};
    const ld_data bad_n = {-1, 2, 1, LD_CLASS_DOUBLE, x, LD_CLASS_DOUBLE, y};
    const ld_data bad_class = {3, 2, 1, LD_CLASS_COUNT, x, LD_CLASS_DOUBLE, y};
    const ld_data no_x = {3, 2, 1, LD_CLASS_DOUBLE, NULL, LD_CLASS_DOUBLE, y};
    const ld_data no_y = {3, 2, 1, LD_CLASS_DOUBLE, x, LD_CLASS_DOUBLE, NULL};
    LD_CHECK(ld_second_moments_any(&bad_n, Sx, Sxy, 1, work) == LD_EDIM);
    LD_CHECK(ld_second_moments_any(&bad_class, Sx, Sxy, 1, work) == LD_EARG);
    LD_CHECK(ld_second_moments_any(&ok, Sx, Sxy, 0, work) == LD_EARG);
    LD_CHECK(ld_second_moments_any(&ok, Sx, Sxy, 1, NULL) == LD_EARG);
    LD_CHECK(ld_second_moments_any(&no_x, Sx, Sxy, 1, work) == LD_EARG);
    LD_CHECK(ld_second_moments_any(&no_y, Sx, Sxy, 1, work) == LD_EARG);
    LD_CHECK(ld_second_moments_any(NULL, Sx, Sxy, 1, work) == LD_EARG);
    LD_CHECK(ld_second_moments_work(-1, 2, 1) == 0);
    LD_CHECK(ld_second_moments_work(2, 2, 0) == 0);
    LD_CHECK(ld_second_moments_work((ptrdiff_t)1 << 40, 2, 1) == 0 || sizeof(size_t) < 8);
    LD_CHECK(ld_second_moments_threads() >= 1);
}

int main(void)
{
    LD_RUN(test_random_sizes);
    LD_RUN(test_zero_rows);
    LD_RUN(test_bad_arguments);
    LD_RUN(test_any_exact);
    LD_RUN(test_any_real);
    LD_RUN(test_any_mixed);
    LD_RUN(test_any_special);
    return ld_test_summary("test_second_moments");
}
