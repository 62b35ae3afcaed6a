/* test_small.c -- ld_small_gemm (the small products of one step of eq. 5), ld_small_axpy
 * and ld_small_sumsq against naive loops, over every remainder case of the blocking, and
 * ld_gemm on both of its branches (kernel and dgemm) and for k = 0.  tests/c/Makefile
 * runs this program with each kernel variant and builds it once without the kernel. */
#include <string.h>
#include "ld_test.h"
#include "ld_small.h"
#include "ld_gemm.h"

/* C (m x n, ldc) = alpha op(A) op(B) + beta C by naive loops, in long double */
static void ref(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta,
                double *C, ptrdiff_t ldc)
{
    for (ptrdiff_t i = 0; i < m; ++i)
        for (ptrdiff_t j = 0; j < n; ++j) {
            long double s = 0.0L;
            for (ptrdiff_t q = 0; q < k; ++q)
                s += (long double)(ta ? A[q + i * lda] : A[i + q * lda])
                     * (long double)(tb ? B[j + q * ldb] : B[q + j * ldb]);
            const double c = C[i + j * ldc];
            C[i + j * ldc] = (double)((long double)alpha * s
                                      + (beta == 0.0 ? 0.0L : (long double)beta * c));
        }
}

/* one case: leading dimensions padded by 3, C's padding must stay untouched; beta = 0
 * with C full of NaN (C must not be read) */
static void one_of(int via_ld_gemm, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                   double beta)
{
    const ptrdiff_t ar = ta ? k : m, ac = ta ? m : k, br = tb ? n : k, bc = tb ? k : n;
    const ptrdiff_t lda = ar + 3, ldb = br + 3, ldc = m + 3;
    double *A = ld_test_randmat((size_t)(lda * ac)), *B = ld_test_randmat((size_t)(ldb * bc));
    double *C = ld_test_randmat((size_t)(ldc * n)), *R = ld_test_randmat((size_t)(ldc * n));
    for (ptrdiff_t i = 0; i < ldc * n; ++i) {
        if (beta == 0.0 && i % ldc < m)
            C[i] = NAN;
        R[i] = C[i];
    }
    const double alpha = -0.37;
    if (via_ld_gemm)
        ld_gemm(ta ? "T" : "N", tb ? "T" : "N", m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    else
        ld_small_gemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, alpha, A, lda, B, ldb, beta,
                      C, ldc);
    ref(ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, R, ldc);
    /* entries are sums of k products of numbers in [-1, 1) (times 0.37) plus beta C:
     * rounding of a k-term sum in another order stays below 2 k eps (k + 2) */
    double worst = 0.0;
    int pad_ok = 1;
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = 0; i < ldc; ++i) {
            const double c = C[i + j * ldc], r = R[i + j * ldc];
            if (i >= m) {
                if (!(c == r))
                    pad_ok = 0;
            } else if (!(fabs(c - r) <= worst)) {
                worst = fabs(c - r);
            }
        }
    if (!(worst <= 2.0 * (double)(k + 2) * 2.2e-16) || !pad_ok)
        fprintf(stderr, "  case %c%c m=%td n=%td k=%td beta=%g: worst %.3g, padding %s\n",
                ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, beta, worst, pad_ok ? "ok" : "CHANGED");
    LD_CHECK(worst <= 2.0 * (double)(k + 2) * 2.2e-16);
    LD_CHECK(pad_ok);
    free(A); free(B); free(C); free(R);
}

static void one(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double beta)
{
    one_of(0, ta, tb, m, n, k, beta);
}

/* the variant that runs is the one the environment asks for (tests/c/Makefile runs every
 * program with LINDYN_KERNEL unset and with LINDYN_KERNEL=generic) */
static void test_kernel_variant(void)
{
    const char *want = getenv("LINDYN_KERNEL"), *got = ld_small_kernel();
    printf("test_small: kernel variant %s\n", got);
    if (!LD_SMALL_ENABLED)
        LD_CHECK(strcmp(got, "none") == 0);
    else if (want != NULL && strcmp(want, "generic") == 0)
        LD_CHECK(strcmp(got, "generic") == 0);
    else
        LD_CHECK(strcmp(got, "avx2") == 0 || strcmp(got, "generic") == 0);
}

/* ld_gemm: kernel-sized products, the dgemm branch (a dimension above LD_SMALL_MAX,
 * m != n so that a swap of m and n shows; TT always goes to dgemm) */
static void test_ld_gemm(void)
{
    const ptrdiff_t big = LD_SMALL_MAX + 36, s = 10;
    for (int op = 0; op < 4; ++op) {
        const int ta = op == 1 || op == 3, tb = op == 2 || op == 3;
        one_of(1, ta, tb, 7, 5, 9, 0.5);
        one_of(1, ta, tb, big, s, 3, 0.0);
        one_of(1, ta, tb, s, big, 7, 1.0);
        one_of(1, ta, tb, s, 3, big, 0.5);
        one_of(1, ta, tb, big, big - 9, s, 0.0);
    }
}

/* ld_gemm with k = 0: C = beta C for any beta (C not read when beta = 0), padding kept */
static void test_ld_gemm_k0(void)
{
    const double betas[] = {0.0, 1.0, 0.5, -2.0};
    const ptrdiff_t m = 5, n = 3, ldc = m + 2;
    double A = 1.0, B = 1.0;
    for (int b = 0; b < 4; ++b) {
        double *C = ld_test_randmat((size_t)(ldc * n)), *C0 = ld_test_randmat((size_t)(ldc * n));
        for (ptrdiff_t i = 0; i < ldc * n; ++i) {
            if (betas[b] == 0.0 && i % ldc < m)
                C[i] = NAN;
            C0[i] = C[i];
        }
        ld_gemm("N", "N", m, n, 0, 0.7, &A, 1, &B, 1, betas[b], C, ldc);
        for (ptrdiff_t j = 0; j < n; ++j)
            for (ptrdiff_t i = 0; i < ldc; ++i) {
                const double c0 = C0[i + j * ldc];
                /* one multiplication: exact for beta = 1, -2, 0.5 (powers of 2) */
                const double want = i >= m ? c0 : (betas[b] == 0.0 ? 0.0 : betas[b] * c0);
                LD_CHECK(C[i + j * ldc] == want);
            }
        free(C); free(C0);
    }
}

static void test_gemm_all_remainders(void)
{
    /* every m, n, k in 1..14 covers the 12/8/4-row panels, the m mod 4 rows, the 4-column
     * and 1..3-column blocks (NN/NT), the 3-column blocks and k mod 4 tails (TN) */
    for (int op = 0; op < 3; ++op)
        for (ptrdiff_t m = 1; m <= 14; ++m)
            for (ptrdiff_t n = 1; n <= 14; ++n)
                for (ptrdiff_t k = 1; k <= 14; k += (k < 6 ? 1 : 3))
                    one(op == 1, op == 2, m, n, k, (m + n + k) % 2 ? 0.0 : 0.5);
}

static void test_gemm_sizes(void)
{
    const ptrdiff_t s[] = {20, 31, 64};
    for (int op = 0; op < 3; ++op)
        for (int a = 0; a < 3; ++a)
            for (int b = 0; b < 3; ++b) {
                one(op == 1, op == 2, s[a], s[b], s[(a + b) % 3], 1.0);
                one(op == 1, op == 2, s[a], s[b], s[(a + b + 1) % 3], 0.0);
            }
}

static void test_axpy_sumsq(void)
{
    for (size_t n = 0; n <= 19; ++n) {
        double *x = ld_test_randmat(n), *y = ld_test_randmat(n), *y0 = ld_test_randmat(n);
        long double s = 0.0L;
        for (size_t i = 0; i < n; ++i) {
            y0[i] = y[i];
            s += (long double)x[i] * x[i];
        }
        ld_small_axpy(n, -0.3, x, y);
        for (size_t i = 0; i < n; ++i)
            y0[i] -= 0.3 * x[i];
        LD_CHECK(ld_test_maxdiff(y, y0, n) <= 4.4e-16);   /* one rounding, or an FMA's */
        /* sum of n squares <= n: partial sums in another order, n eps relative */
        LD_CHECK_CLOSE(ld_small_sumsq(n, x), (double)s, (double)(n + 1) * 2.2e-16 * (double)s);
        free(x); free(y); free(y0);
    }
}

int main(void)
{
    LD_RUN(test_kernel_variant);
    if (LD_SMALL_ENABLED) {   /* else ld_small_gemm is an empty stub nobody calls */
        LD_RUN(test_gemm_all_remainders);
        LD_RUN(test_gemm_sizes);
    }
    LD_RUN(test_ld_gemm);
    LD_RUN(test_ld_gemm_k0);
    LD_RUN(test_axpy_sumsq);
    return ld_test_summary("test_small");
}
