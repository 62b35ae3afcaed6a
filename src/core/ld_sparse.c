/* ld_sparse.c -- dot products and combinations of chosen columns (ld_sparse.h): the
 * products of a gradient supported on a fixed set of entries, nnz * n flops each instead
 * of a dense product's; GCC vector extensions, with AVX-512 and AVX2+FMA variants chosen
 * once at load time on x86-64. */
#include <stdlib.h>
#include <string.h>
#include "ld_sparse.h"
#include "ld_cpu.h"
#include "ld_small.h"

#if LD_SMALL_ENABLED
#define LD_SPARSE_VEC 1
#else
#define LD_SPARSE_VEC 0
#endif

#if LD_SPARSE_VEC

typedef double ld_sv4 __attribute__((vector_size(4 * sizeof(double))));
typedef double ld_sv8 __attribute__((vector_size(8 * sizeof(double))));
typedef long long LD_SM4 __attribute__((vector_size(4 * sizeof(long long))));

#if defined(__x86_64__) && !defined(__clang__)
#define LD_SPARSE_X86 1
#pragma GCC push_options
#pragma GCC target("avx512f,avx2,fma")
#define LD_S(name) ld_sparse_##name##_avx512
#define VD ld_sv8
#define V4 ld_sv4
#define VW 8
#include "ld_sparse_kernel.h"
#undef LD_S
#undef VD
#undef V4
#undef VW
#pragma GCC pop_options
#pragma GCC push_options
#pragma GCC target("avx2,fma")
#define LD_S(name) ld_sparse_##name##_avx2
#define VD ld_sv4
#define V4 ld_sv4
#define VW 4
#include "ld_sparse_kernel.h"
#undef LD_S
#undef VD
#undef V4
#undef VW
#pragma GCC pop_options
#else
#define LD_SPARSE_X86 0
#endif

#define LD_S(name) ld_sparse_##name##_base
#define VD ld_sv4
#define V4 ld_sv4
#define VW 4
#include "ld_sparse_kernel.h"
#undef LD_S
#undef VD
#undef V4
#undef VW

#if LD_SPARSE_X86
/* The variant that runs (ld_cpu_variant's rule, as ld_small.c's): decided once, when the
 * library is loaded, written only there, before any caller exists, read-only afterwards. */
static int ld_sparse_isa = LD_VAR_BASE;

__attribute__((constructor)) static void ld_sparse_select(void)
{
    ld_sparse_isa = ld_cpu_variant();
}
#endif

const char *ld_sparse_kernel(void)
{
#if LD_SPARSE_X86
    return ld_cpu_variant_name(ld_sparse_isa);
#else
    return ld_cpu_variant_name(LD_VAR_BASE);
#endif
}

void ld_sparse_dots(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                    const double *idx, const double *X, ptrdiff_t ldx, const double *Y,
                    ptrdiff_t ldy, double *out)
{
#if LD_SPARSE_X86
    if (ld_sparse_isa == LD_VAR_AVX512) {
        ld_sparse_dots_avx512(n, c0, c1, ptr, idx, X, ldx, Y, ldy, out);
        return;
    }
    if (ld_sparse_isa == LD_VAR_AVX2) {
        ld_sparse_dots_avx2(n, c0, c1, ptr, idx, X, ldx, Y, ldy, out);
        return;
    }
#endif
    ld_sparse_dots_base(n, c0, c1, ptr, idx, X, ldx, Y, ldy, out);
}

void ld_sparse_combine(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                       const double *idx, const double *coef, const double *X,
                       ptrdiff_t ldx, double *Y, ptrdiff_t ldy)
{
#if LD_SPARSE_X86
    if (ld_sparse_isa == LD_VAR_AVX512) {
        ld_sparse_combine_avx512(n, c0, c1, ptr, idx, coef, X, ldx, Y, ldy);
        return;
    }
    if (ld_sparse_isa == LD_VAR_AVX2) {
        ld_sparse_combine_avx2(n, c0, c1, ptr, idx, coef, X, ldx, Y, ldy);
        return;
    }
#endif
    ld_sparse_combine_base(n, c0, c1, ptr, idx, coef, X, ldx, Y, ldy);
}

void ld_transpose(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, const double *A, ptrdiff_t lda,
                  double *B, ptrdiff_t ldb)
{
#if LD_SPARSE_X86
    if (ld_sparse_isa == LD_VAR_AVX512) {
        ld_sparse_transpose_avx512(i0, i1, n, A, lda, B, ldb);
        return;
    }
    if (ld_sparse_isa == LD_VAR_AVX2) {
        ld_sparse_transpose_avx2(i0, i1, n, A, lda, B, ldb);
        return;
    }
#endif
    ld_sparse_transpose_base(i0, i1, n, A, lda, B, ldb);
}

#else /* plain loops */

const char *ld_sparse_kernel(void)
{
    return "none";
}

void ld_sparse_dots(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                    const double *idx, const double *X, ptrdiff_t ldx, const double *Y,
                    ptrdiff_t ldy, double *out)
{
    for (ptrdiff_t c = c0; c < c1; ++c)
        for (ptrdiff_t e = (ptrdiff_t)ptr[c]; e < (ptrdiff_t)ptr[c + 1]; ++e) {
            const double *x = X + (ptrdiff_t)idx[e] * ldx, *y = Y + c * ldy;
            double s = 0.0;
            for (ptrdiff_t k = 0; k < n; ++k)
                s += x[k] * y[k];
            out[e] = s;
        }
}

void ld_sparse_combine(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
                       const double *idx, const double *coef, const double *X,
                       ptrdiff_t ldx, double *Y, ptrdiff_t ldy)
{
    for (ptrdiff_t c = c0; c < c1; ++c) {
        double *y = Y + c * ldy;
        for (ptrdiff_t k = 0; k < n; ++k)
            y[k] = 0.0;
        for (ptrdiff_t e = (ptrdiff_t)ptr[c]; e < (ptrdiff_t)ptr[c + 1]; ++e) {
            const double *x = X + (ptrdiff_t)idx[e] * ldx;
            for (ptrdiff_t k = 0; k < n; ++k)
                y[k] += coef[e] * x[k];
        }
    }
}

void ld_transpose(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, const double *A, ptrdiff_t lda,
                  double *B, ptrdiff_t ldb)
{
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = i0; i < i1; ++i)
            B[j + i * ldb] = A[i + j * lda];
}

#endif
