/* __lindyn_gd__.c -- gateway: iters steps of eq. 5 with recording (see inst/gd_deep.m):
 *   R = __lindyn_gd__ (Sx, Sxy, Wstar, eta, {W1, ..., WL}, iters, at, rmax, nsv,
 *                      nuclear, path, snapshots)
 * at: increasing record offsets in [0, iters]; rmax: divergence threshold on
 * ||Sx W - Sxy||_F^2 (Inf: only non-finite); nsv: top singular values to record;
 * nuclear, snapshots: flags; path: d-by-p-by-K stack ([] for none).
 * R has fields factors, excess_loss, fro2, nuclear, sv, path_err, snapshots (1-by-n,
 * nsv-by-n, K-by-n, d-by-p-by-n for the n records taken), diverged (logical) and
 * diverged_at (offset of the diverged iterate, or -1). */
#include <math.h>
#include "ld_mex.h"
#include "ld_gd.h"

static const char FN[] = "__lindyn_gd__";

static const char *const FIELDS[] = {"factors", "excess_loss", "fro2", "nuclear", "sv",
                                     "path_err", "snapshots", "diverged", "diverged_at"};

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t *r, d, p, nat, K, nrec_done, div_at;
    const double **W0;
    double **W;

    ldm_check_nargs(FN, nrhs, 12, 12, nlhs, 1);
    const double *Sx = ldm_get_matrix(FN, prhs[0], "Sx", 1, &d, &p);
    if (p != d)
        ldm_error(FN, "Sx", "Sx must be square, got %td-by-%td", d, p);
    const double *Sxy = ldm_get_matrix_size(FN, prhs[1], "Sxy", 1, d, -1);
    p = (ptrdiff_t)mxGetN(prhs[1]);
    const double *Wstar = ldm_get_matrix_size(FN, prhs[2], "Wstar", 1, d, p);
    const double eta = ldm_get_scalar(FN, prhs[3], "eta");
    const ptrdiff_t L = ldm_get_chain(FN, prhs[4], "W", d, p, &r, &W0);
    const ptrdiff_t iters = ldm_get_integer(FN, prhs[5], "iters", 0, 9.0e15);
    const double *atd = ldm_get_vector(FN, prhs[6], "at", 1, &nat);
    const double rmax = ldm_get_scalar_inf(FN, prhs[7], "rmax");
    const ptrdiff_t nsv = ldm_get_integer(FN, prhs[8], "nsv", 0, 1.0e9);
    const int want_nuclear = ldm_get_flag(FN, prhs[9], "nuclear");
    const double *path = ldm_get_stack(FN, prhs[10], "path", d, p, &K);
    const int want_snap = ldm_get_flag(FN, prhs[11], "snapshots");

    ptrdiff_t *at = (ptrdiff_t *)mxMalloc(ldm_mul(FN, (size_t)nat + 1, sizeof(ptrdiff_t)));
    for (ptrdiff_t j = 0; j < nat; ++j) {
        if (atd[j] != floor(atd[j]) || atd[j] < 0 || atd[j] > (double)iters
            || (j > 0 && atd[j] <= atd[j - 1]))
            ldm_error(FN, "at", "at must hold increasing integers in [0, iters]");
        at[j] = (ptrdiff_t)atd[j];
    }

    mxArray *R = mxCreateStructMatrix(1, 1, 9, (const char **)FIELDS);
    mxSetField(R, 0, "factors", ldm_new_chain(FN, L, r, W0, &W));
    ld_gd_record rec = {0};
    rec.nrec = nat;
    rec.at = at;
    rec.Wstar = Wstar;
    rec.nsv = nsv;
    rec.npath = K;
    rec.path = path;
    mxArray *ex = ldm_new_matrix(1, nat, &rec.excess);
    mxArray *f2 = ldm_new_matrix(1, nat, &rec.fro2);
    mxArray *nu = want_nuclear ? ldm_new_matrix(1, nat, &rec.nuclear) : mxCreateDoubleMatrix(0, 0, mxREAL);
    mxArray *sv = ldm_new_matrix(nsv, nat, &rec.sv);
    mxArray *pe = ldm_new_matrix(K, nat, &rec.dist);
    mxArray *sn = want_snap ? ldm_new_array3(d, p, nat, &rec.snap)
                            : mxCreateDoubleMatrix(0, 0, mxREAL);
    if (nsv == 0 || nat == 0)
        rec.sv = NULL;
    if (K == 0 || nat == 0)
        rec.dist = NULL;
    if (!want_snap || nat == 0 || d == 0 || p == 0)
        rec.snap = NULL;
    if (nat == 0)
        rec.excess = rec.fro2 = rec.nuclear = NULL;

    double *work = ldm_work(FN, ld_gd_work(L, r));
    const int status = ld_gd_run(L, r, Sx, Sxy, eta, W, iters, rmax, &rec, &nrec_done,
                                 &div_at, work);
    if (status != LD_EDIVERGED)
        ldm_check_status(FN, status);

    /* keep the records taken */
    mxSetN(ex, (mwSize)nrec_done);
    mxSetN(f2, (mwSize)nrec_done);
    if (want_nuclear)
        mxSetN(nu, (mwSize)nrec_done);
    mxSetN(sv, (mwSize)nrec_done);
    mxSetN(pe, (mwSize)nrec_done);
    if (want_snap) {
        const mwSize dims[3] = {(mwSize)d, (mwSize)p, (mwSize)nrec_done};
        mxSetDimensions(sn, dims, 3);
    }
    mxSetField(R, 0, "excess_loss", ex);
    mxSetField(R, 0, "fro2", f2);
    mxSetField(R, 0, "nuclear", nu);
    mxSetField(R, 0, "sv", sv);
    mxSetField(R, 0, "path_err", pe);
    mxSetField(R, 0, "snapshots", sn);
    mxSetField(R, 0, "diverged", mxCreateLogicalScalar(status == LD_EDIVERGED));
    mxSetField(R, 0, "diverged_at", mxCreateDoubleScalar((double)div_at));
    plhs[0] = R;
}

/*
%!test
%! % L = 2 against a plain loop of eq. 5; records of the same iterates
%! d = 4;  p = 3;  A = randn (d);  Sx = A * A' / d;  Sxy = randn (d, p);
%! Ws = pinv (Sx) * Sxy;  W1 = randn (d, 2) / 3;  W2 = randn (2, p) / 3;  eta = 0.05;
%! R = __lindyn_gd__ (Sx, Sxy, Ws, eta, {W1, W2}, 30, [0 7 30], Inf, 2, true, ...
%!                    cat (3, zeros (d, p), Ws), true);
%! snaps = zeros (d, p, 3);  k = 1;
%! for t = 0:30
%!   if (any (t == [0 7 30])), snaps(:,:,k) = W1 * W2;  k = k + 1;  end
%!   if (t == 30), break;  end
%!   G = Sx * (W1 * W2) - Sxy;  [W1, W2] = deal (W1 - eta * G * W2', W2 - eta * W1' * G);
%! end
%! % 30 steps of O(1) products: rounding differences stay ~1e-15 relative
%! assert (R.factors{1}, W1, 1e-12);  assert (R.factors{2}, W2, 1e-12);
%! assert (R.snapshots, snaps, 1e-12);
%! for k = 1:3
%!   E = snaps(:,:,k);  s = svd (E);
%!   assert (R.excess_loss(k), 0.5 * trace ((E - Ws)' * Sx * (E - Ws)), 1e-12);
%!   assert (R.fro2(k), norm (E, 'fro')^2, 1e-12);
%!   assert (R.nuclear(k), sum (s), 1e-12);
%!   assert (R.sv(:,k), s(1:2), 1e-12);
%!   assert (R.path_err(:,k), [norm(E, 'fro'); norm(E - Ws, 'fro')], 1e-12);
%! end
%! assert (R.diverged, false);  assert (R.diverged_at, -1);
%!test
%! % divergence: stops, records only the iterates before
%! R = __lindyn_gd__ (4, 1, 0.25, 1, {0}, 100, 0:100, 1e6, 0, false, [], false);
%! assert (R.diverged, true);
%! % residual 4 w - 1 with w_t = 0.25 (1 - (-3)^t): 3^t >= 1e3 from t = 7 on
%! assert (R.diverged_at, 7);  assert (numel (R.fro2), 7);
%!error <expected 12 to 12> __lindyn_gd__ (1)
%!error <at must hold increasing> __lindyn_gd__ (1, 1, 1, 0.1, {1}, 5, [0 6], Inf, 0, false, [], false)
%!error <at must hold increasing> __lindyn_gd__ (1, 1, 1, 0.1, {1}, 5, [2 2], Inf, 0, false, [], false)
%!error <rmax must be a scalar> __lindyn_gd__ (1, 1, 1, 0.1, {1}, 5, 0, NaN, 0, false, [], false)
%!error <eta must not contain> __lindyn_gd__ (1, 1, 1, Inf, {1}, 5, 0, Inf, 0, false, [], false)
%!error <iters must be an integer> __lindyn_gd__ (1, 1, 1, 0.1, {1}, -1, 0, Inf, 0, false, [], false)
%!error <path must be 1-by-1-by-K> __lindyn_gd__ (1, 1, 1, 0.1, {1}, 5, 0, Inf, 0, false, ones (2), false)
%!error <Wstar must be 1-by-1> __lindyn_gd__ (1, 1, [1 1], 0.1, {1}, 5, 0, Inf, 0, false, [], false)
%!error <W\{1\} must have 1 rows> __lindyn_gd__ (1, 1, 1, 0.1, {[1; 1]}, 5, 0, Inf, 0, false, [], false)
*/
