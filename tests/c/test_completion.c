/* test_completion.c -- the sparse step of the completion objective (factor_grad: W at
 * the observed entries only, sparse products for the outer factors) against the runner's
 * dense chain through a d x p gradient and against a plain loop; the kernels of
 * ld_sparse.h against plain loops; one and two threads. */
#include <stdint.h>
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_run.h"
#include "ld_run_table.h"
#include "ld_sparse.h"
#ifdef _OPENMP
#include <omp.h>
#endif

static double relmax(const double *a, const double *b, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; ++i)
        m = fabs(b[i]) > m ? fabs(b[i]) : m;
    return ld_test_maxdiff(a, b, n) / (m > 0.0 ? m : 1.0);
}

/* the kernels on every length 1..40 and 100 (each vector width's tails), groups of
 * 0..6 entries (the four-at-a-time dot products and their remainder) */
static void test_kernels(void)
{
    const ptrdiff_t ncol = 7, m = 9;
    const double ptr[] = {0, 0, 1, 3, 6, 10, 15, 21};
    double idx[21];
    for (int e = 0; e < 21; ++e)
        idx[e] = (double)((e * 5 + 3) % m);
    for (ptrdiff_t n = 1; n <= 100; n = n == 40 ? 100 : n + 1) {
        double *X = ld_test_randmat((size_t)(n * m)), *Y = ld_test_randmat((size_t)(n * ncol));
        double *coef = ld_test_randmat(21), out[21], want[21];
        double *C = ld_test_randmat((size_t)(n * ncol)), *Cw = ld_test_randmat((size_t)(n * ncol));
        ld_sparse_dots(n, 0, ncol, ptr, idx, X, n, Y, n, out);
        ld_sparse_combine(n, 0, ncol, ptr, idx, coef, X, n, C, n);
        for (ptrdiff_t c = 0; c < ncol; ++c) {
            for (ptrdiff_t k = 0; k < n; ++k)
                Cw[k + c * n] = 0.0;
            for (int e = (int)ptr[c]; e < (int)ptr[c + 1]; ++e) {
                const double *x = X + (ptrdiff_t)idx[e] * n;
                double s = 0.0;
                for (ptrdiff_t k = 0; k < n; ++k) {
                    s += x[k] * Y[k + c * n];
                    Cw[k + c * n] += coef[e] * x[k];
                }
                want[e] = s;
            }
        }
        /* sums of <= 100 products of entries in [-1, 1): rounding <= 100 eps */
        double bound = 0.0;
        for (int e = 0; e < 21; ++e)
            LD_CHECK(fabs(out[e] - want[e]) <= 1e-13 * (double)n);
        for (ptrdiff_t i = 0; i < n * ncol; ++i)
            bound = fabs(C[i] - Cw[i]) > bound ? fabs(C[i] - Cw[i]) : bound;
        LD_CHECK(bound <= 1e-14);
        /* X (n x m) transposed into B (m x n): exact copies */
        double *B = ld_test_randmat((size_t)(n * m));
        ld_transpose(0, n, m, X, n, B, m);
        int same = 1;
        for (ptrdiff_t i = 0; i < n; ++i)
            for (ptrdiff_t j = 0; j < m; ++j)
                same &= B[j + i * m] == X[i + j * n];
        LD_CHECK(same);
        free(X);
        free(Y);
        free(coef);
        free(C);
        free(Cw);
        free(B);
    }
    const char *k = ld_sparse_kernel();
    LD_CHECK(strcmp(k, "avx512") == 0 || strcmp(k, "avx2") == 0 || strcmp(k, "generic") == 0
             || strcmp(k, "none") == 0);
    const char *want = getenv("LINDYN_KERNEL");
    if (want != NULL && strcmp(want, "generic") == 0)
        LD_CHECK(strcmp(k, "generic") == 0 || strcmp(k, "none") == 0);
}

typedef struct {
    ptrdiff_t L, r[6], nobs; /* nobs < 0: every entry */
} cfg;

/* observed indices: nobs distinct entries of d x p, increasing (every entry for nobs < 0) */
static ptrdiff_t make_mask(ptrdiff_t d, ptrdiff_t p, ptrdiff_t nobs, double *idx)
{
    const ptrdiff_t dp = d * p;
    if (nobs < 0 || nobs >= dp) {
        for (ptrdiff_t q = 0; q < dp; ++q)
            idx[q] = (double)q;
        return dp;
    }
    char *on = calloc((size_t)dp, 1);
    for (ptrdiff_t k = 0; k < nobs;) {
        const ptrdiff_t q = (ptrdiff_t)((ld_test_rand() + 1.0) * 0.5 * (double)dp) % dp;
        if (!on[q]) {
            on[q] = 1;
            ++k;
        }
    }
    ptrdiff_t k = 0;
    for (ptrdiff_t q = 0; q < dp; ++q)
        if (on[q])
            idx[k++] = (double)q;
    free(on);
    return k;
}

/* runs iters steps of gd from W0 with objective ob, records at 'at' */
static int run(const ld_objective *ob, const ld_objdata *od, const cfg *c, double eta,
               double *const *W, ptrdiff_t iters, const ld_records *rec, ptrdiff_t *nd,
               ptrdiff_t *da)
{
    ld_run_spec spec = {ob, od, ld_update_find("gd"), NULL, c->L, c->r, {0}, {NAN, NAN, 0, 0}};
    spec.meas.nsv = c->r[0] < c->r[c->L] ? c->r[0] : c->r[c->L];
    spec.meas.nuclear = spec.meas.erank = spec.meas.snapshots = 1;
    if (ld_run_check(&spec) != LD_OK)
        return -100;
    double *work = ld_test_randmat(ld_run_work(&spec));
    ld_traj tr = {0};
    tr.eta = eta;
    tr.cmax = 1e6;
    tr.W = W;
    if (rec != NULL)
        tr.rec = *rec;
    const int st = ld_run(&spec, &tr, 0, iters, work);
    *nd = tr.nrec_done;
    *da = st == LD_EDIVERGED ? tr.done : -1;
    free(work);
    return st;
}

/* the plain loop: E = W1...WL, G = (E - M) on the observed entries / nobs, grad_l =
 * W_{1:l-1}' G W_{l+1:L}' from plain products, W_l -= eta grad_l */
static void plain_loop(const cfg *c, const double *idx, const double *val, ptrdiff_t nobs,
                       double eta, double **W, ptrdiff_t iters)
{
    const ptrdiff_t L = c->L, d = c->r[0], p = c->r[L];
    const size_t big = 64 * 64;
    double *P = malloc(big * sizeof(double)), *Q = malloc(big * sizeof(double));
    double *G = malloc(big * sizeof(double)), *T = malloc(big * sizeof(double));
    double *U = malloc(big * sizeof(double)), *Gl[6];
    for (ptrdiff_t l = 0; l < L; ++l)
        Gl[l] = malloc(big * sizeof(double));
    for (ptrdiff_t t = 0; t < iters; ++t) {
        /* E into P */
        memcpy(P, W[0], (size_t)(d * c->r[1]) * sizeof(double));
        for (ptrdiff_t l = 1; l < L; ++l) {
            ld_test_matmul(0, 0, d, c->r[l + 1], c->r[l], P, W[l], Q);
            memcpy(P, Q, (size_t)(d * c->r[l + 1]) * sizeof(double));
        }
        for (ptrdiff_t q = 0; q < d * p; ++q)
            G[q] = 0.0;
        for (ptrdiff_t e = 0; e < nobs; ++e)
            G[(ptrdiff_t)idx[e]] = (P[(ptrdiff_t)idx[e]] - val[e]) / (double)nobs;
        for (ptrdiff_t l = 0; l < L; ++l) {
            /* U = W_{1:l}' G (r_l x p), left to right */
            memcpy(U, G, (size_t)(d * p) * sizeof(double));
            for (ptrdiff_t k = 0; k < l; ++k) {
                ld_test_matmul(1, 0, c->r[k + 1], p, c->r[k], W[k], U, T);
                memcpy(U, T, (size_t)(c->r[k + 1] * p) * sizeof(double));
            }
            /* times W_{l+1:L}' from the right: U (r_l x p) W_L' ... */
            ptrdiff_t cols = p;
            for (ptrdiff_t k = L - 1; k > l; --k) {
                ld_test_matmul(0, 1, c->r[l], c->r[k], cols, U, W[k], T);
                cols = c->r[k];
                memcpy(U, T, (size_t)(c->r[l] * cols) * sizeof(double));
            }
            memcpy(Gl[l], U, (size_t)(c->r[l] * c->r[l + 1]) * sizeof(double));
        }
        for (ptrdiff_t l = 0; l < L; ++l)
            for (ptrdiff_t i = 0; i < c->r[l] * c->r[l + 1]; ++i)
                W[l][i] -= eta * Gl[l][i];
    }
    for (ptrdiff_t l = 0; l < L; ++l)
        free(Gl[l]);
    free(P);
    free(Q);
    free(G);
    free(T);
    free(U);
}

/* one configuration: sparse step against the dense chain (factors and records after 100
 * steps) and, for sizes the plain loop handles, against the plain loop */
static void check_cfg(const cfg *c, double eta)
{
    const ptrdiff_t L = c->L, d = c->r[0], p = c->r[L], iters = 100;
    double *idx = malloc((size_t)(d * p) * sizeof(double));
    const ptrdiff_t nobs = make_mask(d, p, c->nobs, idx);
    double *val = ld_test_randmat((size_t)nobs);
    const ld_array arg[2] = {{idx, LD_DOUBLE, nobs, 1}, {val, LD_DOUBLE, nobs, 1}};
    const double one = 1.0;
    const ld_objdata od = {arg, &one};
    const ld_objective *sparse = ld_objective_find("completion");
    ld_objective dense = *sparse;
    dense.factor_grad = NULL;
    dense.factor_work = NULL;
    dense.factor_flags = 0;
    LD_CHECK(sparse->factor_grad != NULL);
    double *Ws[6], *Wd[6], *Wp[6];
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t n = (size_t)(c->r[l] * c->r[l + 1]);
        Ws[l] = ld_test_randmat(n);
        Wd[l] = malloc(n * sizeof(double));
        Wp[l] = malloc(n * sizeof(double));
        /* entries of variance ~ 1 / (3 r_l): W of order 1 */
        for (size_t i = 0; i < n; ++i)
            Wp[l][i] = Wd[l][i] = Ws[l][i] = Ws[l][i] / sqrt((double)c->r[l]) * 1.2;
    }
    const ptrdiff_t at[] = {0, 1, 37, 100}, mn = d < p ? d : p;
    const size_t dp = (size_t)(d * p);
    double ls[4], fs[4], ns[4], es[4], *svs = malloc(4 * (size_t)mn * sizeof(double));
    double ld_[4], fd[4], nd_[4], ed[4], *svd = malloc(4 * (size_t)mn * sizeof(double));
    double *sns = malloc(4 * dp * sizeof(double)), *snd = malloc(4 * dp * sizeof(double));
    const ld_records rs = {4, at, ls, NULL, fs, ns, es, svs, NULL, sns, NULL, NULL, NULL};
    const ld_records rd = {4, at, ld_, NULL, fd, nd_, ed, svd, NULL, snd, NULL, NULL, NULL};
    ptrdiff_t n1, n2, d1, d2;
    LD_CHECK(run(sparse, &od, c, eta, Ws, iters, &rs, &n1, &d1) == LD_OK);
    LD_CHECK(run(&dense, &od, c, eta, Wd, iters, &rd, &n2, &d2) == LD_OK);
    LD_CHECK(n1 == 4 && n2 == 4 && d1 == -1 && d2 == -1);
    /* 100 steps whose products are summed in other orders (dot products and sparse
     * combinations against dgemm or the small kernel): differences of a few eps per
     * step in W of order 1, not amplified at these step sizes (the loss decreases);
     * 1e-12 is ~4500 eps of margin, and a wrong entry or index would give O(1e-2) */
    double worst = 0.0;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const double e = relmax(Ws[l], Wd[l], (size_t)(c->r[l] * c->r[l + 1]));
        worst = e > worst ? e : worst;
    }
    LD_CHECK(worst <= 1e-12);
    LD_CHECK(relmax(ls, ld_, 4) <= 1e-12);
    LD_CHECK(relmax(fs, fd, 4) <= 1e-12);
    LD_CHECK(relmax(ns, nd_, 4) <= 1e-12);
    LD_CHECK(relmax(svs, svd, 4 * (size_t)mn) <= 1e-12);
    LD_CHECK(relmax(sns, snd, 4 * dp) <= 1e-12);
    /* the records are of the iterate after at[j] steps: the loss decreased */
    LD_CHECK(ls[3] < ls[0]);
    if (worst > 1e-12)
        fprintf(stderr, "L = %d, d = %d, p = %d, nobs = %d: %.3g\n", (int)L, (int)d, (int)p,
                (int)nobs, worst);
    if (d <= 64 && p <= 64) {
        int small = 1;
        for (ptrdiff_t l = 0; l <= L; ++l)
            small &= c->r[l] <= 64;
        if (small) {
            plain_loop(c, idx, val, nobs, eta, Wp, iters);
            for (ptrdiff_t l = 0; l < L; ++l)
                LD_CHECK(relmax(Ws[l], Wp[l], (size_t)(c->r[l] * c->r[l + 1])) <= 1e-12);
        }
    }
    /* divergence: a huge step stops at the same iterate in both forms */
    for (ptrdiff_t l = 0; l < L; ++l)
        memcpy(Wd[l], Ws[l], (size_t)(c->r[l] * c->r[l + 1]) * sizeof(double));
    const int a = run(sparse, &od, c, 1e4, Ws, iters, NULL, &n1, &d1);
    const int b = run(&dense, &od, c, 1e4, Wd, iters, NULL, &n2, &d2);
    LD_CHECK(a == b && d1 == d2);
    for (ptrdiff_t l = 0; l < L; ++l) {
        free(Ws[l]);
        free(Wd[l]);
        free(Wp[l]);
    }
    free(idx);
    free(val);
    free(svs);
    free(svd);
    free(sns);
    free(snd);
}

static void test_sparse_vs_dense(void)
{
    const cfg cs[] = {
        {1, {7, 5}, 12},                 /* L = 1: the scatter */
        {2, {9, 4, 6}, 20},              /* rectangular, narrow middle */
        {3, {8, 5, 7, 6}, 25},           /* L = 3, d != p */
        {4, {6, 7, 3, 5, 9}, 30},        /* L = 4 */
        {3, {6, 4, 5, 7}, 1},            /* a single observed entry */
        {2, {5, 6, 7}, -1},              /* every entry */
        {3, {7, 9, 8, 6}, -1},
        {3, {70, 66, 67, 69}, 1500},     /* dgemm-sized products, odd widths */
        {4, {65, 33, 70, 41, 66}, 900},
    };
    for (size_t i = 0; i < sizeof cs / sizeof cs[0]; ++i)
        check_cfg(cs + i, cs[i].nobs == 1 ? 0.5 : 0.3);
}

/* at 100 x 100, rank-100 factors, 2000 observed entries: the same iterates with one
 * thread as with two (par = [2]); a thread count other than 1 or 2 is refused */
static void test_threads(void)
{
    const cfg c = {3, {100, 100, 100, 100}, 2000};
    const ptrdiff_t L = 3, iters = 30;
    double *idx = malloc(10000 * sizeof(double));
    const ptrdiff_t nobs = make_mask(100, 100, c.nobs, idx);
    double *val = ld_test_randmat((size_t)nobs);
    const ld_array arg[2] = {{idx, LD_DOUBLE, nobs, 1}, {val, LD_DOUBLE, nobs, 1}};
    const double one = 1.0, two = 2.0, three = 3.0;
    const ld_objdata od = {arg, &one}, od2 = {arg, &two}, od3 = {arg, &three};
    const ld_objective *ob = ld_objective_find("completion");
    const ld_run_spec bad = {ob, &od3, ld_update_find("gd"), NULL, c.L, c.r, {0}, {NAN, NAN, 0, 0}};
    LD_CHECK(ld_run_check(&bad) == LD_EARG);
    double *A[3], *B[3];
    for (ptrdiff_t l = 0; l < L; ++l) {
        A[l] = ld_test_randmat(10000);
        B[l] = malloc(10000 * sizeof(double));
        for (int i = 0; i < 10000; ++i)
            B[l][i] = A[l][i] = A[l][i] * 0.12;
    }
    ptrdiff_t n1, d1;
#ifdef _OPENMP
    const int nt = omp_get_max_threads();
    omp_set_num_threads(1);
#endif
    LD_CHECK(run(ob, &od, &c, 0.5, A, iters, NULL, &n1, &d1) == LD_OK);
#ifdef _OPENMP
    omp_set_num_threads(2);
#endif
    LD_CHECK(run(ob, &od2, &c, 0.5, B, iters, NULL, &n1, &d1) == LD_OK);
#ifdef _OPENMP
    omp_set_num_threads(nt);
#endif
    /* every entry is computed by the same operations in the same order on either
     * thread count (dgemm on row / column blocks sums each entry over the full k) */
    for (ptrdiff_t l = 0; l < L; ++l)
        LD_CHECK(relmax(A[l], B[l], 10000) <= 1e-14);
    for (ptrdiff_t l = 0; l < L; ++l) {
        free(A[l]);
        free(B[l]);
    }
    free(idx);
    free(val);
}

int main(void)
{
    LD_RUN(test_kernels);
    LD_RUN(test_sparse_vs_dense);
    LD_RUN(test_threads);
    return ld_test_summary("test_completion");
}
