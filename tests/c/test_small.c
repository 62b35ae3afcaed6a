/* test_small.c -- ld_small_gemm (the small products of one step of eq. 5), ld_small_axpy
 * and ld_small_sumsq against naive loops, over every remainder case of the blocking. */
#include <string.h>
#include "ld_test.h"
#include "ld_small.h"

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
static void one(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double beta)
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
    ld_small_gemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
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

/* the kernel name agrees with what the CPU reports (the same question, asked directly) */
static void test_kernel_name(void)
{
    const char *k = ld_small_kernel();
    int avx2 = 0;
#if defined(__x86_64__) && !defined(__clang__)
    avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#endif
    LD_CHECK(strcmp(k, avx2 ? "avx2+fma" : "generic") == 0);
}

int main(void)
{
    LD_RUN(test_gemm_all_remainders);
    LD_RUN(test_gemm_sizes);
    LD_RUN(test_axpy_sumsq);
    LD_RUN(test_kernel_name);
    return ld_test_summary("test_small");
}
