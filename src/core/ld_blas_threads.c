/* ld_blas_threads.c -- OpenBLAS's thread count through dlsym (for the parallel sweeps
 * of eq. 5): no link-time dependence on OpenBLAS, no state of our own. */
#include "ld_blas_threads.h"

#if defined(__unix__) || defined(__APPLE__)
#include <dlfcn.h>
#include <string.h>

int ld_blas_threads(int n)
{
    void *self = dlopen(NULL, RTLD_LAZY);
    if (self == NULL)
        return 0;
    void *pget = dlsym(self, "openblas_get_num_threads");
    void *pset = dlsym(self, "openblas_set_num_threads");
    int prev = 0;
    if (pget != NULL && pset != NULL) {
        int (*get)(void);
        void (*set)(int);
        /* object pointer -> function pointer, the way ISO C allows (POSIX guarantees
         * the representations agree) */
        memcpy(&get, &pget, sizeof get);
        memcpy(&set, &pset, sizeof set);
        prev = get();
        if (n > 0 && n != prev)
            set(n);
    }
    dlclose(self);
    return prev;
}

#else

int ld_blas_threads(int n)
{
    (void)n;
    return 0;
}

#endif
