/* ld_measures.h -- what is recorded along a trajectory: the excess loss (section 2), the
 * singular values of W, distances to a path, the balance of the factors (eq. 12). */
#ifndef LD_MEASURES_H
#define LD_MEASURES_H

#include <stddef.h>
#include "ld_status.h"

/* Doubles of scratch for the functions below at a d x p W (0 on bad arguments). */
size_t ld_measures_work(ptrdiff_t d, ptrdiff_t p);

/* *excess = 1/2 tr((W - W*)' Sx (W - W*)), which is f(W) - min f when range(Sxy) lies in
 * range(Sx) (W* = pinv(Sx) Sxy).  One d x d x p product. */
int ld_excess_loss(ptrdiff_t d, ptrdiff_t p, const double *W, const double *Sx,
                   const double *Wstar, double *excess, double *work);

/* The min(d, p) singular values of W, decreasing, into s (LAPACK dgesvd, values only). */
int ld_singular_values(ptrdiff_t d, ptrdiff_t p, const double *W, double *s, double *work);

/* dist[k] = ||W - P(:,:,k)||_F for the npath slices of a d x p x npath stack P. */
int ld_path_dist(ptrdiff_t d, ptrdiff_t p, const double *W, ptrdiff_t npath, const double *P,
                 double *dist);

/* Doubles of scratch of ld_balance for a chain of widths r (0 on bad widths). */
size_t ld_balance_work(ptrdiff_t L, const ptrdiff_t *r);

/* b[l] = ||W_l' W_l - W_{l+1} W_{l+1}'||_F for l = 1..L-1 (0-based b[0..L-2]): the
 * matrices the gradient flow conserves (eq. 12). */
int ld_balance(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *b,
               double *work);

#endif /* LD_MEASURES_H */
