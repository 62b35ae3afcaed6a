/* test_skinny.c -- the skinny products (ld_skinny_nn, _tn, _nt, _fused and ld_gemm's
 * dispatch to them) against naive loops in long double: odd sizes (rows not multiples of
 * the vector width, every n = 1..32, k = 1), alpha/beta cases, padded leading dimensions
 * whose padding must stay untouched, beta = 0 with C full of NaN (C must not be read), and
 * the OpenMP split (large operands) against the single-threaded result, bit for bit.
 * tests/c/Makefile runs this with each kernel variant (LINDYN_KERNEL). */
#include <string.h>
#include "ld_test.h"
#include "ld_test_linalg.h"
#include "ld_skinny.h"
#include "ld_gemm.h"
#ifdef _OPENMP
#include <omp.h>
#endif

/* entries of A, B in [-1, 1): a k-term sum in another order differs by at most about
 * k eps max|term| per rounding step, so (k + 2) * 2 eps * (|alpha| k + |beta|) bounds the
 * difference with room to spare */
static double tol(ptrdiff_t k, double alpha, double beta)
{
    return 2.0 * 2.2204460492503131e-16 * (double)(k + 2) * (fabs(alpha) * (double)k + fabs(beta) + 1.0);
}

/* kind 0: ld_skinny_nn, 1: ld_skinny_tn, 2: ld_skinny_nt ('T'), 3: ld_skinny_nt ('N'),
 * 4..7: the same shapes through ld_gemm */
static double one(int kind, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, double beta)
{
    const int base = kind % 4;
    const int ta = base == 1, tb = base == 2;
    const ptrdiff_t ar = ta ? k : m, ac = ta ? m : k, br = tb ? n : k, bc = tb ? k : n;
    const ptrdiff_t lda = ar + 3, ldb = br + 1, ldc = m + 5;
    double *A = ld_test_randmat((size_t)(lda * ac)), *B = ld_test_randmat((size_t)(ldb * bc));
    double *C = ld_test_randmat((size_t)(ldc * n)), *R = ld_test_randmat((size_t)(ldc * n));
    for (ptrdiff_t i = 0; i < ldc * n; ++i) {
        if (beta == 0.0 && i % ldc < m)
            C[i] = NAN;
        R[i] = C[i];
    }
    if (kind >= 4)
        ld_gemm(ta ? "T" : "N", tb ? "T" : "N", m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    else if (base == 0)
        ld_skinny_nn(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    else if (base == 1)
        ld_skinny_tn(m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    else
        ld_skinny_nt(tb ? 'T' : 'N', m, n, k, alpha, A, lda, B, ldb, beta, C, ldc);
    ld_test_gemm_ref(ta, tb, m, n, k, alpha, A, lda, B, ldb, beta, R, ldc);
    double worst = 0.0;
    for (ptrdiff_t j = 0; j < n; ++j)
        for (ptrdiff_t i = 0; i < ldc; ++i) {
            const double e = fabs(C[i + j * ldc] - R[i + j * ldc]);
            if (i >= m && C[i + j * ldc] != R[i + j * ldc])   /* padding untouched */
                worst = INFINITY;
            if (!(e <= worst))
                worst = e != e ? INFINITY : (e > worst ? e : worst);
        }
    free(A);
    free(B);
    free(C);
    free(R);
    return worst;
}

static void check_shape(int kind, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k)
{
    static const double ab[][2] = {{1.0, 0.0}, {-0.37, 1.0}, {0.8, -0.5}, {-1.0, 0.0}};
    for (int c = 0; c < 4; ++c) {
        const double w = one(kind, m, n, k, ab[c][0], ab[c][1]);
        if (!(w <= tol(k, ab[c][0], ab[c][1]))) {
            fprintf(stderr, "kind %d m %ld n %ld k %ld alpha %g beta %g: error %g\n", kind,
                    (long)m, (long)n, (long)k, ab[c][0], ab[c][1], w);
            LD_CHECK(0);
        }
    }
}

#if LD_SKINNY_ENABLED
/* C = A B, n = 1..32 small, m and k odd and large (k spans several panels) */
static void test_nn(void)
{
    for (ptrdiff_t n = 1; n <= 32; ++n)
        check_shape(0, 67 + 2 * n, n, n % 3 == 0 ? 1 : 75 + n);
    check_shape(0, 1, 5, 70);
    check_shape(0, 200, 10, 784);
    check_shape(0, 3, 32, 65);
}

/* C = A' B, n = 1..32, m (columns of A) not a multiple of the tile, k odd */
static void test_tn(void)
{
    for (ptrdiff_t n = 1; n <= 32; ++n)
        check_shape(1, 65 + n, n, n % 4 == 0 ? 1 : 70 + 3 * n);
    check_shape(1, 7, 10, 129);
    check_shape(1, 100, 10, 784);
}

/* C = A B' and C = A B with the inner dimension k = 1..32 small, C large */
static void test_nt(void)
{
    for (ptrdiff_t k = 1; k <= 32; ++k) {
        check_shape(2, 65 + 3 * k, 66 + k, k);
        check_shape(3, 70 + k, 65 + 2 * k, k);
    }
    check_shape(2, 1, 70, 3);
    check_shape(3, 9, 70, 10);
}

#endif

/* ld_gemm sends skinny shapes to the kernels and the rest to BLAS: both agree with the
 * loops, including shapes that are not skinny (n = 33) and ones at the small boundary */
static void test_dispatch(void)
{
    check_shape(4, 200, 10, 150);
    check_shape(5, 120, 7, 200);
    check_shape(6, 150, 90, 10);
    check_shape(7, 150, 90, 9);
    check_shape(4, 100, 33, 80);
    check_shape(5, 64, 32, 64);
    check_shape(4, 65, 1, 1);
    check_shape(5, 1, 1, 65);
    /* the MNIST-shaped residual Sx E - Sxy (784 x 784 times 784 x 10) against dgemm:
     * entries of size <= 784, k = 784 terms, so 784 * 784 * 4 eps bounds the difference */
    const ptrdiff_t d = 784, p = 10;
    double *S = ld_test_randmat((size_t)(d * d)), *E = ld_test_randmat((size_t)(d * p));
    double *R1 = ld_test_randmat((size_t)(d * p)), *R2 = malloc((size_t)(d * p) * sizeof *R2);
    memcpy(R2, R1, (size_t)(d * p) * sizeof *R2);
    ld_gemm("N", "N", d, p, d, 1.0, S, d, E, d, -1.0, R1, d);
    ld_gemm_blas("N", "N", d, p, d, 1.0, S, d, E, d, -1.0, R2, d);
    LD_CHECK(ld_test_maxdiff(R1, R2, (size_t)(d * p)) <= 784.0 * 784.0 * 4.0 * 2.2204460492503131e-16);
    free(S);
    free(E);
    free(R1);
    free(R2);
}

#if LD_SKINNY_ENABLED
/* the fused pass: T = W' R (old W) and W += alpha R V', against the two products */
static void fused_case(ptrdiff_t m, ptrdiff_t n, ptrdiff_t p)
{
    const ptrdiff_t ldw = m + 2, ldr = m + 1, ldv = n + 3, ldt = n + 1;
    double *W = ld_test_randmat((size_t)(ldw * n)), *R = ld_test_randmat((size_t)(ldr * p));
    double *V = ld_test_randmat((size_t)(ldv * p)), *T = ld_test_randmat((size_t)(ldt * p));
    double *W2 = malloc((size_t)(ldw * n) * sizeof *W2), *T2 = malloc((size_t)(ldt * p) * sizeof *T2);
    for (ptrdiff_t i = 0; i < ldt * p; ++i) {
        T2[i] = T[i];
        if (i % ldt < n)
            T[i] = NAN;   /* output only */
    }
    memcpy(W2, W, (size_t)(ldw * n) * sizeof *W2);
    const double alpha = -0.3;
    ld_skinny_fused(m, n, p, W, ldw, R, ldr, V, ldv, alpha, T, ldt);
    ld_test_gemm_ref(1, 0, n, p, m, 1.0, W2, ldw, R, ldr, 0.0, T2, ldt);
    ld_test_gemm_ref(0, 1, m, n, p, alpha, R, ldr, V, ldv, 1.0, W2, ldw);
    const double eT = ld_test_maxdiff(T, T2, (size_t)(ldt * p));
    const double eW = ld_test_maxdiff(W, W2, (size_t)(ldw * n));
    LD_CHECK(eT <= tol(m, 1.0, 0.0));
    LD_CHECK(eW <= tol(p, alpha, 1.0));
    free(W);
    free(R);
    free(V);
    free(T);
    free(W2);
    free(T2);
}

static void test_fused(void)
{
    fused_case(784, 100, 10);
    fused_case(203, 70, 7);
    fused_case(99, 5, 1);
    fused_case(1, 66, 3);
    for (ptrdiff_t p = 1; p <= 32; p += 5)
        fused_case(71 + p, 67 + 2 * p, p);
    fused_case(130, 9, 32);
}

/* the OpenMP split gives the single-threaded result bit for bit (each entry's k-sum is
 * one thread's, in the same order); the kernels split only under OMP_WAIT_POLICY=passive,
 * which tests/c/Makefile sets */
static void test_threads(void)
{
#ifdef _OPENMP
    const ptrdiff_t m = 784, k = 300, n = 10;
    double *A = ld_test_randmat((size_t)(m * k)), *B = ld_test_randmat((size_t)(k * n));
    double *C1 = calloc((size_t)(m * n), sizeof *C1), *C2 = calloc((size_t)(m * n), sizeof *C2);
    double *D1 = calloc((size_t)(k * n), sizeof *D1), *D2 = calloc((size_t)(k * n), sizeof *D2);
    double *E1 = ld_test_randmat((size_t)(m * k)), *E2 = malloc((size_t)(m * k) * sizeof *E2);
    memcpy(E2, E1, (size_t)(m * k) * sizeof *E2);
    const int prev = omp_get_max_threads();
    omp_set_num_threads(2);
    ld_skinny_nn(m, n, k, 1.0, A, m, B, k, 0.0, C2, m);
    omp_set_num_threads(1);
    ld_skinny_nn(m, n, k, 1.0, A, m, B, k, 0.0, C1, m);
    omp_set_num_threads(2);
    ld_skinny_tn(k, n, m, 1.0, A, m, C1, m, 0.0, D2, k);
    omp_set_num_threads(1);
    ld_skinny_tn(k, n, m, 1.0, A, m, C1, m, 0.0, D1, k);
    omp_set_num_threads(2);
    double *T2 = malloc((size_t)(k * n) * sizeof *T2), *T1 = malloc((size_t)(k * n) * sizeof *T1);
    memcpy(E2, E1, (size_t)(m * k) * sizeof *E2);
    ld_skinny_fused(m, k, n, E2, m, C1, m, D1, k, -0.1, T2, k);
    omp_set_num_threads(1);
    ld_skinny_fused(m, k, n, E1, m, C1, m, D1, k, -0.1, T1, k);
    omp_set_num_threads(prev);
    LD_CHECK(memcmp(C1, C2, (size_t)(m * n) * sizeof *C1) == 0);
    LD_CHECK(memcmp(D1, D2, (size_t)(k * n) * sizeof *D1) == 0);
    LD_CHECK(memcmp(E1, E2, (size_t)(m * k) * sizeof *E1) == 0);
    LD_CHECK(memcmp(T1, T2, (size_t)(k * n) * sizeof *T1) == 0);
    free(A); free(B); free(C1); free(C2); free(D1); free(D2); free(E1); free(E2);
    free(T1); free(T2);
#endif
}

#endif

/* the variant names the environment's choice */
static void test_kernel_name(void)
{
    const char *k = ld_skinny_kernel(), *env = getenv("LINDYN_KERNEL");
    LD_CHECK(strcmp(k, "avx512") == 0 || strcmp(k, "avx2") == 0 || strcmp(k, "generic") == 0
             || strcmp(k, "none") == 0);
    if (env != NULL && strcmp(env, "generic") == 0)
        LD_CHECK(strcmp(k, "generic") == 0 || strcmp(k, "none") == 0);
    if (env != NULL && strcmp(env, "avx2") == 0)
        LD_CHECK(strcmp(k, "avx512") != 0);
    printf("test_skinny: kernel %s\n", k);
}

int main(void)
{
    LD_RUN(test_kernel_name);
#if LD_SKINNY_ENABLED
    LD_RUN(test_nn);
    LD_RUN(test_tn);
    LD_RUN(test_nt);
    LD_RUN(test_fused);
    LD_RUN(test_threads);
#endif
    LD_RUN(test_dispatch);
    return ld_test_summary("test_skinny");
}
