/* ld_assumption1.h -- the joint decomposition of Assumption 1 (eq. 13):
 * Sx = U (Dx + B) U', Sxy = U Dxy V', U and V orthogonal, Dx and Dxy diagonal. */
#ifndef LD_ASSUMPTION1_H
#define LD_ASSUMPTION1_H

#include <stddef.h>
#include "ld_status.h"

/* Doubles of scratch ld_assumption1 needs for d x p moments. */
size_t ld_assumption1_work(ptrdiff_t d, ptrdiff_t p);

/* The decomposition of eq. 13 with U's columns chosen to make B small.
 *
 *   Sx   d x d symmetric (upper triangle read), Sxy d x p.
 *   tol  relative tolerance: singular values sigma_i <= tol * sigma_1 count as zero, and
 *        consecutive singular values within tol * sigma_1 of each other count as tied.
 *   full nonzero: the d x d decomposition; zero: only the thin U = U(:,1:m), m = min(d,p),
 *        which costs O(d^2 m) instead of O(d^3) when rank(Sxy) = m.
 * Outputs (all column-major, leading dimension = number of rows), with nc = d (full) or
 * m (thin):
 *   U (d x nc) orthonormal columns, V (p x p) orthogonal; sigma (m) the singular values of
 *   Sxy, descending; lambda (nc) the diagonal of U' Sx U; B (nc x nc) the off-diagonal part
 *   of U' Sx U (zero diagonal, exactly symmetric); epsilon[0] = ||B||_2 (full; NaN when
 *   thin), epsilon[1] = ||B(1:m,1:m)||_2 (the thin U's); *rank_xy the number of
 *   sigma_i > tol * sigma_1.
 * Choice of U: Sxy = U0 diag(sigma) V0' by dgesvd.  Within every group of tied singular
 * values, and within the block of columns r_xy+1..d (sigma = 0, including the completion of
 * the thin U to d x d), the columns are free; there U is rotated to the eigenvectors of Sx
 * restricted to that subspace (eigenvalues descending), and V's columns of a tied group of
 * positive sigma get the same rotation, so Sxy = U Dxy V' still holds.  This makes the
 * diagonal blocks of B vanish, which minimizes ||B||_F over all admissible U (the blocks
 * coupling different groups do not depend on the rotations).
 * Returns LD_OK, LD_EDIM, LD_EARG or LD_ELAPACK. */
int ld_assumption1(ptrdiff_t d, ptrdiff_t p, const double *Sx, const double *Sxy, double tol,
                   int full, double *U, double *V, double *sigma, double *lambda, double *B,
                   double *epsilon, ptrdiff_t *rank_xy, double *work);

#endif /* LD_ASSUMPTION1_H */
