/* __lindyn_sharpness__.c -- gateway:
 *   [theta, Y, info] = __lindyn_sharpness__ (Sx, Sxy, {W1, ..., WL}, k, tol, maxit, seed, v0)
 * theta (k x 1): the k largest eigenvalues of the Hessian of
 * f = 1/2 tr(W' Sx W) - tr(W' Sxy), W = W1...WL, in all factor entries (Lanczos on exact
 * Hessian-vector products, ld_sharpness); Y (n x k): orthonormal eigenvectors, the
 * factors' entries stacked (vec(W1); ...; vec(WL)); info = [Hessian-vector products,
 * largest relative Ritz residual, converged (0/1)].  Sx d-by-d symmetric (not checked
 * here), Sxy d-by-p, all real, finite, double; 1 <= k <= n, tol > 0, maxit >= 1,
 * seed a nonnegative integer; v0 (optional; omitted or []: a start drawn from seed) the
 * start vector, n entries stacked as Y's columns, e.g. the top eigenvector Y(:,1) found at
 * a nearby point (a warm start). */
#include <math.h>
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_sharpness__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t *r, d, p;
    const double **W;

    ldm_check_nargs(FN, nrhs, 7, 8, nlhs, 3);
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
    const double *v0 = NULL;
    if (nrhs > 7 && !mxIsEmpty(prhs[7])) {
        ptrdiff_t nv;
        v0 = ldm_get_vector(FN, prhs[7], "v0", 1, &nv);
        if ((size_t)nv != n)
            ldm_error(FN, "v0", "%s: v0 must have %td entries (the factors'), got %td", FN,
                      (ptrdiff_t)n, nv);
    }

    const size_t nw = ld_sharpness_work(L, r, k, maxit);
    if (nw == 0)
        ldm_error(FN, "size", "%s: problem too large", FN);
    double *work = ldm_work(FN, nw);
    double *theta, *Y = NULL, *info;
    mxArray *th = ldm_new_matrix(k, 1, &theta);
    mxArray *y = nlhs > 1 ? ldm_new_matrix((ptrdiff_t)n, k, &Y) : NULL;
    const ld_moments prob = {L, r, Sx, Sxy};
    const ld_sharpness_opts opt = {k, tol, maxit, (unsigned long long)seed, v0};
    ld_sharpness_result res = {theta, Y, 0, 0.0, 0};
    ldm_check_status(FN, ld_sharpness(&prob, W, &opt, &res, work));
    plhs[0] = th;
    if (nlhs > 1)
        plhs[1] = y;
    if (nlhs > 2) {
        plhs[2] = ldm_new_matrix(1, 3, &info);
        info[0] = (double)res.nhv;
        info[1] = res.resid;
        info[2] = res.converged;
    }
}

/*
%!test
%! % L = 1: the Hessian is kron (I_p, Sx); its top eigenvalues with multiplicity p
%! Sx = diag ([3 2 1]);  Sxy = ones (3, 2);
%! [th, Y, info] = __lindyn_sharpness__ (Sx, Sxy, {zeros(3, 2)}, 4, 1e-12, 100, 1);
%! assert (th, [3; 3; 2; 2], 1e-12);
%! assert (Y' * Y, eye (4), 1e-12);  assert (info(3), 1);
%!test
%! % a warm start from the top eigenvector at a nearby point: the top eigenvalue of the
%! % Hessian assembled column by column (eig), within the accepted residual tol * ||H||
%! % (tol = 1e-10), in fewer Hessian-vector products than the seeded start
%! d = 8;  h = 6;  p = 4;
%! Sx = eye (d) + 0.3 * cos ((1:d)' * (1:d));  Sx = (Sx + Sx') / 2;
%! Sxy = sin ((1:d)' * (1:p));
%! W = {0.3 * sin((1:d)' * (1:h) / 3), 0.3 * cos((1:h)' * (1:p) / 2)};
%! [~, Y] = __lindyn_sharpness__ (Sx, Sxy, W, 1, 1e-10, 200, 1);
%! V = {W{1} + 1e-3 * cos((1:d)' * (1:h)), W{2} - 1e-3 * sin((1:h)' * (1:p))};
%! [cold, ~, ic] = __lindyn_sharpness__ (Sx, Sxy, V, 1, 1e-10, 200, 1);
%! [warm, ~, iw] = __lindyn_sharpness__ (Sx, Sxy, V, 1, 1e-10, 200, 1, Y(:, 1));
%! n = d * h + h * p;  H = zeros (n);
%! for j = 1:n
%!   e = zeros (n, 1);  e(j) = 1;
%!   hv = __lindyn_hessvec__ (Sx, Sxy, V, {reshape(e(1:d*h), d, h), reshape(e(d*h+1:end), h, p)});
%!   H(:, j) = [hv{1}(:); hv{2}(:)];
%! end
%! lam = eig ((H + H') / 2);
%! assert ([cold warm], max (lam) * [1 1], 1e-10 * max (abs (lam)));
%! assert (iw(1) < ic(1));  assert ([ic(3) iw(3)], [1 1]);
%! % v0 = [] is the seeded start
%! assert (__lindyn_sharpness__ (Sx, Sxy, V, 1, 1e-10, 200, 1, []), cold);
%!error <expected 7 to 8 input> __lindyn_sharpness__ (1, 1, {1})
%!error <v0 must have 1 entries> __lindyn_sharpness__ (1, 1, {1}, 1, 1e-10, 10, 1, [1 2])
%!error <v0> __lindyn_sharpness__ (1, 1, {1}, 1, 1e-10, 10, 1, NaN)
%!error <k must be> __lindyn_sharpness__ (1, 1, {1}, 2, 1e-10, 10, 1)
%!error <tol must be positive> __lindyn_sharpness__ (1, 1, {1}, 1, 0, 10, 1)
%!error <maxit> __lindyn_sharpness__ (1, 1, {1}, 1, 1e-10, 0, 1)
%!error <seed> __lindyn_sharpness__ (1, 1, {1}, 1, 1e-10, 10, -1)
%!error <no entries> __lindyn_sharpness__ (eye (2), [1; 1], {zeros(2, 0), zeros(0, 1)}, 1, 1e-10, 10, 1)
*/
