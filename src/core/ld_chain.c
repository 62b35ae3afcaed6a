/* ld_chain.c -- suffixes S_l = W_l ... W_L, W = W1 ... WL, and grad_{Wl} =
 * W_{1:l-1}' G W_{l+1:L}' (eq. 11) from an end-to-end gradient G. */
#include <string.h>
#include "ld_chain.h"
#include "ld_gemm.h"

int ld_chain_ok(ptrdiff_t L, const ptrdiff_t *r)
{
    if (L < 1 || r == NULL)
        return 0;
    for (ptrdiff_t l = 0; l <= L; ++l)
        if (!ld_dims_ok(r[l], r[l]) || !ld_dims_ok(r[l] * r[0], r[l] * r[L]))
            return 0;
    return 1;
}

size_t ld_chain_size(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t s = 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        s += (size_t)r[l] * (size_t)r[l + 1];
    return s;
}

size_t ld_chain_suffix_size(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t s = 0;
    for (ptrdiff_t l = 1; l + 1 < L; ++l)
        s += (size_t)r[l] * (size_t)r[L];
    return s;
}

size_t ld_chain_buf_size(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t m = 0;
    for (ptrdiff_t l = 1; l < L; ++l)
        if ((size_t)r[l] * (size_t)r[L] > m)
            m = (size_t)r[l] * (size_t)r[L];
    return m;
}

const double *ld_chain_suffix(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                              const double *sbuf, ptrdiff_t l)
{
    if (l + 2 == L)
        return W[L - 1];
    size_t off = 0;
    for (ptrdiff_t j = 1; j < l + 1; ++j)
        off += (size_t)r[j] * (size_t)r[L];
    return sbuf + off;
}

void ld_chain_suffixes(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *sbuf,
                       double *E)
{
    const ptrdiff_t d = r[0], p = r[L];
    for (ptrdiff_t l = L - 3; l >= 0; --l)
        ld_gemm("N", "N", r[l + 1], p, r[l + 2], 1.0, W[l + 1], r[l + 1],
                ld_chain_suffix(L, r, W, sbuf, l + 1), r[l + 2], 0.0,
                (double *)ld_chain_suffix(L, r, W, sbuf, l), r[l + 1]);
    if (E == NULL)
        return;
    if (L == 1) {
        if ((size_t)d * (size_t)p > 0)
            memcpy(E, W[0], (size_t)d * (size_t)p * sizeof(double));
    } else {
        ld_gemm("N", "N", d, p, r[1], 1.0, W[0], d, ld_chain_suffix(L, r, W, sbuf, 0), r[1],
                0.0, E, d);
    }
}

void ld_chain_left(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, const double *sbuf,
                   const double *Gend, double *const *G, double *A0, double *A1)
{
    const ptrdiff_t p = r[L];
    const double *A = Gend;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const ptrdiff_t m = r[l], n = r[l + 1];
        if (l + 1 < L) {
            double *An = (l % 2 == 0) ? A0 : A1;
            ld_gemm("T", "N", n, p, m, 1.0, W[l], m, A, m, 0.0, An, n);
            ld_gemm("N", "T", m, n, p, 1.0, A, m, ld_chain_suffix(L, r, W, sbuf, l), n, 0.0,
                    G[l], m);
            A = An;
        } else if ((size_t)m * (size_t)n > 0) {
            memcpy(G[l], A, (size_t)m * (size_t)n * sizeof(double));
        }
    }
}

size_t ld_chain_work(ptrdiff_t L, const ptrdiff_t *r)
{
    if (!ld_chain_ok(L, r))
        return 0;
    return ld_chain_suffix_size(L, r) + 2 * ld_chain_buf_size(L, r) + 1;
}

int ld_chain_factors_ok(ptrdiff_t L, const ptrdiff_t *r, const double *const *W)
{
    if (W == NULL)
        return 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        if (r[l] > 0 && r[l + 1] > 0 && W[l] == NULL)
            return 0;
    return 1;
}

int ld_chain_gradient(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                      const double *Gend, double *const *G, double *work)
{
    if (!ld_chain_ok(L, r))
        return LD_EDIM;
    if (!ld_chain_factors_ok(L, r, W) || !ld_chain_factors_ok(L, r, (const double *const *)G) || work == NULL
        || ((size_t)r[0] * (size_t)r[L] > 0 && Gend == NULL))
        return LD_EARG;
    double *A0 = work + ld_chain_suffix_size(L, r), *A1 = A0 + ld_chain_buf_size(L, r);
    ld_chain_suffixes(L, r, W, work, NULL);
    ld_chain_left(L, r, W, work, Gend, G, A0, A1);
    return LD_OK;
}

int ld_end_to_end(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *E,
                  double *work)
{
    if (!ld_chain_ok(L, r))
        return LD_EDIM;
    if (!ld_chain_factors_ok(L, r, W) || work == NULL || ((size_t)r[0] * (size_t)r[L] > 0 && E == NULL))
        return LD_EARG;
    ld_chain_suffixes(L, r, W, work, E);
    return LD_OK;
}
