/* __lindyn_run__.c -- gateway of the trajectory runner (ld_run.h), see inst/private/
 * ld_run_driver.m:
 *   R = __lindyn_run__ (objective, data, par, method, hyper, eta, W, S, t0, iters, at,
 *                       cmax, nsv, flags, path)
 * objective, method: names in src/ld_run_table.h; data: a cell of real full 2-D arrays
 * (double, single or uint8) and par a vector, the objective's data; hyper: the update
 * rule's hyper-parameters; eta: K step sizes; W: a cell of K chains {W1, ..., WL} (same
 * widths); S: a cell of K cells of L * nstate matrices (state i of factor l at
 * (l-1)*nstate + i), or {} for zero state; t0: the steps already done (stochastic
 * objectives and Adam's bias correction count from it); iters; at: increasing record
 * offsets in [0, iters]; cmax: divergence threshold(s) (scalar or K); nsv: top singular
 * values to record; flags = [nuclear, erank, snapshots]; path: d-by-p-by-P stack.
 * R: 1-by-K struct, fields factors, state, loss, fro2, nuclear, erank, sv, path_err,
 * snapshots, diverged, diverged_at (offset in this call, or -1). */
#include <math.h>
#include <string.h>
#include "ldm.h"
#include "ld_run.h"
#include "ld_run_table.h"

static const char FN[] = "__lindyn_run__";

static const char *const FIELDS[] = {"factors", "state", "loss", "fro2", "nuclear", "erank",
                                     "sv", "path_err", "snapshots", "diverged",
                                     "diverged_at"};

static mxArray *empty(void)
{
    return mxCreateDoubleMatrix(0, 0, mxREAL);
}

static void get_name(const mxArray *a, const char *what, char *buf, size_t len)
{
    if (!mxIsChar(a) || mxGetNumberOfElements(a) >= len || mxGetString(a, buf, (mwSize)len) != 0)
        ldm_error(FN, what, "%s must be a short string", what);
}

static ld_array get_array(const mxArray *a, ptrdiff_t i)
{
    ld_array x;
    if (mxIsSparse(a) || mxIsComplex(a) || mxGetNumberOfDimensions(a) != 2
        || !(mxIsDouble(a) || mxIsSingle(a) || mxIsUint8(a)))
        ldm_error(FN, "data", "data{%td} must be a real full 2-D double, single or uint8 array",
                  i + 1);
    x.type = mxIsDouble(a) ? LD_DOUBLE : mxIsSingle(a) ? LD_SINGLE : LD_UINT8;
    x.m = (ptrdiff_t)mxGetM(a);
    x.n = (ptrdiff_t)mxGetN(a);
    x.data = mxGetNumberOfElements(a) > 0 ? mxGetData(a) : NULL;
    return x;
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    char oname[64], uname[64];
    ptrdiff_t npar, nhyper, K, nat, ncmax, np, nflags, *r = NULL;

    ldm_check_nargs(FN, nrhs, 15, 15, nlhs, 1);
    get_name(prhs[0], "objective", oname, sizeof oname);
    const ld_objective *obj = ld_objective_find(oname);
    if (obj == NULL)
        ldm_error(FN, "objective", "unknown objective \"%s\"", oname);
    if (!mxIsCell(prhs[1]))
        ldm_error(FN, "data", "data must be a cell");
    const ptrdiff_t narg = (ptrdiff_t)mxGetNumberOfElements(prhs[1]);
    ld_array *arg = (ld_array *)mxMalloc(ldm_mul(FN, (size_t)narg + 1, sizeof(ld_array)));
    for (ptrdiff_t i = 0; i < narg; ++i)
        arg[i] = get_array(mxGetCell(prhs[1], (mwIndex)i), i);
    const double *par = ldm_get_vector(FN, prhs[2], "par", 1, &npar);
    get_name(prhs[3], "method", uname, sizeof uname);
    const ld_update *upd = ld_update_find(uname);
    if (upd == NULL)
        ldm_error(FN, "method", "unknown method \"%s\"", uname);
    const double *hyper = ldm_get_vector(FN, prhs[4], "hyper", 1, &nhyper);
    if (nhyper < upd->nhyper)
        ldm_error(FN, "hyper", "method \"%s\" needs %d hyper-parameters", uname, upd->nhyper);
    if (upd->check != NULL && upd->check(hyper) != LD_OK)
        ldm_error(FN, "hyper", "the hyper-parameters of method \"%s\" are out of range", uname);
    const double *eta = ldm_get_vector(FN, prhs[5], "eta", 1, &K);
    if (K < 1)
        ldm_error(FN, "eta", "eta must not be empty");

    /* the K chains */
    const mxArray *Wa = prhs[6];
    if (!mxIsCell(Wa) || (ptrdiff_t)mxGetNumberOfElements(Wa) != K)
        ldm_error(FN, "W", "W must be a cell of %td chains of factors", K);
    const double **W0;
    const ptrdiff_t L = ldm_get_chain(FN, mxGetCell(Wa, 0), "W", -1, -1, &r, &W0);
    const ptrdiff_t d = r[0], p = r[L], ns = upd->nstate;
    const double **Wk = (const double **)mxMalloc(ldm_mul(FN, ldm_mul(FN, (size_t)K, (size_t)L), sizeof(double *)));
    for (ptrdiff_t k = 0; k < K; ++k) {
        const double **src = W0;
        if (k > 0) {
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

    /* the update state: given, or zero */
    const mxArray *Sa = prhs[7];
    const int have_state = mxIsCell(Sa) && mxGetNumberOfElements(Sa) > 0;
    if (!mxIsCell(Sa) || (have_state && (ptrdiff_t)mxGetNumberOfElements(Sa) != K))
        ldm_error(FN, "S", "S must be {} or a cell of %td cells of states", K);
    for (ptrdiff_t k = 0; have_state && k < K; ++k) {
        const mxArray *c = mxGetCell(Sa, (mwIndex)k);
        if (c == NULL || !mxIsCell(c) || (ptrdiff_t)mxGetNumberOfElements(c) != L * ns)
            ldm_error(FN, "S", "S{%td} must be a cell of %td matrices", k + 1, L * ns);
        for (ptrdiff_t l = 0; l < L; ++l)
            for (ptrdiff_t i = 0; i < ns; ++i)
                (void)ldm_get_matrix_size(FN, mxGetCell(c, (mwIndex)(l * ns + i)), "S", 1,
                                          r[l], r[l + 1]);
    }

    const double t0 = (double)ldm_get_integer(FN, prhs[8], "t0", 0, 9.0e15);
    const ptrdiff_t iters = ldm_get_integer(FN, prhs[9], "iters", 0, 9.0e15);
    const double *atd = ldm_get_vector(FN, prhs[10], "at", 1, &nat);
    const double *cmaxd = ldm_get_vector(FN, prhs[11], "cmax", 0, &ncmax);
    if (ncmax != 1 && ncmax != K)
        ldm_error(FN, "cmax", "cmax must be a scalar or have one entry per step size");
    const ptrdiff_t nsv = ldm_get_integer(FN, prhs[12], "nsv", 0, 1.0e9);
    const double *flags = ldm_get_vector(FN, prhs[13], "flags", 1, &nflags);
    if (nflags != 3)
        ldm_error(FN, "flags", "flags must be [nuclear, erank, snapshots]");
    const int want_nuc = flags[0] != 0, want_erank = flags[1] != 0, want_snap = flags[2] != 0;
    const double *path = ldm_get_stack(FN, prhs[14], "path", d, p, &np);

    ptrdiff_t *at = (ptrdiff_t *)mxMalloc(ldm_mul(FN, (size_t)nat + 1, sizeof(ptrdiff_t)));
    for (ptrdiff_t j = 0; j < nat; ++j) {
        if (atd[j] != floor(atd[j]) || atd[j] < 0 || atd[j] > (double)iters
            || (j > 0 && atd[j] <= atd[j - 1]))
            ldm_error(FN, "at", "at must hold increasing integers in [0, iters]");
        at[j] = (ptrdiff_t)atd[j];
    }
    double *cmax = ldm_work(FN, (size_t)K);
    for (ptrdiff_t k = 0; k < K; ++k) {
        cmax[k] = cmaxd[ncmax == 1 ? 0 : k];
        if (isnan(cmax[k]))
            ldm_error(FN, "cmax", "cmax must not be NaN");
    }

    const ld_objdata od = {narg, arg, npar, par};
    const ld_run_spec spec = {obj, &od, upd, hyper, L, r};
    const int chk = ld_run_check(&spec);
    if (chk != LD_OK)
        ldm_error(FN, "data", "the data do not fit objective \"%s\" (%s)", oname,
                  ld_strerror(chk));

    /* outputs and record descriptors */
    mxArray *R = mxCreateStructMatrix(1, (mwSize)K, 11, (const char **)FIELDS);
    ld_run_record *rec = (ld_run_record *)mxMalloc(ldm_mul(FN, (size_t)K, sizeof(ld_run_record)));
    double **W = (double **)mxMalloc(ldm_mul(FN, ldm_mul(FN, (size_t)K, (size_t)L), sizeof(double *)));
    double **S = (double **)mxMalloc(ldm_mul(FN, ldm_mul(FN, (size_t)K, (size_t)(L * ns) + 1), sizeof(double *)));
    mxArray **fld = (mxArray **)mxMalloc(ldm_mul(FN, (size_t)K * 7, sizeof(mxArray *)));
    for (ptrdiff_t k = 0; k < K; ++k) {
        double **Wout;
        ld_run_record *q = rec + k;
        mxArray **f = fld + 7 * k;
        mxSetField(R, (mwIndex)k, "factors", ldm_new_chain(FN, L, r, Wk + k * L, &Wout));
        for (ptrdiff_t l = 0; l < L; ++l)
            W[k * L + l] = Wout[l];
        mxArray *sc = mxCreateCellMatrix(1, (mwSize)(L * ns));
        for (ptrdiff_t l = 0; l < L; ++l)
            for (ptrdiff_t i = 0; i < ns; ++i) {
                double *dst;
                mxArray *m = ldm_new_matrix(r[l], r[l + 1], &dst);
                const size_t cnt = (size_t)r[l] * (size_t)r[l + 1];
                if (have_state && cnt > 0)
                    memcpy(dst, mxGetPr(mxGetCell(mxGetCell(Sa, (mwIndex)k), (mwIndex)(l * ns + i))),
                           cnt * sizeof(double));
                mxSetCell(sc, (mwIndex)(l * ns + i), m);
                S[(k * L + l) * ns + i] = dst;
            }
        mxSetField(R, (mwIndex)k, "state", sc);
        *q = (ld_run_record){0};
        q->nrec = nat;
        q->at = at;
        q->nsv = nsv;
        q->npath = np;
        q->path = path;
        f[0] = ldm_new_matrix(1, nat, &q->loss);
        f[1] = ldm_new_matrix(1, nat, &q->fro2);
        f[2] = want_nuc ? ldm_new_matrix(1, nat, &q->nuclear) : empty();
        f[3] = want_erank ? ldm_new_matrix(1, nat, &q->erank) : empty();
        f[4] = ldm_new_matrix(nsv, nat, &q->sv);
        f[5] = ldm_new_matrix(np, nat, &q->dist);
        f[6] = want_snap ? ldm_new_array3(d, p, nat, &q->snap) : empty();
        if (!want_nuc)
            q->nuclear = NULL;
        if (!want_erank)
            q->erank = NULL;
        if (nsv == 0 || nat == 0)
            q->sv = NULL;
        if (np == 0 || nat == 0)
            q->dist = NULL;
        if (!want_snap || nat == 0 || d == 0 || p == 0)
            q->snap = NULL;
        if (nat == 0)
            q->loss = q->fro2 = q->nuclear = q->erank = NULL;
    }

    const size_t wsize = ldm_mul(FN, (size_t)K, ld_run_work(&spec));
    double *work = ldm_work(FN, wsize);
    ptrdiff_t *nrec_done = (ptrdiff_t *)mxMalloc(ldm_mul(FN, (size_t)K, 2 * sizeof(ptrdiff_t)));
    ptrdiff_t *div_at = nrec_done + K;
    int *status = (int *)mxMalloc(ldm_mul(FN, (size_t)K, sizeof(int)));
    ldm_check_status(FN, ld_run_sweep(&spec, K, eta, W, S, t0, iters, cmax, rec, nrec_done,
                                      div_at, status, work));

    static const char *const names[] = {"loss", "fro2", "nuclear", "erank", "sv", "path_err",
                                        "snapshots"};
    for (ptrdiff_t k = 0; k < K; ++k) {
        mxArray **f = fld + 7 * k;
        const mwSize n = (mwSize)nrec_done[k];
        for (int i = 0; i < 6; ++i)
            if ((i != 2 || want_nuc) && (i != 3 || want_erank))
                mxSetN(f[i], n);
        if (want_snap) {
            const mwSize dims[3] = {(mwSize)d, (mwSize)p, n};
            mxSetDimensions(f[6], dims, 3);
        }
        for (int i = 0; i < 7; ++i)
            mxSetField(R, (mwIndex)k, names[i], f[i]);
        mxSetField(R, (mwIndex)k, "diverged", mxCreateLogicalScalar(status[k] == LD_EDIVERGED));
        mxSetField(R, (mwIndex)k, "diverged_at", mxCreateDoubleScalar((double)div_at[k]));
    }
    plhs[0] = R;
}

/*
%!test
%! % the moments objective with gd equals __lindyn_gd__ (same iterates to rounding)
%! randn ('state', 5);
%! d = 4;  p = 3;  A = randn (d);  Sx = eye (d) + A * A' / d;  Sx = Sx / max (eig (Sx));
%! Sxy = randn (d, p);  Ws = Sx \ Sxy;  W = {randn(d, 2) / 3, randn(2, p) / 3};
%! R = __lindyn_run__ ('moments', {Sx, Sxy, Ws}, [], 'gd', [], 0.05, {W}, {}, 0, 40, [0 40], ...
%!                     Inf, 2, [1 1 0], []);
%! G = __lindyn_gd__ (Sx, Sxy, Ws, 0.05, W, 40, [0 40], Inf, 2, true, [], false);
%! % 40 steps of O(1) products: rounding ~1e-15 relative
%! for l = 1:2, assert (R.factors{l}, G.factors{l}, 1e-12);  end
%! assert (R.loss, G.excess_loss, 1e-12);  assert (R.sv, G.sv, 1e-12);
%! s = svd (R.factors{1} * R.factors{2});  q = s / sum (s);
%! assert (R.erank(end), exp (-sum (q .* log (q))), 1e-12);
%!test
%! % divergence stops at the diverged iterate, whose factors are returned unchanged
%! R = __lindyn_run__ ('moments', {4, 1, 0.25}, [], 'gd', [], 1, {{0}}, {}, 0, 100, 0:100, ...
%!                     1e6, 0, [0 0 0], []);
%! assert (R.diverged, true);
%! % residual 4 w - 1 with w_t = 0.25 (1 - (-3)^t): 3^t >= 1e3 from t = 7 on
%! assert (R.diverged_at, 7);  assert (numel (R.fro2), 7);
%! assert (R.factors{1}, 0.25 * (1 - (-3) ^ 7), 1e-9);
%!error <expected 15 to 15> __lindyn_run__ (1)
%!error <unknown objective> __lindyn_run__ ('nope', {}, [], 'gd', [], 0.1, {{1}}, {}, 0, 1, [], Inf, 0, [0 0 0], [])
%!error <unknown method> __lindyn_run__ ('moments', {1, 1, 1}, [], 'sgd', [], 0.1, {{1}}, {}, 0, 1, [], Inf, 0, [0 0 0], [])
%!error <needs 1 hyper> __lindyn_run__ ('moments', {1, 1, 1}, [], 'momentum', [], 0.1, {{1}}, {}, 0, 1, [], Inf, 0, [0 0 0], [])
%!error <do not fit> __lindyn_run__ ('moments', {1, 1}, [], 'gd', [], 0.1, {{1}}, {}, 0, 1, [], Inf, 0, [0 0 0], [])
%!error <do not fit> __lindyn_run__ ('completion', {[0; 0], [1; 1]}, [], 'gd', [], 0.1, {{1}}, {}, 0, 1, [], Inf, 0, [0 0 0], [])
%!error <out of range> __lindyn_run__ ('moments', {1, 1, 1}, [], 'momentum', 1, 0.1, {{1}}, {}, 0, 1, [], Inf, 0, [0 0 0], [])
%!error <data\{1\} must be> __lindyn_run__ ('moments', {int16(1), 1, 1}, [], 'gd', [], 0.1, {{1}}, {}, 0, 1, [], Inf, 0, [0 0 0], [])
%!error <S must be> __lindyn_run__ ('moments', {1, 1, 1}, [], 'gd', [], 0.1, {{1}}, {{1}, {1}}, 0, 1, [], Inf, 0, [0 0 0], [])
%!error <flags must be> __lindyn_run__ ('moments', {1, 1, 1}, [], 'gd', [], 0.1, {{1}}, {}, 0, 1, [], Inf, 0, [0 0], [])
%!error <at must hold> __lindyn_run__ ('moments', {1, 1, 1}, [], 'gd', [], 0.1, {{1}}, {}, 0, 1, [2], Inf, 0, [0 0 0], [])
*/
