/* ld_small.h -- C = alpha op(A) op(B) + beta C for the small products of one step of
 * eq. 5 (every dimension <= LD_SMALL_MAX), without the per-call cost of a BLAS dgemm;
 * ld_gemm (ld_gemm.h) chooses between this kernel and BLAS. */
#ifndef LD_SMALL_H
#define LD_SMALL_H

#include <stddef.h>

/* Products whose three dimensions are all at most this go to ld_small_gemm (measured
 * crossover against OpenBLAS, bench/README.md); larger ones to dgemm. */
#define LD_SMALL_MAX 64

/* 1 when ld_small_gemm is compiled in (GCC >= 8: vector extensions, __builtin_shuffle,
 * #pragma GCC unroll), else 0: callers then use BLAS for every product.  -DLD_SMALL_ENABLED=0
 * builds without the kernel (tests/c does, to test that build). */
#ifndef LD_SMALL_ENABLED
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 8
#define LD_SMALL_ENABLED 1
#else
#define LD_SMALL_ENABLED 0
#endif
#endif

/* Column-major C (m x n, ldc) = alpha op(A) op(B) + beta C, op(A) m x k, op(B) k x n,
 * (ta, tb) = NN, NT or TN (not TT).  beta == 0: C is not read.  m, n, k >= 1.  No
 * scratch, no allocation.  NN/NT: register-blocked blocks of C in registers (up to three
 * vectors of rows by 4 columns, by 8 with AVX-512), k innermost, A's columns as vectors
 * and B's entries broadcast.  TN: 4x3 blocks of dot products along the contiguous columns
 * of A and B (4-double vectors in every variant).  On x86-64 an AVX-512F or AVX2+FMA
 * variant is chosen once (ld_small_kernel below).
 * Results agree with dgemm to rounding (the k-sums are taken in another order). */
void ld_small_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc);

/* The variant ld_small_gemm, ld_small_axpy, ld_small_sumsq and ld_small_step2 run:
 * "avx512" (AVX-512F, 8-double vectors, masked remainders), "avx2" (AVX2+FMA, 4-double
 * vectors), "generic" (the baseline), or "none" when built without the kernel
 * (LD_SMALL_ENABLED 0).  Chosen once when the library is loaded: the best the CPU has,
 * or the one LINDYN_KERNEL=generic|avx2|avx512 asks for if the CPU has it (else the
 * best it has below that one). */
const char *ld_small_kernel(void);

/* ld_small_step2 runs a step of L = 2 when every width is at least 1 and at most this. */
#define LD_SMALL_STEP2_MAX LD_SMALL_MAX

/* One step of eq. 5 for L = 2, d x r x p (all in 1..LD_SMALL_STEP2_MAX, unchecked), as
 * ld_gd_step (ld_gradient.h) defines it (the same products; W1' R summed in another
 * order than ld_small_gemm's TN, so equal to rounding): rnorm2 receives
 * ||Sx W1 W2 - Sxy||_F^2 at the old iterate, E (when not NULL) W1 W2 there, and W1, W2
 * are updated in place unless rnorm2 is not finite or exceeds cmax.  Returns 1 when the
 * step was applied, else 0. */
typedef struct {
    ptrdiff_t d, r, p;
    const double *Sx, *Sxy;
    double eta, cmax;
    double *W1, *W2;
    double rnorm2;   /* out */
    double *E;       /* out, when not NULL: W1 W2 at the old iterate */
} ld_small_step2_args;

/* work: ld_gradient_work (2, {d, r, p}) doubles.  Only when LD_SMALL_ENABLED (else it
 * does nothing and returns 0). */
int ld_small_step2(ld_small_step2_args *a, double *work);

/* y += alpha x (n doubles, x and y not overlapping), vectorized as above; any n. */
void ld_small_axpy(size_t n, double alpha, const double *x, double *y);

/* sum of x[i]^2 in eight interleaved partial sums (two 4-wide vectors; four scalar sums
 * in a build without the vector kernel): a single chain of n dependent additions costs
 * n times the add latency, at d = 20 more than the step's products. */
double ld_small_sumsq(size_t n, const double *x);

#endif /* LD_SMALL_H */
