/* ld_kernel_generic.c -- the baseline variant of the vector kernels (ld_kernel.h), which
 * every CPU runs: the same code for the compiler's default instruction set (SSE2 on
 * x86-64), or, in a build without GCC's vector extensions, plain loops. */
#include "ld_kernel.h"

#if LD_SMALL_ENABLED
#define LD_K(name) ld_##name##_generic
#define LD_KERNEL_NAME "generic"

/* small products: 4-double vectors, 4 columns per NN block, the last m mod 4 rows and
 * k mod 4 terms in scalar code */
#define LD_V ld_v4
#define LD_VW 4
#define LD_VSET1(x) ((ld_v4){(x), (x), (x), (x)})
#define LD_NR 4
#define LD_MASKED 0

/* skinny products: 2-double vectors (SSE2 on x86-64), register tiles */
#define ld_vd ld_v2
#define ld_mk ld_m2
#define LD_SK_VW 2
#define NN_MV 2
#define NN_NR 4
#define TN_NA 1
#define TN_NR 6
#define NT_MV 2
#define NT_NC 4

/* sparse kernels */
#define VD ld_v4
#define VW 4

#include "ld_kernel_variant.h"

#else /* plain loops; the products are BLAS's (LD_SMALL_ENABLED 0 tells the callers) */

static void axpy(size_t n, double alpha, const double *x, double *y)
{
    for (size_t i = 0; i < n; ++i)
        y[i] += alpha * x[i];
}

/* four interleaved partial sums: a single chain of n dependent additions costs n times
 * the add latency */
static double sumsq(size_t n, const double *x)
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

static void sparse_dots(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
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

static void sparse_combine(ptrdiff_t n, ptrdiff_t c0, ptrdiff_t c1, const double *ptr,
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

static void transpose(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, const double *A,
                      ptrdiff_t lda, double *B, ptrdiff_t ldb)
{
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = i0; i < i1; ++i)
            B[j + i * ldb] = A[i + j * lda];
}

/* the entries not named are NULL: the small and skinny products, which no caller reaches
 * in this build */
const ld_kernel_table ld_kernel_generic = {
    .name = "none",
    .axpy = axpy,
    .sumsq = sumsq,
    .sparse_dots = sparse_dots,
    .sparse_combine = sparse_combine,
    .transpose = transpose,
};

#endif
