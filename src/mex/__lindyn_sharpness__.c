/* __lindyn_sharpness__.c -- gateway:
 *   [theta, Y, info] = __lindyn_sharpness__ (Sx, Sxy, {W1, ..., WL}, k, tol, maxit, seed)
 * theta (k x 1): the k largest eigenvalues of the Hessian of
 * f = 1/2 tr(W' Sx W) - tr(W' Sxy), W = W1...WL, in all factor entries (Lanczos on exact
 * Hessian-vector products, ld_sharpness); Y (n x k): orthonormal eigenvectors, the
 * factors' entries stacked (vec(W1); ...; vec(WL)); info = [Hessian-vector products,
 * largest relative Ritz residual, converged (0/1)].  Sx d-by-d symmetric (not checked
 * here), Sxy d-by-p, all real, finite, double; 1 <= k <= n, tol > 0, maxit >= 1,
 * seed a nonnegative integer. */
#include <math.h>
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_sharpness__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t *r, d, p;
    const double **W;

    ldm_check_nargs(FN, nrhs, 7, 7, nlhs, 3);
    const double *Sxy, *Sx = ldm_get_moments(FN, prhs[0], prhs[1], &Sxy, &d, &p);
    const ptrdiff_t L = ldm_get_chain(FN, prhs[2], "W", d, p, &r, &W);
    const size_t n = ld_hessvec_count(L, r);
    if (n == 0)
        ldm_error(FN, "W", "%s: the factors have no entries", FN);
    const ptrdiff_t k = ldm_get_integer(FN, prhs[3], "k", 1, (double)n);
    const double tol = ldm_get_scalar(FN, prhs[4], "tol");
    if (!(tol > 0.0))
        ldm_error(FN, "tol", "%s: tol must be positive", FN);
    const ptrdiff_t maxit = ldm_get_integer(FN, prhs[5], "maxit", 1, 1e9);
    const ptrdiff_t seed = ldm_get_integer(FN, prhs[6], "seed", 0, 9007199254740992.0);

    const size_t nw = ld_sharpness_work(L, r, k, maxit);
    if (nw == 0)
        ldm_error(FN, "size", "%s: problem too large", FN);
    double *work = ldm_work(FN, nw);
    double *theta, *Y = NULL, *info;
    mxArray *th = ldm_new_matrix(k, 1, &theta);
    mxArray *y = nlhs > 1 ? ldm_new_matrix((ptrdiff_t)n, k, &Y) : NULL;
    ptrdiff_t nhv = 0;
    double resid = 0.0;
    int conv = 0;
    ldm_check_status(FN, ld_sharpness(L, r, Sx, Sxy, W, k, tol, maxit,
                                      (unsigned long long)seed, theta, Y, &nhv, &resid,
                                      &conv, work));
    plhs[0] = th;
    if (nlhs > 1)
        plhs[1] = y;
    if (nlhs > 2) {
        plhs[2] = ldm_new_matrix(1, 3, &info);
        info[0] = (double)nhv;
        info[1] = resid;
        info[2] = conv;
    }
}

/*
%!test
%! % L = 1: the Hessian is kron (I_p, Sx); its top eigenvalues with multiplicity p
%! Sx = diag ([3 2 1]);  Sxy = ones (3, 2);
%! [th, Y, info] = __lindyn_sharpness__ (Sx, Sxy, {zeros(3, 2)}, 4, 1e-12, 100, 1);
%! assert (th, [3; 3; 2; 2], 1e-12);
%! assert (Y' * Y, eye (4), 1e-12);  assert (info(3), 1);
%!error <expected 7 to 7 input> __lindyn_sharpness__ (1, 1, {1})
%!error <k must be> __lindyn_sharpness__ (1, 1, {1}, 2, 1e-10, 10, 1)
%!error <tol must be positive> __lindyn_sharpness__ (1, 1, {1}, 1, 0, 10, 1)
%!error <maxit> __lindyn_sharpness__ (1, 1, {1}, 1, 1e-10, 0, 1)
%!error <seed> __lindyn_sharpness__ (1, 1, {1}, 1, 1e-10, 10, -1)
%!error <no entries> __lindyn_sharpness__ (eye (2), [1; 1], {zeros(2, 0), zeros(0, 1)}, 1, 1e-10, 10, 1)
*/
