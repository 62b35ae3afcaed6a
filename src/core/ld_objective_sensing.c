/* ld_objective_sensing.c -- matrix sensing (Arora et al. 2019, Razin & Cohen 2020):
 * measurements y_i = <A_i, W>, l(W) = 1/2 mean_i (<A_i, W> - y_i)^2 with <A_i, W> =
 * A(i,:) * W(:) (column-major vec), grad l(W) = reshape (A' (A W(:) - y) / m, d, p),
 * Hessian dW -> reshape (A' A dW(:) / m, d, p).
 * Data: A (m x d p), y (m x 1).  Divergence size and recorded loss: l(W). */
#include <math.h>
#include "ld_run.h"
#include "ld_blas.h"

enum { A_, Y_ };
static const char *const arrays[] = {"A", "y", NULL};
static const char *const params[] = {NULL};

static size_t work(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    (void)d;
    (void)p;
    return o->arg != NULL && o->arg[A_].m >= 0 ? (size_t)o->arg[A_].m + 1 : 0;
}

static int check(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p)
{
    if (o->arg == NULL)
        return LD_EARG;
    const ld_array *A = o->arg + A_, *y = o->arg + Y_;
    if (A->type != LD_DOUBLE || y->type != LD_DOUBLE || A->m < 1 || A->n != d * p
        || y->m * y->n != A->m || A->data == NULL || y->data == NULL
        || !ld_dims_ok(A->m, A->n) || d * p < 1)
        return LD_EARG;
    return LD_OK;
}

/* r = A vec(E) - y; returns 1/2 mean r^2 */
static double resid(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *r)
{
    const blas_int m = (blas_int)o->arg[A_].m, n = (blas_int)(d * p), one = 1;
    const double *y = (const double *)o->arg[Y_].data;
    const double a = 1.0, b = -1.0;
    for (blas_int i = 0; i < m; ++i)
        r[i] = y[i];
    LD_F77(dgemv)("N", &m, &n, &a, (const double *)o->arg[A_].data, &m, E, &one, &b, r, &one);
    double s = 0.0;
    for (blas_int i = 0; i < m; ++i)
        s += r[i] * r[i];
    return 0.5 * s / (double)m;
}

static int grad(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, double t, const double *E,
                double *G, double *crit, double *w)
{
    (void)t;
    const blas_int m = (blas_int)o->arg[A_].m, n = (blas_int)(d * p), one = 1;
    const double a = 1.0 / (double)m, b = 0.0;
    *crit = resid(o, d, p, E, w);
    LD_F77(dgemv)("T", &m, &n, &a, (const double *)o->arg[A_].data, &m, w, &one, &b, G, &one);
    return LD_OK;
}

static int loss(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E, double *f,
                double *w)
{
    *f = resid(o, d, p, E, w);
    return LD_OK;
}

static int hess(const ld_objdata *o, ptrdiff_t d, ptrdiff_t p, const double *E,
                const double *dE, double *out, double *w)
{
    (void)E;   /* quadratic in E: the same Hessian everywhere */
    const blas_int m = (blas_int)o->arg[A_].m, n = (blas_int)(d * p), one = 1;
    const double *A = (const double *)o->arg[A_].data;
    const double a1 = 1.0, a = 1.0 / (double)m, b = 0.0;
    LD_F77(dgemv)("N", &m, &n, &a1, A, &m, dE, &one, &b, w, &one);
    LD_F77(dgemv)("T", &m, &n, &a, A, &m, w, &one, &b, out, &one);
    return LD_OK;
}

const ld_objective ld_objective_sensing = {"sensing", arrays, params, work, check, grad, loss,
                                           NULL, NULL, NULL, hess, NULL, 0, NULL, NULL};
