/* ld_small.c -- C = alpha op(A) op(B) + beta C for the small products of one step of
 * eq. 5: a register-blocked kernel (GCC vector extensions), with AVX-512F and AVX2+FMA
 * variants chosen at run time on x86-64. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "ld_small.h"
#include "ld_cpu.h"

#if LD_SMALL_ENABLED

/* 4 and 8 doubles, 8-byte aligned: loads and stores go through memcpy (unaligned moves). */
typedef double ld_v4 __attribute__((vector_size(4 * sizeof(double))));
typedef long long ld_m4 __attribute__((vector_size(4 * sizeof(long long))));

#if defined(__x86_64__) && !defined(__clang__)
#define LD_SMALL_X86 1
#include <immintrin.h>

/* AVX-512F: 8-double vectors, 8 columns per NN block (24 of the 32 vector registers),
 * masked loads and stores for the row and k remainders. */
#pragma GCC push_options
#pragma GCC target("avx512f,avx2,fma")
typedef double ld_v8 __attribute__((vector_size(8 * sizeof(double))));
#define LD_K(name) ld_small_##name##_avx512
#define LD_V ld_v8
#define LD_VW 8
#define LD_VSET1(x) ((ld_v8){(x), (x), (x), (x), (x), (x), (x), (x)})
#define LD_NR 8
#define LD_MASKED 1
#define LD_VLOADM(p, msk) ((ld_v8)_mm512_maskz_loadu_pd((__mmask8)(msk), (p)))
#define LD_VSTOREM(p, v, msk) _mm512_mask_storeu_pd((p), (__mmask8)(msk), (__m512d)(v))
#include "ld_small_kernel.h"
#undef LD_K
#undef LD_V
#undef LD_VW
#undef LD_VSET1
#undef LD_NR
#undef LD_MASKED
#undef LD_VLOADM
#undef LD_VSTOREM
#pragma GCC pop_options

/* AVX2+FMA: 4-double vectors, 4 columns per NN block (12 of the 16 registers). */
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define LD_K(name) ld_small_##name##_avx2
#define LD_V ld_v4
#define LD_VW 4
#define LD_VSET1(x) ((ld_v4){(x), (x), (x), (x)})
#define LD_NR 4
#define LD_MASKED 0
#include "ld_small_kernel.h"
#undef LD_K
#undef LD_V
#undef LD_VW
#undef LD_VSET1
#undef LD_NR
#undef LD_MASKED
#pragma GCC pop_options
#else
#define LD_SMALL_X86 0
#endif

/* the baseline: the same 4-double code for the compiler's default instruction set */
#define LD_K(name) ld_small_##name##_base
#define LD_V ld_v4
#define LD_VW 4
#define LD_VSET1(x) ((ld_v4){(x), (x), (x), (x)})
#define LD_NR 4
#define LD_MASKED 0
#include "ld_small_kernel.h"
#undef LD_K
#undef LD_V
#undef LD_VW
#undef LD_VSET1
#undef LD_NR
#undef LD_MASKED

#if LD_SMALL_X86
/* The variant that runs (ld_cpu_variant's rule): decided once, when the library is
 * loaded, by the constructor below, and read-only afterwards, as libgcc's own CPU model
 * that __builtin_cpu_supports reads: no state that changes while the library runs, and
 * no getenv on the hot path (at d = 8 one step of eq. 5 takes ~0.1 us). */
static int ld_small_var = LD_VAR_BASE;

__attribute__((constructor)) static void ld_small_select(void)
{
    ld_small_var = ld_cpu_variant();
}
#define LD_VAR ld_small_var
#else
#define LD_VAR LD_VAR_BASE
#endif

const char *ld_small_kernel(void)
{
    return ld_cpu_variant_name(LD_VAR);
}

void ld_small_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc)
{
    const int at = ta == 'T' || ta == 't', bt = tb == 'T' || tb == 't';
    const ptrdiff_t bsk = bt ? ldb : 1, bsj = bt ? 1 : ldb;
#if LD_SMALL_X86
    if (LD_VAR == LD_VAR_AVX512) {
        if (at)
            ld_small_tn_avx512(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
        else
            ld_small_nn_avx512(m, n, k, alpha, A, lda, B, bsk, bsj, beta, C, ldc);
        return;
    }
    if (LD_VAR == LD_VAR_AVX2) {
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
    if (LD_VAR == LD_VAR_AVX512) {
        ld_small_axpy_avx512(n, alpha, x, y);
        return;
    }
    if (LD_VAR == LD_VAR_AVX2) {
        ld_small_axpy_avx2(n, alpha, x, y);
        return;
    }
#endif
    ld_small_axpy_base(n, alpha, x, y);
}

double ld_small_sumsq(size_t n, const double *x)
{
#if LD_SMALL_X86
    if (LD_VAR == LD_VAR_AVX512)
        return ld_small_sumsq_avx512(n, x);
    if (LD_VAR == LD_VAR_AVX2)
        return ld_small_sumsq_avx2(n, x);
#endif
    return ld_small_sumsq_base(n, x);
}

int ld_small_step2(ld_small_step2_args *a, double *work)
{
#if LD_SMALL_X86
    if (LD_VAR == LD_VAR_AVX512)
        return ld_small_step2_avx512(a, work);
    if (LD_VAR == LD_VAR_AVX2)
        return ld_small_step2_avx2(a, work);
#endif
    return ld_small_step2_base(a, work);
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

int ld_small_step2(ld_small_step2_args *a, double *work)
{
    (void)a; (void)work;
    return 0;
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
