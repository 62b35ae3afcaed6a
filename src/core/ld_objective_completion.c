/* ld_objective_completion.c -- matrix completion (deep matrix factorization, Arora et
 * al. 2019): l(W) = 1/2 mean over the observed entries (i, j) of (W_ij - M_ij)^2, so
 * grad l(W) is (W_ij - M_ij) / nobs on the observed entries and 0 elsewhere.  Cost per
 * step: the observed count (plus the factor products of the runner).
 * Data: arg[0] = the observed entries' 0-based column-major linear indices (nobs x 1,
 * strictly increasing, in [0, d p)), arg[1] = their values M_ij (nobs x 1).
 * Divergence size and recorded loss: l(W). */
#include <math.h>
#include <string.h>
#include "ld_run.h"

static size_t work(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    (void)o;
    (void)d;
    (void)p;
    return 1;
}

static int check(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->narg != 2 || o->arg == NULL)
        return LD_EARG;
    const ld_array *I = o->arg, *V = o->arg + 1;
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
    const ptrdiff_t n = o->arg[0].m * o->arg[0].n;
    const double *idx = (const double *)o->arg[0].data, *val = (const double *)o->arg[1].data;
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

const ld_objective ld_objective_completion = {"completion", work, check, grad, loss, NULL};
