/* ld_rng.h -- a small counter-seeded random number generator for the stochastic
 * objectives: splitmix64 to seed, xoshiro256** (Blackman & Vigna 2018) to draw, and
 * Box-Muller for normal deviates.  The state is a value the caller owns (no global
 * state), so every trajectory of a sweep draws its own stream.  The streams are not
 * Octave's rand/randn streams. */
#ifndef LD_RNG_H
#define LD_RNG_H

#include <math.h>
#include <stdint.h>

typedef struct {
    uint64_t s[4];
} ld_rng;

static inline uint64_t ld_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* The stream for (seed, a, b): e.g. a = stream kind, b = step or epoch index.  Streams
 * of different (seed, a, b) are seeded by splitmix64 from a hash of the three. */
static inline void ld_rng_seed(ld_rng *g, uint64_t seed, uint64_t a, uint64_t b)
{
    uint64_t x = seed;
    uint64_t h = ld_splitmix64(&x);
    x = h ^ (a * 0xD1B54A32D192ED03ULL);
    h = ld_splitmix64(&x);
    x = h ^ (b * 0x8CB92BA72F3D8DD7ULL);
    for (int i = 0; i < 4; ++i)
        g->s[i] = ld_splitmix64(&x);
}

static inline uint64_t ld_rng_next(ld_rng *g)
{
    uint64_t *s = g->s;
    const uint64_t x = s[1] * 5, result = ((x << 7) | (x >> 57)) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return result;
}

/* uniform in [0, 1), 53 random bits */
static inline double ld_rng_uniform(ld_rng *g)
{
    return (double)(ld_rng_next(g) >> 11) * 0x1.0p-53;
}

/* uniform integer in [0, n), n >= 1 (rejection of the top 2^64 mod n values: unbiased) */
static inline uint64_t ld_rng_below(ld_rng *g, uint64_t n)
{
    const uint64_t lim = (uint64_t)(-n) % n;   /* 2^64 mod n */
    for (;;) {
        const uint64_t x = ld_rng_next(g);
        if (x >= lim)
            return x % n;
    }
}

/* n standard normal deviates into z (Box-Muller, pairs; an odd last one uses half a pair) */
static inline void ld_rng_normal(ld_rng *g, double *z, size_t n)
{
    const double twopi = 6.283185307179586476925286766559;
    for (size_t i = 0; i < n; i += 2) {
        const double u1 = 1.0 - ld_rng_uniform(g);   /* (0, 1] */
        const double u2 = ld_rng_uniform(g);
        const double rad = sqrt(-2.0 * log(u1));
        z[i] = rad * cos(twopi * u2);
        if (i + 1 < n)
            z[i + 1] = rad * sin(twopi * u2);
    }
}

#endif /* LD_RNG_H */
