/* ld_objective_moments.c -- least squares through the second moments (section 2):
 * l(W) = 1/2 tr(W' Sx W) - tr(W' Sxy) + const, grad l(W) = Sx W - Sxy; the factor
 * gradients by the fused ld_deep_gradient (eq. 11, 3L - 2 products) and plain gradient
 * descent by the fused ld_gd_step (eq. 5).  Recorded loss: the excess loss
 * 1/2 tr((W - W*)' Sx (W - W*)).  Divergence size: ||Sx W - Sxy||_F^2. */
#include <string.h>
#include "ld_run.h"
#include "ld_gradient.h"
#include "ld_measures.h"
#include "ld_small.h"
#include "ld_gemm.h"

enum { SX, SXY, WSTAR };
static const char *const arrays[] = {"Sx", "Sxy", "Wstar", NULL};
static const char *const params[] = {NULL};

static int is_double(const ld_array *a, ptrdiff_t m, ptrdiff_t n)
{
    return a->type == LD_DOUBLE && a->m == m && a->n == n && (m * n == 0 || a->data != NULL);
}

static const double *Sx(const ld_objdata *o) { return (const double *)o->arg[SX].data; }
static const double *Sxy(const ld_objdata *o) { return (const double *)o->arg[SXY].data; }

static size_t work(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    (void)o;
    const size_t m = ld_measures_work(d, p);
    return m == 0 ? 0 : m + (size_t)d * (size_t)p;
}

static int check(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->arg == NULL || !is_double(o->arg + SX, d, d) || !is_double(o->arg + SXY, d, p)
        || !is_double(o->arg + WSTAR, d, p))
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
        memcpy(G, Sxy(o), dp * sizeof(double));
    ld_gemm("N", "N", d, p, d, 1.0, Sx(o), d, E, d, -1.0, G, d);
    *crit = ld_small_sumsq(dp, G);
    return LD_OK;
}

static int loss(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *f,
                double *w)
{
    return ld_excess_loss(d, p, E, Sx(o), (const double *)o->arg[WSTAR].data, f, w);
}

static int factor_grad(const ld_objdata *o, const ld_point *x, double *const *G, double *E,
                       double *crit, double *w)
{
    const ptrdiff_t d = x->r[0], p = x->r[x->L];
    const ld_moments m = {x->L, x->r, Sx(o), Sxy(o)};
    double *R = w;
    const int status = ld_deep_gradient(&m, (const double *const *)x->W, G, E, R, x->fwork);
    *crit = ld_small_sumsq((size_t)d * (size_t)p, R);
    return status;
}

static int fused_step(const ld_objdata *o, const ld_point *x, double eta, double cmax,
                      double *E, double *crit)
{
    const ld_moments m = {x->L, x->r, Sx(o), Sxy(o)};
    return ld_gd_step(&m, eta, cmax, x->W, E, crit, x->fwork);
}

static int hess(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                const double *dE, double *out, double *w)
{
    (void)E;   /* quadratic in E: the same Hessian everywhere */
    (void)w;
    ld_gemm("N", "N", d, p, d, 1.0, Sx(o), d, dE, d, 0.0, out, d);
    return LD_OK;
}

const ld_objective ld_objective_moments = {"moments", arrays, params, work, check, grad, loss,
                                           factor_grad, NULL, fused_step, hess, NULL, 0, NULL, NULL};
