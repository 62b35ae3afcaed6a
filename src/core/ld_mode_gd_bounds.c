/* ld_mode_gd_bounds.c -- Thm. 3 (eq. 23): sigma w0 / ((sigma - lambda w0) R^t + lambda w0) bounds on w_t. */
#include <math.h>
#include "ld_mode_gd_bounds.h"
#include "ld_modes.h"

int ld_mode_gd_bounds_domain(double sigma, double lambda, double w0, double eta, int form)
{
    if (form < LD_BOUNDS_EXACT || form > LD_BOUNDS_PRINTED || !isfinite(sigma)
        || !isfinite(lambda) || !isfinite(w0) || !isfinite(eta) || sigma < 0.0
        || lambda < 0.0 || w0 < 0.0 || !(eta > 0.0))
        return LD_DOMAIN_VALUE;
    if (sigma == 0.0)
        return (lambda == 0.0 || eta * lambda * w0 < 1.0) ? LD_DOMAIN_OK : LD_DOMAIN_W0;
    const double a = eta * sigma;
    if (form == LD_BOUNDS_PRINTED) {
        if (!(w0 > 0.0 && w0 < 1.0))
            return LD_DOMAIN_W0;
    } else if (!(lambda * w0 <= sigma)) {
        return LD_DOMAIN_W0;
    }
    if (!(2.0 * a < 1.0) || (form == LD_BOUNDS_EXPONENTIAL && !(2.0 * a <= 0.68)))
        return LD_DOMAIN_ETA;
    return LD_DOMAIN_OK;
}

int ld_mode_gd_bounds(const ld_mode_set *md, double eta, ptrdiff_t nt, const double *t,
                      int form, double *lo, double *hi)
{
    const int st = ld_mode_set_check(md, nt);
    if (st != LD_OK)
        return st;
    if (form < LD_BOUNDS_EXACT || form > LD_BOUNDS_PRINTED)
        return LD_EARG;
    const ptrdiff_t m = md->m;
    const double *sigma = md->sigma, *lambda = md->lambda, *w0 = md->w0;
    if (m == 0 || nt == 0)
        return LD_OK;
    if (t == NULL || lo == NULL || hi == NULL)
        return LD_EARG;
    for (ptrdiff_t i = 0; i < m; ++i)
        if (ld_mode_gd_bounds_domain(sigma[i], lambda[i], w0[i], eta, form) != LD_DOMAIN_OK)
            return LD_EARG;
    if (!ld_times_ok(nt, t, 0))
        return LD_EARG;

    for (ptrdiff_t k = 0; k < nt; ++k)
        for (ptrdiff_t i = 0; i < m; ++i) {
            const double s = sigma[i], l = lambda[i], v0 = w0[i], tk = t[k];
            const double a = eta * s, c = eta * l;
            const ptrdiff_t o = i + k * m;
            if (v0 == 0.0) {
                lo[o] = hi[o] = 0.0;
            } else if (s == 0.0 && l == 0.0) {
                lo[o] = hi[o] = v0;
            } else if (s == 0.0) {
                const double y0 = c * v0;
                if (form == LD_BOUNDS_PRINTED) {
                    lo[o] = 0.0;
                    hi[o] = 1.0 / (1.0 / v0 + c * tk);
                } else {
                    lo[o] = 1.0 / (1.0 / v0 + tk * c * (2.0 - y0) / ((1.0 - y0) * (1.0 - y0)));
                    hi[o] = 1.0 / (1.0 / v0 + 2.0 * c * tk);
                }
            } else if (form == LD_BOUNDS_EXACT) {
                lo[o] = ld_mode_logistic(1.0, l / s, v0, -2.0 * tk * log1p(a));
                hi[o] = ld_mode_logistic(1.0, l / s, v0, tk * log1p(-2.0 * a));
            } else if (form == LD_BOUNDS_EXPONENTIAL) {
                lo[o] = ld_mode_logistic(1.0, l / s, v0, (-2.0 * a + a * a) * tk);
                hi[o] = ld_mode_logistic(1.0, l / s, v0, (-2.0 * a - 4.0 * a * a) * tk);
            } else {
                /* w0 / ((s - l w0) R + l w0) = 1 / (s R / w0 + l (1 - R)) */
                lo[o] = ld_mode_logistic(s, l, v0, (-2.0 * a + 4.0 * a * a) * tk);
                hi[o] = ld_mode_logistic(s, l, v0, (-2.0 * a - a * a) * tk);
            }
        }
    return LD_OK;
}
