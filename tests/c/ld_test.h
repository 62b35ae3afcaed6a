/* ld_test.h -- a minimal unit-test harness for the lindyn C core (no dependencies).
 *
 * Each test program defines test functions and calls LD_RUN for each from main(), then
 * returns ld_test_summary(), which prints "<program>: N passed, N failed" and returns
 * non-zero on any failure.  Checks record the file and line of every failure. */
#ifndef LD_TEST_H
#define LD_TEST_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int ld_test_failed_checks = 0;
static int ld_test_passed = 0, ld_test_failed = 0;

#define LD_CHECK(cond)                                                              \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            ++ld_test_failed_checks;                                                \
        }                                                                           \
    } while (0)

/* |a - b| <= tol, printing both values on failure. */
#define LD_CHECK_CLOSE(a, b, tol)                                                     \
    do {                                                                              \
        const double ld_a_ = (a), ld_b_ = (b), ld_t_ = (tol);                         \
        if (!(fabs(ld_a_ - ld_b_) <= ld_t_)) {                                        \
            fprintf(stderr, "%s:%d: %s = %.17g vs %s = %.17g (tol %.3g)\n", __FILE__, \
                    __LINE__, #a, ld_a_, #b, ld_b_, ld_t_);                           \
            ++ld_test_failed_checks;                                                  \
        }                                                                             \
    } while (0)

#define LD_RUN(fn)                                                     \
    do {                                                               \
        const int before_ = ld_test_failed_checks;                     \
        fn();                                                          \
        if (ld_test_failed_checks == before_) {                        \
            ++ld_test_passed;                                          \
        } else {                                                       \
            ++ld_test_failed;                                          \
            fprintf(stderr, "FAIL %s\n", #fn);                         \
        }                                                              \
    } while (0)

static int ld_test_summary(const char *program)
{
    printf("%s: %d passed, %d failed\n", program, ld_test_passed, ld_test_failed);
    return ld_test_failed > 0 ? 1 : 0;
}

/* Deterministic uniform numbers in [-1, 1) (xorshift64*), so tests are repeatable. */
static unsigned long long ld_test_rng_state = 0x9E3779B97F4A7C15ULL;
static double ld_test_rand(void)
{
    unsigned long long x = ld_test_rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    ld_test_rng_state = x;
    return (double)((x * 2685821657736338717ULL) >> 11) / 4503599627370496.0 - 1.0;
}

static double *ld_test_randmat(size_t count)
{
    double *a = (double *)malloc((count > 0 ? count : 1) * sizeof(double));
    if (a == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    for (size_t i = 0; i < count; ++i)
        a[i] = ld_test_rand();
    return a;
}

/* max |a_i - b_i| over count entries */
static double ld_test_maxdiff(const double *a, const double *b, size_t count)
{
    double m = 0.0;
    for (size_t i = 0; i < count; ++i) {
        const double e = fabs(a[i] - b[i]);
        if (!(e <= m))
            m = e;
    }
    return m;
}

#endif /* LD_TEST_H */
