/* ld_objective_batch.c -- mini-batch least squares from the data (SGD): step t's loss is
 * 1/(2b) ||Yb + s Z - Xb W||_F^2 over a batch of b rows (Xb, Yb) of the data (X, Y), Z
 * fresh standard normal label noise of standard deviation s, so grad = Xb' (Xb W - Yb -
 * s Z) / b; with b = n and s = 0 it is the gradient Sx W - Sxy of the moments.
 * Batches (ld_batch_rows.c, shared with the other objectives that draw rows): without
 * replacement, step t is batch t - e m of epoch e = floor(t / m), one
 * of the m = floor(n / b) consecutive blocks of b rows of a permutation drawn for epoch e
 * (its last n - m b rows unused); b = n uses the data in order.  With replacement, b rows
 * drawn uniformly for each step.  The permutation of epoch e, the draws and the noise of
 * step t come from xoshiro256** seeded by (seed, e) or (seed, t) (ld_rng.h): the stream
 * depends on the seed and the step index alone, so a run split into calls is the run in
 * one call.  X may be double, single or uint8 (converted per block of rows).
 * Data: X (n x d), or its transpose (d x n) when transposed = 1 (a sample's values are
 * then contiguous: gathering a batch of rows of a large column-major X misses the cache on
 * every entry), Y (n x p, double), Sx (d x d) and Wstar (d x p), the full data's moments
 * for the recorded excess loss; parameters batch (b), replacement (0/1), noise (s), seed,
 * transposed (0/1).  Divergence size: the batch loss.  Curvature (sharpness records):
 * the full data's, Sx. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "ld_run.h"
#include "ld_rng.h"
#include "ld_batch_rows.h"
#include "ld_measures.h"
#include "ld_small.h"
#include "ld_gemm.h"

/* rows per block of the gradient's products (bounds the scratch for b = n) */
#define BLK 256

enum { X_, Y_, SX, WSTAR };
enum { BATCH, REPLACEMENT, NOISE, SEED, TRANSPOSED };
static const char *const arrays[] = {"X", "Y", "Sx", "Wstar", NULL};
static const char *const params[] = {"batch", "replacement", "noise", "seed", "transposed", NULL};

static int transposed(const ld_objdata *o) { return o->par[TRANSPOSED] != 0.0; }
static ptrdiff_t nrows(const ld_objdata *o) { return transposed(o) ? o->arg[X_].n : o->arg[X_].m; }
static ptrdiff_t batch(const ld_objdata *o) { return (ptrdiff_t)o->par[BATCH]; }
static ptrdiff_t blk(const ld_objdata *o) { return batch(o) < BLK ? batch(o) : BLK; }

/* scratch: Xb (blk d), Rb (blk p), row indices of the batch (b), the permutation (n) and
 * its epoch (1), measures scratch */
static size_t work(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->arg == NULL || o->par == NULL)
        return 0;
    const double b = o->par[BATCH];
    if (!(b >= 1.0 && b <= (double)nrows(o)))
        return 0;
    const size_t m = ld_measures_work(d, p);
    if (m == 0)
        return 0;
    return (size_t)blk(o) * (size_t)(d + p) + (size_t)batch(o) + (size_t)nrows(o) + 1 + m;
}

static int check(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->arg == NULL || o->par == NULL
        || !(o->par[TRANSPOSED] == 0.0 || o->par[TRANSPOSED] == 1.0))
        return LD_EARG;
    const ld_array *X = o->arg + X_, *Y = o->arg + Y_, *Sx = o->arg + SX, *Ws = o->arg + WSTAR;
    const ptrdiff_t n = nrows(o), xd = transposed(o) ? X->m : X->n;
    if (n < 1 || xd != d || (X->type != LD_DOUBLE && X->type != LD_SINGLE && X->type != LD_UINT8)
        || Y->type != LD_DOUBLE || Y->m != n || Y->n != p || Sx->type != LD_DOUBLE
        || Sx->m != d || Sx->n != d || Ws->type != LD_DOUBLE || Ws->m != d || Ws->n != p
        || (d > 0 && (X->data == NULL || Sx->data == NULL))
        || (p > 0 && Y->data == NULL) || (d * p > 0 && Ws->data == NULL))
        return LD_EARG;
    const double b = o->par[BATCH], rep = o->par[REPLACEMENT], s = o->par[NOISE],
                 seed = o->par[SEED];
    if (!(b >= 1.0 && b <= (double)n && b == floor(b)) || !(rep == 0.0 || rep == 1.0)
        || !(s >= 0.0 && isfinite(s)) || !(seed >= 0.0 && seed <= 9007199254740992.0 && seed == floor(seed)))
        return LD_EARG;
    return LD_OK;
}

static double xval(const ld_array *X, size_t i)
{
    switch (X->type) {
    case LD_SINGLE:
        return (double)((const float *)X->data)[i];
    case LD_UINT8:
        return (double)((const unsigned char *)X->data)[i];
    default:
        return ((const double *)X->data)[i];
    }
}

static int grad(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double t, const double *E,
                double *G, double *crit, double *w)
{
    const ld_array *X = o->arg + X_;
    const double *Y = (const double *)o->arg[Y_].data;
    const ptrdiff_t n = nrows(o), b = batch(o), nb = blk(o);
    const double s = o->par[NOISE];
    double *Xb = w, *Rb = Xb + (size_t)nb * (size_t)d;
    /* index arrays live in the scratch as ptrdiff_t (same size as double, checked below) */
    typedef char size_check[sizeof(ptrdiff_t) <= sizeof(double) ? 1 : -1];
    (void)sizeof(size_check);
    ptrdiff_t *rows = (ptrdiff_t *)(Rb + (size_t)nb * (size_t)p);
    double *cache = (double *)rows + b;   /* ld_batch_rows's permutation and epoch */
    ld_batch_rows(n, b, o->par[REPLACEMENT] != 0.0, (uint64_t)o->par[SEED], t, rows, cache);
    ld_rng g;
    if (s > 0.0)
        ld_rng_seed(&g, (uint64_t)o->par[SEED], 3, (uint64_t)t);
    const size_t dp = (size_t)d * (size_t)p;
    memset(G, 0, dp * sizeof(double));
    double sum = 0.0;
    for (ptrdiff_t q0 = 0; q0 < b; q0 += nb) {
        const ptrdiff_t c = b - q0 < nb ? b - q0 : nb;
        const int tr = transposed(o);
        /* Xb: c x d (from a column-major X) or its transpose d x c (from a transposed X:
         * contiguous reads and writes, one sample after another) */
        if (tr)
            for (ptrdiff_t q = 0; q < c; ++q) {
                const size_t base = (size_t)rows[q0 + q] * (size_t)d;
                double *dst = Xb + (size_t)q * (size_t)d;
                for (ptrdiff_t j = 0; j < d; ++j)
                    dst[j] = xval(X, base + (size_t)j);
            }
        else
            for (ptrdiff_t j = 0; j < d; ++j)
                for (ptrdiff_t q = 0; q < c; ++q)
                    Xb[q + j * c] = xval(X, (size_t)rows[q0 + q] + (size_t)j * (size_t)n);
        /* Rb = Xb E - (Yb + s Z) */
        if (s > 0.0)
            ld_rng_normal(&g, Rb, (size_t)c * (size_t)p);
        for (ptrdiff_t j = 0; j < p; ++j)
            for (ptrdiff_t q = 0; q < c; ++q) {
                const double y = Y[(size_t)rows[q0 + q] + (size_t)j * (size_t)n];
                Rb[q + j * c] = s > 0.0 ? y + s * Rb[q + j * c] : y;
            }
        if (tr)
            ld_gemm("T", "N", c, p, d, 1.0, Xb, d, E, d, -1.0, Rb, c);
        else
            ld_gemm("N", "N", c, p, d, 1.0, Xb, c, E, d, -1.0, Rb, c);
        sum += ld_small_sumsq((size_t)c * (size_t)p, Rb);
        if (tr)
            ld_gemm("N", "N", d, p, c, 1.0 / (double)b, Xb, d, Rb, c, 1.0, G, d);
        else
            ld_gemm("T", "N", d, p, c, 1.0 / (double)b, Xb, c, Rb, c, 1.0, G, d);
    }
    *crit = 0.5 * sum / (double)b;
    return LD_OK;
}

static int loss(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *f,
                double *w)
{
    const ptrdiff_t nb = blk(o);
    double *mw = w + (size_t)nb * (size_t)(d + p) + (size_t)batch(o) + (size_t)nrows(o) + 1;
    return ld_excess_loss(d, p, E, (const double *)o->arg[SX].data,
                          (const double *)o->arg[WSTAR].data, f, mw);
}

static int hess(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                const double *dE, double *out, double *w)
{
    (void)E;   /* quadratic in E: the same Hessian everywhere */
    (void)w;
    ld_gemm("N", "N", d, p, d, 1.0, (const double *)o->arg[SX].data, d, dE, d, 0.0, out, d);
    return LD_OK;
}

/* the full data's gradient Sx (E - W*) = Sx E - Sxy (the recorded loss is the full data's) */
static int loss_grad(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *G,
                     double *w)
{
    const ptrdiff_t nb = blk(o);
    double *D = w + (size_t)nb * (size_t)(d + p) + (size_t)batch(o) + (size_t)nrows(o) + 1;
    const double *Ws = (const double *)o->arg[WSTAR].data;
    const size_t dp = (size_t)d * (size_t)p;
    for (size_t i = 0; i < dp; ++i)
        D[i] = E[i] - Ws[i];
    ld_gemm("N", "N", d, p, d, 1.0, (const double *)o->arg[SX].data, d, D, d, 0.0, G, d);
    return LD_OK;
}

const ld_objective ld_objective_batch = {"batch", arrays, params, work, check, grad, loss, NULL,
                                         NULL, NULL, hess, loss_grad, LD_OBJ_CACHES, NULL, NULL};
