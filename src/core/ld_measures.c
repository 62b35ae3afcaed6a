/* ld_measures.c -- 1/2 tr((W-W*)' Sx (W-W*)), the singular values of W (dgesvd, values
 * only), ||W - P_k||_F and ||Wl' Wl - W(l+1) W(l+1)'||_F. */
#include <math.h>
#include <string.h>
#include "ld_measures.h"
#include "ld_blas.h"
#include "ld_gemm.h"

static size_t gesvd_lwork(ptrdiff_t d, ptrdiff_t p)
{
    const size_t mn = (size_t)(d < p ? d : p), mx = (size_t)(d < p ? p : d);
    const size_t a = 3 * mn + mx, b = 5 * mn;
    return (a > b ? a : b) + 64 * (mn + mx) + 1;   /* minimum plus room for blocking */
}

size_t ld_measures_work(ptrdiff_t d, ptrdiff_t p)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * p, gesvd_lwork(d, p)))
        return 0;
    const size_t dp = (size_t)d * (size_t)p;
    return 2 * dp + gesvd_lwork(d, p) + 1;
}

int ld_excess_loss(ptrdiff_t d, ptrdiff_t p, const double *W, const double *Sx,
                   const double *Wstar, double *excess, double *work)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * p, 0))
        return LD_EDIM;
    const size_t dp = (size_t)d * (size_t)p;
    if (excess == NULL || work == NULL || (dp > 0 && (W == NULL || Sx == NULL || Wstar == NULL)))
        return LD_EARG;
    double *D = work, *SD = work + dp, e = 0.0;
    if (dp > 0) {
        for (size_t i = 0; i < dp; ++i)
            D[i] = W[i] - Wstar[i];
        ld_gemm_blas("N", "N", d, p, d, 1.0, Sx, d, D, d, 0.0, SD, d);
        for (size_t i = 0; i < dp; ++i)
            e += D[i] * SD[i];
    }
    *excess = 0.5 * e;
    return LD_OK;
}

int ld_singular_values(ptrdiff_t d, ptrdiff_t p, const double *W, double *s, double *work)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * p, gesvd_lwork(d, p)))
        return LD_EDIM;
    const ptrdiff_t mn = d < p ? d : p;
    if (mn == 0)
        return LD_OK;
    if (W == NULL || s == NULL || work == NULL)
        return LD_EARG;
    const size_t dp = (size_t)d * (size_t)p;
    double *D = work, *wk = work + 2 * dp;
    memcpy(D, W, dp * sizeof(double));
    const blas_int bd = (blas_int)d, bp = (blas_int)p, one = 1;
    const blas_int lw = (blas_int)gesvd_lwork(d, p);
    blas_int info = 0;
    double dummy = 0.0;
    LD_F77(dgesvd)("N", "N", &bd, &bp, D, &bd, s, &dummy, &one, &dummy, &one, wk, &lw, &info);
    return info == 0 ? LD_OK : LD_ELAPACK;
}

int ld_path_dist(ptrdiff_t d, ptrdiff_t p, const double *W, ptrdiff_t npath, const double *P,
                 double *dist)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * p, 0) || npath < 0)
        return LD_EDIM;
    const size_t dp = (size_t)d * (size_t)p;
    if (npath > 0 && (dist == NULL || (dp > 0 && (P == NULL || W == NULL))))
        return LD_EARG;
    for (ptrdiff_t k = 0; k < npath; ++k) {
        const double *Pk = P + (size_t)k * dp;
        double t = 0.0;
        for (size_t i = 0; i < dp; ++i)
            t += (W[i] - Pk[i]) * (W[i] - Pk[i]);
        dist[k] = sqrt(t);
    }
    return LD_OK;
}

size_t ld_balance_work(ptrdiff_t L, const ptrdiff_t *r)
{
    if (L < 1 || r == NULL)
        return 0;
    size_t m = 1;
    for (ptrdiff_t l = 1; l < L; ++l) {
        if (!ld_dims_ok(r[l], r[l]))
            return 0;
        if ((size_t)r[l] * (size_t)r[l] > m)
            m = (size_t)r[l] * (size_t)r[l];
    }
    return m;
}

int ld_balance(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *b,
               double *work)
{
    if (ld_balance_work(L, r) == 0)
        return LD_EDIM;
    if (W == NULL || work == NULL || (L > 1 && b == NULL))
        return LD_EARG;
    for (ptrdiff_t l = 0; l + 1 < L; ++l) {
        const ptrdiff_t m = r[l + 1];
        const size_t mm = (size_t)m * (size_t)m;
        double t = 0.0;
        if (mm > 0) {
            if (W[l] == NULL && r[l] > 0)
                return LD_EARG;
            if (W[l + 1] == NULL && r[l + 2] > 0)
                return LD_EARG;
            /* B = W_l' W_l - W_{l+1} W_{l+1}' */
            ld_gemm_blas("T", "N", m, m, r[l], 1.0, W[l], r[l], W[l], r[l], 0.0, work, m);
            ld_gemm_blas("N", "T", m, m, r[l + 2], -1.0, W[l + 1], m, W[l + 1], m, 1.0, work, m);
            for (size_t i = 0; i < mm; ++i)
                t += work[i] * work[i];
        }
        b[l] = sqrt(t);
    }
    return LD_OK;
}
