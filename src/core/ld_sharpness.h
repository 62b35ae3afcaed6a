/* ld_sharpness.h -- exact Hessian-vector products of the deep linear loss (derivative of
 * eq. 11 in a direction) and the top eigenvalues of that Hessian (the sharpness) by
 * Lanczos with full reorthogonalization. */
#ifndef LD_SHARPNESS_H
#define LD_SHARPNESS_H

#include <stddef.h>
#include "ld_status.h"

/* Parameter vectors: the factors' entries stacked, vec(W1); vec(W2); ...; vec(WL), each
 * column-major, n = sum_l r[l] r[l+1] entries (widths r[0] = d, ..., r[L] = p). */
size_t ld_hessvec_count(ptrdiff_t L, const ptrdiff_t *r);

/* Doubles of the state ld_hessvec_prepare fills (prefix and suffix products, the
 * residual, G S_l'), and of the scratch one ld_hessvec call needs (0 on bad arguments). */
size_t ld_hessvec_state(ptrdiff_t L, const ptrdiff_t *r);
size_t ld_hessvec_work(ptrdiff_t L, const ptrdiff_t *r);

/* Fills state for the point W = {W1..WL} (W[l] r[l] x r[l+1]), Sx d x d symmetric,
 * Sxy d x p.  Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_hessvec_prepare(ptrdiff_t L, const ptrdiff_t *r, const double *Sx,
                       const double *Sxy, const double *const *W, double *state);

/* hv = H v, H the Hessian of f = 1/2 tr(W' Sx W) - tr(W' Sxy) in all factor entries at
 * the prepared point.  With dW = sum_l P_l V_l S_l (P_l = W1...W(l-1), S_l =
 * W(l+1)...WL), G = Sx W - Sxy and dP_l, dS_l the derivatives of the prefix and suffix
 * products in the direction v:
 *   (H v)_l = P_l' (Sx dW S_l' + G dS_l') + dP_l' G S_l'.
 * About 8L products of the chain's sizes plus one d x d x p.  v and hv must not overlap. */
int ld_hessvec(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *const *W,
               const double *state, const double *v, double *hv, double *work);

/* Doubles of scratch ld_sharpness needs for k eigenvalues and at most maxit Lanczos
 * steps per run (integer workspace included; 0 on bad arguments). */
size_t ld_sharpness_work(ptrdiff_t L, const ptrdiff_t *r, ptrdiff_t k, ptrdiff_t maxit);

/* The k largest (algebraically) eigenvalues theta[0] >= ... >= theta[k-1] of the
 * Hessian at W, and when Y != NULL orthonormal eigenvectors Y (n x k, column j for
 * theta[j]), by Lanczos on exact Hessian-vector products with full reorthogonalization
 * (every new vector is orthogonalized twice against all earlier ones: the basis stays
 * orthonormal to rounding, so no spurious copies appear; cost n m^2 for m steps, fine for
 * the modest sizes here).  The start vector is uniform in [-1, 1)^n from a xorshift64*
 * generator seeded by seed (deterministic).  A Ritz pair (theta, y) is accepted when its
 * residual ||H y - theta y|| = beta_m |z_m| is at most tol * max|Ritz value|; the
 * residual also bounds the distance of theta to an eigenvalue of H.  An invariant
 * subspace (beta below 1e-12 times the norm estimate) restarts with a new start vector
 * orthogonal to the basis.  For k > 1, Lanczos from one vector sees one copy of a
 * multiple eigenvalue: the converged vectors are then locked and a new run on their
 * orthogonal complement looks for eigenvalues above the k-th; runs repeat until none is
 * found.  *nhv receives the number of Hessian-vector products, *resid the largest
 * relative residual of the returned pairs and *converged 1 when all k met tol (0 when a
 * run hit maxit: the values are then the best Ritz values found).  k <= n.
 * Returns LD_OK, LD_EDIM, LD_EARG or LD_ELAPACK. */
int ld_sharpness(ptrdiff_t L, const ptrdiff_t *r, const double *Sx, const double *Sxy,
                 const double *const *W, ptrdiff_t k, double tol, ptrdiff_t maxit,
                 unsigned long long seed, double *theta, double *Y, ptrdiff_t *nhv,
                 double *resid, int *converged, double *work);

#endif /* LD_SHARPNESS_H */
