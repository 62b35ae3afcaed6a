/* __lindyn_batch_rows__.c -- gateway: the rows the stochastic objectives draw for their
 * mini-batches (ld_batch_rows.h), so that a plain loop can be fed the rows a run used:
 *   rows = __lindyn_batch_rows__ (n, b, replacement, seed, steps)
 * rows: b-by-numel(steps), column j the 1-based rows of step steps(j) (0-based step
 * counts over the whole run, as sgd_deep and gd_diagonal count them). */
#include <string.h>
#include "ldm.h"
#include "ld_batch_rows.h"

static const char FN[] = "__lindyn_batch_rows__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t ns;
    double *out;

    ldm_check_nargs(FN, nrhs, 5, 5, nlhs, 1);
    const ptrdiff_t n = ldm_get_integer(FN, prhs[0], "n", 1, 1.0e15);
    const ptrdiff_t b = ldm_get_integer(FN, prhs[1], "b", 1, (double)n);
    const int rep = ldm_get_flag(FN, prhs[2], "replacement");
    const ptrdiff_t seed = ldm_get_integer(FN, prhs[3], "seed", 0, 9007199254740992.0);
    const double *steps = ldm_get_times(FN, prhs[4], "steps", 1, &ns);
    ldm_check_memory(FN, "steps", 8.0 * ((double)b * (double)ns + 2.0 * (double)n + (double)b));
    double *cache = ldm_work(FN, ld_batch_rows_cache(n));
    memset(cache, 0, ld_batch_rows_cache(n) * sizeof(double));
    ptrdiff_t *rows = (ptrdiff_t *)mxMalloc(ldm_mul(FN, (size_t)b, sizeof(ptrdiff_t)));
    plhs[0] = ldm_new_matrix(b, ns, &out);
    for (ptrdiff_t j = 0; j < ns; ++j) {
        ld_batch_rows(n, b, rep, (uint64_t)seed, steps[j], rows, cache);
        for (ptrdiff_t q = 0; q < b; ++q)
            out[(size_t)j * (size_t)b + (size_t)q] = (double)(rows[q] + 1);
    }
}

/*
%!test
%! % without replacement: each epoch of floor (n/b) steps visits distinct rows, a fresh
%! % permutation per epoch, the same rows whatever steps are asked together
%! n = 23;  b = 5;  m = floor (n / b);
%! R = __lindyn_batch_rows__ (n, b, false, 7, 0:3*m-1);
%! assert (size (R), [b, 3 * m]);
%! for e = 0:2
%!   blk = R(:, e*m+1:(e+1)*m);
%!   assert (numel (unique (blk(:))), b * m);
%!   assert (all (blk(:) >= 1 & blk(:) <= n));
%! end
%! assert (! isequal (sort (R(:,1:m)(:)), sort (R(:,m+1:2*m)(:))) ...
%!         || ! isequal (R(:,1:m), R(:,m+1:2*m)));
%! assert (__lindyn_batch_rows__ (n, b, false, 7, [2*m+1, 4]), R(:, [2*m+2, 5]));
%! % a different seed draws other rows; b = n is the rows in order
%! assert (! isequal (__lindyn_batch_rows__ (n, b, false, 8, 0:m-1), R(:,1:m)));
%! assert (__lindyn_batch_rows__ (n, n, false, 7, [0 5]), repmat ((1:n)', 1, 2));
%!test
%! % with replacement: uniform draws; 2e4 draws of 10 rows, each row's count within 5
%! % standard deviations of its mean 2e3 (sd ~ 42)
%! R = __lindyn_batch_rows__ (10, 10, true, 1, 0:1999);
%! c = accumarray (R(:), 1, [10 1]);
%! assert (all (abs (c - 2000) < 5 * sqrt (2000 * 0.9)));
%!error id=lindyn:__lindyn_batch_rows__:b __lindyn_batch_rows__ (5, 6, false, 0, 0)
%!error id=lindyn:__lindyn_batch_rows__:steps __lindyn_batch_rows__ (5, 2, false, 0, -1)
%!error id=lindyn:__lindyn_batch_rows__:seed __lindyn_batch_rows__ (5, 2, false, 0.5, 1)
%!error id=lindyn:__lindyn_batch_rows__:nargin __lindyn_batch_rows__ (5, 2)
*/
