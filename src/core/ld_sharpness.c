/* ld_sharpness.c -- Hessian-vector products of f(W1..WL) (the derivative of eq. 11 in a
 * direction) and the largest Hessian eigenvalues (sharpness) by Lanczos. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "ld_sharpness.h"
#include "ld_chain.h"
#include "ld_blas.h"
#include "ld_gemm.h"


size_t ld_hessvec_count(ptrdiff_t L, const ptrdiff_t *r)
{
    return ld_chain_ok(L, r) ? ld_chain_size(L, r) : 0;
}

/* The moments' curvature: H[dE] = Sx dE (ld_moments as the context). */
static int moments_hess(const void *ctx, const double *dE, double *out)
{
    const ld_moments *m = (const ld_moments *)ctx;
    const ptrdiff_t d = m->r[0], p = m->r[m->L];
    ld_gemm("N", "N", d, p, d, 1.0, m->Sx, d, dE, d, 0.0, out, d);
    return LD_OK;
}

/* State layout: G (d p); P_l = W1..Wl for l = 1..L-1 (d r[l] each); S_l = W(l+2)..WL
 * (0-based: the product after factor l) for l = 0..L-2 (r[l+1] p each); GS_l = G S_l'
 * for l = 0..L-2 (d r[l+1] each); W (d p). */
static size_t sum_d_r(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t s = 0;
    for (ptrdiff_t l = 1; l < L; ++l)
        s += (size_t)r[0] * (size_t)r[l];
    return s;
}

static size_t sum_r_p(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t s = 0;
    for (ptrdiff_t l = 1; l < L; ++l)
        s += (size_t)r[l] * (size_t)r[L];
    return s;
}

size_t ld_hessvec_state(ptrdiff_t L, const ptrdiff_t *r)
{
    if (!ld_chain_ok(L, r))
        return 0;
    const size_t dp = (size_t)r[0] * (size_t)r[L];
    return 2 * dp + 2 * sum_d_r(L, r) + sum_r_p(L, r) + 1;
}

static ptrdiff_t max_width(ptrdiff_t L, const ptrdiff_t *r)
{
    ptrdiff_t m = 1;
    for (ptrdiff_t l = 0; l <= L; ++l)
        if (r[l] > m)
            m = r[l];
    return m;
}

/* Scratch: dP_l for l = 1..L (d r[l] each, dP_L = dW); dS_l for l = 0..L-2 (r[l+1] p);
 * M = Sx dW (d p); T (d max r). */
size_t ld_hessvec_work(ptrdiff_t L, const ptrdiff_t *r)
{
    if (!ld_chain_ok(L, r))
        return 0;
    const size_t dp = (size_t)r[0] * (size_t)r[L];
    return sum_d_r(L, r) + dp + sum_r_p(L, r) + dp + (size_t)r[0] * (size_t)max_width(L, r)
           + 1;
}

/* pointers into the state and scratch areas (P_l: 1 <= l <= L-1; S_l, GS_l: 0 <= l <= L-2;
 * dP_l: 1 <= l <= L; dS_l: 0 <= l <= L-2) */
static double *P_at(ptrdiff_t L, const ptrdiff_t *r, const double *state, ptrdiff_t l)
{
    size_t off = (size_t)r[0] * (size_t)r[L];
    for (ptrdiff_t j = 1; j < l; ++j)
        off += (size_t)r[0] * (size_t)r[j];
    return (double *)state + off;
}

static double *S_at(ptrdiff_t L, const ptrdiff_t *r, const double *state, ptrdiff_t l)
{
    size_t off = (size_t)r[0] * (size_t)r[L] + sum_d_r(L, r);
    for (ptrdiff_t j = 0; j < l; ++j)
        off += (size_t)r[j + 1] * (size_t)r[L];
    return (double *)state + off;
}

static double *GS_at(ptrdiff_t L, const ptrdiff_t *r, const double *state, ptrdiff_t l)
{
    size_t off = (size_t)r[0] * (size_t)r[L] + sum_d_r(L, r) + sum_r_p(L, r);
    for (ptrdiff_t j = 0; j < l; ++j)
        off += (size_t)r[0] * (size_t)r[j + 1];
    return (double *)state + off;
}

static double *dP_at(ptrdiff_t L, const ptrdiff_t *r, double *work, ptrdiff_t l)
{
    size_t off = 0;
    for (ptrdiff_t j = 1; j < l; ++j)
        off += (size_t)r[0] * (size_t)r[j];
    (void)L;
    return work + off;
}

static double *dS_at(ptrdiff_t L, const ptrdiff_t *r, double *work, ptrdiff_t l)
{
    size_t off = sum_d_r(L, r) + (size_t)r[0] * (size_t)r[L];
    for (ptrdiff_t j = 0; j < l; ++j)
        off += (size_t)r[j + 1] * (size_t)r[L];
    return work + off;
}

/* The prefix and suffix products of W, into the state. */
static void chain_products(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *state)
{
    const ptrdiff_t d = r[0], p = r[L];
    /* prefixes P_1 = W1, P_l = P_(l-1) W_l */
    for (ptrdiff_t l = 1; l < L; ++l) {
        double *P = P_at(L, r, state, l);
        if (l == 1) {
            if (d * r[1] > 0)
                memcpy(P, W[0], (size_t)d * (size_t)r[1] * sizeof(double));
        } else {
            ld_gemm("N", "N", d, r[l], r[l - 1], 1.0, P_at(L, r, state, l - 1), d, W[l - 1],
                    r[l - 1], 0.0, P, d);
        }
    }
    /* suffixes S_(L-2) = WL, S_l = W(l+1) S_(l+1) (0-based factors) */
    for (ptrdiff_t l = L - 2; l >= 0; --l) {
        double *S = S_at(L, r, state, l);
        if (l == L - 2) {
            if (r[L - 1] * p > 0)
                memcpy(S, W[L - 1], (size_t)r[L - 1] * (size_t)p * sizeof(double));
        } else {
            ld_gemm("N", "N", r[l + 1], p, r[l + 2], 1.0, W[l + 1], r[l + 1],
                    S_at(L, r, state, l + 1), r[l + 2], 0.0, S, r[l + 1]);
        }
    }
}

/* GS_l = G S_l' (d r[l+1]) from the G and suffixes in the state. */
static void grad_suffixes(ptrdiff_t L, const ptrdiff_t *r, double *state)
{
    const ptrdiff_t d = r[0], p = r[L];
    for (ptrdiff_t l = 0; l + 1 < L; ++l)
        ld_gemm("N", "T", d, r[l + 1], p, 1.0, state, d, S_at(L, r, state, l), r[l + 1], 0.0,
                GS_at(L, r, state, l), d);
}

int ld_hessvec_prepare_loss(const ld_curvature *cv, const double *const *W, const double *G,
                            double *state)
{
    if (cv == NULL)
        return LD_EARG;
    const ptrdiff_t L = cv->L, *r = cv->r;
    if (!ld_chain_ok(L, r))
        return LD_EDIM;
    const size_t dp = (size_t)r[0] * (size_t)r[L];
    if (!ld_chain_factors_ok(L, r, W) || state == NULL || cv->hess == NULL || (dp > 0 && G == NULL))
        return LD_EARG;
    chain_products(L, r, W, state);
    if (dp > 0)
        memcpy(state, G, dp * sizeof(double));
    grad_suffixes(L, r, state);
    return LD_OK;
}

int ld_hessvec_prepare(const ld_moments *prob, const double *const *W, double *state)
{
    if (prob == NULL)
        return LD_EARG;
    const ptrdiff_t L = prob->L, *r = prob->r;
    const double *Sx = prob->Sx, *Sxy = prob->Sxy;
    if (!ld_chain_ok(L, r))
        return LD_EDIM;
    const ptrdiff_t d = r[0], p = r[L];
    const size_t dp = (size_t)d * (size_t)p;
    if (!ld_chain_factors_ok(L, r, W) || state == NULL || (d > 0 && Sx == NULL) || (dp > 0 && Sxy == NULL))
        return LD_EARG;
    chain_products(L, r, W, state);
    /* G = Sx W - Sxy with W = P_(L-1) W_L (W1 for L = 1), W formed in the state's
     * last block */
    double *G = state, *Wend = state + ld_hessvec_state(L, r) - 1 - dp;
    if (L == 1) {
        if (dp > 0)
            memcpy(Wend, W[0], dp * sizeof(double));
    } else {
        ld_gemm("N", "N", d, p, r[L - 1], 1.0, P_at(L, r, state, L - 1), d, W[L - 1],
                r[L - 1], 0.0, Wend, d);
    }
    if (dp > 0)
        memcpy(G, Sxy, dp * sizeof(double));
    ld_gemm("N", "N", d, p, d, 1.0, Sx, d, Wend, d, -1.0, G, d);
    grad_suffixes(L, r, state);
    return LD_OK;
}

int ld_hessvec(const ld_moments *prob, const double *const *W, const double *state,
               const double *v, double *hv, double *work)
{
    if (prob == NULL || (prob->r != NULL && prob->r[0] > 0 && prob->Sx == NULL))
        return LD_EARG;
    const ld_curvature cv = {prob->L, prob->r, moments_hess, prob};
    return ld_hessvec_loss(&cv, W, state, v, hv, work);
}

int ld_hessvec_loss(const ld_curvature *cv, const double *const *W, const double *state,
                    const double *v, double *hv, double *work)
{
    if (cv == NULL)
        return LD_EARG;
    const ptrdiff_t L = cv->L, *r = cv->r;
    if (!ld_chain_ok(L, r))
        return LD_EDIM;
    const ptrdiff_t d = r[0], p = r[L];
    const size_t n = ld_hessvec_count(L, r);
    if (!ld_chain_factors_ok(L, r, W) || state == NULL || work == NULL || cv->hess == NULL
        || (n > 0 && (v == NULL || hv == NULL)))
        return LD_EARG;
    const double *G = state;
    double *M = dS_at(L, r, work, 0) + sum_r_p(L, r);
    double *T = M + (size_t)d * (size_t)p;
    /* dP_1 = V_1, dP_(l+1) = dP_l W(l+1) + P_l V(l+1) (1-based prefix index) */
    for (ptrdiff_t l = 1; l <= L; ++l) {
        double *dP = dP_at(L, r, work, l);
        size_t o = 0;
        for (ptrdiff_t j = 0; j + 1 < l; ++j)
            o += (size_t)r[j] * (size_t)r[j + 1];
        const double *Vl = v + o;   /* factor l-1 (0-based), r[l-1] x r[l] */
        if (l == 1) {
            if (d * r[1] > 0)
                memcpy(dP, Vl, (size_t)d * (size_t)r[1] * sizeof(double));
        } else {
            ld_gemm("N", "N", d, r[l], r[l - 1], 1.0, dP_at(L, r, work, l - 1), d, W[l - 1],
                    r[l - 1], 0.0, dP, d);
            ld_gemm("N", "N", d, r[l], r[l - 1], 1.0, P_at(L, r, state, l - 1), d, Vl,
                    r[l - 1], 1.0, dP, d);
        }
    }
    /* M = H[dW], dW = dP_L (Sx dW for the moments) */
    const int hst = cv->hess(cv->ctx, dP_at(L, r, work, L), M);
    if (hst != LD_OK)
        return hst;
    /* dS_(L-2) = V_(L-1), dS_l = V_(l+1) S_(l+1) + W_(l+1) dS_(l+1) (0-based factors) */
    for (ptrdiff_t l = L - 2; l >= 0; --l) {
        double *dS = dS_at(L, r, work, l);
        size_t o = 0;
        for (ptrdiff_t j = 0; j < l + 1; ++j)
            o += (size_t)r[j] * (size_t)r[j + 1];
        const double *Vn = v + o;   /* factor l+1, r[l+1] x r[l+2] */
        if (l == L - 2) {
            if (r[L - 1] * p > 0)
                memcpy(dS, Vn, (size_t)r[L - 1] * (size_t)p * sizeof(double));
        } else {
            ld_gemm("N", "N", r[l + 1], p, r[l + 2], 1.0, Vn, r[l + 1],
                    S_at(L, r, state, l + 1), r[l + 2], 0.0, dS, r[l + 1]);
            ld_gemm("N", "N", r[l + 1], p, r[l + 2], 1.0, W[l + 1], r[l + 1],
                    dS_at(L, r, work, l + 1), r[l + 2], 1.0, dS, r[l + 1]);
        }
    }
    /* (Hv)_l = P_l' (M S_l' + G dS_l') + dP_l' G S_l' (0-based factor l: P_l = W1..Wl,
     * P_0 = I, dP_0 = 0, S_(L-1) = I, dS_(L-1) = 0) */
    size_t o = 0;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const ptrdiff_t m = r[l], nn = r[l + 1];
        double *Hl = hv + o;
        o += (size_t)m * (size_t)nn;
        const double *Tl;
        if (l + 1 < L) {
            ld_gemm("N", "T", d, nn, p, 1.0, M, d, S_at(L, r, state, l), nn, 0.0, T, d);
            ld_gemm("N", "T", d, nn, p, 1.0, G, d, dS_at(L, r, work, l), nn, 1.0, T, d);
            Tl = T;
        } else {
            Tl = M;
        }
        if (l == 0) {
            if ((size_t)d * (size_t)nn > 0)
                memcpy(Hl, Tl, (size_t)d * (size_t)nn * sizeof(double));
        } else {
            const double *GSl = l + 1 < L ? GS_at(L, r, state, l) : G;
            ld_gemm("T", "N", m, nn, d, 1.0, P_at(L, r, state, l), d, Tl, d, 0.0, Hl, m);
            ld_gemm("T", "N", m, nn, d, 1.0, dP_at(L, r, work, l), d, GSl, d, 1.0, Hl, m);
        }
    }
    return LD_OK;
}

/* ---- Lanczos ---------------------------------------------------------------------- */

/* xorshift64* uniform in [-1, 1) (the state lives in the caller's frame) */
static double rng_next(unsigned long long *s)
{
    unsigned long long x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return (double)((x * 2685821657736338717ULL) >> 11) / 4503599627370496.0 - 1.0;
}

/* w -= B (B' w) twice (classical Gram-Schmidt, reorthogonalized), B n x m; h (m)
 * receives the sum of both passes' coefficients when not NULL. */
static void orth(size_t n, ptrdiff_t m, const double *B, double *w, double *h, double *tmp)
{
    if (m <= 0 || n == 0)
        return;
    const blas_int bn = (blas_int)n, bm = (blas_int)m, one = 1;
    const double a1 = 1.0, a0 = 0.0, am = -1.0;
    for (int pass = 0; pass < 2; ++pass) {
        LD_F77(dgemv)("T", &bn, &bm, &a1, B, &bn, w, &one, &a0, tmp, &one);
        LD_F77(dgemv)("N", &bn, &bm, &am, B, &bn, tmp, &one, &a1, w, &one);
        if (h != NULL)
            for (ptrdiff_t j = 0; j < m; ++j)
                h[j] = pass == 0 ? tmp[j] : h[j] + tmp[j];
    }
}

static double nrm2(size_t n, const double *x)
{
    const blas_int bn = (blas_int)n, one = 1;
    return n > 0 ? LD_F77(dnrm2)(&bn, x, &one) : 0.0;
}

static void scal(size_t n, double a, double *x)
{
    for (size_t i = 0; i < n; ++i)
        x[i] *= a;
}

typedef struct {
    const ld_curvature *cv;
    const double *const *W;
    const double *state;
    double *hwork;
    size_t n;
    ptrdiff_t k;                /* pairs wanted */
    ptrdiff_t maxit;
    double tol;
    const double *v0;           /* the next start vector, or NULL: a seeded one */
    unsigned long long rng;     /* the start vectors' generator */
    ptrdiff_t nhv;              /* Hessian-vector products so far */
    /* scratch */
    double *Q, *w, *alpha, *beta, *dd, *ee, *Z, *zwork, *tmp;
} lanczos_ctx;

/* What one Lanczos run returns: the top got pairs (th descending, vec n x got, res their
 * relative residuals), conv = 1 when all met tol or the space was exhausted. */
typedef struct {
    double *th, *vec, *res;
    ptrdiff_t got;
    int conv;
} lanczos_out;

/* Ritz values of the m x m tridiagonal (alpha, beta; beta[j] couples j and j+1) into
 * dd (ascending) with eigenvectors Z. */
static int tridiag_eig(lanczos_ctx *c, ptrdiff_t m)
{
    memcpy(c->dd, c->alpha, (size_t)m * sizeof(double));
    if (m > 1)
        memcpy(c->ee, c->beta, (size_t)(m - 1) * sizeof(double));
    const blas_int bm = (blas_int)m;
    blas_int info = 0;
    LD_F77(dstev)("V", &bm, c->dd, c->ee, c->Z, &bm, c->zwork, &info);
    return info == 0 ? LD_OK : LD_ELAPACK;
}

/* A start vector orthogonal to the locked vectors Y (nlock) and the basis Q (m), of unit
 * norm, into w: c->v0 when set (used once), else from the generator; returns 0 when none
 * exists (the space is exhausted). */
static int start_vector(lanczos_ctx *c, const double *Y, ptrdiff_t nlock, ptrdiff_t m)
{
    if (c->v0 != NULL) {
        memcpy(c->w, c->v0, c->n * sizeof(double));
        c->v0 = NULL;
        const double n0 = nrm2(c->n, c->w);
        orth(c->n, nlock, Y, c->w, NULL, c->tmp);
        orth(c->n, m, c->Q, c->w, NULL, c->tmp);
        const double n1 = nrm2(c->n, c->w);
        if (n0 > 0.0 && n1 > 1e-8 * n0) {
            scal(c->n, 1.0 / n1, c->w);
            return 1;
        }
    }
    for (int attempt = 0; attempt < 3; ++attempt) {
        for (size_t i = 0; i < c->n; ++i)
            c->w[i] = rng_next(&c->rng);
        const double n0 = nrm2(c->n, c->w);
        orth(c->n, nlock, Y, c->w, NULL, c->tmp);
        orth(c->n, m, c->Q, c->w, NULL, c->tmp);
        const double n1 = nrm2(c->n, c->w);
        if (n1 > 1e-8 * n0) {
            scal(c->n, 1.0 / n1, c->w);
            return 1;
        }
    }
    return 0;
}

/* One Lanczos run on the orthogonal complement of Y (n x nlock): the top kk = min(k,
 * n - nlock) Ritz pairs into out (out->vec may be NULL). */
static int lanczos_run(lanczos_ctx *c, const double *Y, ptrdiff_t nlock, lanczos_out *out)
{
    const size_t n = c->n;
    const ptrdiff_t room = (ptrdiff_t)n - nlock;
    const ptrdiff_t kk = c->k < room ? c->k : room;
    const ptrdiff_t maxit = c->maxit < room ? c->maxit : room;
    double *res = out->res;
    ptrdiff_t m = 0;
    double hnorm = 0.0;
    int done = 0, exhausted = 0;
    out->conv = 0;
    out->got = kk;
    if (kk <= 0) {
        out->conv = 1;
        return LD_OK;
    }
    if (!start_vector(c, Y, nlock, 0)) {
        out->got = 0;
        out->conv = 1;
        return LD_OK;
    }
    while (!done) {
        double *q = c->Q + (size_t)m * n;
        memcpy(q, c->w, n * sizeof(double));
        int st = ld_hessvec_loss(c->cv, c->W, c->state, q, c->w, c->hwork);
        if (st != LD_OK)
            return st;
        ++c->nhv;
        for (size_t i = 0; i < n; ++i)
            if (!isfinite(c->w[i]))
                return LD_ENOTFINITE;
        orth(n, nlock, Y, c->w, NULL, c->tmp);
        orth(n, m + 1, c->Q, c->w, c->tmp + n, c->tmp);
        c->alpha[m] = c->tmp[n + m];
        const double b = nrm2(n, c->w);
        c->beta[m] = b;
        const double prev = m > 0 ? c->beta[m - 1] : 0.0;
        if (fabs(c->alpha[m]) + b + prev > hnorm)
            hnorm = fabs(c->alpha[m]) + b + prev;
        ++m;
        const int breakdown = b <= 1e-12 * hnorm;
        if (m >= room)
            exhausted = 1;
        /* convergence test: every step while the tridiagonal is small, then every m/20 */
        const int check = exhausted || m >= maxit || breakdown
                          || (m >= kk && (m <= 60 || m % (m / 20) == 0));
        if (check) {
            st = tridiag_eig(c, m);
            if (st != LD_OK)
                return st;
            double scale = 0.0;
            for (ptrdiff_t j = 0; j < m; ++j)
                if (fabs(c->dd[j]) > scale)
                    scale = fabs(c->dd[j]);
            if (scale == 0.0)
                scale = 1.0;
            int ok = m >= kk;
            for (ptrdiff_t i = 0; i < kk && i < m; ++i) {
                const ptrdiff_t j = m - 1 - i;
                /* an invariant subspace makes the residual of every Ritz pair zero */
                const double rr = breakdown ? 0.0 : b * fabs(c->Z[(m - 1) + (size_t)j * m]);
                res[i] = rr / scale;
                if (rr > c->tol * scale)
                    ok = 0;
            }
            if (exhausted || ok)
                done = 1, out->conv = 1;
            else if (m >= maxit)
                done = 1;
        }
        if (!done) {
            if (breakdown) {
                c->beta[m - 1] = 0.0;
                if (!start_vector(c, Y, nlock, m)) {
                    exhausted = 1;
                    st = tridiag_eig(c, m);
                    if (st != LD_OK)
                        return st;
                    for (ptrdiff_t i = 0; i < kk; ++i)
                        res[i] = 0.0;
                    done = 1, out->conv = 1;
                }
            } else {
                scal(n, 1.0 / b, c->w);
            }
        }
    }
    /* breakdown at the last step: its beta is not a coupling */
    const ptrdiff_t got = kk < m ? kk : m;
    double *vec = out->vec;
    out->got = got;
    for (ptrdiff_t i = 0; i < got; ++i) {
        const ptrdiff_t j = m - 1 - i;
        out->th[i] = c->dd[j];
        if (vec != NULL) {
            const blas_int bn = (blas_int)n, bm = (blas_int)m, one = 1;
            const double a1 = 1.0, a0 = 0.0;
            LD_F77(dgemv)("N", &bn, &bm, &a1, c->Q, &bn, c->Z + (size_t)j * m, &one, &a0,
                          vec + (size_t)i * n, &one);
            const double nv = nrm2(n, vec + (size_t)i * n);
            if (nv > 0)
                scal(n, 1.0 / nv, vec + (size_t)i * n);
        }
    }
    return LD_OK;
}

size_t ld_sharpness_work(ptrdiff_t L, const ptrdiff_t *r, ptrdiff_t k, ptrdiff_t maxit)
{
    if (!ld_chain_ok(L, r) || k < 1 || maxit < 1)
        return 0;
    const size_t n = ld_hessvec_count(L, r);
    if (n == 0 || (size_t)k > n)
        return 0;
    const size_t m = (size_t)maxit < n ? (size_t)maxit : n;
    const size_t kz = (size_t)k;
    /* the products below must not wrap around */
    if (m > SIZE_MAX / 8 / (m + 8) || n > SIZE_MAX / 8 / (m + 3 * kz + 8))
        return 0;
    /* state, hvp scratch, Q (n m), w (n), alpha, beta, dd, ee (m each), Z (m m), dstev
     * work (2m), tmp (n + m + 1), locked vectors, run vectors, merge buffer (n k each),
     * run values and residuals, locked residuals (k each) */
    return ld_hessvec_state(L, r) + ld_hessvec_work(L, r) + n * m + n + 4 * m + m * m
           + 2 * m + (n + m + 1) + 3 * n * kz + 3 * kz + 1;
}

static int sharpness_run(const ld_curvature *cv, const double *const *W,
                         const ld_sharpness_opts *opt, ld_sharpness_result *res, double *work);

/* the checks common to both forms */
static int sharpness_args(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                          const ld_sharpness_opts *opt, const ld_sharpness_result *res,
                          const double *work)
{
    if (opt == NULL || res == NULL)
        return LD_EARG;
    if (!ld_chain_ok(L, r))
        return LD_EDIM;
    const size_t n = ld_hessvec_count(L, r);
    const ptrdiff_t k = opt->k, maxit = opt->maxit;
    if (n == 0 || k < 1 || (size_t)k > n || maxit < 1 || !(opt->tol > 0.0)
        || !isfinite(opt->tol) || res->theta == NULL || work == NULL || !ld_chain_factors_ok(L, r, W))
        return LD_EARG;
    if (opt->v0 != NULL)
        for (size_t i = 0; i < n; ++i)
            if (!isfinite(opt->v0[i]))
                return LD_EARG;
    if (!ld_dims_ok((ptrdiff_t)n, maxit < (ptrdiff_t)n ? maxit : (ptrdiff_t)n))
        return LD_EDIM;
    return LD_OK;
}

int ld_sharpness(const ld_moments *prob, const double *const *W,
                 const ld_sharpness_opts *opt, ld_sharpness_result *res, double *work)
{
    if (prob == NULL)
        return LD_EARG;
    int st = sharpness_args(prob->L, prob->r, W, opt, res, work);
    if (st != LD_OK)
        return st;
    if (prob->r[0] > 0 && prob->Sx == NULL)
        return LD_EARG;
    if ((st = ld_hessvec_prepare(prob, W, work)) != LD_OK)
        return st;
    const ld_curvature cv = {prob->L, prob->r, moments_hess, prob};
    return sharpness_run(&cv, W, opt, res, work);
}

int ld_sharpness_loss(const ld_curvature *cv, const double *const *W, const double *G,
                      const ld_sharpness_opts *opt, ld_sharpness_result *res, double *work)
{
    if (cv == NULL)
        return LD_EARG;
    int st = sharpness_args(cv->L, cv->r, W, opt, res, work);
    if (st != LD_OK)
        return st;
    if ((st = ld_hessvec_prepare_loss(cv, W, G, work)) != LD_OK)
        return st;
    return sharpness_run(cv, W, opt, res, work);
}

/* Lanczos at the point whose state is prepared at the start of work. */
static int sharpness_run(const ld_curvature *cv, const double *const *W,
                         const ld_sharpness_opts *opt, ld_sharpness_result *res, double *work)
{
    const ptrdiff_t L = cv->L, *r = cv->r, k = opt->k, maxit = opt->maxit;
    const double tol = opt->tol;
    const size_t n = ld_hessvec_count(L, r);
    double *theta = res->theta;
    const ptrdiff_t m = maxit < (ptrdiff_t)n ? maxit : (ptrdiff_t)n;
    lanczos_ctx c;
    double *state = work;
    int st;
    c.cv = cv;
    c.W = W;
    c.state = state;
    c.hwork = state + ld_hessvec_state(L, r);
    c.n = n;
    c.k = k;
    c.maxit = m;
    c.tol = tol;
    c.v0 = opt->v0;
    c.rng = opt->seed != 0 ? opt->seed : 0x9E3779B97F4A7C15ULL;
    c.nhv = 0;
    c.Q = c.hwork + ld_hessvec_work(L, r);
    c.w = c.Q + n * (size_t)m;
    c.alpha = c.w + n;
    c.beta = c.alpha + m;
    c.dd = c.beta + m;
    c.ee = c.dd + m;
    c.Z = c.ee + m;
    c.zwork = c.Z + (size_t)m * (size_t)m;
    c.tmp = c.zwork + 2 * (size_t)m;
    double *Yl = c.tmp + (n + (size_t)m + 1);   /* locked vectors */
    double *Yr = Yl + n * (size_t)k;            /* vectors of a run */
    double *Ym = Yr + n * (size_t)k;            /* merge buffer */
    double *thr = Ym + n * (size_t)k, *resr = thr + k, *resl = resr + k;

    res->nhv = 0;
    /* first run: the top k from one Krylov space */
    lanczos_out first = {theta, Yl, resl, 0, 0};
    st = lanczos_run(&c, Yl, 0, &first);
    if (st != LD_OK)
        return st;
    int all_conv = first.conv;
    ptrdiff_t nlock = first.got;
    /* further runs on the complement of the locked vectors find missed copies */
    for (ptrdiff_t round = 0; k > 1 && round < 2 * k + 2 && nlock < (ptrdiff_t)n; ++round) {
        lanczos_out more = {thr, Yr, resr, 0, 0};
        st = lanczos_run(&c, Yl, nlock, &more);
        if (st != LD_OK)
            return st;
        const ptrdiff_t gr = more.got;
        double scale = 0.0;
        for (ptrdiff_t i = 0; i < nlock; ++i)
            if (fabs(theta[i]) > scale)
                scale = fabs(theta[i]);
        /* merge the two descending lists; a new value enters when it exceeds the k-th
         * locked one by more than the tolerance (or fills an empty place) */
        ptrdiff_t ia = 0, ib = 0, out = 0, entered = 0;
        while (out < k && (ia < nlock || ib < gr)) {
            const int takeb = ib < gr && (ia >= nlock || thr[ib] > theta[ia] + tol * scale);
            double *dst = Ym + (size_t)out * n;
            if (takeb) {
                memcpy(dst, Yr + (size_t)ib * n, n * sizeof(double));
                ++ib;
                ++entered;
            } else {
                memcpy(dst, Yl + (size_t)ia * n, n * sizeof(double));
                ++ia;
            }
            ++out;
        }
        if (entered == 0)
            break;
        all_conv = all_conv && more.conv;
        /* values: redo the same merge on the numbers */
        {
            ptrdiff_t a = 0, b2 = 0;
            double *vals = Yr;   /* the run's vectors are in Ym now: Yr (n k >= 2k) is free */
            for (ptrdiff_t o = 0; o < out; ++o) {
                const int takeb = b2 < gr && (a >= nlock || thr[b2] > theta[a] + tol * scale);
                vals[o] = takeb ? thr[b2] : theta[a];
                vals[k + o] = takeb ? resr[b2] : resl[a];
                if (takeb)
                    ++b2;
                else
                    ++a;
            }
            for (ptrdiff_t o = 0; o < out; ++o) {
                theta[o] = vals[o];
                resl[o] = vals[k + o];
            }
        }
        memcpy(Yl, Ym, (size_t)out * n * sizeof(double));
        nlock = out;
    }
    res->resid = 0.0;
    for (ptrdiff_t i = 0; i < nlock; ++i)
        if (resl[i] > res->resid)
            res->resid = resl[i];
    for (ptrdiff_t i = nlock; i < k; ++i)
        theta[i] = NAN;
    if (res->Y != NULL)
        memcpy(res->Y, Yl, (size_t)nlock * n * sizeof(double));
    res->nhv = c.nhv;
    res->converged = all_conv && nlock == k;
    return LD_OK;
}
