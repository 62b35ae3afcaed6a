/* __lindyn_min_norm_ls__.c -- gateway: Wstar = __lindyn_min_norm_ls__ (Sx, Sxy).
 * W* = pinv(Sx) Sxy (section 2) by ld_min_norm_ls: Sx d-by-d symmetric, Sxy d-by-p, both
 * real, finite, double; eigenvalues of Sx at or below d * eps * max (eig (Sx)) count as
 * zero.  Used by inst/private/ld_gd_driver.m when Sx is not well conditioned. */
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_min_norm_ls__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t d, p;
    double *Wstar;

    ldm_check_nargs(FN, nrhs, 2, 2, nlhs, 1);
    const double *Sx = ldm_get_symmetric(FN, prhs[0], "Sx", &d);
    const double *Sxy = ldm_get_matrix_size(FN, prhs[1], "Sxy", 1, d, -1);
    p = (ptrdiff_t)mxGetN(prhs[1]);

    plhs[0] = ldm_new_matrix(d, p, &Wstar);
    double *work = ldm_work(FN, ld_min_norm_ls_work(d, p));
    ldm_check_status(FN, ld_min_norm_ls(d, p, Sx, Sxy, Wstar, work));
}

/*
%!test
%! % well conditioned, singular (rank 3 of 6) and zero Sx against pinv: the columns of
%! % Sxy lie in range (Sx), so W* is O(1) and both agree to ~1e-13 relative
%! randn ('state', 7);
%! for r = [6 3 0]
%!   G = randn (6, r);  Sx = G * G' / 6 + (r == 6) * 0.1 * eye (6);
%!   Sxy = Sx * randn (6, 4);
%!   Ws = __lindyn_min_norm_ls__ (Sx, Sxy);
%!   assert (Ws, pinv (Sx) * Sxy, 1e-12 * max (1, norm (Ws, 'fro')));
%! end
%!test
%! assert (size (__lindyn_min_norm_ls__ (zeros (3), zeros (3, 0))), [3 0]);
%! assert (size (__lindyn_min_norm_ls__ (zeros (0), zeros (0, 2))), [0 2]);
%! assert (__lindyn_min_norm_ls__ ([2 0; 0 0], [4; 3]), [2; 0]);
%!error <expected 2 to 2 input> __lindyn_min_norm_ls__ (1)
%!error <Sx must be symmetric> __lindyn_min_norm_ls__ ([1 2; 0 1], [1; 1])
%!error <Sxy must be 2-by-> __lindyn_min_norm_ls__ (eye (2), [1; 1; 1])
*/
