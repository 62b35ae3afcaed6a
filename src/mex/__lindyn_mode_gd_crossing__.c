/* __lindyn_mode_gd_crossing__.c -- gateway:
 *   first = __lindyn_mode_gd_crossing__ (sigma, lambda, w0, eta, level, maxit)
 *   first = __lindyn_mode_gd_crossing__ (sigma, lambda, w0, eta, level, maxit, L)
 * the first iteration of the exact GD mode recursion (eq. 22) with w_t >= level, per mode
 * (-1 if none up to maxit); with L, of the depth-L recursion (ld_mode_gd_depth).  sigma, lambda, w0, level vectors of one length m; first is
 * m-by-1.  See inst/phase_times.m. */
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_mode_gd_crossing__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t m, ml, m0, mv;
    double *first;

    ldm_check_nargs(FN, nrhs, 6, 7, nlhs, 1);
    const double *sigma = ldm_get_vector(FN, prhs[0], "sigma", 1, &m);
    const double *lambda = ldm_get_vector(FN, prhs[1], "lambda", 1, &ml);
    const double *w0 = ldm_get_vector(FN, prhs[2], "w0", 1, &m0);
    const double eta = ldm_get_scalar(FN, prhs[3], "eta");
    const double *level = ldm_get_vector(FN, prhs[4], "level", 0, &mv);
    const double maxit = (double)ldm_get_integer(FN, prhs[5], "maxit", 0, LD_MAX_EXACT_INT);
    const int depth = nrhs > 6 ? (int)ldm_get_integer(FN, prhs[6], "L", 1, LD_MODE_DEPTH_MAX) : 2;
    if (ml != m || m0 != m || mv != m)
        ldm_error(FN, "size", "sigma, lambda, w0 and level must have the same length");
    for (ptrdiff_t i = 0; i < m; ++i)
        if (level[i] != level[i])
            ldm_error(FN, "level", "level must not contain NaN");

    plhs[0] = ldm_new_matrix(m, 1, &first);
    const ld_mode_set md = {m, sigma, lambda, w0};
    ldm_check_status(FN, ld_mode_gd_crossing_depth(&md, eta, depth, level, maxit, first));
}

/*
%!test
%! % w_t from 0.01 with sigma = lambda = 1, eta = 0.1, against a plain loop
%! v = 0.01;  k = 0;
%! while (v < 0.5), v = v * (1 + 0.1 * (1 - v))^2;  k = k + 1;  end
%! assert (__lindyn_mode_gd_crossing__ ([1 1], [1 1], [0.01 0.01], 0.1, [0.5 Inf], 1000), [k; -1]);
%! assert (__lindyn_mode_gd_crossing__ (1, 1, 0.01, 0.1, 0.5, k - 1), -1);
%!test
%! % depth 4: a plain loop on the factor value a = w^(1/4)
%! a = 0.1;  k = 0;
%! while (a^4 < 0.25), a = a * (1 + 0.1 * a^2 * (1 - 2 * a^4));  k = k + 1;  end
%! assert (__lindyn_mode_gd_crossing__ (1, 2, 1e-4, 0.1, 0.25, 1e5, 4), k);
%!error <L must be an integer> __lindyn_mode_gd_crossing__ (1, 1, 1, 0.1, 1, 10, 0)
%!error <expected 6 to 7 input> __lindyn_mode_gd_crossing__ (1, 1, 1, 1, 1)
%!error <same length> __lindyn_mode_gd_crossing__ (1, 1, 1, 0.1, [1 2], 10)
%!error <level must not contain NaN> __lindyn_mode_gd_crossing__ (1, 1, 1, 0.1, NaN, 10)
%!error <maxit must be an integer> __lindyn_mode_gd_crossing__ (1, 1, 1, 0.1, 1, -1)
*/
