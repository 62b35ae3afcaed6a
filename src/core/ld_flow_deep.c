/* ld_flow_deep.c -- eq. 12 by Dormand-Prince 5(4): y' = -G(y), G the factor gradients of eq. 11. */
#include <float.h>
#include <math.h>
#include <string.h>
#include "ld_flow_deep.h"
#include "ld_gradient.h"

static size_t state_size(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t n = 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        n += (size_t)r[l] * (size_t)r[l + 1];
    return n;
}

size_t ld_flow_deep_work(ptrdiff_t L, const ptrdiff_t *r)
{
    const size_t g = ld_gradient_work(L, r);
    if (g == 0)
        return 0;
    /* seven stages, the trial state, the error estimate, the gradient's scratch */
    return 9 * state_size(L, r) + g;
}

/* f = -G(y), the right-hand side of eq. 12, through the factor views in ptrs. */
static int rhs(const ld_moments *prob, const double *y, double *f, size_t n,
               double *gwork, double **ptrs)
{
    const ptrdiff_t L = prob->L, *r = prob->r;
    const double **W = (const double **)ptrs;
    double **G = ptrs + L;
    size_t off = 0;
    for (ptrdiff_t l = 0; l < L; ++l) {
        W[l] = y + off;
        G[l] = f + off;
        off += (size_t)r[l] * (size_t)r[l + 1];
    }
    /* ld_deep_gradient forms the last factor's gradient as 0 * G + R: G must hold
     * finite values beforehand (scratch may hold anything) */
    memset(f, 0, n * sizeof(double));
    const int s = ld_deep_gradient(prob, (const double *const *)W, (double *const *)G, NULL,
                                   NULL, gwork);
    for (size_t i = 0; i < n; ++i)
        f[i] = -f[i];
    return s;
}

/* max_i |v_i| / (atol + rtol max(|y_i|, |z_i|)) */
static double scaled_norm(const double *v, const double *y, const double *z, size_t n,
                          double rtol, double atol)
{
    double m = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const double sc = atol + rtol * fmax(fabs(y[i]), fabs(z[i]));
        const double e = fabs(v[i]) / sc;
        if (!(e <= m))
            m = e;  /* also propagates NaN */
    }
    return m;
}

/* Dormand-Prince coefficients (the system is autonomous: the nodes c_i are not needed) */
static const double A21 = 1.0 / 5;
static const double A31 = 3.0 / 40, A32 = 9.0 / 40;
static const double A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
static const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561,
                    A54 = -212.0 / 729;
static const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247,
                    A64 = 49.0 / 176, A65 = -5103.0 / 18656;
static const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192,
                    B5 = -2187.0 / 6784, B6 = 11.0 / 84;
static const double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920,
                    E5 = -17253.0 / 339200, E6 = 22.0 / 525, E7 = -1.0 / 40;

int ld_flow_deep(const ld_moments *prob, const ld_flow_opts *opt, double *y, double *Y,
                 ld_flow_stats *stats, double *work, double **ptrs)
{
    if (prob == NULL || opt == NULL)
        return LD_EARG;
    const ptrdiff_t L = prob->L, *r = prob->r, nt = opt->nt;
    const double *t = opt->t, rtol = opt->rtol, atol = opt->atol;
    const double max_steps = opt->max_steps, h0 = opt->h0;
    if (L < 1 || r == NULL || !ld_dims_ok(nt, 0) || ld_gradient_work(L, r) == 0)
        return LD_EDIM;
    if (stats == NULL || !(rtol > 0.0) || !(atol >= 0.0) || !isfinite(rtol)
        || !isfinite(atol) || !(max_steps >= 0.0) || isnan(h0) || !(h0 < INFINITY)
        || (nt > 0 && (t == NULL || Y == NULL)))
        return LD_EARG;
    for (ptrdiff_t k = 0; k < nt; ++k)
        if (!(t[k] >= 0.0 && isfinite(t[k])) || (k > 0 && t[k] < t[k - 1]))
            return LD_EARG;
    memset(stats, 0, sizeof *stats);
    const size_t n = state_size(L, r);
    if (nt == 0)
        return LD_OK;
    if (n > 0 && (y == NULL || work == NULL || ptrs == NULL))
        return LD_EARG;
    for (size_t i = 0; i < n; ++i)
        if (!isfinite(y[i]))
            return LD_EARG;

    double *k1 = work, *k2 = k1 + n, *k3 = k2 + n, *k4 = k3 + n, *k5 = k4 + n;
    double *k6 = k5 + n, *k7 = k6 + n, *ynew = k7 + n, *err = ynew + n, *gw = err + n;
    double tnow = 0.0, h = 0.0, attempts = 0.0;
    int s = LD_OK, last_rejected = 0;

    if (n > 0 && (s = rhs(prob, y, k1, n, gw, ptrs)) != LD_OK)
        return s;
    stats->evals = 1;

    /* initial step: ht from |y|/|y'|, refined by |y''| -- the starting-step algorithm of
     * Hairer, Norsett and Wanner (Solving ODEs I, sec. II.4), whose constants these are
     * (1e-5, 1e-6, 0.01, 1e-15, 1e-3, 100, and 0.2 = 1/(order + 1) for order 4) */
    if (n > 0 && h0 > 0.0) {
        h = h0;
    } else if (n > 0) {
        const double d0 = scaled_norm(y, y, y, n, rtol, atol);
        const double d1 = scaled_norm(k1, y, y, n, rtol, atol);
        const double ht = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
        for (size_t i = 0; i < n; ++i)
            ynew[i] = y[i] + ht * k1[i];
        if ((s = rhs(prob, ynew, k2, n, gw, ptrs)) != LD_OK)
            return s;
        stats->evals += 1;
        for (size_t i = 0; i < n; ++i)
            err[i] = (k2[i] - k1[i]) / ht;
        const double d2 = scaled_norm(err, y, y, n, rtol, atol);
        const double dm = fmax(d1, d2);
        const double h1 = dm <= 1e-15 ? fmax(1e-6, ht * 1e-3) : pow(0.01 / dm, 0.2);
        h = fmin(100.0 * ht, h1);
        if (!(h > 0.0) || !isfinite(h))
            h = 1e-6;
    }

    for (ptrdiff_t k = 0; k < nt; ++k) {
        const double target = t[k];
        while (tnow < target && n > 0) {
            if (attempts >= max_steps) {
                /* out of steps: report how far, for a continuation */
                stats->t_reached = tnow;
                stats->h_next = h;
                stats->done = k;
                return LD_OK;
            }
            attempts += 1.0;
            int final = 0;
            double hs = h;
            if (tnow + hs >= target || (target - tnow - hs) < 1e-12 * target) {
                hs = target - tnow;
                final = 1;
            }
            if (hs <= 16.0 * DBL_EPSILON * fmax(tnow, 1e-300)) {
                stats->t_reached = tnow;
                return LD_EDIVERGED;
            }
#define STAGE(out, expr)                                         \
    do {                                                         \
        for (size_t i = 0; i < n; ++i)                           \
            ynew[i] = y[i] + hs * (expr);                        \
        if ((s = rhs(prob, ynew, out, n, gw, ptrs)) != LD_OK) \
            return s;                                            \
    } while (0)
            STAGE(k2, A21 * k1[i]);
            STAGE(k3, A31 * k1[i] + A32 * k2[i]);
            STAGE(k4, A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
            STAGE(k5, A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
            STAGE(k6, A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
            STAGE(k7, B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
#undef STAGE
            /* ynew holds the 5th-order solution; k7 = f(ynew) (first same as last) */
            stats->evals += 6;
            for (size_t i = 0; i < n; ++i)
                err[i] = hs * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i]
                               + E6 * k6[i] + E7 * k7[i]);
            const double e = scaled_norm(err, y, ynew, n, rtol, atol);
            if (!isfinite(e)) {
                /* non-finite stage: retry smaller, or give up if the state itself is bad */
                h = 0.1 * hs;
                last_rejected = 1;
                stats->rejected += 1;
                continue;
            }
            double fac = e > 0.0 ? 0.9 * pow(e, -0.2) : 5.0;
            if (e <= 1.0) {
                memcpy(y, ynew, n * sizeof(double));
                memcpy(k1, k7, n * sizeof(double));
                tnow = final ? target : tnow + hs;
                stats->steps += 1;
                if (last_rejected && fac > 1.0)
                    fac = 1.0;
                last_rejected = 0;
                /* a clipped final step says nothing about the natural step size */
                h = final ? fmax(h, hs * fmin(5.0, fmax(0.2, fac))) : hs * fmin(5.0, fmax(0.2, fac));
            } else {
                stats->rejected += 1;
                last_rejected = 1;
                h = hs * fmax(0.2, fac);
            }
        }
        memcpy(Y + (size_t)k * n, y, n * sizeof(double));
        stats->done = k + 1;
    }
    stats->t_reached = tnow;
    stats->h_next = h;
    return LD_OK;
}
