/* test_gradient.c -- eq. 11 gradients, the fused step of eq. 5, W* and the recorded
 * measures, against naive loops. */
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_gradient.h"
#include "ld_chain.h"
#include "ld_min_norm_ls.h"
#include "ld_measures.h"

/* product W[a..b-1] (0-based, r[a] x r[b]); identity of size r[a] when a == b */
static double *prod(const ptrdiff_t *r, double *const *W, ptrdiff_t a, ptrdiff_t b)
{
    double *P = ld_test_eye(r[a]);
    for (ptrdiff_t l = a; l < b; ++l) {
        double *Q = ld_test_randmat((size_t)(r[a] * r[l + 1]));
        ld_test_matmul(0, 0, r[a], r[l + 1], r[l], P, W[l], Q);
        free(P);
        P = Q;
    }
    return P;
}

static void check_chain(ptrdiff_t L, const ptrdiff_t *r)
{
    const ptrdiff_t d = r[0], p = r[L];
    double *Sx0 = ld_test_randmat((size_t)(d * d)), *Sx = ld_test_randmat((size_t)(d * d));
    ld_test_matmul(0, 1, d, d, d, Sx0, Sx0, Sx);   /* symmetric PSD */
    for (ptrdiff_t i = 0; i < d * d; ++i)           /* entries O(1) at any d */
        Sx[i] /= (double)d;
    double *Sxy = ld_test_randmat((size_t)(d * p));
    double *W[8], *G[8], *Wn[8];
    for (ptrdiff_t l = 0; l < L; ++l) {
        W[l] = ld_test_randmat((size_t)(r[l] * r[l + 1]));
        G[l] = ld_test_randmat((size_t)(r[l] * r[l + 1]));
        /* output buffers full of NaN: the gradients must never read them */
        for (ptrdiff_t i = 0; i < r[l] * r[l + 1]; ++i)
            G[l][i] = NAN;
        Wn[l] = ld_test_randmat((size_t)(r[l] * r[l + 1]));
        memcpy(Wn[l], W[l], (size_t)(r[l] * r[l + 1]) * sizeof(double));
    }
    double *work = ld_test_randmat(ld_gradient_work(L, r));
    double *We = ld_test_randmat((size_t)(d * p)), *We2 = ld_test_randmat((size_t)(d * p));
    double *Res = ld_test_randmat((size_t)(d * p));
    const ld_moments m = {L, r, Sx, Sxy};
    LD_CHECK(ld_deep_gradient(&m, (const double *const *)W, G, We, Res, work) == LD_OK);
    /* reference: R = Sx W - Sxy, G_l = P_{l-1}' R S_{l+1}' */
    double *Wr = prod(r, W, 0, L), *R = ld_test_randmat((size_t)(d * p));
    ld_test_matmul(0, 0, d, p, d, Sx, Wr, R);
    double rn2 = 0.0;
    for (ptrdiff_t i = 0; i < d * p; ++i) {
        R[i] -= Sxy[i];
        rn2 += R[i] * R[i];
    }
    /* entries are sums of at most ~1e3 products of numbers of size <= ~10: 1e-11 abs */
    LD_CHECK(ld_test_maxdiff(We, Wr, (size_t)(d * p)) <= 1e-11);
    LD_CHECK(ld_test_maxdiff(Res, R, (size_t)(d * p)) <= 1e-11);
    for (ptrdiff_t l = 0; l < L; ++l) {
        double *Pre = prod(r, W, 0, l), *Suf = prod(r, W, l + 1, L);
        double *T = ld_test_randmat((size_t)(r[l] * p)), *Gr = ld_test_randmat((size_t)(r[l] * r[l + 1]));
        ld_test_matmul(1, 0, r[l], p, d, Pre, R, T);
        ld_test_matmul(0, 1, r[l], r[l + 1], p, T, Suf, Gr);
        LD_CHECK(ld_test_maxdiff(G[l], Gr, (size_t)(r[l] * r[l + 1])) <= 1e-10);
        /* the fused step equals W - eta G for every factor, all at the old iterate */
        free(Pre); free(Suf); free(T); free(Gr);
    }
    const double eta = 0.01;
    double rn2_step = -1.0;
    LD_CHECK(ld_gd_step(&m, eta, INFINITY, Wn, We2, &rn2_step, work) == LD_OK);
    LD_CHECK_CLOSE(rn2_step, rn2, 1e-10 * (1.0 + rn2));
    LD_CHECK(ld_test_maxdiff(We2, Wr, (size_t)(d * p)) <= 1e-11);
    /* the old W asked for or not: the same step, bit for bit */
    {
        double *Wq[8];
        for (ptrdiff_t l = 0; l < L; ++l) {
            Wq[l] = ld_test_randmat((size_t)(r[l] * r[l + 1]));
            memcpy(Wq[l], W[l], (size_t)(r[l] * r[l + 1]) * sizeof(double));
        }
        LD_CHECK(ld_gd_step(&m, eta, INFINITY, Wq, NULL, NULL, work) == LD_OK);
        for (ptrdiff_t l = 0; l < L; ++l) {
            LD_CHECK(memcmp(Wq[l], Wn[l], (size_t)(r[l] * r[l + 1]) * sizeof(double)) == 0);
            free(Wq[l]);
        }
    }
    for (ptrdiff_t l = 0; l < L; ++l)
        for (ptrdiff_t i = 0; i < r[l] * r[l + 1]; ++i)
            LD_CHECK_CLOSE(Wn[l][i], W[l][i] - eta * G[l][i], 1e-12);
    /* an iterate whose residual is above the threshold is not stepped from */
    for (ptrdiff_t l = 0; l < L; ++l)
        memcpy(Wn[l], W[l], (size_t)(r[l] * r[l + 1]) * sizeof(double));
    if (rn2 > 0.0) {
        LD_CHECK(ld_gd_step(&m, eta, 0.5 * rn2, Wn, NULL, NULL, work) == LD_EDIVERGED);
        for (ptrdiff_t l = 0; l < L; ++l)
            LD_CHECK(memcmp(Wn[l], W[l], (size_t)(r[l] * r[l + 1]) * sizeof(double)) == 0);
    }
    /* end-to-end product */
    LD_CHECK(ld_end_to_end(L, r, (const double *const *)W, We2, work) == LD_OK);
    LD_CHECK(ld_test_maxdiff(We2, Wr, (size_t)(d * p)) <= 1e-11);
    for (ptrdiff_t l = 0; l < L; ++l) {
        free(W[l]); free(G[l]); free(Wn[l]);
    }
    free(Sx0); free(Sx); free(Sxy); free(work); free(We); free(We2); free(Res); free(Wr);
    free(R);
}

static void test_gradients(void)
{
    const ptrdiff_t c1[] = {4, 3}, c2[] = {5, 2, 3}, c3[] = {3, 7, 4}, c4[] = {6, 3, 8, 2},
                    c5[] = {4, 5, 1, 6, 3}, c6[] = {1, 1, 1}, c7[] = {3, 0, 2};
    check_chain(1, c1);
    check_chain(2, c2);   /* r1 < p: the (Sx W1) W2 order */
    check_chain(2, c3);
    check_chain(3, c4);
    check_chain(4, c5);
    check_chain(2, c6);
    check_chain(2, c7);   /* empty bottleneck */
    /* dimensions above LD_SMALL_MAX = 64: the dgemm branch of ld_gemm */
    const ptrdiff_t c8[] = {100, 70, 10}, c9[] = {10, 70, 100}, c10[] = {100, 3, 80, 10};
    check_chain(2, c8);
    check_chain(2, c9);
    check_chain(3, c10);
}

static void test_min_norm_ls(void)
{
    /* Sx = B B' of rank 2 in R^4: W* must satisfy Sx W* = Sxy for Sxy in range(Sx) and
     * be orthogonal to null(Sx), i.e. W* = B (B'B)^{-1} ... checked through both. */
    const ptrdiff_t d = 4, p = 2;
    double *B = ld_test_randmat(8), *Sx = ld_test_randmat(16), *C = ld_test_randmat(4);
    double *Sxy = ld_test_randmat(8), *Ws = ld_test_randmat(8), *T = ld_test_randmat(8);
    ld_test_matmul(0, 1, d, d, 2, B, B, Sx);
    ld_test_matmul(0, 0, d, p, 2, B, C, Sxy);   /* range(Sxy) in range(B) */
    double *work = ld_test_randmat(ld_min_norm_ls_work(d, p));
    LD_CHECK(ld_min_norm_ls(d, p, Sx, Sxy, Ws, work) == LD_OK);
    ld_test_matmul(0, 0, d, p, d, Sx, Ws, T);
    /* cond(B'B) is modest for this seed; residual at ~1e3 eps */
    LD_CHECK(ld_test_maxdiff(T, Sxy, 8) <= 1e-12);
    double *N = ld_test_randmat(4);   /* B' W* = B' B z: W* in range(B) => null part zero */
    /* project W* onto null(B'): x with B'x = 0; check via orthogonality to such vectors */
    double *BtB = ld_test_randmat(4);
    ld_test_matmul(1, 0, 2, 2, d, B, B, BtB);
    /* a null vector of B' from the 4x2 matrix: take v = e - B (B'B)^{-1} B' e */
    for (int trial = 0; trial < 3; ++trial) {
        double e[4], z[2], y[2], v[4];
        for (int i = 0; i < 4; ++i) e[i] = ld_test_rand();
        ld_test_matmul(1, 0, 2, 1, d, B, e, y);
        const double det = BtB[0] * BtB[3] - BtB[1] * BtB[2];
        z[0] = (BtB[3] * y[0] - BtB[2] * y[1]) / det;
        z[1] = (-BtB[1] * y[0] + BtB[0] * y[1]) / det;
        ld_test_matmul(0, 0, d, 1, 2, B, z, v);
        for (int i = 0; i < 4; ++i) v[i] = e[i] - v[i];
        for (int j = 0; j < p; ++j) {
            double s = 0.0;
            for (int i = 0; i < 4; ++i) s += v[i] * Ws[i + 4 * j];
            LD_CHECK(fabs(s) <= 1e-11);
        }
    }
    LD_CHECK(ld_min_norm_ls(-1, p, Sx, Sxy, Ws, work) == LD_EDIM);
    LD_CHECK(ld_min_norm_ls(d, p, NULL, Sxy, Ws, work) == LD_EARG);
    LD_CHECK(ld_min_norm_ls(0, p, NULL, NULL, NULL, NULL) == LD_OK);
    free(B); free(Sx); free(C); free(Sxy); free(Ws); free(T); free(work); free(N); free(BtB);
}

static void test_measures(void)
{
    /* W = diag(3, -2, 0.5) padded to 4 x 3: singular values 3, 2, 0.5 */
    const ptrdiff_t d = 4, p = 3;
    double W[12] = {0}, Sx[16] = {0}, Ws[12] = {0}, P[24], s[4], dist[2];
    W[0] = 3; W[5] = -2; W[10] = 0.5;
    for (int i = 0; i < 4; ++i) Sx[i * 5] = i + 1.0;
    for (int i = 0; i < 12; ++i) Ws[i] = 0.25 * i;
    for (int i = 0; i < 24; ++i) P[i] = (i < 12) ? W[i] : W[i - 12] + 1.0;
    double ex = 0, f2 = 0, nuc = 0;
    double *work = ld_test_randmat(ld_measures_work(d, p));
    LD_CHECK(ld_excess_loss(d, p, W, Sx, Ws, &ex, work) == LD_OK);
    LD_CHECK(ld_singular_values(d, p, W, s, work) == LD_OK);
    LD_CHECK(ld_path_dist(d, p, W, 2, P, dist) == LD_OK);
    s[3] = 0.0;
    for (int i = 0; i < 12; ++i) f2 += W[i] * W[i];
    nuc = s[0] + s[1] + s[2];
    double ref = 0.0;
    for (int j = 0; j < 3; ++j)
        for (int i = 0; i < 4; ++i)
            ref += (i + 1.0) * (W[i + 4 * j] - Ws[i + 4 * j]) * (W[i + 4 * j] - Ws[i + 4 * j]);
    LD_CHECK_CLOSE(ex, 0.5 * ref, 1e-13 * ref);
    LD_CHECK_CLOSE(f2, 13.25, 1e-14);
    LD_CHECK_CLOSE(nuc, 5.5, 1e-14);
    LD_CHECK_CLOSE(s[0], 3.0, 1e-14);
    LD_CHECK_CLOSE(s[1], 2.0, 1e-14);
    LD_CHECK_CLOSE(s[2], 0.5, 1e-14);
    LD_CHECK(s[3] == 0.0);
    LD_CHECK(dist[0] == 0.0);
    LD_CHECK_CLOSE(dist[1], sqrt(12.0), 1e-14);
    LD_CHECK(ld_excess_loss(d, p, W, Sx, NULL, &ex, work) == LD_EARG);
    LD_CHECK(ld_path_dist(d, p, W, -1, P, dist) == LD_EDIM);
    LD_CHECK(ld_singular_values(-1, p, W, s, work) == LD_EDIM);
    free(work);
}

static void test_bad_arguments(void)
{
    const ptrdiff_t r[] = {2, 2, 2}, rneg[] = {2, -1, 2};
    double x[4] = {0}, *W[2] = {x, x}, *Wnull[2] = {x, NULL};
    LD_CHECK(ld_gradient_work(0, r) == 0);
    LD_CHECK(ld_gradient_work(2, rneg) == 0);
    const ld_moments m0 = {0, r, x, x}, mneg = {2, rneg, x, x}, mnull = {2, r, NULL, x},
                     m = {2, r, x, x};
    LD_CHECK(ld_gd_step(&m0, 0.1, INFINITY, W, NULL, NULL, x) == LD_EDIM);
    LD_CHECK(ld_gd_step(&mneg, 0.1, INFINITY, W, NULL, NULL, x) == LD_EDIM);
    LD_CHECK(ld_gd_step(&mnull, 0.1, INFINITY, W, NULL, NULL, x) == LD_EARG);
    LD_CHECK(ld_gd_step(&m, 0.1, INFINITY, Wnull, NULL, NULL, x) == LD_EARG);
    LD_CHECK(ld_gd_step(&m, 0.1, NAN, W, NULL, NULL, x) == LD_EARG);
    LD_CHECK(ld_deep_gradient(&m, (const double *const *)W, NULL, NULL, NULL, x) == LD_EARG);
    /* the balance of a chain: W1' W1 - W2 W2' for W1 = [1 0; 0 2], W2 = I is diag(0, 3) */
    double A[4] = {1, 0, 0, 2}, B[4] = {1, 0, 0, 1}, b = -1, bw[4], *F[2] = {A, B};
    LD_CHECK(ld_balance(2, r, (const double *const *)F, &b, bw) == LD_OK);
    LD_CHECK_CLOSE(b, 3.0, 1e-15);
    LD_CHECK(ld_balance(2, rneg, (const double *const *)F, &b, bw) == LD_EDIM);
    LD_CHECK(ld_end_to_end(2, r, (const double *const *)Wnull, x, x) == LD_EARG);
}

int main(void)
{
    LD_RUN(test_gradients);
    LD_RUN(test_min_norm_ls);
    LD_RUN(test_measures);
    LD_RUN(test_bad_arguments);
    return ld_test_summary("test_gradient");
}
