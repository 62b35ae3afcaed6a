/* test_small.c -- ld_small_gemm (the small products of one step of eq. 5), ld_small_axpy
 * and ld_small_sumsq against naive loops, over every remainder case of the blocking, and
 * ld_gemm on both of its branches (kernel and dgemm) and for k = 0.  tests/c/Makefile
 * runs this program with each kernel variant and builds it once without the kernel. */
#include <string.h>
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_small.h"
#include "ld_gemm.h"
#include "ld_gradient.h"

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
    ld_test_gemm_ref(ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, R, ldc);
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

/* the variant that runs is the one the environment asks for when the CPU has it, else a
 * lesser one (tests/c/Makefile runs every program with LINDYN_KERNEL unset, =avx2 and
 * =generic); unset: the best the CPU has */
static void test_kernel_variant(void)
{
    const char *want = getenv("LINDYN_KERNEL"), *got = ld_small_kernel();
    printf("test_small: kernel variant %s\n", got);
    if (!LD_SMALL_ENABLED) {
        LD_CHECK(strcmp(got, "none") == 0);
        return;
    }
    const int g = strcmp(got, "generic") == 0, a2 = strcmp(got, "avx2") == 0,
              a5 = strcmp(got, "avx512") == 0;
    LD_CHECK(g || a2 || a5);
#if defined(__x86_64__) && !defined(__clang__)
    __builtin_cpu_init();
    const int has2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    const int has512 = has2 && __builtin_cpu_supports("avx512f");
#else
    const int has2 = 0, has512 = 0;
#endif
    if (want != NULL && strcmp(want, "generic") == 0)
        LD_CHECK(g);
    else if (want != NULL && strcmp(want, "avx2") == 0)
        LD_CHECK(has2 ? a2 : g);
    else   /* "avx512", unset or anything else: the best variant the CPU has */
        LD_CHECK(has512 ? a5 : has2 ? a2 : g);
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

/* sizes 1..64 across the vector widths (4 and 8), the 3-vector panels (12 and 24 rows),
 * the 8- and 4-column blocks and the masked remainders: odd sizes and the block edges */
static void test_gemm_odd_sizes(void)
{
    const ptrdiff_t s[] = {1, 3, 5, 7, 8, 9, 13, 16, 17, 23, 24, 25, 33, 41, 47, 49, 57, 63, 64};
    const int ns = (int)(sizeof s / sizeof s[0]);
    for (int op = 0; op < 3; ++op)
        for (int a = 0; a < ns; ++a)
            for (int b = 0; b < ns; b += 2) {
                one(op == 1, op == 2, s[a], s[b], s[(a + 2 * b + op) % ns],
                    (a + b) % 3 == 0 ? 0.0 : (a + b) % 3 == 1 ? 1.0 : -0.5);
                one(op == 1, op == 2, s[b], s[a], s[(3 * a + b + 1) % ns], (a + b) % 2 ? 0.0 : 0.5);
            }
}

static void test_axpy_sumsq(void)
{
    for (size_t n = 0; n <= 41; ++n) {
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

/* (ta ? A' : A) (ta ? A's columns : rows m, k) times B, in long double: one product of
 * the reference step below */
static void lmul(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const double *A,
                 ptrdiff_t lda, const double *B, ptrdiff_t ldb, long double *C)
{
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = 0; i < m; ++i) {
            long double s = 0.0L;
            for (ptrdiff_t q = 0; q < k; ++q)
                s += (long double)(ta ? A[q + i * lda] : A[i + q * lda])
                     * (long double)(tb ? B[j + q * ldb] : B[q + j * ldb]);
            C[i + j * m] = s;
        }
}

/* ld_gd_step at L = 2 with every width <= LD_SMALL_STEP2_MAX (the kernel's whole step,
 * ld_small_step2) against eq. 5 in plain long-double loops: E = W1 W2, R = Sx E - Sxy,
 * W1 - eta R W2', W2 - eta W1' R, ||R||^2; r < p and r >= p (the two associations of R),
 * odd sizes and the kernel's block edges; and the step not taken when ||R||^2 is above
 * the threshold. */
static void test_step2(void)
{
    const ptrdiff_t sz[][3] = {{1, 1, 1}, {8, 8, 8}, {20, 20, 20}, {7, 3, 5}, {3, 7, 5},
                               {9, 2, 17}, {17, 25, 9}, {33, 16, 24}, {31, 5, 63},
                               {64, 64, 64}, {5, 64, 1}};
    const int nsz = (int)(sizeof sz / sizeof sz[0]);
    for (int c = 0; c < 2 * nsz; ++c) {
        const ptrdiff_t d = sz[c / 2][0], r = sz[c / 2][1], p = sz[c / 2][2];
        const int above = c % 2;
        const ptrdiff_t rr[3] = {d, r, p};
        const size_t dp = (size_t)(d * p);
        double *Sx = ld_test_randmat((size_t)(d * d)), *Sxy = ld_test_randmat(dp);
        double *W1 = ld_test_randmat((size_t)(d * r)), *W2 = ld_test_randmat((size_t)(r * p));
        double *V1 = ld_test_randmat((size_t)(d * r)), *V2 = ld_test_randmat((size_t)(r * p));
        double *Wend = ld_test_randmat(dp);
        double *work = ld_test_randmat(ld_gradient_work(2, rr));
        long double *E = malloc(dp * sizeof *E), *R = malloc(dp * sizeof *R);
        long double *G1 = malloc((size_t)(d * r) * sizeof *G1);
        long double *G2 = malloc((size_t)(r * p) * sizeof *G2);
        double *Rd = malloc(dp * sizeof *Rd), *Ed = malloc(dp * sizeof *Ed);
        memcpy(V1, W1, (size_t)(d * r) * sizeof *V1);
        memcpy(V2, W2, (size_t)(r * p) * sizeof *V2);
        const double eta = 0.37;
        lmul(0, 0, d, p, r, W1, d, W2, r, E);
        for (size_t i = 0; i < dp; ++i)
            Ed[i] = (double)E[i];
        lmul(0, 0, d, p, d, Sx, d, Ed, d, R);   /* Sx E with E rounded: as good as E */
        long double rn = 0.0L, emax = 0.0L;
        for (size_t i = 0; i < dp; ++i) {
            R[i] -= Sxy[i];
            Rd[i] = (double)R[i];
            rn += R[i] * R[i];
            emax = fabsl(E[i]) > emax ? fabsl(E[i]) : emax;
        }
        lmul(0, 1, d, r, p, Rd, d, W2, r, G1);
        lmul(1, 0, r, p, d, W1, d, Rd, d, G2);
        double rn2 = -1.0;
        double *W[2] = {W1, W2};
        const ld_moments m = {2, rr, Sx, Sxy};
        if (above) {
            /* a threshold below ||R||^2: nothing is updated */
            LD_CHECK(ld_gd_step(&m, eta, 0.5 * (double)rn, W, NULL, &rn2, work) == LD_EDIVERGED);
            LD_CHECK(memcmp(W1, V1, (size_t)(d * r) * sizeof *W1) == 0);
            LD_CHECK(memcmp(W2, V2, (size_t)(r * p) * sizeof *W2) == 0);
        }
        LD_CHECK(ld_gd_step(&m, eta, INFINITY, W, above ? NULL : Wend, &rn2, work) == LD_OK);
        /* entries of Sx, Sxy, W in [-1, 1): |E| <= r, |R| <= d r + 1, |G| <= p (d r + 1)
         * (or d (d r + 1)); each a sum of at most max(d, r, p) terms rounded in another
         * order: an error below (terms) (bound) 4 eps, doubled for the rounded R */
        const double n = (double)(d > r ? (d > p ? d : p) : (r > p ? r : p));
        const double rb = (double)(d * r + 1), gb = n * rb, tol = 8.0 * n * 2.2e-16;
        double e1 = 0.0, e2 = 0.0, ee = 0.0;
        for (ptrdiff_t i = 0; i < d * r; ++i)
            e1 = fmax(e1, fabs(W1[i] - (double)((long double)V1[i] - eta * G1[i])));
        for (ptrdiff_t i = 0; i < r * p; ++i)
            e2 = fmax(e2, fabs(W2[i] - (double)((long double)V2[i] - eta * G2[i])));
        if (!above)
            for (size_t i = 0; i < dp; ++i)
                ee = fmax(ee, fabs(Wend[i] - (double)E[i]));
        LD_CHECK(e1 <= tol * eta * gb + 2.2e-16);
        LD_CHECK(e2 <= tol * eta * gb + 2.2e-16);
        LD_CHECK(ee <= tol * (double)r);
        LD_CHECK(fabs(rn2 - (double)rn) <= tol * (double)rn + tol * rb);
        if (!(e1 <= tol * eta * gb + 2.2e-16) || !(e2 <= tol * eta * gb + 2.2e-16))
            fprintf(stderr, "  step2 %td x %td x %td: W1 error %.3g, W2 error %.3g\n", d, r, p,
                    e1, e2);
        free(Sx); free(Sxy); free(W1); free(W2); free(V1); free(V2); free(Wend); free(work);
        free(E); free(R); free(G1); free(G2); free(Rd); free(Ed);
    }
}

int main(void)
{
    LD_RUN(test_kernel_variant);
    if (LD_SMALL_ENABLED) {   /* else ld_small_gemm is an empty stub nobody calls */
        LD_RUN(test_gemm_all_remainders);
        LD_RUN(test_gemm_sizes);
        LD_RUN(test_gemm_odd_sizes);
    }
    LD_RUN(test_ld_gemm);
    LD_RUN(test_step2);
    LD_RUN(test_ld_gemm_k0);
    LD_RUN(test_axpy_sumsq);
    return ld_test_summary("test_small");
}
