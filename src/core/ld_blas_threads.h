/* ld_blas_threads.h -- OpenBLAS's thread count, found at run time, so that the
 * trajectories of a sweep of eq. 5 (one per OpenMP thread) do not each start BLAS
 * threads of their own. */
#ifndef LD_BLAS_THREADS_H
#define LD_BLAS_THREADS_H

/* When the process's BLAS is OpenBLAS (openblas_get_num_threads and
 * openblas_set_num_threads found with dlsym in the global scope: never a link
 * requirement), sets its thread count to n (n >= 1) and returns the previous count;
 * otherwise (another BLAS, no dlopen on this platform) does nothing and returns 0.
 * n = 0 only queries.  The count is OpenBLAS's process-wide setting: callers restore
 * it (ld_gd_sweep does, around its parallel region). */
int ld_blas_threads(int n);

#endif /* LD_BLAS_THREADS_H */
