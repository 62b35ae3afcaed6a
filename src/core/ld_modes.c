/* ld_modes.c -- modes of the two-layer dynamics: flow of eq. 16 and the exact recursion of eq. 22,
 * and the exact recursion of the depth-L aligned modes. */
#include <float.h>
#include <math.h>
#include "ld_modes.h"

double ld_mode_logistic(double alpha, double beta, double w0, double x)
{
    const double e = exp(x);
    const double a = e >= DBL_MIN ? alpha * e / w0 : alpha * exp(x - log(w0));
    return 1.0 / (a - beta * expm1(x));
}

int ld_mode_set_check(const ld_mode_set *md, ptrdiff_t nt)
{
    if (md == NULL)
        return LD_EARG;
    if (!ld_dims_ok(md->m, nt))
        return LD_EDIM;
    if (md->m == 0 || nt == 0)
        return LD_OK;
    if (md->sigma == NULL || md->lambda == NULL || md->w0 == NULL)
        return LD_EARG;
    for (ptrdiff_t i = 0; i < md->m; ++i)
        if (!(isfinite(md->sigma[i]) && isfinite(md->lambda[i]) && isfinite(md->w0[i])))
            return LD_EARG;
    return LD_OK;
}

int ld_mode_flow(const ld_mode_set *md, ptrdiff_t nt, const double *t, double *w)
{
    const int st = ld_mode_set_check(md, nt);
    if (st != LD_OK || md->m == 0 || nt == 0)
        return st;
    const ptrdiff_t m = md->m;
    const double *sigma = md->sigma, *lambda = md->lambda, *w0 = md->w0;
    if (t == NULL || w == NULL)
        return LD_EARG;
    for (ptrdiff_t i = 0; i < m; ++i)
        if (!(sigma[i] >= 0.0 && lambda[i] >= 0.0 && w0[i] >= 0.0))
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

/* x^n for an integer n >= 0, by repeated multiplication (as matrix GD forms it). */
static double ipow(double x, int n)
{
    double y = 1.0;
    for (int i = 0; i < n; ++i)
        y *= x;
    return y;
}

/* The state the recursion iterates: w itself for L = 1, 2; for L >= 3 the common value
 * a = w^(1/L) of the factors' modes (signed, so that an odd L keeps the sign of w). */
static double to_state(double w, int L)
{
    if (L <= 2)
        return w;
    const double r = L == 3 ? cbrt(fabs(w)) : pow(fabs(w), 1.0 / (double)L);
    return w < 0.0 ? -r : r;
}

static double from_state(double v, int L)
{
    return L <= 2 ? v : ipow(v, L);
}

/* One step of gradient descent on the depth-L aligned mode: for L = 2 eq. 22 (corrected);
 * for L = 1 w + eta (sigma - lambda w); for L >= 3, on the factor value a,
 * a (1 + eta a^(L-2) (sigma - lambda a^L)), i.e. w (1 + eta w^((L-2)/L) (sigma - lambda w))^L. */
static double step_depth(double v, double sigma, double lambda, double eta, int L)
{
    if (L == 2)
        return step(v, sigma, lambda, eta);
    if (L == 1)
        return v + eta * (sigma - lambda * v);
    const double p = ipow(v, L - 2);
    return v * (1.0 + eta * p * (sigma - lambda * (p * v * v)));
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

int ld_mode_gd(const ld_mode_set *md, double eta, ptrdiff_t nt, const double *t, double *w,
               double *work)
{
    return ld_mode_gd_depth(md, eta, 2, nt, t, w, work);
}

int ld_mode_gd_depth(const ld_mode_set *md, double eta, int depth, ptrdiff_t nt,
                     const double *t, double *w, double *work)
{
    const int st = ld_mode_set_check(md, nt);
    if (st != LD_OK)
        return st;
    if (!isfinite(eta) || depth < 1 || depth > LD_MODE_DEPTH_MAX)
        return LD_EARG;
    const ptrdiff_t m = md->m;
    const double *sigma = md->sigma, *lambda = md->lambda, *w0 = md->w0;
    if (m == 0 || nt == 0)
        return LD_OK;
    if (t == NULL || w == NULL || work == NULL || !ld_times_ok(nt, t, 1))
        return LD_EARG;

    double *order = work;
    sort_index(order, nt, t);

    for (ptrdiff_t i = 0; i < m; ++i) {
        const double s = sigma[i], l = lambda[i];
        double v = to_state(w0[i], depth), k = 0.0;
        /* Brent: the saved iterate moves to the current one whenever the distance since
         * the last save reaches a power of two; meeting it again means a cycle. */
        double saved = v, ksaved = 0.0, power = 1.0;
        ptrdiff_t pos = 0;
        for (;;) {
            while (pos < nt && t[(ptrdiff_t)order[pos]] == k)
                w[i + (ptrdiff_t)order[pos++] * m] = from_state(v, depth);
            if (pos == nt)
                break;
            v = step_depth(v, s, l, eta, depth);
            k += 1.0;
            if (same(v, saved)) {
                /* iterates from ksaved on repeat with period k - ksaved */
                const double period = k - ksaved;
                for (; pos < nt; ++pos) {
                    const double r = fmod(t[(ptrdiff_t)order[pos]] - ksaved, period);
                    double u = saved;
                    for (double j = 0.0; j < r; j += 1.0)
                        u = step_depth(u, s, l, eta, depth);
                    w[i + (ptrdiff_t)order[pos] * m] = from_state(u, depth);
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

int ld_mode_gd_crossing(const ld_mode_set *md, double eta, const double *level, double maxit,
                        double *first)
{
    return ld_mode_gd_crossing_depth(md, eta, 2, level, maxit, first);
}

int ld_mode_gd_crossing_depth(const ld_mode_set *md, double eta, int depth,
                              const double *level, double maxit, double *first)
{
    const int st = ld_mode_set_check(md, 1);
    if (st != LD_OK)
        return st;
    if (!isfinite(eta) || depth < 1 || depth > LD_MODE_DEPTH_MAX
        || !(maxit >= 0.0 && maxit <= LD_MAX_EXACT_INT))
        return LD_EARG;
    const ptrdiff_t m = md->m;
    const double *sigma = md->sigma, *lambda = md->lambda, *w0 = md->w0;
    if (m == 0)
        return LD_OK;
    if (level == NULL || first == NULL)
        return LD_EARG;
    for (ptrdiff_t i = 0; i < m; ++i)
        if (isnan(level[i]))
            return LD_EARG;

    for (ptrdiff_t i = 0; i < m; ++i) {
        double v = to_state(w0[i], depth), k = 0.0, saved = v, ksaved = 0.0, power = 1.0;
        first[i] = -1.0;
        for (;;) {
            if (from_state(v, depth) >= level[i]) {
                first[i] = k;
                break;
            }
            if (k >= maxit)
                break;
            v = step_depth(v, sigma[i], lambda[i], eta, depth);
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
