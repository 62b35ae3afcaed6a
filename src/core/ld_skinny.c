/* ld_skinny.c -- the skinny products of one step of eq. 5 (C = A B and C = A' B with B of
 * at most LD_SKINNY_N columns, rank-k updates C += A B' with k <= LD_SKINNY_N, and the
 * fused pass T = W' R, W += alpha R V' of the two-layer step) by the kernel table's
 * variant (ld_kernel.h), the output split over the OpenMP threads for large operands. */
#include "ld_skinny.h"
#include "ld_kernel.h"
#include "ld_small.h"
#ifdef _OPENMP
#include <omp.h>
#endif

/* A product runs on the OpenMP threads when its large operand has at least this many
 * entries and the threads sleep while they wait (OMP_WAIT_POLICY=passive, see
 * ld_kernel.c): at 784 x 100 (78400 entries) the split pays, at 64 x 64 a parallel
 * region costs more than the product. */
#define LD_SKINNY_PAR 32768

const char *ld_skinny_kernel(void)
{
    return LD_SKINNY_ENABLED ? ld_kernel->name : "none";
}

/* Threads for a product whose large operand has big entries. */
static int nthreads(double big)
{
#ifdef _OPENMP
    if (ld_kernel->threads && big >= (double)LD_SKINNY_PAR && !omp_in_parallel()) {
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
    if (!LD_SKINNY_ENABLED)   /* never called then: ld_gemm uses BLAS */
        return;
    const int nth = nthreads((double)m * (double)k);
    LD_SKINNY_SPLIT(nth, m, 16,
                    ld_kernel->skinny_nn(lo, hi, n, k, alpha, A, lda, B, ldb, beta, C, ldc));
}

void ld_skinny_tn(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                  ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                  ptrdiff_t ldc)
{
    if (!LD_SKINNY_ENABLED)
        return;
    const int nth = nthreads((double)m * (double)k);
    LD_SKINNY_SPLIT(nth, m, 4,
                    ld_kernel->skinny_tn(lo, hi, n, k, alpha, A, lda, B, ldb, beta, C, ldc));
}

void ld_skinny_nt(char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                  const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta,
                  double *C, ptrdiff_t ldc)
{
    if (!LD_SKINNY_ENABLED)
        return;
    const int bt = tb == 'T' || tb == 't';
    const ptrdiff_t bsk = bt ? ldb : 1, bsj = bt ? 1 : ldb;
    const int nth = nthreads((double)m * (double)n);
    LD_SKINNY_SPLIT(nth, n, 4, ld_kernel->skinny_nt(lo, hi, m, k, alpha, A, lda, B, bsk, bsj,
                                                    beta, C, ldc));
}

void ld_skinny_fused(ptrdiff_t m, ptrdiff_t n, ptrdiff_t p, double *W, ptrdiff_t ldw,
                     const double *R, ptrdiff_t ldr, const double *V, ptrdiff_t ldv,
                     double alpha, double *T, ptrdiff_t ldt)
{
    if (!LD_SKINNY_ENABLED)
        return;
    const int nth = nthreads((double)m * (double)n);
    LD_SKINNY_SPLIT(nth, n, 4, ld_kernel->skinny_fused(lo, hi, m, p, W, ldw, R, ldr, V, ldv,
                                                       alpha, T, ldt));
}

int ld_skinny_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc)
{
    if (!LD_SKINNY_ENABLED || m < 1 || n < 1 || k < 1
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

