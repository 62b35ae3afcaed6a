/* lindyn.h -- the C core of lindyn, indexed by the sections of Gidel, Bach and
 * Lacoste-Julien (NeurIPS 2019).  One header per concept; this one includes them all and
 * lists each entry point with the equation it computes.  Every function takes raw
 * column-major pointers with ptrdiff_t dimensions, returns an ld_status code, never
 * allocates (scratch from the caller, sized by the *_work query) and never prints.
 * A function with more than a few inputs takes them in structs: the problem's data
 * (ld_problem.h: ld_lsq; ld_gradient.h: ld_moments; ld_data, ld_mode_set), its options
 * (ld_<name>_opts) and, where it returns more than an array or two, its results
 * (ld_<name>_result), as LIBLINEAR's problem and parameter.
 * The MEX gateways (src/mex/) include this file. */
#ifndef LINDYN_H
#define LINDYN_H

/* ---- conventions ----------------------------------------------------------------------
 * ld_status.h          ld_status codes, ld_strerror, ld_dims_ok, ld_times_ok,
 *                      LD_MAX_EXACT_INT
 * ld_problem.h         ld_lsq (d, p, Sx, Sxy); a deep network's ld_moments (L, r, Sx, Sxy)
 *                      is ld_gradient.h's
 *
 * ---- section 2: a simple deep linear model ------------------------------------------------
 * ld_second_moments.h  ld_second_moments   Sx = X'X/n, Sxy = X'Y/n
 *                      ld_second_moments_any  the same for any numeric class (ld_data)
 * ld_min_norm_ls.h     ld_min_norm_ls      W* = pinv(Sx) Sxy, the least-norm minimiser of f
 *                      ld_pinv_rank, ld_pinv_tol, ld_pinv_apply: the one pinv rule
 * ld_rrr.h             ld_rrr              min-norm reduced-rank regression W^k (eq. 4)
 * ld_run.h             ld_run              gradient descent on W1 ... WL (eq. 5), recorded
 *                                          (the one runner: see the engine below)
 * ld_measures.h        ld_excess_loss      what is recorded: f(W) - f(W*), singular values,
 *                      ld_singular_values  distances to a path, the balance of eq. 12
 *                      ld_path_dist, ld_balance
 *
 * ---- section 3.1: continuous dynamics -----------------------------------------------------
 * ld_linear_closed.h   ld_linear_closed    L = 1 flow W(t) (Prop. 1, eq. 9); also eq. 21
 * ld_gradient.h        ld_deep_gradient    grad_{Wl} f (eq. 11)
 *                      ld_gd_step          one simultaneous step of eq. 5, fused
 * ld_chain.h           ld_chain_gradient   W_{1:l-1}' G W_{l+1:L}' for any G (eq. 11's rule)
 *                      ld_end_to_end       W = W1 ... WL
 * ld_flow_deep.h       ld_flow_deep        the flow of eq. 12 (Dormand-Prince 5(4))
 * ld_assumption1.h     ld_assumption1      Sx = U (Dx + B) U', Sxy = U Dxy V' (eq. 13)
 * ld_modes.h           ld_mode_flow        L = 2 modes under Assumption 1 (Thm. 1, eq. 16),
 *                                          of an ld_mode_set (m, sigma, lambda, w0)
 *
 * ---- section 3.2: discrete dynamics -------------------------------------------------------
 * ld_linear_closed.h   ld_linear_closed    L = 1 gradient descent W_t (eq. 21)
 * ld_modes.h           ld_mode_gd          L = 2 modes, the exact GD recursion (eq. 22)
 *                      ld_mode_gd_depth    the aligned modes of a depth-L network
 *                      ld_mode_gd_crossing first iteration a GD mode reaches a level
 * ld_mode_gd_bounds.h  ld_mode_gd_bounds   Thm. 3 bounds on the GD modes (eq. 23)
 *
 * ---- one trajectory engine for any objective and update rule (beyond the paper) ---------
 * ld_run.h             ld_run, ld_run_sweep  records, divergence, stopping rules, sweeps;
 *                                          an objective (loss, end-to-end gradient, optional
 *                                          fused forms) and an update rule (state per
 *                                          factor) from ld_run_table.h:
 *                      objectives          ld_objective_moments, _batch (mini-batch SGD,
 *                                          label noise), _completion, _sensing, _diagonal
 *                                          (w = u^D - v^D on E = [u, v])
 * ld_batch_rows.h      ld_batch_rows       the rows of step t's mini-batch (shared)
 *                      update rules        ld_update_gd, _momentum, _adam
 * ld_sparse.h          ld_sparse_dots, ld_sparse_combine: products of a gradient on a
 *                                          fixed set of entries (completion's step)
 *
 * ---- curvature and step sizes (beyond the paper) -----------------------------------------
 * ld_sharpness.h       ld_hessvec          exact Hessian-vector products of f (eq. 11 differentiated)
 *                      ld_sharpness        top Hessian eigenvalues by Lanczos (a stated
 *                                          residual tolerance; a warm start from a vector)
 *
 * ---- linear algebra under all of the above (not in the paper) ----------------------------
 * ld_gemm.h            ld_gemm, ld_gemm_blas, ld_symm, ld_syrk: every matrix product
 * ld_small.h           the small-product kernel behind ld_gemm, and the step at L = 2
 * ld_skinny.h          the skinny products behind ld_gemm (a dimension <= 32)
 * ld_kernel.h          the one table of the vector kernels' instruction-set variants
 *                      (small, skinny, sparse), chosen once at load time (ld_cpu.h)
 * ld_symeig.h          ld_symeig: the one symmetric eigensolver (dsyevd)
 * ld_blas.h            blas_int, LD_F77 and the BLAS/LAPACK prototypes
 * ld_blas_threads.h    OpenBLAS's thread count, set around the sweeps
 * ld_omp_threads.h     OpenMP's thread count, set in the workers of parallel sweeps
 */
#include "ld_status.h"
#include "ld_problem.h"
#include "ld_second_moments.h"
#include "ld_min_norm_ls.h"
#include "ld_rrr.h"
#include "ld_chain.h"
#include "ld_measures.h"
#include "ld_linear_closed.h"
#include "ld_gradient.h"
#include "ld_flow_deep.h"
#include "ld_assumption1.h"
#include "ld_modes.h"
#include "ld_mode_gd_bounds.h"
#include "ld_symeig.h"
#include "ld_blas_threads.h"
#include "ld_omp_threads.h"
#include "ld_sharpness.h"
#include "ld_run.h"
#include "ld_batch_rows.h"
#include "ld_sparse.h"

#endif /* LINDYN_H */
