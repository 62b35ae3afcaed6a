/* test_gemm.c -- the products of ld_gemm.c (ld_gemm on both sides of LD_SMALL_MAX,
 * ld_gemm_blas, ld_symm, ld_syrk) against naive loops in long double, with padded leading
 * dimensions whose padding must stay untouched, and the empty and k = 0 cases. */
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_gemm.h"
#include "ld_small.h"

/* one product through ld_gemm (blas = 0) or ld_gemm_blas (blas = 1) */
static void one(int blas, int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double beta)
{
    const ptrdiff_t ar = ta ? k : m, ac = ta ? m : k, br = tb ? n : k, bc = tb ? k : n;
    const ptrdiff_t lda = ar + 2, ldb = br + 2, ldc = m + 2;
    double *A = ld_test_randmat((size_t)(lda * ac)), *B = ld_test_randmat((size_t)(ldb * bc));
    double *C = ld_test_randmat((size_t)(ldc * n)), *R = ld_test_randmat((size_t)(ldc * n));
    for (ptrdiff_t i = 0; i < ldc * n; ++i) {
        if (beta == 0.0 && i % ldc < m)
            C[i] = NAN;               /* beta == 0: C must not be read */
        R[i] = C[i];
    }
    const double alpha = 0.61;
    (blas ? ld_gemm_blas : ld_gemm)(ta ? "T" : "N", tb ? "T" : "N", m, n, k, alpha, A, lda,
                                    B, ldb, beta, C, ldc);
    ld_test_gemm_ref(ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, R, ldc);
    /* a k-term sum of products of numbers in [-1, 1) in another order: below
     * 2 (k + 2) eps in absolute terms */
    const double tol = 2.0 * (double)(k + 2) * 2.220446049250313e-16;
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = 0; i < ldc; ++i) {
            const double c = C[i + j * ldc], r = R[i + j * ldc];
            if (i < m)
                LD_CHECK_CLOSE(c, r, tol);
            else
                LD_CHECK(c == r);     /* padding untouched */
        }
    free(A); free(B); free(C); free(R);
}

static void test_gemm_sizes(void)
{
    /* both sides of LD_SMALL_MAX and every transpose pair (TT always goes to BLAS) */
    const ptrdiff_t sz[] = {1, 3, 17, LD_SMALL_MAX, LD_SMALL_MAX + 1, 90};
    for (int ta = 0; ta < 2; ++ta)
        for (int tb = 0; tb < 2; ++tb)
            for (size_t a = 0; a < 6; ++a)
                for (size_t b = 0; b < 6; b += 2)
                    for (int blas = 0; blas < 2; ++blas) {
                        one(blas, ta, tb, sz[a], sz[(a + b) % 6], sz[(a + 2 * b + 1) % 6], 0.0);
                        one(blas, ta, tb, sz[(a + 1) % 6], sz[a], sz[b], -0.5);
                    }
}

static void test_gemm_empty(void)
{
    double C[6] = {1, 2, 3, 4, 5, 6}, A[1] = {7}, B[1] = {8};
    ld_gemm("N", "N", 0, 3, 2, 1.0, A, 1, B, 1, 0.0, C, 1);     /* m = 0: nothing */
    ld_gemm_blas("N", "N", 2, 0, 2, 1.0, A, 2, B, 2, 0.0, C, 2);
    for (int i = 0; i < 6; ++i)
        LD_CHECK(C[i] == (double)(i + 1));
    ld_gemm("N", "N", 2, 3, 0, 1.0, A, 2, B, 1, 2.0, C, 2);     /* k = 0: C = beta C */
    for (int i = 0; i < 6; ++i)
        LD_CHECK(C[i] == 2.0 * (double)(i + 1));
    C[0] = NAN;
    ld_gemm("N", "N", 2, 3, 0, 1.0, A, 2, B, 1, 0.0, C, 2);     /* beta = 0: zeros */
    for (int i = 0; i < 6; ++i)
        LD_CHECK(C[i] == 0.0);
}

/* ld_symm reads only the upper triangle of S; ld_syrk writes only the upper triangle */
static void test_symm_syrk(void)
{
    const ptrdiff_t m = 7, n = 5, k = 9, lds = m + 1;
    double *S = ld_test_randmat((size_t)(lds * m)), *Sf = ld_test_randmat((size_t)(m * m));
    double *B = ld_test_randmat((size_t)(m * n)), *C = ld_test_randmat((size_t)(m * n));
    double *R = ld_test_randmat((size_t)(m * n));
    for (ptrdiff_t j = 0; j < m; ++j)
        for (ptrdiff_t i = 0; i < m; ++i) {
            Sf[i + j * m] = i <= j ? S[i + j * lds] : S[j + i * lds];
            if (i > j)
                S[i + j * lds] = NAN;   /* the lower triangle is not read */
        }
    memcpy(R, C, (size_t)(m * n) * sizeof(double));
    ld_symm(m, n, 1.5, S, lds, B, m, 0.25, C, m);
    ld_test_gemm_ref(0, 0, m, n, m, 1.5, Sf, m, B, m, 0.25, R, m);
    /* alpha = 1.5 times an m-term sum of products of numbers in [-1, 1), in another
     * order: below 1.5 * 2 (m + 2) eps, rounded up to 4 (m + 2) eps */
    LD_CHECK(ld_test_maxdiff(C, R, (size_t)(m * n)) <= 4.0 * (double)(m + 2) * 2.220446049250313e-16);

    double *A = ld_test_randmat((size_t)(k * n)), *G = ld_test_randmat((size_t)(n * n));
    double *Gr = ld_test_randmat((size_t)(n * n));
    memcpy(Gr, G, (size_t)(n * n) * sizeof(double));
    ld_syrk(n, k, 0.5, A, k, 0.0, G, n);
    ld_test_gemm_ref(1, 0, n, n, k, 0.5, A, k, A, k, 0.0, Gr, n);
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = 0; i <= j; ++i)
            LD_CHECK_CLOSE(G[i + j * n], Gr[i + j * n], 2.0 * (double)(k + 2) * 2.220446049250313e-16);
    free(S); free(Sf); free(B); free(C); free(R); free(A); free(G); free(Gr);
}

int main(void)
{
    LD_RUN(test_gemm_sizes);
    LD_RUN(test_gemm_empty);
    LD_RUN(test_symm_syrk);
    return ld_test_summary("test_gemm");
}
