/* ld_sparse.h -- the products of a gradient that is zero outside a fixed set of entries
 * (matrix completion): dot products and combinations of chosen columns, for the sparse
 * step of ld_objective_completion.c, and the transpose that puts a factor's rows in
 * contiguous columns for them. */
#ifndef LD_SPARSE_H
#define LD_SPARSE_H

#include <stddef.h>

/* Index arrays are doubles holding exact non-negative integers (the layout of the
 * objectives' scratch): ptr[c] .. ptr[c+1]-1 are the entries of group c, idx[e] the
 * column of X that entry e uses.  n is the length of the columns. */

/* out[e] = X(:, idx[e])' Y(:, c) for every entry e of the groups c = c0 .. c1-1
 * (X n x *, ldx; Y n x *, ldy).  2 n flops per entry. */
void ld_sparse_dots(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                    const double *idx, const double *X, ptrdiff_t ldx, const double *Y,
                    ptrdiff_t ldy, double *out);

/* Y(:, c) = sum over the entries e of group c of coef[e] X(:, idx[e]), c = c0 .. c1-1
 * (an empty group gives a zero column).  2 n flops per entry; Y's columns are written
 * once, the sums held in registers. */
void ld_sparse_combine(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                       const double *idx, const double *coef, const double *X,
                       ptrdiff_t ldx, double *Y, ptrdiff_t ldy);

/* B(j, i) = A(i, j) for rows i = i0 .. i1-1 of A (m x n, lda) into B (n x m, ldb). */
void ld_transpose(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, const double *A, ptrdiff_t lda,
                  double *B, ptrdiff_t ldb);

/* The variant the two kernels run: "avx512", "avx2", "generic" (LINDYN_KERNEL=generic
 * in the environment forces it, as for ld_small.h), or "none" (plain loops: a build
 * without GCC's vector extensions, or -DLD_SMALL_ENABLED=0). */
const char *ld_sparse_kernel(void);

#endif /* LD_SPARSE_H */
