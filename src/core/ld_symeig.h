/* ld_symeig.h -- eigen-decomposition A = Z diag(w) Z' of a symmetric matrix, largest
 * eigenvalue first (LAPACK dsyevd).  The one eigensolver of the C core: the pseudo-inverse
 * W* = pinv(Sx) Sxy (ld_min_norm_ls), the closed forms of the linear model (eq. 9, 21), the
 * reduced-rank regression (eq. 4) and the Assumption 1 decomposition (eq. 13). */
#ifndef LD_SYMEIG_H
#define LD_SYMEIG_H

#include <stddef.h>
#include "ld_status.h"

/* Doubles of scratch ld_symeig needs for order n (integer workspace included). */
size_t ld_symeig_work(ptrdiff_t n);

/* Eigenvalues w (n, descending) and, when Z != NULL, orthonormal eigenvectors Z (n x n,
 * leading dimension n, column j belongs to w[j]) of the symmetric n x n matrix A (leading
 * dimension lda >= n; only its upper triangle is read; A is destroyed).  Z must not alias A.
 * Divide and conquer (dsyevd), not dsyevr's MRRR: as fast, with eigenvectors orthogonal to
 * a few eps and zero eigenvalues within eps * ||A||, on which ld_pinv_rank's numerical rank
 * depends (dsyevr put a zero eigenvalue of a rank-2 4 x 4 matrix at 7 eps ||A||, above
 * pinv's tolerance, and its eigenvectors at n = 784 were orthogonal only to 4e-13).
 * Returns LD_OK, LD_EDIM, LD_EARG or LD_ELAPACK. */
int ld_symeig(ptrdiff_t n, double *A, ptrdiff_t lda, double *w, double *Z, double *work);

#endif /* LD_SYMEIG_H */
