/* __lindyn_hessvec__.c -- gateway:
 *   HV = __lindyn_hessvec__ (Sx, Sxy, {W1, ..., WL}, {V1, ..., VL})
 * HV = {(H V)_1, ..., (H V)_L}: the Hessian of f = 1/2 tr(W' Sx W) - tr(W' Sxy),
 * W = W1...WL, applied to the direction V (the derivative of eq. 11 along V; exact, no
 * finite differences; ld_hessvec).  V has the factors' shapes. */
#include <string.h>
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_hessvec__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t *r, *rv, d, p;
    const double **W, **V;

    ldm_check_nargs(FN, nrhs, 4, 4, nlhs, 1);
    const double *Sxy, *Sx = ldm_get_moments(FN, prhs[0], prhs[1], &Sxy, &d, &p);
    const ptrdiff_t L = ldm_get_chain(FN, prhs[2], "W", d, p, &r, &W);
    const ptrdiff_t LV = ldm_get_chain(FN, prhs[3], "V", d, p, &rv, &V);
    if (LV != L)
        ldm_error(FN, "V", "%s: V must have %d factors like W", FN, (int)L);
    for (ptrdiff_t l = 0; l <= L; ++l)
        if (rv[l] != r[l])
            ldm_error(FN, "V", "%s: V must have the shapes of W's factors", FN);
    const size_t n = ld_hessvec_count(L, r);
    double *state = ldm_work(FN, ld_hessvec_state(L, r));
    double *work = ldm_work(FN, ld_hessvec_work(L, r));
    double *v = ldm_work(FN, n + 1), *hv = ldm_work(FN, n + 1);
    size_t off = 0;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t c = (size_t)r[l] * (size_t)r[l + 1];
        if (c > 0)
            memcpy(v + off, V[l], c * sizeof(double));
        off += c;
    }
    const ld_moments prob = {L, r, Sx, Sxy};
    ldm_check_status(FN, ld_hessvec_prepare(&prob, W, state));
    ldm_check_status(FN, ld_hessvec(&prob, W, state, v, hv, work));
    mxArray *out = mxCreateCellMatrix(1, (mwSize)L);
    off = 0;
    for (ptrdiff_t l = 0; l < L; ++l) {
        double *h;
        const size_t c = (size_t)r[l] * (size_t)r[l + 1];
        mxSetCell(out, (mwIndex)l, ldm_new_matrix(r[l], r[l + 1], &h));
        if (c > 0)
            memcpy(h, hv + off, c * sizeof(double));
        off += c;
    }
    plhs[0] = out;
}

/*
%!test
%! % against central differences of the exact gradient (eq. 11, __lindyn_gradient__):
%! % the gradient is a polynomial of degree 2L - 1 in the step h, so the central
%! % difference errs by O(h^2); h = 1e-5 gives ~1e-10, rounding adds ~eps/h ~ 1e-11
%! randn ('state', 7);
%! for L = 1:3
%!   d = 4;  p = 3;  r = [d, 3 + (1:L-1), p];
%!   A = randn (d);  Sx = A * A' / d;  Sxy = randn (d, p);
%!   W = arrayfun (@(l) randn (r(l), r(l+1)) / 2, 1:L, 'UniformOutput', false);
%!   V = arrayfun (@(l) randn (r(l), r(l+1)), 1:L, 'UniformOutput', false);
%!   HV = __lindyn_hessvec__ (Sx, Sxy, W, V);
%!   % and against the Hessian by complex steps of eq. 11 written out (exact to rounding)
%!   sz = cellfun (@numel, W);  off = [0, cumsum(sz)];  n = off(end);  H = zeros (n);
%!   for j = 1:n
%!     Wc = W;  q = find (j > off, 1, 'last');
%!     Wc{q}(j - off(q)) = Wc{q}(j - off(q)) + 1i * 1e-30;
%!     M = eye (d);  for t = 1:L, M = M * Wc{t};  end
%!     R = Sx * M - Sxy;  g = [];
%!     for t = 1:L
%!       Pre = eye (d);  for u = 1:t-1, Pre = Pre * Wc{u};  end
%!       Suf = eye (p);  for u = L:-1:t+1, Suf = Wc{u} * Suf;  end
%!       Gt = Pre.' * R * Suf.';  g = [g; Gt(:)];
%!     end
%!     H(:,j) = imag (g) / 1e-30;
%!   end
%!   v = cellfun (@(x) x(:), V, 'UniformOutput', false);  v = vertcat (v{:});
%!   hv = cellfun (@(x) x(:), HV, 'UniformOutput', false);  hv = vertcat (hv{:});
%!   err = norm (hv - H * v) / norm (H * v);
%!   printf ('    L = %d: H*v vs the complex-step Hessian, rel. diff %.1e\n', L, err);
%!   assert (err < 1e-13);      % a few dozen products of O(1) entries: ~100 eps
%!   h = 1e-5;
%!   Wp = cellfun (@(w, v) w + h * v, W, V, 'UniformOutput', false);
%!   Wm = cellfun (@(w, v) w - h * v, W, V, 'UniformOutput', false);
%!   Gp = __lindyn_gradient__ (Sx, Sxy, Wp);  Gm = __lindyn_gradient__ (Sx, Sxy, Wm);
%!   for l = 1:L
%!     fd = (Gp{l} - Gm{l}) / (2 * h);
%!     assert (HV{l}, fd, 1e-8 * max (1, norm (fd, 'fro')));
%!   end
%! end
%!error <expected 4 to 4 input> __lindyn_hessvec__ (1, 1, {1})
%!error <V must have 1 factors> __lindyn_hessvec__ (1, 1, {1}, {1, 1})
%!error <V must have the shapes> __lindyn_hessvec__ (1, 1, {1, 1}, {ones(1, 2), ones(2, 1)})
*/
