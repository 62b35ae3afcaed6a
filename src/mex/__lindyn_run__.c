/* __lindyn_run__.c -- gateway of the one trajectory runner (ld_run.h); its driver is
 * inst/private/ld_run_driver.m:
 *   R = __lindyn_run__ (spec, state)
 * spec, a struct (fields in any order; those marked * may be absent):
 *   objective   an objective's name (src/core/ld_run_table.h)
 *   data        a struct with the objective's named arrays (real full 2-D double, single
 *               or uint8) and scalars, nothing else
 *   method      an update rule's name; hyper: a struct with its named hyper-parameters
 *   eta         K step sizes, one trajectory each (run in parallel with OpenMP)
 *   t0*, iters  the steps already done (0) and the steps to run
 *   at*         increasing record offsets in [0, iters] ([])
 *   threshold*  divergence threshold(s) on the objective's crit, scalar or K (Inf)
 *   measure*    a struct: nsv*, nuclear*, erank*, snapshots*, balance* (0), path*
 *               (d-by-p-by-P), test* (a struct array with fields objective and data:
 *               held-out losses), sharpness* (0), sharpness_tol* (1e-10),
 *               sharpness_maxit* (300)
 *   stop*       a struct: loss*, change* (NaN: off), window*, patience* (0: off)
 * state: a 1-by-K struct array with fields factors (a chain {W1, ..., WL}, the same widths
 * for every k), update* (a cell of L * nstate matrices, state i of factor l at
 * (l-1)*nstate + i; absent or {}: zero), stop* (the stopping rules' state; absent or
 * []: a fresh run) and sharp* (the sharpness's warm start, the last record's eigenvector;
 * absent or []: none yet).
 * R: a 1-by-K struct array with fields factors, update, stop, sharp (the state to pass back),
 * loss, test (ntest-by-n), fro2, nuclear, erank, sv, path_err, snapshots, balance, own
 * (the objective's own measures, one row per name of its table), sharpness (the n records
 * taken), done
 * (steps applied), diverged (logical) and stopped_by (0 none, 1 loss, 2 change, 3
 * patience). */
#include <math.h>
#include <string.h>
#include "ldm.h"
#include "ld_run.h"
#include "ld_run_table.h"

static const char FN[] = "__lindyn_run__";

static const char *const SPEC_FIELDS[] = {"objective", "data", "method", "hyper", "eta",
                                          "t0", "iters", "at", "threshold", "measure",
                                          "stop", NULL};
enum { S_OBJ, S_DATA, S_METHOD, S_HYPER, S_ETA, S_T0, S_ITERS, S_AT, S_THR, S_MEAS, S_STOP, NS };
static const char *const MEASURE_FIELDS[] = {"nsv", "nuclear", "erank", "snapshots",
                                             "balance", "path", "test", "sharpness",
                                             "sharpness_tol", "sharpness_maxit", NULL};
enum { M_NSV, M_NUC, M_ERANK, M_SNAP, M_BAL, M_PATH, M_TEST, M_SHARP, M_STOL, M_SMAX, NM };
static const char *const STOP_FIELDS[] = {"loss", "change", "window", "patience", NULL};
enum { T_LOSS, T_CHANGE, T_WINDOW, T_PATIENCE, NT };
static const char *const STATE_FIELDS[] = {"factors", "update", "stop", "sharp", NULL};
enum { X_FACTORS, X_UPDATE, X_STOP, X_SHARP, NX };
static const char *const OUT[] = {"factors", "update", "stop", "sharp", "loss", "test", "fro2",
                                  "nuclear", "erank", "sv", "path_err", "snapshots",
                                  "balance", "own", "sharpness", "done", "diverged",
                                  "stopped_by"};
enum { NOUT = sizeof OUT / sizeof OUT[0] };

/* An optional scalar field f: its value, or def when absent (NaN allowed when nan). */
static double opt_scalar(const mxArray *f, const char *name, double def, int nan)
{
    if (f == NULL)
        return def;
    ptrdiff_t m, n;
    const double *x = ldm_get_matrix(FN, f, name, !nan, &m, &n);
    if (m * n != 1)
        ldm_error(FN, name, "%s must be a scalar", name);
    return x[0];
}

static int opt_flag(const mxArray *f, const char *name)
{
    return f == NULL ? 0 : ldm_get_flag(FN, f, name);
}

static mxArray *empty(void)
{
    return mxCreateDoubleMatrix(0, 0, mxREAL);
}

void mexFunction(int nlhs, mxArray *plhs[], int nrhs, const mxArray *prhs[])
{
    char uname[64];
    ptrdiff_t K, nat, nthr, np = 0, *r = NULL;
    ld_objdata od;

    ldm_check_nargs(FN, nrhs, 2, 2, nlhs, 1);
    const mxArray *spec = prhs[0], *state = prhs[1], *sf[NS];
    if (!mxIsStruct(spec) || mxGetNumberOfElements(spec) != 1)
        ldm_error(FN, "spec", "spec must be a scalar struct");
    ldm_get_fields(FN, spec, 0, "spec", SPEC_FIELDS, NULL, sf);
    const ld_objective *obj = ldm_get_objective(FN, sf + S_OBJ, "spec", &od);

    ldm_get_string(FN, ldm_need(FN, sf[S_METHOD], "spec", "method"), "method", uname,
                   sizeof uname);
    const ld_update *upd = ld_update_find(uname);
    if (upd == NULL)
        ldm_error(FN, "method", "unknown method \"%s\"", uname);
    const ptrdiff_t nh = ld_name_count(upd->hypers), ns = upd->nstate;
    const mxArray **hf = (const mxArray **)mxMalloc(ldm_mul(FN, (size_t)nh + 1, sizeof(mxArray *)));
    ldm_get_fields(FN, ldm_need(FN, sf[S_HYPER], "spec", "hyper"), 0, "hyper", upd->hypers, NULL,
                   hf);
    double *hyper = ldm_work(FN, (size_t)nh + 1);
    for (ptrdiff_t k = 0; k < nh; ++k)
        hyper[k] = ldm_get_scalar(FN, ldm_need(FN, hf[k], "hyper", upd->hypers[k]), "hyper");
    if (upd->check != NULL && upd->check(hyper) != LD_OK)
        ldm_error(FN, "hyper", "the hyper-parameters of method \"%s\" are out of range", uname);

    const double *eta = ldm_get_vector(FN, ldm_need(FN, sf[S_ETA], "spec", "eta"), "eta", 1, &K);
    if (K < 1)
        ldm_error(FN, "eta", "eta must not be empty");
    const double t0 = sf[S_T0] == NULL ? 0.0
                                       : (double)ldm_get_integer(FN, sf[S_T0], "t0", 0, 9.0e15);
    const ptrdiff_t iters = ldm_get_integer(FN, ldm_need(FN, sf[S_ITERS], "spec", "iters"),
                                            "iters", 0, 9.0e15);
    nat = 0;
    const double *atd = sf[S_AT] == NULL ? NULL : ldm_get_vector(FN, sf[S_AT], "at", 1, &nat);
    ptrdiff_t *at = (ptrdiff_t *)mxMalloc(ldm_mul(FN, (size_t)nat + 1, sizeof(ptrdiff_t)));
    for (ptrdiff_t j = 0; j < nat; ++j) {
        if (atd[j] != floor(atd[j]) || atd[j] < 0 || atd[j] > (double)iters
            || (j > 0 && atd[j] <= atd[j - 1]))
            ldm_error(FN, "at", "at must hold increasing integers in [0, iters]");
        at[j] = (ptrdiff_t)atd[j];
    }
    nthr = 1;
    const double inf = INFINITY;
    const double *thr = sf[S_THR] == NULL ? &inf
                                          : ldm_get_vector(FN, sf[S_THR], "threshold", 0, &nthr);
    if (nthr != 1 && nthr != K)
        ldm_error(FN, "threshold", "threshold must be a scalar or have one entry per step size");
    for (ptrdiff_t k = 0; k < nthr; ++k)
        if (isnan(thr[k]))
            ldm_error(FN, "threshold", "threshold must not be NaN");

    /* the K starts: chains of the same widths; their fields read once */
    if (!mxIsStruct(state) || (ptrdiff_t)mxGetNumberOfElements(state) != K)
        ldm_error(FN, "state", "state must be a struct array with one element per step size (%td)",
                  K);
    const mxArray **xf = (const mxArray **)mxMalloc(ldm_mul(FN, (size_t)K, NX * sizeof(mxArray *)));
    for (ptrdiff_t k = 0; k < K; ++k)
        ldm_get_fields(FN, state, (mwIndex)k, "state", STATE_FIELDS, NULL, xf + NX * k);
    const double **W0;
    const ptrdiff_t L = ldm_get_chain(FN, ldm_need(FN, xf[X_FACTORS], "state", "factors"), "W",
                                      -1, -1, &r, &W0);
    const ptrdiff_t d = r[0], p = r[L];
    const double **Wk = (const double **)mxMalloc(ldm_mul(FN, ldm_mul(FN, (size_t)K, (size_t)L),
                                                          sizeof(double *)));
    for (ptrdiff_t k = 0; k < K; ++k) {
        const double **src = W0;
        if (k > 0) {
            ptrdiff_t *rk;
            if (ldm_get_chain(FN, ldm_need(FN, xf[NX * k + X_FACTORS], "state", "factors"), "W",
                              d, p, &rk, &src) != L)
                ldm_error(FN, "W", "every trajectory's W must have %td factors", L);
            for (ptrdiff_t l = 1; l < L; ++l)
                if (rk[l] != r[l])
                    ldm_error(FN, "W", "every trajectory's W must have the widths of W{1}");
        }
        for (ptrdiff_t l = 0; l < L; ++l)
            Wk[k * L + l] = src[l];
    }
    for (ptrdiff_t k = 0; k < K; ++k) {
        const mxArray *c = xf[NX * k + X_UPDATE];
        if (c == NULL || (mxIsCell(c) && mxGetNumberOfElements(c) == 0))
            continue;
        if (!mxIsCell(c) || (ptrdiff_t)mxGetNumberOfElements(c) != L * ns)
            ldm_error(FN, "state", "state(%td).update must be {} or a cell of %td matrices",
                      k + 1, L * ns);
        for (ptrdiff_t l = 0; l < L; ++l)
            for (ptrdiff_t i = 0; i < ns; ++i)
                (void)ldm_get_matrix_size(FN, mxGetCell(c, (mwIndex)(l * ns + i)), "state", 1,
                                          r[l], r[l + 1]);
    }

    /* what to record, and the stopping rules */
    ld_run_spec rs = {obj, &od, upd, hyper, L, r, {0}, {NAN, NAN, 0, 0}};
    if (sf[S_MEAS] != NULL) {
        const mxArray *mf[NM];
        ldm_get_fields(FN, sf[S_MEAS], 0, "measure", MEASURE_FIELDS, NULL, mf);
        rs.meas.nsv = mf[M_NSV] == NULL ? 0 : ldm_get_integer(FN, mf[M_NSV], "nsv", 0, 1.0e9);
        if (rs.meas.nsv > (d < p ? d : p))
            rs.meas.nsv = d < p ? d : p;
        rs.meas.nuclear = opt_flag(mf[M_NUC], "nuclear");
        rs.meas.erank = opt_flag(mf[M_ERANK], "erank");
        rs.meas.snapshots = opt_flag(mf[M_SNAP], "snapshots");
        rs.meas.balance = opt_flag(mf[M_BAL], "balance");
        rs.meas.sharpness = opt_flag(mf[M_SHARP], "sharpness");
        rs.meas.sharp_tol = opt_scalar(mf[M_STOL], "sharpness_tol", 1e-10, 0);
        rs.meas.sharp_maxit = mf[M_SMAX] == NULL ? 300
                              : ldm_get_integer(FN, mf[M_SMAX], "sharpness_maxit", 1, 1.0e6);
        if (mf[M_PATH] != NULL)
            rs.meas.path = ldm_get_stack(FN, mf[M_PATH], "path", d, p, &np);
        rs.meas.npath = np;
        const mxArray *f = mf[M_TEST];
        if (f != NULL && mxGetNumberOfElements(f) > 0) {
            if (!mxIsStruct(f))
                ldm_error(FN, "test", "measure.test must be a struct array");
            const ptrdiff_t nt = (ptrdiff_t)mxGetNumberOfElements(f);
            ld_eval *ev = (ld_eval *)mxMalloc(ldm_mul(FN, (size_t)nt, sizeof(ld_eval)));
            ld_objdata *td = (ld_objdata *)mxMalloc(ldm_mul(FN, (size_t)nt, sizeof(ld_objdata)));
            static const char *const efields[] = {"objective", "data", NULL};
            for (ptrdiff_t i = 0; i < nt; ++i) {
                const mxArray *ef[2];
                ldm_get_fields(FN, f, (mwIndex)i, "test", efields, NULL, ef);
                ev[i].obj = ldm_get_objective(FN, ef, "test", td + i);
                ev[i].data = td + i;
            }
            rs.meas.ntest = nt;
            rs.meas.test = ev;
        }
    }
    if (sf[S_STOP] != NULL) {
        const mxArray *tf[NT];
        ldm_get_fields(FN, sf[S_STOP], 0, "stop", STOP_FIELDS, NULL, tf);
        rs.stop.loss = opt_scalar(tf[T_LOSS], "loss", NAN, 1);
        rs.stop.change = opt_scalar(tf[T_CHANGE], "change", NAN, 1);
        rs.stop.window = (ptrdiff_t)opt_scalar(tf[T_WINDOW], "window", 0.0, 0);
        rs.stop.patience = (ptrdiff_t)opt_scalar(tf[T_PATIENCE], "patience", 0.0, 0);
        if (rs.stop.window < 0 || rs.stop.window > 1e6 || rs.stop.patience < 0)
            ldm_error(FN, "stop", "stop.window must be in [0, 1e6] and stop.patience >= 0");
    }
    const int chk = ld_run_check(&rs);
    if (chk != LD_OK)
        ldm_error(FN, "data", "the data do not fit objective \"%s\" or its records (%s)",
                  obj->name, ld_strerror(chk));
    const size_t nss = ld_stop_state_size(&rs.stop);
    for (ptrdiff_t k = 0; k < K; ++k) {
        const mxArray *f = xf[NX * k + X_STOP];
        if (f != NULL && mxGetNumberOfElements(f) > 0)
            (void)ldm_get_matrix_size(FN, f, "stop", 0, (ptrdiff_t)nss, 1);
    }

    /* memory: every output, before any of it is made */
    const ptrdiff_t nt = rs.meas.ntest, nsv = rs.meas.nsv, nb = rs.meas.balance ? L - 1 : 0;
    const ptrdiff_t nown = ld_name_count(obj->measures), nsh = rs.meas.sharpness != 0;
    double chain = 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        chain += (double)r[l] * (double)r[l + 1];
    ldm_check_memory(FN, "at", (double)K * 8.0
                     * (chain * (1.0 + (double)ns) + (double)nss
                        + (double)nat * (5.0 + (double)nt + (double)nsv + (double)np + (double)nb
                                         + (double)nown + (double)nsh
                                         + (rs.meas.snapshots ? (double)d * (double)p : 0.0))));

    mxArray *R = mxCreateStructMatrix(1, (mwSize)K, NOUT, (const char **)OUT);
    ld_traj *tr = (ld_traj *)mxMalloc(ldm_mul(FN, (size_t)K, sizeof(ld_traj)));
    double **W = (double **)mxMalloc(ldm_mul(FN, ldm_mul(FN, (size_t)K, (size_t)L), sizeof(double *)));
    double **S = (double **)mxMalloc(ldm_mul(FN, ldm_mul(FN, (size_t)K, (size_t)(L * ns) + 1),
                                             sizeof(double *)));
    enum { F_LOSS, F_TEST, F_FRO2, F_NUC, F_ERANK, F_SV, F_DIST, F_SNAP, F_BAL, F_OWN, F_SHARP,
           NF };
    mxArray **fld = (mxArray **)mxMalloc(ldm_mul(FN, (size_t)K * NF, sizeof(mxArray *)));
    const int want[NF] = {1, nt > 0, 1, rs.meas.nuclear, rs.meas.erank, nsv > 0, np > 0,
                          rs.meas.snapshots, nb > 0, nown > 0, nsh > 0};
    for (ptrdiff_t k = 0; k < K; ++k) {
        double **Wout, *dst;
        ld_traj *q = tr + k;
        mxArray **f = fld + NF * k;
        memset(q, 0, sizeof *q);
        mxSetField(R, (mwIndex)k, "factors", ldm_new_chain(FN, L, r, Wk + k * L, &Wout));
        for (ptrdiff_t l = 0; l < L; ++l)
            W[k * L + l] = Wout[l];
        const mxArray *c = xf[NX * k + X_UPDATE];
        const int have = c != NULL && mxGetNumberOfElements(c) > 0;
        mxArray *sc = mxCreateCellMatrix(1, (mwSize)(L * ns));
        for (ptrdiff_t l = 0; l < L; ++l)
            for (ptrdiff_t i = 0; i < ns; ++i) {
                mxArray *m = ldm_new_matrix(r[l], r[l + 1], &dst);
                const size_t cnt = (size_t)r[l] * (size_t)r[l + 1];
                if (have && cnt > 0)
                    memcpy(dst, mxGetPr(mxGetCell(c, (mwIndex)(l * ns + i))), cnt * sizeof(double));
                mxSetCell(sc, (mwIndex)(l * ns + i), m);
                S[(k * L + l) * ns + i] = dst;
            }
        mxSetField(R, (mwIndex)k, "update", sc);
        const mxArray *ssf = xf[NX * k + X_STOP];
        mxArray *so = ldm_new_matrix((ptrdiff_t)nss, 1, &q->stop_state);
        if (ssf != NULL && mxGetNumberOfElements(ssf) > 0)
            memcpy(q->stop_state, mxGetPr(ssf), nss * sizeof(double));
        mxSetField(R, (mwIndex)k, "stop", so);
        q->eta = eta[k];
        q->cmax = thr[nthr == 1 ? 0 : k];
        q->W = W + k * L;
        q->S = ns > 0 ? S + k * L * ns : NULL;
        q->rec.nrec = nat;
        q->rec.at = at;
        f[F_LOSS] = ldm_new_matrix(1, nat, &q->rec.loss);
        f[F_TEST] = ldm_new_matrix(nt, nat, &q->rec.test);
        f[F_FRO2] = ldm_new_matrix(1, nat, &q->rec.fro2);
        f[F_NUC] = want[F_NUC] ? ldm_new_matrix(1, nat, &q->rec.nuclear) : empty();
        f[F_ERANK] = want[F_ERANK] ? ldm_new_matrix(1, nat, &q->rec.erank) : empty();
        f[F_SV] = ldm_new_matrix(nsv, nat, &q->rec.sv);
        f[F_DIST] = ldm_new_matrix(np, nat, &q->rec.dist);
        f[F_SNAP] = want[F_SNAP] ? ldm_new_array3(d, p, nat, &q->rec.snap) : empty();
        f[F_BAL] = ldm_new_matrix(nb, nat, &q->rec.balance);
        f[F_OWN] = ldm_new_matrix(nown, nat, &q->rec.own);
        f[F_SHARP] = ldm_new_matrix(nsh, nat, &q->rec.sharp);
        double **ptr[NF] = {&q->rec.loss, &q->rec.test, &q->rec.fro2, &q->rec.nuclear,
                            &q->rec.erank, &q->rec.sv, &q->rec.dist, &q->rec.snap,
                            &q->rec.balance, &q->rec.own, &q->rec.sharp};
        /* the sharpness's warm start: the last record's eigenvector (zeros: none yet) */
        const mxArray *shf = xf[NX * k + X_SHARP];
        const ptrdiff_t nsv_ = nsh ? (ptrdiff_t)chain : 0;
        mxArray *sho = ldm_new_matrix(nsv_, 1, &q->sharp_v);
        if (nsh && shf != NULL && mxGetNumberOfElements(shf) > 0) {
            (void)ldm_get_matrix_size(FN, shf, "sharp", 1, nsv_, 1);
            memcpy(q->sharp_v, mxGetPr(shf), (size_t)nsv_ * sizeof(double));
        }
        mxSetField(R, (mwIndex)k, "sharp", sho);
        for (int i = 0; i < NF; ++i)
            if (!want[i] || nat == 0 || (i == F_SNAP && d * p == 0))
                *ptr[i] = NULL;
    }

    double *work = ldm_work(FN, ld_run_sweep_work(&rs, K));
    ldm_check_status(FN, ld_run_sweep(&rs, K, tr, t0, iters, work));

    /* keep the records taken */
    static const char *const names[NF] = {"loss", "test", "fro2", "nuclear", "erank", "sv",
                                          "path_err", "snapshots", "balance", "own",
                                          "sharpness"};
    for (ptrdiff_t k = 0; k < K; ++k) {
        mxArray **f = fld + NF * k;
        const mwSize n = (mwSize)tr[k].nrec_done;
        for (int i = 0; i < NF; ++i) {
            if (i == F_SNAP) {
                if (want[i]) {
                    const mwSize dims[3] = {(mwSize)d, (mwSize)p, n};
                    mxSetDimensions(f[i], dims, 3);
                }
            } else if (want[i] || i == F_SV || i == F_DIST || i == F_BAL || i == F_TEST
                       || i == F_OWN || i == F_SHARP) {
                mxSetN(f[i], n);
            }
            mxSetField(R, (mwIndex)k, names[i], f[i]);
        }
        mxSetField(R, (mwIndex)k, "done", mxCreateDoubleScalar((double)tr[k].done));
        mxSetField(R, (mwIndex)k, "diverged", mxCreateLogicalScalar(tr[k].status == LD_EDIVERGED));
        mxSetField(R, (mwIndex)k, "stopped_by", mxCreateDoubleScalar((double)tr[k].stopped_by));
    }
    plhs[0] = R;
}

/*
%!shared spec, st, Sx, Sxy, Ws
%! randn ('state', 5);
%! d = 4;  p = 3;  A = randn (d);  Sx = eye (d) + A * A' / d;  Sx = Sx / max (eig (Sx));
%! Sxy = randn (d, p);  Ws = Sx \ Sxy;
%! spec = struct ('objective', 'moments', 'data', struct ('Sx', Sx, 'Sxy', Sxy, 'Wstar', Ws), ...
%!                'method', 'gd', 'hyper', struct (), 'eta', 0.05, 'iters', 40, 'at', [0 7 40], ...
%!                'measure', struct ('nsv', 2, 'nuclear', true, 'erank', true, 'snapshots', true));
%! st = struct ('factors', {{randn(d, 2) / 3, randn(2, p) / 3}});
%!test
%! % gd against a plain loop of eq. 5, every record against a direct computation
%! R = __lindyn_run__ (spec, st);
%! W = st.factors;  snaps = zeros (4, 3, 3);  k = 1;
%! for t = 0:40
%!   if (any (t == [0 7 40])), snaps(:,:,k) = W{1} * W{2};  k = k + 1;  end
%!   if (t == 40), break;  end
%!   G = Sx * (W{1} * W{2}) - Sxy;  W = {W{1} - 0.05 * G * W{2}', W{2} - 0.05 * W{1}' * G};
%! end
%! % 40 steps of O(1) products: rounding ~1e-15 relative
%! for l = 1:2, assert (R.factors{l}, W{l}, 1e-12);  end
%! assert (R.snapshots, snaps, 1e-12);
%! for k = 1:3
%!   E = snaps(:,:,k);  s = svd (E);  q = s / sum (s);
%!   assert (R.loss(k), 0.5 * trace ((E - Ws)' * Sx * (E - Ws)), 1e-12);
%!   assert (R.fro2(k), norm (E, 'fro')^2, 1e-12);
%!   assert (R.nuclear(k), sum (s), 1e-12);  assert (R.sv(:,k), s(1:2), 1e-12);
%!   assert (R.erank(k), exp (-sum (q .* log (q))), 1e-12);
%! end
%! assert (R.done, 40);  assert (R.diverged, false);  assert (R.stopped_by, 0);
%!test
%! % momentum with beta = 0 is gd: the same iterates, records, done (the generic path
%! % against the fused one: equal to rounding)
%! G = __lindyn_run__ (spec, st);
%! M = spec;  M.method = 'momentum';  M.hyper = struct ('beta', 0);
%! R = __lindyn_run__ (M, st);
%! for l = 1:2, assert (R.factors{l}, G.factors{l}, 1e-14);  end
%! assert (R.loss, G.loss, 1e-14);  assert (R.done, G.done);
%!test
%! % divergence: stops at the diverged iterate, whose factors are returned unchanged
%! s = struct ('objective', 'moments', 'data', struct ('Sx', 4, 'Sxy', 1, 'Wstar', 0.25), ...
%!             'method', 'gd', 'hyper', struct (), 'eta', 1, 'iters', 100, 'at', 0:100, ...
%!             'threshold', 1e6);
%! for method = {'gd', 'momentum'}
%!   s.method = method{1};  s.hyper = struct ();
%!   if (strcmp (method{1}, 'momentum')), s.hyper.beta = 0;  end
%!   R = __lindyn_run__ (s, struct ('factors', {{0}}));
%!   % residual 4 w - 1 with w_t = 0.25 (1 - (-3)^t): (4 w_t - 1)^2 = 9^t > 1e6 from t = 7
%!   assert (R.diverged, true);  assert (R.done, 7);  assert (numel (R.fro2), 7);
%!   assert (R.factors{1}, 0.25 * (1 - (-3) ^ 7), 1e-12);
%! end
%!test
%! % a sweep of K trajectories equals K separate calls, diverging members included
%! s = spec;  s.eta = [0.05 0.2 9];  s.threshold = 1e10;
%! W0 = {st.factors, {randn(4, 2), randn(2, 3)}, st.factors};
%! R = __lindyn_run__ (s, struct ('factors', W0));
%! for k = 1:3
%!   s1 = s;  s1.eta = s.eta(k);
%!   assert (R(k), __lindyn_run__ (s1, struct ('factors', W0(k))));
%! end
%! assert ([R.diverged], [false false true]);
%!test
%! % stopping on the loss: the run ends at the first record at or below the tolerance,
%! % with the factors of that record's iterate (the run without the rule, cut there)
%! s = spec;  s.iters = 2000;  s.at = 0:10:2000;
%! U = __lindyn_run__ (s, st);
%! tol = U.loss(57);  j = find (U.loss <= tol, 1);
%! s.stop = struct ('loss', tol);
%! R = __lindyn_run__ (s, st);
%! F = __lindyn_run__ (setfield (setfield (s, 'iters', s.at(j)), 'at', s.at(1:j)), st);
%! assert (R.stopped_by, 1);  assert (R.loss, U.loss(1:j));
%! assert (R.factors, F.factors);  assert (R.done, s.at(j));
%! % relative change below 1e-3 over 5 records: the first record where it holds
%! s.stop = struct ('change', 1e-3, 'window', 5);
%! R = __lindyn_run__ (s, st);
%! rel = abs (U.loss(6:end) - U.loss(1:end-5)) ./ abs (U.loss(1:end-5));
%! j = find (rel <= 1e-3, 1) + 5;
%! assert (R.stopped_by, 2);  assert (numel (R.loss), j);
%! % patience on a held-out loss that rises after its minimum (held-out moments whose
%! % minimiser differs): stops 4 records after the best
%! T = struct ('objective', 'moments', 'data', struct ('Sx', Sx, 'Sxy', Sxy / 2, 'Wstar', Ws / 2));
%! s.stop = struct ('patience', 4);  s.measure.test = T;
%! R = __lindyn_run__ (s, st);
%! s.stop = struct ();  V = __lindyn_run__ (s, st);
%! best = Inf;  since = 0;                % the rule, written out
%! for j = 1:numel (V.test)
%!   if (V.test(j) < best), best = V.test(j);  since = 0;  else, since = since + 1;  end
%!   if (since >= 4), break;  end
%! end
%! assert (since, 4);                     % it fires in this run
%! assert (R.stopped_by, 3);  assert (numel (R.loss), j);
%! assert (R.test, V.test(1:numel (R.loss)));
%!error <expected 2 to 2> __lindyn_run__ (1)
%!error <spec must be a scalar struct> __lindyn_run__ (1, 1)
%!error <unknown objective> __lindyn_run__ (setfield (spec, 'objective', 'nope'), st)
%!error <unknown method> __lindyn_run__ (setfield (spec, 'method', 'sgd'), st)
%!error <must have a field "beta"> __lindyn_run__ (setfield (spec, 'method', 'momentum'), st)
%!error <out of range> __lindyn_run__ (setfield (setfield (spec, 'method', 'momentum'), 'hyper', struct ('beta', 1)), st)
%!error <unknown field "Sy"> __lindyn_run__ (setfield (spec, 'data', struct ('Sx', 1, 'Sxy', 1, 'Wstar', 1, 'Sy', 1)), st)
%!error <unknown field "atx"> __lindyn_run__ (setfield (spec, 'atx', 1), st)
%!error <do not fit> __lindyn_run__ (setfield (spec, 'data', struct ('Sx', 1, 'Sxy', 1, 'Wstar', 1)), st)
%!error <data.Sx must be> __lindyn_run__ (setfield (spec, 'data', struct ('Sx', int16 (1), 'Sxy', 1, 'Wstar', 1)), st)
%!error <state\(1\).update must be> __lindyn_run__ (setfield (setfield (spec, 'method', 'momentum'), 'hyper', struct ('beta', 0.5)), setfield (st, 'update', {1}))
%!error <at must hold> __lindyn_run__ (setfield (spec, 'at', [3 2]), st)
%!error <one element per step size> __lindyn_run__ (setfield (spec, 'eta', [0.1 0.2]), st)
%!error <threshold must not be NaN> __lindyn_run__ (setfield (spec, 'threshold', NaN), st)
%!error <do not fit> __lindyn_run__ (setfield (spec, 'stop', struct ('patience', 3)), st)
*/
