/* ld_lstsq.c -- W* = Q diag(1/lam, 0 below tolerance) Q' Sxy with Sx = Q diag(lam) Q'. */
#include <float.h>
#include <math.h>
#include <string.h>
#include "ld_lstsq.h"
#include "ld_blas.h"

static size_t syev_lwork(ptrdiff_t d)
{
    return (size_t)(66 * (d > 1 ? d : 1));   /* (block size + 2) d, block size 64 */
}

size_t ld_min_norm_ls_work(ptrdiff_t d, ptrdiff_t p)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * d, d * p) || !ld_dims_ok(syev_lwork(d), 0))
        return 0;
    return (size_t)d * (size_t)d + (size_t)d + (size_t)d * (size_t)p + syev_lwork(d);
}

int ld_min_norm_ls(ptrdiff_t d, ptrdiff_t p, const double *Sx, const double *Sxy,
                   double *Wstar, double *work)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * d, d * p))
        return LD_EDIM;
    if (d == 0 || p == 0)
        return LD_OK;
    if (Sx == NULL || Sxy == NULL || Wstar == NULL || work == NULL)
        return LD_EARG;
    double *Q = work, *lam = Q + (size_t)d * (size_t)d, *T = lam + d, *wk = T + (size_t)d * (size_t)p;
    const blas_int bd = (blas_int)d, bp = (blas_int)p, lw = (blas_int)syev_lwork(d);
    blas_int info = 0;
    memcpy(Q, Sx, (size_t)d * (size_t)d * sizeof(double));
    LD_F77(dsyev)("V", "U", &bd, Q, &bd, lam, wk, &lw, &info);
    if (info != 0)
        return LD_ELAPACK;
    double lmax = 0.0;
    for (ptrdiff_t i = 0; i < d; ++i)
        lmax = fmax(lmax, fabs(lam[i]));
    const double tol = (double)d * DBL_EPSILON * lmax;
    const double one = 1.0, zero = 0.0;
    LD_F77(dgemm)("T", "N", &bd, &bp, &bd, &one, Q, &bd, Sxy, &bd, &zero, T, &bd);
    for (ptrdiff_t i = 0; i < d; ++i) {
        const double s = lam[i] > tol ? 1.0 / lam[i] : 0.0;
        for (ptrdiff_t j = 0; j < p; ++j)
            T[i + j * d] *= s;
    }
    LD_F77(dgemm)("N", "N", &bd, &bp, &bd, &one, Q, &bd, T, &bd, &zero, Wstar, &bd);
    return LD_OK;
}
