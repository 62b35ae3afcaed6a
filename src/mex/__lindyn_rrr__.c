/* __lindyn_rrr__.c -- gateway: [W, s, rank_x, rank_fit] = __lindyn_rrr__ (Sx, Sxy, k, tol).
 * Sx d-by-d symmetric, Sxy d-by-p, k a vector of ranks >= 0, tol >= 0 (relative tolerance of
 * pinv (Sx)); W is d-by-p-by-numel (k).  See inst/rrr.m. */
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_rrr__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t d, dy, p, nk;
    ld_rrr_result res = {NULL, NULL, 0, 0};

    ldm_check_nargs(FN, nrhs, 4, 4, nlhs, 4);
    const double *Sx = ldm_get_symmetric(FN, prhs[0], "Sx", &d);
    const double *Sxy = ldm_get_matrix(FN, prhs[1], "Sxy", 1, &dy, &p);
    if (dy != d)
        ldm_error(FN, "Sxy", "Sxy must have as many rows as Sx (%td), got %td", d, dy);
    const ptrdiff_t *k = ldm_get_index_vector(FN, prhs[2], "k", 0.0, 1e15, &nk);
    const double tol = ldm_get_scalar(FN, prhs[3], "tol");
    if (!(tol >= 0.0))
        ldm_error(FN, "tol", "tol must be nonnegative");

    plhs[0] = ldm_new_array3(d, p, nk, &res.W);
    mxArray *sv = ldm_new_matrix(d < p ? d : p, 1, &res.s);
    double *work = ldm_work(FN, ld_rrr_work(d, p));
    const ld_lsq mom = {d, p, Sx, Sxy};
    ldm_check_status(FN, ld_rrr(&mom, nk, k, tol, &res, work));
    if (nlhs > 1)
        plhs[1] = sv;
    else
        mxDestroyArray(sv);
    if (nlhs > 2)
        plhs[2] = mxCreateDoubleScalar((double)res.rank_x);
    if (nlhs > 3)
        plhs[3] = mxCreateDoubleScalar((double)res.rank_fit);
}

/*
%!test
%! Sx = [2 0; 0 1];  Sxy = [1 0; 0 3];
%! [W, s, rx, rf] = __lindyn_rrr__ (Sx, Sxy, [0 1 2 5], 0);
%! assert (size (W), [2 2 4]);
%! assert (W(:,:,1), zeros (2));
%! assert (W(:,:,2), [0 0; 0 3], 1e-15);
%! assert (W(:,:,3), [0.5 0; 0 3], 1e-15);
%! assert (W(:,:,4), W(:,:,3));
%! assert (s, [3; sqrt(0.5)], 1e-15);
%! assert ([rx rf], [2 2]);
%!test
%! [W, s] = __lindyn_rrr__ (zeros (3), zeros (3, 0), 1, 0);
%! assert (size (W), [3 0]);  assert (size (s), [0 1]);
%!error <expected 4 to 4 input> __lindyn_rrr__ (1, 1, 1)
%!error <Sx must be symmetric> __lindyn_rrr__ ([1 2; 0 1], [1; 1], 1, 0)
%!error <Sx must be square> __lindyn_rrr__ ([1 2], [1; 1], 1, 0)
%!error <Sx must not contain NaN> __lindyn_rrr__ (NaN, 1, 1, 0)
%!error <Sxy must have as many rows> __lindyn_rrr__ (eye (2), [1; 1; 1], 1, 0)
%!error <Sxy must be a real> __lindyn_rrr__ (eye (2), single ([1; 1]), 1, 0)
%!error <k must hold integers> __lindyn_rrr__ (eye (2), [1; 1], -1, 0)
%!error <k must hold integers> __lindyn_rrr__ (eye (2), [1; 1], 1.5, 0)
%!error <k must be a vector> __lindyn_rrr__ (eye (2), [1; 1], ones (2), 0)
%!error <tol must be nonnegative> __lindyn_rrr__ (eye (2), [1; 1], 1, -1)
%!error <tol must be a scalar> __lindyn_rrr__ (eye (2), [1; 1], 1, [1 2])
%!error <at most 4 output> [a, b, c, d, e] = __lindyn_rrr__ (eye (2), [1; 1], 1, 0)
*/
