/* ld_sparse.c -- dot products and combinations of chosen columns (ld_sparse.h): the
 * products of a gradient supported on a fixed set of entries, nnz * n flops each instead
 * of a dense product's, by the kernel table's variant (ld_kernel.h). */
#include "ld_sparse.h"
#include "ld_kernel.h"

const char *ld_sparse_kernel(void)
{
    return ld_kernel->name;
}

void ld_sparse_dots(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                    const double *idx, const double *X, ptrdiff_t ldx, const double *Y,
                    ptrdiff_t ldy, double *out)
{
    ld_kernel->sparse_dots(n, c0, c1, ptr, idx, X, ldx, Y, ldy, out);
}

void ld_sparse_combine(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                       const double *idx, const double *coef, const double *X,
                       ptrdiff_t ldx, double *Y, ptrdiff_t ldy)
{
    ld_kernel->sparse_combine(n, c0, c1, ptr, idx, coef, X, ldx, Y, ldy);
}

void ld_transpose(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, const double *A, ptrdiff_t lda,
                  double *B, ptrdiff_t ldb)
{
    ld_kernel->transpose(i0, i1, n, A, lda, B, ldb);
}
