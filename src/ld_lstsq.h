/* ld_lstsq.h -- the minimum-norm least-squares solution W* = pinv(Sx) Sxy (section 2). */
#ifndef LD_LSTSQ_H
#define LD_LSTSQ_H

#include <stddef.h>
#include "ld_status.h"

/* Doubles of scratch for ld_min_norm_ls (0 on bad arguments). */
size_t ld_min_norm_ls_work(ptrdiff_t d, ptrdiff_t p);

/* Wstar = pinv(Sx) Sxy (d x p) from one symmetric eigendecomposition Sx = Q diag(lam) Q'
 * (LAPACK dsyev); eigenvalues at or below d * eps * max|lam| count as zero, the default
 * tolerance of Octave's pinv.  Returns LD_OK, LD_EDIM, LD_EARG or LD_ELAPACK. */
int ld_min_norm_ls(ptrdiff_t d, ptrdiff_t p, const double *Sx, const double *Sxy,
                   double *Wstar, double *work);

#endif /* LD_LSTSQ_H */
