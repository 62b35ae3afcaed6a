/* test_flow_deep.c -- ld_flow_deep (Dormand-Prince on eq. 12) against closed forms:
 * the linear flow for L = 1 (scalar modes of a diagonal problem), the logistic mode of
 * eq. 16 for L = 2 scalar balanced factors, and its failure modes. */
#include "ld_test.h"
#include "ld_flow_deep.h"

/* ld_flow_deep with its scratch; opt: {nt, t, rtol, atol, max_steps, h0} */
static int run(ld_moments prob, ld_flow_opts opt, double *y, double *Y, ld_flow_stats *st)
{
    double *work = malloc((ld_flow_deep_work(prob.L, prob.r) + 1) * sizeof(double));
    double *ptrs[8];
    const int s = ld_flow_deep(&prob, &opt, y, Y, st, work, ptrs);
    free(work);
    return s;
}

/* L = 1, diagonal Sx: W_ij(t) = W*_ij + e^{-lambda_i t}(W0_ij - W*_ij) */
static void test_linear(void)
{
    const ptrdiff_t r[2] = {3, 2};
    const double Sx[9] = {2, 0, 0, 0, 0.5, 0, 0, 0, 0.1};
    const double Sxy[6] = {1, 2, 3, -1, 0.5, 0.2};
    double *y = ld_test_randmat(6), y0[6], Y[18];
    const double t[3] = {0.0, 1.0, 7.5};
    ld_flow_stats st;
    memcpy(y0, y, sizeof y0);
    const ld_moments prob = {1, r, Sx, Sxy};
    LD_CHECK(run(prob, (ld_flow_opts){3, t, 1e-11, 1e-14, 1e6, 0.0}, y, Y, &st) == LD_OK);
    for (int k = 0; k < 3; ++k)
        for (int j = 0; j < 2; ++j)
            for (int i = 0; i < 3; ++i) {
                const double l = Sx[i * 4], ws = Sxy[i + 3 * j] / l;
                const double ref = ws + exp(-l * t[k]) * (y0[i + 3 * j] - ws);
                /* RelTol 1e-11 per step, |W*| <= 30: 1e-9 absolute */
                LD_CHECK_CLOSE(Y[6 * k + i + 3 * j], ref, 1e-9);
            }
    LD_CHECK(st.t_reached == 7.5 && st.steps > 0 && st.evals >= 6 * st.steps && st.done == 3);
    LD_CHECK(ld_test_maxdiff(Y + 12, y, 6) == 0.0);   /* y holds the last state */
    LD_CHECK(ld_test_maxdiff(Y, y0, 6) == 0.0);       /* t = 0: the start itself */
    free(y);
}

/* L = 2, d = p = r = 1, m = n: w = m n follows w' = 2 w (sigma - lambda w) (eq. 16) */
static void test_logistic_mode(void)
{
    const ptrdiff_t r[3] = {1, 1, 1};
    const double lambda = 1.5, sigma = 0.8, w0 = 1e-6;
    double y[2] = {1e-3, 1e-3}, Y[6];
    const double t[3] = {5.0, 8.6, 20.0};
    ld_flow_stats st;
    const ld_moments prob = {2, r, &lambda, &sigma};
    LD_CHECK(run(prob, (ld_flow_opts){3, t, 1e-10, 1e-18, 1e6, 0.0}, y, Y, &st) == LD_OK);
    for (int k = 0; k < 3; ++k) {
        const double e = exp(-2 * sigma * t[k]);
        const double ref = 1.0 / (e / w0 + (lambda / sigma) * (1 - e));
        /* the jump amplifies early relative errors ~ 2 sigma t times: 1e-8 relative */
        LD_CHECK_CLOSE(Y[2 * k] * Y[2 * k + 1], ref, 1e-8 * ref);
        LD_CHECK_CLOSE(Y[2 * k], Y[2 * k + 1], 1e-9 * Y[2 * k]);   /* stays balanced */
    }
}

static void test_failures(void)
{
    const ptrdiff_t r[3] = {1, 1, 1};
    const double neg = -1.0, zero = 0.0, t = 10.0, t2[2] = {2.0, 1.0};
    double y[2] = {1.0, 1.0}, Y[4];
    ld_flow_stats st;
    /* Sx = -1: m' = m n^2 blows up at t = 1/2 */
    const ld_flow_opts at_t = {1, &t, 1e-8, 0.0, 1e6, 0.0};
    LD_CHECK(run((ld_moments){2, r, &neg, &zero}, at_t, y, Y, &st) == LD_EDIVERGED);
    LD_CHECK(st.t_reached < 0.5 + 1e-3);
    y[0] = y[1] = 1.0;
    LD_CHECK(run((ld_moments){2, r, &zero, &zero}, at_t, y, Y, &st) == LD_OK);
    LD_CHECK(Y[0] == 1.0);   /* Sx = Sxy = 0: nothing moves */
    const double one = 1.0;
    /* out of steps: LD_OK, nothing stored, the state at t_reached for a continuation */
    const ld_moments ones = {2, r, &one, &one};
    LD_CHECK(run(ones, (ld_flow_opts){1, &t, 1e-12, 0.0, 2, 0.0}, y, Y, &st) == LD_OK);
    LD_CHECK(st.done == 0 && st.t_reached > 0.0 && st.t_reached < t && st.h_next > 0.0);
    LD_CHECK(run(ones, (ld_flow_opts){2, t2, 1e-8, 0.0, 100, 0.0}, y, Y, &st) == LD_EARG);
    LD_CHECK(run(ones, (ld_flow_opts){1, &t, 0.0, 0.0, 100, 0.0}, y, Y, &st) == LD_EARG);
    const ld_flow_opts few = {1, &t, 1e-8, 0.0, 100, 0.0};
    LD_CHECK(run((ld_moments){0, r, &one, &one}, few, y, Y, &st) == LD_EDIM);
    LD_CHECK(run(ones, (ld_flow_opts){0, NULL, 1e-8, 0.0, 100, 0.0}, y, NULL, &st) == LD_OK);
    LD_CHECK(ld_flow_deep(NULL, &at_t, y, Y, &st, NULL, NULL) == LD_EARG);
    LD_CHECK(ld_flow_deep_work(1, NULL) == 0);
}

int main(void)
{
    LD_RUN(test_linear);
    LD_RUN(test_logistic_mode);
    LD_RUN(test_failures);
    return ld_test_summary("test_flow_deep");
}
