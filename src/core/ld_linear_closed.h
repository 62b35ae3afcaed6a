/* ld_linear_closed.h -- closed forms of the linear model (L = 1): the gradient flow
 * W(t) = W* + e^{-t Sx} (W0 - W*) (Prop. 1, eq. 9) and gradient descent
 * W_t = W* + (I - eta Sx)^t (W0 - W*) (eq. 21), W* = pinv(Sx) Sxy. */
#ifndef LD_LINEAR_CLOSED_H
#define LD_LINEAR_CLOSED_H

#include <stddef.h>
#include "ld_status.h"

/* Number of doubles of scratch ld_linear_closed needs for a d x p problem
 * (0 if d or p is out of range). */
size_t ld_linear_closed_work(ptrdiff_t d, ptrdiff_t p);

/* W(:,:,k) at the times t[k], k < nt: the flow (discrete == 0, eta ignored, t >= 0) or
 * gradient descent with step eta > 0 (discrete != 0, t nonnegative integers <= 2^53).
 * Sx d x d symmetric (upper triangle read), Sxy and W0 d x p, W d x p x nt.
 * One symmetric eigendecomposition Sx = Q diag(lambda) Q' (ld_symeig), then per time
 * W = W* + Q diag(f(lambda)) Q'(W0 - W*), f = exp(-t lambda) or (1 - eta lambda)^t,
 * evaluated as exp(t log1p(-eta lambda)) with the sign of (1 - eta lambda)^t when
 * eta lambda > 1, so t may be huge (1e12) without iterating or losing accuracy.
 * W* is never formed: W = Q (diag(f) Q'W0 + diag((1 - f)/lambda) Q'Sxy), with 1 - f from
 * expm1, so an ill-conditioned Sx (tiny lambda, huge W*) costs no accuracy at small t.
 * Eigenvalues <= d * eps * lambda_max count as zero (ld_pinv_rank: the pseudo-inverse of
 * eq. 9/21): those components of W0 never move.  *null_sxy (may be NULL) receives the
 * Frobenius norm of the part of Sxy in that null space, which eq. 9/21 drop (it is 0 for
 * moments of data);
 * *lambda_max (may be NULL) the largest eigenvalue of Sx (GD is stable iff eta lambda_max < 2).
 * work holds ld_linear_closed_work(d, p) doubles.
 * Returns LD_OK, LD_EDIM, LD_EARG (NULL pointer, eta or t out of range) or LD_ELAPACK. */
int ld_linear_closed(ptrdiff_t d, ptrdiff_t p, const double *Sx, const double *Sxy,
                     const double *W0, int discrete, double eta, ptrdiff_t nt,
                     const double *t, double *W, double *null_sxy, double *lambda_max,
                     double *work);

#endif /* LD_LINEAR_CLOSED_H */
