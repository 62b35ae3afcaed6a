/* __lindyn_second_moments__.c -- gateway: [Sx, Sxy] = __lindyn_second_moments__ (X, Y).
 * X n-by-d, Y n-by-p, both real full double and finite; see inst/second_moments.m. */
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_second_moments__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t n, d, ny, p;
    double *Sx, *Sxy;

    ldm_check_nargs(FN, nrhs, 2, 2, nlhs, 2);
    const double *X = ldm_get_matrix(FN, prhs[0], "X", 1, &n, &d);
    const double *Y = ldm_get_matrix(FN, prhs[1], "Y", 1, &ny, &p);
    if (ny != n)
        ldm_error(FN, "Y", "Y must have as many rows as X (%td), got %td", n, ny);

    plhs[0] = ldm_new_matrix(d, d, &Sx);
    mxArray *sxy = ldm_new_matrix(d, p, &Sxy);
    ldm_check_status(FN, ld_second_moments(n, d, p, X, Y, Sx, Sxy));
    if (nlhs > 1)
        plhs[1] = sxy;
    else
        mxDestroyArray(sxy);
}

/*
%!test
%! X = randn (50, 4); Y = randn (50, 2);
%! [Sx, Sxy] = __lindyn_second_moments__ (X, Y);
%! assert (Sx, X' * X / 50, 1e-14);
%! assert (Sxy, X' * Y / 50, 1e-14);
%!error <expected 2 to 2 input> __lindyn_second_moments__ (1)
%!error <X must be a real> __lindyn_second_moments__ ({1}, 1)
%!error <X must be a real> __lindyn_second_moments__ (single (1), 1)
%!error <X must be a real> __lindyn_second_moments__ (1i, 1)
%!error <X must be a real> __lindyn_second_moments__ (sparse (1), 1)
%!error <must not contain NaN> __lindyn_second_moments__ (NaN, 1)
%!error <as many rows> __lindyn_second_moments__ (ones (3, 2), ones (2, 1))
%!error <2-D> __lindyn_second_moments__ (ones (2, 2, 2), 1)
*/
