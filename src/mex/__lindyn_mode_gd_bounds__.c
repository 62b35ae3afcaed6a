/* __lindyn_mode_gd_bounds__.c -- gateway:
 *   [lo, hi] = __lindyn_mode_gd_bounds__ (sigma, lambda, w0, eta, t, form)
 * Thm. 3 (eq. 23) bounds; form 1 = exact, 2 = exponential, 3 = printed; sigma, lambda,
 * w0 vectors of one length m, t >= 0 a vector; lo and hi m-by-numel(t).
 * See inst/mode_gd_bounds.m. */
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_mode_gd_bounds__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t m, nt;
    const double *sigma, *lambda, *w0;
    double *lo, *hi;

    ldm_check_nargs(FN, nrhs, 6, 6, nlhs, 2);
    ldm_get_modes(FN, prhs, &sigma, &lambda, &w0, &m);
    const double eta = ldm_get_scalar(FN, prhs[3], "eta");
    const double *t = ldm_get_times(FN, prhs[4], "t", 0, &nt);
    const int form = (int)ldm_get_integer(FN, prhs[5], "form", 1, 3);
    for (ptrdiff_t i = 0; i < m; ++i)
        switch (ld_mode_gd_bounds_domain(sigma[i], lambda[i], w0[i], eta, form)) {
        case LD_DOMAIN_VALUE:
            ldm_error(FN, "domain", "mode %td: sigma, lambda, w0 must be nonnegative and "
                      "eta positive", i + 1);
            break;
        case LD_DOMAIN_W0:
            ldm_error(FN, "w0", "mode %td: w0 = %g is outside the domain of the bounds",
                      i + 1, w0[i]);
            break;
        case LD_DOMAIN_ETA:
            ldm_error(FN, "eta", "mode %td: 2*eta*sigma = %g is too large for the bounds",
                      i + 1, 2.0 * eta * sigma[i]);
            break;
        default:
            break;
        }

    (void)ldm_mul(FN, (size_t)m, (size_t)nt);
    ldm_check_memory(FN, "t", 16.0 * (double)m * (double)nt);
    plhs[0] = ldm_new_matrix(m, nt, &lo);
    mxArray *h = ldm_new_matrix(m, nt, &hi);
    const ld_mode_set md = {m, sigma, lambda, w0};
    ldm_check_status(FN, ld_mode_gd_bounds(&md, eta, nt, t, form, lo, hi));
    if (nlhs > 1)
        plhs[1] = h;
    else
        mxDestroyArray(h);
}

/*
%!test
%! [lo, hi] = __lindyn_mode_gd_bounds__ (1, 2, 0.01, 0.1, [0 5], 1);
%! assert (lo(1), 0.01, 1e-16);  assert (hi(1), 0.01, 1e-16);
%! assert (lo(2), 0.01 / ((1 - 0.02) * 1.1^-10 + 0.02), 1e-15);
%! assert (hi(2), 0.01 / ((1 - 0.02) * 0.8^5 + 0.02), 1e-15);
%!error <expected 6 to 6 input> __lindyn_mode_gd_bounds__ (1, 1, 1, 1, 1)
%!error <form must be an integer> __lindyn_mode_gd_bounds__ (1, 1, 0.1, 0.1, 1, 4)
%!error <outside the domain> __lindyn_mode_gd_bounds__ (1, 2, 0.9, 0.1, 1, 1)
%!error <too large> __lindyn_mode_gd_bounds__ (1, 2, 0.1, 0.6, 1, 1)
%!error <too large> __lindyn_mode_gd_bounds__ (1, 2, 0.1, 0.35, 1, 2)
%!error <must be nonnegative> __lindyn_mode_gd_bounds__ (-1, 2, 0.1, 0.1, 1, 1)
%!error <must be nonnegative> __lindyn_mode_gd_bounds__ (1, 2, 0.1, 0, 1, 1)
%!error <t must be nonnegative> __lindyn_mode_gd_bounds__ (1, 2, 0.1, 0.1, -1, 1)
%!error <lambda must have as many> __lindyn_mode_gd_bounds__ (1, [1 2], 0.1, 0.1, 1, 1)
*/
