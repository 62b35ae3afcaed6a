/* ld_cpu.c -- the kernel variant from the CPU's features and LINDYN_KERNEL (ld_cpu.h). */
#include <stdlib.h>
#include <string.h>
#include "ld_cpu.h"

int ld_cpu_variant(void)
{
#if defined(__x86_64__) && !defined(__clang__)
    const char *k = getenv("LINDYN_KERNEL");
    __builtin_cpu_init();   /* libgcc's constructor may not have run yet */
    const int has2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    const int has512 = has2 && __builtin_cpu_supports("avx512f");
    int want = LD_VAR_AVX512;
    if (k != NULL && strcmp(k, "generic") == 0)
        want = LD_VAR_BASE;
    else if (k != NULL && strcmp(k, "avx2") == 0)
        want = LD_VAR_AVX2;
    return want >= LD_VAR_AVX512 && has512 ? LD_VAR_AVX512
           : want >= LD_VAR_AVX2 && has2 ? LD_VAR_AVX2 : LD_VAR_BASE;
#else
    return LD_VAR_BASE;
#endif
}

const char *ld_cpu_variant_name(int variant)
{
    return variant == LD_VAR_AVX512 ? "avx512" : variant == LD_VAR_AVX2 ? "avx2" : "generic";
}
