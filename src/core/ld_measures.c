/* ld_measures.c -- 1/2 tr((W-W*)' Sx (W-W*)), ||W||_F^2, sum and top singular values of
 * W (dgesvd, values only), and ||W - P_k||_F. */
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
    return 2 * dp + (size_t)(d < p ? d : p) + gesvd_lwork(d, p) + 1;
}

int ld_measures(ptrdiff_t d, ptrdiff_t p, const double *W, const double *Sx,
                const double *Wstar, double *excess, double *fro2, double *nuclear,
                ptrdiff_t nsv, double *sv, ptrdiff_t npath, const double *P, double *dist,
                double *work)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * p, 0) || nsv < 0 || npath < 0)
        return LD_EDIM;
    const size_t dp = (size_t)d * (size_t)p;
    if (work == NULL || (dp > 0 && W == NULL) || (nsv > 0 && sv == NULL)
        || (excess != NULL && dp > 0 && (Sx == NULL || Wstar == NULL))
        || (npath > 0 && dist == NULL) || (npath > 0 && dp > 0 && P == NULL))
        return LD_EARG;
    double *D = work, *SD = work + dp, *s = SD + dp, *wk = s + (d < p ? d : p);

    if (excess != NULL) {
        double e = 0.0;
        if (dp > 0) {
            for (size_t i = 0; i < dp; ++i)
                D[i] = W[i] - Wstar[i];
            ld_gemm_blas("N", "N", d, p, d, 1.0, Sx, d, D, d, 0.0, SD, d);
            for (size_t i = 0; i < dp; ++i)
                e += D[i] * SD[i];
        }
        *excess = 0.5 * e;
    }
    if (fro2 != NULL) {
        double f = 0.0;
        for (size_t i = 0; i < dp; ++i)
            f += W[i] * W[i];
        *fro2 = f;
    }
    if (nuclear != NULL || nsv > 0) {
        const ptrdiff_t mn = d < p ? d : p;
        if (mn > 0) {
            memcpy(D, W, dp * sizeof(double));
            const blas_int bd = (blas_int)d, bp = (blas_int)p, one = 1;
            const blas_int lw = (blas_int)gesvd_lwork(d, p);
            blas_int info = 0;
            double dummy = 0.0;
            LD_F77(dgesvd)("N", "N", &bd, &bp, D, &bd, s, &dummy, &one, &dummy, &one, wk,
                           &lw, &info);
            if (info != 0)
                return LD_ELAPACK;
        }
        if (nuclear != NULL) {
            double t = 0.0;
            for (ptrdiff_t i = 0; i < mn; ++i)
                t += s[i];
            *nuclear = t;
        }
        for (ptrdiff_t i = 0; i < nsv; ++i)
            sv[i] = i < mn ? s[i] : 0.0;
    }
    for (ptrdiff_t k = 0; k < npath; ++k) {
        const double *Pk = P + (size_t)k * dp;
        double t = 0.0;
        for (size_t i = 0; i < dp; ++i)
            t += (W[i] - Pk[i]) * (W[i] - Pk[i]);
        dist[k] = sqrt(t);
    }
    return LD_OK;
}
