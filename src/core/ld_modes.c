/* ld_modes.c -- modes of the two-layer dynamics: flow of eq. 16 and the exact recursion of eq. 22. */
#include <float.h>
#include <math.h>
#include "ld_modes.h"

double ld_mode_logistic(double alpha, double beta, double w0, double x)
{
    const double e = exp(x);
    const double a = e >= DBL_MIN ? alpha * e / w0 : alpha * exp(x - log(w0));
    return 1.0 / (a - beta * expm1(x));
}

int ld_mode_flow(ptrdiff_t m, const double *sigma, const double *lambda, const double *w0,
                 ptrdiff_t nt, const double *t, double *w)
{
    if (!ld_dims_ok(m, nt))
        return LD_EDIM;
    if (m == 0 || nt == 0)
        return LD_OK;
    if (sigma == NULL || lambda == NULL || w0 == NULL || t == NULL || w == NULL)
        return LD_EARG;
    for (ptrdiff_t i = 0; i < m; ++i)
        if (!(sigma[i] >= 0.0 && lambda[i] >= 0.0 && w0[i] >= 0.0 && isfinite(sigma[i])
              && isfinite(lambda[i]) && isfinite(w0[i])))
            return LD_EARG;
    if (!ld_times_ok(nt, t, 0))
        return LD_EARG;

    for (ptrdiff_t k = 0; k < nt; ++k)
        for (ptrdiff_t i = 0; i < m; ++i) {
            const double s = sigma[i], l = lambda[i], v0 = w0[i], tk = t[k];
            double *out = &w[i + k * m];
            if (v0 == 0.0 || tk == 0.0) {
                *out = v0;
            } else if (s > 0.0) {
                *out = ld_mode_logistic(1.0, l / s, v0, -2.0 * s * tk);
            } else {
                *out = 1.0 / (1.0 / v0 + 2.0 * l * tk);
            }
        }
    return LD_OK;
}

size_t ld_mode_gd_work(ptrdiff_t nt)
{
    return nt >= 0 ? (size_t)nt : 0;
}

/* One step of eq. 22 (corrected): w (1 + eta (sigma - lambda w))^2. */
static double step(double w, double sigma, double lambda, double eta)
{
    const double g = 1.0 + eta * (sigma - lambda * w);
    return w * g * g;
}

static int same(double a, double b)
{
    return a == b || (isnan(a) && isnan(b));
}

/* In-place heapsort of idx[0..n) (indices stored as doubles) by the key t[idx]. */
static void sort_index(double *idx, ptrdiff_t n, const double *t)
{
    for (ptrdiff_t i = 0; i < n; ++i)
        idx[i] = (double)i;
    for (ptrdiff_t end = n, start = n / 2; end > 1;) {
        ptrdiff_t root;
        if (start > 0) {
            root = --start;
        } else {
            const double tmp = idx[--end];
            idx[end] = idx[0];
            idx[0] = tmp;
            root = 0;
        }
        for (;;) { /* sift idx[root] down within idx[0..end) */
            ptrdiff_t child = 2 * root + 1;
            if (child >= end)
                break;
            if (child + 1 < end && t[(ptrdiff_t)idx[child + 1]] > t[(ptrdiff_t)idx[child]])
                ++child;
            if (t[(ptrdiff_t)idx[child]] <= t[(ptrdiff_t)idx[root]])
                break;
            const double tmp = idx[root];
            idx[root] = idx[child];
            idx[child] = tmp;
            root = child;
        }
    }
}

int ld_mode_gd(ptrdiff_t m, const double *sigma, const double *lambda, const double *w0,
               double eta, ptrdiff_t nt, const double *t, double *w, double *work)
{
    if (!ld_dims_ok(m, nt))
        return LD_EDIM;
    if (!isfinite(eta))
        return LD_EARG;
    if (m == 0 || nt == 0)
        return LD_OK;
    if (sigma == NULL || lambda == NULL || w0 == NULL || t == NULL || w == NULL
        || work == NULL)
        return LD_EARG;
    for (ptrdiff_t i = 0; i < m; ++i)
        if (!(isfinite(sigma[i]) && isfinite(lambda[i]) && isfinite(w0[i])))
            return LD_EARG;
    if (!ld_times_ok(nt, t, 1))
        return LD_EARG;

    double *order = work;
    sort_index(order, nt, t);

    for (ptrdiff_t i = 0; i < m; ++i) {
        const double s = sigma[i], l = lambda[i];
        double v = w0[i], k = 0.0;
        /* Brent: the saved iterate moves to the current one whenever the distance since
         * the last save reaches a power of two; meeting it again means a cycle. */
        double saved = v, ksaved = 0.0, power = 1.0;
        ptrdiff_t pos = 0;
        for (;;) {
            while (pos < nt && t[(ptrdiff_t)order[pos]] == k)
                w[i + (ptrdiff_t)order[pos++] * m] = v;
            if (pos == nt)
                break;
            v = step(v, s, l, eta);
            k += 1.0;
            if (same(v, saved)) {
                /* iterates from ksaved on repeat with period k - ksaved */
                const double period = k - ksaved;
                for (; pos < nt; ++pos) {
                    const double r = fmod(t[(ptrdiff_t)order[pos]] - ksaved, period);
                    double u = saved;
                    for (double j = 0.0; j < r; j += 1.0)
                        u = step(u, s, l, eta);
                    w[i + (ptrdiff_t)order[pos] * m] = u;
                }
                break;
            }
            if (k - ksaved == power) {
                saved = v;
                ksaved = k;
                power *= 2.0;
            }
        }
    }
    return LD_OK;
}

int ld_mode_gd_crossing(ptrdiff_t m, const double *sigma, const double *lambda,
                        const double *w0, double eta, const double *level, double maxit,
                        double *first)
{
    if (!ld_dims_ok(m, 0))
        return LD_EDIM;
    if (!isfinite(eta) || !(maxit >= 0.0 && maxit <= LD_MAX_EXACT_INT))
        return LD_EARG;
    if (m == 0)
        return LD_OK;
    if (sigma == NULL || lambda == NULL || w0 == NULL || level == NULL || first == NULL)
        return LD_EARG;
    for (ptrdiff_t i = 0; i < m; ++i)
        if (!(isfinite(sigma[i]) && isfinite(lambda[i]) && isfinite(w0[i])
              && !isnan(level[i])))
            return LD_EARG;

    for (ptrdiff_t i = 0; i < m; ++i) {
        double v = w0[i], k = 0.0, saved = v, ksaved = 0.0, power = 1.0;
        first[i] = -1.0;
        for (;;) {
            if (v >= level[i]) {
                first[i] = k;
                break;
            }
            if (k >= maxit)
                break;
            v = step(v, sigma[i], lambda[i], eta);
            k += 1.0;
            if (same(v, saved))
                break;  /* periodic from here on, and no iterate reached the level */
            if (k - ksaved == power) {
                saved = v;
                ksaved = k;
                power *= 2.0;
            }
        }
    }
    return LD_OK;
}
