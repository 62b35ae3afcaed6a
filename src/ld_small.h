/* ld_small.h -- C = alpha op(A) op(B) + beta C for the small products of one step of
 * eq. 5 (every dimension <= LD_SMALL_MAX), without the per-call cost of a BLAS dgemm. */
#ifndef LD_SMALL_H
#define LD_SMALL_H

#include <stddef.h>

/* Products whose three dimensions are all at most this go to ld_small_gemm (measured
 * crossover against OpenBLAS, bench/README.md); larger ones to dgemm. */
#define LD_SMALL_MAX 64

/* 1 when ld_small_gemm is compiled in (GCC >= 8: vector extensions, __builtin_shuffle,
 * #pragma GCC unroll), else 0: callers then use BLAS for every product. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 8
#define LD_SMALL_ENABLED 1
#else
#define LD_SMALL_ENABLED 0
#endif

/* Column-major C (m x n, ldc) = alpha op(A) op(B) + beta C, op(A) m x k, op(B) k x n,
 * (ta, tb) = NN, NT or TN (not TT).  beta == 0: C is not read.  m, n, k >= 1.  No
 * scratch, no allocation.  NN/NT: register-blocked 12x4 / 8x4 / 4x4 blocks of C in
 * registers, k innermost, A's columns as vectors and B's entries broadcast.  TN: 4x3
 * blocks of dot products along the contiguous columns of A and B.  On x86-64 an
 * AVX2+FMA variant is chosen at run time (__builtin_cpu_supports, which reads what
 * libgcc's constructor stored: thread-safe, no state of our own), else a baseline one.
 * Results agree with dgemm to rounding (the k-sums are taken in another order). */
void ld_small_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc);

/* y += alpha x (n doubles, x and y not overlapping), vectorized as above; any n. */
void ld_small_axpy(size_t n, double alpha, const double *x, double *y);

/* sum of x[i]^2 in eight interleaved partial sums (a single chain of n dependent
 * additions costs n times the add latency: at d = 20 more than the step's products). */
double ld_small_sumsq(size_t n, const double *x);

/* C (m x n, ldc) = alpha op(A) op(B) + beta C for any sizes (m, n, k >= 0): small
 * products (every dimension <= LD_SMALL_MAX, not TT) through ld_small_gemm, the rest
 * through BLAS dgemm; k == 0 scales C by beta (C not read when beta == 0).  The one
 * place where the core decides between its own kernel and BLAS. */
void ld_gemm(const char *ta, const char *tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
             double alpha, const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
             double beta, double *C, ptrdiff_t ldc);

/* The name of the small-product kernel ld_small_gemm uses on this CPU: "avx2+fma" or
 * "generic" (a string literal; nothing is stored). */
const char *ld_small_kernel(void);

#endif /* LD_SMALL_H */
