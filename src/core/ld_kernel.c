/* ld_kernel.c -- the kernel table in use (ld_kernel.h): one variant, chosen by
 * ld_cpu_variant when the library is loaded. */
#include <stdlib.h>
#include <string.h>
#include "ld_kernel.h"
#include "ld_cpu.h"

/* The core's one piece of load-time state: written by the constructor below, before any
 * caller exists, and read-only afterwards (no getenv on the hot path: at d = 8 one step
 * of eq. 5 takes ~0.1 us). */
static ld_kernel_table ld_kernel_active;

const ld_kernel_table *const ld_kernel = &ld_kernel_active;

__attribute__((constructor)) static void ld_kernel_select(void)
{
#if LD_KERNEL_X86
    static const ld_kernel_table *const variant[] = {
        [LD_VAR_BASE] = &ld_kernel_generic,
        [LD_VAR_AVX2] = &ld_kernel_avx2,
        [LD_VAR_AVX512] = &ld_kernel_avx512,
    };
    ld_kernel_active = *variant[ld_cpu_variant()];
#else
    ld_kernel_active = ld_kernel_generic;
#endif
    /* The skinny products split over the OpenMP threads only when the environment sets
     * OMP_WAIT_POLICY=passive: a step of eq. 5 is three parallel regions in a row, and
     * with libgomp's default spin-wait a waiting thread holds its core, so on a machine
     * with more runnable threads than cores each barrier can cost a scheduler time slice
     * (measured, 2 cores at load 8, 784-100-10: 16 ms per iteration on 2 spinning
     * threads, 1.8 ms on one thread, 1.2 ms on 2 passive threads). */
    const char *w = getenv("OMP_WAIT_POLICY");
    ld_kernel_active.threads = w != NULL && (strcmp(w, "passive") == 0
                                             || strcmp(w, "PASSIVE") == 0);
}
