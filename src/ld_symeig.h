/* ld_symeig.h -- eigen-decomposition A = Z diag(w) Z' of a symmetric matrix, largest
 * eigenvalue first (LAPACK dsyevr).  Shared by the reduced-rank regression (eq. 4) and the
 * Assumption 1 decomposition (eq. 13). */
#ifndef LD_SYMEIG_H
#define LD_SYMEIG_H

#include <stddef.h>
#include "ld_status.h"

/* Doubles of scratch ld_symeig needs for order n (integer workspace included). */
size_t ld_symeig_work(ptrdiff_t n);

/* Eigenvalues w (n, descending) and, when Z != NULL, orthonormal eigenvectors Z (n x n,
 * leading dimension n, column j belongs to w[j]) of the symmetric n x n matrix A (leading
 * dimension lda >= n; only its upper triangle is read; A is destroyed).  Z must not alias A.
 * Returns LD_OK, LD_EDIM, LD_EARG or LD_ELAPACK. */
int ld_symeig(ptrdiff_t n, double *A, ptrdiff_t lda, double *w, double *Z, double *work);

/* Number of doubles that hold count integers of the BLAS integer type. */
size_t ld_ints_as_doubles(size_t count);

#endif /* LD_SYMEIG_H */
