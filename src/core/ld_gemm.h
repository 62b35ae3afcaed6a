/* ld_gemm.h -- the matrix products of the core: C = alpha op(A) op(B) + beta C.
 * ld_gemm decides between the small kernel (ld_small.h) and BLAS by size; the other
 * three always call BLAS (dgemm, dsymm, dsyrk).  Every product of the core goes through
 * one of them, so the choice of kernel is made in one place. */
#ifndef LD_GEMM_H
#define LD_GEMM_H

#include <stddef.h>

/* C (m x n, ldc) = alpha op(A) op(B) + beta C for any sizes (m, n, k >= 0): small
 * products (every dimension <= LD_SMALL_MAX, not TT) through ld_small_gemm, the rest
 * through BLAS dgemm; k == 0 scales C by beta (C not read when beta == 0).  For the
 * products inside the iteration of eq. 5, where a dgemm call's set-up cost dominates. */
void ld_gemm(const char *ta, const char *tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
             double alpha, const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
             double beta, double *C, ptrdiff_t ldc);

/* The same product, always by BLAS dgemm: for the products of the closed forms and the
 * decompositions, done once per call, whose results are BLAS's to the last bit.
 * Dimensions must fit blas_int (ld_dims_ok); m == 0 or n == 0 does nothing. */
void ld_gemm_blas(const char *ta, const char *tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                  double alpha, const double *A, ptrdiff_t lda, const double *B,
                  ptrdiff_t ldb, double beta, double *C, ptrdiff_t ldc);

/* C (m x n, ldc) = alpha S B + beta C with S m x m symmetric (only its upper triangle is
 * read), B m x n: BLAS dsymm ("L", "U"). */
void ld_symm(ptrdiff_t m, ptrdiff_t n, double alpha, const double *S, ptrdiff_t lds,
             const double *B, ptrdiff_t ldb, double beta, double *C, ptrdiff_t ldc);

/* The upper triangle of C (n x n, ldc) = alpha A' A + beta C, A k x n: BLAS dsyrk
 * ("U", "T"); the strict lower triangle of C is not touched. */
void ld_syrk(ptrdiff_t n, ptrdiff_t k, double alpha, const double *A, ptrdiff_t lda,
             double beta, double *C, ptrdiff_t ldc);

#endif /* LD_GEMM_H */
