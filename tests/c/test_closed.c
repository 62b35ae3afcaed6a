/* test_closed.c -- the closed forms (ld_linear_closed, ld_modes, ld_mode_gd_bounds) against
 * computations done another way: plain iteration of gradient descent, a Taylor-series
 * matrix exponential, a Runge-Kutta solution of the mode ODE, the paper's own form of
 * eq. 16, and the plain loop of the mode recursion. */
#include <float.h>
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_linear_closed.h"
#include "ld_modes.h"
#include "ld_mode_gd_bounds.h"

/* A random d x d PSD matrix G G' / d of rank r (G d x r) and Sxy = Sx M (range in Sx). */
static void random_problem(ptrdiff_t d, ptrdiff_t r, ptrdiff_t p, double *Sx, double *Sxy)
{
    double *G = ld_test_randmat((size_t)(d * r)), *M = ld_test_randmat((size_t)(d * p));
    ld_test_matmul(0, 1, d, d, r, G, G, Sx);
    for (ptrdiff_t i = 0; i < d * d; ++i)
        Sx[i] /= (double)d;
    ld_test_matmul(0, 0, d, p, d, Sx, M, Sxy);
    free(G);
    free(M);
}

/* W(t) of ld_linear_closed, allocated here; opt: {discrete, eta, nt, t} */
static double *closed(ld_lsq mom, const double *W0, ld_linear_closed_opts opt,
                      double *null_sxy)
{
    double *W = malloc((size_t)(mom.d * mom.p * opt.nt) * sizeof(double));
    double *work = malloc(ld_linear_closed_work(mom.d, mom.p) * sizeof(double));
    LD_CHECK(ld_linear_closed(&mom, W0, &opt, W, null_sxy, NULL, work) == LD_OK);
    free(work);
    return W;
}

/* eq. 21 against the iteration W <- W - eta (Sx W - Sxy), full and rank-2 Sx (whose
 * null-space components of W0 must stay where they are, as in the iteration) */
static void test_gd_closed_vs_iteration(void)
{
    const ptrdiff_t d = 6, p = 3;
    for (ptrdiff_t r = 6; r >= 2; r -= 4) {
        double Sx[36], Sxy[18], W[18], G[18];
        random_problem(d, r, p, Sx, Sxy);
        double *W0 = ld_test_randmat((size_t)(d * p));
        const double eta = 0.3, t[4] = {40, 0, 7, 40};
        double null_sxy = -1.0;
        const ld_lsq mom = {d, p, Sx, Sxy};
        double *Wc = closed(mom, W0, (ld_linear_closed_opts){1, eta, 4, t}, &null_sxy);
        /* Sxy = Sx M lies in range(Sx): nothing dropped beyond rounding */
        LD_CHECK(null_sxy >= 0.0 && null_sxy < 1e-13);
        memcpy(W, W0, sizeof W);
        for (int k = 0; k <= 40; ++k) {
            for (int j = 0; j < 4; ++j)
                if (t[j] == k)  /* entries are O(1): 40 steps of a contraction, ~1e-14 */
                    LD_CHECK(ld_test_maxdiff(W, Wc + j * d * p, (size_t)(d * p)) < 1e-12);
            ld_test_matmul(0, 0, d, p, d, Sx, W, G);
            for (int i = 0; i < d * p; ++i)
                W[i] -= eta * (G[i] - Sxy[i]);
        }
        free(W0);
        free(Wc);
    }
}

/* e^{-t Sx} by a Taylor series on Sx t / 2^s, squared s times */
static void expm_taylor(ptrdiff_t d, const double *A, double t, double *E)
{
    double *X = malloc((size_t)(d * d) * sizeof(double)), *T = malloc((size_t)(d * d) * sizeof(double));
    double *N = malloc((size_t)(d * d) * sizeof(double));
    const int s = 10;
    const double h = -t / 1024.0;
    for (ptrdiff_t i = 0; i < d * d; ++i) {
        X[i] = h * A[i];
        E[i] = T[i] = (i % (d + 1) == 0) ? 1.0 : 0.0;
    }
    for (int k = 1; k <= 20; ++k) {
        ld_test_matmul(0, 0, d, d, d, T, X, N);
        for (ptrdiff_t i = 0; i < d * d; ++i) {
            T[i] = N[i] / k;
            E[i] += T[i];
        }
    }
    for (int k = 0; k < s; ++k) {
        ld_test_matmul(0, 0, d, d, d, E, E, N);
        memcpy(E, N, (size_t)(d * d) * sizeof(double));
    }
    free(X); free(T); free(N);
}

/* eq. 9 against W* + expm(-t Sx)(W0 - W*), W* from the GD closed form at t = huge */
static void test_flow_vs_expm(void)
{
    const ptrdiff_t d = 5, p = 2;
    double Sx[25], Sxy[10], E[25], D[10], F[10];
    random_problem(d, d, p, Sx, Sxy);
    double *W0 = ld_test_randmat((size_t)(d * p));
    const double t[3] = {0.0, 0.8, 3.0}, big = 1e15;
    const ld_lsq mom = {d, p, Sx, Sxy};
    double *Wc = closed(mom, W0, (ld_linear_closed_opts){0, 0.0, 3, t}, NULL);
    double *Ws = closed(mom, W0, (ld_linear_closed_opts){1, 0.1, 1, &big}, NULL);
    /* W* solves Sx W* = Sxy: residual at rounding level */
    ld_test_matmul(0, 0, d, p, d, Sx, Ws, F);
    LD_CHECK(ld_test_maxdiff(F, Sxy, (size_t)(d * p)) < 1e-13);
    for (int k = 0; k < 3; ++k) {
        expm_taylor(d, Sx, t[k], E);
        for (int i = 0; i < d * p; ++i)
            D[i] = W0[i] - Ws[i];
        ld_test_matmul(0, 0, d, p, d, E, D, F);
        for (int i = 0; i < d * p; ++i)
            F[i] += Ws[i];
        /* Taylor-and-square reference: ~1e-14 relative; W* has entries <= ~1e3 here */
        LD_CHECK(ld_test_maxdiff(F, Wc + k * d * p, (size_t)(d * p)) < 1e-10);
    }
    free(W0); free(Wc); free(Ws);
}

/* (1 - eta lambda)^t for huge t and for a negative base, on diagonal Sx */
static void test_gd_closed_powers(void)
{
    const double x = ldexp(1.0, -43);            /* eta lambda, 1 - x exact */
    double Sx[4] = {x, 0, 0, 1.5}, Sxy[2] = {0, 0}, W0[2] = {1, 1}, null_sxy;
    const double t[3] = {ldexp(1.0, 40), 3, 4};
    const ld_lsq mom = {2, 1, Sx, Sxy};
    double *W = closed(mom, W0, (ld_linear_closed_opts){1, 1.0, 3, t}, &null_sxy);
    /* t log(1 - x) by its series -x - x^2/2 - x^3/3: exact to far below eps here */
    const double L = -t[0] * (x + x * x / 2 + x * x * x / 3);
    LD_CHECK_CLOSE(W[0], exp(L), 4 * DBL_EPSILON);
    LD_CHECK(W[1] == 0.0);                       /* (1 - 1.5)^(2^40) underflows */
    LD_CHECK_CLOSE(W[3], -0.125, 1e-15);         /* (-0.5)^3 */
    LD_CHECK_CLOSE(W[5], 0.0625, 1e-15);         /* (-0.5)^4 */
    LD_CHECK_CLOSE(W[2], 1.0 - 3 * x, 1e-15);
    free(W);
}

/* A singular Sx, Sxy with a component in its null space: dropped and reported */
static void test_null_space(void)
{
    double Sx[4] = {2, 0, 0, 0}, Sxy[2] = {4, 3}, W0[2] = {0, 5}, null_sxy;
    const double t = 1e6;
    const ld_lsq mom = {2, 1, Sx, Sxy};
    double *W = closed(mom, W0, (ld_linear_closed_opts){0, 0.0, 1, &t}, &null_sxy);
    LD_CHECK_CLOSE(W[0], 2.0, 1e-15);   /* W* = pinv(Sx) Sxy */
    LD_CHECK(W[1] == 5.0);              /* null-space component of W0 fixed */
    LD_CHECK_CLOSE(null_sxy, 3.0, 1e-15);
    free(W);
}

static void test_linear_bad_arguments(void)
{
    double a[4] = {1, 0, 0, 1}, w[8], work[1024], t = 1.0, bad = 0.5, neg = -1.0;
    LD_CHECK(ld_linear_closed_work(2, 2) <= 1024);
    const ld_lsq mom = {2, 1, a, a}, bad_d = {-1, 1, a, a}, no_sx = {2, 1, NULL, a};
    const ld_linear_closed_opts flow = {0, 0.0, 1, &t};
    LD_CHECK(ld_linear_closed(&bad_d, a, &flow, w, NULL, NULL, work) == LD_EDIM);
    LD_CHECK(ld_linear_closed(&mom, a, &(ld_linear_closed_opts){1, 0.0, 1, &t}, w, NULL, NULL,
                              work) == LD_EARG);
    LD_CHECK(ld_linear_closed(&mom, a, &(ld_linear_closed_opts){1, 0.1, 1, &bad}, w, NULL, NULL,
                              work) == LD_EARG);
    LD_CHECK(ld_linear_closed(&mom, a, &(ld_linear_closed_opts){0, 0.0, 1, &neg}, w, NULL, NULL,
                              work) == LD_EARG);
    LD_CHECK(ld_linear_closed(&no_sx, a, &flow, w, NULL, NULL, work) == LD_EARG);
    LD_CHECK(ld_linear_closed(&mom, a, &(ld_linear_closed_opts){0, 0.0, 0, NULL}, NULL, NULL,
                              NULL, NULL) == LD_OK);
    LD_CHECK(ld_linear_closed(&mom, a, NULL, w, NULL, NULL, work) == LD_EARG);
}

/* eq. 16 against classical RK4 on w' = 2 w (sigma - lambda w) */
static void test_mode_flow_vs_rk4(void)
{
    const double sigma[4] = {1.0, 0.3, 0.0, 0.0}, lambda[4] = {2.0, 0.1, 0.7, 0.0};
    const double w0[4] = {1e-3, 5.0, 0.4, 0.2}, t[2] = {2.5, 0.0};
    double w[8];
    LD_CHECK(ld_mode_flow(&(ld_mode_set){4, sigma, lambda, w0}, 2, t, w) == LD_OK);
    for (int i = 0; i < 4; ++i) {
        const double s = sigma[i], l = lambda[i], h = 1e-4;
        double v = w0[i];
        for (int k = 0; k < 25000; ++k) {
            const double k1 = 2 * v * (s - l * v), v2 = v + h / 2 * k1;
            const double k2 = 2 * v2 * (s - l * v2), v3 = v + h / 2 * k2;
            const double k3 = 2 * v3 * (s - l * v3), v4 = v + h * k3;
            const double k4 = 2 * v4 * (s - l * v4);
            v += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        /* RK4 with h = 1e-4: global error O(h^4) ~ 1e-15 times derivative bounds */
        LD_CHECK_CLOSE(w[i], v, 1e-11 * (1 + fabs(v)));
        LD_CHECK(w[i + 4] == w0[i]);
    }
}

/* Tiny w0 and large t: no overflow; the paper's form of eq. 16 with logs as reference */
static void test_mode_flow_extreme(void)
{
    const double sigma = 1.0, lambda = 2.0, w0 = 1e-300;
    const double t[4] = {100.0, 345.0, 400.0, 1e12};
    double w[4];
    LD_CHECK(ld_mode_flow(&(ld_mode_set){1, &sigma, &lambda, &w0}, 4, t, w) == LD_OK);
    for (int k = 0; k < 3; ++k) {
        /* eq. 16: sigma q / (lambda (q - w0) + sigma), q = w0 e^{2 sigma t} */
        const double q = exp(2 * sigma * t[k] + log(w0));
        const double ref = sigma * q / (lambda * (q - w0) + sigma);
        LD_CHECK_CLOSE(w[k], ref, 1e-12 * ref);
    }
    LD_CHECK(w[3] == 0.5);
    const double zero = 0.0, lam0 = 0.0, w1 = 1e-200, t1 = 200.0;
    double v;
    LD_CHECK(ld_mode_flow(&(ld_mode_set){1, &sigma, &lam0, &w1}, 1, &t1, &v) == LD_OK);
    LD_CHECK_CLOSE(v, exp(400.0 - 200.0 * log(10.0)), 1e-12 * v); /* w0 e^{2 sigma t} */
    LD_CHECK(ld_mode_flow(&(ld_mode_set){1, &sigma, &lambda, &zero}, 1, &t1, &v) == LD_OK
             && v == 0.0);
    LD_CHECK(ld_mode_flow(&(ld_mode_set){1, &sigma, &lambda, &w1}, 1, &lam0, &v) == LD_OK
             && v == w1);
}

static double plain_gd(double s, double l, double w0, double eta, double t)
{
    double v = w0;
    for (double k = 0; k < t; k += 1.0) {
        const double g = 1.0 + eta * (s - l * v);
        v = v * g * g;
    }
    return v;
}

/* the recursion at unsorted, repeated indices equals the plain loop to the bit, also for
 * a 2-cycle (eta sigma = 1.1), chaos (eta sigma = 1.4) and divergence */
static void test_mode_gd_vs_loop(void)
{
    const double sigma[5] = {1.0, 0.5, 1.0, 1.0, 0.0}, lambda[5] = {1.0, 2.0, 1.0, 1.0, 0.5};
    const double eta_s[3] = {0.1, 1.1, 1.4};
    const double w0[5] = {1e-6, 0.7, 0.3, 2.9, 0.5};
    const double t[6] = {200000, 3, 0, 3, 1999, 77777};
    double w[30], work[6];
    LD_CHECK(ld_mode_gd_work(6) <= 6);
    const ld_mode_set md = {5, sigma, lambda, w0};
    for (int e = 0; e < 3; ++e) {
        LD_CHECK(ld_mode_gd(&md, eta_s[e], 6, t, w, work) == LD_OK);
        for (int k = 0; k < 6; ++k)
            for (int i = 0; i < 5; ++i) {
                const double ref = plain_gd(sigma[i], lambda[i], w0[i], eta_s[e], t[k]);
                LD_CHECK(w[i + 5 * k] == ref || (isnan(ref) && isnan(w[i + 5 * k])));
            }
    }
    /* the shortcut makes huge t cheap once the sequence is periodic */
    const double big = 1e15, s1 = 1.0, l1 = 1.0, v0 = 1e-6;
    const ld_mode_set one = {1, &s1, &l1, &v0};
    double v;
    LD_CHECK(ld_mode_gd(&one, 0.1, 1, &big, &v, work) == LD_OK);
    LD_CHECK(v == plain_gd(1.0, 1.0, 1e-6, 0.1, 5000));  /* converged long before 5000 */
    LD_CHECK(ld_mode_gd(&one, 0.1, 0, &big, &v, NULL) == LD_OK);
    const double half = 0.5;
    LD_CHECK(ld_mode_gd(&one, 0.1, 1, &half, &v, work) == LD_EARG);
    LD_CHECK(ld_mode_gd(NULL, 0.1, 1, &big, &v, work) == LD_EARG);
}

static void test_crossing_vs_loop(void)
{
    const double sigma[3] = {1.0, 0.2, 0.0}, lambda[3] = {1.0, 0.5, 1.0};
    const double w0[3] = {1e-4, 1e-3, 0.1}, level[3] = {0.5, 0.2, 0.5};
    double first[3];
    const ld_mode_set md = {3, sigma, lambda, w0};
    LD_CHECK(ld_mode_gd_crossing(&md, 0.05, level, 1e6, first) == LD_OK);
    for (int i = 0; i < 2; ++i) {
        double v = w0[i], k = 0;
        while (v < level[i]) {
            const double g = 1.0 + 0.05 * (sigma[i] - lambda[i] * v);
            v = v * g * g;
            k += 1;
        }
        LD_CHECK(first[i] == k);
    }
    LD_CHECK(first[2] == -1.0);   /* sigma = 0: w decreases, never reaches 0.5 */
}

/* Thm. 3 as corrected: lo <= w_t <= hi over 2000 iterations on 400 random modes */
static void test_bounds_hold(void)
{
    enum { T = 2000 };
    double t[T + 1], w[T + 1], lo[T + 1], hi[T + 1], work[T + 1];
    int violations[4] = {0, 0, 0, 0};
    for (int k = 0; k <= T; ++k)
        t[k] = k;
    for (int trial = 0; trial < 400; ++trial) {
        const double s = pow(10.0, ld_test_rand()), l = s * (1.1 + ld_test_rand());
        const double w0 = (s / l) * pow(10.0, -3.0 * (1.0 + ld_test_rand()));
        const double eta = (0.5 + 0.49 * ld_test_rand()) * 0.49 / s;
        const ld_mode_set md = {1, &s, &l, &w0};
        LD_CHECK(ld_mode_gd(&md, eta, T + 1, t, w, work) == LD_OK);
        for (int form = LD_BOUNDS_EXACT; form <= LD_BOUNDS_PRINTED; ++form) {
            if (ld_mode_gd_bounds_domain(s, l, w0, eta, form) != LD_DOMAIN_OK)
                continue;
            LD_CHECK(ld_mode_gd_bounds(&md, eta, T + 1, t, form, lo, hi) == LD_OK);
            int bad = 0;
            for (int k = 0; k <= T; ++k)  /* rounding of w_t: ~k eps relative at most */
                bad |= lo[k] > w[k] * (1 + 1e-12) || hi[k] < w[k] * (1 - 1e-12);
            violations[form] += bad;
        }
    }
    LD_CHECK(violations[LD_BOUNDS_EXACT] == 0);
    LD_CHECK(violations[LD_BOUNDS_EXPONENTIAL] == 0);
    /* the printed eq. 23 (numerator w0, upper exponent -2a - a^2) fails in many trials */
    LD_CHECK(violations[LD_BOUNDS_PRINTED] > 50);
}

static void test_bounds_special_modes(void)
{
    /* sigma = 0 < lambda: lo <= w_t <= w0/(1 + 2 eta lambda w0 t) */
    const double s = 0.0, l = 3.0, w0 = 0.2, eta = 0.1;
    double t[50], w[50], lo[50], hi[50], work[50];
    for (int k = 0; k < 50; ++k)
        t[k] = 10 * k;
    const ld_mode_set md = {1, &s, &l, &w0};
    LD_CHECK(ld_mode_gd(&md, eta, 50, t, w, work) == LD_OK);
    LD_CHECK(ld_mode_gd_bounds(&md, eta, 50, t, LD_BOUNDS_EXACT, lo, hi) == LD_OK);
    for (int k = 0; k < 50; ++k)
        LD_CHECK(lo[k] <= w[k] * (1 + 1e-13) && w[k] <= hi[k] * (1 + 1e-13));
    LD_CHECK(hi[49] < 1.02 * w[49]);  /* and tight: w_t ~ 1/(2 eta lambda t) */
    LD_CHECK(ld_mode_gd_bounds_domain(1, 2, 0.6, 0.1, LD_BOUNDS_EXACT) == LD_DOMAIN_W0);
    LD_CHECK(ld_mode_gd_bounds_domain(1, 2, 0.4, 0.5, LD_BOUNDS_EXACT) == LD_DOMAIN_ETA);
    LD_CHECK(ld_mode_gd_bounds_domain(1, 2, 0.4, 0.3, LD_BOUNDS_EXACT) == LD_DOMAIN_OK);
    LD_CHECK(ld_mode_gd_bounds_domain(1, 2, 0.4, 0.3, LD_BOUNDS_EXPONENTIAL) == LD_DOMAIN_OK);
    LD_CHECK(ld_mode_gd_bounds_domain(1, 2, 0.4, 0.35, LD_BOUNDS_EXPONENTIAL) == LD_DOMAIN_ETA);
    LD_CHECK(ld_mode_gd_bounds_domain(1, 0.1, 2.0, 0.3, LD_BOUNDS_PRINTED) == LD_DOMAIN_W0);
    LD_CHECK(ld_mode_gd_bounds_domain(0, 3, 4.0, 0.1, LD_BOUNDS_EXACT) == LD_DOMAIN_W0);
    LD_CHECK(ld_mode_gd_bounds_domain(-1, 2, 0.4, 0.3, LD_BOUNDS_EXACT) == LD_DOMAIN_VALUE);
    LD_CHECK(ld_mode_gd_bounds_domain(1, 2, 0.4, 0.3, 7) == LD_DOMAIN_VALUE);
    const double bad = 0.9, s1 = 1.0, l1 = 2.0;
    LD_CHECK(ld_mode_gd_bounds(&(ld_mode_set){1, &s1, &l1, &bad}, 0.1, 1, t, 1, lo, hi)
             == LD_EARG);
    LD_CHECK(ld_mode_gd_bounds(&(ld_mode_set){-1, &s1, &l1, &bad}, 0.1, 1, t, 1, lo, hi)
             == LD_EDIM);
}

/* The depth-L recursion against plain loops on the factor value a (L = 1, 3, 4), L = 2
 * equal to ld_mode_gd to the bit, the crossing of the depth recursion, and bad depths. */
static void test_mode_gd_depth(void)
{
    enum { T = 400 };
    double t[T + 1], w[T + 1], r[T + 1], work[T + 1];
    const double s = 0.7, l = 1.3, eta = 0.2;
    for (int k = 0; k <= T; ++k)
        t[T - k] = k;                       /* decreasing: exercises the sort */
    for (int L = 1; L <= 4; ++L) {
        const double w0 = 1e-4;
        const ld_mode_set md = {1, &s, &l, &w0};
        LD_CHECK(ld_mode_gd_depth(&md, eta, L, T + 1, t, w, work) == LD_OK);
        double a = L == 1 ? w0 : pow(w0, 1.0 / L);
        for (int k = 0; k <= T; ++k) {
            double wk = a;
            for (int j = 1; j < L; ++j)
                wk *= a;
            const double err = fabs(w[T - k] - wk);
            LD_CHECK(L == 2 ? err <= 64 * DBL_EPSILON * wk : err <= 1e-13 * wk);
            if (L == 1) {
                a += eta * (s - l * a);
            } else {
                double p = 1.0;
                for (int j = 0; j < L - 2; ++j)
                    p *= a;
                a *= 1.0 + eta * p * (s - l * p * a * a);
            }
        }
        if (L == 2) {
            LD_CHECK(ld_mode_gd(&md, eta, T + 1, t, r, work) == LD_OK);
            for (int k = 0; k <= T; ++k)
                LD_CHECK(r[k] == w[k]);
        }
        /* the first iterate at or above half the plateau */
        const double level = s / (2 * l);
        double first = -2;
        LD_CHECK(ld_mode_gd_crossing_depth(&md, eta, L, &level, 1e6, &first) == LD_OK);
        int k0 = -1;
        for (int k = 0; k <= T && k0 < 0; ++k)
            if (w[T - k] >= level)
                k0 = k;
        LD_CHECK(k0 >= 0 && first == (double)k0);
    }
    const double w0 = 0.1;
    const ld_mode_set md = {1, &s, &l, &w0};
    LD_CHECK(ld_mode_gd_depth(&md, eta, 0, 1, t, w, work) == LD_EARG);
    LD_CHECK(ld_mode_gd_depth(&md, eta, LD_MODE_DEPTH_MAX + 1, 1, t, w, work) == LD_EARG);
    LD_CHECK(ld_mode_gd_crossing_depth(&md, eta, 0, &w0, 10, w) == LD_EARG);
}

int main(void)
{
    LD_RUN(test_gd_closed_vs_iteration);
    LD_RUN(test_flow_vs_expm);
    LD_RUN(test_gd_closed_powers);
    LD_RUN(test_null_space);
    LD_RUN(test_linear_bad_arguments);
    LD_RUN(test_mode_flow_vs_rk4);
    LD_RUN(test_mode_flow_extreme);
    LD_RUN(test_mode_gd_vs_loop);
    LD_RUN(test_crossing_vs_loop);
    LD_RUN(test_bounds_hold);
    LD_RUN(test_bounds_special_modes);
    LD_RUN(test_mode_gd_depth);
    return ld_test_summary("test_closed");
}
