/* ld_second_moments.h -- second moments of a data set (section 2 of the paper). */
#ifndef LD_SECOND_MOMENTS_H
#define LD_SECOND_MOMENTS_H

#include <stddef.h>
#include "ld_status.h"

/* Sx = X'X/n (d x d, exactly symmetric) and Sxy = X'Y/n (d x p), X n x d, Y n x p,
 * column-major with leading dimension n.  Y and Sxy may be NULL when p == 0.
 * Sx comes from one symmetric rank-k update (dsyrk); nothing of size n x n is formed.
 * n == 0 gives all-zero moments.  Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_second_moments(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, const double *X,
                      const double *Y, double *Sx, double *Sxy);

#endif /* LD_SECOND_MOMENTS_H */
