/* test_rrr.c -- ld_symeig, ld_rrr (eq. 4) and ld_assumption1 (eq. 13) against a plain cyclic
 * Jacobi eigensolver (ld_test_linalg.h, no LAPACK), and against their defining identities. */
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_symeig.h"
#include "ld_rrr.h"
#include "ld_assumption1.h"

static double fro(const double *A, size_t count)
{
    double s = 0.0;
    for (size_t i = 0; i < count; ++i)
        s += A[i] * A[i];
    return sqrt(s);
}

/* Sx = X'X/n from n random rows (rank min(n, d)), Sxy = X'Y/n. */
static void random_moments(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p, double *Sx, double *Sxy)
{
    double *X = ld_test_randmat((size_t)(n * d)), *Y = ld_test_randmat((size_t)(n * p));
    ld_test_second_moments(n, d, p, X, Y, Sx, Sxy);
    free(X);
    free(Y);
}

static void test_symeig(void)
{
    const ptrdiff_t n = 9;
    double Sx[81], Sxy[9], A[81], J[81], w[9], wj[9], Z[81], Zj[81], R[81], T[81];
    double *work = malloc(ld_symeig_work(n) * sizeof(double));
    random_moments(20, n, 1, Sx, Sxy);
    memcpy(A, Sx, sizeof A);
    memcpy(J, Sx, sizeof J);
    LD_CHECK(ld_symeig(n, A, n, w, Z, work) == LD_OK);
    ld_test_jacobi_eig(n, J, wj, Zj);
    /* eigenvalues of a matrix with entries <= 1: both solvers are backward stable, so they
     * agree to a few n * eps */
    LD_CHECK(ld_test_maxdiff(w, wj, (size_t)n) <= 1e-13);
    for (ptrdiff_t i = 0; i + 1 < n; ++i)
        LD_CHECK(w[i] >= w[i + 1]);
    /* Z diag(w) Z' reconstructs Sx */
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = 0; i < n; ++i)
            T[i + j * n] = Z[i + j * n] * w[j];
    ld_test_matmul(0, 1, n, n, n, T, Z, R);
    LD_CHECK(ld_test_maxdiff(R, Sx, (size_t)(n * n)) <= 1e-13);
    /* values only; lda > n */
    double Abig[90], w2[9];
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = 0; i < 10; ++i)
            Abig[i + j * 10] = i < n ? Sx[i + j * n] : 1e300;
    LD_CHECK(ld_symeig(n, Abig, 10, w2, NULL, work) == LD_OK);
    LD_CHECK(ld_test_maxdiff(w2, wj, (size_t)n) <= 1e-13);
    LD_CHECK(ld_symeig(n, A, n - 1, w, Z, work) == LD_EDIM);
    LD_CHECK(ld_symeig(n, A, n, w, A, work) == LD_EARG);
    LD_CHECK(ld_symeig(0, NULL, 0, NULL, NULL, NULL) == LD_OK);
    /* n = 1e8 fits a 32-bit integer but the eigensolver's workspace does not */
    if (sizeof(ptrdiff_t) >= 8 && !ld_dims_ok((ptrdiff_t)2600000000.0, 0)) /* 32-bit BLAS ints */
        LD_CHECK(ld_symeig(100000000, A, 100000000, w, Z, work) == LD_EDIM);
    free(work);
}

/* Reference rank-k solution by the Jacobi solver: W* = pinv(Sx) Sxy, V_k = top-k eigenvectors
 * of Sxy' pinv(Sx) Sxy, W^k = W* V_k V_k'. */
static void reference_rrr(ptrdiff_t d, ptrdiff_t p, const double *Sx, const double *Sxy,
                          double tol, ptrdiff_t k, double *W, double *s)
{
    double *S = malloc((size_t)(d * d) * sizeof(double)), *Z = malloc((size_t)(d * d) * sizeof(double));
    double *w = malloc((size_t)d * sizeof(double)), *P = calloc((size_t)(d * d), sizeof(double));
    double *Ws = malloc((size_t)(d * p) * sizeof(double)), *M = malloc((size_t)(p * p) * sizeof(double));
    double *V = malloc((size_t)(p * p) * sizeof(double)), *mu = malloc((size_t)p * sizeof(double));
    double *Pk = calloc((size_t)(p * p), sizeof(double));
    memcpy(S, Sx, (size_t)(d * d) * sizeof(double));
    ld_test_jacobi_eig(d, S, w, Z);
    for (ptrdiff_t l = 0; l < d; ++l)
        if (w[l] > tol * w[0])
            for (ptrdiff_t j = 0; j < d; ++j)
                for (ptrdiff_t i = 0; i < d; ++i)
                    P[i + j * d] += Z[i + l * d] * Z[j + l * d] / w[l];
    ld_test_matmul(0, 0, d, p, d, P, Sxy, Ws);
    ld_test_matmul(1, 0, p, p, d, Sxy, Ws, M);
    ld_test_jacobi_eig(p, M, mu, V);
    for (ptrdiff_t l = 0; l < p; ++l)
        s[l] = sqrt(fmax(mu[l], 0.0));
    for (ptrdiff_t l = 0; l < k; ++l)
        for (ptrdiff_t j = 0; j < p; ++j)
            for (ptrdiff_t i = 0; i < p; ++i)
                Pk[i + j * p] += V[i + l * p] * V[j + l * p];
    ld_test_matmul(0, 0, d, p, p, Ws, Pk, W);
    free(S); free(Z); free(w); free(P); free(Ws); free(M); free(V); free(mu); free(Pk);
}

static void check_rrr(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p)
{
    const ptrdiff_t mn = d < p ? d : p;
    double *Sx = malloc((size_t)(d * d) * sizeof(double)), *Sxy = malloc((size_t)(d * p) * sizeof(double));
    double *W = malloc((size_t)(d * p * (mn + 2)) * sizeof(double)), *s = malloc((size_t)mn * sizeof(double));
    double *Wr = malloc((size_t)(d * p) * sizeof(double)), *sr = malloc((size_t)p * sizeof(double));
    double *work = malloc(ld_rrr_work(d, p) * sizeof(double));
    ptrdiff_t *k = malloc((size_t)(mn + 2) * sizeof(ptrdiff_t));
    const double tol = 1e-10;
    random_moments(n, d, p, Sx, Sxy);
    for (ptrdiff_t j = 0; j < mn + 2; ++j)
        k[j] = j;
    const ld_lsq mom = {d, p, Sx, Sxy};
    ld_rrr_result res = {W, s, -1, -1};
    LD_CHECK(ld_rrr(&mom, mn + 2, k, tol, &res, work) == LD_OK);
    const ptrdiff_t rx = res.rank_x, rf = res.rank_fit;
    LD_CHECK(rx == (n < d ? n : d));
    LD_CHECK(rf == (n < mn ? n : mn));
    for (ptrdiff_t j = 0; j < mn + 2; ++j) {
        const ptrdiff_t kk = j < rf ? j : rf;
        reference_rrr(d, p, Sx, Sxy, tol, kk, Wr, sr);
        /* random moments have well separated s_i (gaps ~ 0.1 s_1) and Sx's conditioning is
         * modest (n >= 2d or exact rank deficiency): two backward-stable routes agree to
         * ~1e-12 relative */
        LD_CHECK(ld_test_maxdiff(W + (size_t)(j * d * p), Wr, (size_t)(d * p))
                 <= 1e-10 * (1.0 + fro(Wr, (size_t)(d * p))));
    }
    reference_rrr(d, p, Sx, Sxy, tol, 0, Wr, sr);
    /* compare s_i^2 (eigenvalues of Sxy' pinv(Sx) Sxy): the square root of a zero eigenvalue
     * computed as 1e-17 would be 3e-9 */
    for (ptrdiff_t i = 0; i < mn; ++i)
        LD_CHECK_CLOSE(s[i] * s[i], sr[i] * sr[i], 1e-10 * sr[0] * sr[0]);
    free(Sx); free(Sxy); free(W); free(s); free(Wr); free(sr); free(work); free(k);
}

static void test_rrr_random(void)
{
    check_rrr(40, 6, 4);  /* tall data, full-rank Sx */
    check_rrr(40, 4, 7);  /* more outputs than inputs */
    check_rrr(4, 8, 3);   /* rank-deficient Sx (rank 4 of 8): pseudo-inverse */
    check_rrr(2, 6, 4);   /* attainable rank 2 < min(d,p): larger k give W* */
    check_rrr(30, 1, 1);
}

static void test_rrr_edges(void)
{
    double Sx[4] = {2, 0, 0, 1}, Sxy[4] = {1, 0, 0, 3}, W[8], s[2], work[200];
    ptrdiff_t k[2] = {1, 2};
    const ld_lsq mom = {2, 2, Sx, Sxy};
    ld_rrr_result res = {W, s, -1, -1};
    LD_CHECK(ld_rrr_work(2, 2) <= 200);
    /* diagonal case: W* = diag(1/2, 3), fitted singular values sqrt(1/2), 3: rank 1 keeps
     * the second component */
    LD_CHECK(ld_rrr(&mom, 2, k, 0.0, &res, work) == LD_OK);
    LD_CHECK_CLOSE(s[0], 3.0, 1e-15);
    LD_CHECK_CLOSE(s[1], sqrt(0.5), 1e-15);
    LD_CHECK_CLOSE(W[0], 0.0, 1e-15);
    LD_CHECK_CLOSE(W[3], 3.0, 1e-15);
    LD_CHECK_CLOSE(W[4], 0.5, 1e-15);
    LD_CHECK_CLOSE(W[7], 3.0, 1e-15);
    /* Sx = 0: pinv is 0, every W^k is 0 */
    double Z0[4] = {0, 0, 0, 0};
    LD_CHECK(ld_rrr(&(ld_lsq){2, 2, Z0, Sxy}, 2, k, 0.0, &res, work) == LD_OK);
    LD_CHECK(res.rank_x == 0 && res.rank_fit == 0 && fro(W, 8) == 0.0);
    /* p == 0 and d == 0 are empty problems */
    ld_rrr_result empty = {NULL, NULL, -1, -1};
    LD_CHECK(ld_rrr(&(ld_lsq){2, 0, Sx, NULL}, 2, k, 0.0, &empty, work) == LD_OK);
    LD_CHECK(empty.rank_x == 2 && empty.rank_fit == 0);
    LD_CHECK(ld_rrr(&(ld_lsq){0, 2, NULL, NULL}, 2, k, 0.0, &empty, NULL) == LD_OK);
    /* bad arguments */
    ptrdiff_t kbad[1] = {-1};
    LD_CHECK(ld_rrr(&mom, 1, kbad, 0.0, &res, work) == LD_EARG);
    LD_CHECK(ld_rrr(&mom, 1, k, -1.0, &res, work) == LD_EARG);
    LD_CHECK(ld_rrr(&mom, 1, k, NAN, &res, work) == LD_EARG);
    LD_CHECK(ld_rrr(&(ld_lsq){2, 2, NULL, Sxy}, 1, k, 0.0, &res, work) == LD_EARG);
    LD_CHECK(ld_rrr(&mom, 1, NULL, 0.0, &res, work) == LD_EARG);
    LD_CHECK(ld_rrr(&(ld_lsq){-1, 2, Sx, Sxy}, 1, k, 0.0, &res, work) == LD_EDIM);
    LD_CHECK(ld_rrr(&mom, 1, k, 0.0, NULL, work) == LD_EARG);
}

/* The defining identities of eq. 13 on the outputs of ld_assumption1. */
static void check_decomposition(ptrdiff_t d, ptrdiff_t p, const double *Sx, const double *Sxy,
                                const double *U, const double *V, const double *sigma,
                                const double *lambda, const double *B, double tol)
{
    const ptrdiff_t mn = d < p ? d : p;
    double *T = calloc((size_t)(d * d), sizeof(double)), *R = calloc((size_t)(d * d), sizeof(double));
    double *I = malloc((size_t)(d > p ? d * d : p * p) * sizeof(double));
    double *D = malloc((size_t)(d * p) * sizeof(double)), *TV = malloc((size_t)(d * p) * sizeof(double));
    /* U'U = I, V'V = I */
    ld_test_matmul(1, 0, d, d, d, U, U, I);
    for (ptrdiff_t i = 0; i < d; ++i)
        I[i + i * d] -= 1.0;
    LD_CHECK(fro(I, (size_t)(d * d)) <= tol);
    ld_test_matmul(1, 0, p, p, p, V, V, I);
    for (ptrdiff_t i = 0; i < p; ++i)
        I[i + i * p] -= 1.0;
    LD_CHECK(fro(I, (size_t)(p * p)) <= tol);
    /* U (diag(lambda) + B) U' = Sx */
    for (ptrdiff_t j = 0; j < d; ++j)
        for (ptrdiff_t i = 0; i < d; ++i)
            R[i + j * d] = B[i + j * d] + (i == j ? lambda[i] : 0.0);
    ld_test_matmul(0, 0, d, d, d, U, R, T);
    ld_test_matmul(0, 1, d, d, d, T, U, R);
    LD_CHECK(ld_test_maxdiff(R, Sx, (size_t)(d * d)) <= tol);
    for (ptrdiff_t i = 0; i < d; ++i)
        LD_CHECK(B[i + i * d] == 0.0);
    /* U' Sxy V = Dxy */
    ld_test_matmul(1, 0, d, p, d, U, Sxy, TV);
    ld_test_matmul(0, 0, d, p, p, TV, V, D);
    for (ptrdiff_t j = 0; j < p; ++j)
        for (ptrdiff_t i = 0; i < d; ++i)
            LD_CHECK_CLOSE(D[i + j * d], (i == j && i < mn) ? sigma[i] : 0.0, tol);
    free(T); free(R); free(I); free(D); free(TV);
}

static void test_assumption_random(void)
{
    const ptrdiff_t d = 7, p = 3;
    double Sx[49], Sxy[21], U[49], V[9], sigma[3], lambda[7], B[49], sr[3], M[9], Q[9];
    double *work = malloc(ld_assumption1_work(d, p) * sizeof(double));
    random_moments(30, d, p, Sx, Sxy);
    const ld_lsq mom = {d, p, Sx, Sxy};
    ld_assumption1_result full = {U, V, sigma, lambda, B, {0.0, 0.0}, 0};
    LD_CHECK(ld_assumption1(&mom, 1e-12, 1, &full, work) == LD_OK);
    const double *eps = full.epsilon;
    const ptrdiff_t r = full.rank_xy;
    LD_CHECK(r == 3);
    /* entries of the moments are <= 1 in size: identities hold to a few hundred eps */
    check_decomposition(d, p, Sx, Sxy, U, V, sigma, lambda, B, 1e-13);
    /* sigma against sqrt(eig(Sxy' Sxy)) by Jacobi */
    ld_test_matmul(1, 0, p, p, d, Sxy, Sxy, M);
    ld_test_jacobi_eig(p, M, sr, Q);
    for (ptrdiff_t i = 0; i < p; ++i)
        LD_CHECK_CLOSE(sigma[i], sqrt(sr[i]), 1e-13);
    /* the completion block (columns 4..7) of B is zero: U' Sx U is diagonal there */
    for (ptrdiff_t j = p; j < d; ++j)
        for (ptrdiff_t i = p; i < d; ++i)
            LD_CHECK(fabs(B[i + j * d]) <= 1e-14);
    /* epsilon = ||B||_2 by Jacobi; thin epsilon from B(1:3,1:3) */
    double Bc[49], wb[7], Zb[49], Bt[9], wt[3], Zt[9];
    memcpy(Bc, B, sizeof Bc);
    ld_test_jacobi_eig(d, Bc, wb, Zb);
    LD_CHECK_CLOSE(eps[0], fmax(fabs(wb[0]), fabs(wb[d - 1])), 1e-14);
    for (ptrdiff_t j = 0; j < p; ++j)
        for (ptrdiff_t i = 0; i < p; ++i)
            Bt[i + j * p] = B[i + j * d];
    ld_test_jacobi_eig(p, Bt, wt, Zt);
    LD_CHECK_CLOSE(eps[1], fmax(fabs(wt[0]), fabs(wt[p - 1])), 1e-14);
    LD_CHECK(eps[0] > 1e-3 && eps[1] > 1e-3); /* random moments do not commute */
    /* thin mode: the leading m columns, lambda and B block of the full decomposition */
    double Ut[21], Vt[9], st[3], lt[3], Bth[9];
    ld_assumption1_result thin = {Ut, Vt, st, lt, Bth, {0.0, 0.0}, 0};
    LD_CHECK(ld_assumption1(&mom, 1e-12, 0, &thin, work) == LD_OK);
    LD_CHECK(thin.rank_xy == r && isnan(thin.epsilon[0]) && thin.epsilon[1] == eps[1]);
    LD_CHECK(ld_test_maxdiff(Ut, U, (size_t)(d * p)) == 0.0);
    LD_CHECK(ld_test_maxdiff(Vt, V, (size_t)(p * p)) == 0.0);
    LD_CHECK(ld_test_maxdiff(lt, lambda, (size_t)p) <= 1e-15);
    for (ptrdiff_t j = 0; j < p; ++j)
        for (ptrdiff_t i = 0; i < p; ++i)
            LD_CHECK_CLOSE(Bth[i + j * p], B[i + j * d], 1e-15);
    free(work);
}

/* Sx = Q diag(l) Q', Sxy = Q(:, 1:p) diag(s) P' with Q, P orthogonal (from Jacobi): B = 0,
 * lambda_i = l of the matching column, including a tie s_1 = s_2 and a zero s_3. */
static void test_assumption_codiagonal(void)
{
    const ptrdiff_t d = 5, p = 3;
    double G[25], Q[25], q[5], H[9], P[9], pw[3], Sx[25], Sxy[15], T[25];
    double U[25], V[9], sigma[3], lambda[5], B[25];
    const double l[5] = {0.5, 3.0, 2.0, 0.25, 1.0}, s[3] = {1.5, 1.5, 0.0};
    double *work = malloc(ld_assumption1_work(d, p) * sizeof(double));
    random_moments(10, d, 1, G, T); /* random symmetric matrices give random orthogonal Q, P */
    ld_test_jacobi_eig(d, G, q, Q);
    random_moments(10, p, 1, H, T);
    ld_test_jacobi_eig(p, H, pw, P);
    for (ptrdiff_t j = 0; j < d; ++j)
        for (ptrdiff_t i = 0; i < d; ++i)
            T[i + j * d] = Q[i + j * d] * l[j];
    ld_test_matmul(0, 1, d, d, d, T, Q, Sx);
    for (ptrdiff_t j = 0; j < p; ++j)
        for (ptrdiff_t i = 0; i < d; ++i)
            T[i + j * d] = Q[i + j * d] * s[j];
    ld_test_matmul(0, 1, d, p, p, T, P, Sxy);
    const ld_lsq mom = {d, p, Sx, Sxy};
    ld_assumption1_result full = {U, V, sigma, lambda, B, {0.0, 0.0}, 0};
    LD_CHECK(ld_assumption1(&mom, 1e-12, 1, &full, work) == LD_OK);
    const double *eps = full.epsilon;
    LD_CHECK(full.rank_xy == 2);
    check_decomposition(d, p, Sx, Sxy, U, V, sigma, lambda, B, 1e-13);
    /* the tied pair is rotated so that B's block vanishes; so is the zero block */
    LD_CHECK(eps[0] <= 1e-13 && eps[1] <= 1e-13);
    /* lambda: the tied pair sees l = {0.5, 3} (descending), the rest {2, 1, 0.25} */
    LD_CHECK_CLOSE(lambda[0], 3.0, 1e-13);
    LD_CHECK_CLOSE(lambda[1], 0.5, 1e-13);
    LD_CHECK_CLOSE(lambda[2], 2.0, 1e-13);
    LD_CHECK_CLOSE(lambda[3], 1.0, 1e-13);
    LD_CHECK_CLOSE(lambda[4], 0.25, 1e-13);
    /* thin mode with rank(Sxy) = 2 < m = 3: the third column still comes from the
     * completion, so the thin outputs are the full ones' leading blocks */
    double Ut[15], Vt[9], st[3], lt[3], Bth[9];
    ld_assumption1_result thin = {Ut, Vt, st, lt, Bth, {0.0, 0.0}, 0};
    LD_CHECK(ld_assumption1(&mom, 1e-12, 0, &thin, work) == LD_OK);
    LD_CHECK(thin.rank_xy == 2 && thin.epsilon[1] <= 1e-13);
    LD_CHECK(ld_test_maxdiff(Ut, U, (size_t)(d * p)) == 0.0);
    LD_CHECK(ld_test_maxdiff(lt, lambda, (size_t)p) <= 1e-13);
    /* p == 0: U = eigenvectors of Sx, B = 0 */
    const ld_lsq no_out = {d, 0, Sx, NULL};
    ld_assumption1_result eig = {U, NULL, NULL, lambda, B, {0.0, 0.0}, -1};
    LD_CHECK(ld_assumption1(&no_out, 1e-12, 1, &eig, work) == LD_OK);
    LD_CHECK(eig.rank_xy == 0 && eig.epsilon[0] <= 1e-13 && eig.epsilon[1] == 0.0);
    /* thin with p == 0: nothing to return, NULL outputs allowed */
    ld_assumption1_result none = {NULL, NULL, NULL, NULL, NULL, {0.0, 0.0}, -1};
    LD_CHECK(ld_assumption1(&no_out, 1e-12, 0, &none, work) == LD_OK);
    LD_CHECK(none.rank_xy == 0 && isnan(none.epsilon[0]) && none.epsilon[1] == 0.0);
    LD_CHECK_CLOSE(lambda[0], 3.0, 1e-13);
    LD_CHECK_CLOSE(lambda[4], 0.25, 1e-13);
    /* bad arguments */
    LD_CHECK(ld_assumption1(&mom, -1.0, 1, &full, work) == LD_EARG);
    LD_CHECK(ld_assumption1(&(ld_lsq){d, p, NULL, Sxy}, 0.0, 1, &full, work) == LD_EARG);
    LD_CHECK(ld_assumption1(&mom, 0.0, 1, NULL, work) == LD_EARG);
    LD_CHECK(ld_assumption1(&(ld_lsq){-2, p, Sx, Sxy}, 0.0, 1, &full, work) == LD_EDIM);
    LD_CHECK(ld_assumption1(&(ld_lsq){0, p, NULL, NULL}, 0.0, 1, &none, NULL) == LD_OK);
    free(work);
}

int main(void)
{
    LD_RUN(test_symeig);
    LD_RUN(test_rrr_random);
    LD_RUN(test_rrr_edges);
    LD_RUN(test_assumption_random);
    LD_RUN(test_assumption_codiagonal);
    return ld_test_summary("test_rrr");
}
