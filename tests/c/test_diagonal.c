/* test_diagonal.c -- the diagonal networks' objective (w = u^D - v^D on E = [u, v])
 * through the runner against a plain loop of its update, for gradient descent and
 * mini-batches (with and without replacement, a run split into calls); its Hessian
 * against central differences of its gradient; its own measures against direct sums;
 * the shared row drawing (ld_batch_rows): permutations per epoch, and the same rows for
 * the batch objective and this one. */
#include <stdint.h>
#include "ld_test.h"
#include "ld_run.h"
#include "ld_run_table.h"
#include "ld_batch_rows.h"

enum { N = 13, DD = 9 };

typedef struct {
    double X[N * DD], y[N], target[DD];
    ld_array arg[3];
    double par[5];
    ld_objdata od;
} problem;

static void make(problem *q, int D, ptrdiff_t b, int rep, int with_target)
{
    for (int i = 0; i < N * DD; ++i)
        q->X[i] = ld_test_rand();
    for (int i = 0; i < N; ++i)
        q->y[i] = ld_test_rand();
    for (int i = 0; i < DD; ++i)
        q->target[i] = i % 3 == 0 ? ld_test_rand() : 0.0;
    q->arg[0] = (ld_array){q->X, LD_DOUBLE, N, DD};
    q->arg[1] = (ld_array){q->y, LD_DOUBLE, N, 1};
    q->arg[2] = (ld_array){with_target ? q->target : NULL, LD_DOUBLE, with_target ? DD : 0,
                           with_target ? 1 : 0};
    q->par[0] = D;
    q->par[1] = (double)b;
    q->par[2] = rep;
    q->par[3] = 5;
    q->par[4] = 0.1;
    q->od = (ld_objdata){q->arg, q->par};
}

static double ipow(double x, int k)
{
    double r = 1.0;
    for (int i = 0; i < k; ++i)
        r *= x;
    return r;
}

/* the plain loop: iters steps of u -= eta D u^(D-1) g, v += eta D v^(D-1) g with g on
 * the rows ld_batch_rows draws for step t0 + k (all rows in order for b = n) */
static void plain(const problem *q, int D, ptrdiff_t b, int rep, double eta, double *u,
                  double *v, double t0, ptrdiff_t iters)
{
    ptrdiff_t rows[N];
    double cache[N + 1] = {0}, w[DD], g[DD];
    for (ptrdiff_t k = 0; k < iters; ++k) {
        ld_batch_rows(N, b, rep, 5, t0 + (double)k, rows, cache);
        for (int i = 0; i < DD; ++i) {
            w[i] = ipow(u[i], D) - ipow(v[i], D);
            g[i] = 0.0;
        }
        for (ptrdiff_t s = 0; s < b; ++s) {
            double r = -q->y[rows[s]];
            for (int i = 0; i < DD; ++i)
                r += q->X[rows[s] + i * N] * w[i];
            for (int i = 0; i < DD; ++i)
                g[i] += q->X[rows[s] + i * N] * r / (double)b;
        }
        for (int i = 0; i < DD; ++i) {
            const double gu = D * ipow(u[i], D - 1) * g[i], gv = -D * ipow(v[i], D - 1) * g[i];
            u[i] -= eta * gu;
            v[i] -= eta * gv;
        }
    }
}

static int run(const problem *q, double eta, double *E, double t0, ptrdiff_t iters,
               ld_records *rec)
{
    const ptrdiff_t r[2] = {DD, 2};
    ld_run_spec spec = {ld_objective_find("diagonal"), &q->od, ld_update_find("gd"), NULL, 1,
                        r, {0}, {NAN, NAN, 0, 0}};
    if (spec.obj == NULL || ld_run_check(&spec) != LD_OK)
        return -100;
    double *work = ld_test_randmat(ld_run_work(&spec));
    double *W[1] = {E};
    ld_traj tr = {0};
    tr.eta = eta;
    tr.cmax = 1e12;
    tr.W = W;
    if (rec != NULL)
        tr.rec = *rec;
    const int st = ld_run(&spec, &tr, t0, iters, work);
    free(work);
    return st;
}

/* gradient descent and mini-batches through the runner against the plain loop, depths
 * 1..4; records of the own measures against direct sums */
static void test_against_loop(void)
{
    const struct { int D; ptrdiff_t b; int rep; } cfg[] = {
        {2, N, 0}, {3, N, 0}, {1, N, 0}, {4, N, 0}, {2, 4, 0}, {2, 5, 1}, {3, 1, 0}};
    for (size_t c = 0; c < sizeof cfg / sizeof cfg[0]; ++c) {
        problem q;
        const int D = cfg[c].D;
        make(&q, D, cfg[c].b, cfg[c].rep, 1);
        double E[2 * DD], u[DD], v[DD];
        for (int i = 0; i < DD; ++i) {
            u[i] = E[i] = 0.5 + 0.25 * ld_test_rand();
            v[i] = E[i + DD] = 0.5 + 0.25 * ld_test_rand();
        }
        const double eta = 0.02;
        /* 40 steps in one call, then 25 + 15 in two calls: the same iterates */
        LD_CHECK(run(&q, eta, E, 0, 40, NULL) == LD_OK);
        plain(&q, D, cfg[c].b, cfg[c].rep, eta, u, v, 0, 40);
        const double m = fmax(ld_test_maxdiff(E, u, DD), ld_test_maxdiff(E + DD, v, DD));
        /* 40 steps of sums of ~10 terms of size ~1: rounding ~1e-15 */
        LD_CHECK(m <= 1e-13);
        double E2[2 * DD];
        for (int i = 0; i < DD; ++i) {
            E2[i] = 0.5 + 0.25 * ld_test_rand();
            E2[i + DD] = 0.5 + 0.25 * ld_test_rand();
        }
        double E3[2 * DD];
        memcpy(E3, E2, sizeof E2);
        LD_CHECK(run(&q, eta, E2, 0, 40, NULL) == LD_OK);
        LD_CHECK(run(&q, eta, E3, 0, 25, NULL) == LD_OK);
        LD_CHECK(run(&q, eta, E3, 25, 15, NULL) == LD_OK);
        LD_CHECK(memcmp(E2, E3, sizeof E2) == 0);
        /* records at 0 and 7: loss and own measures of that iterate */
        const ptrdiff_t at[2] = {0, 7};
        double loss[2], own[8];
        ld_records rec = {0};
        rec.nrec = 2;
        rec.at = at;
        rec.loss = loss;
        rec.own = own;
        double E4[2 * DD];
        memcpy(E4, E2, sizeof E2);
        LD_CHECK(run(&q, eta, E4, 0, 7, &rec) == LD_OK);
        double w[DD], l1 = 0, l2 = 0, e2 = 0, mx = 0, f = 0;
        for (int i = 0; i < DD; ++i) {
            w[i] = ipow(E4[i], D) - ipow(E4[i + DD], D);
            l1 += fabs(w[i]);
            l2 += w[i] * w[i];
            e2 += (w[i] - q.target[i]) * (w[i] - q.target[i]);
            mx = fmax(mx, fabs(w[i]));
        }
        for (int s = 0; s < N; ++s) {
            double r = -q.y[s];
            for (int i = 0; i < DD; ++i)
                r += q.X[s + i * N] * w[i];
            f += r * r / (2.0 * N);
        }
        double cnt = 0;
        for (int i = 0; i < DD; ++i)
            cnt += fabs(w[i]) > 0.1 * mx;
        LD_CHECK_CLOSE(loss[1], f, 1e-14 * (1 + f));
        LD_CHECK_CLOSE(own[4], l1, 1e-14);
        LD_CHECK_CLOSE(own[5], sqrt(l2), 1e-14);
        LD_CHECK_CLOSE(own[6], sqrt(e2), 1e-14);
        LD_CHECK(own[7] == cnt);
    }
}

/* the Hessian in (u, v) against central differences of the gradient (full batch), and
 * its symmetry; an empty target gives a NaN error */
static void test_hessian(void)
{
    for (int D = 1; D <= 4; ++D) {
        problem q;
        make(&q, D, N, 0, 0);
        const ld_objective *ob = ld_objective_find("diagonal");
        const size_t nw = ob->work(&q.od, DD, 2);
        LD_CHECK(nw > 0 && ob->check(&q.od, DD, 2) == LD_OK);
        double *work = calloc(nw, sizeof(double));
        double E[2 * DD], H[4 * DD * DD], Gp[2 * DD], Gm[2 * DD], dE[2 * DD], c;
        for (int i = 0; i < 2 * DD; ++i)
            E[i] = 0.5 + 0.5 * ld_test_rand();
        double err = 0, big = 0, asym = 0;
        const double h = 1e-5;
        for (int j = 0; j < 2 * DD; ++j) {
            memset(dE, 0, sizeof dE);
            dE[j] = 1.0;
            LD_CHECK(ob->hess(&q.od, DD, 2, E, dE, H + j * 2 * DD, work) == LD_OK);
            const double e0 = E[j];
            E[j] = e0 + h;
            ob->grad(&q.od, DD, 2, 0, E, Gp, &c, work);
            E[j] = e0 - h;
            ob->grad(&q.od, DD, 2, 0, E, Gm, &c, work);
            E[j] = e0;
            for (int i = 0; i < 2 * DD; ++i) {
                err = fmax(err, fabs(H[i + j * 2 * DD] - (Gp[i] - Gm[i]) / (2 * h)));
                big = fmax(big, fabs(H[i + j * 2 * DD]));
            }
        }
        for (int j = 0; j < 2 * DD; ++j)
            for (int i = 0; i < 2 * DD; ++i)
                asym = fmax(asym, fabs(H[i + j * 2 * DD] - H[j + i * 2 * DD]));
        /* O(h^2) truncation (third derivatives ~ D^3) and eps/h rounding: ~1e-9 */
        LD_CHECK(err <= 1e-7 * big);
        LD_CHECK(asym <= 1e-13 * big);
        double out[4];
        LD_CHECK(ob->measure(&q.od, DD, 2, E, out, work) == LD_OK);
        LD_CHECK(isnan(out[2]));
        free(work);
    }
}

/* rows: each epoch's m blocks are distinct rows; the batch objective draws the same rows
 * (its gradient at W = w equals g, the diagonal objective's at D = 1 and u = w, v = 0) */
static void test_rows(void)
{
    ptrdiff_t rows[N];
    double cache[N + 1] = {0};
    const ptrdiff_t b = 4, m = N / b;
    for (int e = 0; e < 3; ++e) {
        int seen[N] = {0};
        for (ptrdiff_t s = 0; s < m; ++s) {
            ld_batch_rows(N, b, 0, 9, (double)(e * m + s), rows, cache);
            for (ptrdiff_t k = 0; k < b; ++k) {
                LD_CHECK(rows[k] >= 0 && rows[k] < N);
                seen[rows[k]]++;
            }
        }
        int total = 0;
        for (int i = 0; i < N; ++i) {
            LD_CHECK(seen[i] <= 1);
            total += seen[i];
        }
        LD_CHECK(total == b * m);
    }
    for (int rep = 0; rep <= 1; ++rep) {
        problem q;
        make(&q, 1, b, rep, 0);
        double Sx[DD * DD] = {0}, Ws[DD] = {0};
        const ld_array barg[4] = {{q.X, LD_DOUBLE, N, DD}, {q.y, LD_DOUBLE, N, 1},
                                  {Sx, LD_DOUBLE, DD, DD}, {Ws, LD_DOUBLE, DD, 1}};
        const double bpar[5] = {(double)b, rep, 0, 5, 0};
        const ld_objdata bod = {barg, bpar};
        const ld_objective *ob = ld_objective_find("batch"), *od = ld_objective_find("diagonal");
        LD_CHECK(ob->check(&bod, DD, 1) == LD_OK);
        double *w1 = calloc(ob->work(&bod, DD, 1), sizeof(double));
        double *w2 = calloc(od->work(&q.od, DD, 2), sizeof(double));
        double E[2 * DD], G[2 * DD], Gb[DD], c1, c2;
        for (int i = 0; i < DD; ++i) {
            E[i] = ld_test_rand();
            E[i + DD] = 0.0;
        }
        for (int t = 0; t < 7; ++t) {
            ob->grad(&bod, DD, 1, t, E, Gb, &c1, w1);
            od->grad(&q.od, DD, 2, t, E, G, &c2, w2);
            LD_CHECK_CLOSE(c1, c2, 1e-14 * (1 + c1));
            for (int i = 0; i < DD; ++i)
                LD_CHECK_CLOSE(Gb[i], G[i], 1e-14);
        }
        free(w1);
        free(w2);
    }
}

/* check: the data that do not fit are refused */
static void test_check(void)
{
    problem q;
    make(&q, 2, N, 0, 1);
    const ld_objective *ob = ld_objective_find("diagonal");
    LD_CHECK(ob->check(&q.od, DD, 2) == LD_OK);
    LD_CHECK(ob->check(&q.od, DD, 1) != LD_OK);
    LD_CHECK(ob->check(&q.od, DD + 1, 2) != LD_OK);
    const double bad[][2] = {{0, 0}, {0, 2.5}, {1, 0}, {1, N + 1}, {2, 2}, {3, -1}, {4, NAN}};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; ++k) {
        const int i = (int)bad[k][0];
        const double keep = q.par[i];
        q.par[i] = bad[k][1];
        LD_CHECK(ob->check(&q.od, DD, 2) != LD_OK);
        q.par[i] = keep;
    }
    q.arg[2].m = DD - 1;
    LD_CHECK(ob->check(&q.od, DD, 2) != LD_OK);
}

int main(void)
{
    LD_RUN(test_against_loop);
    LD_RUN(test_hessian);
    LD_RUN(test_rows);
    LD_RUN(test_check);
    return ld_test_summary("test_diagonal");
}
