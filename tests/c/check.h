/* Tiny assertion helpers shared by the C tests: count checks, report failures, finish with the
 * line "NAME: N passed, N failed". */
#ifndef YINSI_TEST_CHECK_H
#define YINSI_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

#include "yinsi.h"

static int check_passed, check_failed;
static unsigned char check_seen[1024]; /* statuses that CHECK_STATUS has seen returned */

#define CHECK(cond, ...)                                                                   \
    do {                                                                                   \
        if (cond) {                                                                        \
            check_passed++;                                                                \
        } else {                                                                           \
            check_failed++;                                                                \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                \
            fprintf(stderr, __VA_ARGS__);                                                  \
            fputc('\n', stderr);                                                           \
        }                                                                                  \
    } while (0)

/* A status check that names both statuses on failure. */
#define CHECK_STATUS(got, want)                                                            \
    do {                                                                                   \
        yinsi_status got_ = (got);                                                         \
        if ((unsigned)got_ < sizeof check_seen) check_seen[got_] = 1;                      \
        CHECK(got_ == (yinsi_status)(want), "got %s (%u), want %s", yinsi_status_name(got_), \
              (unsigned)got_, yinsi_status_name((uint32_t)(want)));                        \
    } while (0)

/* Byte-equality of a (pointer, length) result with a NUL-terminated or sized expectation. */
#define CHECK_BYTES(got, got_len, want, want_len)                                          \
    CHECK((got) && (got_len) == (want_len) && !memcmp((got), (want), (want_len)),          \
          "got \"%.*s\", want \"%.*s\"", (int)((got) ? (got_len) : 0), (got) ? (got) : "", \
          (int)(want_len), (want))

static int check_done(const char *name) {
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#define S(lit) (const uint8_t *)(lit), (sizeof(lit) - 1) /* a string literal as pointer + length */
#define SZ(s) (const uint8_t *)(s), strlen(s)            /* a C string as pointer + length */

#endif
