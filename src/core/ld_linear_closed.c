/* ld_linear_closed.c -- W(t) = W* + f_t(Sx)(W0 - W*), f_t = e^{-t.} (eq. 9) or (1 - eta .)^t (eq. 21),
 * evaluated as f_t(Sx) W0 + g_t(Sx) Sxy with g_t = (1 - f_t)/lambda. */
#include <math.h>
#include <string.h>
#include "ld_linear_closed.h"
#include "ld_symeig.h"
#include "ld_min_norm_ls.h"
#include "ld_gemm.h"

size_t ld_linear_closed_work(ptrdiff_t d, ptrdiff_t p)
{
    if (!ld_dims_ok(d, p) || !ld_dims_ok(d * d, d * p))
        return 0;
    /* A, Q (2 d*d), lambda (d), B, C, S (3 d*p), ld_symeig's scratch */
    return (size_t)(2 * d * d + d + 3 * d * p) + ld_symeig_work(d);
}

/* The time-independent part of the scalar factor f_t(lambda) of eq. 9 (discrete == 0)
 * or eq. 21, computed once per eigenvalue: f_t = exp(t * rate), times (-1)^t when
 * 1 - eta lambda < 0 (then rate is log |1 - eta lambda|). */
static double rate_of(int discrete, double eta, double lambda)
{
    if (!discrete)
        return -lambda;
    const double x = eta * lambda;
    if (x < 1.0)
        return log1p(-x);                /* log (1 - x) without forming 1 - x */
    if (x == 1.0)
        return -INFINITY;                /* f_t = 0 for t >= 1 */
    return log1p(x - 2.0);               /* log |1 - x|, exact argument for x in [1, 4] */
}

/* f_t(lambda) from rate_of's value. */
static double factor(int discrete, double eta, double lambda, double rate, double t)
{
    if (t == 0.0)
        return 1.0;
    const double mag = exp(t * rate);
    return (discrete && eta * lambda > 1.0 && fmod(t, 2.0) == 1.0) ? -mag : mag;
}

/* g_t(lambda) = (1 - f_t(lambda)) / lambda for lambda > 0, without cancellation when
 * t*lambda is small: -expm1(t * rate)/lambda when f_t > 0 never changes sign.
 * (W* + f(W0 - W*) formed W* = Sxy/lambda first: for an ill-conditioned Sx a huge
 * W* almost cancelled, losing 1e-4 of W at t = 0.5 when cond (Sx) = 1e12.) */
static double growth(int discrete, double eta, double lambda, double rate, double t)
{
    if (t == 0.0)
        return 0.0;
    if (!discrete || eta * lambda < 1.0)
        return -expm1(t * rate) / lambda;
    return (1.0 - factor(discrete, eta, lambda, rate, t)) / lambda;  /* |f| not near 1 */
}

int ld_linear_closed(const ld_lsq *mom, const double *W0,
                     const ld_linear_closed_opts *opt, double *W, double *null_sxy,
                     double *lambda_max, double *work)
{
    if (mom == NULL || opt == NULL)
        return LD_EARG;
    const ptrdiff_t d = mom->d, p = mom->p, nt = opt->nt;
    const double *Sx = mom->Sx, *Sxy = mom->Sxy, *t = opt->t, eta = opt->eta;
    const int discrete = opt->discrete;
    if (!ld_dims_ok(d, p) || !ld_dims_ok(nt, d * d) || !ld_dims_ok(d * p, 0))
        return LD_EDIM;
    if (null_sxy != NULL)
        *null_sxy = 0.0;
    if (lambda_max != NULL)
        *lambda_max = 0.0;
    if ((nt > 0 && t == NULL) || (discrete && !(eta > 0.0 && isfinite(eta))))
        return LD_EARG;
    if (!ld_times_ok(nt, t, discrete))
        return LD_EARG;
    if (d == 0 || p == 0 || nt == 0)
        return LD_OK;
    if (Sx == NULL || Sxy == NULL || W0 == NULL || W == NULL || work == NULL)
        return LD_EARG;

    const size_t dd = (size_t)d * (size_t)d, dp = (size_t)d * (size_t)p;
    double *A = work, *Q = A + dd, *lambda = Q + dd, *B = lambda + d, *C = B + dp, *S = C + dp;

    /* Sx = Q diag(lambda) Q', lambda descending; pinv(Sx) keeps lambda[0..r-1] */
    memcpy(A, Sx, dd * sizeof(double));
    const int st = ld_symeig(d, A, d, lambda, Q, S + dp);
    if (st != LD_OK)
        return st;
    const ptrdiff_t r = ld_pinv_rank(d, lambda, ld_pinv_tol(d));
    if (lambda_max != NULL)
        *lambda_max = lambda[0];

    /* In the eigenbasis: B = Q'Sxy (its null-space rows dropped, as pinv does), C = Q'W0 */
    ld_gemm_blas("T", "N", d, p, d, 1.0, Q, d, Sxy, d, 0.0, B, d);
    ld_gemm_blas("T", "N", d, p, d, 1.0, Q, d, W0, d, 0.0, C, d);
    double null2 = 0.0;
    for (ptrdiff_t j = 0; j < p; ++j)
        for (ptrdiff_t i = 0; i < d; ++i)
            if (i >= r) {
                null2 += B[i + j * d] * B[i + j * d];
                B[i + j * d] = 0.0;
            }
    if (null_sxy != NULL)
        *null_sxy = sqrt(null2);

    /* W(t) = Q (diag(f) C + diag(g) B) for every time; f = 1, g = 0 in the null space.
     * The logarithms are taken once per eigenvalue (A is free after the eigensolver). */
    double *rate = A;
    for (ptrdiff_t i = 0; i < r; ++i)
        rate[i] = rate_of(discrete, eta, lambda[i]);
    for (ptrdiff_t k = 0; k < nt; ++k) {
        double *Wk = W + (size_t)k * dp;
        for (ptrdiff_t i = 0; i < d; ++i) {
            const int range = i < r;
            const double f = range ? factor(discrete, eta, lambda[i], rate[i], t[k]) : 1.0;
            const double g = range ? growth(discrete, eta, lambda[i], rate[i], t[k]) : 0.0;
            for (ptrdiff_t j = 0; j < p; ++j)
                S[i + j * d] = f * C[i + j * d] + g * B[i + j * d];
        }
        ld_gemm("N", "N", d, p, d, 1.0, Q, d, S, d, 0.0, Wk, d);
    }
    return LD_OK;
}
