/* ld_assumption1.h -- the joint decomposition of Assumption 1 (eq. 13):
 * Sx = U (Dx + B) U', Sxy = U Dxy V', U and V orthogonal, Dx and Dxy diagonal. */
#ifndef LD_ASSUMPTION1_H
#define LD_ASSUMPTION1_H

#include <stddef.h>
#include "ld_status.h"
#include "ld_problem.h"

/* Doubles of scratch ld_assumption1 needs for d x p moments. */
size_t ld_assumption1_work(ptrdiff_t d, ptrdiff_t p);

/* The outputs of ld_assumption1: arrays of the caller (column-major, leading dimension =
 * number of rows), with m = min(d, p) and nc = d (full) or m (thin). */
typedef struct {
    double *U;           /* d x nc, orthonormal columns */
    double *V;           /* p x p, orthogonal */
    double *sigma;       /* m: the singular values of Sxy, descending */
    double *lambda;      /* nc: the diagonal of U' Sx U */
    double *B;           /* nc x nc: the off-diagonal part of U' Sx U (zero diagonal,
                            exactly symmetric) */
    double epsilon[2];   /* ||B||_2 (full; NaN when thin), ||B(1:m,1:m)||_2 (the thin U's) */
    ptrdiff_t rank_xy;   /* the number of sigma_i > tol * sigma_1 */
} ld_assumption1_result;

/* The decomposition of eq. 13 of the moments mom (Sx: upper triangle read) with U's
 * columns chosen to make B small, into res.
 *
 *   tol  relative tolerance: singular values sigma_i <= tol * sigma_1 count as zero, and
 *        consecutive singular values within tol * sigma_1 of each other count as tied.
 *   full nonzero: the d x d decomposition; zero: only the thin U = U(:,1:m), which costs
 *        O(d^2 m) instead of O(d^3) when rank(Sxy) = m.
 * Choice of U: Sxy = U0 diag(sigma) V0' by dgesvd.  Within every group of tied singular
 * values, and within the block of columns r_xy+1..d (sigma = 0, including the completion of
 * the thin U to d x d), the columns are free; there U is rotated to the eigenvectors of Sx
 * restricted to that subspace (eigenvalues descending), and V's columns of a tied group of
 * positive sigma get the same rotation, so Sxy = U Dxy V' still holds.  This makes the
 * diagonal blocks of B vanish, which minimizes ||B||_F over all admissible U (the blocks
 * coupling different groups do not depend on the rotations).
 * Returns LD_OK, LD_EDIM, LD_EARG or LD_ELAPACK. */
int ld_assumption1(const ld_lsq *mom, double tol, int full, ld_assumption1_result *res,
                   double *work);

#endif /* LD_ASSUMPTION1_H */
