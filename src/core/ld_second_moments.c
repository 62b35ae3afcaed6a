/* ld_second_moments.c -- Sx = X'X/n by dsyrk (mirrored to exact symmetry), Sxy = X'Y/n by dgemm. */
#include <string.h>
#include "ld_second_moments.h"
#include "ld_gemm.h"

int ld_second_moments(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, const double *X,
                      const double *Y, double *Sx, double *Sxy)
{
    if (!ld_dims_ok(n, d) || !ld_dims_ok(p, 0))
        return LD_EDIM;
    if ((d > 0 && Sx == NULL) || (n > 0 && d > 0 && X == NULL)
        || (p > 0 && d > 0 && (Sxy == NULL || (n > 0 && Y == NULL))))
        return LD_EARG;
    if (d == 0)
        return LD_OK;
    if (n == 0) {
        memset(Sx, 0, (size_t)d * (size_t)d * sizeof(double));
        if (p > 0)
            memset(Sxy, 0, (size_t)d * (size_t)p * sizeof(double));
        return LD_OK;
    }

    const double alpha = 1.0 / (double)n, beta = 0.0;

    /* Upper triangle of X'X/n, then mirror it so Sx is symmetric to the bit. */
    ld_syrk(d, n, alpha, X, n, beta, Sx, d);
    for (ptrdiff_t j = 0; j < d; ++j)
        for (ptrdiff_t i = j + 1; i < d; ++i)
            Sx[i + j * d] = Sx[j + i * d];

    if (p > 0)
        ld_gemm_blas("T", "N", d, p, n, alpha, X, n, Y, n, beta, Sxy, d);
    return LD_OK;
}
