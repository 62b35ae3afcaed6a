/* ld_update_momentum.c -- heavy-ball momentum as PyTorch's SGD with momentum (dampening
 * 0, no Nesterov): v <- beta v + g, W <- W - eta v, v = 0 at the start (so the first
 * step is a gradient step, as PyTorch's v = g).  Hyper-parameter beta in [0, 1). */
#include <math.h>
#include "ld_run.h"

static int check(const double *h)
{
    return h[0] >= 0.0 && h[0] < 1.0 ? LD_OK : LD_EARG;
}

static void step(const double *h, double t, size_t n, double eta, const double *g,
                 double *w, double *const *s)
{
    (void)t;
    const double beta = h[0];
    double *v = s[0];
    for (size_t i = 0; i < n; ++i) {
        v[i] = beta * v[i] + g[i];
        w[i] -= eta * v[i];
    }
}

static const char *const hypers[] = {"beta", NULL};

const ld_update ld_update_momentum = {"momentum", hypers, 1, check, step};
