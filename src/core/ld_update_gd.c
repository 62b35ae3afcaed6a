/* ld_update_gd.c -- gradient descent (eq. 5): W <- W - eta g.  No state. */
#include "ld_run.h"
#include "ld_small.h"
#include "ld_gemm.h"

static void step(const double *hyper, double t, size_t n, double eta, const double *g,
                 double *w, double *const *s)
{
    (void)hyper;
    (void)t;
    (void)s;
    ld_small_axpy(n, -eta, g, w);
}

static const char *const hypers[] = {NULL};

const ld_update ld_update_gd = {"gd", hypers, 0, NULL, step};
