/* ld_omp_threads.h -- OpenMP's thread count for the calling thread (omp_set_num_threads),
 * so that a process running one of many trajectories side by side (a worker of a
 * parallel sweep of eq. 5) starts no more threads than it was given. */
#ifndef LD_OMP_THREADS_H
#define LD_OMP_THREADS_H

/* Sets the number of threads the calling thread's next parallel regions use to n
 * (n >= 1; the nthreads-var of OpenMP, which OMP_NUM_THREADS sets at start-up) and
 * returns the previous omp_get_max_threads (); n = 0 only queries.  Without OpenMP
 * does nothing and returns 0.  The count belongs to the OpenMP runtime, not to lindyn:
 * callers that change it for a while restore it. */
int ld_omp_threads(int n);

#endif /* LD_OMP_THREADS_H */
