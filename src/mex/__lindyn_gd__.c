/* __lindyn_gd__.c -- gateway: iters steps of eq. 5 with recording (see inst/gd_deep.m):
 *   R = __lindyn_gd__ (Sx, Sxy, Wstar, eta, W, iters, at, rmax, nsv, nuclear, path,
 *                      snapshots)
 * eta: K step sizes, one trajectory each (run in parallel with OpenMP); W: the factors
 * {W1, ..., WL} shared by every trajectory, or a cell of K such cells; at: increasing
 * record offsets in [0, iters]; rmax: divergence threshold(s) on ||Sx W - Sxy||_F^2
 * (scalar or K values; Inf: only non-finite); nsv: top singular values to record;
 * nuclear, snapshots: flags; path: d-by-p-by-P stack ([] for none).
 * R is a 1-by-K struct array with fields factors, excess_loss, fro2, nuclear, sv,
 * path_err, snapshots (1-by-n, nsv-by-n, P-by-n, d-by-p-by-n for the n records taken),
 * diverged (logical) and diverged_at (offset of the diverged iterate, or -1). */
#include <math.h>
#include "ldm.h"
#include "lindyn.h"

static const char FN[] = "__lindyn_gd__";

static const char *const FIELDS[] = {"factors", "excess_loss", "fro2", "nuclear", "sv",
                                     "path_err", "snapshots", "diverged", "diverged_at"};

static mxArray *empty(void)
{
    return mxCreateDoubleMatrix(0, 0, mxREAL);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    ptrdiff_t *r, d, p, nat, K, np, nrmax;
    const double **W0;

    ldm_check_nargs(FN, nrhs, 12, 12, nlhs, 1);
    const double *Sxy, *Sx = ldm_get_moments(FN, prhs[0], prhs[1], &Sxy, &d, &p);
    const double *Wstar = ldm_get_matrix_size(FN, prhs[2], "Wstar", 1, d, p);
    const double *eta = ldm_get_vector(FN, prhs[3], "eta", 1, &K);
    if (K < 1)
        ldm_error(FN, "eta", "eta must not be empty");

    /* factors: one chain shared by all trajectories, or one chain per trajectory */
    const mxArray *Wa = prhs[4];
    const int per = mxIsCell(Wa) && mxGetNumberOfElements(Wa) > 0 && mxIsCell(mxGetCell(Wa, 0));
    if (per && (ptrdiff_t)mxGetNumberOfElements(Wa) != K)
        ldm_error(FN, "W", "W must hold one cell of factors per step size (%td), got %td", K,
                  (ptrdiff_t)mxGetNumberOfElements(Wa));
    const ptrdiff_t L = ldm_get_chain(FN, per ? mxGetCell(Wa, 0) : Wa, "W", d, p, &r, &W0);
    const double **Wk = (const double **)mxMalloc(ldm_mul(FN, ldm_mul(FN, (size_t)K, (size_t)L), sizeof(double *)));
    for (ptrdiff_t k = 0; k < K; ++k) {
        const double **src = W0;
        if (per && k > 0) {
            ptrdiff_t *rk;
            if (ldm_get_chain(FN, mxGetCell(Wa, (mwIndex)k), "W", d, p, &rk, &src) != L)
                ldm_error(FN, "W", "every trajectory's W must have %td factors", L);
            for (ptrdiff_t l = 1; l < L; ++l)
                if (rk[l] != r[l])
                    ldm_error(FN, "W", "every trajectory's W must have the widths of W{1}");
        }
        for (ptrdiff_t l = 0; l < L; ++l)
            Wk[k * L + l] = src[l];
    }

    const ptrdiff_t iters = ldm_get_integer(FN, prhs[5], "iters", 0, 9.0e15);
    const double *atd = ldm_get_vector(FN, prhs[6], "at", 1, &nat);
    const double *rmaxd = ldm_get_vector(FN, prhs[7], "rmax", 0, &nrmax);
    if (nrmax != 1 && nrmax != K)
        ldm_error(FN, "rmax", "rmax must be a scalar or have one entry per step size");
    const ptrdiff_t nsv = ldm_get_integer(FN, prhs[8], "nsv", 0, 1.0e9);
    const int want_nuclear = ldm_get_flag(FN, prhs[9], "nuclear");
    const double *path = ldm_get_stack(FN, prhs[10], "path", d, p, &np);
    const int want_snap = ldm_get_flag(FN, prhs[11], "snapshots");

    ptrdiff_t *at = (ptrdiff_t *)mxMalloc(ldm_mul(FN, (size_t)nat + 1, sizeof(ptrdiff_t)));
    for (ptrdiff_t j = 0; j < nat; ++j) {
        if (atd[j] != floor(atd[j]) || atd[j] < 0 || atd[j] > (double)iters
            || (j > 0 && atd[j] <= atd[j - 1]))
            ldm_error(FN, "at", "at must hold increasing integers in [0, iters]");
        at[j] = (ptrdiff_t)atd[j];
    }
    double *rmax = ldm_work(FN, (size_t)K);
    for (ptrdiff_t k = 0; k < K; ++k) {
        rmax[k] = rmaxd[nrmax == 1 ? 0 : k];
        if (isnan(rmax[k]))
            ldm_error(FN, "rmax", "rmax must not be NaN");
    }

    /* outputs, and the record descriptors pointing into them: their total first */
    double chain = 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        chain += (double)r[l] * (double)r[l + 1];
    ldm_check_memory(FN, "at", (double)K * 8.0
                     * (chain + (double)nat * (2.0 + want_nuclear + (double)nsv + (double)np
                                               + (want_snap ? (double)d * (double)p : 0.0))));
    mxArray *R = mxCreateStructMatrix(1, (mwSize)K, 9, (const char **)FIELDS);
    ld_gd_record *rec = (ld_gd_record *)mxMalloc(ldm_mul(FN, (size_t)K, sizeof(ld_gd_record)));
    double **W = (double **)mxMalloc(ldm_mul(FN, (size_t)K * (size_t)L, sizeof(double *)));
    mxArray **fld = (mxArray **)mxMalloc(ldm_mul(FN, (size_t)K * 6, sizeof(mxArray *)));
    for (ptrdiff_t k = 0; k < K; ++k) {
        double **Wout;
        ld_gd_record *q = rec + k;
        mxArray **f = fld + 6 * k;
        mxSetField(R, (mwIndex)k, "factors", ldm_new_chain(FN, L, r, Wk + k * L, &Wout));
        for (ptrdiff_t l = 0; l < L; ++l)
            W[k * L + l] = Wout[l];
        *q = (ld_gd_record){0};
        q->nrec = nat;
        q->at = at;
        q->Wstar = Wstar;
        q->nsv = nsv;
        q->npath = np;
        q->path = path;
        f[0] = ldm_new_matrix(1, nat, &q->excess);
        f[1] = ldm_new_matrix(1, nat, &q->fro2);
        f[2] = want_nuclear ? ldm_new_matrix(1, nat, &q->nuclear) : empty();
        f[3] = ldm_new_matrix(nsv, nat, &q->sv);
        f[4] = ldm_new_matrix(np, nat, &q->dist);
        f[5] = want_snap ? ldm_new_array3(d, p, nat, &q->snap) : empty();
        if (nsv == 0 || nat == 0)
            q->sv = NULL;
        if (np == 0 || nat == 0)
            q->dist = NULL;
        if (!want_snap || nat == 0 || d == 0 || p == 0)
            q->snap = NULL;
        if (nat == 0)
            q->excess = q->fro2 = q->nuclear = NULL;
    }

    const size_t wsize = ld_gd_sweep_work(L, r, K);
    if (wsize == 0)
        ldm_error(FN, "memory", "the scratch of the sweep does not fit in memory");
    double *work = ldm_work(FN, wsize);
    ptrdiff_t *nrec_done = (ptrdiff_t *)mxMalloc(ldm_mul(FN, (size_t)K, 2 * sizeof(ptrdiff_t)));
    ptrdiff_t *div_at = nrec_done + K;
    int *status = (int *)mxMalloc(ldm_mul(FN, (size_t)K, sizeof(int)));
    ldm_check_status(FN, ld_gd_sweep(L, r, Sx, Sxy, K, eta, W, iters, rmax, rec, nrec_done,
                                     div_at, status, work));

    /* keep the records taken */
    static const char *const names[] = {"excess_loss", "fro2", "nuclear", "sv", "path_err",
                                        "snapshots"};
    for (ptrdiff_t k = 0; k < K; ++k) {
        mxArray **f = fld + 6 * k;
        const mwSize n = (mwSize)nrec_done[k];
        mxSetN(f[0], n);
        mxSetN(f[1], n);
        if (want_nuclear)
            mxSetN(f[2], n);
        mxSetN(f[3], n);
        mxSetN(f[4], n);
        if (want_snap) {
            const mwSize dims[3] = {(mwSize)d, (mwSize)p, n};
            mxSetDimensions(f[5], dims, 3);
        }
        for (int i = 0; i < 6; ++i)
            mxSetField(R, (mwIndex)k, names[i], f[i]);
        mxSetField(R, (mwIndex)k, "diverged", mxCreateLogicalScalar(status[k] == LD_EDIVERGED));
        mxSetField(R, (mwIndex)k, "diverged_at", mxCreateDoubleScalar((double)div_at[k]));
    }
    plhs[0] = R;
}

/*
%!test
%! % L = 2 against a plain loop of eq. 5; records of the same iterates
%! randn ('state', 5);
%! d = 4;  p = 3;  A = randn (d);  Sx = eye (d) + A * A' / d;  Sx = Sx / max (eig (Sx));
%! Sxy = randn (d, p);
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
%!   % relative to the size of the terms: the excess loss of an O(||Ws||^2) problem
%!   ex = 0.5 * trace ((E - Ws)' * Sx * (E - Ws));
%!   assert (R.excess_loss(k), ex, 1e-12 * max (1, norm (Ws, 'fro')^2));
%!   assert (R.fro2(k), norm (E, 'fro')^2, 1e-12 * max (1, R.fro2(k)));
%!   assert (R.nuclear(k), sum (s), 1e-12 * max (1, sum (s)));
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
%!test
%! % a sweep: K step sizes and K starts in one call equal K separate calls
%! A = randn (5);  Sx = eye (5) + A * A' / 5;  Sx = Sx / max (eig (Sx));  Sxy = randn (5, 3) / 3;
%! Ws = pinv (Sx) * Sxy;  eta = [0.05 0.1 0.2 0.3 5];
%! W0 = arrayfun (@(k) {randn(5, 4) / 5, randn(4, 3) / 5}, 1:5, 'UniformOutput', false);
%! R = __lindyn_gd__ (Sx, Sxy, Ws, eta, W0, 200, [0 100 200], 1e12, 2, true, Ws, true);
%! assert (size (R), [1 5]);
%! for k = 1:5
%!   S = __lindyn_gd__ (Sx, Sxy, Ws, eta(k), W0{k}, 200, [0 100 200], 1e12, 2, true, Ws, true);
%!   assert (R(k), S);
%! end
%! assert ([R.diverged], [false false false false true]);
%! % one shared start
%! R = __lindyn_gd__ (Sx, Sxy, Ws, eta(1:2), W0{1}, 50, 50, Inf, 0, false, [], false);
%! S = __lindyn_gd__ (Sx, Sxy, Ws, eta(2), W0{1}, 50, 50, Inf, 0, false, [], false);
%! assert (R(2), S);
%!error <expected 12 to 12> __lindyn_gd__ (1)
%!error <at must hold increasing> __lindyn_gd__ (1, 1, 1, 0.1, {1}, 5, [0 6], Inf, 0, false, [], false)
%!error <at must hold increasing> __lindyn_gd__ (1, 1, 1, 0.1, {1}, 5, [2 2], Inf, 0, false, [], false)
%!error <rmax must not be NaN> __lindyn_gd__ (1, 1, 1, 0.1, {1}, 5, 0, NaN, 0, false, [], false)
%!error <eta must not contain> __lindyn_gd__ (1, 1, 1, Inf, {1}, 5, 0, Inf, 0, false, [], false)
%!error <eta must not be empty> __lindyn_gd__ (1, 1, 1, [], {1}, 5, 0, Inf, 0, false, [], false)
%!error <one cell of factors per step> __lindyn_gd__ (1, 1, 1, [0.1 0.2], {{1}}, 5, 0, Inf, 0, false, [], false)
%!error <widths of W\{1\}> __lindyn_gd__ (1, 1, 1, [0.1 0.2], {{1, 1}, {[1 1], [1; 1]}}, 5, 0, Inf, 0, false, [], false)
%!error <rmax must be a scalar or> __lindyn_gd__ (1, 1, 1, [0.1 0.2], {1}, 5, 0, [1 1 1], 0, false, [], false)
%!error <iters must be an integer> __lindyn_gd__ (1, 1, 1, 0.1, {1}, -1, 0, Inf, 0, false, [], false)
%!error <path must be 1-by-1-by-K> __lindyn_gd__ (1, 1, 1, 0.1, {1}, 5, 0, Inf, 0, false, ones (2), false)
%!error <Wstar must be 1-by-1> __lindyn_gd__ (1, 1, [1 1], 0.1, {1}, 5, 0, Inf, 0, false, [], false)
%!error <W\{1\} must have 1 rows> __lindyn_gd__ (1, 1, 1, 0.1, {[1; 1]}, 5, 0, Inf, 0, false, [], false)
*/
