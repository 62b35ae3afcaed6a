/* ld_run.c -- the trajectory runner: gradients of any objective through eq. 11's chain
 * rule, grad_{Wl} = W_{1:l-1}' grad l(W) W_{l+1:L}', any update rule, records of
 * W = W1...WL at chosen iterations, divergence, and sweeps over step sizes. */
#include <math.h>
#include <string.h>
#include "ld_run.h"
#include "ld_run_table.h"
#include "ld_gradient.h"
#include "ld_measures.h"
#include "ld_blas_threads.h"
#include "ld_small.h"
#include "ld_gemm.h"
#ifdef _OPENMP
#include <omp.h>
#endif

#define LD_OBJECTIVE_ENTRY(name) &ld_objective_##name,
#define LD_UPDATE_ENTRY(name) &ld_update_##name,
static const ld_objective *const objectives[] = {LD_OBJECTIVE_LIST(LD_OBJECTIVE_ENTRY) NULL};
static const ld_update *const updates[] = {LD_UPDATE_LIST(LD_UPDATE_ENTRY) NULL};

const ld_objective *ld_objective_find(const char *name)
{
    for (int i = 0; name != NULL && objectives[i] != NULL; ++i)
        if (strcmp(objectives[i]->name, name) == 0)
            return objectives[i];
    return NULL;
}

const ld_update *ld_update_find(const char *name)
{
    for (int i = 0; name != NULL && updates[i] != NULL; ++i)
        if (strcmp(updates[i]->name, name) == 0)
            return updates[i];
    return NULL;
}

double ld_effective_rank(ptrdiff_t n, const double *s)
{
    double tot = 0.0;
    for (ptrdiff_t i = 0; i < n; ++i)
        tot += s[i];
    if (!(tot > 0.0))
        return 0.0;
    double h = 0.0;
    for (ptrdiff_t i = 0; i < n; ++i) {
        const double q = s[i] / tot;
        if (q > 0.0)
            h -= q * log(q);
    }
    return exp(h);
}

static int chain_ok(ptrdiff_t L, const ptrdiff_t *r)
{
    if (L < 1 || r == NULL)
        return 0;
    for (ptrdiff_t l = 0; l <= L; ++l)
        if (!ld_dims_ok(r[l], r[l]) || !ld_dims_ok(r[l] * r[0], r[l] * r[L]))
            return 0;
    return 1;
}

/* Scratch of the chain rule: suffix products S_l = W_l ... W_L for 0-based l = 1..L-2
 * (r[l] p each) and two buffers of the left chain (max r[l] p, l = 1..L-1). */
static size_t suffix_size(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t s = 0;
    for (ptrdiff_t l = 1; l + 1 < L; ++l)
        s += (size_t)r[l] * (size_t)r[L];
    return s;
}

static size_t chain_buf(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t m = 0;
    for (ptrdiff_t l = 1; l < L; ++l)
        if ((size_t)r[l] * (size_t)r[L] > m)
            m = (size_t)r[l] * (size_t)r[L];
    return m;
}

size_t ld_chain_work(ptrdiff_t L, const ptrdiff_t *r)
{
    if (!chain_ok(L, r))
        return 0;
    return suffix_size(L, r) + 2 * chain_buf(L, r) + 1;
}

/* W_{l+1} ... W_L (0-based factors l+1..L-1) for l <= L-2 */
static const double *suffix(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                            const double *sbuf, ptrdiff_t l)
{
    if (l + 2 == L)
        return W[L - 1];
    size_t off = 0;
    for (ptrdiff_t j = 1; j < l + 1; ++j)
        off += (size_t)r[j] * (size_t)r[L];
    return sbuf + off;
}

/* The suffix products, and E = W1 ... WL when E != NULL. */
static void suffixes(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *sbuf,
                     double *E)
{
    const ptrdiff_t d = r[0], p = r[L];
    for (ptrdiff_t l = L - 3; l >= 0; --l)
        ld_gemm("N", "N", r[l + 1], p, r[l + 2], 1.0, W[l + 1], r[l + 1],
                suffix(L, r, W, sbuf, l + 1), r[l + 2], 0.0,
                (double *)suffix(L, r, W, sbuf, l), r[l + 1]);
    if (E == NULL)
        return;
    if (L == 1) {
        if ((size_t)d * (size_t)p > 0)
            memcpy(E, W[0], (size_t)d * (size_t)p * sizeof(double));
    } else {
        ld_gemm("N", "N", d, p, r[1], 1.0, W[0], d, suffix(L, r, W, sbuf, 0), r[1], 0.0, E, d);
    }
}

/* The left chain A_1 = Gend, A_{l+1} = W_l' A_l and G_l = A_l S_{l+1}' (G_L = A_L),
 * with the suffix products already in sbuf. */
static void left_chain(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                       const double *sbuf, const double *Gend, double *const *G,
                       double *A0, double *A1)
{
    const ptrdiff_t p = r[L];
    const double *A = Gend;
    for (ptrdiff_t l = 0; l < L; ++l) {
        const ptrdiff_t m = r[l], n = r[l + 1];
        if (l + 1 < L) {
            double *An = (l % 2 == 0) ? A0 : A1;
            ld_gemm("T", "N", n, p, m, 1.0, W[l], m, A, m, 0.0, An, n);
            ld_gemm("N", "T", m, n, p, 1.0, A, m, suffix(L, r, W, sbuf, l), n, 0.0, G[l], m);
            A = An;
        } else if ((size_t)m * (size_t)n > 0) {
            memcpy(G[l], A, (size_t)m * (size_t)n * sizeof(double));
        }
    }
}

int ld_chain_gradient(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                      const double *Gend, double *const *G, double *work)
{
    if (!chain_ok(L, r))
        return LD_EDIM;
    if (W == NULL || G == NULL || work == NULL || ((size_t)r[0] * (size_t)r[L] > 0 && Gend == NULL))
        return LD_EARG;
    for (ptrdiff_t l = 0; l < L; ++l)
        if (r[l] > 0 && r[l + 1] > 0 && (W[l] == NULL || G[l] == NULL))
            return LD_EARG;
    double *A0 = work + suffix_size(L, r), *A1 = A0 + chain_buf(L, r);
    suffixes(L, r, W, work, NULL);
    left_chain(L, r, W, work, Gend, G, A0, A1);
    return LD_OK;
}

/* ---- the runner ---------------------------------------------------------------- */

static size_t factor_total(ptrdiff_t L, const ptrdiff_t *r)
{
    size_t s = 0;
    for (ptrdiff_t l = 0; l < L; ++l)
        s += (size_t)r[l] * (size_t)r[l + 1];
    return s;
}

/* Scratch layout: E (dp), Gend (dp), factor gradients (sum r_l r_{l+1}), chain scratch,
 * all singular values (min(d, p)), measures scratch, objective scratch (+ the fused
 * gradient's scratch when the objective has one). */
static size_t obj_work(const ld_run_spec *s)
{
    const ptrdiff_t d = s->r[0], p = s->r[s->L];
    size_t w = s->obj->work(s->data, d, p);
    if (w == 0)
        return 0;
    if (s->obj->factor_grad != NULL) {
        const size_t g = s->obj->factor_work != NULL ? s->obj->factor_work(s->data, s->L, s->r)
                                                     : ld_gradient_work(s->L, s->r);
        if (g == 0)
            return 0;
        w += g;
    }
    return w;
}

int ld_run_check(const ld_run_spec *s)
{
    if (s == NULL || s->obj == NULL || s->data == NULL || s->upd == NULL)
        return LD_EARG;
    if (!chain_ok(s->L, s->r))
        return LD_EDIM;
    if (s->upd->nhyper > 0 && s->hyper == NULL)
        return LD_EARG;
    int status = s->obj->check(s->data, s->r[0], s->r[s->L]);
    if (status != LD_OK)
        return status;
    if (s->upd->check != NULL && (status = s->upd->check(s->hyper)) != LD_OK)
        return status;
    return ld_run_work(s) == 0 ? LD_EDIM : LD_OK;
}

size_t ld_run_work(const ld_run_spec *s)
{
    if (s == NULL || s->obj == NULL || s->data == NULL || !chain_ok(s->L, s->r))
        return 0;
    const ptrdiff_t d = s->r[0], p = s->r[s->L];
    const size_t dp = (size_t)d * (size_t)p;
    const size_t m = ld_measures_work(d, p), o = obj_work(s);
    if (m == 0 || o == 0)
        return 0;
    return 2 * dp + factor_total(s->L, s->r) + ld_chain_work(s->L, s->r)
           + (size_t)(d < p ? d : p) + m + o;
}

typedef struct {
    double *E, *Gend, *Gf, *sbuf, *A0, *A1, *s, *mwork, *owork;
} layout;

static layout carve(const ld_run_spec *s, double *work)
{
    const ptrdiff_t L = s->L, d = s->r[0], p = s->r[L];
    const size_t dp = (size_t)d * (size_t)p;
    layout w;
    w.E = work;
    w.Gend = w.E + dp;
    w.Gf = w.Gend + dp;
    w.sbuf = w.Gf + factor_total(L, s->r);
    w.A0 = w.sbuf + suffix_size(L, s->r);
    w.A1 = w.A0 + chain_buf(L, s->r);
    w.s = w.A1 + chain_buf(L, s->r) + 1;
    w.mwork = w.s + (d < p ? d : p);
    w.owork = w.mwork + ld_measures_work(d, p);
    return w;
}

static int take_record(const ld_run_spec *s, const ld_run_record *rec, ptrdiff_t j,
                       const layout *w)
{
    const ptrdiff_t d = s->r[0], p = s->r[s->L], mn = d < p ? d : p;
    const size_t dp = (size_t)d * (size_t)p;
    int status;
    if (rec->snap != NULL && dp > 0)
        memcpy(rec->snap + (size_t)j * dp, w->E, dp * sizeof(double));
    if (rec->loss != NULL
        && (status = s->obj->loss(s->data, d, p, w->E, rec->loss + j, w->owork)) != LD_OK)
        return status;
    const int want_sv = rec->nuclear != NULL || rec->erank != NULL || (rec->sv != NULL && rec->nsv > 0);
    double nuc = 0.0;
    if ((status = ld_measures(d, p, w->E, NULL, NULL, NULL, rec->fro2 ? rec->fro2 + j : NULL,
                              want_sv ? &nuc : NULL, want_sv ? mn : 0, w->s,
                              rec->dist ? rec->npath : 0, rec->path,
                              rec->dist ? rec->dist + (size_t)j * (size_t)rec->npath : NULL,
                              w->mwork)) != LD_OK)
        return status;
    if (rec->nuclear != NULL)
        rec->nuclear[j] = nuc;
    if (rec->erank != NULL)
        rec->erank[j] = ld_effective_rank(mn, w->s);
    if (rec->sv != NULL)
        for (ptrdiff_t i = 0; i < rec->nsv; ++i)
            rec->sv[(size_t)j * (size_t)rec->nsv + (size_t)i] = i < mn ? w->s[i] : 0.0;
    return LD_OK;
}

/* The factor gradients at W (into w->Gf), E = W1...WL and crit. */
static int gradients(const ld_run_spec *s, double t, double *const *W, double *const *G,
                     const layout *w, double *crit)
{
    const ptrdiff_t L = s->L, d = s->r[0], p = s->r[L];
    const double *const *Wc = (const double *const *)W;
    if (s->obj->factor_grad != NULL)
        return s->obj->factor_grad(s->data, L, s->r, t, Wc, G,
                                   (s->obj->factor_flags & LD_FG_NO_E) ? NULL : w->E, crit,
                                   w->owork);
    suffixes(L, s->r, Wc, w->sbuf, w->E);
    const int status = s->obj->grad(s->data, d, p, t, w->E, w->Gend, crit, w->owork);
    if (status != LD_OK)
        return status;
    left_chain(L, s->r, Wc, w->sbuf, w->Gend, G, w->A0, w->A1);
    return LD_OK;
}

#define LD_RUN_MAXL 4096

int ld_run(const ld_run_spec *s, double eta, double *const *W, double *const *S,
           double t0, ptrdiff_t iters, double cmax, const ld_run_record *rec,
           ptrdiff_t *nrec_done, ptrdiff_t *diverged_at, double *work)
{
    if (s == NULL || s->obj == NULL || s->upd == NULL || !chain_ok(s->L, s->r))
        return LD_EDIM;
    const ptrdiff_t L = s->L, *r = s->r, ns = s->upd->nstate;
    if (iters < 0 || nrec_done == NULL || diverged_at == NULL || work == NULL || W == NULL
        || (ns > 0 && S == NULL) || !isfinite(eta) || isnan(cmax) || !(t0 >= 0.0)
        || L > LD_RUN_MAXL)
        return LD_EARG;
    ptrdiff_t nrec = 0;
    if (rec != NULL) {
        nrec = rec->nrec;
        if (nrec < 0 || (nrec > 0 && rec->at == NULL) || rec->nsv < 0 || rec->npath < 0
            || (rec->dist != NULL && rec->npath > 0 && r[0] > 0 && r[L] > 0 && rec->path == NULL))
            return LD_EARG;
        for (ptrdiff_t j = 0; j < nrec; ++j)
            if (rec->at[j] < 0 || rec->at[j] > iters || (j > 0 && rec->at[j] <= rec->at[j - 1]))
                return LD_EARG;
    }
    const layout w = carve(s, work);
    /* pointers to the factor gradients: a fixed-size array on the stack (L is bounded) */
    double *G[LD_RUN_MAXL];
    {
        double *g = w.Gf;
        for (ptrdiff_t l = 0; l < L; ++l) {
            G[l] = g;
            g += (size_t)r[l] * (size_t)r[l + 1];
        }
    }
    *nrec_done = 0;
    *diverged_at = -1;
    /* objectives may cache in their scratch (the batch objective's permutation): zeroed
     * once per call, so a call never depends on what a previous call left there */
    memset(w.owork, 0, obj_work(s) * sizeof(double));
    ptrdiff_t rmin = r[0], rmx = r[0];
    for (ptrdiff_t l = 1; l <= L; ++l) {
        rmin = r[l] < rmin ? r[l] : rmin;
        rmx = r[l] > rmx ? r[l] : rmx;
    }
    /* as ld_gd_run: skinny products above LD_SMALL_MAX run single-threaded; so do the
     * products of an objective that runs them on the OpenMP threads itself */
    const int skinny = L >= 2 && rmin <= 32 && rmx > LD_SMALL_MAX && iters > 0;
    const int own = (s->obj->factor_flags & LD_FG_THREADS) && rmx <= LD_RUN_BLAS1_MAX
                    && iters > 0;
    const int blas_prev = skinny || own ? ld_blas_threads(1) : 0;
    /* the objective's step does not form W: the records form it */
    const int form_E = (s->obj->factor_flags & LD_FG_NO_E) != 0;
    int status = LD_OK;
    ptrdiff_t j = 0;
    for (ptrdiff_t k = 0; k <= iters; ++k) {
        const int rec_here = j < nrec && rec->at[j] == k;
        if (k == iters) {
            if (rec_here) {
                suffixes(L, r, (const double *const *)W, w.sbuf, w.E);
                if ((status = take_record(s, rec, j, &w)) != LD_OK)
                    break;
                ++j;
            }
            break;
        }
        double crit = 0.0;
        if ((status = gradients(s, t0 + (double)k, W, G, &w, &crit)) != LD_OK)
            break;
        if (!isfinite(crit) || crit > cmax) {
            *diverged_at = k;
            status = LD_EDIVERGED;
            break;
        }
        if (rec_here) {
            if (form_E)
                suffixes(L, r, (const double *const *)W, w.sbuf, w.E);
            if ((status = take_record(s, rec, j, &w)) != LD_OK)
                break;
            ++j;
        }
        for (ptrdiff_t l = 0; l < L; ++l) {
            const size_t n = (size_t)r[l] * (size_t)r[l + 1];
            if (n > 0)
                s->upd->step(s->hyper, t0 + (double)k + 1.0, n, eta, G[l], W[l],
                             ns > 0 ? S + l * ns : NULL);
        }
    }
    if (blas_prev > 1)
        ld_blas_threads(blas_prev);
    if (status == LD_OK || status == LD_EDIVERGED)
        *nrec_done = j;
    return status;
}

int ld_run_sweep(const ld_run_spec *s, ptrdiff_t K, const double *eta, double *const *W,
                 double *const *S, double t0, ptrdiff_t iters, const double *cmax,
                 const ld_run_record *rec, ptrdiff_t *nrec_done, ptrdiff_t *diverged_at,
                 int *status, double *work)
{
    int st = ld_run_check(s);
    if (st != LD_OK)
        return st;
    const size_t w = ld_run_work(s);
    const ptrdiff_t L = s->L, ns = s->upd->nstate;
    if (K < 0 || (K > 0 && (eta == NULL || W == NULL || cmax == NULL || nrec_done == NULL
                            || diverged_at == NULL || status == NULL || work == NULL
                            || (ns > 0 && S == NULL))))
        return LD_EARG;
    int blas_prev = 0;
#ifdef _OPENMP
    if (K > 1 && omp_get_max_threads() > 1)
        blas_prev = ld_blas_threads(1);
#pragma omp parallel for schedule(dynamic, 1) if (K > 1)
#endif
    for (ptrdiff_t k = 0; k < K; ++k)
        status[k] = ld_run(s, eta[k], W + k * L, ns > 0 ? S + k * L * ns : NULL, t0, iters,
                           cmax[k], rec != NULL ? rec + k : NULL, nrec_done + k,
                           diverged_at + k, work + (size_t)k * w);
    if (blas_prev > 1)
        ld_blas_threads(blas_prev);
    for (ptrdiff_t k = 0; k < K; ++k)
        if (status[k] != LD_OK && status[k] != LD_EDIVERGED)
            return status[k];
    return LD_OK;
}
