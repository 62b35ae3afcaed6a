/* ld_sharpness.h -- exact Hessian-vector products of the deep linear loss (derivative of
 * eq. 11 in a direction) and the top eigenvalues of that Hessian (the sharpness) by
 * Lanczos with full reorthogonalization. */
#ifndef LD_SHARPNESS_H
#define LD_SHARPNESS_H

#include <stddef.h>
#include "ld_status.h"
#include "ld_gradient.h"   /* ld_moments */

/* Parameter vectors: the factors' entries stacked, vec(W1); vec(W2); ...; vec(WL), each
 * column-major, n = sum_l r[l] r[l+1] entries (widths r[0] = d, ..., r[L] = p). */
size_t ld_hessvec_count(ptrdiff_t L, const ptrdiff_t *r);

/* Doubles of the state ld_hessvec_prepare fills (prefix and suffix products, the
 * residual, G S_l'), and of the scratch one ld_hessvec call needs (0 on bad arguments). */
size_t ld_hessvec_state(ptrdiff_t L, const ptrdiff_t *r);
size_t ld_hessvec_work(ptrdiff_t L, const ptrdiff_t *r);

/* The curvature of a loss l(E) of the end-to-end E = W1...WL, for its Hessian in the
 * factors: hess(ctx, dE, out) puts H[dE] (d x p), the loss's Hessian at the point applied
 * to a direction, into out.  The loss's end-to-end gradient at the point is given apart
 * (ld_hessvec_prepare_loss).  The moments' is Sx dE. */
typedef struct {
    ptrdiff_t L;
    const ptrdiff_t *r;
    int (*hess)(const void *ctx, const double *dE, double *out);
    const void *ctx;
} ld_curvature;

/* Fills state for the point W = {W1..WL} (W[l] r[l] x r[l+1]) of prob.  Returns LD_OK,
 * LD_EDIM or LD_EARG. */
int ld_hessvec_prepare(const ld_moments *prob, const double *const *W, double *state);

/* The same for any loss of W: G (d x p) is its end-to-end gradient at the point. */
int ld_hessvec_prepare_loss(const ld_curvature *cv, const double *const *W, const double *G,
                            double *state);

/* hv = H v, H the Hessian of f = 1/2 tr(W' Sx W) - tr(W' Sxy) in all factor entries at
 * the prepared point.  With dW = sum_l P_l V_l S_l (P_l = W1...W(l-1), S_l =
 * W(l+1)...WL), G = Sx W - Sxy and dP_l, dS_l the derivatives of the prefix and suffix
 * products in the direction v:
 *   (H v)_l = P_l' (Sx dW S_l' + G dS_l') + dP_l' G S_l'.
 * About 8L products of the chain's sizes plus one d x d x p.  v and hv must not overlap. */
int ld_hessvec(const ld_moments *prob, const double *const *W, const double *state,
               const double *v, double *hv, double *work);

/* The same for any loss of W (state from ld_hessvec_prepare_loss): H[dW] in place of
 * Sx dW, G the loss's end-to-end gradient. */
int ld_hessvec_loss(const ld_curvature *cv, const double *const *W, const double *state,
                    const double *v, double *hv, double *work);

/* Doubles of scratch ld_sharpness needs for k eigenvalues and at most maxit Lanczos
 * steps per run (integer workspace included; 0 on bad arguments). */
size_t ld_sharpness_work(ptrdiff_t L, const ptrdiff_t *r, ptrdiff_t k, ptrdiff_t maxit);

/* What ld_sharpness computes, and how far. */
typedef struct {
    ptrdiff_t k;              /* eigenvalues wanted, 1 <= k <= n */
    double tol;               /* > 0: the relative residual at which a pair is accepted */
    ptrdiff_t maxit;          /* >= 1: Lanczos steps per run (at most n are taken) */
    unsigned long long seed;  /* the random start vectors' generator (0: a fixed one) */
    const double *v0;         /* NULL, or n doubles: the first run's start vector */
} ld_sharpness_opts;

/* What it found.  theta and Y are the caller's arrays. */
typedef struct {
    double *theta;      /* k values, descending (NaN past the ones found) */
    double *Y;          /* NULL, or n x k: orthonormal eigenvectors, column j for theta[j] */
    ptrdiff_t nhv;      /* Hessian-vector products taken */
    double resid;       /* the largest relative residual of the returned pairs */
    int converged;      /* 1 when all k met tol; 0 when a run hit maxit (the values are
                           then the best Ritz values found) */
} ld_sharpness_result;

/* The k largest (algebraically) eigenvalues of the Hessian at the point W of prob, and
 * their eigenvectors, by Lanczos on exact Hessian-vector products with full
 * reorthogonalization (every new vector is orthogonalized twice against all earlier
 * ones: the basis stays orthonormal to rounding, so no spurious copies appear; cost
 * n m^2 for m steps, fine for the modest sizes here).
 * Tolerance: a Ritz pair (theta, y) is accepted when its residual
 * ||H y - theta y|| = beta_m |z_m| is at most tol s, s = max |Ritz value| (a lower
 * estimate of ||H||_2).  H being symmetric, an eigenvalue lambda of H then lies within
 * tol s of theta, and within (tol s)^2 / delta when the rest of the spectrum is at least
 * delta away (Kato-Temple): the value is usually far more accurate than tol, the vector's
 * angle to its eigenspace at most about tol s / delta.  res->resid is the largest
 * residual over s of the returned pairs.  The test runs every step while the basis has
 * at most 60 vectors, then every m/20 steps.
 * Start: opt->v0 == NULL, a vector uniform in [-1, 1)^n from a xorshift64* generator
 * seeded by opt->seed (deterministic); else v0 (finite, else LD_EARG), normalized: a warm
 * start, e.g. from the top eigenvector at a nearby point (the previous record of a
 * trajectory), which converges in fewer products when the eigenvector moved little.  A v0
 * of zero norm falls back to the seeded start.  An invariant subspace (beta below 1e-12
 * times the norm estimate) restarts with a new seeded vector orthogonal to the basis.
 * For k > 1, Lanczos from one vector sees one copy of a multiple eigenvalue: the
 * converged vectors are then locked and a new run (from a seeded vector) on their
 * orthogonal complement looks for eigenvalues above the k-th; runs repeat until none is
 * found.  k <= n.  Returns LD_OK, LD_EDIM, LD_EARG, LD_ENOTFINITE (a non-finite Hessian
 * product) or LD_ELAPACK. */
int ld_sharpness(const ld_moments *prob, const double *const *W,
                 const ld_sharpness_opts *opt, ld_sharpness_result *res, double *work);

/* The same for any loss of W: its curvature cv and end-to-end gradient G (d x p) at W
 * (the trajectory runner's sharpness records, for every objective with a Hessian). */
int ld_sharpness_loss(const ld_curvature *cv, const double *const *W, const double *G,
                      const ld_sharpness_opts *opt, ld_sharpness_result *res, double *work);

#endif /* LD_SHARPNESS_H */
