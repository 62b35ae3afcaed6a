/* test_sharpness.c -- Hessian-vector products against central differences of the eq. 11
 * gradient, the Lanczos eigenvalues against a plain Jacobi eigensolver of the Hessian
 * assembled column by column, and a warm start against the seeded one. */
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_gradient.h"
#include "ld_sharpness.h"

static void check_chain(ptrdiff_t L, const ptrdiff_t *r)
{
    const ptrdiff_t d = r[0], p = r[L];
    double *A = ld_test_randmat((size_t)(d * d)), *Sx = ld_test_randmat((size_t)(d * d));
    ld_test_matmul(0, 1, d, d, d, A, A, Sx);
    double *Sxy = ld_test_randmat((size_t)(d * p));
    double *W[8], *Wp[8], *Wm[8], *Gp[8], *Gm[8];
    const size_t n = ld_hessvec_count(L, r);
    double *v = ld_test_randmat(n), *hv = ld_test_randmat(n);
    size_t off = 0;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t c = (size_t)(r[l] * r[l + 1]);
        W[l] = ld_test_randmat(c);
        Wp[l] = ld_test_randmat(c);
        Wm[l] = ld_test_randmat(c);
        Gp[l] = ld_test_randmat(c);
        Gm[l] = ld_test_randmat(c);
        for (size_t i = 0; i < c; ++i) {
            W[l][i] *= 0.7;
            Wp[l][i] = W[l][i] + 1e-5 * v[off + i];
            Wm[l][i] = W[l][i] - 1e-5 * v[off + i];
        }
        off += c;
    }
    double *state = ld_test_randmat(ld_hessvec_state(L, r));
    double *hw = ld_test_randmat(ld_hessvec_work(L, r));
    double *gw = ld_test_randmat(ld_gradient_work(L, r));
    const ld_moments prob = {L, r, Sx, Sxy};
    const double *const *Wc = (const double *const *)W;
    LD_CHECK(ld_hessvec_prepare(&prob, Wc, state) == LD_OK);
    LD_CHECK(ld_hessvec(&prob, Wc, state, v, hv, hw) == LD_OK);
    LD_CHECK(ld_deep_gradient(&prob, (const double *const *)Wp, Gp, NULL, NULL, gw)
             == LD_OK);
    LD_CHECK(ld_deep_gradient(&prob, (const double *const *)Wm, Gm, NULL, NULL, gw)
             == LD_OK);
    /* central difference with h = 1e-5: truncation O(h^2 |f'''|) ~ 1e-9 and rounding
     * eps |G| / h ~ 1e-10 for entries of order 1-10 */
    off = 0;
    double err = 0.0, scale = 1.0;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t c = (size_t)(r[l] * r[l + 1]);
        for (size_t i = 0; i < c; ++i) {
            const double fd = (Gp[l][i] - Gm[l][i]) / 2e-5;
            err = fmax(err, fabs(fd - hv[off + i]));
            scale = fmax(scale, fabs(fd));
        }
        off += c;
    }
    LD_CHECK(err <= 1e-7 * scale);

    /* the Hessian column by column, its symmetry, and its spectrum by Jacobi */
    double *H = ld_test_randmat(n * n), *e = ld_test_randmat(n);
    for (size_t j = 0; j < n; ++j) {
        for (size_t i = 0; i < n; ++i)
            v[i] = i == j ? 1.0 : 0.0;
        ld_hessvec(&prob, Wc, state, v, H + j * n, hw);
    }
    double *Ht = ld_test_randmat(n * n), hmax = 0.0;
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j) {
            Ht[j + i * n] = H[i + j * n];
            hmax = fmax(hmax, fabs(H[i + j * n]));
        }
    LD_CHECK(ld_test_maxdiff(H, Ht, n * n) <= 1e-13 * hmax);
    free(Ht);
    ld_test_jacobi_eig((ptrdiff_t)n, H, e, NULL);
    const ptrdiff_t k = 3, maxit = 200;
    double theta[3];
    double *Y = ld_test_randmat(n * 3);
    double *work = ld_test_randmat(ld_sharpness_work(L, r, k, maxit));
    const ld_sharpness_opts opt = {k, 1e-12, maxit, 5, NULL};
    ld_sharpness_result res = {theta, Y, 0, 1.0, 0};
    LD_CHECK(ld_sharpness(&prob, Wc, &opt, &res, work) == LD_OK);
    LD_CHECK(res.converged == 1);
    LD_CHECK(res.resid <= 1e-12);
    const double top = fmax(fabs(e[0]), fabs(e[n - 1]));
    /* Ritz residual 1e-12 relative bounds each value's error; Jacobi is exact to ~n eps */
    for (ptrdiff_t i = 0; i < k; ++i)
        LD_CHECK_CLOSE(theta[i], e[i], 1e-10 * top);
    /* eigenvectors: orthonormal */
    for (ptrdiff_t i = 0; i < k; ++i)
        for (ptrdiff_t j = 0; j < k; ++j) {
            double s = 0.0;
            for (size_t t = 0; t < n; ++t)
                s += Y[t + (size_t)i * n] * Y[t + (size_t)j * n];
            LD_CHECK_CLOSE(s, i == j ? 1.0 : 0.0, 1e-12);
        }
    for (ptrdiff_t l = 0; l < L; ++l) {
        free(W[l]);
        free(Wp[l]);
        free(Wm[l]);
        free(Gp[l]);
        free(Gm[l]);
    }
    free(A);
    free(Sx);
    free(Sxy);
    free(v);
    free(hv);
    free(state);
    free(hw);
    free(gw);
    free(H);
    free(e);
    free(Y);
    free(work);
}

static void test_chains(void)
{
    const ptrdiff_t r1[] = {4, 3}, r2[] = {4, 5, 3}, r3[] = {3, 4, 2, 3}, r4[] = {2, 3, 3, 2, 2};
    check_chain(1, r1);
    check_chain(2, r2);
    check_chain(3, r3);
    check_chain(4, r4);
}

/* L = 1: the Hessian is kron(I_p, Sx); the top eigenvalue of Sx = diag(5, 2, 1) appears
 * p = 2 times, which one Krylov space cannot show: the locked second run finds it */
static void test_multiplicity(void)
{
    const ptrdiff_t r[] = {3, 2};
    double Sx[9] = {5, 0, 0, 0, 2, 0, 0, 0, 1}, Sxy[6] = {1, 1, 1, 1, 1, 1}, W0[6] = {0};
    const double *W[1] = {W0};
    const ld_moments prob = {1, r, Sx, Sxy};
    double theta[4];
    double *work = ld_test_randmat(ld_sharpness_work(1, r, 4, 50));
    ld_sharpness_result res = {theta, NULL, 0, 0.0, 0};
    LD_CHECK(ld_sharpness(&prob, W, &(ld_sharpness_opts){4, 1e-12, 50, 1, NULL}, &res, work)
             == LD_OK);
    LD_CHECK(res.converged == 1);
    LD_CHECK_CLOSE(theta[0], 5.0, 1e-12);
    LD_CHECK_CLOSE(theta[1], 5.0, 1e-12);
    LD_CHECK_CLOSE(theta[2], 2.0, 1e-12);
    LD_CHECK_CLOSE(theta[3], 2.0, 1e-12);
    /* k = 1: one run, a single value */
    LD_CHECK(ld_sharpness(&prob, W, &(ld_sharpness_opts){1, 1e-12, 50, 1, NULL}, &res, work)
             == LD_OK);
    LD_CHECK_CLOSE(theta[0], 5.0, 1e-12);
    free(work);
}

/* Warm start: along a gradient-descent path, at the points where a run records its
 * sharpness (every EVERY steps), Lanczos started from the previous record's top
 * eigenvector reaches the top eigenvalue in fewer Hessian-vector products than from the
 * seeded random start, and finds the same value (tolerance 1e-10, gd_deep's).  Counted
 * products, not times.  Early in the run (phase 0) the eigenvector turns between records
 * and the saving is small; once the path has slowed (phase 1, after LATE more steps) the
 * previous eigenvector is nearly the new one and the saving is large. */
static void test_warm_start(void)
{
    enum { L = 3, RECORDS = 8, EVERY = 5, LATE = 1000 };
    const ptrdiff_t r[L + 1] = {6, 5, 4, 3}, d = r[0], p = r[L];
    const double tol = 1e-10, eta = 0.05;
    /* Sx = I/2 + A A'/(4d), eigenvalues in [0.5, 1.5]; Sxy = Sx Wt, Wt entries in [-1, 1]:
     * a well-posed problem that gradient descent with this eta solves */
    double *A = ld_test_randmat((size_t)(d * d)), *Sx = ld_test_randmat((size_t)(d * d));
    ld_test_matmul(0, 1, d, d, d, A, A, Sx);
    for (ptrdiff_t j = 0; j < d; ++j)
        for (ptrdiff_t i = 0; i < d; ++i)
            Sx[i + j * d] = Sx[i + j * d] / (4.0 * (double)d) + (i == j ? 0.5 : 0.0);
    double *Wt = ld_test_randmat((size_t)(d * p)), *Sxy = ld_test_randmat((size_t)(d * p));
    ld_test_matmul(0, 0, d, p, d, Sx, Wt, Sxy);
    double *W[L], *G[L];
    for (ptrdiff_t l = 0; l < L; ++l) {
        const size_t c = (size_t)(r[l] * r[l + 1]);
        W[l] = ld_test_randmat(c);
        G[l] = ld_test_randmat(c);
        for (size_t i = 0; i < c; ++i)
            W[l][i] *= 0.5;
    }
    const ld_moments prob = {L, r, Sx, Sxy};
    const double *const *Wc = (const double *const *)W;
    const size_t n = ld_hessvec_count(L, r);
    double *work = ld_test_randmat(ld_sharpness_work(L, r, 1, 200));
    double *gw = ld_test_randmat(ld_gradient_work(L, r));
    double *state = ld_test_randmat(ld_hessvec_state(L, r));
    double *hw = ld_test_randmat(ld_hessvec_work(L, r));
    double *H = ld_test_randmat(n * n), *e = ld_test_randmat(n), *v = ld_test_randmat(n);
    double *Yc = ld_test_randmat(n), *Yw = ld_test_randmat(n), *prev = ld_test_randmat(n);
    for (int phase = 0; phase < 2; ++phase) {
        ptrdiff_t cold_total = 0, warm_total = 0;
        int warm_fewer = 0;
        for (int rec = 0; rec <= RECORDS; ++rec) {
            for (int step = 0; step < (rec > 0 ? EVERY : phase == 0 ? 0 : LATE); ++step) {
                LD_CHECK(ld_deep_gradient(&prob, Wc, G, NULL, NULL, gw) == LD_OK);
                for (ptrdiff_t l = 0; l < L; ++l)
                    for (ptrdiff_t i = 0; i < r[l] * r[l + 1]; ++i)
                        W[l][i] -= eta * G[l][i];
            }
            double cold, warm;
            ld_sharpness_result rc = {&cold, Yc, 0, 1.0, 0}, rw = {&warm, Yw, 0, 1.0, 0};
            const ld_sharpness_opts oc = {1, tol, 200, 5, NULL};
            const ld_sharpness_opts ow = {1, tol, 200, 5, rec > 0 ? prev : NULL};
            LD_CHECK(ld_sharpness(&prob, Wc, &oc, &rc, work) == LD_OK && rc.converged);
            LD_CHECK(ld_sharpness(&prob, Wc, &ow, &rw, work) == LD_OK && rw.converged);
            /* the reference: the top eigenvalue of the Hessian assembled column by column */
            LD_CHECK(ld_hessvec_prepare(&prob, Wc, state) == LD_OK);
            for (size_t j = 0; j < n; ++j) {
                for (size_t i = 0; i < n; ++i)
                    v[i] = i == j ? 1.0 : 0.0;
                ld_hessvec(&prob, Wc, state, v, H + j * n, hw);
            }
            ld_test_jacobi_eig((ptrdiff_t)n, H, e, NULL);
            const double top = fmax(fabs(e[0]), fabs(e[n - 1]));
            /* an accepted Ritz value lies within tol * (its largest |Ritz value| <= top) of an
             * eigenvalue, and the top one never exceeds lambda_max: both within tol * top of
             * e[0] (Jacobi's own error, ~n eps top, is far below) */
            LD_CHECK(cold <= e[0] + 1e-13 * top && cold >= e[0] - tol * top);
            LD_CHECK(warm <= e[0] + 1e-13 * top && warm >= e[0] - tol * top);
            if (rec > 0) {
                cold_total += rc.nhv;
                warm_total += rw.nhv;
                warm_fewer += rw.nhv < rc.nhv;
            }
            memcpy(prev, Yw, n * sizeof(double));
        }
        printf("test_sharpness: phase %d, %d records every %d steps: %td Hessian-vector "
               "products from the seeded start, %td warm\n", phase, RECORDS, (int)EVERY,
               cold_total, warm_total);
        LD_CHECK(warm_fewer == RECORDS);
        if (phase == 1)
            LD_CHECK(2 * warm_total < cold_total);
    }
    for (ptrdiff_t l = 0; l < L; ++l) {
        free(W[l]);
        free(G[l]);
    }
    free(A); free(Sx); free(Wt); free(Sxy); free(work); free(gw); free(state); free(hw);
    free(H); free(e); free(v); free(Yc); free(Yw); free(prev);
}

static void test_bad_args(void)
{
    const ptrdiff_t r[] = {2, 2}, bad[] = {-1, 2};
    double Sx[4] = {1, 0, 0, 1}, Sxy[4] = {1, 0, 0, 1}, W0[4] = {0};
    const double *W[1] = {W0};
    const ld_moments prob = {1, r, Sx, Sxy}, bad_r = {1, bad, Sx, Sxy};
    double theta[4], work[4096];
    const double v0nan[4] = {1, NAN, 0, 0};
    ld_sharpness_result res = {theta, NULL, 0, 0.0, 0}, no_theta = {NULL, NULL, 0, 0.0, 0};
    LD_CHECK(ld_sharpness_work(1, bad, 1, 10) == 0);
    LD_CHECK(ld_sharpness_work(1, r, 5, 10) == 0);   /* k > n = 4 */
    LD_CHECK(ld_sharpness_work(1, r, 1, 0) == 0);
    const ld_sharpness_opts one = {1, 1e-10, 10, 1, NULL};
    LD_CHECK(ld_sharpness(&bad_r, W, &one, &res, work) == LD_EDIM);
    LD_CHECK(ld_sharpness(&prob, W, &(ld_sharpness_opts){0, 1e-10, 10, 1, NULL}, &res, work)
             == LD_EARG);
    LD_CHECK(ld_sharpness(&prob, W, &(ld_sharpness_opts){1, 0.0, 10, 1, NULL}, &res, work)
             == LD_EARG);
    LD_CHECK(ld_sharpness(&prob, W, &one, &no_theta, work) == LD_EARG);
    LD_CHECK(ld_sharpness(&prob, W, &(ld_sharpness_opts){1, 1e-10, 10, 1, v0nan}, &res, work)
             == LD_EARG);
    LD_CHECK(ld_sharpness(&prob, W, NULL, &res, work) == LD_EARG);
    LD_CHECK(ld_hessvec_prepare(&(ld_moments){0, r, Sx, Sxy}, W, work) == LD_EDIM);
    LD_CHECK(ld_hessvec_prepare(&prob, NULL, work) == LD_EARG);
    /* maxit too small to converge: reported, not an error; the value is a Ritz value, so
     * it lies in [lambda_min, lambda_max] = [1, 1] of kron(I, I) */
    LD_CHECK(ld_sharpness(&prob, W, &(ld_sharpness_opts){1, 1e-10, 1, 1, NULL}, &res, work)
             == LD_OK);
    LD_CHECK_CLOSE(theta[0], 1.0, 1e-14);
}

int main(void)
{
    LD_RUN(test_chains);
    LD_RUN(test_multiplicity);
    LD_RUN(test_warm_start);
    LD_RUN(test_bad_args);
    return ld_test_summary("test_sharpness");
}
