/* ld_skinny.c -- the skinny products of one step of eq. 5 (C = A B and C = A' B with B of
 * at most LD_SKINNY_N columns, rank-k updates C += A B' with k <= LD_SKINNY_N, and the
 * fused pass T = W' R, W += alpha R V' of the two-layer step): register-blocked kernels
 * (GCC vector extensions) with AVX-512 and AVX2+FMA variants chosen at run time on x86-64,
 * the output split over the OpenMP threads for large operands. */
#include <stdlib.h>
#include <string.h>
#include "ld_skinny.h"
#include "ld_cpu.h"
#include "ld_small.h"
#ifdef _OPENMP
#include <omp.h>
#endif

/* A product runs on the OpenMP threads when its large operand has at least this many
 * entries and the threads sleep while they wait (OMP_WAIT_POLICY=passive, see
 * ld_skinny_select): at 784 x 100 (78400 entries) the split pays, at 64 x 64 a parallel
 * region costs more than the product. */
#define LD_SKINNY_PAR 32768

/* Columns of A per panel of C = A B: C's tile is read back once per panel, and the
 * panel's columns are read as that many sequential streams. */
#define LD_SKINNY_KC 32

/* Doubles of the small operand kept in L1 (24 KB of the 32-48 KB of current cores). */
#define LD_SKINNY_L1 3072

#if LD_SKINNY_ENABLED

#if defined(__x86_64__) && !defined(__clang__)
#define LD_SKINNY_X86 1

#pragma GCC push_options
#pragma GCC target("avx512f,fma")
typedef double ld_vd8 __attribute__((vector_size(8 * sizeof(double))));
typedef long long ld_mk8 __attribute__((vector_size(8 * sizeof(long long))));
#define ld_vd ld_vd8
#define ld_mk ld_mk8
#define LD_VW 8
#define LD_SK(name) ld_skinny_##name##_avx512
#define NN_MV 2
#define NN_NR 12
#define TN_NA 2
#define TN_NR 12
#define NT_MV 4
#define NT_NC 4
#include "ld_skinny_kernel.h"
#undef ld_vd
#undef ld_mk
#undef LD_VW
#undef LD_SK
#undef NN_MV
#undef NN_NR
#undef TN_NA
#undef TN_NR
#undef NT_MV
#undef NT_NC
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2,fma")
typedef double ld_vd4x __attribute__((vector_size(4 * sizeof(double))));
typedef long long ld_mk4x __attribute__((vector_size(4 * sizeof(long long))));
#define ld_vd ld_vd4x
#define ld_mk ld_mk4x
#define LD_VW 4
#define LD_SK(name) ld_skinny_##name##_avx2
#define NN_MV 2
#define NN_NR 6
#define TN_NA 1
#define TN_NR 12
#define NT_MV 3
#define NT_NC 4
#include "ld_skinny_kernel.h"
#undef ld_vd
#undef ld_mk
#undef LD_VW
#undef LD_SK
#undef NN_MV
#undef NN_NR
#undef TN_NA
#undef TN_NR
#undef NT_MV
#undef NT_NC
#pragma GCC pop_options
#else
#define LD_SKINNY_X86 0
#endif

/* the baseline: 2-double vectors (SSE2 on x86-64) */
typedef double ld_vd2 __attribute__((vector_size(2 * sizeof(double))));
typedef long long ld_mk2 __attribute__((vector_size(2 * sizeof(long long))));
#define ld_vd ld_vd2
#define ld_mk ld_mk2
#define LD_VW 2
#define LD_SK(name) ld_skinny_##name##_base
#define NN_MV 2
#define NN_NR 4
#define TN_NA 1
#define TN_NR 6
#define NT_MV 2
#define NT_NC 4
#include "ld_skinny_kernel.h"
#undef ld_vd
#undef ld_mk
#undef LD_VW
#undef LD_SK
#undef NN_MV
#undef NN_NR
#undef TN_NA
#undef TN_NR
#undef NT_MV
#undef NT_NC

/* The variant that runs (ld_cpu_variant's rule, as ld_small.c's): decided once, when the
 * library is loaded, written only there, read-only afterwards. */
static int ld_skinny_isa = LD_VAR_BASE;

/* 1: products above LD_SKINNY_PAR split over the OpenMP threads.  Only when the
 * environment sets OMP_WAIT_POLICY=passive: a step of eq. 5 is three parallel regions in
 * a row, and with libgomp's default spin-wait a waiting thread holds its core, so on a
 * machine with more runnable threads than cores each barrier can cost a scheduler time
 * slice (measured, 2 cores at load 8, 784-100-10: 16 ms per iteration on 2 spinning
 * threads, 1.8 ms on one thread, 1.2 ms on 2 passive threads).  Read once, at load time,
 * with the kernel variant. */
static int ld_skinny_par = 0;

__attribute__((constructor)) static void ld_skinny_select(void)
{
    const char *w = getenv("OMP_WAIT_POLICY");
#if LD_SKINNY_X86
    ld_skinny_isa = ld_cpu_variant();
#endif
    ld_skinny_par = w != NULL && (strcmp(w, "passive") == 0 || strcmp(w, "PASSIVE") == 0);
}

const char *ld_skinny_kernel(void)
{
    return ld_cpu_variant_name(ld_skinny_isa);
}

/* Threads for a product whose large operand has big entries. */
static int nthreads(double big)
{
#ifdef _OPENMP
    if (ld_skinny_par && big >= (double)LD_SKINNY_PAR && !omp_in_parallel()) {
        const int t = omp_get_max_threads();
        return t > 1 ? t : 1;
    }
#else
    (void)big;
#endif
    return 1;
}

/* Part q of nth of [0, n), boundaries at multiples of unit. */
static void part(ptrdiff_t n, ptrdiff_t unit, int q, int nth, ptrdiff_t *lo, ptrdiff_t *hi)
{
    const ptrdiff_t units = (n + unit - 1) / unit;
    const ptrdiff_t a = units * q / nth, b = units * (q + 1) / nth;
    *lo = a * unit < n ? a * unit : n;
    *hi = b * unit < n ? b * unit : n;
}

#if LD_SKINNY_X86
#define LD_SKINNY_CALL(fn, args)            \
    do {                                    \
        if (ld_skinny_isa == LD_VAR_AVX512) \
            ld_skinny_##fn##_avx512 args;   \
        else if (ld_skinny_isa == LD_VAR_AVX2) \
            ld_skinny_##fn##_avx2 args;     \
        else                                \
            ld_skinny_##fn##_base args;     \
    } while (0)
#else
#define LD_SKINNY_CALL(fn, args) ld_skinny_##fn##_base args
#endif

/* Runs body(lo, hi) over the parts of [0, n) on nth threads. */
#ifdef _OPENMP
#define LD_SKINNY_SPLIT(nth, n, unit, body)                                       \
    do {                                                                          \
        if ((nth) > 1) {                                                          \
            _Pragma("omp parallel num_threads(nth)")                              \
            {                                                                     \
                ptrdiff_t lo, hi;                                                 \
                part((n), (unit), omp_get_thread_num(), omp_get_num_threads(), &lo, &hi); \
                if (lo < hi)                                                      \
                    body;                                                         \
            }                                                                     \
        } else {                                                                  \
            const ptrdiff_t lo = 0, hi = (n);                                     \
            body;                                                                 \
        }                                                                         \
    } while (0)
#else
#define LD_SKINNY_SPLIT(nth, n, unit, body) \
    do {                                    \
        const ptrdiff_t lo = 0, hi = (n);   \
        (void)(nth);                        \
        body;                               \
    } while (0)
#endif

void ld_skinny_nn(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                  ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                  ptrdiff_t ldc)
{
    const int nth = nthreads((double)m * (double)k);
    LD_SKINNY_SPLIT(nth, m, 16, LD_SKINNY_CALL(nn_rows, (lo, hi, n, k, alpha, A, lda, B, ldb,
                                                         beta, C, ldc)));
}

void ld_skinny_tn(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                  ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                  ptrdiff_t ldc)
{
    const int nth = nthreads((double)m * (double)k);
    LD_SKINNY_SPLIT(nth, m, 4, LD_SKINNY_CALL(tn_cols, (lo, hi, n, k, alpha, A, lda, B, ldb,
                                                        beta, C, ldc)));
}

void ld_skinny_nt(char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                  const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta,
                  double *C, ptrdiff_t ldc)
{
    const int bt = tb == 'T' || tb == 't';
    const ptrdiff_t bsk = bt ? ldb : 1, bsj = bt ? 1 : ldb;
    const int nth = nthreads((double)m * (double)n);
    LD_SKINNY_SPLIT(nth, n, 4, LD_SKINNY_CALL(nt_cols, (lo, hi, m, k, alpha, A, lda, B, bsk,
                                                        bsj, beta, C, ldc)));
}

void ld_skinny_fused(ptrdiff_t m, ptrdiff_t n, ptrdiff_t p, double *W, ptrdiff_t ldw,
                     const double *R, ptrdiff_t ldr, const double *V, ptrdiff_t ldv,
                     double alpha, double *T, ptrdiff_t ldt)
{
    const int nth = nthreads((double)m * (double)n);
    LD_SKINNY_SPLIT(nth, n, 4,
                    LD_SKINNY_CALL(fused_cols, (lo, hi, m, p, W, ldw, R, ldr, V, ldv, alpha,
                                                T, ldt)));
}

int ld_skinny_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc)
{
    if (m < 1 || n < 1 || k < 1
        || (m <= LD_SMALL_MAX && n <= LD_SMALL_MAX && k <= LD_SMALL_MAX))
        return 0;
    const int at = ta == 'T' || ta == 't', bt = tb == 'T' || tb == 't';
    if (!at && !bt && n <= LD_SKINNY_N)
        ld_skinny_nn(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    else if (at && !bt && n <= LD_SKINNY_N)
        ld_skinny_tn(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    else if (!at && k <= LD_SKINNY_N)
        ld_skinny_nt(tb, m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    else
        return 0;
    return 1;
}

#else /* !LD_SKINNY_ENABLED: never called (ld_gemm uses BLAS) */

const char *ld_skinny_kernel(void)
{
    return "none";
}

void ld_skinny_nn(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                  ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                  ptrdiff_t ldc)
{
    (void)m; (void)n; (void)k; (void)alpha; (void)A; (void)lda; (void)B; (void)ldb;
    (void)beta; (void)C; (void)ldc;
}

void ld_skinny_tn(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                  ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                  ptrdiff_t ldc)
{
    (void)m; (void)n; (void)k; (void)alpha; (void)A; (void)lda; (void)B; (void)ldb;
    (void)beta; (void)C; (void)ldc;
}

void ld_skinny_nt(char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                  const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta,
                  double *C, ptrdiff_t ldc)
{
    (void)tb; (void)m; (void)n; (void)k; (void)alpha; (void)A; (void)lda; (void)B;
    (void)ldb; (void)beta; (void)C; (void)ldc;
}

void ld_skinny_fused(ptrdiff_t m, ptrdiff_t n, ptrdiff_t p, double *W, ptrdiff_t ldw,
                     const double *R, ptrdiff_t ldr, const double *V, ptrdiff_t ldv,
                     double alpha, double *T, ptrdiff_t ldt)
{
    (void)m; (void)n; (void)p; (void)W; (void)ldw; (void)R; (void)ldr; (void)V; (void)ldv;
    (void)alpha; (void)T; (void)ldt;
}

int ld_skinny_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc)
{
    (void)ta; (void)tb; (void)m; (void)n; (void)k; (void)alpha; (void)A; (void)lda;
    (void)B; (void)ldb; (void)beta; (void)C; (void)ldc;
    return 0;
}

#endif
