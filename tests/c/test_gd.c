/* test_gd.c -- plain gradient descent on the moments through the runner's fast path (the
 * objective's fused step, ld_run.h) against a naive loop of eq. 5 written here with plain
 * loops: its records, the divergence convention, argument checks and sweeps. */
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_test_run.h"
#include "ld_blas_threads.h"
#include "ld_sharpness.h"

/* one naive step of eq. 5 for L = 2: W1 -= eta G W2', W2 -= eta W1' G */
static void naive_step2(ptrdiff_t d, ptrdiff_t r, ptrdiff_t p, const double *Sx,
                        const double *Sxy, double eta, double *W1, double *W2,
                        double *E, double *G, double *G1, double *G2)
{
    ld_test_matmul(0, 0, d, p, r, W1, W2, E);
    ld_test_matmul(0, 0, d, p, d, Sx, E, G);
    for (ptrdiff_t i = 0; i < d * p; ++i)
        G[i] -= Sxy[i];
    ld_test_matmul(0, 1, d, r, p, G, W2, G1);
    ld_test_matmul(1, 0, r, p, d, W1, G, G2);
    for (ptrdiff_t i = 0; i < d * r; ++i)
        W1[i] -= eta * G1[i];
    for (ptrdiff_t i = 0; i < r * p; ++i)
        W2[i] -= eta * G2[i];
}

static void test_against_naive(void)
{
    const ptrdiff_t d = 5, r = 3, p = 4, iters = 200;
    const ptrdiff_t dims[] = {d, r, p};
    /* Sx = I/2 + small symmetric perturbation: eigenvalues in (0.3, 0.7) */
    double Sx[25], Sxy[20], W1[15], W2[12], V1[15], V2[12], E[20], G[20], G1[15], G2[12];
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j <= i; ++j) {
            const double v = (i == j ? 0.5 : 0.0) + 0.04 * ld_test_rand();
            Sx[i + 5 * j] = Sx[j + 5 * i] = v;
        }
    for (int i = 0; i < 20; ++i) Sxy[i] = 0.3 * ld_test_rand();
    for (int i = 0; i < 15; ++i) V1[i] = W1[i] = 0.3 * ld_test_rand();
    for (int i = 0; i < 12; ++i) V2[i] = W2[i] = 0.3 * ld_test_rand();
    double Wstar[20] = {0}, P[40] = {0};
    for (int i = 0; i < 20; ++i) P[20 + i] = 1.0;
    const ptrdiff_t at[] = {0, 1, 50, 200};
    double ex[4], f2[4], nuc[4], sv[8], dist[8], snap[80], bal[4];
    ld_test_moments_run m;
    ld_test_moments(&m, 2, dims, Sx, Sxy, Wstar);
    m.spec.meas = (ld_measure_spec){2, 1, 0, 1, 1, 2, P, 0, NULL, 0, 0.0, 0};
    LD_CHECK(ld_run_check(&m.spec) == LD_OK);
    double *work = ld_test_randmat(ld_run_work(&m.spec));
    double *W[2] = {W1, W2};
    ld_traj tr = ld_test_traj(0.3, INFINITY, W);
    tr.rec = (ld_records){4, at, ex, NULL, f2, nuc, NULL, sv, dist, snap, bal, NULL, NULL};
    LD_CHECK(ld_run(&m.spec, &tr, 0, iters, work) == LD_OK);
    LD_CHECK(tr.nrec_done == 4 && tr.done == iters && tr.stopped_by == LD_STOP_NONE);
    int j = 0;
    for (ptrdiff_t t = 0; t <= iters; ++t) {
        if (t == at[j]) {
            ld_test_matmul(0, 0, d, p, r, V1, V2, E);
            /* snapshots and measures of the same iterate; 1e-13: products of O(1)
             * numbers, 200 steps of a contracting map */
            LD_CHECK(ld_test_maxdiff(snap + 20 * j, E, 20) <= 1e-13);
            double fro = 0.0, dd = 0.0;
            for (int i = 0; i < 20; ++i) {
                fro += E[i] * E[i];
                dd += (E[i] - 1.0) * (E[i] - 1.0);
            }
            LD_CHECK_CLOSE(f2[j], fro, 1e-13);
            LD_CHECK_CLOSE(dist[2 * j], sqrt(fro), 1e-13);
            LD_CHECK_CLOSE(dist[2 * j + 1], sqrt(dd), 1e-13);
            /* rank <= r = 3: nuclear >= sv1 + sv2 and sv1 <= ||E||_F */
            LD_CHECK(nuc[j] >= sv[2 * j] + sv[2 * j + 1] - 1e-14);
            LD_CHECK(sv[2 * j] <= sqrt(fro) + 1e-14);
            /* W* = 0 here, so the excess loss is 1/2 <E, Sx E> */
            double q = 0.0;
            ld_test_matmul(0, 0, d, p, d, Sx, E, G);
            for (int i = 0; i < 20; ++i) q += E[i] * G[i];
            LD_CHECK_CLOSE(ex[j], 0.5 * q, 1e-13);
            /* the balance ||W1' W1 - W2 W2'||_F of the same iterate */
            double B[9], C[9], b = 0.0;
            ld_test_matmul(1, 0, r, r, d, V1, V1, B);
            ld_test_matmul(0, 1, r, r, p, V2, V2, C);
            for (int i = 0; i < 9; ++i) b += (B[i] - C[i]) * (B[i] - C[i]);
            LD_CHECK_CLOSE(bal[j], sqrt(b), 1e-13);
            ++j;
        }
        if (t < iters)
            naive_step2(d, r, p, Sx, Sxy, 0.3, V1, V2, E, G, G1, G2);
    }
    LD_CHECK(ld_test_maxdiff(W1, V1, 15) <= 1e-13);
    LD_CHECK(ld_test_maxdiff(W2, V2, 12) <= 1e-13);
    /* no records at all */
    tr.rec = (ld_records){0};
    LD_CHECK(ld_run(&m.spec, &tr, 0, 5, work) == LD_OK);
    LD_CHECK(tr.nrec_done == 0 && tr.done == 5);
    free(work);
}

/* What is recorded never changes the iterates: a run recording every step equals, bit
 * for bit, a run recording nothing (the fused step's arithmetic does not depend on it),
 * at L = 2 through the small kernel (r < p and r >= p) and at L = 3 through the chain. */
static void test_records_do_not_change_iterates(void)
{
    const ptrdiff_t shapes[3][4] = {{5, 2, 4, 0}, {5, 6, 4, 0}, {6, 3, 5, 4}};
    for (int s = 0; s < 3; ++s) {
        const ptrdiff_t L = shapes[s][3] == 0 ? 2 : 3;
        const ptrdiff_t *r = shapes[s], d = r[0], p = r[L];
        double Sx[36], Sxy[30], Ws[30] = {0};
        for (ptrdiff_t i = 0; i < d; ++i)
            for (ptrdiff_t k = 0; k <= i; ++k)
                Sx[i + d * k] = Sx[k + d * i] = (i == k ? 0.5 : 0.0) + 0.04 * ld_test_rand();
        for (ptrdiff_t i = 0; i < d * p; ++i) Sxy[i] = 0.3 * ld_test_rand();
        double A[3][36], B[3][36];
        double *WA[3], *WB[3];
        for (ptrdiff_t l = 0; l < L; ++l) {
            for (ptrdiff_t i = 0; i < r[l] * r[l + 1]; ++i)
                A[l][i] = B[l][i] = 0.3 * ld_test_rand();
            WA[l] = A[l];
            WB[l] = B[l];
        }
        ld_test_moments_run m;
        ld_test_moments(&m, L, r, Sx, Sxy, Ws);
        m.spec.meas.nsv = 2;
        double *work = ld_test_randmat(ld_run_work(&m.spec));
        ptrdiff_t at[41];
        double loss[41], fro2[41], sv[82];
        for (int k = 0; k <= 40; ++k) at[k] = k;
        ld_traj ta = ld_test_traj(0.2, INFINITY, WA), tb = ld_test_traj(0.2, INFINITY, WB);
        ta.rec = (ld_records){41, at, loss, NULL, fro2, NULL, NULL, sv, NULL, NULL, NULL, NULL, NULL};
        LD_CHECK(ld_run(&m.spec, &ta, 0, 40, work) == LD_OK);
        LD_CHECK(ld_run(&m.spec, &tb, 0, 40, work) == LD_OK);
        for (ptrdiff_t l = 0; l < L; ++l)
            LD_CHECK(memcmp(A[l], B[l], (size_t)(r[l] * r[l + 1]) * sizeof(double)) == 0);
        free(work);
    }
}

/* d = 100 > LD_SMALL_MAX, a width of 70 > LD_SMALL_MAX and p = 10: every product of the
 * step goes through ld_gemm's dgemm or skinny branches (with m != n) */
static void test_against_naive_large(void)
{
    const ptrdiff_t d = 100, r = 70, p = 10, iters = 30;
    const ptrdiff_t dims[] = {d, r, p};
    double *Sx = ld_test_randmat((size_t)(d * d)), *Sxy = ld_test_randmat((size_t)(d * p));
    double *W1 = ld_test_randmat((size_t)(d * r)), *W2 = ld_test_randmat((size_t)(r * p));
    double *V1 = ld_test_randmat((size_t)(d * r)), *V2 = ld_test_randmat((size_t)(r * p));
    double *E = ld_test_randmat((size_t)(d * p)), *G = ld_test_randmat((size_t)(d * p));
    double *G1 = ld_test_randmat((size_t)(d * r)), *G2 = ld_test_randmat((size_t)(r * p));
    double *Ws = ld_test_randmat((size_t)(d * p));
    /* Sx = I/2 + a symmetric perturbation of spectral norm <= 100 * 1e-3 = 0.1
     * (Gershgorin): eigenvalues in (0.4, 0.6); factors of norm O(0.3) */
    for (ptrdiff_t i = 0; i < d; ++i)
        for (ptrdiff_t j = 0; j <= i; ++j) {
            const double v = (i == j ? 0.5 : 0.0) + 1e-3 * ld_test_rand();
            Sx[i + d * j] = Sx[j + d * i] = v;
        }
    for (ptrdiff_t i = 0; i < d * p; ++i) Sxy[i] *= 0.03;   /* W* of norm O(0.3) */
    for (ptrdiff_t i = 0; i < d * r; ++i) V1[i] = W1[i] *= 0.3 / sqrt((double)d);
    for (ptrdiff_t i = 0; i < r * p; ++i) V2[i] = W2[i] *= 0.3 / sqrt((double)r);
    ld_test_moments_run m;
    ld_test_moments(&m, 2, dims, Sx, Sxy, Ws);
    double *work = ld_test_randmat(ld_run_work(&m.spec));
    double *W[2] = {W1, W2};
    ld_traj tr = ld_test_traj(0.3, INFINITY, W);
    LD_CHECK(ld_run(&m.spec, &tr, 0, iters, work) == LD_OK);
    for (ptrdiff_t t = 0; t < iters; ++t)
        naive_step2(d, r, p, Sx, Sxy, 0.3, V1, V2, E, G, G1, G2);
    /* entries O(0.1-1), sums of <= 100 terms per product, 30 steps of a map with
     * eta ||Sx|| < 0.2: rounding ~1e-14, far below the O(1) error of any wrong product */
    LD_CHECK(ld_test_maxdiff(W1, V1, (size_t)(d * r)) <= 1e-12);
    LD_CHECK(ld_test_maxdiff(W2, V2, (size_t)(r * p)) <= 1e-12);
    free(Sx); free(Sxy); free(W1); free(W2); free(V1); free(V2); free(E); free(G);
    free(G1); free(G2); free(work); free(Ws);
}

/* The divergence convention: the run stops at the first iterate whose residual is above
 * the threshold (or not finite), returns that iterate unchanged and records only those
 * before it; the fused step (gd) and the generic one (momentum, beta = 0) agree. */
static void test_divergence(void)
{
    /* scalar L = 1: w <- w - eta (s w - 1) with eta s = 3: residual multiplies by -2 */
    const ptrdiff_t dims[] = {1, 1};
    double s = 1.0, c = 1.0, Ws = 1.0, w = 0.0, *W[1] = {&w}, fro[10], v = 0.0, *V[1] = {&v};
    const double beta0 = 0.0;
    ld_test_moments_run m;
    ld_test_moments(&m, 1, dims, &s, &c, &Ws);
    ld_run_spec mom = m.spec;
    mom.upd = ld_update_find("momentum");
    mom.hyper = &beta0;
    double *work = ld_test_randmat(ld_run_work(&mom) > ld_run_work(&m.spec) ? ld_run_work(&mom)
                                                                           : ld_run_work(&m.spec));
    const ptrdiff_t at[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (int method = 0; method < 2; ++method) {
        double vel = 0.0, *S[1] = {&vel};
        w = 0.0;
        ld_traj tr = ld_test_traj(3.0, 100.0, W);
        tr.S = S;
        tr.rec = (ld_records){10, at, NULL, NULL, fro, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
        /* residual^2 at iterate t is 4^t: first above 100 at t = 4 */
        LD_CHECK(ld_run(method ? &mom : &m.spec, &tr, 0, 9, work) == LD_EDIVERGED);
        LD_CHECK(tr.done == 4 && tr.nrec_done == 4);
        LD_CHECK_CLOSE(fro[3], 81.0, 1e-12);   /* w_t = 1 - (-2)^t */
        LD_CHECK_CLOSE(w, 1.0 - 16.0, 1e-12);  /* iterate 4, not stepped from */
        /* the same at the end of a call: a call of 4 steps recording its last iterate
         * stops there too (records do not depend on where calls end) */
        w = 0.0;
        vel = 0.0;
        tr = ld_test_traj(3.0, 100.0, W);
        tr.S = S;
        tr.rec = (ld_records){5, at, NULL, NULL, fro, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
        LD_CHECK(ld_run(method ? &mom : &m.spec, &tr, 0, 4, work) == LD_EDIVERGED);
        LD_CHECK(tr.done == 4 && tr.nrec_done == 4);
    }
    /* non-finite iterate: stops even with an infinite threshold */
    w = 0.0;
    ld_traj tr = ld_test_traj(3.0, INFINITY, V);
    LD_CHECK(ld_run(&m.spec, &tr, 0, 5000, work) == LD_EDIVERGED);
    LD_CHECK(tr.done > 500 && tr.done < 530);   /* residual^2 = 4^t overflows near t = 512 */
    free(work);
}

static void test_bad_arguments(void)
{
    const ptrdiff_t dims[] = {1, 1}, bad[] = {1, -1};
    double s = 1.0, w = 0.0, *W[1] = {&w}, work[4096];
    const ptrdiff_t at_bad[] = {0, 0}, at_far[] = {3};
    ld_test_moments_run m;
    ld_test_moments(&m, 1, dims, &s, &s, &s);
    LD_CHECK(ld_run_work(&m.spec) < 4096);
    ld_traj tr = ld_test_traj(0.1, 1.0, W);
    LD_CHECK(ld_run(&m.spec, &tr, 0, -1, work) == LD_EARG);
    tr.eta = NAN;
    LD_CHECK(ld_run(&m.spec, &tr, 0, 2, work) == LD_EARG);
    tr.eta = 0.1;
    tr.rec = (ld_records){2, at_bad, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    LD_CHECK(ld_run(&m.spec, &tr, 0, 2, work) == LD_EARG);
    tr.rec = (ld_records){1, at_far, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    LD_CHECK(ld_run(&m.spec, &tr, 0, 2, work) == LD_EARG);
    LD_CHECK(ld_run(&m.spec, NULL, 0, 2, work) == LD_EARG);
    /* stopping rules need their state */
    tr.rec = (ld_records){0};
    m.spec.stop.loss = 0.5;
    LD_CHECK(ld_run(&m.spec, &tr, 0, 2, work) == LD_EARG);
    m.spec.stop.loss = NAN;
    m.spec.stop.patience = 2;             /* patience without a held-out loss */
    LD_CHECK(ld_run_check(&m.spec) == LD_EARG);
    m.spec.stop.patience = 0;
    m.spec.r = bad;
    LD_CHECK(ld_run_work(&m.spec) == 0);
    LD_CHECK(ld_run_check(&m.spec) == LD_EDIM);
}

static void test_sweep(void)
{
    /* K = 4 runs with different steps and starts equal 4 separate ld_run calls, one of
     * them diverging, for gd (the fused step) and Adam (factors and state in private
     * copies) */
    const ptrdiff_t dims[] = {3, 2, 2}, K = 4, at[] = {0, 30};
    double Sx[9] = {0.6, 0.1, 0.0, 0.1, 0.5, 0.05, 0.0, 0.05, 0.4}, Sxy[6], Ws[6] = {0};
    const double eta[4] = {0.1, 0.5, 1.0, 40.0}, hyper[3] = {0.9, 0.999, 1e-8};
    for (int i = 0; i < 6; ++i) Sxy[i] = 0.3 * ld_test_rand();
    ld_test_moments_run m;
    ld_test_moments(&m, 2, dims, Sx, Sxy, Ws);
    for (int method = 0; method < 2; ++method) {
        ld_run_spec spec = m.spec;
        if (method) {
            spec.upd = ld_update_find("adam");
            spec.hyper = hyper;
        }
        double F[4][10], G[4][10], SF[4][20] = {{0}}, SG[4][20] = {{0}};
        double fro[4][2], fro2[4][2];
        double *W[8], *S[16];
        ld_traj tr[4];
        for (int k = 0; k < 4; ++k) {
            for (int i = 0; i < 10; ++i) F[k][i] = G[k][i] = 0.2 * ld_test_rand();
            W[2 * k] = F[k];
            W[2 * k + 1] = F[k] + 6;
            S[4 * k] = SF[k];            /* m, v of W1 (6 each), then of W2 (4 each) */
            S[4 * k + 1] = SF[k] + 6;
            S[4 * k + 2] = SF[k] + 12;
            S[4 * k + 3] = SF[k] + 16;
            tr[k] = ld_test_traj(method ? 0.01 * eta[k] : eta[k], 1e10, W + 2 * k);
            if (method && k == 3) tr[k].eta = 1e6;
            tr[k].S = method ? S + 4 * k : NULL;
            tr[k].rec = (ld_records){2, at, NULL, NULL, fro[k], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
        }
        LD_CHECK(ld_run_sweep_work(&spec, 4) >= 4 * ld_run_work(&spec));
        double *work = ld_test_randmat(ld_run_sweep_work(&spec, 4));
        /* the sweep makes OpenBLAS single-threaded for its parallel region only: the
         * count set before it is the count after it (0: the BLAS is not OpenBLAS) */
        const int blas0 = ld_blas_threads(2);
        LD_CHECK(ld_run_sweep(&spec, K, tr, 0, 30, work) == LD_OK);
        if (blas0 > 0) {
            LD_CHECK(ld_blas_threads(0) == 2);
            ld_blas_threads(blas0);
        }
        for (int k = 0; k < 4; ++k) {
            double *V[2] = {G[k], G[k] + 6}, *T[4] = {SG[k], SG[k] + 6, SG[k] + 12, SG[k] + 16};
            ld_traj one = ld_test_traj(tr[k].eta, 1e10, V);
            one.S = method ? T : NULL;
            one.rec = (ld_records){2, at, NULL, NULL, fro2[k], NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
            LD_CHECK(ld_run(&spec, &one, 0, 30, work) == tr[k].status);
            LD_CHECK(one.nrec_done == tr[k].nrec_done && one.done == tr[k].done);
            /* the same operations in the same order: bitwise equal */
            LD_CHECK(memcmp(F[k], G[k], sizeof F[k]) == 0);
            LD_CHECK(memcmp(SF[k], SG[k], sizeof SF[k]) == 0);
            for (ptrdiff_t j = 0; j < one.nrec_done; ++j)
                LD_CHECK(fro[k][j] == fro2[k][j]);
        }
        LD_CHECK(tr[0].status == LD_OK && tr[3].status == LD_EDIVERGED);
        LD_CHECK(ld_run_sweep(&spec, 2, NULL, 0, 30, work) == LD_EARG);
        LD_CHECK(ld_run_sweep(&spec, 0, NULL, 0, 30, NULL) == LD_OK);
        free(work);
    }
}

/* sharpness records: each equals ld_sharpness at the same iterate (a plain loop's), for
 * the fused step (gd) and the generic one (momentum), with the warm start carried from
 * record to record and across calls */
static void test_sharpness_records(void)
{
    const ptrdiff_t r[] = {4, 3, 2}, L = 2, n = 4 * 3 + 3 * 2, at[] = {0, 5, 40, 120};
    double Sx[16], Sxy[8], Ws[8] = {0}, W1[12], W2[6], V1[12], V2[6], sh[4];
    for (int i = 0; i < 4; ++i)
        for (int j = 0; j <= i; ++j)
            Sx[i + 4 * j] = Sx[j + 4 * i] = (i == j ? 0.5 : 0.0) + 0.05 * ld_test_rand();
    for (int i = 0; i < 8; ++i) Sxy[i] = 0.4 * ld_test_rand();
    for (int i = 0; i < 12; ++i) V1[i] = W1[i] = 0.3 * ld_test_rand();
    for (int i = 0; i < 6; ++i) V2[i] = W2[i] = 0.3 * ld_test_rand();
    ld_test_moments_run m;
    ld_test_moments(&m, L, r, Sx, Sxy, Ws);
    m.spec.meas.sharpness = 1;
    m.spec.meas.sharp_tol = 1e-12;
    m.spec.meas.sharp_maxit = 100;
    LD_CHECK(ld_run_check(&m.spec) == LD_OK);
    double *work = ld_test_randmat(ld_run_work(&m.spec)), vwarm[18] = {0};
    double *W[2] = {W1, W2}, *V[2] = {V1, V2};
    ld_traj tr = ld_test_traj(0.2, INFINITY, W);
    tr.sharp_v = vwarm;
    tr.rec.nrec = 4;
    tr.rec.at = at;
    tr.rec.sharp = sh;
    LD_CHECK(ld_run(&m.spec, &tr, 0, 120, work) == LD_OK);
    LD_CHECK(tr.nrec_done == 4);
    /* the warm start vector is a unit eigenvector after the records */
    double nv = 0.0;
    for (int i = 0; i < n; ++i) nv += vwarm[i] * vwarm[i];
    LD_CHECK(fabs(nv - 1.0) < 1e-12);
    const ld_moments mo = {L, r, Sx, Sxy};
    double *sw = ld_test_randmat(ld_sharpness_work(L, r, 1, 100));
    const ptrdiff_t dims[] = {4, 3, 2};
    double E[8], G[8], G1[12], G2[6];
    int j = 0;
    for (ptrdiff_t t = 0; t <= 120; ++t) {
        if (t == at[j]) {
            double th;
            ld_sharpness_opts opt = {1, 1e-12, 100, 1, NULL};
            ld_sharpness_result res = {&th, NULL, 0, 0.0, 0};
            LD_CHECK(ld_sharpness(&mo, (const double *const *)V, &opt, &res, sw) == LD_OK);
            /* both to 1e-12 of the same eigenvalue: far below 1e-9 apart */
            LD_CHECK_CLOSE(sh[j], th, 1e-9 * fabs(th));
            ++j;
        }
        if (t < 120)
            naive_step2(dims[0], dims[1], dims[2], Sx, Sxy, 0.2, V1, V2, E, G, G1, G2);
    }
    /* the generic path (momentum with beta 0) records the same to rounding */
    const double beta0 = 0.0;
    ld_run_spec mom = m.spec;
    mom.upd = ld_update_find("momentum");
    mom.hyper = &beta0;
    double vel[18] = {0}, sh2[4], vw2[18] = {0};
    free(work);
    work = ld_test_randmat(ld_run_work(&mom));
    double *B[2] = {V1, V2}, *S[2] = {vel, vel + 12};
    /* restart both from the same point: V holds the plain loop's iterate 120 */
    for (int i = 0; i < 12; ++i) W1[i] = V1[i];
    for (int i = 0; i < 6; ++i) W2[i] = V2[i];
    ld_traj t1 = ld_test_traj(0.2, INFINITY, W), t2 = ld_test_traj(0.2, INFINITY, B);
    t1.sharp_v = vwarm;
    t1.rec.nrec = 4; t1.rec.at = at; t1.rec.sharp = sh;
    t2.sharp_v = vw2;
    t2.S = S;
    t2.rec.nrec = 4; t2.rec.at = at; t2.rec.sharp = sh2;
    LD_CHECK(ld_run(&m.spec, &t1, 0, 120, work) == LD_OK);
    LD_CHECK(ld_run(&mom, &t2, 0, 120, work) == LD_OK);
    for (int k = 0; k < 4; ++k)
        LD_CHECK_CLOSE(sh[k], sh2[k], 1e-9 * fabs(sh2[k]));
    free(work);
    free(sw);
}

int main(void)
{
    LD_RUN(test_sharpness_records);
    LD_RUN(test_sweep);
    LD_RUN(test_against_naive);
    LD_RUN(test_records_do_not_change_iterates);
    LD_RUN(test_against_naive_large);
    LD_RUN(test_divergence);
    LD_RUN(test_bad_arguments);
    return ld_test_summary("test_gd");
}
