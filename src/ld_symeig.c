/* ld_symeig.c -- A = Z diag(w) Z', w descending, by LAPACK dsyevr (all eigenpairs). */
#include <float.h>
#include "ld_symeig.h"
#include "ld_blas.h"

size_t ld_ints_as_doubles(size_t count)
{
    return (count * sizeof(blas_int) + sizeof(double) - 1) / sizeof(double);
}

/* dsyevr's documented minimum workspaces: lwork = 26n, liwork = 10n, isuppz = 2n. */
size_t ld_symeig_work(ptrdiff_t n)
{
    const size_t m = n > 0 ? (size_t)n : 1;
    return 26 * m + ld_ints_as_doubles(12 * m);
}

int ld_symeig(ptrdiff_t n, double *A, ptrdiff_t lda, double *w, double *Z, double *work)
{
    if (!ld_dims_ok(n, lda) || (n > 0 && !ld_dims_ok(26 * n, 0))) /* lwork must fit too */
        return LD_EDIM;
    if (n == 0)
        return LD_OK;
    if (lda < n)
        return LD_EDIM;
    if (A == NULL || w == NULL || work == NULL || Z == A)
        return LD_EARG;

    const size_t m = (size_t)n;
    const blas_int bn = (blas_int)n, blda = (blas_int)lda, lwork = (blas_int)(26 * m),
                   liwork = (blas_int)(10 * m);
    blas_int ldz = Z != NULL ? bn : 1, found = 0, info = 0;
    const blas_int il = 1, iu = bn;
    const double vl = 0.0, vu = 0.0, abstol = DBL_MIN; /* DBL_MIN: best relative accuracy */
    blas_int *iwork = (blas_int *)(void *)(work + 26 * m);
    blas_int *isuppz = iwork + 10 * m;
    double dummy = 0.0;

    LD_F77(dsyevr)(Z != NULL ? "V" : "N", "A", "U", &bn, A, &blda, &vl, &vu, &il, &iu,
                   &abstol, &found, w, Z != NULL ? Z : &dummy, &ldz, isuppz, work, &lwork,
                   iwork, &liwork, &info);
    if (info != 0 || found != bn)
        return LD_ELAPACK;

    /* dsyevr returns ascending order: reverse values and eigenvector columns. */
    for (ptrdiff_t i = 0, j = n - 1; i < j; ++i, --j) {
        const double t = w[i];
        w[i] = w[j];
        w[j] = t;
        if (Z != NULL)
            for (ptrdiff_t r = 0; r < n; ++r) {
                const double z = Z[r + i * n];
                Z[r + i * n] = Z[r + j * n];
                Z[r + j * n] = z;
            }
    }
    return LD_OK;
}
