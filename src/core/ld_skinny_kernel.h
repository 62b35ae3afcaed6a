/* ld_skinny_kernel.h -- body of the skinny products of ld_skinny.h, compiled once per
 * instruction-set variant by ld_kernel_variant.h.  The variant defines ld_vd, its vector
 * type of LD_SK_VW doubles, ld_mk the matching shuffle mask, and the register tiles
 *   NN_MV x NN_NR   vectors x columns of C = A B (n small)
 *   TN_NA x TN_NR   columns of A x columns of B for C = A' B (n small)
 *   NT_MV x NT_NC   vectors x columns of C = A B' (inner dimension small).
 * Not a stand-alone header.  Every load and store goes through memcpy (unaligned moves);
 * tails (rows not a multiple of LD_SK_VW) are partial copies into zeroed vectors. */

/* the variant's name of each function here (LD_K: ld_kernel_variant.h) */
#define LD_SK(name) LD_K(skinny_##name)

/* Columns of A per panel of C = A B: C's tile is read back once per panel, and the
 * panel's columns are read as that many sequential streams. */
#define LD_SKINNY_KC 32

/* Doubles of the small operand kept in L1 (24 KB of the 32-48 KB of current cores). */
#define LD_SKINNY_L1 3072

/* v = the cnt (0..LD_SK_VW) doubles at p, zeros after them */
#define LD_SK_LOADN(v, p, cnt)                                   \
    do {                                                         \
        if ((cnt) >= LD_SK_VW) {                                 \
            memcpy(&(v), (p), sizeof(ld_vd));                    \
        } else {                                                 \
            (v) = (ld_vd){0};                                    \
            if ((cnt) > 0)                                       \
                memcpy(&(v), (p), (size_t)(cnt) * sizeof(double)); \
        }                                                        \
    } while (0)

#define LD_SK_STOREN(p, v, cnt)                                  \
    do {                                                         \
        if ((cnt) >= LD_SK_VW)                                   \
            memcpy((p), &(v), sizeof(ld_vd));                    \
        else if ((cnt) > 0)                                      \
            memcpy((p), &(v), (size_t)(cnt) * sizeof(double));   \
    } while (0)

/* the sum of a vector's lanes, as a tree of shuffles (no chain of dependent adds) */
static inline __attribute__((always_inline)) double LD_SK(hsum)(ld_vd v)
{
#if LD_SK_VW == 8
    v += __builtin_shuffle(v, (ld_mk){4, 5, 6, 7, 0, 1, 2, 3});
    v += __builtin_shuffle(v, (ld_mk){2, 3, 0, 1, 6, 7, 4, 5});
    v += __builtin_shuffle(v, (ld_mk){1, 0, 3, 2, 5, 4, 7, 6});
#elif LD_SK_VW == 4
    v += __builtin_shuffle(v, (ld_mk){2, 3, 0, 1});
    v += __builtin_shuffle(v, (ld_mk){1, 0, 3, 2});
#else
    v += __builtin_shuffle(v, (ld_mk){1, 0});
#endif
    return v[0];
}

/* ---- the register tile of C = alpha A B~ + beta C, B~(kk, j) = B[kk bsk + j bsj] ------ */

/* Prefetches of a tile (they do not fault): the same columns' rows of A two tiles ahead
 * while it runs (C = A B: k long, A streamed), or the next tile's rows of C after it
 * (rank-k updates: k short, C streamed). */
enum { LD_SK_PF_A = 1, LD_SK_PF_C = 2 };

/* the most vectors of a tile's column */
#define LD_SK_TMV (NN_MV > NT_MV ? NN_MV : NT_MV)

/* Rows [0, rows) of C (MV vectors; FULL: rows == MV LD_SK_VW), the first NR of a tile of
 * NC columns, k terms.  acc: the caller's MV x NC accumulators, an array of exactly the
 * tile's size (with the largest tile's size here the compiler keeps the smaller tile's
 * accumulators on the stack). */
static inline __attribute__((always_inline)) void
LD_SK(tile)(const int MV, const int NC, const int FULL, const int NR, const int PF,
            ld_vd *acc, ptrdiff_t rows, ptrdiff_t k, double alpha, const double *A,
            ptrdiff_t lda, const double *B, ptrdiff_t bsk, ptrdiff_t bsj, double beta,
            double *C, ptrdiff_t ldc)
{
#pragma GCC unroll 16
    for (int j = 0; j < NC; ++j)
#pragma GCC unroll 16
        for (int v = 0; v < MV; ++v)
            acc[v * NC + j] = (ld_vd){0};
    for (ptrdiff_t kk = 0; kk < k; ++kk) {
        ld_vd a[LD_SK_TMV];
        const double *Ak = A + kk * lda;
        if (PF == LD_SK_PF_A) {
#pragma GCC unroll 16
            for (int l = 0; l < MV * LD_SK_VW; l += 8)
                __builtin_prefetch(Ak + 2 * MV * LD_SK_VW + l, 0, 3);
        }
#pragma GCC unroll 16
        for (int v = 0; v < MV; ++v) {
            if (FULL)
                memcpy(&a[v], Ak + v * LD_SK_VW, sizeof(ld_vd));
            else
                LD_SK_LOADN(a[v], Ak + v * LD_SK_VW, rows - v * LD_SK_VW);
        }
        const double *Bk = B + kk * bsk;
#pragma GCC unroll 16
        for (int j = 0; j < NC; ++j)
            if (j < NR) {
                const double b = Bk[j * bsj];
#pragma GCC unroll 16
                for (int v = 0; v < MV; ++v)
                    acc[v * NC + j] += a[v] * b;
            }
    }
#pragma GCC unroll 16
    for (int j = 0; j < NC; ++j)
        if (j < NR) {
            if (PF == LD_SK_PF_C) {
#pragma GCC unroll 16
                for (int l = 0; l < MV * LD_SK_VW; l += 8)
                    __builtin_prefetch(C + j * ldc + MV * LD_SK_VW + l, 1, 3);
            }
#pragma GCC unroll 16
            for (int v = 0; v < MV; ++v) {
                double *c = C + j * ldc + v * LD_SK_VW;
                const ptrdiff_t cnt = FULL ? LD_SK_VW : rows - v * LD_SK_VW;
                ld_vd x = acc[v * NC + j] * alpha;
                if (beta != 0.0) {
                    ld_vd y;
                    if (FULL)
                        memcpy(&y, c, sizeof(ld_vd));
                    else
                        LD_SK_LOADN(y, c, cnt);
                    x += y * beta;
                }
                if (FULL)
                    memcpy(c, &x, sizeof(ld_vd));
                else
                    LD_SK_STOREN(c, x, cnt);
            }
        }
}

/* ---- C = alpha A B + beta C, B k x n small ------------------------------------------ */

/* rows [i0, i1) of C, all n columns in chunks of at most NN_NR */
static void LD_SK(nn_rows)(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, ptrdiff_t k, double alpha,
                           const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                           double beta, double *C, ptrdiff_t ldc)
{
    const ptrdiff_t MR = NN_MV * LD_SK_VW;
    const ptrdiff_t nch = (n + NN_NR - 1) / NN_NR, cw = (n + nch - 1) / nch;
    for (ptrdiff_t kp = 0; kp < k; kp += LD_SKINNY_KC) {
        const ptrdiff_t kc = k - kp < LD_SKINNY_KC ? k - kp : LD_SKINNY_KC;
        const double b = kp == 0 ? beta : 1.0;
        for (ptrdiff_t i = i0; i < i1; i += MR) {
            const ptrdiff_t rows = i1 - i < MR ? i1 - i : MR;
            const double *Ai = A + i + kp * lda;
            for (ptrdiff_t j = 0; j < n; j += cw) {
                const ptrdiff_t nr = n - j < cw ? n - j : cw;
                const double *Bj = B + kp + j * ldb;
                double *Cij = C + i + j * ldc;
                if (rows < MR) {   /* the last rows: plain loops (one tile per panel) */
                    for (ptrdiff_t jj = 0; jj < nr; ++jj)
                        for (ptrdiff_t ii = 0; ii < rows; ++ii) {
                            double acc = 0.0;
                            for (ptrdiff_t kk = 0; kk < kc; ++kk)
                                acc += Ai[ii + kk * lda] * Bj[kk + jj * ldb];
                            double *c = Cij + ii + jj * ldc;
                            *c = b == 0.0 ? alpha * acc : alpha * acc + b * *c;
                        }
                    continue;
                }
#define LD_SK_NN_CASE(q)                                                                \
    case q: {                                                                           \
        ld_vd acc[NN_MV * NN_NR];                                                       \
        LD_SK(tile)(NN_MV, NN_NR, 1, q, LD_SK_PF_A, acc, rows, kc, alpha, Ai, lda, Bj, 1, \
                    ldb, b, Cij, ldc);                                                  \
        break;                                                                          \
    }
                switch (nr) {
                    LD_SK_NN_CASE(1) LD_SK_NN_CASE(2) LD_SK_NN_CASE(3) LD_SK_NN_CASE(4)
#if NN_NR > 4
                    LD_SK_NN_CASE(5) LD_SK_NN_CASE(6)
#endif
#if NN_NR > 6
                    LD_SK_NN_CASE(7) LD_SK_NN_CASE(8) LD_SK_NN_CASE(9) LD_SK_NN_CASE(10)
                    LD_SK_NN_CASE(11) LD_SK_NN_CASE(12)
#endif
                default:
                    break;
                }
#undef LD_SK_NN_CASE
            }
        }
    }
}

/* ---- C = alpha A' B + beta C, A k x m, B k x n small ---------------------------------- */

/* NA columns of A against NR columns of B: C(c, j), k-sums along the columns */
static inline __attribute__((always_inline)) void
LD_SK(tn_tile)(const int NA, const int NR, ptrdiff_t k, double alpha, const double *A,
               ptrdiff_t lda, const double *B, ptrdiff_t ldb, double beta, double *C,
               ptrdiff_t ldc)
{
    ld_vd acc[TN_NA][TN_NR];
#pragma GCC unroll 16
    for (int c = 0; c < TN_NA; ++c)
#pragma GCC unroll 16
        for (int j = 0; j < TN_NR; ++j)
            acc[c][j] = (ld_vd){0};
    ptrdiff_t kk = 0;
    for (; kk + LD_SK_VW <= k; kk += LD_SK_VW) {
        ld_vd a[TN_NA];
#pragma GCC unroll 16
        for (int c = 0; c < TN_NA; ++c)
            if (c < NA) {
                memcpy(&a[c], A + kk + c * lda, sizeof(ld_vd));
                /* the same rows of the next tile's columns (prefetches do not fault) */
                if (LD_SK_VW == 8 || kk % 8 == 0)
                    __builtin_prefetch(A + kk + (c + NA) * lda, 0, 3);
            }
#pragma GCC unroll 16
        for (int j = 0; j < TN_NR; ++j)
            if (j < NR) {
                ld_vd b;
                memcpy(&b, B + kk + j * ldb, sizeof(ld_vd));
#pragma GCC unroll 16
                for (int c = 0; c < TN_NA; ++c)
                    if (c < NA)
                        acc[c][j] += a[c] * b;
            }
    }
    if (kk < k) {
        const ptrdiff_t cnt = k - kk;
        ld_vd a[TN_NA];
#pragma GCC unroll 16
        for (int c = 0; c < TN_NA; ++c)
            if (c < NA)
                LD_SK_LOADN(a[c], A + kk + c * lda, cnt);
#pragma GCC unroll 16
        for (int j = 0; j < TN_NR; ++j)
            if (j < NR) {
                ld_vd b;
                LD_SK_LOADN(b, B + kk + j * ldb, cnt);
#pragma GCC unroll 16
                for (int c = 0; c < TN_NA; ++c)
                    if (c < NA)
                        acc[c][j] += a[c] * b;
            }
    }
#pragma GCC unroll 16
    for (int c = 0; c < TN_NA; ++c)
        if (c < NA)
#pragma GCC unroll 16
            for (int j = 0; j < TN_NR; ++j)
                if (j < NR) {
                    const double s = LD_SK(hsum)(acc[c][j]);
                    double *cp = C + c + j * ldc;
                    *cp = beta == 0.0 ? alpha * s : alpha * s + beta * *cp;
                }
}

/* Rows of a block of the small operand kept in L1 across the columns of the large one */
static inline ptrdiff_t LD_SK(l1_rows)(ptrdiff_t width)
{
    ptrdiff_t kb = LD_SKINNY_L1 / (width > 0 ? width : 1);
    kb -= kb % LD_SK_VW;
    return kb > LD_SK_VW ? kb : LD_SK_VW;
}

/* columns [i0, i1) of A (rows of C): blocks of rows of B stay in L1 while the columns of
 * A stream past them, each column segment read once */
static void LD_SK(tn_cols)(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t n, ptrdiff_t k, double alpha,
                           const double *A, ptrdiff_t lda, const double *B, ptrdiff_t ldb,
                           double beta, double *C, ptrdiff_t ldc)
{
    const ptrdiff_t nch = (n + TN_NR - 1) / TN_NR, cw = (n + nch - 1) / nch;
    const ptrdiff_t KB = LD_SK(l1_rows)(n);
    for (ptrdiff_t kp = 0; kp < k; kp += KB) {
        const ptrdiff_t kb = k - kp < KB ? k - kp : KB;
        const double bt = kp == 0 ? beta : 1.0;
        for (ptrdiff_t i = i0; i < i1; i += TN_NA) {
            const ptrdiff_t na = i1 - i < TN_NA ? i1 - i : TN_NA;
            for (ptrdiff_t j = 0; j < n; j += cw) {
                const ptrdiff_t nr = n - j < cw ? n - j : cw;
                const double *Ai = A + kp + i * lda, *Bj = B + kp + j * ldb;
                double *Cij = C + i + j * ldc;
#define LD_SK_TN_CASE(q)                                                                 \
    case q:                                                                              \
        if (na == TN_NA)                                                                 \
            LD_SK(tn_tile)(TN_NA, q, kb, alpha, Ai, lda, Bj, ldb, bt, Cij, ldc);         \
        else                                                                             \
            for (ptrdiff_t c = 0; c < na; ++c)                                           \
                LD_SK(tn_tile)(1, q, kb, alpha, Ai + c * lda, lda, Bj, ldb, bt, Cij + c, ldc); \
        break;
                switch (nr) {
                    LD_SK_TN_CASE(1) LD_SK_TN_CASE(2) LD_SK_TN_CASE(3) LD_SK_TN_CASE(4)
                    LD_SK_TN_CASE(5) LD_SK_TN_CASE(6)
#if TN_NR > 6
                    LD_SK_TN_CASE(7) LD_SK_TN_CASE(8) LD_SK_TN_CASE(9) LD_SK_TN_CASE(10)
                    LD_SK_TN_CASE(11) LD_SK_TN_CASE(12)
#endif
                default:
                    break;
                }
#undef LD_SK_TN_CASE
            }
        }
    }
}

/* ---- C = alpha A B~ + beta C, A m x k, k small, B~(kk, j) = B[kk bsk + j bsj] -------- */

/* rows [i0, i1) and columns [j0, j1) of C (A's rows [i0, i1) in L1) */
static void LD_SK(nt_block)(ptrdiff_t i0, ptrdiff_t i1, ptrdiff_t j0, ptrdiff_t j1, ptrdiff_t k,
                            double alpha, const double *A, ptrdiff_t lda, const double *B,
                            ptrdiff_t bsk, ptrdiff_t bsj, double beta, double *C, ptrdiff_t ldc)
{
    const ptrdiff_t MR = NT_MV * LD_SK_VW;
    for (ptrdiff_t j = j0; j < j1; j += NT_NC) {
        const ptrdiff_t nc = j1 - j < NT_NC ? j1 - j : NT_NC;
        const double *Bj = B + j * bsj;
        for (ptrdiff_t i = i0; i < i1; i += MR) {
            const ptrdiff_t rows = i1 - i < MR ? i1 - i : MR;
            double *Cij = C + i + j * ldc;
#define LD_SK_NT_CASE(q)                                                                 \
    case q: {                                                                            \
        ld_vd acc[NT_MV * NT_NC];                                                        \
        if (rows == MR)                                                                  \
            LD_SK(tile)(NT_MV, NT_NC, 1, q, LD_SK_PF_C, acc, rows, k, alpha, A + i, lda, Bj, \
                        bsk, bsj, beta, Cij, ldc);                                       \
        else                                                                             \
            LD_SK(tile)(NT_MV, NT_NC, 0, q, LD_SK_PF_C, acc, rows, k, alpha, A + i, lda, Bj, \
                        bsk, bsj, beta, Cij, ldc);                                       \
        break;                                                                           \
    }
            switch (nc) {
                LD_SK_NT_CASE(1) LD_SK_NT_CASE(2) LD_SK_NT_CASE(3) LD_SK_NT_CASE(4)
            default:
                break;
            }
#undef LD_SK_NT_CASE
        }
    }
}

/* columns [j0, j1) of C, all m rows, by blocks of rows of A that stay in L1 */
static void LD_SK(nt_cols)(ptrdiff_t j0, ptrdiff_t j1, ptrdiff_t m, ptrdiff_t k, double alpha,
                           const double *A, ptrdiff_t lda, const double *B, ptrdiff_t bsk,
                           ptrdiff_t bsj, double beta, double *C, ptrdiff_t ldc)
{
    const ptrdiff_t KB = LD_SK(l1_rows)(k);
    for (ptrdiff_t i = 0; i < m; i += KB)
        LD_SK(nt_block)(i, m - i < KB ? m : i + KB, j0, j1, k, alpha, A, lda, B, bsk, bsj,
                        beta, C, ldc);
}

/* ---- the fused pass: T = W' R, then W += alpha R V', block by block of W ------------ */

/* For each block of rows of R (in L1) and each NT_NC columns of W: the block's part of
 * T's rows from the old W (the W segment stays in L1), then the segment's update. */
static void LD_SK(fused_cols)(ptrdiff_t j0, ptrdiff_t j1, ptrdiff_t m, ptrdiff_t p, double *W,
                              ptrdiff_t ldw, const double *R, ptrdiff_t ldr, const double *V,
                              ptrdiff_t ldv, double alpha, double *T, ptrdiff_t ldt)
{
    const ptrdiff_t KB = LD_SK(l1_rows)(p);
    for (ptrdiff_t i = 0; i < m; i += KB) {
        const ptrdiff_t ie = m - i < KB ? m : i + KB;
        for (ptrdiff_t j = j0; j < j1; j += NT_NC) {
            const ptrdiff_t je = j1 - j < NT_NC ? j1 : j + NT_NC;
            LD_SK(tn_cols)(j, je, p, ie - i, 1.0, W + i, ldw, R + i, ldr, i == 0 ? 0.0 : 1.0,
                           T, ldt);
            LD_SK(nt_block)(i, ie, j, je, p, alpha, R, ldr, V, ldv, 1, 1.0, W, ldw);
        }
    }
}
