/* ld_small_kernel.h -- body of ld_small.c's register-blocked kernel, included once per
 * instruction-set variant with LD_K(name) naming the variant's functions.  Not a
 * stand-alone header. */

/* C block (4 MV rows x NR columns) = alpha sum_kk A(:,kk) B(kk,:) + beta C */
static inline __attribute__((always_inline)) void
LD_K(block)(const int MV, const int NR, ptrdiff_t k, double alpha, const double *A,
            ptrdiff_t lda, const double *B, ptrdiff_t bsk, ptrdiff_t bsj, double beta,
            double *C, ptrdiff_t ldc)
{
    ld_v4 acc[3][4];
#pragma GCC unroll 4
    for (int j = 0; j < 4; ++j)
#pragma GCC unroll 3
        for (int v = 0; v < 3; ++v)
            acc[v][j] = (ld_v4){0.0, 0.0, 0.0, 0.0};
    for (ptrdiff_t kk = 0; kk < k; ++kk) {
        ld_v4 a[3];
        const double *Ak = A + kk * lda;
        const double *Bk = B + kk * bsk;
#pragma GCC unroll 3
        for (int v = 0; v < 3; ++v)
            if (v < MV)
                memcpy(&a[v], Ak + 4 * v, sizeof(ld_v4));
#pragma GCC unroll 4
        for (int j = 0; j < 4; ++j)
            if (j < NR) {
                const double bs = Bk[j * bsj];
                const ld_v4 b = {bs, bs, bs, bs};
#pragma GCC unroll 3
                for (int v = 0; v < 3; ++v)
                    if (v < MV)
                        acc[v][j] += a[v] * b;
            }
    }
#pragma GCC unroll 4
    for (int j = 0; j < 4; ++j)
        if (j < NR)
#pragma GCC unroll 3
            for (int v = 0; v < 3; ++v)
                if (v < MV) {
                    double *c = C + j * ldc + 4 * v;
                    ld_v4 x = acc[v][j] * alpha;
                    if (beta != 0.0) {
                        ld_v4 y;
                        memcpy(&y, c, sizeof(ld_v4));
                        x += y * beta;
                    }
                    memcpy(c, &x, sizeof(ld_v4));
                }
}

/* rows [i0, i0 + 4 MV) of C, all columns */
static inline __attribute__((always_inline)) void
LD_K(panel)(const int MV, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
            ptrdiff_t lda, const double *B, ptrdiff_t bsk, ptrdiff_t bsj, double beta,
            double *C, ptrdiff_t ldc)
{
    ptrdiff_t j = 0;
    for (; j + 4 <= n; j += 4)
        LD_K(block)(MV, 4, k, alpha, A, lda, B + j * bsj, bsk, bsj, beta, C + j * ldc, ldc);
    switch (n - j) {
    case 3:
        LD_K(block)(MV, 3, k, alpha, A, lda, B + j * bsj, bsk, bsj, beta, C + j * ldc, ldc);
        break;
    case 2:
        LD_K(block)(MV, 2, k, alpha, A, lda, B + j * bsj, bsk, bsj, beta, C + j * ldc, ldc);
        break;
    case 1:
        LD_K(block)(MV, 1, k, alpha, A, lda, B + j * bsj, bsk, bsj, beta, C + j * ldc, ldc);
        break;
    default:
        break;
    }
}

/* C = alpha A B + beta C, A m x k (lda), B(kk, j) = B[kk bsk + j bsj] */
static void LD_K(nn)(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                     ptrdiff_t lda, const double *B, ptrdiff_t bsk, ptrdiff_t bsj,
                     double beta, double *C, ptrdiff_t ldc)
{
    ptrdiff_t i = 0;
    for (; i + 12 <= m; i += 12)
        LD_K(panel)(3, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
    if (m - i >= 8) {
        LD_K(panel)(2, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
        i += 8;
    } else if (m - i >= 4) {
        LD_K(panel)(1, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
        i += 4;
    }
    /* the last m mod 4 rows */
    for (; i < m; ++i)
        for (ptrdiff_t j = 0; j < n; ++j) {
            double s = 0.0;
            for (ptrdiff_t kk = 0; kk < k; ++kk)
                s += A[i + kk * lda] * B[kk * bsk + j * bsj];
            C[i + j * ldc] = beta == 0.0 ? alpha * s : alpha * s + beta * C[i + j * ldc];
        }
}

/* C block (4 rows x NR columns) = alpha sum_kk At(kk, i) B(kk, j) + beta C: dot
 * products along the contiguous columns of At and B, four lanes of kk at a time, the
 * four row sums of a column folded into one vector at the end. */
static inline __attribute__((always_inline)) void
LD_K(tblock)(const int NR, ptrdiff_t k, double alpha, const double *At, ptrdiff_t lda,
             const double *B, ptrdiff_t ldb, double beta, double *C, ptrdiff_t ldc)
{
    ld_v4 acc[4][3];
#pragma GCC unroll 3
    for (int j = 0; j < 3; ++j)
#pragma GCC unroll 4
        for (int i = 0; i < 4; ++i)
            acc[i][j] = (ld_v4){0.0, 0.0, 0.0, 0.0};
    ptrdiff_t kk = 0;
    for (; kk + 4 <= k; kk += 4) {
        ld_v4 a[4];
#pragma GCC unroll 4
        for (int i = 0; i < 4; ++i)
            memcpy(&a[i], At + i * lda + kk, sizeof(ld_v4));
#pragma GCC unroll 3
        for (int j = 0; j < 3; ++j)
            if (j < NR) {
                ld_v4 b;
                memcpy(&b, B + j * ldb + kk, sizeof(ld_v4));
#pragma GCC unroll 4
                for (int i = 0; i < 4; ++i)
                    acc[i][j] += a[i] * b;
            }
    }
    const ld_m4 lo = {0, 4, 2, 6}, hi = {1, 5, 3, 7}, l2 = {0, 1, 4, 5}, h2 = {2, 3, 6, 7};
#pragma GCC unroll 3
    for (int j = 0; j < 3; ++j)
        if (j < NR) {
            const ld_v4 x = __builtin_shuffle(acc[0][j], acc[1][j], lo)
                            + __builtin_shuffle(acc[0][j], acc[1][j], hi);
            const ld_v4 y = __builtin_shuffle(acc[2][j], acc[3][j], lo)
                            + __builtin_shuffle(acc[2][j], acc[3][j], hi);
            ld_v4 s = __builtin_shuffle(x, y, l2) + __builtin_shuffle(x, y, h2);
            for (ptrdiff_t q = kk; q < k; ++q) {       /* the last k mod 4 terms */
                const double bq = B[j * ldb + q];
                const ld_v4 t = {At[q] * bq, At[lda + q] * bq, At[2 * lda + q] * bq,
                                 At[3 * lda + q] * bq};
                s += t;
            }
            double *c = C + j * ldc;
            ld_v4 z = s * alpha;
            if (beta != 0.0) {
                ld_v4 yv;
                memcpy(&yv, c, sizeof(ld_v4));
                z += yv * beta;
            }
            memcpy(c, &z, sizeof(ld_v4));
        }
}

/* C = alpha A' B + beta C, A k x m (lda), B k x n (ldb) */
static void LD_K(tn)(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                     ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                     ptrdiff_t ldc)
{
    ptrdiff_t i = 0;
    for (; i + 4 <= m; i += 4) {
        const double *At = A + i * lda;
        ptrdiff_t j = 0;
        for (; j + 3 <= n; j += 3)
            LD_K(tblock)(3, k, alpha, At, lda, B + j * ldb, ldb, beta, C + i + j * ldc, ldc);
        if (n - j == 2)
            LD_K(tblock)(2, k, alpha, At, lda, B + j * ldb, ldb, beta, C + i + j * ldc, ldc);
        else if (n - j == 1)
            LD_K(tblock)(1, k, alpha, At, lda, B + j * ldb, ldb, beta, C + i + j * ldc, ldc);
    }
    for (; i < m; ++i)                                 /* the last m mod 4 rows */
        for (ptrdiff_t j = 0; j < n; ++j) {
            double s = 0.0;
            for (ptrdiff_t kk = 0; kk < k; ++kk)
                s += A[kk + i * lda] * B[kk + j * ldb];
            C[i + j * ldc] = beta == 0.0 ? alpha * s : alpha * s + beta * C[i + j * ldc];
        }
}

/* y += alpha x */
static void LD_K(axpy)(size_t n, double alpha, const double *x, double *y)
{
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        ld_v4 a, b;
        memcpy(&a, x + i, sizeof(ld_v4));
        memcpy(&b, y + i, sizeof(ld_v4));
        b += a * alpha;
        memcpy(y + i, &b, sizeof(ld_v4));
    }
    for (; i < n; ++i)
        y[i] += alpha * x[i];
}

/* sum of x[i]^2, in eight partial sums (two vectors) */
static double LD_K(sumsq)(size_t n, const double *x)
{
    ld_v4 s0 = {0.0, 0.0, 0.0, 0.0}, s1 = s0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        ld_v4 a, b;
        memcpy(&a, x + i, sizeof(ld_v4));
        memcpy(&b, x + i + 4, sizeof(ld_v4));
        s0 += a * a;
        s1 += b * b;
    }
    s0 += s1;
    double s = (s0[0] + s0[1]) + (s0[2] + s0[3]);
    for (; i < n; ++i)
        s += x[i] * x[i];
    return s;
}
