/* ld_gemm.c -- C = alpha op(A) op(B) + beta C: the small kernel or BLAS (ld_gemm), and
 * the BLAS products dgemm, dsymm, dsyrk with ptrdiff_t dimensions. */
#include "ld_gemm.h"
#include "ld_small.h"
#include "ld_skinny.h"
#include "ld_blas.h"

/* BLAS wants leading dimensions >= 1 even for empty operands. */
static blas_int ld_lead(ptrdiff_t ld)
{
    return (blas_int)(ld > 0 ? ld : 1);
}

void ld_gemm(const char *ta, const char *tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
             double alpha, const double *A, ptrdiff_t lda, const double *B,
             ptrdiff_t ldb, double beta, double *C, ptrdiff_t ldc)
{
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        for (ptrdiff_t j = 0; j < n; ++j)
            for (ptrdiff_t i = 0; i < m; ++i)
                C[i + j * ldc] = beta == 0.0 ? 0.0 : beta * C[i + j * ldc];
        return;
    }
    /* small products (every dimension <= LD_SMALL_MAX): our own kernel, which at these
     * sizes is faster than a dgemm call (its set-up cost is a large part of the time) */
    if (LD_SMALL_ENABLED && m <= LD_SMALL_MAX && n <= LD_SMALL_MAX && k <= LD_SMALL_MAX
        && !(ta[0] == 'T' && tb[0] == 'T')) {
        ld_small_gemm(ta[0], tb[0], m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
        return;
    }
    /* skinny products (a dimension <= LD_SKINNY_N next to one above LD_SMALL_MAX) */
    if (LD_SKINNY_ENABLED && ld_skinny_gemm(ta[0], tb[0], m, n, k, alpha, A, lda, B, ldb, beta, C, ldc))
        return;
    ld_gemm_blas(ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
}

void ld_gemm_blas(const char *ta, const char *tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                  double alpha, const double *A, ptrdiff_t lda, const double *B,
                  ptrdiff_t ldb, double beta, double *C, ptrdiff_t ldc)
{
    if (m == 0 || n == 0)
        return;
    const blas_int bm = (blas_int)m, bn = (blas_int)n, bk = (blas_int)k;
    const blas_int la = ld_lead(lda), lb = ld_lead(ldb), lc = ld_lead(ldc);
    LD_F77(dgemm)(ta, tb, &bm, &bn, &bk, &alpha, A, &la, B, &lb, &beta, C, &lc);
}

void ld_symm(ptrdiff_t m, ptrdiff_t n, double alpha, const double *S, ptrdiff_t lds,
             const double *B, ptrdiff_t ldb, double beta, double *C, ptrdiff_t ldc)
{
    if (m == 0 || n == 0)
        return;
    const blas_int bm = (blas_int)m, bn = (blas_int)n;
    const blas_int ls = ld_lead(lds), lb = ld_lead(ldb), lc = ld_lead(ldc);
    LD_F77(dsymm)("L", "U", &bm, &bn, &alpha, S, &ls, B, &lb, &beta, C, &lc);
}

void ld_syrk(ptrdiff_t n, ptrdiff_t k, double alpha, const double *A, ptrdiff_t lda,
             double beta, double *C, ptrdiff_t ldc)
{
    if (n == 0)
        return;
    const blas_int bn = (blas_int)n, bk = (blas_int)k;
    const blas_int la = ld_lead(lda), lc = ld_lead(ldc);
    LD_F77(dsyrk)("U", "T", &bn, &bk, &alpha, A, &la, &beta, C, &lc);
}
