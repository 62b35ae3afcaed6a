/* ld_cpu.h -- which instruction-set variant of lindyn's vector kernels runs (the small
 * products, the skinny products, the sparse completion kernels): one rule for all. */
#ifndef LD_CPU_H
#define LD_CPU_H

enum { LD_VAR_BASE = 0, LD_VAR_AVX2 = 1, LD_VAR_AVX512 = 2 };

/* The best variant the CPU has (AVX-512F, else AVX2+FMA, else the baseline), unless
 * LINDYN_KERNEL asks for another: "generic" the baseline, "avx2" AVX2+FMA, "avx512"
 * AVX-512F, each when the CPU has it, else the best variant it has below the one asked
 * for (so the tests can run every variant the machine has, and the baseline on any
 * machine).  Any other value: the best.  Reads the environment and the CPU: meant for
 * the load-time constructors that fix each kernel's variant once, never the hot path.
 * Off x86-64 (or under clang) always LD_VAR_BASE. */
int ld_cpu_variant(void);

/* "avx512", "avx2" or "generic" for a variant. */
const char *ld_cpu_variant_name(int variant);

#endif /* LD_CPU_H */
