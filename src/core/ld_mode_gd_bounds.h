/* ld_mode_gd_bounds.h -- Thm. 3 (eq. 23): bounds on the gradient-descent modes
 * w_{t+1} = w_t (1 + eta (sigma - lambda w_t))^2, as corrected in doc/theory.md, and as
 * printed in the paper (to exhibit its errata). */
#ifndef LD_MODE_GD_BOUNDS_H
#define LD_MODE_GD_BOUNDS_H

#include <stddef.h>
#include "ld_status.h"
#include "ld_modes.h"

/* The forms of the bounds. With a = eta sigma, R = the rate to the power t:
 *   LD_BOUNDS_EXACT        R_lo = (1 + a)^{-2t},   R_hi = (1 - 2a)^t;
 *   LD_BOUNDS_EXPONENTIAL  R_lo = e^{(-2a + a^2) t}, R_hi = e^{(-2a - 4a^2) t};
 * both with w = sigma w0 / ((sigma - lambda w0) R + lambda w0);
 *   LD_BOUNDS_PRINTED      eq. 23 as printed: numerator w0, R_lo = e^{(-2a + 4a^2) t},
 *                          R_hi = e^{(-2a - a^2) t} (the upper one is false). */
enum { LD_BOUNDS_EXACT = 1, LD_BOUNDS_EXPONENTIAL = 2, LD_BOUNDS_PRINTED = 3 };

/* Why a mode is outside the domain of the bounds (ld_mode_gd_bounds_domain's result). */
enum {
    LD_DOMAIN_OK = 0,
    LD_DOMAIN_VALUE = 1,    /* sigma, lambda, w0 negative or not finite, eta <= 0 */
    LD_DOMAIN_W0 = 2,       /* sigma > 0: needs lambda w0 <= sigma (printed: 0 < w0 < 1);
                               sigma = 0 < lambda: needs eta lambda w0 < 1 */
    LD_DOMAIN_ETA = 3       /* sigma > 0: needs 2 eta sigma < 1 (exponential: <= 0.68) */
};

/* The domain check of one mode for a form (an LD_DOMAIN_* code; LD_DOMAIN_VALUE also
 * for an unknown form). */
int ld_mode_gd_bounds_domain(double sigma, double lambda, double w0, double eta, int form);

/* lo(i, k) <= w_i(t[k]) <= hi(i, k) for the m modes md and nt times t[k] >= 0 (m x nt each).
 * sigma > 0: as above, evaluated as 1/w = R/w0 + (lambda/sigma)(1 - R) (R/w0 through
 *   logarithms when R underflows), so large t and tiny w0 are safe.
 * sigma = 0 < lambda (the modes of rank(Sxy) < i <= rank(Sx)), with c = eta lambda:
 *   hi = w0 / (1 + 2 c w0 t) (the print has 1 + c w0 t, also valid, looser);
 *   lo = 1 / (1/w0 + t c (2 - c w0) / (1 - c w0)^2) (lindyn's; the paper gives none,
 *   printed form: lo = 0).
 * sigma = lambda = 0: lo = hi = w0.
 * Every mode must pass ld_mode_gd_bounds_domain.  Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_mode_gd_bounds(const ld_mode_set *md, double eta, ptrdiff_t nt, const double *t,
                      int form, double *lo, double *hi);

#endif /* LD_MODE_GD_BOUNDS_H */
