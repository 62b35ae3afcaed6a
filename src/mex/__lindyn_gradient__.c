/* __lindyn_gradient__.c -- gateway:
 *   [G, excess, W] = __lindyn_gradient__ (Sx, Sxy, {W1, ..., WL})
 *   [G, excess, W] = __lindyn_gradient__ (Sx, Sxy, {W1, ..., WL}, Wstar)
 * G = {grad_{W1} f, ..., grad_{WL} f} of eq. 11 (cell of the factors' sizes), excess =
 * 1/2 tr((W - W*)' Sx (W - W*)) with W = W1...WL and W* = pinv(Sx) Sxy (computed here
 * unless given), W the end-to-end matrix.  The right-hand side of the flow (eq. 12) is
 * -G.  Sx d-by-d (symmetric, not checked here), Sxy d-by-p, all real, finite, double. */
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_gradient__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t *r, d, p;
    const double **W;
    double **G, *Wend, *Wstar;

    ldm_check_nargs(FN, nrhs, 3, 4, nlhs, 3);
    const double *Sxy, *Sx = ldm_get_moments(FN, prhs[0], prhs[1], &Sxy, &d, &p);
    const ptrdiff_t L = ldm_get_chain(FN, prhs[2], "W", d, p, &r, &W);
    Wstar = nrhs > 3 ? (double *)ldm_get_matrix_size(FN, prhs[3], "Wstar", 1, d, p) : NULL;

    double *work = ldm_work(FN, ld_gradient_work(L, r));
    mxArray *g = mxCreateCellMatrix(1, (mwSize)L);
    G = (double **)mxMalloc(ldm_mul(FN, (size_t)L, sizeof(double *)));
    for (ptrdiff_t l = 0; l < L; ++l)
        mxSetCell(g, (mwIndex)l, ldm_new_matrix(r[l], r[l + 1], &G[l]));
    mxArray *we = ldm_new_matrix(d, p, &Wend);
    const ld_moments m = {L, r, Sx, Sxy};
    ldm_check_status(FN, ld_deep_gradient(&m, W, G, Wend, NULL, work));
    plhs[0] = g;

    if (nlhs > 1) {
        double excess;
        if (Wstar == NULL && d > 0 && p > 0) {
            Wstar = ldm_work(FN, ldm_mul(FN, (size_t)d, (size_t)p));
            double *lw = ldm_work(FN, ld_min_norm_ls_work(d, p));
            ldm_check_status(FN, ld_min_norm_ls(d, p, Sx, Sxy, Wstar, lw));
        }
        double *mw = ldm_work(FN, ld_measures_work(d, p));
        ldm_check_status(FN, ld_excess_loss(d, p, Wend, Sx, Wstar, &excess, mw));
        plhs[1] = mxCreateDoubleScalar(excess);
    }
    if (nlhs > 2)
        plhs[2] = we;
    else
        mxDestroyArray(we);
}

/*
%!test
%! % against eq. 11 written out in Octave, L = 1..4, widths narrower and wider than d, p
%! rand ('state', 3);  randn ('state', 3);
%! for L = 1:4
%!   d = 5;  p = 3;  r = [d, randi(7, 1, L - 1), p];
%!   % Sx well conditioned: W* from Octave's pinv and from the core's eigendecomposition
%!   % then agree to ~1e-15 relative, so the excess losses agree to 1e-12 relative
%!   A = randn (d);  Sx = A * A' / d + 0.1 * eye (d);  Sxy = randn (d, p);
%!   W = arrayfun (@(l) randn (r(l), r(l+1)) / 2, 1:L, 'UniformOutput', false);
%!   [G, ex, We] = __lindyn_gradient__ (Sx, Sxy, W);
%!   P = eye (d);  Wref = P;  for l = 1:L, Wref = Wref * W{l};  end
%!   R = Sx * Wref - Sxy;
%!   for l = 1:L
%!     Pre = eye (d);  for j = 1:l-1, Pre = Pre * W{j};  end
%!     Suf = eye (p);  for j = L:-1:l+1, Suf = W{j} * Suf;  end
%!     % entries are sums of a few dozen O(1) products: 1e-12 absolute is ~100 eps
%!     assert (G{l}, Pre' * R * Suf', 1e-12);
%!   end
%!   assert (We, Wref, 1e-12);
%!   Ws = pinv (Sx) * Sxy;
%!   % excess loss equals f(W) - f(W*) written with the moments
%!   f = @(M) 0.5 * trace (M' * Sx * M) - trace (M' * Sxy);
%!   assert (ex, f(Wref) - f(Ws), 1e-10 * max (1, abs (ex)));
%!   [~, ex2] = __lindyn_gradient__ (Sx, Sxy, W, Ws);
%!   assert (ex2, ex, 1e-12 * max (1, abs (ex)));
%! end
%!test
%! % singular Sx: W* is the minimum-norm solution, excess is still f - min f
%! X = randn (3, 6);  Y = randn (3, 2);  Sx = X' * X / 3;  Sxy = X' * Y / 3;
%! W = {randn(6, 4), randn(4, 2)};
%! [~, ex] = __lindyn_gradient__ (Sx, Sxy, W);
%! Wr = W{1} * W{2};  Ws = pinv (X) * Y;
%! ref = (norm (Y - X * Wr, 'fro')^2 - norm (Y - X * Ws, 'fro')^2) / 6;
%! assert (ex, ref, 1e-10 * abs (ref));
%!test
%! % empty widths: a rank-0 bottleneck gives W = 0 and zero gradients of the empty shape
%! [G, ex, We] = __lindyn_gradient__ (eye (2), [1; 2], {zeros(2, 0), zeros(0, 1)});
%! assert (size (G{1}), [2 0]);  assert (We, [0; 0]);  assert (ex, 2.5, 1e-15);
%!error <expected 3 to 4 input> __lindyn_gradient__ (1, 1)
%!error <Sx must be square> __lindyn_gradient__ (ones (2, 3), 1, {1})
%!error <Sxy must be 2-by> __lindyn_gradient__ (eye (2), 1, {1})
%!error <non-empty cell> __lindyn_gradient__ (eye (2), [1; 1], {})
%!error <non-empty cell> __lindyn_gradient__ (eye (2), [1; 1], [1; 1])
%!error <W\{2\} has 3 rows> __lindyn_gradient__ (eye (2), [1; 1], {ones(2, 2), ones(3, 1)})
%!error <W\{1\} must have 2 rows> __lindyn_gradient__ (eye (2), [1; 1], {ones(3, 1)})
%!error <W\{1\} must have 1 columns> __lindyn_gradient__ (eye (2), [1; 1], {ones(2, 2)})
%!error <W\{1\} must not contain NaN> __lindyn_gradient__ (eye (2), [1; 1], {[NaN; 1]})
%!error <W\{1\} must be a real> __lindyn_gradient__ (eye (2), [1; 1], {single([1; 1])})
%!error <W\{1\} must be a real> __lindyn_gradient__ (eye (2), [1; 1], {'ab'})
%!error <Wstar must be 2-by-1> __lindyn_gradient__ (eye (2), [1; 1], {[1; 1]}, 1)
%!error <at most 3 output> [a, b, c, d] = __lindyn_gradient__ (eye (2), [1; 1], {[1; 1]})
*/
