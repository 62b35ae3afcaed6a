/* ld_omp_threads.c -- OpenMP's thread count (omp_get_max_threads / omp_set_num_threads)
 * for the workers of parallel sweeps of eq. 5; no state of our own. */
#include "ld_omp_threads.h"

#ifdef _OPENMP
#include <omp.h>

int ld_omp_threads(int n)
{
    const int prev = omp_get_max_threads();
    if (n > 0 && n != prev)
        omp_set_num_threads(n);
    return prev;
}

#else

int ld_omp_threads(int n)
{
    (void)n;
    return 0;
}

#endif
