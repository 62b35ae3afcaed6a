/* ld_rrr.c -- W^{k,*} = W* V_k V_k' (eq. 4), W* = pinv(Sx) Sxy, V_k from the SVD of Sx^{1/2} W*. */
#include <float.h>
#include <math.h>
#include <string.h>
#include "ld_rrr.h"
#include "ld_symeig.h"
#include "ld_min_norm_ls.h"
#include "ld_blas.h"
#include "ld_gemm.h"

/* Layout: A (d*d) | Z (d*d) | w (d) | C (d*p) | Vt (p*p) | sv (min) | Wstar (d*p) | T (d*p)
 *         | LAPACK scratch (max of ld_symeig's and dgesvd's). */
size_t ld_rrr_work(ptrdiff_t d, ptrdiff_t p)
{
    const size_t dd = d > 0 ? (size_t)d : 0, pp = p > 0 ? (size_t)p : 0;
    const size_t se = ld_symeig_work(d), sv = ld_gesvd_work(dd, pp);
    return 2 * dd * dd + dd + 3 * dd * pp + pp * pp + (dd < pp ? dd : pp)
           + (se > sv ? se : sv);
}

int ld_rrr(const ld_lsq *mom, ptrdiff_t nk, const ptrdiff_t *k, double tol,
           ld_rrr_result *res, double *work)
{
    if (mom == NULL || res == NULL)
        return LD_EARG;
    const ptrdiff_t d = mom->d, p = mom->p;
    const double *Sx = mom->Sx, *Sxy = mom->Sxy;
    double *W = res->W, *s = res->s;
    ptrdiff_t *rank_x = &res->rank_x, *rank_fit = &res->rank_fit;
    if (!ld_dims_ok(d, p) || !ld_dims_ok(nk, 0)
        || (double)ld_gesvd_work((size_t)d, (size_t)p) > (double)LD_BLAS_INT_MAX)
        return LD_EDIM;
    if (nk > 0 && k == NULL)
        return LD_EARG;
    for (ptrdiff_t j = 0; j < nk; ++j)
        if (k[j] < 0)
            return LD_EARG;
    if (!(tol >= 0.0) || !isfinite(tol))
        return LD_EARG;
    if (d > 0 && p > 0 && (Sx == NULL || Sxy == NULL || work == NULL || (nk > 0 && W == NULL)))
        return LD_EARG;

    const size_t dd = (size_t)d, pp = (size_t)p, mn = dd < pp ? dd : pp;
    *rank_x = 0;
    *rank_fit = 0;
    if (s != NULL && mn > 0)
        memset(s, 0, mn * sizeof(double));
    if (nk > 0 && dd * pp > 0)
        memset(W, 0, dd * pp * (size_t)nk * sizeof(double));
    if (d == 0 || p == 0) {
        if (d > 0 && Sx != NULL && work != NULL) {
            /* still report the rank of Sx, for consistency */
            double *A = work, *w = A + dd * dd;
            memcpy(A, Sx, dd * dd * sizeof(double));
            const int st = ld_symeig(d, A, d, w, NULL, w + dd);
            if (st != LD_OK)
                return st;
            *rank_x = ld_pinv_rank(d, w, tol);
        }
        return LD_OK;
    }

    double *A = work, *Z = A + dd * dd, *w = Z + dd * dd, *C = w + dd, *Vt = C + dd * pp,
           *sv = Vt + pp * pp, *Wstar = sv + mn, *T = Wstar + dd * pp, *scratch = T + dd * pp;

    /* Sx = Z diag(w) Z', w descending; pinv(Sx) keeps the leading r eigenvalues. */
    memcpy(A, Sx, dd * dd * sizeof(double));
    int st = ld_symeig(d, A, d, w, Z, scratch);
    if (st != LD_OK)
        return st;
    const ptrdiff_t r = ld_pinv_rank(d, w, tol);
    *rank_x = r;
    if (r == 0)
        return LD_OK; /* pinv(Sx) = 0: W* = 0 and every W^k is zero */

    const blas_int bp = (blas_int)p, br = (blas_int)r;

    /* C = diag(w_r)^{-1/2} Z_r' Sxy (r x p) = Sx^{1/2} W* in the eigenbasis. */
    ld_gemm_blas("T", "N", r, p, d, 1.0, Z, d, Sxy, d, 0.0, C, r);
    for (ptrdiff_t i = 0; i < r; ++i) {
        const double scale = 1.0 / sqrt(w[i]);
        for (ptrdiff_t j = 0; j < p; ++j)
            C[i + j * r] *= scale;
    }
    /* W* = Z_r diag(w_r)^{-1} Z_r' Sxy */
    ld_pinv_apply(d, p, r, Z, w, Sxy, Wstar, T);

    /* C = P diag(sv) Vt: right singular vectors of the whitened fitted values. */
    const size_t rr = (size_t)r, mr = rr < pp ? rr : pp;
    const blas_int lwork = (blas_int)ld_gesvd_work(rr, pp), ldu = 1;
    blas_int info = 0;
    double dummy = 0.0;
    LD_F77(dgesvd)("N", "A", &br, &bp, C, &br, sv, &dummy, &ldu, Vt, &bp, scratch, &lwork,
                   &info);
    if (info != 0)
        return LD_ELAPACK;

    const double cut = (double)(d > p ? d : p) * DBL_EPSILON * sv[0];
    ptrdiff_t rfit = 0;
    while ((size_t)rfit < mr && sv[rfit] > cut)
        ++rfit;
    *rank_fit = rfit;
    if (s != NULL)
        for (size_t i = 0; i < mr; ++i)
            s[i] = sv[i];

    /* W^k = (W* V_k) V_k', V_k = Vt(1:k,:)'. */
    for (ptrdiff_t j = 0; j < nk; ++j) {
        const ptrdiff_t kk = k[j] < rfit ? k[j] : rfit;
        if (kk == 0)
            continue; /* already zero */
        ld_gemm_blas("N", "T", d, kk, p, 1.0, Wstar, d, Vt, p, 0.0, T, d);
        ld_gemm_blas("N", "N", d, p, kk, 1.0, T, d, Vt, p, 0.0, W + (size_t)j * dd * pp,
                     d);
    }
    return LD_OK;
}
