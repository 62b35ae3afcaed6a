/* test_run.c -- the trajectory runner (ld_run.h): the chain rule of eq. 11 against plain
 * products, the moments objective's fused step against its generic chain, completion /
 * mini-batch gradients and Adam against plain loops, held-out losses, the generator's
 * streams, and the checks done once. */
#include <stdint.h>
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_test_run.h"
#include "ld_chain.h"
#include "ld_rng.h"

static double relmax(const double *a, const double *b, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; ++i)
        m = fabs(b[i]) > m ? fabs(b[i]) : m;
    return ld_test_maxdiff(a, b, n) / (m > 0.0 ? m : 1.0);
}

/* well-conditioned moments: Sx = I/2 + 0.04 * symmetric noise */
static void moments(ptrdiff_t d, ptrdiff_t p, double *Sx, double *Sxy)
{
    for (ptrdiff_t i = 0; i < d; ++i)
        for (ptrdiff_t j = 0; j <= i; ++j) {
            const double v = (i == j ? 0.5 : 0.0) + 0.04 * ld_test_rand();
            Sx[i + d * j] = Sx[j + d * i] = v;
        }
    for (ptrdiff_t i = 0; i < d * p; ++i)
        Sxy[i] = 0.3 * ld_test_rand();
}

static void test_chain_rule(void)
{
    /* L = 3, widths 4, 3, 5, 2: G_l = W_{1:l-1}' Gend W_{l+1:L}' */
    const ptrdiff_t r[] = {4, 3, 5, 2}, L = 3;
    double *W[3], *G[3], *Gend = ld_test_randmat(8);
    for (int l = 0; l < 3; ++l) {
        W[l] = ld_test_randmat((size_t)(r[l] * r[l + 1]));
        G[l] = ld_test_randmat((size_t)(r[l] * r[l + 1]));
    }
    double *work = ld_test_randmat(ld_chain_work(L, r));
    LD_CHECK(ld_chain_gradient(L, r, (const double *const *)W, Gend, G, work) == LD_OK);
    double W23[15 * 2], W12[4 * 5], T[40], G1[12], G2[15], G3[10];
    ld_test_matmul(0, 0, 3, 2, 5, W[1], W[2], W23);
    ld_test_matmul(0, 1, 4, 3, 2, Gend, W23, G1);              /* Gend W23' */
    ld_test_matmul(1, 0, 3, 2, 4, W[0], Gend, T);               /* W1' Gend */
    ld_test_matmul(0, 1, 3, 5, 2, T, W[2], G2);                 /* W1' Gend W3' */
    ld_test_matmul(0, 0, 4, 5, 3, W[0], W[1], W12);
    ld_test_matmul(1, 0, 5, 2, 4, W12, Gend, G3);               /* (W1 W2)' Gend */
    /* O(1) entries, sums of <= 20 products: rounding ~1e-15 */
    LD_CHECK(relmax(G[0], G1, 12) < 1e-13);
    LD_CHECK(relmax(G[1], G2, 15) < 1e-13);
    LD_CHECK(relmax(G[2], G3, 10) < 1e-13);
    for (int l = 0; l < 3; ++l) {
        free(W[l]);
        free(G[l]);
    }
    free(Gend);
    free(work);
}

/* the moments objective: plain gd (the fused step) equals momentum with beta = 0 (the
 * generic chain through ld_deep_gradient) to rounding, records included; a held-out
 * evaluation (the same objective on other moments) equals the direct excess loss */
static void test_fused_vs_generic(void)
{
    const ptrdiff_t d = 6, p = 4, L = 3, r[] = {6, 5, 3, 4}, iters = 150, at[] = {0, 50, 150};
    double Sx[36], Sxy[24], Wstar[24] = {0}, Tx[36], Txy[24], Tstar[24];
    moments(d, p, Sx, Sxy);
    moments(d, p, Tx, Txy);
    for (int i = 0; i < 24; ++i)
        Tstar[i] = 0.1 * ld_test_rand();
    double *W[3], *V[3], *S[3];
    for (int l = 0; l < 3; ++l) {
        const size_t n = (size_t)(r[l] * r[l + 1]);
        W[l] = ld_test_randmat(n);
        V[l] = ld_test_randmat(n);
        S[l] = ld_test_randmat(n);
        memset(S[l], 0, n * sizeof(double));
        for (size_t i = 0; i < n; ++i)
            V[l][i] = W[l][i] = 0.4 * W[l][i];
    }
    ld_test_moments_run m, t;
    ld_test_moments(&m, L, r, Sx, Sxy, Wstar);
    ld_test_moments(&t, L, r, Tx, Txy, Tstar);
    const ld_eval ev = {t.spec.obj, &t.od};
    m.spec.meas = (ld_measure_spec){2, 1, 1, 0, 0, 0, NULL, 1, &ev, 0, 0.0, 0};
    const double beta0 = 0.0;
    ld_run_spec mom = m.spec;
    mom.upd = ld_update_find("momentum");
    mom.hyper = &beta0;
    LD_CHECK(ld_run_check(&m.spec) == LD_OK && ld_run_check(&mom) == LD_OK);
    double loss[3], test[3], fro2[3], nuc[3], er[3], sv[6], loss2[3], test2[3], fro22[3],
        nuc2[3], er2[3], sv2[6], snap[72];
    const size_t w1 = ld_run_work(&m.spec), w2 = ld_run_work(&mom);
    double *work = ld_test_randmat(w1 > w2 ? w1 : w2);
    ld_traj a = ld_test_traj(0.1, INFINITY, W), b = ld_test_traj(0.1, INFINITY, V);
    a.rec = (ld_records){3, at, loss, test, fro2, nuc, er, sv, NULL, NULL, NULL, NULL, NULL};
    b.rec = (ld_records){3, at, loss2, test2, fro22, nuc2, er2, sv2, NULL, snap, NULL, NULL, NULL};
    m.spec.meas.snapshots = 0;
    mom.meas.snapshots = 1;
    b.S = S;
    LD_CHECK(ld_run(&m.spec, &a, 0, iters, work) == LD_OK);
    LD_CHECK(ld_run(&mom, &b, 0, iters, work) == LD_OK);
    LD_CHECK(a.nrec_done == 3 && a.done == iters && b.done == iters);
    for (int l = 0; l < 3; ++l)
        LD_CHECK(relmax(W[l], V[l], (size_t)(r[l] * r[l + 1])) < 1e-13);
    LD_CHECK(relmax(loss, loss2, 3) < 1e-12);
    LD_CHECK(relmax(test, test2, 3) < 1e-12);
    LD_CHECK(relmax(nuc, nuc2, 3) < 1e-12);
    LD_CHECK(relmax(sv, sv2, 6) < 1e-12);
    LD_CHECK(relmax(er, er2, 3) < 1e-12);
    for (int j = 0; j < 3; ++j) {
        /* the held-out excess loss 1/2 <E - T*, Tx (E - T*)> of the snapshot */
        double D[24], TD[24], q = 0.0;
        for (int i = 0; i < 24; ++i)
            D[i] = snap[24 * j + i] - Tstar[i];
        ld_test_matmul(0, 0, d, p, d, Tx, D, TD);
        for (int i = 0; i < 24; ++i)
            q += D[i] * TD[i];
        LD_CHECK(fabs(test2[j] - 0.5 * q) <= 1e-12 * (0.5 * q));
        LD_CHECK(er[j] >= 1.0 && er[j] <= 4.0);
    }
    /* divergence: a step far above 2 / lambda_max stops, records only before it */
    a.eta = 50.0;
    a.cmax = 1e6;
    LD_CHECK(ld_run(&m.spec, &a, 0, iters, work) == LD_EDIVERGED);
    LD_CHECK(a.done >= 0 && a.done < iters && a.nrec_done <= 3);
    for (int l = 0; l < 3; ++l) {
        free(W[l]);
        free(V[l]);
        free(S[l]);
    }
    free(work);
}

/* completion: observed entries only, 1/nobs normalisation; Adam on L = 1 against a
 * plain loop of PyTorch's formula */
static void test_completion_adam(void)
{
    const ptrdiff_t L = 1, r[] = {4, 3};
    const double idx[] = {0, 2, 5, 7, 11}, val[] = {1.0, -0.5, 0.3, 0.8, -1.2};
    const ld_array arg[2] = {{idx, LD_DOUBLE, 5, 1}, {val, LD_DOUBLE, 5, 1}};
    const double threads = 1.0;
    const ld_objdata od = {arg, &threads};
    const double hyper[] = {0.9, 0.999, 1e-8};
    const ld_run_spec spec = {ld_objective_find("completion"), &od, ld_update_find("adam"),
                              hyper, L, r, {0}, {NAN, NAN, 0, 0}};
    LD_CHECK(ld_run_check(&spec) == LD_OK);
    double W[12], V[12], m[12] = {0}, v[12] = {0}, mm[12] = {0}, vv[12] = {0};
    for (int i = 0; i < 12; ++i)
        V[i] = W[i] = 0.5 * ld_test_rand();
    double *Wp[] = {W}, *Sp[] = {mm, vv};
    double *work = ld_test_randmat(ld_run_work(&spec));
    const double eta = 0.01;
    ld_traj tr = ld_test_traj(eta, INFINITY, Wp);
    tr.S = Sp;
    LD_CHECK(ld_run(&spec, &tr, 0, 40, work) == LD_OK);
    for (int t = 1; t <= 40; ++t) {
        double g[12] = {0};
        for (int q = 0; q < 5; ++q)
            g[(int)idx[q]] = (V[(int)idx[q]] - val[q]) / 5.0;
        for (int i = 0; i < 12; ++i) {
            m[i] = 0.9 * m[i] + 0.1 * g[i];
            v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
            V[i] -= eta / (1.0 - pow(0.9, t)) * m[i]
                    / (sqrt(v[i]) / sqrt(1.0 - pow(0.999, t)) + 1e-8);
        }
    }
    LD_CHECK(relmax(W, V, 12) < 1e-13);
    /* the first moment the runner carries equals the loop's */
    LD_CHECK(relmax(mm, m, 12) < 1e-13);
    /* bad data: unsorted index, index out of range */
    const double bad[] = {0, 2, 2, 7, 11}, out[] = {0, 2, 5, 7, 12};
    ld_array a2[2] = {{bad, LD_DOUBLE, 5, 1}, {val, LD_DOUBLE, 5, 1}};
    ld_objdata o2 = {a2, &threads};
    ld_run_spec s2 = spec;
    s2.data = &o2;
    LD_CHECK(ld_run_check(&s2) == LD_EARG);
    a2[0].data = out;
    LD_CHECK(ld_run_check(&s2) == LD_EARG);
    const double badh[] = {1.0, 0.999, 1e-8};
    s2 = spec;
    s2.hyper = badh;
    LD_CHECK(ld_run_check(&s2) == LD_EARG);
    LD_CHECK(ld_objective_find("nope") == NULL && ld_update_find(NULL) == NULL);
    free(work);
}

/* mini-batch: b = n is the moments gradient; one epoch's batch gradients average to it */
static void test_batch(void)
{
    const ptrdiff_t n = 12, d = 3, p = 2, r[] = {3, 2};
    double *X = ld_test_randmat(36), *Y = ld_test_randmat(24), Sx[9], Sxy[6], Ws[6] = {0};
    double E[6], G[6], Gm[6], Gsum[6] = {0};
    ld_test_second_moments(n, d, p, X, Y, Sx, Sxy);
    for (int i = 0; i < 6; ++i)
        E[i] = ld_test_rand();
    ld_test_matmul(0, 0, d, p, d, Sx, E, Gm);
    for (int i = 0; i < 6; ++i)
        Gm[i] -= Sxy[i];
    const ld_array arg[4] = {{X, LD_DOUBLE, n, d}, {Y, LD_DOUBLE, n, p}, {Sx, LD_DOUBLE, d, d},
                             {Ws, LD_DOUBLE, d, p}};
    double par[5] = {12, 0, 0, 7, 0};   /* batch, replacement, noise, seed, transposed */
    ld_objdata od = {arg, par};
    const ld_objective *ob = ld_objective_find("batch");
    const ld_run_spec spec = {ob, &od, ld_update_find("gd"), NULL, 1, r, {0}, {NAN, NAN, 0, 0}};
    LD_CHECK(ld_run_check(&spec) == LD_OK);
    double *work = ld_test_randmat(ob->work(&od, d, p)), crit;
    memset(work, 0, ob->work(&od, d, p) * sizeof(double));
    LD_CHECK(ob->grad(&od, d, p, 0, E, G, &crit, work) == LD_OK);
    LD_CHECK(relmax(G, Gm, 6) < 1e-13);
    free(work);
    par[0] = 4;      /* three batches of 4 per epoch; epoch 1 = steps 3, 4, 5 */
    work = ld_test_randmat(ob->work(&od, d, p));
    memset(work, 0, ob->work(&od, d, p) * sizeof(double));
    for (int t = 3; t < 6; ++t) {
        LD_CHECK(ob->grad(&od, d, p, t, E, G, &crit, work) == LD_OK);
        for (int i = 0; i < 6; ++i)
            Gsum[i] += G[i] / 3.0;
    }
    LD_CHECK(relmax(Gsum, Gm, 6) < 1e-13);
    /* a batch of the next epoch differs (another permutation) but is reproducible */
    double Ga[6], Gb[6];
    LD_CHECK(ob->grad(&od, d, p, 6, E, Ga, &crit, work) == LD_OK);
    memset(work, 0, ob->work(&od, d, p) * sizeof(double));
    LD_CHECK(ob->grad(&od, d, p, 6, E, Gb, &crit, work) == LD_OK);
    LD_CHECK(ld_test_maxdiff(Ga, Gb, 6) == 0.0);
    par[0] = 13;
    LD_CHECK(ld_run_check(&spec) == LD_EARG);
    free(work);
    free(X);
    free(Y);
}

static void test_rng(void)
{
    ld_rng a, b;
    ld_rng_seed(&a, 42, 1, 3);
    ld_rng_seed(&b, 42, 1, 3);
    int same = 1;
    for (int i = 0; i < 100; ++i)
        same &= ld_rng_next(&a) == ld_rng_next(&b);
    LD_CHECK(same);
    ld_rng_seed(&b, 42, 1, 4);
    LD_CHECK(ld_rng_next(&a) != ld_rng_next(&b));
    /* moments of 1e5 normals: standard errors 1/316 (mean), sqrt(2)/316 (variance); 6 of them */
    const size_t n = 100000;
    double *z = ld_test_randmat(n), s = 0.0, s2 = 0.0, u = 0.0;
    ld_rng_normal(&a, z, n);
    for (size_t i = 0; i < n; ++i) {
        s += z[i];
        s2 += z[i] * z[i];
        u += (double)ld_rng_below(&a, 10);
    }
    LD_CHECK(fabs(s / n) < 6.0 / 316.0);
    LD_CHECK(fabs(s2 / n - 1.0) < 6.0 * 1.415 / 316.0);
    /* uniform on 0..9: mean 4.5, sd 2.87 */
    LD_CHECK(fabs(u / n - 4.5) < 6.0 * 2.87 / 316.0);
    free(z);
}

int main(void)
{
    LD_RUN(test_chain_rule);
    LD_RUN(test_fused_vs_generic);
    LD_RUN(test_completion_adam);
    LD_RUN(test_batch);
    LD_RUN(test_rng);
    return ld_test_summary("test_run");
}
