/* ld_min_norm_ls.c -- W* = Z_r diag(1/lambda_r) Z_r' Sxy, Sx = Z diag(lambda) Z', lambda_i > tol lambda_max. */
#include <float.h>
#include <string.h>
#include "ld_min_norm_ls.h"
#include "ld_symeig.h"
#include "ld_gemm.h"

double ld_pinv_tol(ptrdiff_t d)
{
    return (double)d * DBL_EPSILON;
}

ptrdiff_t ld_pinv_rank(ptrdiff_t d, const double *lambda, double tol)
{
    ptrdiff_t r = 0;
    while (r < d && lambda[0] > 0.0 && lambda[r] > tol * lambda[0])
        ++r;
    return r;
}

void ld_pinv_apply(ptrdiff_t d, ptrdiff_t p, ptrdiff_t r, const double *Z,
                   const double *lambda, const double *Sxy, double *Wstar, double *T)
{
    if (d == 0 || p == 0)
        return;
    if (r == 0) {
        memset(Wstar, 0, (size_t)d * (size_t)p * sizeof(double));
        return;
    }
    ld_gemm_blas("T", "N", r, p, d, 1.0, Z, d, Sxy, d, 0.0, T, r);
    for (ptrdiff_t i = 0; i < r; ++i) {
        const double s = 1.0 / lambda[i];
        for (ptrdiff_t j = 0; j < p; ++j)
            T[i + j * r] *= s;
    }
    ld_gemm_blas("N", "N", d, p, r, 1.0, Z, d, T, r, 0.0, Wstar, d);
}

/* Layout: A (d*d, destroyed by ld_symeig) | Z (d*d) | lambda (d) | T (d*p) | ld_symeig's. */
size_t ld_min_norm_ls_work(ptrdiff_t d, ptrdiff_t p)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * d, d * p))
        return 0;
    const size_t dd = (size_t)d * (size_t)d;
    return 2 * dd + (size_t)d + (size_t)d * (size_t)p + ld_symeig_work(d);
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
    const size_t dd = (size_t)d * (size_t)d;
    double *A = work, *Z = A + dd, *lambda = Z + dd, *T = lambda + d,
           *scratch = T + (size_t)d * (size_t)p;
    memcpy(A, Sx, dd * sizeof(double));
    const int st = ld_symeig(d, A, d, lambda, Z, scratch);
    if (st != LD_OK)
        return st;
    ld_pinv_apply(d, p, ld_pinv_rank(d, lambda, ld_pinv_tol(d)), Z, lambda, Sxy, Wstar, T);
    return LD_OK;
}
