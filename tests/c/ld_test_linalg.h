/* ld_test_linalg.h -- reference linear algebra for the C unit tests, in plain loops (no
 * BLAS/LAPACK), so the core's results are checked against an independent computation. */
#ifndef LD_TEST_LINALG_H
#define LD_TEST_LINALG_H

#include <math.h>
#include <stddef.h>
#include "ld_test.h"

/* C (m x n) = op(A) op(B), op(X) = X' when its flag is nonzero: A is (ta ? k x m : m x k),
 * B is (tb ? n x k : k x n).  Every entry is summed in the order q = 0, 1, ..., k - 1. */
static inline void ld_test_matmul(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                  const double *A, const double *B, double *C)
{
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = 0; i < m; ++i) {
            double s = 0.0;
            for (ptrdiff_t q = 0; q < k; ++q)
                s += (ta ? A[q + i * k] : A[i + q * m]) * (tb ? B[j + q * n] : B[q + j * k]);
            C[i + j * m] = s;
        }
}

/* C (m x n, ldc) = alpha op(A) op(B) + beta C by naive loops in long double, with leading
 * dimensions: the reference of the products' tests (C is not read when beta == 0). */
static inline void ld_test_gemm_ref(int ta, int tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                                    double alpha, const double *A, ptrdiff_t lda,
                                    const double *B, ptrdiff_t ldb, double beta, double *C,
                                    ptrdiff_t ldc)
{
    for (ptrdiff_t i = 0; i < m; ++i)
        for (ptrdiff_t j = 0; j < n; ++j) {
            long double s = 0.0L;
            for (ptrdiff_t q = 0; q < k; ++q)
                s += (long double)(ta ? A[q + i * lda] : A[i + q * lda])
                     * (long double)(tb ? B[j + q * ldb] : B[q + j * ldb]);
            const double c = C[i + j * ldc];
            C[i + j * ldc] = (double)((long double)alpha * s
                                      + (beta == 0.0 ? 0.0L : (long double)beta * c));
        }
}

/* Cyclic Jacobi: S (n x n symmetric, destroyed) = Z diag(w) Z', w descending (Z may be
 * NULL: the eigenvalues only). */
static inline void ld_test_jacobi_eig(ptrdiff_t n, double *S, double *w, double *Z)
{
    for (ptrdiff_t i = 0; Z != NULL && i < n * n; ++i)
        Z[i] = 0.0;
    for (ptrdiff_t i = 0; Z != NULL && i < n; ++i)
        Z[i + i * n] = 1.0;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0.0, tot = 0.0;
        for (ptrdiff_t j = 0; j < n; ++j)
            for (ptrdiff_t i = 0; i < n; ++i) {
                tot += S[i + j * n] * S[i + j * n];
                if (i != j)
                    off += S[i + j * n] * S[i + j * n];
            }
        if (off <= 1e-34 * tot || off == 0.0)
            break;
        for (ptrdiff_t p = 0; p < n; ++p)
            for (ptrdiff_t q = p + 1; q < n; ++q) {
                const double apq = S[p + q * n];
                if (apq == 0.0)
                    continue;
                const double theta = (S[q + q * n] - S[p + p * n]) / (2.0 * apq);
                const double t = (theta >= 0 ? 1.0 : -1.0)
                                 / (fabs(theta) + sqrt(theta * theta + 1.0));
                const double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (ptrdiff_t k = 0; k < n; ++k) { /* columns p, q */
                    const double a = S[k + p * n], b = S[k + q * n];
                    S[k + p * n] = c * a - s * b;
                    S[k + q * n] = s * a + c * b;
                }
                for (ptrdiff_t k = 0; k < n; ++k) { /* rows p, q */
                    const double a = S[p + k * n], b = S[q + k * n];
                    S[p + k * n] = c * a - s * b;
                    S[q + k * n] = s * a + c * b;
                }
                for (ptrdiff_t k = 0; Z != NULL && k < n; ++k) {
                    const double a = Z[k + p * n], b = Z[k + q * n];
                    Z[k + p * n] = c * a - s * b;
                    Z[k + q * n] = s * a + c * b;
                }
            }
    }
    for (ptrdiff_t i = 0; i < n; ++i)
        w[i] = S[i + i * n];
    for (ptrdiff_t i = 0; i < n; ++i) { /* selection sort, descending */
        ptrdiff_t m = i;
        for (ptrdiff_t j = i + 1; j < n; ++j)
            if (w[j] > w[m])
                m = j;
        if (m != i) {
            const double t = w[i];
            w[i] = w[m];
            w[m] = t;
            for (ptrdiff_t k = 0; Z != NULL && k < n; ++k) {
                const double z = Z[k + i * n];
                Z[k + i * n] = Z[k + m * n];
                Z[k + m * n] = z;
            }
        }
    }
}

/* A new n x n identity matrix (malloc'ed; free it). */
static inline double *ld_test_eye(ptrdiff_t n)
{
    double *I = ld_test_randmat((size_t)(n * n));
    for (ptrdiff_t i = 0; i < n * n; ++i)
        I[i] = (i % (n + 1) == 0) ? 1.0 : 0.0;
    return I;
}

/* The second moments Sx = X'X/n (d x d) and Sxy = X'Y/n (d x p) of X (n x d), Y (n x p). */
static inline void ld_test_second_moments(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, const double *X,
                                   const double *Y, double *Sx, double *Sxy)
{
    ld_test_matmul(1, 0, d, d, n, X, X, Sx);
    ld_test_matmul(1, 0, d, p, n, X, Y, Sxy);
    for (ptrdiff_t i = 0; i < d * d; ++i)
        Sx[i] /= (double)n;
    for (ptrdiff_t i = 0; i < d * p; ++i)
        Sxy[i] /= (double)n;
}

#endif /* LD_TEST_LINALG_H */
