/* __lindyn_flow_deep__.c -- gateway:
 *   [Y, stats, y] = __lindyn_flow_deep__ (Sx, Sxy, {W1, ..., WL}, t, rtol, atol,
 *                                         max_steps, h0)
 * the deep linear flow (eq. 12) from the factors W (at time 0) through the nondecreasing
 * times t >= 0 by Dormand-Prince 5(4), taking at most max_steps steps; h0 > 0 is the
 * first step to try (0: automatic).  Y(:,k) is the stacked factors [W1(:); ...; WL(:)]
 * at t(k) for k <= done; stats = [accepted steps, rejected steps, gradient evaluations,
 * t_reached, h_next, done]; y the stacked state at t_reached.  done < numel (t) means the
 * steps ran out (call again from y); a blow-up or step underflow is an error.
 * Sx d-by-d (symmetric, not checked here), Sxy d-by-p.  See inst/flow_deep.m. */
#include <string.h>
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_flow_deep__";

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t *r, d, p, nt;
    const double **W;
    double *Y;
    ld_flow_stats stats;

    ldm_check_nargs(FN, nrhs, 8, 8, nlhs, 3);
    const double *Sxy, *Sx = ldm_get_moments(FN, prhs[0], prhs[1], &Sxy, &d, &p);
    const ptrdiff_t L = ldm_get_chain(FN, prhs[2], "W", d, p, &r, &W);
    const double *t = ldm_get_vector(FN, prhs[3], "t", 1, &nt);
    for (ptrdiff_t k = 0; k < nt; ++k)
        if (t[k] < 0.0 || (k > 0 && t[k] < t[k - 1]))
            ldm_error(FN, "t", "t must be nonnegative and nondecreasing (t(%td) = %g)", k + 1, t[k]);
    const double rtol = ldm_get_scalar(FN, prhs[4], "rtol");
    const double atol = ldm_get_scalar(FN, prhs[5], "atol");
    const double max_steps = (double)ldm_get_integer(FN, prhs[6], "max_steps", 0, 1e15);
    const double h0 = ldm_get_scalar(FN, prhs[7], "h0");
    if (!(rtol > 0.0))
        ldm_error(FN, "rtol", "rtol must be positive, got %g", rtol);
    if (!(atol >= 0.0))
        ldm_error(FN, "atol", "atol must be nonnegative, got %g", atol);
    if (h0 < 0.0)
        ldm_error(FN, "h0", "h0 must be nonnegative, got %g", h0);

    size_t n = 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        n += ldm_mul(FN, (size_t)r[l], (size_t)r[l + 1]);
    double *y = ldm_work(FN, n);
    size_t off = 0;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t c = (size_t)r[l] * (size_t)r[l + 1];
        if (c > 0)
            memcpy(y + off, W[l], c * sizeof(double));
        off += c;
    }
    (void)ldm_mul(FN, n, (size_t)nt);
    plhs[0] = ldm_new_matrix((ptrdiff_t)n, nt, &Y);
    double *work = ldm_work(FN, ld_flow_deep_work(L, r));
    double **ptrs = (double **)mxMalloc(ldm_mul(FN, 2 * (size_t)L, sizeof(double *)));
    const ld_moments prob = {L, r, Sx, Sxy};
    const ld_flow_opts opt = {nt, t, rtol, atol, max_steps, h0};
    const int s = ld_flow_deep(&prob, &opt, y, Y, &stats, work, ptrs);
    if (s == LD_EDIVERGED)
        ldm_error(FN, "integration", "the integration stopped at t = %.17g (solution not "
                  "finite or step size underflow after %.0f steps)", stats.t_reached,
                  stats.steps + stats.rejected);
    ldm_check_status(FN, s);
    mxFree(work);
    mxFree(ptrs);
    if (nlhs > 1) {
        double *o;
        plhs[1] = ldm_new_matrix(1, 6, &o);
        o[0] = stats.steps;
        o[1] = stats.rejected;
        o[2] = stats.evals;
        o[3] = stats.t_reached;
        o[4] = stats.h_next;
        o[5] = (double)stats.done;
    }
    if (nlhs > 2) {
        double *o;
        plhs[2] = ldm_new_matrix((ptrdiff_t)n, 1, &o);
        if (n > 0)
            memcpy(o, y, n * sizeof(double));
    }
    mxFree(y);
}

/*
%!test
%! % L = 1: y' = Sxy - Sx y, against expm
%! Sx = [2 1; 1 3];  Sxy = [1; 2];  W0 = [0.5; -1];
%! [Y, st] = __lindyn_flow_deep__ (Sx, Sxy, {W0}, [0 0.5 2], 1e-11, 1e-14, 1e5, 0);
%! Ws = Sx \ Sxy;
%! assert (Y(:,1), W0);
%! assert (Y(:,3), Ws + expm (-2 * Sx) * (W0 - Ws), 1e-9);
%! assert (st(1) > 0 && st(3) >= 6 * st(1) && st(4) == 2 && st(6) == 3);
%! % in pieces: out of steps after 5, continued from the returned state and step
%! [Y1, s1, y] = __lindyn_flow_deep__ (Sx, Sxy, {W0}, 2, 1e-11, 1e-14, 5, 0);
%! assert (s1(6), 0);  assert (s1(4) > 0 && s1(4) < 2);
%! [Y2, s2] = __lindyn_flow_deep__ (Sx, Sxy, {y}, 2 - s1(4), 1e-11, 1e-14, 1e5, s1(5));
%! assert (s2(6), 1);  assert (Y2, Y(:,3), 1e-9);
%!test
%! % L = 2 scalar: w = m n with m = n, w' = 2 w (s - l w)
%! [Y, st] = __lindyn_flow_deep__ (2, 1, {0.1, 0.1}, 3, 1e-11, 1e-15, 1e5, 0);
%! w = Y(1) * Y(2);
%! assert (w, 1 * 0.01 / ((1 - 2 * 0.01) * exp (-6) + 2 * 0.01), 1e-9);
%!error <expected 8 to 8 input> __lindyn_flow_deep__ (1, 1, {1}, 1, 1e-8, 0, 10)
%!error <nondecreasing> __lindyn_flow_deep__ (1, 1, {1}, [2 1], 1e-8, 0, 100, 0)
%!error <nonnegative and> __lindyn_flow_deep__ (1, 1, {1}, -1, 1e-8, 0, 100, 0)
%!error <rtol must be positive> __lindyn_flow_deep__ (1, 1, {1}, 1, 0, 0, 100, 0)
%!error <atol must be nonnegative> __lindyn_flow_deep__ (1, 1, {1}, 1, 1e-8, -1, 100, 0)
%!error <h0 must be nonnegative> __lindyn_flow_deep__ (1, 1, {1}, 1, 1e-8, 0, 100, -1)
%!error <h0 must not contain NaN> __lindyn_flow_deep__ (1, 1, {1}, 1, 1e-8, 0, 100, Inf)
%!error <max_steps must be an integer> __lindyn_flow_deep__ (1, 1, {1}, 1, 1e-8, 0, 0.5, 0)
%!error <W must be a non-empty cell> __lindyn_flow_deep__ (1, 1, 1, 1, 1e-8, 0, 100, 0)
%!error <has 2 rows> __lindyn_flow_deep__ (1, 1, {1, [1; 1]}, 1, 1e-8, 0, 100, 0)
%!error <not finite or step size> __lindyn_flow_deep__ (-1, 0, {1, 1}, 10, 1e-8, 0, 1e6, 0)
*/
