/* ld_batch_rows.c -- the rows of step t's mini-batch: blocks of b of a per-epoch random
 * permutation of the n rows (without replacement) or b uniform draws (with replacement),
 * from xoshiro256** seeded by (seed, kind, epoch or step) (ld_rng.h). */
#include <math.h>
#include <string.h>
#include "ld_batch_rows.h"
#include "ld_rng.h"

size_t ld_batch_rows_cache(ptrdiff_t n)
{
    return n < 0 ? 0 : (size_t)n + 1;
}

void ld_batch_rows(ptrdiff_t n, ptrdiff_t b, int replacement, uint64_t seed, double t,
                   ptrdiff_t *rows, double *cache)
{
    ld_rng g;
    if (replacement) {
        ld_rng_seed(&g, seed, 1, (uint64_t)t);
        for (ptrdiff_t q = 0; q < b; ++q)
            rows[q] = (ptrdiff_t)ld_rng_below(&g, (uint64_t)n);
        return;
    }
    if (b == n) {
        for (ptrdiff_t q = 0; q < b; ++q)
            rows[q] = q;
        return;
    }
    /* the permutation lives in the cache as ptrdiff_t (no larger than a double) */
    typedef char size_check[sizeof(ptrdiff_t) <= sizeof(double) ? 1 : -1];
    (void)sizeof(size_check);
    ptrdiff_t *perm = (ptrdiff_t *)cache;
    double *epoch = cache + n;
    const double m = floor((double)n / (double)b);
    const double e = floor(t / m), pos = t - e * m;
    if (*epoch != e + 1.0) {   /* 0 = no epoch yet */
        /* Fisher-Yates shuffle of 0..n-1 from epoch e's stream */
        ld_rng_seed(&g, seed, 2, (uint64_t)e);
        for (ptrdiff_t i = 0; i < n; ++i)
            perm[i] = i;
        for (ptrdiff_t i = n - 1; i > 0; --i) {
            const ptrdiff_t k = (ptrdiff_t)ld_rng_below(&g, (uint64_t)(i + 1));
            const ptrdiff_t tmp = perm[i];
            perm[i] = perm[k];
            perm[k] = tmp;
        }
        *epoch = e + 1.0;
    }
    memcpy(rows, perm + (size_t)pos * (size_t)b, (size_t)b * sizeof(ptrdiff_t));
}
