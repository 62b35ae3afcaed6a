/* ld_blas.h -- the BLAS/LAPACK integer type and the Fortran symbols lindyn calls.
 *
 * One place decides the integer type passed to BLAS/LAPACK:
 *   - Debian's Octave links a reference-ABI BLAS (OpenBLAS) taking 32-bit integers
 *     (OCTAVE_SIZEOF_F77_INT_TYPE == 4): the default, blas_int = int.
 *   - MATLAB's libmwblas/libmwlapack take ptrdiff_t: build with -DLINDYN_BLAS_PTRDIFF
 *     (matlab/build_lindyn.m does this).
 * The MEX helpers (ld_mex.c) check at compile time that this choice matches Octave's.
 */
#ifndef LD_BLAS_H
#define LD_BLAS_H

#include <stddef.h>
#include <limits.h>

#ifdef LINDYN_BLAS_PTRDIFF
typedef ptrdiff_t blas_int;
#define LD_BLAS_INT_MAX PTRDIFF_MAX
#define LD_SIZEOF_BLAS_INT 8
#else
typedef int blas_int;
#define LD_BLAS_INT_MAX INT_MAX
#define LD_SIZEOF_BLAS_INT 4
#endif

/* Fortran symbols: lower case with a trailing underscore (gfortran, OpenBLAS, MATLAB on Linux). */
#if defined(_WIN32) && !defined(LINDYN_FORTRAN_UNDERSCORE)
#define LD_F77(name) name
#else
#define LD_F77(name) name##_
#endif

/* BLAS level 1 */
double LD_F77(ddot)(const blas_int *n, const double *x, const blas_int *incx,
                    const double *y, const blas_int *incy);
double LD_F77(dnrm2)(const blas_int *n, const double *x, const blas_int *incx);
void LD_F77(daxpy)(const blas_int *n, const double *alpha, const double *x,
                   const blas_int *incx, double *y, const blas_int *incy);
void LD_F77(dscal)(const blas_int *n, const double *alpha, double *x, const blas_int *incx);

/* BLAS level 2 */
void LD_F77(dgemv)(const char *trans, const blas_int *m, const blas_int *n,
                   const double *alpha, const double *a, const blas_int *lda,
                   const double *x, const blas_int *incx, const double *beta,
                   double *y, const blas_int *incy);

/* BLAS level 3 */
void LD_F77(dgemm)(const char *transa, const char *transb, const blas_int *m,
                   const blas_int *n, const blas_int *k, const double *alpha,
                   const double *a, const blas_int *lda, const double *b,
                   const blas_int *ldb, const double *beta, double *c,
                   const blas_int *ldc);
void LD_F77(dsyrk)(const char *uplo, const char *trans, const blas_int *n,
                   const blas_int *k, const double *alpha, const double *a,
                   const blas_int *lda, const double *beta, double *c,
                   const blas_int *ldc);
void LD_F77(dsymm)(const char *side, const char *uplo, const blas_int *m,
                   const blas_int *n, const double *alpha, const double *a,
                   const blas_int *lda, const double *b, const blas_int *ldb,
                   const double *beta, double *c, const blas_int *ldc);

/* LAPACK */
void LD_F77(dsyev)(const char *jobz, const char *uplo, const blas_int *n, double *a,
                   const blas_int *lda, double *w, double *work,
                   const blas_int *lwork, blas_int *info);
void LD_F77(dsyevd)(const char *jobz, const char *uplo, const blas_int *n, double *a,
                    const blas_int *lda, double *w, double *work,
                    const blas_int *lwork, blas_int *iwork,
                    const blas_int *liwork, blas_int *info);
void LD_F77(dgesvd)(const char *jobu, const char *jobvt, const blas_int *m,
                    const blas_int *n, double *a, const blas_int *lda, double *s,
                    double *u, const blas_int *ldu, double *vt,
                    const blas_int *ldvt, double *work, const blas_int *lwork,
                    blas_int *info);
void LD_F77(dgesdd)(const char *jobz, const blas_int *m, const blas_int *n, double *a,
                    const blas_int *lda, double *s, double *u, const blas_int *ldu,
                    double *vt, const blas_int *ldvt, double *work,
                    const blas_int *lwork, blas_int *iwork, blas_int *info);

void LD_F77(dsyevr)(const char *jobz, const char *range, const char *uplo,
                    const blas_int *n, double *a, const blas_int *lda,
                    const double *vl, const double *vu, const blas_int *il,
                    const blas_int *iu, const double *abstol, blas_int *m, double *w,
                    double *z, const blas_int *ldz, blas_int *isuppz, double *work,
                    const blas_int *lwork, blas_int *iwork, const blas_int *liwork,
                    blas_int *info);
void LD_F77(dpotrf)(const char *uplo, const blas_int *n, double *a, const blas_int *lda,
                    blas_int *info);
void LD_F77(dpotrs)(const char *uplo, const blas_int *n, const blas_int *nrhs,
                    const double *a, const blas_int *lda, double *b, const blas_int *ldb,
                    blas_int *info);
void LD_F77(dtrsm)(const char *side, const char *uplo, const char *transa,
                   const char *diag, const blas_int *m, const blas_int *n,
                   const double *alpha, const double *a, const blas_int *lda, double *b,
                   const blas_int *ldb);
void LD_F77(dgeqrf)(const blas_int *m, const blas_int *n, double *a, const blas_int *lda,
                    double *tau, double *work, const blas_int *lwork, blas_int *info);
void LD_F77(dorgqr)(const blas_int *m, const blas_int *n, const blas_int *k, double *a,
                    const blas_int *lda, const double *tau, double *work,
                    const blas_int *lwork, blas_int *info);
void LD_F77(dgesv)(const blas_int *n, const blas_int *nrhs, double *a, const blas_int *lda,
                   blas_int *ipiv, double *b, const blas_int *ldb, blas_int *info);

void LD_F77(dstev)(const char *jobz, const blas_int *n, double *d, double *e, double *z,
                   const blas_int *ldz, double *work, blas_int *info);

/* Append further prototypes above this line, one routine each, in the same style. */

/* dgesvd's documented minimum workspace for an m x n matrix: max(3 min + max, 5 min, 1). */
static inline size_t ld_gesvd_work(size_t m, size_t n)
{
    const size_t mn = m < n ? m : n, mx = m < n ? n : m;
    const size_t a = 3 * mn + mx, b = 5 * mn;
    return (a > b ? a : b) > 0 ? (a > b ? a : b) : 1;
}

#endif /* LD_BLAS_H */
