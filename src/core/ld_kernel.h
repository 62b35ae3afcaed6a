/* ld_kernel.h -- the one table of lindyn's vector kernels (the small products of
 * ld_small.h, the skinny products of ld_skinny.h, the sparse kernels of ld_sparse.h):
 * each instruction-set variant fills a table of function pointers, and the variant the
 * CPU runs is chosen once, when the library is loaded, as BLIS's cntx_t and OpenBLAS's
 * gotoblas do.  Callers never branch on the instruction set: they call through
 * ld_kernel (the public functions of ld_small.h, ld_skinny.h and ld_sparse.h do).
 *
 * The variants: ld_kernel_avx512.c (AVX-512F), ld_kernel_avx2.c (AVX2+FMA), both on x86-64
 * only, and ld_kernel_generic.c (the compiler's default instruction set, on any CPU).  Each
 * sets its instruction set and its vector widths and register tiles, then includes
 * ld_kernel_variant.h, which compiles the kernels' bodies (ld_small_kernel.h,
 * ld_skinny_kernel.h, ld_sparse_kernel.h) once for it and defines its table.  Without
 * GCC's vector extensions (LD_SMALL_ENABLED 0) only ld_kernel_generic.c has a table,
 * "none": plain loops for what every build calls (axpy, sumsq, the sparse kernels) and
 * NULL for the products, which callers then leave to BLAS. */
#ifndef LD_KERNEL_H
#define LD_KERNEL_H

#include <stddef.h>
#include "ld_small.h"

/* 1 when the AVX-512F and AVX2+FMA variants are compiled in (x86-64 with the vector
 * kernels), else 0: ld_kernel_generic alone. */
#if LD_SMALL_ENABLED && defined(__x86_64__)
#define LD_KERNEL_X86 1
#else
#define LD_KERNEL_X86 0
#endif

/* The table of one variant.  The kernels are BLAS-shaped (dimensions, scalars, pointers
 * and leading dimensions); those of the skinny products compute a range [i0, i1) of
 * their output's rows or columns, a thread's part (ld_skinny.c splits the ranges). */
typedef struct {
    /* "avx512", "avx2", "generic", or "none" (no vector kernels compiled in) */
    const char *name;
    /* 1: the skinny products above LD_SKINNY_PAR entries may split over the OpenMP
     * threads (only when OMP_WAIT_POLICY=passive, see ld_kernel.c) */
    int threads;

    /* ld_small.h.  C (m x n) = alpha A B~ + beta C, A m x k (lda), B~(kk, j) =
     * B[kk bsk + j bsj] (B or B' by the strides) */
    void (*small_nn)(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                     ptrdiff_t lda, const double *B, ptrdiff_t bsk, ptrdiff_t bsj,
                     double beta, double *C, ptrdiff_t ldc);
    /* C (m x n) = alpha A' B + beta C, A k x m, B k x n */
    void (*small_tn)(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                     ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                     ptrdiff_t ldc);
    /* ld_small_step2 */
    int (*small_step2)(ld_small_step2_args *a, double *work);
    /* y += alpha x; the sum of x[i]^2 */
    void (*axpy)(size_t n, double alpha, const double *x, double *y);
    double (*sumsq)(size_t n, const double *x);

    /* ld_skinny.h.  Rows [i0, i1) of C (m x n) = alpha A B + beta C, n small */
    void (*skinny_nn)(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, ptrdiff_t k, double alpha,
                      const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                      double beta, double *C, ptrdiff_t ldc);
    /* rows [i0, i1) of C = alpha A' B + beta C (columns of A), n small */
    void (*skinny_tn)(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, ptrdiff_t k, double alpha,
                      const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                      double beta, double *C, ptrdiff_t ldc);
    /* columns [j0, j1) of C (m x n) = alpha A B~ + beta C, inner dimension k small */
    void (*skinny_nt)(ptrdiff_t j0, ptrdiff_t j1, ptrdiff_t m, ptrdiff_t k, double alpha,
                      const double *A, ptrdiff_t lda, const double *B, ptrdiff_t bsk,
                      ptrdiff_t bsj, double beta, double *C, ptrdiff_t ldc);
    /* columns [j0, j1) of W (m x n) of ld_skinny_fused: T = W' R, W += alpha R V' */
    void (*skinny_fused)(ptrdiff_t j0, ptrdiff_t j1, ptrdiff_t m, ptrdiff_t p, double *W,
                         ptrdiff_t ldw, const double *R, ptrdiff_t ldr, const double *V,
                         ptrdiff_t ldv, double alpha, double *T, ptrdiff_t ldt);

    /* ld_sparse.h: ld_sparse_dots, ld_sparse_combine, ld_transpose */
    void (*sparse_dots)(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                        const double *idx, const double *X, ptrdiff_t ldx, const double *Y,
                        ptrdiff_t ldy, double *out);
    void (*sparse_combine)(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                           const double *idx, const double *coef, const double *X,
                           ptrdiff_t ldx, double *Y, ptrdiff_t ldy);
    void (*transpose)(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, const double *A, ptrdiff_t lda,
                      double *B, ptrdiff_t ldb);
} ld_kernel_table;

/* Hidden: the core is linked into each MEX file, which need not export it (and a hidden
 * symbol is reached without the indirection of the global offset table). */
#if defined(__GNUC__)
#define LD_KERNEL_HIDDEN __attribute__((visibility("hidden")))
#else
#define LD_KERNEL_HIDDEN
#endif

/* The table in use: the variant ld_cpu_variant (ld_cpu.h) names, with threads set from
 * OMP_WAIT_POLICY.  Written once, by ld_kernel.c's load-time constructor (the core's only
 * state, like libgcc's CPU model), read-only afterwards. */
extern const ld_kernel_table *const ld_kernel LD_KERNEL_HIDDEN;

/* The variants' tables, for ld_kernel.c's choice. */
extern const ld_kernel_table ld_kernel_generic LD_KERNEL_HIDDEN;
#if LD_KERNEL_X86
extern const ld_kernel_table ld_kernel_avx2 LD_KERNEL_HIDDEN;
extern const ld_kernel_table ld_kernel_avx512 LD_KERNEL_HIDDEN;
#endif

#endif /* LD_KERNEL_H */
