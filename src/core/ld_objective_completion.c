/* ld_objective_completion.c -- matrix completion (deep matrix factorization, Arora et
 * al. 2019): l(W) = 1/2 mean over the observed entries (i, j) of (W_ij - M_ij)^2, so
 * grad l(W) is (W_ij - M_ij) / nobs on the observed entries and 0 elsewhere.
 * Data: idx, the observed entries' 0-based column-major linear indices (nobs x 1,
 * strictly increasing, in [0, d p)), vals, their values M_ij (nobs x 1); parameter
 * threads (1 or 2): the OpenMP threads of the sparse step.  Divergence size and recorded
 * loss: l(W).  Hessian: dW -> dW_ij / nobs on the observed entries, 0 elsewhere.
 *
 * The step (factor_grad) never forms W = W1...WL: with the suffixes S_l = W_l...W_L,
 * the observed entries are W_ij = W1(i,:) S_2(:,j) (nobs r1 dot products), the gradient
 * G is sparse, and eq. 11's factor gradients start with two sparse products,
 * grad_W1 = G S_2' and A_1 = W1' G (nobs r1 multiply-adds each), continued by the dense
 * chain A_{l+1} = W_l' A_l, grad_Wl = A_{l-1} S_{l+1}' (l = 2..L-1) and grad_WL = A_{L-1}.
 * Dense products per step: 3 (L - 2) (none at L = 2) instead of the 3 L - 3 of the chain
 * through a dense G.  The index sets are kept in the scratch by column (for W1' G and the
 * dot products) and by row (for G S_2'), built at the first step of a call.  With
 * threads = 2, outside a parallel region, the step runs on two OpenMP threads: columns
 * of the suffixes and of the left chain, halves of the observed entries, rows of grad_W1
 * and of the dense gradients; every entry is computed as with one thread.  Not the
 * default: the threads meet three times per step, and when other processes compete for
 * the cores each meeting waits for the scheduler (measured at 100 x 100, L = 3, load 7
 * on 2 cores: 8 ms per step against 0.5 ms on one thread). */
#include <math.h>
#include <string.h>
#include "ld_run.h"
#include "ld_chain.h"
#include "ld_gemm.h"
#include "ld_sparse.h"
#ifdef _OPENMP
#include <omp.h>
#endif

/* Steps whose dense and sparse multiply-adds are fewer than this run on one thread: the
 * threads' hand-offs (three per step) cost a few microseconds. */
#define LD_COMPLETION_PAR_MIN 200000.0

enum { IDX, VALS };
enum { THREADS };
static const char *const arrays[] = {"idx", "vals", NULL};
static const char *const params[] = {"threads", NULL};

static ptrdiff_t nobs(const ld_objdata *o)
{
    return o->arg[IDX].m * o->arg[IDX].n;
}

/* objective scratch: built flag (1), column pointers (p + 1), rows (nobs), row pointers
 * (d + 1), columns in row order (nobs), the column-order entry of each row-order entry
 * (nobs), W's observed entries then the gradient's values (nobs), those in row order
 * (nobs) */
static size_t work(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->arg == NULL || o->arg[IDX].m < 0 || o->arg[IDX].n < 0)
        return 0;
    return 5 * (size_t)nobs(o) + (size_t)d + (size_t)p + 3;
}

static int check(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->arg == NULL || o->par == NULL || !(o->par[THREADS] == 1.0 || o->par[THREADS] == 2.0))
        return LD_EARG;
    const ld_array *I = o->arg + IDX, *V = o->arg + VALS;
    const ptrdiff_t n = I->m * I->n;
    if (I->type != LD_DOUBLE || V->type != LD_DOUBLE || n < 1 || V->m * V->n != n
        || I->data == NULL || V->data == NULL)
        return LD_EARG;
    const double *idx = (const double *)I->data, *val = (const double *)V->data;
    const double dp = (double)d * (double)p;
    for (ptrdiff_t i = 0; i < n; ++i) {
        if (!(idx[i] >= 0.0 && idx[i] < dp && idx[i] == floor(idx[i]))
            || (i > 0 && !(idx[i] > idx[i - 1])))
            return LD_EARG;
        if (!isfinite(val[i]))
            return LD_ENOTFINITE;
    }
    return LD_OK;
}

static double eval(const ld_objdata *o, const double *E, double *G)
{
    const ptrdiff_t n = nobs(o);
    const double *idx = (const double *)o->arg[IDX].data, *val = (const double *)o->arg[VALS].data;
    const double inv = 1.0 / (double)n;
    double s = 0.0;
    for (ptrdiff_t i = 0; i < n; ++i) {
        const size_t q = (size_t)idx[i];
        const double e = E[q] - val[i];
        s += e * e;
        if (G != NULL)
            G[q] = e * inv;
    }
    return 0.5 * s * inv;
}

/* the dense form: G = grad l(E) as a d x p matrix (the runner's chain through it) */
static int grad(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double t, const double *E,
                double *G, double *crit, double *w)
{
    (void)t;
    (void)w;
    const size_t dp = (size_t)d * (size_t)p;
    memset(G, 0, dp * sizeof(double));
    *crit = eval(o, E, G);
    return LD_OK;
}

static int loss(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *f,
                double *w)
{
    (void)d;
    (void)p;
    (void)w;
    *f = eval(o, E, NULL);
    return LD_OK;
}

/* ---- the sparse step --------------------------------------------------------------- */

typedef struct {
    double *cptr, *crow, *rptr, *rcol, *rperm, *ev, *gr;
} sets;

static sets carve_sets(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double *w)
{
    const size_t n = (size_t)nobs(o);
    sets s;
    s.cptr = w + 1;
    s.crow = s.cptr + p + 1;
    s.rptr = s.crow + n;
    s.rcol = s.rptr + d + 1;
    s.rperm = s.rcol + n;
    s.ev = s.rperm + n;
    s.gr = s.ev + n;
    return s;
}

/* The index sets by column and by row (a counting sort of the rows), once per call: the
 * runner zeroes the scratch at the start of a call, so w[0] == 0 says "not built". */
static void build_sets(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double *w, const sets *s)
{
    if (w[0] != 0.0)
        return;
    const ptrdiff_t n = nobs(o);
    const double *idx = (const double *)o->arg[IDX].data;
    for (ptrdiff_t j = 0; j <= p; ++j)
        s->cptr[j] = 0.0;
    for (ptrdiff_t i = 0; i <= d; ++i)
        s->rptr[i] = 0.0;
    for (ptrdiff_t e = 0; e < n; ++e) {
        const ptrdiff_t q = (ptrdiff_t)idx[e], j = q / d, i = q - j * d;
        s->crow[e] = (double)i;
        s->cptr[j + 1] += 1.0;
        s->rptr[i + 1] += 1.0;
    }
    for (ptrdiff_t j = 0; j < p; ++j)
        s->cptr[j + 1] += s->cptr[j];
    for (ptrdiff_t i = 0; i < d; ++i)
        s->rptr[i + 1] += s->rptr[i];
    /* entries in row order, columns increasing within a row: rperm[k] is the
     * column-order entry of row-order entry k.  rptr[i] serves as row i's fill position
     * (it ends at row i + 1's start) and is shifted back afterwards. */
    for (ptrdiff_t j = 0; j < p; ++j)
        for (ptrdiff_t e = (ptrdiff_t)s->cptr[j]; e < (ptrdiff_t)s->cptr[j + 1]; ++e) {
            const ptrdiff_t i = (ptrdiff_t)s->crow[e], k = (ptrdiff_t)s->rptr[i];
            s->rcol[k] = (double)j;
            s->rperm[k] = (double)e;
            s->rptr[i] += 1.0;
        }
    for (ptrdiff_t i = d; i > 0; --i)
        s->rptr[i] = s->rptr[i - 1];
    s->rptr[0] = 0.0;
    w[0] = 1.0;
}

/* The group index where the entries before it first reach half of them: the two
 * threads' shares of a set of groups (columns or rows) with balanced entry counts. */
static ptrdiff_t half_split(ptrdiff_t ngroup, const double *ptr)
{
    const double half = 0.5 * ptr[ngroup];
    ptrdiff_t c = 0;
    while (c < ngroup && ptr[c] < half)
        ++c;
    return c;
}

/* factor scratch: suffixes S_2..S_{L-1} (r_l p each), W1' (r1 d), grad_W1' (r1 d), two
 * buffers of the left chain (max r_l p) */
static size_t factor_work(const ld_objdata *o, ptrdiff_t L, const ptrdiff_t *r)
{
    (void)o;
    if (L < 1 || r == NULL)
        return 0;
    if (L == 1)
        return 1;
    return ld_chain_suffix_size(L, r) + 2 * (size_t)r[0] * (size_t)r[1] + 2 * ld_chain_buf_size(L, r) + 1;
}

/* The share [lo, hi) of thread t of nt of n items split at m (nt == 2) */
static void share(int t, int nt, ptrdiff_t n, ptrdiff_t m, ptrdiff_t *lo, ptrdiff_t *hi)
{
    if (nt == 1) {
        *lo = 0;
        *hi = n;
    } else {
        *lo = t == 0 ? 0 : m;
        *hi = t == 0 ? m : n;
    }
}

static int factor_grad(const ld_objdata *o, const ld_point *x, double *const *G, double *E,
                       double *crit, double *w)
{
    (void)E;
    const ptrdiff_t L = x->L, *r = x->r, d = r[0], p = r[L], n = nobs(o);
    const double *const *W = (const double *const *)x->W;
    const double *const *Wc = W;
    const double *val = (const double *)o->arg[VALS].data;
    const double inv = 1.0 / (double)n;
    if (L == 1) {
        /* W = W1: the gradient is the residual itself, scattered into a zero matrix */
        const double *idx = (const double *)o->arg[IDX].data;
        memset(G[0], 0, (size_t)d * (size_t)p * sizeof(double));
        double s = 0.0;
        for (ptrdiff_t e = 0; e < n; ++e) {
            const size_t q = (size_t)idx[e];
            const double res = W[0][q] - val[e];
            s += res * res;
            G[0][q] = res * inv;
        }
        *crit = 0.5 * s * inv;
        return LD_OK;
    }
    const sets s = carve_sets(o, d, p, w);
    build_sets(o, d, p, w, &s);
    const ptrdiff_t r1 = r[1];
    double *sbuf = x->fwork;
    double *W1t = sbuf + ld_chain_suffix_size(L, r), *T = W1t + (size_t)r1 * (size_t)d;
    double *A0 = T + (size_t)r1 * (size_t)d, *A1 = A0 + ld_chain_buf_size(L, r);
    const double *S2 = ld_chain_suffix(L, r, Wc, sbuf, 0);
    /* balanced halves: of the columns by observed count (dot products, W1' G), of the
     * rows by observed count (G S_2'), and plain halves of columns and rows (dense) */
    const ptrdiff_t csplit = half_split(p, s.cptr), rsplit = half_split(d, s.rptr);
    double flops = (double)n * (double)r1 * 3.0;
    ptrdiff_t rmx = 0;
    for (ptrdiff_t l = 1; l + 1 < L; ++l)
        flops += 3.0 * (double)r[l] * (double)r[l + 1] * (double)p;
    for (ptrdiff_t l = 0; l <= L; ++l)
        rmx = r[l] > rmx ? r[l] : rmx;
    int nt = 1;
#ifdef _OPENMP
    /* only where the runner made BLAS single-threaded (ld_run.h, LD_FG_THREADS) */
    if (o->par[THREADS] == 2.0 && flops >= LD_COMPLETION_PAR_MIN
        && rmx <= LD_RUN_BLAS1_MAX
        && !omp_in_parallel() && omp_get_max_threads() > 1)
        nt = 2;
#endif
    double part[2] = {0.0, 0.0};
#ifdef _OPENMP
#pragma omp parallel num_threads(nt) if (nt > 1)
#endif
    {
        int tid = 0;
#ifdef _OPENMP
        tid = omp_get_thread_num();
#endif
        ptrdiff_t lo, hi;
        /* phase 1: the suffixes, by columns (each column of S_l needs only that column
         * of S_{l+1}), and W1' by rows of W1 */
        share(tid, nt, p, p / 2, &lo, &hi);
        for (ptrdiff_t l = L - 3; l >= 0 && hi > lo; --l)
            ld_gemm("N", "N", r[l + 1], hi - lo, r[l + 2], 1.0, W[l + 1], r[l + 1],
                    ld_chain_suffix(L, r, Wc, sbuf, l + 1) + lo * r[l + 2], r[l + 2], 0.0,
                    (double *)ld_chain_suffix(L, r, Wc, sbuf, l) + lo * r[l + 1], r[l + 1]);
        share(tid, nt, d, d / 2, &lo, &hi);
        ld_transpose(lo, hi, r1, W[0], d, W1t, r1);
#ifdef _OPENMP
#pragma omp barrier
#endif
        /* phase 2: W at the observed entries of my columns, the residual, and those
         * columns of A_1 = W1' G (grad_W2 itself at L = 2) */
        share(tid, nt, p, csplit, &lo, &hi);
        ld_sparse_dots(r1, lo, hi, s.cptr, s.crow, W1t, r1, S2, r1, s.ev);
        double sum = 0.0;
        for (ptrdiff_t e = (ptrdiff_t)s.cptr[lo]; e < (ptrdiff_t)s.cptr[hi]; ++e) {
            const double res = s.ev[e] - val[e];
            sum += res * res;
            s.ev[e] = res * inv;
        }
        part[tid] = sum;
        double *A = L == 2 ? G[1] : A0;
        ld_sparse_combine(r1, lo, hi, s.cptr, s.crow, s.ev, W1t, r1, A, r1);
#ifdef _OPENMP
#pragma omp barrier
#endif
        /* phase 3: my rows of grad_W1 = G S_2' (as its transpose S_2 G', then
         * transposed), and the first step of the dense chain */
        share(tid, nt, d, rsplit, &lo, &hi);
        for (ptrdiff_t k = (ptrdiff_t)s.rptr[lo]; k < (ptrdiff_t)s.rptr[hi]; ++k)
            s.gr[k] = s.ev[(ptrdiff_t)s.rperm[k]];
        ld_sparse_combine(r1, lo, hi, s.rptr, s.rcol, s.gr, S2, r1, T, r1);
        if (hi > lo)
            ld_transpose(0, r1, hi - lo, T + lo * r1, r1, G[0] + lo, d);
        /* the chain: grad_W(l+1) = A_l S_{l+2}' by rows, A_{l+1} = W_{l+1}' A_l by
         * columns (grad_WL = A_{L-1}); one hand-off per step */
        for (ptrdiff_t l = 1; l + 1 < L; ++l) {
            const ptrdiff_t m = r[l], k2 = r[l + 1];
            double *An = l + 2 == L ? G[L - 1] : (A == A0 ? A1 : A0);
            share(tid, nt, m, m / 2, &lo, &hi);
            if (hi > lo)
                ld_gemm("N", "T", hi - lo, k2, p, 1.0, A + lo, m, ld_chain_suffix(L, r, Wc, sbuf, l),
                        k2, 0.0, G[l] + lo, m);
            share(tid, nt, p, p / 2, &lo, &hi);
            if (hi > lo)
                ld_gemm("T", "N", k2, hi - lo, m, 1.0, W[l], m, A + lo * m, m, 0.0,
                        An + lo * k2, k2);
            A = An;
#ifdef _OPENMP
            if (l + 2 < L) {
#pragma omp barrier
            }
#endif
        }
    }
    *crit = 0.5 * (part[0] + part[1]) * inv;
    return LD_OK;
}

static int hess(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                const double *dE, double *out, double *w)
{
    (void)E;   /* quadratic in E: the same Hessian everywhere */
    (void)w;
    const ptrdiff_t n = nobs(o);
    const double *idx = (const double *)o->arg[IDX].data, inv = 1.0 / (double)n;
    memset(out, 0, (size_t)d * (size_t)p * sizeof(double));
    for (ptrdiff_t e = 0; e < n; ++e) {
        const size_t q = (size_t)idx[e];
        out[q] = dE[q] * inv;
    }
    return LD_OK;
}

const ld_objective ld_objective_completion = {"completion", arrays, params, work, check, grad,
                                              loss, factor_grad, factor_work, NULL, hess, NULL,
                                              LD_FG_NO_E | LD_FG_THREADS | LD_OBJ_CACHES, NULL, NULL};
