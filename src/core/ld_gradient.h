/* ld_gradient.h -- the factor gradients of a deep linear network on the least squares
 * of section 2 (eq. 11) and one simultaneous gradient step (eq. 5), fused. */
#ifndef LD_GRADIENT_H
#define LD_GRADIENT_H

#include <stddef.h>
#include "ld_status.h"

/* The least squares f = 1/2 tr(W' Sx W) - tr(W' Sxy) + const through the second moments,
 * on a chain W = W1 W2 ... WL of widths r[0] = d, r[1], ..., r[L] = p. */
typedef struct {
    ptrdiff_t L;
    const ptrdiff_t *r;
    const double *Sx;    /* d x d, symmetric */
    const double *Sxy;   /* d x p */
} ld_moments;

/* Doubles of scratch of ld_deep_gradient and ld_gd_step for a chain of L factors of
 * widths r (0 on bad arguments). */
size_t ld_gradient_work(ptrdiff_t L, const ptrdiff_t *r);

/* G[l] = W_{1:l-1}' (Sx W - Sxy) W_{l+1:L}' for l = 1..L (eq. 11), W = W1 W2 ... WL,
 * W[l] of size r[l] x r[l+1] (0-based).  When Wend is not NULL it receives W (d x p);
 * when resid is not NULL it receives Sx W - Sxy.  3L - 2 matrix products (suffix
 * products, the residual, the left chain W_{1:l-1}'R and one product per factor).
 * Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_deep_gradient(const ld_moments *m, const double *const *W, double *const *G,
                     double *Wend, double *resid, double *work);

/* One step of eq. 5 in place, every W[l] <- W[l] - eta G[l] with all G[l] taken at the
 * same (old) iterate, unless the old iterate has diverged: *rnorm2 (if not NULL)
 * receives ||Sx W - Sxy||_F^2 at the old iterate, Wend (if not NULL) the old W, and when
 * the residual is not finite or exceeds cmax nothing is updated and the result is
 * LD_EDIVERGED.  The gradients are never
 * stored: each factor is updated by a fused product once no later product needs its old
 * value.  The products and their order depend on the widths alone (the residual as
 * (Sx W1)(W2...WL) when r[1] < p, Wend then one product more): a step's arithmetic is
 * the same wherever it runs and whether Wend is asked for or not.
 * L = 2 with every width <= LD_SMALL_STEP2_MAX runs the small kernel's whole step;
 * products with p <= LD_SKINNY_N next to a large width the skinny kernels' fused pass.
 * Returns LD_OK, LD_EDIVERGED, LD_EDIM or LD_EARG. */
int ld_gd_step(const ld_moments *m, double eta, double cmax, double *const *W,
               double *Wend, double *rnorm2, double *work);

#endif /* LD_GRADIENT_H */
