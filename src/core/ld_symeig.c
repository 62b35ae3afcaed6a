/* ld_symeig.c -- A = Z diag(w) Z', w descending, by LAPACK dsyevd (all eigenpairs). */
#include <string.h>
#include "ld_symeig.h"
#include "ld_blas.h"

/* dsyevd's documented minimum workspaces with eigenvectors: lwork = 1 + 6n + 2n^2,
 * liwork = 3 + 5n (values only needs less: 2n + 1 and 1). */
static size_t syevd_lwork(size_t n)
{
    return 1 + 6 * n + 2 * n * n;
}

size_t ld_symeig_work(ptrdiff_t n)
{
    const size_t m = n > 0 ? (size_t)n : 1;
    return syevd_lwork(m) + ld_ints_as_doubles(3 + 5 * m);
}

int ld_symeig(ptrdiff_t n, double *A, ptrdiff_t lda, double *w, double *Z, double *work)
{
    if (!ld_dims_ok(n, lda) || 2.0 * (double)n * (double)n + 6.0 * (double)n + 1.0
                                   > (double)LD_BLAS_INT_MAX) /* lwork must fit too */
        return LD_EDIM;
    if (n == 0)
        return LD_OK;
    if (lda < n)
        return LD_EDIM;
    if (A == NULL || w == NULL || work == NULL || Z == A)
        return LD_EARG;

    const size_t m = (size_t)n;
    const blas_int bn = (blas_int)n, blda = (blas_int)lda,
                   lwork = (blas_int)(Z != NULL ? syevd_lwork(m) : 2 * m + 1),
                   liwork = (blas_int)(Z != NULL ? 3 + 5 * m : 1);
    blas_int info = 0;
    blas_int *iwork = (blas_int *)(void *)(work + syevd_lwork(m));

    LD_F77(dsyevd)(Z != NULL ? "V" : "N", "U", &bn, A, &blda, w, work, &lwork, iwork,
                   &liwork, &info);
    if (info != 0)
        return LD_ELAPACK;

    /* dsyevd returns ascending order, eigenvectors in A: reverse both into w and Z. */
    for (ptrdiff_t i = 0, j = n - 1; i < j; ++i, --j) {
        const double t = w[i];
        w[i] = w[j];
        w[j] = t;
    }
    if (Z != NULL)
        for (ptrdiff_t j = 0; j < n; ++j)
            memcpy(Z + j * n, A + (n - 1 - j) * lda, m * sizeof(double));
    return LD_OK;
}
