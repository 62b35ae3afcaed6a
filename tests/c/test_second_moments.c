/* test_second_moments.c -- ld_second_moments against an explicit triple loop. */
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_second_moments.h"

static void check_case(ptrdiff_t n, ptrdiff_t d, ptrdiff_t p)
{
    double *X = ld_test_randmat((size_t)(n * d)), *Y = ld_test_randmat((size_t)(n * p));
    double *Sx = ld_test_randmat((size_t)(d * d)), *Sxy = ld_test_randmat((size_t)(d * p));
    double *Rx = ld_test_randmat((size_t)(d * d)), *Rxy = ld_test_randmat((size_t)(d * p));
    LD_CHECK(ld_second_moments(n, d, p, X, Y, Sx, Sxy) == LD_OK);
    ld_test_second_moments(n, d, p, X, Y, Rx, Rxy);
    /* entries are averages of n products of numbers in [-1,1]: rounding <= n*eps */
    LD_CHECK(ld_test_maxdiff(Sx, Rx, (size_t)(d * d)) <= 1e-14 * (double)(n + 1));
    LD_CHECK(ld_test_maxdiff(Sxy, Rxy, (size_t)(d * p)) <= 1e-14 * (double)(n + 1));
    for (ptrdiff_t i = 0; i < d; ++i)
        for (ptrdiff_t j = 0; j < d; ++j)
            LD_CHECK(Sx[i + j * d] == Sx[j + i * d]);
    free(X); free(Y); free(Sx); free(Sxy); free(Rx); free(Rxy);
}

static void test_random_sizes(void)
{
    check_case(1, 1, 1);
    check_case(50, 7, 3);
    check_case(3, 9, 2);   /* fewer rows than columns: Sx singular */
    check_case(1000, 20, 5);
    check_case(17, 4, 0);  /* no outputs */
}

static void test_zero_rows(void)
{
    double Sx[4] = {1, 2, 3, 4}, Sxy[2] = {5, 6};
    LD_CHECK(ld_second_moments(0, 2, 1, NULL, NULL, Sx, Sxy) == LD_OK);
    for (int i = 0; i < 4; ++i) LD_CHECK(Sx[i] == 0.0);
    for (int i = 0; i < 2; ++i) LD_CHECK(Sxy[i] == 0.0);
}

static void test_bad_arguments(void)
{
    double x[4] = {0};
    LD_CHECK(ld_second_moments(-1, 2, 1, x, x, x, x) == LD_EDIM);
    LD_CHECK(ld_second_moments(2, -2, 1, x, x, x, x) == LD_EDIM);
    LD_CHECK(ld_second_moments(2, 2, 1, NULL, x, x, x) == LD_EARG);
    LD_CHECK(ld_second_moments(2, 2, 1, x, NULL, x, x) == LD_EARG);
    LD_CHECK(ld_second_moments(2, 2, 1, x, x, NULL, x) == LD_EARG);
    LD_CHECK(ld_second_moments((ptrdiff_t)1 << 40, 2, 1, x, x, x, x) == LD_EDIM
             || sizeof(ptrdiff_t) < 8);
    LD_CHECK(strcmp(ld_strerror(LD_EDIM), "success") != 0);
    LD_CHECK(ld_strerror(12345) != NULL);
}

int main(void)
{
    LD_RUN(test_random_sizes);
    LD_RUN(test_zero_rows);
    LD_RUN(test_bad_arguments);
    return ld_test_summary("test_second_moments");
}
