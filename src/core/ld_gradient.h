/* ld_gradient.h -- the factor gradients of a deep linear network (eq. 11) and one
 * simultaneous gradient step (eq. 5). */
#ifndef LD_GRADIENT_H
#define LD_GRADIENT_H

#include <stddef.h>
#include "ld_status.h"

/* Doubles of scratch needed by ld_deep_gradient, ld_gd_step and ld_end_to_end for a
 * chain of L factors of widths r[0] = d, r[1], ..., r[L] = p (0 on bad arguments). */
size_t ld_gradient_work(ptrdiff_t L, const ptrdiff_t *r);

/* G[l] = W_{1:l-1}' (Sx W - Sxy) W_{l+1:L}'  for l = 1..L (eq. 11), W = W1 W2 ... WL,
 * W[l] of size r[l] x r[l+1] (0-based), Sx d x d symmetric, Sxy d x p.  When Wend is
 * not NULL it receives W (d x p); when resid is not NULL it receives Sx W - Sxy.
 * 3L - 2 matrix products (suffix products, the residual, the left chain W_{1:l-1}'R and
 * one product per factor).  Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_deep_gradient(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                     const double *const *W, double *const *G, double *Wend,
                     double *resid, double *work);

/* One step of eq. 5 in place: every W[l] <- W[l] - eta * G[l] with all G[l] taken at
 * the same (old) iterate.  The gradients are never stored: each factor is updated by a
 * fused product once no later product needs its old value.  *rnorm2 (if not NULL)
 * receives ||Sx W - Sxy||_F^2 at the old iterate, and Wend (if not NULL) the old W.
 * Same product count as ld_deep_gradient; when Wend is NULL and r[1] < p the residual
 * is formed as (Sx W1) (W2...WL), the cheaper order. */
int ld_gd_step(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
               double eta, double *const *W, double *Wend, double *rnorm2, double *work);

/* Wend = W1 W2 ... WL (d x p), multiplied from the right. */
int ld_end_to_end(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *Wend,
                  double *work);

#endif /* LD_GRADIENT_H */
