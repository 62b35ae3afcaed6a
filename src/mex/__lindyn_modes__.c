/* __lindyn_modes__.c -- gateway:
 *   w = __lindyn_modes__ (sigma, lambda, w0, t)          flow of the modes (eq. 16)
 *   w = __lindyn_modes__ (sigma, lambda, w0, t, eta)     the exact GD recursion (eq. 22)
 *   w = __lindyn_modes__ (sigma, lambda, w0, t, eta, L)  the depth-L recursion (L = 2: eq. 22)
 * sigma, lambda, w0 vectors of one length m (nonnegative for the flow), t a vector;
 * w is m-by-numel(t).  See inst/mode_flow.m and inst/mode_gd.m. */
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_modes__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t m, nt;
    const double *sigma, *lambda, *w0;
    double *w;

    ldm_check_nargs(FN, nrhs, 4, 6, nlhs, 1);
    ldm_get_modes(FN, prhs, &sigma, &lambda, &w0, &m);
    const int discrete = nrhs > 4;
    const double *t = ldm_get_times(FN, prhs[3], "t", discrete, &nt);
    const double eta = discrete ? ldm_get_scalar(FN, prhs[4], "eta") : 0.0;
    const int depth = nrhs > 5 ? (int)ldm_get_integer(FN, prhs[5], "L", 1, LD_MODE_DEPTH_MAX) : 2;
    if (!discrete)
        for (ptrdiff_t i = 0; i < m; ++i) {
            if (sigma[i] < 0.0)
                ldm_error(FN, "sigma", "sigma must be nonnegative, got sigma(%td) = %g", i + 1, sigma[i]);
            if (lambda[i] < 0.0)
                ldm_error(FN, "lambda", "lambda must be nonnegative, got lambda(%td) = %g", i + 1, lambda[i]);
            if (w0[i] < 0.0)
                ldm_error(FN, "w0", "w0 must be nonnegative, got w0(%td) = %g", i + 1, w0[i]);
        }

    (void)ldm_mul(FN, (size_t)m, (size_t)nt);
    plhs[0] = ldm_new_matrix(m, nt, &w);
    const ld_mode_set md = {m, sigma, lambda, w0};
    if (discrete) {
        double *work = ldm_work(FN, ld_mode_gd_work(nt));
        ldm_check_status(FN, ld_mode_gd_depth(&md, eta, depth, nt, t, w, work));
        mxFree(work);
    } else {
        ldm_check_status(FN, ld_mode_flow(&md, nt, t, w));
    }
}

/*
%!test
%! w = __lindyn_modes__ ([1 0 0], [2 1 0], [0.1 0.1 0.1], [0 1]);
%! assert (w(:,1), [0.1; 0.1; 0.1]);
%! assert (w(1,2), 1 * 0.1 / ((1 - 0.2) * exp (-2) + 0.2), 1e-15);
%! assert (w(2,2), 0.1 / (1 + 0.2), 1e-15);
%! assert (w(3,2), 0.1);
%!test
%! w = __lindyn_modes__ (1, 2, 0.01, [3 0 1], 0.1);
%! v = 0.01;  r = v;
%! for k = 1:3, v = v * (1 + 0.1 * (1 - 2 * v))^2; r(end+1) = v; end
%! assert (w, r([4 1 2]));
%!test
%! % depth 3 and 1 against plain loops (L = 3 on the factor value a = w^(1/3))
%! a = 0.1;  r = a^3;
%! for k = 1:4, a = a * (1 + 0.2 * a * (1 - 2 * a^3));  r(end+1) = a^3;  end
%! assert (__lindyn_modes__ (1, 2, 1e-3, 0:4, 0.2, 3), r, 4 * eps * r);
%! v = 0.5;  r = v;
%! for k = 1:4, v = v + 0.2 * (1 - 2 * v);  r(end+1) = v;  end
%! assert (__lindyn_modes__ (1, 2, 0.5, 0:4, 0.2, 1), r, eps);
%! assert (__lindyn_modes__ (1, 2, 0.01, [5 2], 0.1, 2), __lindyn_modes__ (1, 2, 0.01, [5 2], 0.1));
%!error <L must be an integer> __lindyn_modes__ (1, 1, 1, 1, 0.1, 0)
%!error <L must be an integer> __lindyn_modes__ (1, 1, 1, 1, 0.1, 2.5)
%!error <expected 4 to 6 input> __lindyn_modes__ (1, 1, 1)
%!error <lambda must have as many> __lindyn_modes__ (1, [1 2], 1, 1)
%!error <w0 must have as many> __lindyn_modes__ (1, 1, [1 2], 1)
%!error <t must be nonnegative> __lindyn_modes__ (1, 1, 1, -1)
%!error <t must hold integers> __lindyn_modes__ (1, 1, 1, 0.5, 0.1)
%!error <sigma must be nonnegative> __lindyn_modes__ (-1, 1, 1, 1)
%!error <w0 must be nonnegative> __lindyn_modes__ (1, 1, -1, 1)
%!error <must not contain NaN> __lindyn_modes__ (1, NaN, 1, 1)
%!error <eta must be a scalar> __lindyn_modes__ (1, 1, 1, 1, [1 2])
%!error <sigma must be a vector> __lindyn_modes__ (ones (2), 1, 1, 1)
*/
