/* ld_skinny.h -- the skinny products of one step of eq. 5 (a dimension <= LD_SKINNY_N
 * next to a large one, e.g. d = 784 inputs, p = 10 classes): the large operand is read
 * once, the small one and the output kept in registers and cache.  ld_gemm (ld_gemm.h)
 * sends such products here; ld_gradient.c calls ld_skinny_fused directly. */
#ifndef LD_SKINNY_H
#define LD_SKINNY_H

#include <stddef.h>

/* The small dimension of a skinny product: at most this. */
#define LD_SKINNY_N 32

/* 1 when the kernels are compiled in (GCC >= 8, as ld_small.h's LD_SMALL_ENABLED), else 0:
 * callers then use BLAS.  -DLD_SMALL_ENABLED=0 also turns these off. */
#ifndef LD_SKINNY_ENABLED
#if defined(LD_SMALL_ENABLED) && !LD_SMALL_ENABLED
#define LD_SKINNY_ENABLED 0
#elif defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 8
#define LD_SKINNY_ENABLED 1
#else
#define LD_SKINNY_ENABLED 0
#endif
#endif

/* All functions: column-major, beta == 0: C not read; m, n, k >= 1.  On x86-64 an AVX-512
 * or an AVX2+FMA variant is chosen once, at load time, from the CPU (LINDYN_KERNEL=avx2
 * caps it at AVX2, LINDYN_KERNEL=generic selects the baseline); the rows or columns of
 * the output are split over the OpenMP threads when the large operand has at least
 * LD_SKINNY_PAR entries and the caller is not itself in a parallel region.  Results agree
 * with dgemm to rounding (k-sums in another order), and do not depend on the threads. */

/* C (m x n) = alpha A B + beta C, A m x k, B k x n, n <= LD_SKINNY_N. */
void ld_skinny_nn(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                  ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                  ptrdiff_t ldc);

/* C (m x n) = alpha A' B + beta C, A k x m, B k x n, n <= LD_SKINNY_N. */
void ld_skinny_tn(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                  ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                  ptrdiff_t ldc);

/* C (m x n) = alpha A op(B) + beta C, A m x k, k <= LD_SKINNY_N: a rank-k update,
 * op(B) = B' (B n x k) when tb == 'T', else B (k x n). */
void ld_skinny_nt(char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                  const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta,
                  double *C, ptrdiff_t ldc);

/* One pass over W (m x n): T (n x p) = W' R with the old W, and W += alpha R V' (R m x p,
 * V n x p, p <= LD_SKINNY_N), block of columns by block of columns, so W is read from
 * memory once for both (two separate products read it twice). */
void ld_skinny_fused(ptrdiff_t m, ptrdiff_t n, ptrdiff_t p, double *W, ptrdiff_t ldw,
                     const double *R, ptrdiff_t ldr, const double *V, ptrdiff_t ldv,
                     double alpha, double *T, ptrdiff_t ldt);

/* C (m x n) = alpha op(A) op(B) + beta C through the functions above when the shape is
 * skinny: a dimension above LD_SMALL_MAX and n <= LD_SKINNY_N (NN, TN) or k <=
 * LD_SKINNY_N (NN, NT); returns 1 when done, 0 (nothing touched) for other shapes. */
int ld_skinny_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc);

/* The variant in use: "avx512", "avx2", "generic", or "none" (not compiled in). */
const char *ld_skinny_kernel(void);

#endif /* LD_SKINNY_H */
