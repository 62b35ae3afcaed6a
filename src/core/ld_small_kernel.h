/* ld_small_kernel.h -- body of the small products of ld_small.h (a register-blocked kernel),
 * of ld_small_step2 and of the transpose of ld_sparse.h, compiled once per instruction-set
 * variant by ld_kernel_variant.h.  Not a stand-alone header.  The variant defines:
 *   LD_V, LD_VW  the vector type (GCC vector extension) and its number of doubles
 *   LD_VSET1(x)  a vector of LD_VW copies of the double x
 *   LD_NR        columns of C per NN block (LD_NR x 3 accumulators must fit the registers)
 *   LD_MASKED    1: LD_VLOADM(p, mask) / LD_VSTOREM(p, v, mask) load (zeros elsewhere) and
 *                store the lanes of a mask, so row and k remainders run in vectors; 0: the
 *                last m mod LD_VW rows and k mod LD_VW terms run in scalar code. */

/* the variant's name of each function here (LD_K: ld_kernel_variant.h) */
#define LD_SM(name) LD_K(small_##name)

#if LD_MASKED
#define LD_FULL ((unsigned)((1u << LD_VW) - 1u))
#endif

/* C block (LD_VW MV rows x NR columns) = alpha sum_kk A(:,kk) B(kk,:) + beta C; with
 * LD_MASKED the last of the MV vectors holds the rows of msk only. */
static inline __attribute__((always_inline)) void
LD_SM(block)(const int MV, const int NR, unsigned msk, ptrdiff_t k, double alpha,
             const double *A, ptrdiff_t lda, const double *B, ptrdiff_t bsk, ptrdiff_t bsj,
             double beta, double *C, ptrdiff_t ldc)
{
    LD_V acc[3][LD_NR];
    (void)msk;
#pragma GCC unroll 8
    for (int j = 0; j < LD_NR; ++j)
#pragma GCC unroll 3
        for (int v = 0; v < 3; ++v)
            acc[v][j] = (LD_V){0.0};
#pragma GCC unroll 4
    for (ptrdiff_t kk = 0; kk < k; ++kk) {
        LD_V a[3];
        const double *Ak = A + kk * lda;
        const double *Bk = B + kk * bsk;
#pragma GCC unroll 3
        for (int v = 0; v < 3; ++v)
            if (v < MV) {
#if LD_MASKED
                if (v == MV - 1)
                    a[v] = LD_VLOADM(Ak + LD_VW * v, msk);
                else
#endif
                    memcpy(&a[v], Ak + LD_VW * v, sizeof(LD_V));
            }
#pragma GCC unroll 8
        for (int j = 0; j < LD_NR; ++j)
            if (j < NR) {
                const LD_V b = LD_VSET1(Bk[j * bsj]);
#pragma GCC unroll 3
                for (int v = 0; v < 3; ++v)
                    if (v < MV)
                        acc[v][j] += a[v] * b;
            }
    }
#pragma GCC unroll 8
    for (int j = 0; j < LD_NR; ++j)
        if (j < NR)
#pragma GCC unroll 3
            for (int v = 0; v < 3; ++v)
                if (v < MV) {
                    double *c = C + j * ldc + LD_VW * v;
                    LD_V x = acc[v][j] * alpha;
#if LD_MASKED
                    if (v == MV - 1) {
                        if (beta != 0.0)
                            x += LD_VLOADM(c, msk) * beta;
                        LD_VSTOREM(c, x, msk);
                        continue;
                    }
#endif
                    if (beta != 0.0) {
                        LD_V y;
                        memcpy(&y, c, sizeof(LD_V));
                        x += y * beta;
                    }
                    memcpy(c, &x, sizeof(LD_V));
                }
}

/* rows [i0, i0 + LD_VW MV) of C (the last vector: the rows of msk), all columns */
static inline __attribute__((always_inline)) void
LD_SM(panel)(const int MV, unsigned msk, ptrdiff_t n, ptrdiff_t k, double alpha,
             const double *A, ptrdiff_t lda, const double *B, ptrdiff_t bsk, ptrdiff_t bsj,
             double beta, double *C, ptrdiff_t ldc)
{
    ptrdiff_t j = 0;
    for (; j + LD_NR <= n; j += LD_NR)
        LD_SM(block)(MV, LD_NR, msk, k, alpha, A, lda, B + j * bsj, bsk, bsj, beta,
                     C + j * ldc, ldc);
#define LD_NR_TAIL(q)                                                                      \
    case q:                                                                                \
        LD_SM(block)(MV, q, msk, k, alpha, A, lda, B + j * bsj, bsk, bsj, beta, C + j * ldc, \
                     ldc);                                                                  \
        break;
    switch (n - j) {
#if LD_NR > 4
        LD_NR_TAIL(7)
        LD_NR_TAIL(6)
        LD_NR_TAIL(5)
        LD_NR_TAIL(4)
#endif
        LD_NR_TAIL(3)
        LD_NR_TAIL(2)
        LD_NR_TAIL(1)
    default:
        break;
    }
#undef LD_NR_TAIL
}

/* C = alpha A B + beta C, A m x k (lda), B(kk, j) = B[kk bsk + j bsj] */
static void LD_SM(nn)(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                      ptrdiff_t lda, const double *B, ptrdiff_t bsk, ptrdiff_t bsj,
                      double beta, double *C, ptrdiff_t ldc)
{
    ptrdiff_t i = 0;
#if LD_MASKED
    /* panels of up to three vectors of rows; the last vector of the last panel masked */
    while (i < m) {
        const ptrdiff_t left = m - i;
        const int nv = left > 2 * LD_VW ? 3 : left > LD_VW ? 2 : 1;
        const ptrdiff_t rows = left < nv * LD_VW ? left : nv * LD_VW;
        const unsigned msk = rows == nv * LD_VW
                             ? LD_FULL : (1u << (rows - (nv - 1) * LD_VW)) - 1u;
        if (nv == 3)
            LD_SM(panel)(3, msk, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
        else if (nv == 2)
            LD_SM(panel)(2, msk, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
        else
            LD_SM(panel)(1, msk, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
        i += rows;
    }
#else
    for (; i + 3 * LD_VW <= m; i += 3 * LD_VW)
        LD_SM(panel)(3, 0, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
    if (m - i >= 2 * LD_VW) {
        LD_SM(panel)(2, 0, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
        i += 2 * LD_VW;
    } else if (m - i >= LD_VW) {
        LD_SM(panel)(1, 0, n, k, alpha, A + i, lda, B, bsk, bsj, beta, C + i, ldc);
        i += LD_VW;
    }
    /* the last m mod LD_VW rows */
    for (; i < m; ++i)
        for (ptrdiff_t j = 0; j < n; ++j) {
            double s = 0.0;
            for (ptrdiff_t kk = 0; kk < k; ++kk)
                s += A[i + kk * lda] * B[kk * bsk + j * bsj];
            C[i + j * ldc] = beta == 0.0 ? alpha * s : alpha * s + beta * C[i + j * ldc];
        }
#endif
}

/* C block (4 rows x NR columns) = alpha sum_kk At(kk, i) B(kk, j) + beta C: dot
 * products along the contiguous columns of At and B, four lanes of kk at a time, the
 * four row sums of a column folded into one vector at the end.  4-double vectors in
 * every variant: with 8 the horizontal sums cost more than the wider products gain at
 * these k (measured at d = 8 and 20 against an A' copied and multiplied as NN, too). */
static inline __attribute__((always_inline)) void
LD_SM(tblock)(const int NR, ptrdiff_t k, double alpha, const double *At, ptrdiff_t lda,
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
static void LD_SM(tn)(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, double alpha, const double *A,
                      ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
                      ptrdiff_t ldc)
{
    ptrdiff_t i = 0;
    for (; i + 4 <= m; i += 4) {
        const double *At = A + i * lda;
        ptrdiff_t j = 0;
        for (; j + 3 <= n; j += 3)
            LD_SM(tblock)(3, k, alpha, At, lda, B + j * ldb, ldb, beta, C + i + j * ldc, ldc);
        if (n - j == 2)
            LD_SM(tblock)(2, k, alpha, At, lda, B + j * ldb, ldb, beta, C + i + j * ldc, ldc);
        else if (n - j == 1)
            LD_SM(tblock)(1, k, alpha, At, lda, B + j * ldb, ldb, beta, C + i + j * ldc, ldc);
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
static void LD_SM(axpy)(size_t n, double alpha, const double *x, double *y)
{
    size_t i = 0;
    for (; i + LD_VW <= n; i += LD_VW) {
        LD_V a, b;
        memcpy(&a, x + i, sizeof(LD_V));
        memcpy(&b, y + i, sizeof(LD_V));
        b += a * alpha;
        memcpy(y + i, &b, sizeof(LD_V));
    }
#if LD_MASKED
    if (i < n) {
        const unsigned msk = (1u << (n - i)) - 1u;
        const LD_V b = LD_VLOADM(y + i, msk) + LD_VLOADM(x + i, msk) * alpha;
        LD_VSTOREM(y + i, b, msk);
    }
#else
    for (; i < n; ++i)
        y[i] += alpha * x[i];
#endif
}

/* sum of x[i]^2, in 2 LD_VW partial sums (two vectors) */
static double LD_SM(sumsq)(size_t n, const double *x)
{
    LD_V s0 = {0.0}, s1 = s0;
    size_t i = 0;
    for (; i + 2 * LD_VW <= n; i += 2 * LD_VW) {
        LD_V a, b;
        memcpy(&a, x + i, sizeof(LD_V));
        memcpy(&b, x + i + LD_VW, sizeof(LD_V));
        s0 += a * a;
        s1 += b * b;
    }
#if LD_MASKED
    for (; i < n; i += LD_VW) {
        const size_t left = n - i;
        const LD_V a = LD_VLOADM(x + i, left >= LD_VW ? LD_FULL : (1u << left) - 1u);
        s0 += a * a;
    }
#endif
    s0 += s1;
    double s = 0.0;
    for (int q = 0; q < LD_VW; q += 2)
        s += s0[q] + s0[q + 1];
#if !LD_MASKED
    for (; i < n; ++i)
        s += x[i] * x[i];
#endif
    return s;
}

#if LD_MASKED
#undef LD_FULL
#endif

/* B(j, i) = A(i, j) for rows i = i0 .. i1-1 of A (n columns, lda) into B (ldb): 4 x 4
 * blocks transposed in registers, the edges one by one.  The table's ld_transpose, and
 * inlined into the step below. */
static inline __attribute__((always_inline)) void
LD_K(transpose)(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, const double *A, ptrdiff_t lda,
                double *B, ptrdiff_t ldb)
{
    const ld_m4 lo = {0, 4, 2, 6}, hi = {1, 5, 3, 7}, l2 = {0, 1, 4, 5}, h2 = {2, 3, 6, 7};
    ptrdiff_t j = 0;
    for (; j + 4 <= n; j += 4) {
        ptrdiff_t i = i0;
        for (; i + 4 <= i1; i += 4) {
            ld_v4 c0, c1, c2, c3;
            memcpy(&c0, A + i + j * lda, sizeof c0);
            memcpy(&c1, A + i + (j + 1) * lda, sizeof c1);
            memcpy(&c2, A + i + (j + 2) * lda, sizeof c2);
            memcpy(&c3, A + i + (j + 3) * lda, sizeof c3);
            const ld_v4 t0 = __builtin_shuffle(c0, c1, lo), t1 = __builtin_shuffle(c0, c1, hi);
            const ld_v4 t2 = __builtin_shuffle(c2, c3, lo), t3 = __builtin_shuffle(c2, c3, hi);
            const ld_v4 o0 = __builtin_shuffle(t0, t2, l2), o1 = __builtin_shuffle(t1, t3, l2);
            const ld_v4 o2 = __builtin_shuffle(t0, t2, h2), o3 = __builtin_shuffle(t1, t3, h2);
            memcpy(B + j + i * ldb, &o0, sizeof o0);
            memcpy(B + j + (i + 1) * ldb, &o1, sizeof o1);
            memcpy(B + j + (i + 2) * ldb, &o2, sizeof o2);
            memcpy(B + j + (i + 3) * ldb, &o3, sizeof o3);
        }
        for (; i < i1; ++i)
            for (ptrdiff_t q = j; q < j + 4; ++q)
                B[q + i * ldb] = A[i + q * lda];
    }
    for (; j < n; ++j)
        for (ptrdiff_t i = i0; i < i1; ++i)
            B[j + i * ldb] = A[i + j * lda];
}

/* One step of eq. 5 at L = 2 (ld_small_step2 in ld_small.h): the products of
 * ld_gradient.c's pass, called directly instead of through ld_gemm's checks and dispatch
 * (at d = 8 they cost as much as the arithmetic), and W1' R as W1 transposed (into the
 * scratch of Sx W1, free once R is formed) times R: the copy costs less than the
 * horizontal sums of the dot-product form (callgrind, d = 8: 840 instructions against
 * about 450). */
static int LD_SM(step2)(ld_small_step2_args *a, double *work)
{
    const ptrdiff_t d = a->d, r = a->r, p = a->p;
    const double eta = a->eta;
    double *W1 = a->W1, *W2 = a->W2;
    const size_t dp = (size_t)d * (size_t)p;
    double *R = work, *Eb = R + dp, *T1 = Eb + dp, *G2 = T1 + (size_t)d * (size_t)r;
    memcpy(R, a->Sxy, dp * sizeof(double));
    if (r < p) {                               /* R = (Sx W1) W2 - Sxy */
        LD_SM(nn)(d, r, d, 1.0, a->Sx, d, W1, 1, d, 0.0, T1, d);
        LD_SM(nn)(d, p, r, 1.0, T1, d, W2, 1, r, -1.0, R, d);
    } else {                                   /* R = Sx (W1 W2) - Sxy */
        LD_SM(nn)(d, p, r, 1.0, W1, d, W2, 1, r, 0.0, Eb, d);
        LD_SM(nn)(d, p, d, 1.0, a->Sx, d, Eb, 1, d, -1.0, R, d);
    }
    if (a->E != NULL) {                        /* the old W, without changing the step */
        if (r < p)
            LD_SM(nn)(d, p, r, 1.0, W1, d, W2, 1, r, 0.0, a->E, d);
        else
            memcpy(a->E, Eb, dp * sizeof(double));
    }
    a->rnorm2 = LD_SM(sumsq)(dp, R);
    if (!isfinite(a->rnorm2) || a->rnorm2 > a->cmax)
        return 0;
    LD_K(transpose)(0, d, r, W1, d, T1, r);                       /* T1 = W1' */
    LD_SM(nn)(r, p, d, 1.0, T1, r, R, 1, d, 0.0, G2, r);          /* G2 = W1' R */
    LD_SM(nn)(d, r, p, -eta, R, d, W2, r, 1, 1.0, W1, d);         /* W1 -= eta R W2' */
    LD_SM(axpy)((size_t)r * (size_t)p, -eta, G2, W2);             /* W2 -= eta G2 */
    return 1;
}
