/* ld_measures.h -- what is recorded along a trajectory: the excess loss (section 2),
 * ||W||_F^2, the nuclear norm and top singular values of W, distances to a path. */
#ifndef LD_MEASURES_H
#define LD_MEASURES_H

#include <stddef.h>
#include "ld_status.h"

/* Doubles of scratch for ld_measures (0 on bad arguments). */
size_t ld_measures_work(ptrdiff_t d, ptrdiff_t p);

/* Measures of one end-to-end matrix W (d x p):
 *   *excess = 1/2 tr((W - W*)' Sx (W - W*))   (f(W) - min f when range(Sxy) in range(Sx))
 *   *fro2   = ||W||_F^2
 *   when nsv > 0 or nuclear != NULL: the singular values of W (LAPACK dgesvd),
 *     *nuclear = their sum, sv[0..nsv-1] = the nsv largest (0 past min(d, p))
 *   dist[k] = ||W - P(:,:,k)||_F for k < npath, P a d x p x npath stack.
 * Any output pointer may be NULL (not computed).  Returns LD_OK, LD_EDIM, LD_EARG or
 * LD_ELAPACK. */
int ld_measures(ptrdiff_t d, ptrdiff_t p, const double *W, const double *Sx,
                const double *Wstar, double *excess, double *fro2, double *nuclear,
                ptrdiff_t nsv, double *sv, ptrdiff_t npath, const double *P, double *dist,
                double *work);

#endif /* LD_MEASURES_H */
