/* __lindyn_linear_closed__.c -- gateway:
 *   [W, null_sxy, lambda_max] = __lindyn_linear_closed__ (Sx, Sxy, W0, t, eta)
 * Sx d-by-d symmetric, Sxy and W0 d-by-p, t a vector; eta = [] gives the gradient flow
 * (eq. 9, t >= 0), a scalar eta > 0 gradient descent (eq. 21, t nonnegative integers).
 * W is d-by-p-by-numel(t); see inst/flow_linear.m and inst/gd_linear_closed.m. */
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_linear_closed__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t d, p, nt;
    double *W, eta = 0.0, null_sxy = 0.0, lambda_max = 0.0;

    ldm_check_nargs(FN, nrhs, 5, 5, nlhs, 3);
    const double *Sxy, *Sx = ldm_get_moments(FN, prhs[0], prhs[1], &Sxy, &d, &p);
    const double *W0 = ldm_get_matrix_size(FN, prhs[2], "W0", 1, d, p);
    const int discrete = !mxIsEmpty(prhs[4]);
    const double *t = ldm_get_times(FN, prhs[3], "t", discrete, &nt);
    if (discrete) {
        eta = ldm_get_scalar(FN, prhs[4], "eta");
        if (!(eta > 0.0))
            ldm_error(FN, "eta", "eta must be positive, got %g", eta);
    }

    const size_t dp = ldm_mul(FN, (size_t)d, (size_t)p);
    (void)ldm_mul(FN, dp, (size_t)nt);
    plhs[0] = ldm_new_array3(d, p, nt, &W);
    double *work = ldm_work(FN, ld_linear_closed_work(d, p));
    const ld_lsq mom = {d, p, Sx, Sxy};
    const ld_linear_closed_opts opt = {discrete, eta, nt, t};
    ldm_check_status(FN, ld_linear_closed(&mom, W0, &opt, W, &null_sxy, &lambda_max, work));
    mxFree(work);
    if (nlhs > 1) {
        double *out;
        plhs[1] = ldm_new_matrix(1, 1, &out);
        out[0] = null_sxy;
    }
    if (nlhs > 2) {
        double *out;
        plhs[2] = ldm_new_matrix(1, 1, &out);
        out[0] = lambda_max;
    }
}

/*
%!test
%! Sx = [2 1; 1 3];  Sxy = [1; 2];  W0 = [0.5; -1];
%! W = __lindyn_linear_closed__ (Sx, Sxy, W0, [0 0.7], []);
%! Ws = Sx \ Sxy;
%! assert (W(:,:,2), Ws + expm (-0.7 * Sx) * (W0 - Ws), 1e-14);
%! assert (W(:,:,1), W0, 1e-14);
%! W = __lindyn_linear_closed__ (Sx, Sxy, W0, 3, 0.1);
%! assert (W, Ws + (eye (2) - 0.1 * Sx)^3 * (W0 - Ws), 1e-14);
%!test
%! [W, r, lmax] = __lindyn_linear_closed__ (zeros (2), [0; 1], [1; 2], 5, []);
%! assert (W, [1; 2]);  assert (r, 1);  assert (lmax, 0);
%! [~, ~, lmax] = __lindyn_linear_closed__ ([2 1; 1 2], [0; 1], [1; 2], 5, []);
%! assert (lmax, 3, 1e-15);
%!test
%! assert (size (__lindyn_linear_closed__ (zeros (0), zeros (0, 3), zeros (0, 3), 1:4, [])), [0 3 4]);
%!error <expected 5 to 5 input> __lindyn_linear_closed__ (1, 1, 1, 1)
%!error <Sx must be square> __lindyn_linear_closed__ (ones (2, 3), 1, 1, 1, [])
%!error <Sxy must be 2-by> __lindyn_linear_closed__ (eye (2), 1, 1, 1, [])
%!error <W0 must be 2-by-1> __lindyn_linear_closed__ (eye (2), [1; 1], 1, 1, [])
%!error <must not contain NaN> __lindyn_linear_closed__ (NaN, 1, 1, 1, [])
%!error <t must be nonnegative> __lindyn_linear_closed__ (1, 1, 1, -1, [])
%!error <t must hold integers> __lindyn_linear_closed__ (1, 1, 1, 0.5, 0.1)
%!error <eta must be positive> __lindyn_linear_closed__ (1, 1, 1, 1, -0.1)
%!error <eta must be a scalar> __lindyn_linear_closed__ (1, 1, 1, 1, [1 2])
%!error <t must be a vector> __lindyn_linear_closed__ (1, 1, 1, ones (2), [])
%!error <real, full, double> __lindyn_linear_closed__ (single (1), 1, 1, 1, [])
*/
