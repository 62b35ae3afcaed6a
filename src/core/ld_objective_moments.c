/* ld_objective_moments.c -- least squares through the second moments (section 2):
 * l(W) = 1/2 tr(W' Sx W) - tr(W' Sxy) + const, grad l(W) = Sx W - Sxy; the factor
 * gradients by the fused ld_deep_gradient (eq. 11, 3L - 2 products).
 * Data: arg[0] = Sx (d x d), arg[1] = Sxy (d x p), arg[2] = W* (d x p) for the recorded
 * excess loss 1/2 tr((W - W*)' Sx (W - W*)).  Divergence size: ||Sx W - Sxy||_F^2. */
#include <string.h>
#include "ld_run.h"
#include "ld_gradient.h"
#include "ld_measures.h"
#include "ld_small.h"
#include "ld_gemm.h"

static int is_double(const ld_array *a, ptrdiff_t m, ptrdiff_t n)
{
    return a->type == LD_DOUBLE && a->m == m && a->n == n && (m * n == 0 || a->data != NULL);
}

static size_t work(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    (void)o;
    const size_t m = ld_measures_work(d, p);
    return m == 0 ? 0 : m + (size_t)d * (size_t)p;
}

static int check(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->narg != 3 || o->arg == NULL || !is_double(o->arg, d, d)
        || !is_double(o->arg + 1, d, p) || !is_double(o->arg + 2, d, p))
        return LD_EARG;
    return LD_OK;
}

static int grad(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double t, const double *E,
                double *G, double *crit, double *w)
{
    (void)t;
    (void)w;
    const size_t dp = (size_t)d * (size_t)p;
    if (dp > 0)
        memcpy(G, o->arg[1].data, dp * sizeof(double));
    ld_gemm("N", "N", d, p, d, 1.0, (const double *)o->arg[0].data, d, E, d, -1.0, G, d);
    *crit = ld_small_sumsq(dp, G);
    return LD_OK;
}

static int loss(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *f,
                double *w)
{
    return ld_measures(d, p, E, (const double *)o->arg[0].data, (const double *)o->arg[2].data,
                       f, NULL, NULL, 0, NULL, 0, NULL, NULL, w);
}

static int factor_grad(const ld_objdata *o, ptrdiff_t L, const ptrdiff_t *r, double t,
                       const double *const *W, double *const *G, double *E, double *crit,
                       double *w)
{
    (void)t;
    const ptrdiff_t d = r[0], p = r[L];
    double *R = w, *gw = w + work(o, d, p);
    const int status = ld_deep_gradient(L, r, (const double *)o->arg[0].data,
                                        (const double *)o->arg[1].data, W, G, E, R, gw);
    *crit = ld_small_sumsq((size_t)d * (size_t)p, R);
    return status;
}

const ld_objective ld_objective_moments = {"moments", work, check, grad, loss, factor_grad,
                                         NULL, 0};
