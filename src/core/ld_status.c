/* ld_status.c -- text of the core's status codes and the argument guards (dimensions, times). */
#include <math.h>
#include "ld_status.h"
#include "ld_blas.h"

const char *ld_strerror(int status)
{
    switch (status) {
    case LD_OK: return "success";
    case LD_EDIM: return "dimension negative or too large for the BLAS integer type";
    case LD_EARG: return "invalid argument";
    case LD_ELAPACK: return "LAPACK routine failed";
    case LD_ENOTFINITE: return "non-finite value (NaN or Inf)";
    case LD_EDIVERGED: return "iteration diverged";
    default: return "unknown lindyn status";
    }
}

int ld_dims_ok(ptrdiff_t m, ptrdiff_t n)
{
    return m >= 0 && n >= 0 && (double)m <= (double)LD_BLAS_INT_MAX
           && (double)n <= (double)LD_BLAS_INT_MAX;
}

int ld_times_ok(ptrdiff_t nt, const double *t, int integer)
{
    for (ptrdiff_t k = 0; k < nt; ++k)
        if (!(t[k] >= 0.0 && isfinite(t[k]))
            || (integer && (t[k] != floor(t[k]) || t[k] > LD_MAX_EXACT_INT)))
            return 0;
    return 1;
}
