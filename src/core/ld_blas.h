/* ld_blas.h -- the BLAS/LAPACK integer type and the Fortran symbols lindyn calls.
 *
 * One place decides the integer type passed to BLAS/LAPACK:
 *   - Debian's Octave links a reference-ABI BLAS (OpenBLAS) taking 32-bit integers
 *     (OCTAVE_SIZEOF_F77_INT_TYPE == 4): the default, blas_int = int.
 *   - MATLAB's libmwblas/libmwlapack take ptrdiff_t: build with -DLINDYN_BLAS_PTRDIFF
 *     (matlab/build_lindyn.m does this).
 * The MEX helpers (ldm.c) check at compile time that this choice matches Octave's.
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

/* The routines the core calls, one prototype each (add one here before using another).
 * BLAS level 3: only ld_gemm.c calls these (ld_gemm, ld_gemm_blas, ld_symm, ld_syrk). */
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
/* Single precision, only where it is exact: the products of blocks of small whole
 * numbers in ld_second_moments.c. */
void LD_F77(ssyrk)(const char *uplo, const char *trans, const blas_int *n,
                   const blas_int *k, const float *alpha, const float *a,
                   const blas_int *lda, const float *beta, float *c,
                   const blas_int *ldc);
void LD_F77(sgemm)(const char *transa, const char *transb, const blas_int *m,
                   const blas_int *n, const blas_int *k, const float *alpha,
                   const float *a, const blas_int *lda, const float *b,
                   const blas_int *ldb, const float *beta, float *c,
                   const blas_int *ldc);

/* LAPACK: the symmetric eigensolver (ld_symeig.c) and the SVD (ld_rrr.c, ld_measures.c,
 * ld_assumption1.c). */
void LD_F77(dsyevd)(const char *jobz, const char *uplo, const blas_int *n, double *a,
                    const blas_int *lda, double *w, double *work,
                    const blas_int *lwork, blas_int *iwork,
                    const blas_int *liwork, blas_int *info);
void LD_F77(dgesvd)(const char *jobu, const char *jobvt, const blas_int *m,
                    const blas_int *n, double *a, const blas_int *lda, double *s,
                    double *u, const blas_int *ldu, double *vt,
                    const blas_int *ldvt, double *work, const blas_int *lwork,
                    blas_int *info);
/* Lanczos (ld_sharpness.c): its matrix-vector products with the basis, norms, and the
 * symmetric tridiagonal eigenproblem. */
void LD_F77(dgemv)(const char *trans, const blas_int *m, const blas_int *n,
                   const double *alpha, const double *a, const blas_int *lda,
                   const double *x, const blas_int *incx, const double *beta,
                   double *y, const blas_int *incy);
double LD_F77(dnrm2)(const blas_int *n, const double *x, const blas_int *incx);
void LD_F77(dstev)(const char *jobz, const blas_int *n, double *d, double *e, double *z,
                   const blas_int *ldz, double *work, blas_int *info);

/* Number of doubles that hold count integers of the BLAS integer type (LAPACK's integer
 * workspaces are carved out of the caller's double scratch). */
static inline size_t ld_ints_as_doubles(size_t count)
{
    return (count * sizeof(blas_int) + sizeof(double) - 1) / sizeof(double);
}

/* dgesvd's documented minimum workspace for an m x n matrix: max(3 min + max, 5 min, 1). */
static inline size_t ld_gesvd_work(size_t m, size_t n)
{
    const size_t mn = m < n ? m : n, mx = m < n ? n : m;
    const size_t a = 3 * mn + mx, b = 5 * mn;
    return (a > b ? a : b) > 0 ? (a > b ? a : b) : 1;
}

#endif /* LD_BLAS_H */
