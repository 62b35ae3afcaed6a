/* ld_batch_rows.h -- the rows of step t's mini-batch of b of n samples, for every
 * stochastic objective that draws rows of its data (SGD on the moments' data, the
 * diagonal networks): the stream depends on (seed, t) alone, so a run split into calls
 * draws what a run in one call draws. */
#ifndef LD_BATCH_ROWS_H
#define LD_BATCH_ROWS_H

#include <stddef.h>
#include <stdint.h>

/* Doubles of the cache ld_batch_rows keeps between the steps of one call (a permutation
 * of the n rows and its epoch): n + 1. */
size_t ld_batch_rows_cache(ptrdiff_t n);

/* The 0-based row indices of step t's batch into rows[0..b-1], 1 <= b <= n.
 * Without replacement (replacement = 0): step t is batch t - e m of epoch
 * e = floor(t / m), one of the m = floor(n / b) consecutive blocks of b rows of a
 * permutation of 0..n-1 drawn for epoch e (Fisher-Yates from xoshiro256** seeded by
 * (seed, 2, e); its last n - m b rows unused); b = n uses the rows in order.  With
 * replacement: b rows drawn uniformly from (seed, 1, t) (ld_rng.h).  cache holds
 * ld_batch_rows_cache(n) doubles, zeroed before the first call of a run (it keeps the
 * permutation of the current epoch; zero means none). */
void ld_batch_rows(ptrdiff_t n, ptrdiff_t b, int replacement, uint64_t seed, double t,
                   ptrdiff_t *rows, double *cache);

#endif /* LD_BATCH_ROWS_H */
