/* ld_small.c -- C = alpha op(A) op(B) + beta C for the small products of one step of
 * eq. 5, and the step itself at L = 2, by the kernel table's variant (ld_kernel.h). */
#include "ld_small.h"
#include "ld_kernel.h"

const char *ld_small_kernel(void)
{
    return LD_SMALL_ENABLED ? ld_kernel->name : "none";
}

void ld_small_gemm(char ta, char tb, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha,
                   const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                   double beta, double *C, ptrdiff_t ldc)
{
    if (!LD_SMALL_ENABLED)   /* never called then: LD_SMALL_ENABLED sends callers to BLAS */
        return;
    if (ta == 'T' || ta == 't') {
        ld_kernel->small_tn(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    } else {
        const int bt = tb == 'T' || tb == 't';
        ld_kernel->small_nn(m, n, k, alpha, A, lda, B, bt ? ldb : 1, bt ? 1 : ldb, beta, C,
                            ldc);
    }
}

int ld_small_step2(ld_small_step2_args *a, double *work)
{
    return LD_SMALL_ENABLED ? ld_kernel->small_step2(a, work) : 0;
}

void ld_small_axpy(size_t n, double alpha, const double *x, double *y)
{
    ld_kernel->axpy(n, alpha, x, y);
}

double ld_small_sumsq(size_t n, const double *x)
{
    return ld_kernel->sumsq(n, x);
}
