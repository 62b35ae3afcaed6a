/* ld_gradient.c -- grad_{Wl} f = W_{1:l-1}' (Sx W - Sxy) W_{l+1:L}' (eq. 11) and the
 * simultaneous step Wl <- Wl - eta grad_{Wl} f of eq. 5, with 3L - 2 products. */
#include <string.h>
#include "ld_gradient.h"
#include "ld_gemm.h"
#include "ld_small.h"
#include "ld_skinny.h"

/* Every width is a valid dimension, and so are the products r[l] r[0], r[l] r[L]. */
static int chain_ok(ptrdiff_t L, const ptrdiff_t *r)
{
    if (L < 1 || r == NULL)
        return 0;
    for (ptrdiff_t l = 0; l <= L; ++l)
        if (!ld_dims_ok(r[l], r[l]) || !ld_dims_ok(r[l] * r[0], r[l] * r[L]))
            return 0;
    return 1;
}

static int args_ok(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                   const double *const *W, const double *work)
{
    const ptrdiff_t d = r[0], p = r[L];
    if (W == NULL || work == NULL || (d > 0 && Sx == NULL) || (d > 0 && p > 0 && Sxy == NULL))
        return 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        if (r[l] > 0 && r[l + 1] > 0 && W[l] == NULL)
            return 0;
    return 1;
}

/* Scratch layout: residual R (d p), end-to-end product (d p), Sx W1 (d r1), the suffix
 * products S_l = W_l ... W_L for l = 2..L-1 (r[l-1] p each, 1-based l), two buffers for
 * the left chain A_l = W_{1:l-1}' R (max r[l] p each). */
static size_t suffix_size(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t s = 0;
    for (ptrdiff_t l = 1; l + 1 < L; ++l)   /* 0-based factor l = 1..L-2 */
        s += (size_t)r[l] * (size_t)r[L];
    return s;
}

static size_t chain_buf_size(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t m = 0;
    for (ptrdiff_t l = 1; l < L; ++l)
        if ((size_t)r[l] * (size_t)r[L] > m)
            m = (size_t)r[l] * (size_t)r[L];
    return m;
}

size_t ld_gradient_work(ptrdiff_t L, const ptrdiff_t *r)
{
    if (!chain_ok(L, r))
        return 0;
    const size_t dp = (size_t)r[0] * (size_t)r[L];
    return 2 * dp + (size_t)r[0] * (size_t)r[1] + suffix_size(L, r)
           + 2 * chain_buf_size(L, r) + 1;
}

/* Suffix product S_{l+1} (0-based factor l+1 .. L-1) for 0-based factor l <= L-2:
 * W[L-1] itself for l = L-2, else a block of the suffix area. */
static const double *suffix(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                            const double *sbuf, ptrdiff_t l)
{
    if (l + 2 == L)
        return W[L - 1];
    size_t off = 0;
    for (ptrdiff_t j = 1; j < l + 1; ++j)
        off += (size_t)r[j] * (size_t)r[L];
    return sbuf + off;
}

/* The common pass.  out == NULL: step mode (W updated in place with -eta); otherwise
 * gradient mode (out[l] = gradient).  Arguments already checked. */
static void pass(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                 double *const *W, double *const *out, double eta, double *Wend,
                 double *resid, double *rnorm2, double *work)
{
    const ptrdiff_t d = r[0], p = r[L];
    const size_t dp = (size_t)d * (size_t)p;
    double *R = resid != NULL ? resid : work;
    double *Wb = work + dp;
    double *T1 = Wb + dp;
    double *sbuf = T1 + (size_t)d * (size_t)r[1];
    double *A0 = sbuf + suffix_size(L, r);
    double *A1 = A0 + chain_buf_size(L, r);
    const double *const *Wc = (const double *const *)W;

    /* suffix products S_l = W_l S_{l+1}, from the right */
    for (ptrdiff_t l = L - 3; l >= 0; --l) {
        double *S = (double *)suffix(L, r, Wc, sbuf, l);
        ld_gemm("N", "N", r[l + 1], p, r[l + 2], 1.0, W[l + 1], r[l + 1],
             suffix(L, r, Wc, sbuf, l + 1), r[l + 2], 0.0, S, r[l + 1]);
    }

    /* residual R = Sx W - Sxy */
    if (dp > 0)
        memcpy(R, Sxy, dp * sizeof(double));
    if (L == 1) {
        if (Wend != NULL && dp > 0)
            memcpy(Wend, W[0], dp * sizeof(double));
        ld_gemm("N", "N", d, p, d, 1.0, Sx, d, W[0], d, -1.0, R, d);
    } else if (Wend == NULL && r[1] < p) {
        ld_gemm("N", "N", d, r[1], d, 1.0, Sx, d, W[0], d, 0.0, T1, d);
        ld_gemm("N", "N", d, p, r[1], 1.0, T1, d, suffix(L, r, Wc, sbuf, 0), r[1], -1.0, R, d);
    } else {
        double *E = Wend != NULL ? Wend : Wb;
        ld_gemm("N", "N", d, p, r[1], 1.0, W[0], d, suffix(L, r, Wc, sbuf, 0), r[1], 0.0, E, d);
        ld_gemm("N", "N", d, p, d, 1.0, Sx, d, E, d, -1.0, R, d);
    }
    if (rnorm2 != NULL)
        *rnorm2 = ld_small_sumsq(dp, R);

    /* left chain A_1 = R, A_{l+1} = W_l' A_l; gradient l = A_l S_{l+1}' (A_L for l = L) */
    const double alpha = out == NULL ? -eta : 1.0, beta = out == NULL ? 1.0 : 0.0;
    const double *A = R;
    for (ptrdiff_t l = 0; l < L; ++l) {
        double *dst = out == NULL ? W[l] : out[l];
        const ptrdiff_t m = r[l], n = r[l + 1];
        if (l + 1 < L) {
            double *An = (l % 2 == 0) ? A0 : A1;
            if (LD_SKINNY_ENABLED && out == NULL && p <= LD_SKINNY_N
                && (m > LD_SMALL_MAX || n > LD_SMALL_MAX)) {
                /* skinny step: W_l' A_l and W_l -= eta A_l S_{l+1}' in one pass over W_l
                 * (each block of its columns read once, its W_l' A_l rows taken before
                 * the block is updated) instead of two */
                ld_skinny_fused(m, n, p, W[l], m, A, m, suffix(L, r, Wc, sbuf, l), n, -eta,
                                An, n);
            } else {
                ld_gemm("T", "N", n, p, m, 1.0, W[l], m, A, m, 0.0, An, n);
                ld_gemm("N", "T", m, n, p, alpha, A, m, suffix(L, r, Wc, sbuf, l), n, beta,
                        dst, m);
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
}

int ld_deep_gradient(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                     const double *const *W, double *const *G, double *Wend,
                     double *resid, double *work)
{
    if (!chain_ok(L, r))
        return LD_EDIM;
    if (!args_ok(L, r, Sx, Sxy, W, work) || G == NULL)
        return LD_EARG;
    for (ptrdiff_t l = 0; l < L; ++l)
        if (r[l] > 0 && r[l + 1] > 0 && G[l] == NULL)
            return LD_EARG;
    pass(L, r, Sx, Sxy, (double *const *)W, G, 0.0, Wend, resid, NULL, work);
    return LD_OK;
}

int ld_gd_step(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
               double eta, double *const *W, double *Wend, double *rnorm2, double *work)
{
    /* L = 2 with every width in 1..LD_SMALL_STEP2_MAX: the small kernel's whole step
     * (the same products, without the per-product checks and dispatch) */
    if (LD_SMALL_ENABLED && L == 2 && r != NULL && r[0] >= 1 && r[1] >= 1 && r[2] >= 1
        && r[0] <= LD_SMALL_STEP2_MAX && r[1] <= LD_SMALL_STEP2_MAX
        && r[2] <= LD_SMALL_STEP2_MAX) {
        if (Sx == NULL || Sxy == NULL || W == NULL || W[0] == NULL || W[1] == NULL
            || work == NULL)
            return LD_EARG;
        ld_small_step2(r[0], r[1], r[2], Sx, Sxy, eta, W[0], W[1], Wend, rnorm2, work);
        return LD_OK;
    }
    if (!chain_ok(L, r))
        return LD_EDIM;
    if (!args_ok(L, r, Sx, Sxy, (const double *const *)W, work))
        return LD_EARG;
    pass(L, r, Sx, Sxy, W, NULL, eta, Wend, NULL, rnorm2, work);
    return LD_OK;
}

int ld_end_to_end(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *Wend,
                  double *work)
{
    if (!chain_ok(L, r))
        return LD_EDIM;
    const ptrdiff_t d = r[0], p = r[L];
    const size_t dp = (size_t)d * (size_t)p;
    if (W == NULL || work == NULL || (dp > 0 && Wend == NULL))
        return LD_EARG;
    for (ptrdiff_t l = 0; l < L; ++l)
        if (r[l] > 0 && r[l + 1] > 0 && W[l] == NULL)
            return LD_EARG;
    if (L == 1) {
        if (dp > 0)
            memcpy(Wend, W[0], dp * sizeof(double));
        return LD_OK;
    }
    /* right-to-left: B = W_{l} B, ping-pong in the two chain buffers */
    const size_t cb = chain_buf_size(L, r);
    double *B0 = work, *B1 = work + cb;
    const double *B = W[L - 1];
    for (ptrdiff_t l = L - 2; l >= 0; --l) {
        double *Bn = l == 0 ? Wend : ((l % 2 == 0) ? B0 : B1);
        ld_gemm("N", "N", r[l], p, r[l + 1], 1.0, W[l], r[l], B, r[l + 1], 0.0, Bn, r[l]);
        B = Bn;
    }
    return LD_OK;
}
