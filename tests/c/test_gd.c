/* test_gd.c -- ld_gd_run against a naive loop of eq. 5 written here with plain loops,
 * its records, divergence stop and argument checks. */
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_gd.h"
#include "ld_blas_threads.h"

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
    double ex[4], f2[4], nuc[4], sv[8], dist[8], snap[80];
    ld_gd_record rec = {4, at, Wstar, 2, 2, P, ex, f2, nuc, sv, dist, snap};
    double *work = ld_test_randmat(ld_gd_work(2, dims));
    double *W[2] = {W1, W2};
    ptrdiff_t nrec = -1, dat = 7;
    LD_CHECK(ld_gd_run(2, dims, Sx, Sxy, 0.3, W, iters, INFINITY, &rec, &nrec, &dat, work)
             == LD_OK);
    LD_CHECK(nrec == 4);
    LD_CHECK(dat == -1);
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
            ++j;
        }
        if (t < iters)
            naive_step2(d, r, p, Sx, Sxy, 0.3, V1, V2, E, G, G1, G2);
    }
    LD_CHECK(ld_test_maxdiff(W1, V1, 15) <= 1e-13);
    LD_CHECK(ld_test_maxdiff(W2, V2, 12) <= 1e-13);
    /* no records at all */
    LD_CHECK(ld_gd_run(2, dims, Sx, Sxy, 0.3, W, 5, INFINITY, NULL, &nrec, &dat, work) == LD_OK);
    LD_CHECK(nrec == 0);
    free(work);
}

/* d = 100 > LD_SMALL_MAX, a width of 70 > LD_SMALL_MAX and p = 10: every product of the
 * step goes through ld_gemm's dgemm branch (with m != n) */
static void test_against_naive_large(void)
{
    const ptrdiff_t d = 100, r = 70, p = 10, iters = 30;
    const ptrdiff_t dims[] = {d, r, p};
    double *Sx = ld_test_randmat((size_t)(d * d)), *Sxy = ld_test_randmat((size_t)(d * p));
    double *W1 = ld_test_randmat((size_t)(d * r)), *W2 = ld_test_randmat((size_t)(r * p));
    double *V1 = ld_test_randmat((size_t)(d * r)), *V2 = ld_test_randmat((size_t)(r * p));
    double *E = ld_test_randmat((size_t)(d * p)), *G = ld_test_randmat((size_t)(d * p));
    double *G1 = ld_test_randmat((size_t)(d * r)), *G2 = ld_test_randmat((size_t)(r * p));
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
    double *work = ld_test_randmat(ld_gd_work(2, dims));
    double *W[2] = {W1, W2};
    ptrdiff_t nrec = -1, dat = 7;
    LD_CHECK(ld_gd_run(2, dims, Sx, Sxy, 0.3, W, iters, INFINITY, NULL, &nrec, &dat, work)
             == LD_OK);
    for (ptrdiff_t t = 0; t < iters; ++t)
        naive_step2(d, r, p, Sx, Sxy, 0.3, V1, V2, E, G, G1, G2);
    /* entries O(0.1-1), sums of <= 100 terms per product, 30 steps of a map with
     * eta ||Sx|| < 0.2: rounding ~1e-14, far below the O(1) error of any wrong product */
    LD_CHECK(ld_test_maxdiff(W1, V1, (size_t)(d * r)) <= 1e-12);
    LD_CHECK(ld_test_maxdiff(W2, V2, (size_t)(r * p)) <= 1e-12);
    free(Sx); free(Sxy); free(W1); free(W2); free(V1); free(V2); free(E); free(G);
    free(G1); free(G2); free(work);
}

static void test_divergence(void)
{
    /* scalar L = 1: w <- w - eta (s w - 1) with eta s = 3: residual multiplies by -2 */
    const ptrdiff_t dims[] = {1, 1};
    double s = 1.0, c = 1.0, w = 0.0, *W[1] = {&w}, fro[10];
    double *work = ld_test_randmat(ld_gd_work(1, dims));
    const ptrdiff_t at[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    ld_gd_record rec = {10, at, NULL, 0, 0, NULL, NULL, fro, NULL, NULL, NULL, NULL};
    ptrdiff_t nrec, dat;
    /* residual^2 at iterate t is 4^t: first above 100 at t = 4 */
    LD_CHECK(ld_gd_run(1, dims, &s, &c, 3.0, W, 9, 100.0, &rec, &nrec, &dat, work)
             == LD_EDIVERGED);
    LD_CHECK(dat == 4);
    LD_CHECK(nrec == 4);
    LD_CHECK_CLOSE(fro[3], 81.0, 1e-12);   /* w_t = 1 - (-2)^t */
    /* non-finite iterate: stops even with an infinite threshold */
    w = 0.0;
    LD_CHECK(ld_gd_run(1, dims, &s, &c, 3.0, W, 5000, INFINITY, NULL, &nrec, &dat, work)
             == LD_EDIVERGED);
    LD_CHECK(dat > 500 && dat < 530);   /* residual^2 = 4^t overflows near t = 512 */
    free(work);
}

static void test_bad_arguments(void)
{
    const ptrdiff_t dims[] = {1, 1}, bad[] = {1, -1};
    double s = 1.0, w = 0.0, *W[1] = {&w}, work[256];
    const ptrdiff_t at_bad[] = {0, 0}, at_far[] = {3};
    ld_gd_record r1 = {2, at_bad, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    ld_gd_record r2 = {1, at_far, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL};
    double ex;
    ld_gd_record r3 = {1, at_far, NULL, 0, 0, NULL, &ex, NULL, NULL, NULL, NULL, NULL};
    ptrdiff_t nrec, dat;
    LD_CHECK(ld_gd_work(1, bad) == 0);
    LD_CHECK(ld_gd_run(1, bad, &s, &s, 0.1, W, 2, 1.0, NULL, &nrec, &dat, work) == LD_EDIM);
    LD_CHECK(ld_gd_run(1, dims, &s, &s, 0.1, W, -1, 1.0, NULL, &nrec, &dat, work) == LD_EARG);
    LD_CHECK(ld_gd_run(1, dims, &s, &s, NAN, W, 2, 1.0, NULL, &nrec, &dat, work) == LD_EARG);
    LD_CHECK(ld_gd_run(1, dims, &s, &s, 0.1, W, 2, 1.0, &r1, &nrec, &dat, work) == LD_EARG);
    LD_CHECK(ld_gd_run(1, dims, &s, &s, 0.1, W, 2, 1.0, &r2, &nrec, &dat, work) == LD_EARG);
    LD_CHECK(ld_gd_run(1, dims, &s, &s, 0.1, W, 3, 1.0, &r3, &nrec, &dat, work) == LD_EARG);
    LD_CHECK(ld_gd_run(1, dims, &s, &s, 0.1, W, 3, 1.0, NULL, NULL, &dat, work) == LD_EARG);
}

static void test_sweep(void)
{
    /* K = 4 runs with different steps and starts equal 4 separate ld_gd_run calls, one
     * of them diverging */
    const ptrdiff_t dims[] = {3, 2, 2}, K = 4, at[] = {0, 30};
    double Sx[9] = {0.6, 0.1, 0.0, 0.1, 0.5, 0.05, 0.0, 0.05, 0.4}, Sxy[6], Ws[6] = {0};
    double F[4][10], G[4][10], eta[4] = {0.1, 0.5, 1.0, 40.0}, rmax[4];
    double fro[4][2], fro2[4][2];
    for (int i = 0; i < 6; ++i) Sxy[i] = 0.3 * ld_test_rand();
    for (int k = 0; k < 4; ++k) {
        rmax[k] = 1e10;
        for (int i = 0; i < 10; ++i) F[k][i] = G[k][i] = 0.2 * ld_test_rand();
    }
    double *W[8], *V[2];
    ld_gd_record rec[4];
    for (int k = 0; k < 4; ++k) {
        W[2 * k] = F[k];
        W[2 * k + 1] = F[k] + 6;
        rec[k] = (ld_gd_record){2, at, Ws, 0, 0, NULL, NULL, fro[k], NULL, NULL, NULL, NULL};
    }
    LD_CHECK(ld_gd_sweep_work(2, dims, 4) >= 4 * ld_gd_work(2, dims));
    double *work = ld_test_randmat(ld_gd_sweep_work(2, dims, 4));
    ptrdiff_t nrec[4], dat[4], n1, d1;
    int status[4];
    /* the sweep makes OpenBLAS single-threaded for its parallel region only: the
     * count set before it is the count after it (0: the BLAS is not OpenBLAS) */
    const int blas0 = ld_blas_threads(2);
    LD_CHECK(ld_gd_sweep(2, dims, Sx, Sxy, K, eta, W, 30, rmax, rec, nrec, dat, status, work)
             == LD_OK);
    if (blas0 > 0) {
        LD_CHECK(ld_blas_threads(0) == 2);
        ld_blas_threads(blas0);
    }
    for (int k = 0; k < 4; ++k) {
        ld_gd_record r1 = {2, at, Ws, 0, 0, NULL, NULL, fro2[k], NULL, NULL, NULL, NULL};
        V[0] = G[k];
        V[1] = G[k] + 6;
        const int s = ld_gd_run(2, dims, Sx, Sxy, eta[k], V, 30, rmax[k], &r1, &n1, &d1, work);
        LD_CHECK(s == status[k]);
        LD_CHECK(n1 == nrec[k] && d1 == dat[k]);
        /* the same operations in the same order: bitwise equal */
        for (int i = 0; i < 10; ++i)
            LD_CHECK(F[k][i] == G[k][i] || (isnan(F[k][i]) && isnan(G[k][i])));
        for (ptrdiff_t j = 0; j < n1; ++j)
            LD_CHECK(fro[k][j] == fro2[k][j]);
    }
    LD_CHECK(status[0] == LD_OK && status[3] == LD_EDIVERGED);
    LD_CHECK(ld_gd_sweep(2, dims, Sx, Sxy, 2, NULL, W, 30, rmax, rec, nrec, dat, status, work)
             == LD_EARG);
    LD_CHECK(ld_gd_sweep(2, dims, Sx, Sxy, 0, NULL, NULL, 30, NULL, NULL, NULL, NULL, NULL,
                         NULL) == LD_OK);
    free(work);
}

int main(void)
{
    LD_RUN(test_sweep);
    LD_RUN(test_against_naive);
    LD_RUN(test_against_naive_large);
    LD_RUN(test_divergence);
    LD_RUN(test_bad_arguments);
    return ld_test_summary("test_gd");
}
