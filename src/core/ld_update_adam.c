/* ld_update_adam.c -- Adam (Kingma & Ba 2015) as PyTorch's torch.optim.Adam (no weight
 * decay, no amsgrad): m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g.^2, and with the bias
 * corrections c1 = 1 - b1^t, c2 = 1 - b2^t,
 *   W <- W - (eta / c1) m ./ (sqrt(v) / sqrt(c2) + epsilon)
 * (PyTorch's order of operations).  Hyper-parameters beta1 (b1), beta2 (b2), epsilon;
 * state: m, v. */
#include <math.h>
#include "ld_run.h"

static int check(const double *h)
{
    return h[0] >= 0.0 && h[0] < 1.0 && h[1] >= 0.0 && h[1] < 1.0 && h[2] >= 0.0
                   && isfinite(h[2])
               ? LD_OK
               : LD_EARG;
}

static void step(const double *h, double t, size_t n, double eta, const double *g,
                 double *w, double *const *s)
{
    const double b1 = h[0], b2 = h[1], eps = h[2];
    const double c1 = 1.0 - pow(b1, t), c2 = 1.0 - pow(b2, t);
    const double a = eta / c1, sc2 = sqrt(c2);
    double *m = s[0], *v = s[1];
    for (size_t i = 0; i < n; ++i) {
        m[i] = b1 * m[i] + (1.0 - b1) * g[i];
        v[i] = b2 * v[i] + (1.0 - b2) * g[i] * g[i];
        w[i] -= a * m[i] / (sqrt(v[i]) / sc2 + eps);
    }
}

static const char *const hypers[] = {"beta1", "beta2", "epsilon", NULL};

const ld_update ld_update_adam = {"adam", hypers, 2, check, step};
