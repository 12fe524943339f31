/* One tokenizer handle hammered from 8 threads at once: every result must equal the
 * single-threaded one. Usage: test_threads [ROUNDS] */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>

#include "check.h"

#define THREADS 8
#define MOBILES 64

typedef struct {
    uint32_t kind;
    char value[64];
    char *token, *back, *mask, *pseudonym; /* the single-threaded results */
} job;

static const char *const fixed[][2] = {
    {"1", "11010519491231002X"}, {"1", "110105491231002"},  {"3", "0571-87654321"},
    {"3", "010-62345678"},       {"4", "6222021234567890128"}, {"4", "4111111111111111"},
    {"5", "zhang.san@example.com"}, {"5", "li@qq.com"},       {"6", "张三"},
    {"6", "欧阳娜娜"},           {"7", "浙江省杭州市西湖区文三路100号"}, {"7", "北京市朝阳区建国路88号"},
};

static job jobs[MOBILES + sizeof fixed / sizeof fixed[0]];
static size_t njobs;
static const yinsi_tokenizer *shared;
static const uint8_t *mobile_ptrs[MOBILES];
static size_t mobile_lens[MOBILES];
static yinsi_batch *expected_batch;
static int rounds = 20;

static const char CTX[] = "tenant-a/threads";

/* Runs every operation on a job; returns 0 when every call succeeded. */
static int run(const job *j, char **token, char **back, char **mask, char **pseudonym) {
    size_t len = strlen(j->value), tlen = 0;
    int bad = 0;
    bad |= yinsi_tokenize(shared, j->kind, (const uint8_t *)j->value, len, S(CTX), token, &tlen, NULL) != YINSI_STATUS_OK;
    if (!bad) bad |= yinsi_detokenize(shared, j->kind, (const uint8_t *)*token, tlen, S(CTX), back, NULL, NULL) != YINSI_STATUS_OK;
    bad |= yinsi_mask(shared, j->kind, (const uint8_t *)j->value, len, S("privacy_waybill"), mask, NULL, NULL) != YINSI_STATUS_OK;
    bad |= yinsi_pseudonymize(shared, j->kind, (const uint8_t *)j->value, len, S(CTX), pseudonym, NULL, NULL) != YINSI_STATUS_OK;
    return bad;
}

static int same(const char *a, const char *b) { return a && b && !strcmp(a, b); }

static void *worker(void *arg) {
    size_t id = (size_t)arg, mismatches = 0;
    for (int r = 0; r < rounds; r++) {
        for (size_t k = 0; k < njobs; k++) {
            const job *j = &jobs[(k + id * 7) % njobs]; /* each thread starts elsewhere */
            char *t = NULL, *b = NULL, *m = NULL, *p = NULL;
            int bad = run(j, &t, &b, &m, &p);
            if (bad || !same(t, j->token) || !same(b, j->back) || !same(m, j->mask) || !same(p, j->pseudonym)) {
                if (!mismatches)
                    fprintf(stderr, "thread %zu: %s %s: token %s/%s back %s/%s mask %s/%s pseudonym %s/%s\n", id,
                            yinsi_kind_name(j->kind), j->value, t, j->token, b, j->back, m, j->mask, p, j->pseudonym);
                mismatches++;
            }
            yinsi_string_free(t);
            yinsi_string_free(b);
            yinsi_string_free(m);
            yinsi_string_free(p);
        }
        yinsi_batch *batch = NULL;
        if (yinsi_tokenize_batch(shared, YINSI_KIND_CN_MOBILE, mobile_ptrs, mobile_lens, MOBILES, S(CTX), &batch, NULL) !=
                YINSI_STATUS_OK ||
            batch->count != MOBILES) {
            mismatches++;
        } else {
            for (size_t i = 0; i < MOBILES; i++) mismatches += !same(batch->items[i].value, expected_batch->items[i].value);
        }
        yinsi_batch_free(batch);
    }
    return (void *)mismatches;
}

int main(int argc, char **argv) {
    if (argc > 1) rounds = atoi(argv[1]);
    yinsi_keyring *ring = NULL;
    yinsi_tokenizer *tk = NULL;
    CHECK_STATUS(yinsi_keyring_from_hex(S("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"), &ring, NULL),
                 YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_tokenizer_new(ring, NULL, &tk, NULL), YINSI_STATUS_OK);
    yinsi_keyring_free(ring);
    shared = tk;

    for (size_t i = 0; i < MOBILES; i++) {
        job *j = &jobs[njobs++];
        j->kind = YINSI_KIND_CN_MOBILE;
        snprintf(j->value, sizeof j->value, "1%zu%zu%08zu", 3 + i % 7, i % 10, i * 7919 % 100000000);
        mobile_ptrs[i] = (const uint8_t *)j->value;
        mobile_lens[i] = strlen(j->value);
    }
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        job *j = &jobs[njobs++];
        j->kind = (uint32_t)atoi(fixed[i][0]);
        snprintf(j->value, sizeof j->value, "%s", fixed[i][1]);
    }
    /* The single-threaded reference. */
    for (size_t k = 0; k < njobs; k++) {
        job *j = &jobs[k];
        CHECK(run(j, &j->token, &j->back, &j->mask, &j->pseudonym) == 0, "%s %s failed", yinsi_kind_name(j->kind), j->value);
        if (j->kind != YINSI_KIND_EMAIL) CHECK(same(j->back, j->value), "round trip of %s", j->value);
    }
    CHECK_STATUS(yinsi_tokenize_batch(tk, YINSI_KIND_CN_MOBILE, mobile_ptrs, mobile_lens, MOBILES, S(CTX), &expected_batch, NULL),
                 YINSI_STATUS_OK);
    for (size_t i = 0; expected_batch && i < MOBILES; i++)
        CHECK(same(expected_batch->items[i].value, jobs[i].token), "batch item %zu differs from the single call", i);

    pthread_t threads[THREADS];
    for (size_t t = 0; t < THREADS; t++) CHECK(pthread_create(&threads[t], NULL, worker, (void *)t) == 0, "pthread_create");
    size_t total = 0;
    for (size_t t = 0; t < THREADS; t++) {
        void *mismatches = NULL;
        pthread_join(threads[t], &mismatches);
        total += (size_t)mismatches;
        CHECK((size_t)mismatches == 0, "thread %zu: %zu results differ from the single-threaded ones", t, (size_t)mismatches);
    }
    printf("test_threads: %d threads x %d rounds x %zu values (+ a %d-value batch per round)\n", THREADS, rounds, njobs, MOBILES);

    for (size_t k = 0; k < njobs; k++) {
        yinsi_string_free(jobs[k].token);
        yinsi_string_free(jobs[k].back);
        yinsi_string_free(jobs[k].mask);
        yinsi_string_free(jobs[k].pseudonym);
    }
    yinsi_batch_free(expected_batch);
    yinsi_tokenizer_free(tk);
    return check_done("test_threads");
}
