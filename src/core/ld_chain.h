/* ld_chain.h -- the products along a chain of factors W1 W2 ... WL (widths r[0] = d,
 * r[1], ..., r[L] = p): the suffixes S_l = W_l ... W_L, the end-to-end W = W1 ... WL, and
 * eq. 11's factor gradients grad_{Wl} = W_{1:l-1}' G W_{l+1:L}' from an end-to-end
 * gradient G.  The one place that knows the scratch layout of a chain; the runner, the
 * fused moments step, the sparse completion step and the Hessian products use it. */
#ifndef LD_CHAIN_H
#define LD_CHAIN_H

#include <stddef.h>
#include "ld_status.h"

/* Every width is a valid dimension, and so are the products r[l] r[0] and r[l] r[L]. */
int ld_chain_ok(ptrdiff_t L, const ptrdiff_t *r);

/* Every factor with entries (r[l] r[l+1] > 0) has a pointer; W itself is not NULL. */
int ld_chain_factors_ok(ptrdiff_t L, const ptrdiff_t *r, const double *const *W);

/* Entries of all factors: sum_l r[l] r[l+1]. */
size_t ld_chain_size(ptrdiff_t L, const ptrdiff_t *r);

/* Doubles of the suffix products S_l = W_l ... W_L for 0-based factors l = 1..L-2
 * (r[l] p each; S for l = L-1 is W_L itself and is not stored). */
size_t ld_chain_suffix_size(ptrdiff_t L, const ptrdiff_t *r);

/* Doubles of one buffer of the left chain A_{l+1} = W_l' A_l: max over l = 1..L-1 of
 * r[l] p (0 for L = 1). */
size_t ld_chain_buf_size(ptrdiff_t L, const ptrdiff_t *r);

/* S_{l+1} = W_{l+1} ... W_L for 0-based factor l <= L-2: W[L-1] itself for l = L-2,
 * else its block of sbuf (filled by ld_chain_suffixes). */
const double *ld_chain_suffix(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                              const double *sbuf, ptrdiff_t l);

/* The suffix products into sbuf (ld_chain_suffix_size doubles), and E = W1 ... WL
 * (d x p) when E is not NULL.  L - 2 products (one more for E). */
void ld_chain_suffixes(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *sbuf,
                       double *E);

/* The left chain from the end-to-end gradient Gend: A_1 = Gend, A_{l+1} = W_l' A_l and
 * G[l] = A_l S_{l+1}' (G[L-1] = A_L), with the suffixes already in sbuf and A0, A1 two
 * buffers of ld_chain_buf_size doubles.  2L - 2 products. */
void ld_chain_left(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, const double *sbuf,
                   const double *Gend, double *const *G, double *A0, double *A1);

/* Doubles of scratch of ld_chain_gradient and ld_end_to_end (0 on bad widths). */
size_t ld_chain_work(ptrdiff_t L, const ptrdiff_t *r);

/* G[l] = W_{1:l-1}' Gend W_{l+1:L}' for every factor l (eq. 11's chain rule), work:
 * ld_chain_work doubles.  Returns LD_OK, LD_EDIM or LD_EARG. */
int ld_chain_gradient(ptrdiff_t L, const ptrdiff_t *r, const double *const *W,
                      const double *Gend, double *const *G, double *work);

/* E = W1 W2 ... WL (d x p), multiplied from the right; work: ld_chain_work doubles. */
int ld_end_to_end(ptrdiff_t L, const ptrdiff_t *r, const double *const *W, double *E,
                  double *work);

#endif /* LD_CHAIN_H */
