/* ld_linear_closed.h -- closed forms of the linear model (L = 1): the gradient flow
 * W(t) = W* + e^{-t Sx} (W0 - W*) (Prop. 1, eq. 9) and gradient descent
 * W_t = W* + (I - eta Sx)^t (W0 - W*) (eq. 21), W* = pinv(Sx) Sxy. */
#ifndef LD_LINEAR_CLOSED_H
#define LD_LINEAR_CLOSED_H

#include <stddef.h>
#include "ld_status.h"
#include "ld_problem.h"

/* Number of doubles of scratch ld_linear_closed needs for a d x p problem
 * (0 if d or p is out of range). */
size_t ld_linear_closed_work(ptrdiff_t d, ptrdiff_t p);

/* Which dynamics, and when. */
typedef struct {
    int discrete;       /* 0: the flow (eq. 9), t >= 0; nonzero: gradient descent (eq. 21),
                           t nonnegative integers <= 2^53 */
    double eta;         /* gradient descent's step, > 0 (ignored by the flow) */
    ptrdiff_t nt;       /* times */
    const double *t;    /* t[0..nt-1], in any order */
} ld_linear_closed_opts;

/* W(:,:,k) at the times t[k], k < nt, of the flow or of gradient descent on the moments
 * mom (Sx d x d symmetric, upper triangle read; Sxy d x p) from W0 (d x p); W d x p x nt.
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
int ld_linear_closed(const ld_lsq *mom, const double *W0,
                     const ld_linear_closed_opts *opt, double *W, double *null_sxy,
                     double *lambda_max, double *work);

#endif /* LD_LINEAR_CLOSED_H */
