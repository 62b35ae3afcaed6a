/* ld_objective_diagonal.c -- diagonal linear networks (Woodworth et al. 2020): the chain's
 * product E = [u, v] (d x 2) holds the parameters, the predictor is w = u.^D - v.^D and
 * step t's loss 1/(2b) ||X_B w - y_B||^2 over a batch B of b rows, so with
 * g = X_B' (X_B w - y_B) / b
 *   grad = [D u.^(D-1) .* g, -D v.^(D-1) .* g].
 * Batches as the batch objective's (ld_batch_rows.c); b = n (no replacement) is gradient
 * descent on all rows.  Recorded loss: the full data's 1/(2n) ||X w - y||^2.  Curvature
 * (sharpness records): the full loss's Hessian in (u, v), the Gauss-Newton part
 * J' (X'X/n) J with J = [diag(D u.^(D-1)), -diag(D v.^(D-1))] plus the curvature of the
 * map (u, v) -> w, diag([D(D-1) u.^(D-2) .* g; -D(D-1) v.^(D-2) .* g]).  Own measures:
 * ||w||_1, ||w||_2, ||w - target||_2 (NaN without a target) and the support size
 * #{i : |w_i| > tol max |w|}.  The full data's gradient (loss_grad) serves the sharpness
 * records of a longer chain.
 * Data: X (n x d), y (n x 1), target (d x 1, or empty); parameters depth (D, an integer
 * >= 1), batch (b), replacement (0/1), seed, tol.  Divergence size: the batch loss. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "ld_run.h"
#include "ld_batch_rows.h"
#include "ld_blas.h"
#include "ld_gemm.h"
#include "ld_small.h"

/* rows per block of a mini-batch's products (bounds the gathered rows' scratch) */
#define BLK 256
/* the largest depth accepted (u.^D by repeated squaring) */
#define LD_DIAGONAL_MAXD 64

enum { X_, Y_, TARGET };
enum { DEPTH, BATCH, REPLACEMENT, SEED, TOL };
static const char *const arrays[] = {"X", "y", "target", NULL};
static const char *const params[] = {"depth", "batch", "replacement", "seed", "tol", NULL};
static const char *const measures[] = {"l1", "l2", "err", "support", NULL};

static ptrdiff_t nrows(const ld_objdata *o) { return o->arg[X_].m; }
static ptrdiff_t batch(const ld_objdata *o) { return (ptrdiff_t)o->par[BATCH]; }
static int full(const ld_objdata *o)
{
    return batch(o) == nrows(o) && o->par[REPLACEMENT] == 0.0;
}
static ptrdiff_t blk(const ld_objdata *o) { return batch(o) < BLK ? batch(o) : BLK; }

/* scratch: w, g, a spare d-vector (d each), an n-vector, the batch's rows (b), the
 * rows' cache (n + 1), the gathered rows (blk d) and their residuals (blk) */
static size_t work(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    (void)p;
    if (o->arg == NULL || o->par == NULL || d < 0)
        return 0;
    const ptrdiff_t n = nrows(o);
    const double b = o->par[BATCH];
    if (n < 1 || !(b >= 1.0 && b <= (double)n))
        return 0;
    return 3 * (size_t)d + (size_t)n + (size_t)batch(o) + ld_batch_rows_cache(n)
           + (size_t)blk(o) * ((size_t)d + 1) + 1;
}

static int check(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->arg == NULL || o->par == NULL || p != 2 || d < 1)
        return LD_EARG;
    const ld_array *X = o->arg + X_, *y = o->arg + Y_, *tg = o->arg + TARGET;
    const ptrdiff_t n = X->m;
    if (n < 1 || X->n != d || X->type != LD_DOUBLE || X->data == NULL || !ld_dims_ok(n, d)
        || y->type != LD_DOUBLE || y->m * y->n != n || y->data == NULL
        || tg->type != LD_DOUBLE || (tg->m * tg->n != 0 && (tg->m * tg->n != d || tg->data == NULL)))
        return LD_EARG;
    const double D = o->par[DEPTH], b = o->par[BATCH], rep = o->par[REPLACEMENT],
                 seed = o->par[SEED], tol = o->par[TOL];
    if (!(D >= 1.0 && D <= LD_DIAGONAL_MAXD && D == floor(D))
        || !(b >= 1.0 && b <= (double)n && b == floor(b)) || !(rep == 0.0 || rep == 1.0)
        || !(seed >= 0.0 && seed <= 9007199254740992.0 && seed == floor(seed))
        || !(tol >= 0.0 && isfinite(tol)))
        return LD_EARG;
    return LD_OK;
}

/* x^k for an integer k >= 0, by repeated squaring (exact for k <= 2) */
static double ipow(double x, int k)
{
    double r = 1.0;
    while (k > 0) {
        if (k & 1)
            r *= x;
        x *= x;
        k >>= 1;
    }
    return r;
}

static int depth(const ld_objdata *o) { return (int)o->par[DEPTH]; }

/* w = u.^D - v.^D from E = [u, v] */
static void predictor(const ld_objdata *o, ptrdiff_t d, const double *E, double *w)
{
    const int D = depth(o);
    for (ptrdiff_t i = 0; i < d; ++i)
        w[i] = ipow(E[i], D) - ipow(E[i + d], D);
}

/* r = X w - y over all n rows (r: n doubles); returns r'r */
static double residual(const ld_objdata *o, ptrdiff_t d, const double *w, double *r)
{
    const blas_int n = (blas_int)nrows(o), m = (blas_int)d, one = 1;
    const double a = 1.0, b = -1.0;
    memcpy(r, o->arg[Y_].data, (size_t)n * sizeof(double));
    LD_F77(dgemv)("N", &n, &m, &a, (const double *)o->arg[X_].data, &n, w, &one, &b, r, &one);
    return ld_small_sumsq((size_t)n, r);
}

/* g = X' r / n */
static void xtr(const ld_objdata *o, ptrdiff_t d, const double *r, double *g)
{
    const blas_int n = (blas_int)nrows(o), m = (blas_int)d, one = 1;
    const double a = 1.0 / (double)n, b = 0.0;
    LD_F77(dgemv)("T", &n, &m, &a, (const double *)o->arg[X_].data, &n, r, &one, &b, g, &one);
}

static int grad(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double t, const double *E,
                double *G, double *crit, double *wk)
{
    (void)p;
    const ptrdiff_t n = nrows(o), b = batch(o), nb = blk(o);
    const double *X = (const double *)o->arg[X_].data, *y = (const double *)o->arg[Y_].data;
    double *w = wk, *g = w + d, *r = g + 2 * (size_t)d;
    ptrdiff_t *rows = (ptrdiff_t *)(r + n);
    double *cache = (double *)rows + b, *Xb = cache + ld_batch_rows_cache(n);
    double *rb = Xb + (size_t)nb * (size_t)d;
    predictor(o, d, E, w);
    double sum;
    if (full(o)) {
        sum = residual(o, d, w, r);
        xtr(o, d, r, g);
    } else {
        ld_batch_rows(n, b, o->par[REPLACEMENT] != 0.0, (uint64_t)o->par[SEED], t, rows, cache);
        memset(g, 0, (size_t)d * sizeof(double));
        sum = 0.0;
        for (ptrdiff_t q0 = 0; q0 < b; q0 += nb) {
            const ptrdiff_t c = b - q0 < nb ? b - q0 : nb;
            for (ptrdiff_t j = 0; j < d; ++j)
                for (ptrdiff_t q = 0; q < c; ++q)
                    Xb[q + j * c] = X[(size_t)rows[q0 + q] + (size_t)j * (size_t)n];
            for (ptrdiff_t q = 0; q < c; ++q)
                rb[q] = y[rows[q0 + q]];
            ld_gemm("N", "N", c, 1, d, 1.0, Xb, c, w, d, -1.0, rb, c);
            sum += ld_small_sumsq((size_t)c, rb);
            ld_gemm("T", "N", d, 1, c, 1.0 / (double)b, Xb, c, rb, c, 1.0, g, d);
        }
    }
    const int D = depth(o);
    for (ptrdiff_t i = 0; i < d; ++i) {
        G[i] = D * ipow(E[i], D - 1) * g[i];
        G[i + d] = -D * ipow(E[i + d], D - 1) * g[i];
    }
    *crit = 0.5 * sum / (double)b;
    return LD_OK;
}

static int loss(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *f,
                double *wk)
{
    (void)p;
    double *w = wk, *r = w + 3 * (size_t)d;
    predictor(o, d, E, w);
    *f = 0.5 * residual(o, d, w, r) / (double)nrows(o);
    return LD_OK;
}

static int hess(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                const double *dE, double *out, double *wk)
{
    (void)p;
    const int D = depth(o);
    double *w = wk, *g = w + d, *s = g + d, *r = s + d;
    predictor(o, d, E, w);
    (void)residual(o, d, w, r);
    xtr(o, d, r, g);                          /* g = X'(X w - y)/n */
    for (ptrdiff_t i = 0; i < d; ++i)         /* dw = J [du; dv] */
        w[i] = D * (ipow(E[i], D - 1) * dE[i] - ipow(E[i + d], D - 1) * dE[i + d]);
    {                                         /* s = X' X dw / n */
        const blas_int n = (blas_int)nrows(o), m = (blas_int)d, one = 1;
        const double a = 1.0, z = 0.0;
        LD_F77(dgemv)("N", &n, &m, &a, (const double *)o->arg[X_].data, &n, w, &one, &z, r,
                      &one);
        xtr(o, d, r, s);
    }
    const double c = (double)D * (double)(D - 1);
    for (ptrdiff_t i = 0; i < d; ++i) {
        const double u = E[i], v = E[i + d];
        out[i] = D * ipow(u, D - 1) * s[i];
        out[i + d] = -D * ipow(v, D - 1) * s[i];
        if (D >= 2) {
            out[i] += c * ipow(u, D - 2) * g[i] * dE[i];
            out[i + d] -= c * ipow(v, D - 2) * g[i] * dE[i + d];
        }
    }
    return LD_OK;
}

/* the full data's gradient (the sharpness records' chain term) */
static int loss_grad(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *G,
                     double *wk)
{
    (void)p;
    const int D = depth(o);
    double *w = wk, *g = w + d, *r = g + 2 * (size_t)d;
    predictor(o, d, E, w);
    (void)residual(o, d, w, r);
    xtr(o, d, r, g);
    for (ptrdiff_t i = 0; i < d; ++i) {
        G[i] = D * ipow(E[i], D - 1) * g[i];
        G[i + d] = -D * ipow(E[i + d], D - 1) * g[i];
    }
    return LD_OK;
}

static int measure(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                   double *out, double *wk)
{
    (void)p;
    double *w = wk;
    predictor(o, d, E, w);
    double l1 = 0.0, mx = 0.0;
    for (ptrdiff_t i = 0; i < d; ++i) {
        const double a = fabs(w[i]);
        l1 += a;
        mx = a > mx || isnan(a) ? a : mx;
    }
    const blas_int m = (blas_int)d, one = 1;
    out[0] = l1;
    out[1] = LD_F77(dnrm2)(&m, w, &one);
    const ld_array *tg = o->arg + TARGET;
    if (tg->m * tg->n == d) {
        const double *ts = (const double *)tg->data;
        double *e = w + d;
        for (ptrdiff_t i = 0; i < d; ++i)
            e[i] = w[i] - ts[i];
        out[2] = LD_F77(dnrm2)(&m, e, &one);
    } else {
        out[2] = NAN;
    }
    double cnt = 0.0;
    const double thr = o->par[TOL] * mx;
    if (isnan(mx))
        cnt = NAN;
    else if (mx > 0.0)
        for (ptrdiff_t i = 0; i < d; ++i)
            cnt += fabs(w[i]) > thr;
    out[3] = cnt;
    return LD_OK;
}

/* its scratch keeps the epoch's permutation of the rows (ld_batch_rows) */
const ld_objective ld_objective_diagonal = {"diagonal", arrays, params, work, check, grad, loss,
                                            NULL, NULL, NULL, hess, loss_grad, LD_OBJ_CACHES,
                                            measures, measure};
