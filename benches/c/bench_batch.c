/* The C side of the batch benchmark: yinsi_tokenize_batch over N mobile numbers, best of R rounds.
 * benches/c/run.sh runs it beside its Rust twin (ffi/examples/bench_batch.rs) on the same values
 * and prints the ratio. Environment: YINSI_BENCH_VALUES (default 200000), YINSI_BENCH_ROUNDS (5). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <yinsi.h>

static const unsigned prefixes[] = {130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 150, 151,
                                    152, 153, 155, 156, 157, 158, 159, 180, 181, 182, 183, 184,
                                    185, 186, 187, 188, 189};

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

int main(void) {
    size_t n = getenv("YINSI_BENCH_VALUES") ? strtoul(getenv("YINSI_BENCH_VALUES"), NULL, 10) : 200000;
    int rounds = getenv("YINSI_BENCH_ROUNDS") ? atoi(getenv("YINSI_BENCH_ROUNDS")) : 5;
    char *text = malloc(n * 12);
    const uint8_t **values = malloc(n * sizeof *values);
    size_t *lens = malloc(n * sizeof *lens);
    for (size_t i = 0; i < n; i++) {
        /* The same values as the Rust twin: prefix, then 8 digits from a multiplicative hash. */
        unsigned long long d = (unsigned long long)i * 2654435761ULL % 100000000ULL;
        snprintf(text + 12 * i, 12, "%u%08llu", prefixes[i % (sizeof prefixes / sizeof prefixes[0])], d);
        values[i] = (const uint8_t *)(text + 12 * i);
        lens[i] = 11;
    }
    yinsi_keyring *ring = NULL;
    yinsi_tokenizer *tk = NULL;
    if (yinsi_keyring_from_hex((const uint8_t *)"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 64,
                               &ring, NULL) ||
        yinsi_tokenizer_new(ring, NULL, &tk, NULL))
        return 1;
    yinsi_keyring_free(ring);
    const char ctx[] = "bench.phone";
    double best = 1e300;
    unsigned long long check = 0;
    for (int r = 0; r <= rounds; r++) { /* round 0 warms up */
        yinsi_batch *b = NULL;
        double t0 = now();
        if (yinsi_tokenize_batch(tk, YINSI_KIND_CN_MOBILE, values, lens, n, (const uint8_t *)ctx, sizeof ctx - 1, &b, NULL))
            return 1;
        for (size_t i = 0; i < b->count; i++) check += b->items[i].status == YINSI_STATUS_OK ? (unsigned char)b->items[i].value[10] : 1000;
        yinsi_batch_free(b);
        double dt = now() - t0;
        if (r > 0 && dt < best) best = dt;
    }
    yinsi_tokenizer_free(tk);
    free(text);
    free(values);
    free(lens);
    printf("c %zu %.1f %llu\n", n, best / (double)n, check / (unsigned long long)(rounds + 1));
    return 0;
}
