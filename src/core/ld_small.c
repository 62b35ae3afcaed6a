/* ld_small.c -- C = alpha op(A) op(B) + beta C for the small products of one step of
 * eq. 5: a register-blocked kernel (GCC vector extensions), with an AVX2+FMA variant
 * chosen at run time on x86-64. */
#include <stdlib.h>
#include <string.h>
#include "ld_small.h"

#if LD_SMALL_ENABLED

/* 4 doubles, 8-byte aligned: loads and stores go through memcpy (unaligned moves). */
typedef double ld_v4 __attribute__((vector_size(4 * sizeof(double))));
typedef long long ld_m4 __attribute__((vector_size(4 * sizeof(long long))));

#if defined(__x86_64__) && !defined(__clang__)
#define LD_SMALL_X86 1
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define LD_K(name) ld_small_##name##_avx2
#include "ld_small_kernel.h"
#undef LD_K
#pragma GCC pop_options
#else
#define LD_SMALL_X86 0
#endif

#define LD_K(name) ld_small_##name##_base
#include "ld_small_kernel.h"
#undef LD_K

#if LD_SMALL_X86
/* 1: the AVX2+FMA variant runs; 0: the baseline.  Decided once, when the library is
 * loaded, by the constructor below: the CPU has AVX2 and FMA, and LINDYN_KERNEL is not
 * "generic" in the environment (so the tests can run the baseline on any machine).
 * Written only there, before any caller exists, and read-only afterwards, as libgcc's
 * own CPU model that __builtin_cpu_supports reads: no state that changes while the
 * library runs, and no getenv on the hot path (at d = 8 one step of eq. 5 takes
 * ~0.1 us). */
static int ld_small_use_avx2 = 0;

__attribute__((constructor)) static void ld_small_select(void)
{
    const char *k = getenv("LINDYN_KERNEL");
    __builtin_cpu_init();   /* libgcc's constructor may not have run yet */
    ld_small_use_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
                        && !(k != NULL && strcmp(k, "generic") == 0);
}
#endif

const char *ld_small_kernel(void)
{
#if LD_SMALL_X86
    if (ld_small_use_avx2)
        return "avx2";
#endif
    return "generic";
}

void ld_small_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc)
{
    const int at = ta == 'T' || ta == 't', bt = tb == 'T' || tb == 't';
    const ptrdiff_t bsk = bt ? ldb : 1, bsj = bt ? 1 : ldb;
#if LD_SMALL_X86
    if (ld_small_use_avx2) {
        if (at)
            ld_small_tn_avx2(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
        else
            ld_small_nn_avx2(m, n, k, alpha, A, lda, B, bsk, bsj, beta, C, ldc);
        return;
    }
#endif
    if (at)
        ld_small_tn_base(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    else
        ld_small_nn_base(m, n, k, alpha, A, lda, B, bsk, bsj, beta, C, ldc);
}

void ld_small_axpy(size_t n, double alpha, const double *x, double *y)
{
#if LD_SMALL_X86
    if (ld_small_use_avx2) {
        ld_small_axpy_avx2(n, alpha, x, y);
        return;
    }
#endif
    ld_small_axpy_base(n, alpha, x, y);
}

double ld_small_sumsq(size_t n, const double *x)
{
#if LD_SMALL_X86
    if (ld_small_use_avx2)
        return ld_small_sumsq_avx2(n, x);
#endif
    return ld_small_sumsq_base(n, x);
}

#else /* !LD_SMALL_ENABLED: never called (LD_SMALL_ENABLED tells callers to use BLAS) */

const char *ld_small_kernel(void)
{
    return "none";
}

void ld_small_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc)
{
    (void)ta; (void)tb; (void)m; (void)n; (void)k; (void)alpha; (void)A; (void)lda;
    (void)B; (void)ldb; (void)beta; (void)C; (void)ldc;
}

void ld_small_axpy(size_t n, double alpha, const double *x, double *y)
{
    for (size_t i = 0; i < n; ++i)
        y[i] += alpha * x[i];
}

double ld_small_sumsq(size_t n, const double *x)
{
    double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += x[i] * x[i];
        s1 += x[i + 1] * x[i + 1];
        s2 += x[i + 2] * x[i + 2];
        s3 += x[i + 3] * x[i + 3];
    }
    for (; i < n; ++i)
        s0 += x[i] * x[i];
    return (s0 + s1) + (s2 + s3);
}

#endif
