/* ld_assumption1.c -- eq. 13: U, V from the SVD of Sxy, free columns rotated to Sx's
 * eigenvectors, B = offdiag(U' Sx U), epsilon = ||B||_2. */
#include <math.h>
#include <string.h>
#include "ld_assumption1.h"
#include "ld_symeig.h"
#include "ld_blas.h"
#include "ld_gemm.h"

/* Layout: A (d*p) | T (d*d) | M (d*d) | Q (d*d) | Uw (d*d) | w (d) | LAPACK scratch. */
size_t ld_assumption1_work(ptrdiff_t d, ptrdiff_t p)
{
    const size_t dd = d > 0 ? (size_t)d : 0, pp = p > 0 ? (size_t)p : 0;
    const size_t se = ld_symeig_work(d), sv = ld_gesvd_work(dd, pp);
    return dd * pp + 4 * dd * dd + dd + (se > sv ? se : sv) + pp * pp;
}

/* ||S||_2 of the symmetric n x n matrix S (leading dimension lds), from its eigenvalues. */
static int sym_norm2(ptrdiff_t n, const double *S, ptrdiff_t lds, double *copy, double *w,
                     double *scratch, double *out)
{
    *out = 0.0;
    if (n == 0)
        return LD_OK;
    for (ptrdiff_t j = 0; j < n; ++j)
        memcpy(copy + j * n, S + j * lds, (size_t)n * sizeof(double));
    const int st = ld_symeig(n, copy, n, w, NULL, scratch);
    if (st == LD_OK)
        *out = fmax(fabs(w[0]), fabs(w[n - 1]));
    return st;
}

/* Scratch of rotate_group for groups of up to g columns: T (d x g), TV (p x g), M and Q
 * (g x g), w (g), and ld_symeig's. */
typedef struct {
    double *T, *TV, *M, *Q, *w, *scratch;
} rotate_scratch;

/* Rotate the g columns U(:, a:a+g-1) to the eigenvectors of Sx restricted to their span,
 * descending; the same rotation goes to V(:, a:a+g-1) when V != NULL. */
static int rotate_group(const ld_lsq *mom, ptrdiff_t a, ptrdiff_t g, double *U, double *V,
                        const rotate_scratch *s)
{
    const ptrdiff_t d = mom->d, p = mom->p;
    double *T = s->T, *M = s->M, *Q = s->Q;
    double *Ug = U + a * d;
    /* M = Ug' Sx Ug (g x g) */
    ld_symm(d, g, 1.0, mom->Sx, d, Ug, d, 0.0, T, d);
    ld_gemm_blas("T", "N", g, g, d, 1.0, Ug, d, T, d, 0.0, M, g);
    const int st = ld_symeig(g, M, g, s->w, Q, s->scratch);
    if (st != LD_OK)
        return st;
    /* Ug <- Ug Q through T */
    ld_gemm_blas("N", "N", d, g, g, 1.0, Ug, d, Q, g, 0.0, T, d);
    memcpy(Ug, T, (size_t)d * (size_t)g * sizeof(double));
    if (V != NULL) {
        double *Vg = V + a * p;
        ld_gemm_blas("N", "N", p, g, g, 1.0, Vg, p, Q, g, 0.0, s->TV, p);
        memcpy(Vg, s->TV, (size_t)p * (size_t)g * sizeof(double));
    }
    return LD_OK;
}

int ld_assumption1(const ld_lsq *mom, double tol, int full, ld_assumption1_result *res,
                   double *work)
{
    if (mom == NULL || res == NULL)
        return LD_EARG;
    const ptrdiff_t d = mom->d, p = mom->p;
    const double *Sx = mom->Sx, *Sxy = mom->Sxy;
    double *U = res->U, *V = res->V, *sigma = res->sigma, *lambda = res->lambda, *B = res->B;
    double *epsilon = res->epsilon;
    if (!ld_dims_ok(d, p)
        || (double)ld_gesvd_work((size_t)d, (size_t)p) > (double)LD_BLAS_INT_MAX)
        return LD_EDIM;
    if (!(tol >= 0.0) || !isfinite(tol))
        return LD_EARG;
    epsilon[0] = epsilon[1] = 0.0;
    res->rank_xy = 0;
    if (d == 0) { /* no inputs: V = I (Sxy has no rows, every sigma is absent) */
        if (p > 0 && V != NULL)
            for (ptrdiff_t j = 0; j < p; ++j)
                for (ptrdiff_t i = 0; i < p; ++i)
                    V[i + j * p] = i == j ? 1.0 : 0.0;
        return LD_OK;
    }
    const ptrdiff_t nout = full ? d : (d < p ? d : p); /* columns of U returned */
    if (Sx == NULL || work == NULL || (nout > 0 && (U == NULL || lambda == NULL || B == NULL))
        || (p > 0 && (Sxy == NULL || V == NULL || sigma == NULL)))
        return LD_EARG;

    const size_t dd = (size_t)d, pp = (size_t)p, mn = dd < pp ? dd : pp;
    double *A = work, *T = A + dd * pp, *M = T + dd * dd, *Q = M + dd * dd, *Uw = Q + dd * dd,
           *w = Uw + dd * dd, *scratch = w + dd;
    /* the columns of U that are returned and enter B: all d, or the thin m */
    const ptrdiff_t nc = full ? d : (ptrdiff_t)mn;
    const size_t ncol = (size_t)nc;
    const blas_int bd = (blas_int)d, bp = (blas_int)p;
    const rotate_scratch rs = {T, A, M, Q, w, scratch};
    int st;

    /* Sxy = U0 diag(sigma) V0' (full U0 d x d, V0 p x p); with p == 0, U0 = I. */
    if (p > 0) {
        const blas_int lwork = (blas_int)ld_gesvd_work(dd, pp);
        blas_int info = 0;
        double *Vt = scratch + lwork; /* p x p, after dgesvd's scratch */
        memcpy(A, Sxy, dd * pp * sizeof(double));
        LD_F77(dgesvd)("A", "A", &bd, &bp, A, &bd, sigma, Uw, &bd, Vt, &bp, scratch, &lwork,
                       &info);
        if (info != 0)
            return LD_ELAPACK;
        for (size_t i = 0; i < pp; ++i)
            for (size_t j = 0; j < pp; ++j)
                V[i + j * pp] = Vt[j + i * pp];
    } else {
        memset(Uw, 0, dd * dd * sizeof(double));
        for (size_t i = 0; i < dd; ++i)
            Uw[i + i * dd] = 1.0;
    }

    /* Rank and groups of tied singular values (chains of gaps <= tol * sigma_1). */
    const double cut = mn > 0 ? tol * sigma[0] : 0.0;
    ptrdiff_t r = 0;
    while ((size_t)r < mn && sigma[r] > cut)
        ++r;
    res->rank_xy = r;
    for (ptrdiff_t a = 0; a < r;) {
        ptrdiff_t b = a + 1;
        while (b < r && sigma[b - 1] - sigma[b] <= cut)
            ++b;
        if (b - a > 1 && (st = rotate_group(mom, a, b - a, Uw, V, &rs)) != LD_OK)
            return st;
        a = b;
    }
    /* Columns r+1..d (sigma = 0 and the completion): Sx's eigenvectors in their span.  The
     * thin decomposition needs them only when some of its m columns lie there (r < m). */
    if (d - r > 1 && (full || r < (ptrdiff_t)mn)
        && (st = rotate_group(mom, r, d - r, Uw, NULL, &rs)) != LD_OK)
        return st;
    if (ncol > 0)
        memcpy(U, Uw, dd * ncol * sizeof(double));

    /* U' Sx U = diag(lambda) + B (nc x nc), symmetrized to the bit. */
    if (nc > 0) {
        ld_symm(d, nc, 1.0, Sx, d, U, d, 0.0, T, d);
        ld_gemm_blas("T", "N", nc, nc, d, 1.0, U, d, T, d, 0.0, B, nc);
    }
    for (size_t j = 0; j < ncol; ++j) {
        lambda[j] = B[j + j * ncol];
        B[j + j * ncol] = 0.0;
        for (size_t i = j + 1; i < ncol; ++i) {
            const double m = 0.5 * (B[i + j * ncol] + B[j + i * ncol]);
            B[i + j * ncol] = B[j + i * ncol] = m;
        }
    }
    if (full && (st = sym_norm2(d, B, d, M, w, scratch, &epsilon[0])) != LD_OK)
        return st;
    if (!full)
        epsilon[0] = NAN; /* not computed */
    return sym_norm2((ptrdiff_t)mn, B, nc, M, w, scratch, &epsilon[1]);
}
