/* ld_small.c -- C = alpha op(A) op(B) + beta C for the small products of one step of
 * eq. 5: a register-blocked kernel (GCC vector extensions), with an AVX2+FMA variant
 * chosen at run time on x86-64. */
#include <string.h>
#include "ld_small.h"
#include "ld_blas.h"

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

void ld_small_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc)
{
    const int at = ta == 'T' || ta == 't', bt = tb == 'T' || tb == 't';
    const ptrdiff_t bsk = bt ? ldb : 1, bsj = bt ? 1 : ldb;
#if LD_SMALL_X86
    /* reads the CPU model libgcc's constructor filled in: thread-safe, no state here */
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
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
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        ld_small_axpy_avx2(n, alpha, x, y);
        return;
    }
#endif
    ld_small_axpy_base(n, alpha, x, y);
}

double ld_small_sumsq(size_t n, const double *x)
{
#if LD_SMALL_X86
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return ld_small_sumsq_avx2(n, x);
#endif
    return ld_small_sumsq_base(n, x);
}

#else /* !LD_SMALL_ENABLED: never called (LD_SMALL_ENABLED tells callers to use BLAS) */

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

/* C = alpha op(A) op(B) + beta C through the kernel above when it is faster, else dgemm. */
void ld_gemm(const char *ta, const char *tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
             double alpha, const double *A, ptrdiff_t lda, const double *B,
             ptrdiff_t ldb, double beta, double *C, ptrdiff_t ldc)
{
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        for (ptrdiff_t j = 0; j < n; ++j)
            for (ptrdiff_t i = 0; i < m; ++i)
                C[i + j * ldc] = beta == 0.0 ? 0.0 : beta * C[i + j * ldc];
        return;
    }
    /* small products (every dimension <= LD_SMALL_MAX): our own kernel, which at these
     * sizes is faster than a dgemm call (its set-up cost is a large part of the time) */
    if (LD_SMALL_ENABLED && m <= LD_SMALL_MAX && n <= LD_SMALL_MAX && k <= LD_SMALL_MAX
        && !(ta[0] == 'T' && tb[0] == 'T')) {
        ld_small_gemm(ta[0], tb[0], m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
        return;
    }
    const blas_int bm = (blas_int)m, bn = (blas_int)n, bk = (blas_int)k;
    const blas_int la = (blas_int)(lda > 0 ? lda : 1), lb = (blas_int)(ldb > 0 ? ldb : 1),
                   lc = (blas_int)(ldc > 0 ? ldc : 1);
    LD_F77(dgemm)(ta, tb, &bm, &bn, &bk, &alpha, A, &la, B, &lb, &beta, C, &lc);
}

const char *ld_small_kernel(void)
{
#if LD_SMALL_X86
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return "avx2+fma";
#endif
    return "generic";
}
