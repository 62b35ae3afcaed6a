/* __lindyn_assumption1__.c -- gateway:
 * [U, V, sigma, lambda, B, epsilon, rank_xy] = __lindyn_assumption1__ (Sx, Sxy, tol, full).
 * Sx d-by-d symmetric, Sxy d-by-p, tol >= 0, full a flag; epsilon = [||B||_2,
 * ||B(1:m,1:m)||_2], m = min (d, p).  With full false, U is d-by-m, lambda m-by-1, B m-by-m
 * and epsilon(1) is NaN.  See inst/assumption1.m. %!error <full must be a logical> __lindyn_assumption1__ (eye (2), [1; 1], 0, 'a')
*/
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_assumption1__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t d, dy, p;
    double *epsilon;
    ld_assumption1_result res;

    ldm_check_nargs(FN, nrhs, 4, 4, nlhs, 7);
    const double *Sx = ldm_get_symmetric(FN, prhs[0], "Sx", &d);
    const double *Sxy = ldm_get_matrix(FN, prhs[1], "Sxy", 1, &dy, &p);
    if (dy != d)
        ldm_error(FN, "Sxy", "Sxy must have as many rows as Sx (%td), got %td", d, dy);
    const double tol = ldm_get_scalar(FN, prhs[2], "tol");
    if (!(tol >= 0.0))
        ldm_error(FN, "tol", "tol must be nonnegative");
    const int full = ldm_get_flag(FN, prhs[3], "full");
    const ptrdiff_t m = d < p ? d : p, nc = full ? d : m;

    mxArray *out[7];
    out[0] = ldm_new_matrix(d, nc, &res.U);
    out[1] = ldm_new_matrix(p, p, &res.V);
    out[2] = ldm_new_matrix(m, 1, &res.sigma);
    out[3] = ldm_new_matrix(nc, 1, &res.lambda);
    out[4] = ldm_new_matrix(nc, nc, &res.B);
    out[5] = ldm_new_matrix(1, 2, &epsilon);
    double *work = ldm_work(FN, ld_assumption1_work(d, p));
    const ld_lsq mom = {d, p, Sx, Sxy};
    ldm_check_status(FN, ld_assumption1(&mom, tol, full, &res, work));
    epsilon[0] = res.epsilon[0];
    epsilon[1] = res.epsilon[1];
    out[6] = mxCreateDoubleScalar((double)res.rank_xy);
    for (int i = 0; i < 7; ++i) {
        if (i < nlhs || i == 0)
            plhs[i] = out[i];
        else
            mxDestroyArray(out[i]);
    }
}

/*
%!test
%! Sx = diag ([1 4 2]);  Sxy = [0 0; 3 0; 0 1];
%! [U, V, s, l, B, e, r] = __lindyn_assumption1__ (Sx, Sxy, 0, true);
%! assert (s, [3; 1], 1e-15);
%! assert (l, [4; 2; 1], 1e-15);
%! assert (B, zeros (3), 1e-15);
%! assert (e, [0 0], 1e-15);
%! assert (r, 2);
%! assert (U * (diag (l) + B) * U', Sx, 1e-14);
%! assert (U(:,1:2) * diag (s) * V', Sxy, 1e-14);
%! [Ut, Vt, st, lt, Bt, et, rt] = __lindyn_assumption1__ (Sx, Sxy, 0, false);
%! assert (Ut, U(:,1:2));  assert (lt, l(1:2), 1e-15);  assert (Bt, B(1:2,1:2), 1e-15);
%! assert (isnan (et(1)));  assert (et(2), e(2));  assert (rt, 2);
%!test
%! [U, V, s, l, B, e, r] = __lindyn_assumption1__ (zeros (0), zeros (0, 2), 0, 1);
%! assert (size (U), [0 0]);  assert (V, eye (2));  assert (r, 0);
%!error <expected 4 to 4 input> __lindyn_assumption1__ (1, 1, 0)
%!error <Sx must be symmetric> __lindyn_assumption1__ ([1 2; 0 1], [1; 1], 0, 1)
%!error <Sx must be a real> __lindyn_assumption1__ ({1}, 1, 0, 1)
%!error <Sxy must not contain NaN> __lindyn_assumption1__ (eye (2), [1; NaN], 0, 1)
%!error <Sxy must have as many rows> __lindyn_assumption1__ (eye (2), 1, 0, 1)
%!error <tol must be nonnegative> __lindyn_assumption1__ (eye (2), [1; 1], -1, 1)
%!error <tol must not contain NaN> __lindyn_assumption1__ (eye (2), [1; 1], NaN, 1)
%!error <at most 7 output> [a, b, c, d, e, f, g, h] = __lindyn_assumption1__ (eye (2), [1; 1], 0, 1)
%!error <full must be a logical> __lindyn_assumption1__ (eye (2), [1; 1], 0, 'a')
*/
