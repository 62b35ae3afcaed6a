/* ld_min_norm_ls.h -- the minimum-norm least-squares solution W* = pinv(Sx) Sxy (section 2), and
 * the one rule by which every pseudo-inverse of Sx in lindyn drops eigenvalues. */
#ifndef LD_MIN_NORM_LS_H
#define LD_MIN_NORM_LS_H

#include <stddef.h>
#include "ld_status.h"

/* The pseudo-inverse rule: of the eigenvalues lambda[0] >= ... >= lambda[d-1] of Sx
 * (ld_symeig's order), pinv(Sx) keeps the leading r with lambda_i > tol * lambda_max and
 * treats the rest as zero (r = 0 when lambda_max <= 0).  Returns r.  The default tol is
 * ld_pinv_tol(d) = d * DBL_EPSILON: for a positive semidefinite Sx this is the default
 * tolerance of Octave's and MATLAB's pinv, max(size) * eps * norm. */
ptrdiff_t ld_pinv_rank(ptrdiff_t d, const double *lambda, double tol);
double ld_pinv_tol(ptrdiff_t d);

/* Wstar = Z_r diag(1/lambda_r) Z_r' Sxy (d x p) from Sx = Z diag(lambda) Z' as ld_symeig
 * returns it, r = ld_pinv_rank(d, lambda, tol).  T holds r x p scratch doubles.  Dimensions
 * are the caller's to check (ld_dims_ok). */
void ld_pinv_apply(ptrdiff_t d, ptrdiff_t p, ptrdiff_t r, const double *Z,
                   const double *lambda, const double *Sxy, double *Wstar, double *T);

/* Doubles of scratch for ld_min_norm_ls (0 on bad arguments). */
size_t ld_min_norm_ls_work(ptrdiff_t d, ptrdiff_t p);

/* Wstar = pinv(Sx) Sxy (d x p) from one symmetric eigendecomposition (ld_symeig) of the
 * d x d symmetric Sx (upper triangle read), with the default tolerance ld_pinv_tol(d).
 * Returns LD_OK, LD_EDIM, LD_EARG or LD_ELAPACK. */
int ld_min_norm_ls(ptrdiff_t d, ptrdiff_t p, const double *Sx, const double *Sxy,
                   double *Wstar, double *work);

#endif /* LD_MIN_NORM_LS_H */
