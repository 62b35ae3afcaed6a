/* ld_gradient.c -- grad_{Wl} f = W_{1:l-1}' (Sx W - Sxy) W_{l+1:L}' (eq. 11) and the
 * simultaneous step Wl <- Wl - eta grad_{Wl} f of eq. 5, with 3L - 2 products. */
#include <math.h>
#include <string.h>
#include "ld_gradient.h"
#include "ld_chain.h"
#include "ld_gemm.h"
#include "ld_small.h"
#include "ld_skinny.h"

static int args_ok(const ld_moments *m, const double *const *W, const double *work)
{
    const ptrdiff_t d = m->r[0], p = m->r[m->L];
    return work != NULL && (d == 0 || m->Sx != NULL) && (d == 0 || p == 0 || m->Sxy != NULL)
        && ld_chain_factors_ok(m->L, m->r, W);
}

/* Scratch layout: residual R (d p), end-to-end product (d p), Sx W1 (d r1), then the
 * chain's suffixes and its two left-chain buffers (ld_chain.h). */
size_t ld_gradient_work(ptrdiff_t L, const ptrdiff_t *r)
{
    if (!ld_chain_ok(L, r))
        return 0;
    const size_t dp = (size_t)r[0] * (size_t)r[L];
    return 2 * dp + (size_t)r[0] * (size_t)r[1] + ld_chain_work(L, r);
}

/* A step of the common pass: its size, its divergence threshold, and the residual's
 * squared norm at the old iterate (out). */
typedef struct {
    double eta, cmax, rnorm2;
} step_ctl;

/* The common pass.  st != NULL: step mode (W updated in place with -eta, unless the
 * residual's squared norm is not finite or above cmax: then LD_EDIVERGED and W is not
 * touched); otherwise gradient mode (out[l] = gradient).  Arguments already checked. */
static int pass(const ld_moments *mo, double *const *W, double *const *out, step_ctl *st,
                double *Wend, double *resid, double *work)
{
    const double eta = st != NULL ? st->eta : 0.0;
    const ptrdiff_t L = mo->L, *r = mo->r, d = r[0], p = r[L];
    const size_t dp = (size_t)d * (size_t)p;
    double *R = resid != NULL ? resid : work;
    double *Wb = work + dp;
    double *T1 = Wb + dp;
    double *sbuf = T1 + (size_t)d * (size_t)r[1];
    double *A0 = sbuf + ld_chain_suffix_size(L, r);
    double *A1 = A0 + ld_chain_buf_size(L, r);
    const double *const *Wc = (const double *const *)W;

    ld_chain_suffixes(L, r, Wc, sbuf, NULL);

    /* residual R = Sx W - Sxy */
    if (dp > 0)
        memcpy(R, mo->Sxy, dp * sizeof(double));
    if (L == 1) {
        if (Wend != NULL && dp > 0)
            memcpy(Wend, W[0], dp * sizeof(double));
        ld_gemm("N", "N", d, p, d, 1.0, mo->Sx, d, W[0], d, -1.0, R, d);
    } else if (r[1] < p) {
        ld_gemm("N", "N", d, r[1], d, 1.0, mo->Sx, d, W[0], d, 0.0, T1, d);
        ld_gemm("N", "N", d, p, r[1], 1.0, T1, d, ld_chain_suffix(L, r, Wc, sbuf, 0), r[1],
                -1.0, R, d);
        if (Wend != NULL)
            ld_gemm("N", "N", d, p, r[1], 1.0, W[0], d, ld_chain_suffix(L, r, Wc, sbuf, 0),
                    r[1], 0.0, Wend, d);
    } else {
        double *E = Wend != NULL ? Wend : Wb;
        ld_gemm("N", "N", d, p, r[1], 1.0, W[0], d, ld_chain_suffix(L, r, Wc, sbuf, 0), r[1],
                0.0, E, d);
        ld_gemm("N", "N", d, p, d, 1.0, mo->Sx, d, E, d, -1.0, R, d);
    }
    if (st != NULL) {
        st->rnorm2 = ld_small_sumsq(dp, R);
        if (!isfinite(st->rnorm2) || st->rnorm2 > st->cmax)
            return LD_EDIVERGED;
    }

    /* left chain A_1 = R, A_{l+1} = W_l' A_l; gradient l = A_l S_{l+1}' (A_L for l = L) */
    const double alpha = st != NULL ? -eta : 1.0, beta = st != NULL ? 1.0 : 0.0;
    const double *A = R;
    for (ptrdiff_t l = 0; l < L; ++l) {
        double *dst = st != NULL ? W[l] : out[l];
        const ptrdiff_t m = r[l], n = r[l + 1];
        if (l + 1 < L) {
            double *An = (l % 2 == 0) ? A0 : A1;
            const double *S = ld_chain_suffix(L, r, Wc, sbuf, l);
            if (LD_SKINNY_ENABLED && st != NULL && p <= LD_SKINNY_N
                && (m > LD_SMALL_MAX || n > LD_SMALL_MAX)) {
                /* skinny step: W_l' A_l and W_l -= eta A_l S_{l+1}' in one pass over W_l
                 * (each block of its columns read once, its W_l' A_l rows taken before
                 * the block is updated) instead of two */
                ld_skinny_fused(m, n, p, W[l], m, A, m, S, n, -eta, An, n);
            } else {
                ld_gemm("T", "N", n, p, m, 1.0, W[l], m, A, m, 0.0, An, n);
                ld_gemm("N", "T", m, n, p, alpha, A, m, S, n, beta, dst, m);
            }
            A = An;
        } else {
            const size_t cnt = (size_t)m * (size_t)n;
            /* beta == 0: dst may hold anything (even NaN), so it must not be read */
            if (beta == 0.0)
                for (size_t i = 0; i < cnt; ++i)
                    dst[i] = alpha * A[i];
            else
                ld_small_axpy(cnt, alpha, A, dst);
        }
    }
    return LD_OK;
}

int ld_deep_gradient(const ld_moments *m, const double *const *W, double *const *G,
                     double *Wend, double *resid, double *work)
{
    if (m == NULL || !ld_chain_ok(m->L, m->r))
        return LD_EDIM;
    if (!args_ok(m, W, work) || !ld_chain_factors_ok(m->L, m->r, (const double *const *)G))
        return LD_EARG;
    return pass(m, (double *const *)W, G, NULL, Wend, resid, work);
}

int ld_gd_step(const ld_moments *m, double eta, double cmax, double *const *W,
               double *Wend, double *rnorm2, double *work)
{
    if (m == NULL || m->r == NULL)
        return LD_EDIM;
    const ptrdiff_t *r = m->r;
    if (isnan(cmax))
        return LD_EARG;
    /* L = 2 with every width in 1..LD_SMALL_STEP2_MAX: the small kernel's whole step
     * (the same products, without the per-product checks and dispatch) */
    if (LD_SMALL_ENABLED && m->L == 2 && r[0] >= 1 && r[1] >= 1 && r[2] >= 1
        && r[0] <= LD_SMALL_STEP2_MAX && r[1] <= LD_SMALL_STEP2_MAX
        && r[2] <= LD_SMALL_STEP2_MAX) {
        if (m->Sx == NULL || m->Sxy == NULL || W == NULL || W[0] == NULL || W[1] == NULL
            || work == NULL)
            return LD_EARG;
        ld_small_step2_args a = {r[0], r[1], r[2], m->Sx, m->Sxy, eta, cmax, W[0], W[1], 0.0,
                                 Wend};
        const int applied = ld_small_step2(&a, work);
        if (rnorm2 != NULL)
            *rnorm2 = a.rnorm2;
        return applied ? LD_OK : LD_EDIVERGED;
    }
    if (!ld_chain_ok(m->L, r))
        return LD_EDIM;
    if (!args_ok(m, (const double *const *)W, work))
        return LD_EARG;
    step_ctl st = {eta, cmax, 0.0};
    const int status = pass(m, W, NULL, &st, Wend, NULL, work);
    if (rnorm2 != NULL)
        *rnorm2 = st.rnorm2;
    return status;
}
