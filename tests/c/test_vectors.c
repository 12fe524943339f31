/* The shared vectors (the files in tests/vectors/) through the C ABI: every result must be byte-identical
 * to what the Rust tests pinned. Usage: test_vectors VECTORS_DIR */
#include <stdlib.h>

#include "check.h"
#include "json.h"

static const char *dir;

static int load(const char *name, jval *doc) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int ok = j_read_file(path, doc);
    CHECK(ok, "cannot read %s", path);
    return ok;
}

static yinsi_keyring *doc_keyring(const jval *doc) {
    size_t len = 0;
    const char *text = j_str(doc, "keyring", &len);
    yinsi_keyring *ring = NULL;
    CHECK(text != NULL, "vector file without a keyring");
    if (text) CHECK_STATUS(yinsi_keyring_from_text((const uint8_t *)text, len, &ring, NULL), YINSI_STATUS_OK);
    return ring;
}

static uint32_t kind_of(const char *name) {
    uint32_t kind = 0;
    CHECK_STATUS(yinsi_kind_from_name(SZ(name), &kind, NULL), YINSI_STATUS_OK);
    return kind;
}

/* Compares a string result with the expected one and frees it. */
static void expect(yinsi_status status, yinsi_error *err, char *got, size_t got_len, const char *want, size_t want_len,
                   const char *what, size_t case_no) {
    CHECK(status == YINSI_STATUS_OK, "%s case %zu: %s (%s)", what, case_no, yinsi_status_name(status),
          yinsi_error_message(err));
    if (status == YINSI_STATUS_OK) {
        CHECK(strlen(got) == got_len, "%s case %zu: NUL inside or wrong length", what, case_no);
        CHECK(got_len == want_len && !memcmp(got, want, want_len), "%s case %zu: got \"%s\", want \"%.*s\"", what,
              case_no, got, (int)want_len, want);
    }
    yinsi_string_free(got);
    yinsi_error_free(err);
}

/* Tokenizers by options: default, the cn_id modes of kinds.json, and cards keeping the last four. */
enum { TK_DEFAULT, TK_PROVINCE, TK_REGION, TK_YEAR_GENDER, TK_CARD_LAST4, TK_COUNT };

static void kinds(void) {
    jval doc;
    if (!load("kinds.json", &doc)) return;
    yinsi_keyring *ring = doc_keyring(&doc);
    yinsi_tokenizer *tk[TK_COUNT] = {0};
    for (int i = 0; i < TK_COUNT; i++) {
        yinsi_options o = {0};
        o.id_keep_province = i == TK_PROVINCE;
        o.id_keep_region = i == TK_REGION;
        o.id_keep_birth_year = o.id_keep_gender = i == TK_YEAR_GENDER;
        o.card_keep_last4 = i == TK_CARD_LAST4;
        CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk[i], NULL), YINSI_STATUS_OK);
    }
    yinsi_keyring_free(ring); /* the tokenizers keep their own reference */

    const jval *cases = j_get(&doc, "cases");
    CHECK(cases && cases->type == J_ARR && cases->n > 100, "kinds.json: no cases");
    size_t counted[8] = {0};
    for (size_t i = 0; cases && i < cases->n; i++) {
        const jval *c = &cases->items[i];
        const char *op = j_str(c, "op", NULL), *keep = j_str(c, "id_keep", NULL);
        uint32_t kind = kind_of(j_str(c, "kind", NULL));
        size_t in_len = 0, out_len = 0, ctx_len = 0;
        const char *in = j_str(c, "input", &in_len), *want = j_str(c, "output", &out_len);
        const char *ctx = j_str(c, "context", &ctx_len);
        const jval *version = j_get(c, "version"), *last4 = j_get(c, "card_keep_last4");
        int which = TK_DEFAULT;
        if (keep) which = !strcmp(keep, "province") ? TK_PROVINCE : !strcmp(keep, "region") ? TK_REGION : TK_YEAR_GENDER;
        if (last4 && last4->boolean) which = TK_CARD_LAST4;
        char *got = NULL;
        size_t got_len = 0;
        yinsi_error *err = NULL;
        yinsi_status s;
        const uint8_t *i8 = (const uint8_t *)in, *c8 = (const uint8_t *)ctx;
        if (!strcmp(op, "tokenize")) {
            if (version)
                s = yinsi_tokenize_with_version(tk[which], kind, i8, in_len, c8, ctx_len, (uint32_t)version->num, &got,
                                                &got_len, &err);
            else
                s = yinsi_tokenize(tk[which], kind, i8, in_len, c8, ctx_len, &got, &got_len, &err);
            expect(s, err, got, got_len, want, out_len, "tokenize", i);
            if (version) {
                /* ... and back, under the same version. */
                got = NULL, err = NULL;
                s = yinsi_detokenize_with_version(tk[which], kind, (const uint8_t *)want, out_len, c8, ctx_len,
                                                  (uint32_t)version->num, &got, &got_len, &err);
                /* e-mail detokenizes to lower case; every other kind to the exact input */
                char *back = malloc(in_len + 1);
                for (size_t k = 0; k <= in_len; k++)
                    back[k] = (char)(kind == YINSI_KIND_EMAIL && in[k] >= 'A' && in[k] <= 'Z' ? in[k] + 32 : in[k]);
                expect(s, err, got, got_len, back, in_len, "detokenize v2", i);
                free(back);
            }
        } else if (!strcmp(op, "detokenize")) {
            s = yinsi_detokenize(tk[which], kind, i8, in_len, c8, ctx_len, &got, &got_len, &err);
            expect(s, err, got, got_len, want, out_len, "detokenize", i);
        } else if (!strcmp(op, "mask")) {
            const char *preset = j_str(c, "preset", NULL);
            s = yinsi_mask(tk[which], kind, i8, in_len, SZ(preset), &got, &got_len, &err);
            expect(s, err, got, got_len, want, out_len, "mask", i);
        } else if (!strcmp(op, "pseudonymize")) {
            s = yinsi_pseudonymize(tk[which], kind, i8, in_len, c8, ctx_len, &got, &got_len, &err);
            expect(s, err, got, got_len, want, out_len, "pseudonymize", i);
        } else if (!strcmp(op, "normalize")) {
            s = yinsi_normalize(tk[which], kind, i8, in_len, &got, &got_len, &err);
            expect(s, err, got, got_len, want, out_len, "normalize", i);
        } else if (!strcmp(op, "validate")) {
            const jval *valid = j_get(c, "valid");
            s = yinsi_validate(tk[which], kind, i8, in_len, &err);
            if (valid && valid->boolean) {
                CHECK_STATUS(s, YINSI_STATUS_OK);
            } else {
                size_t msg_len = 0;
                const char *msg = j_str(c, "error", &msg_len);
                CHECK(s != YINSI_STATUS_OK && err != NULL, "validate case %zu accepted an invalid value", i);
                const char *m = yinsi_error_message(err);
                CHECK(msg && strlen(m) == msg_len && !memcmp(m, msg, msg_len), "case %zu: message \"%s\", want \"%s\"",
                      i, m, msg ? msg : "");
                CHECK(yinsi_error_status(err) == s, "case %zu: error object status differs from the return", i);
            }
            yinsi_error_free(err);
        } else {
            CHECK(0, "unknown op %s", op);
        }
        if (kind >= 1 && kind <= 7) counted[kind]++;
    }
    for (uint32_t k = 1; k <= 7; k++) CHECK(counted[k] > 50, "kinds.json: only %zu cases of %s", counted[k], yinsi_kind_name(k));

    /* The same tokenize and detokenize cases again, through the batch calls: one batch per kind and
     * context, byte-identical item by item. */
    static const char *contexts[] = {"", "orders.phone", "tenant-a/orders.customer"};
    for (uint32_t k = 1; k <= 7; k++) {
        for (int ci = 0; ci < 3; ci++) {
            for (int detok = 0; detok < 2; detok++) {
                const uint8_t **values = calloc(cases->n, sizeof *values);
                size_t *lens = calloc(cases->n, sizeof *lens);
                const jval **want = calloc(cases->n, sizeof *want);
                size_t n = 0;
                for (size_t i = 0; i < cases->n; i++) {
                    const jval *c = &cases->items[i];
                    if (j_get(c, "version") || j_get(c, "id_keep") || j_get(c, "card_keep_last4")) continue;
                    if (strcmp(j_str(c, "op", NULL), detok ? "detokenize" : "tokenize")) continue;
                    if (kind_of(j_str(c, "kind", NULL)) != k || strcmp(j_str(c, "context", NULL), contexts[ci])) continue;
                    values[n] = (const uint8_t *)j_str(c, "input", &lens[n]);
                    want[n++] = j_get(c, "output");
                }
                yinsi_batch *b = NULL;
                yinsi_status s = detok ? yinsi_detokenize_batch(tk[TK_DEFAULT], k, values, lens, n, SZ(contexts[ci]), &b, NULL)
                                       : yinsi_tokenize_batch(tk[TK_DEFAULT], k, values, lens, n, SZ(contexts[ci]), &b, NULL);
                CHECK_STATUS(s, YINSI_STATUS_OK);
                CHECK(b && b->count == n, "batch count");
                for (size_t i = 0; b && i < n && i < b->count; i++) {
                    const yinsi_batch_item *it = &b->items[i];
                    CHECK(it->status == YINSI_STATUS_OK && it->len == want[i]->len &&
                              !memcmp(it->value, want[i]->str, it->len) && it->value[it->len] == 0,
                          "%s batch %s item %zu: got \"%s\", want \"%s\"", detok ? "detokenize" : "tokenize",
                          yinsi_kind_name(k), i, it->value ? it->value : "(null)", want[i]->str);
                }
                yinsi_batch_free(b);
                free(values);
                free(lens);
                free(want);
            }
        }
    }
    for (int i = 0; i < TK_COUNT; i++) yinsi_tokenizer_free(tk[i]);
    j_free(&doc);
}

static void opaque(void) {
    jval doc;
    if (!load("opaque.json", &doc)) return;
    yinsi_keyring *ring = doc_keyring(&doc);
    yinsi_tokenizer *tk = NULL;
    CHECK_STATUS(yinsi_tokenizer_new(ring, NULL, &tk, NULL), YINSI_STATUS_OK);
    const jval *cases = j_get(&doc, "cases");
    CHECK(cases && cases->n >= 20, "opaque.json: no cases");
    size_t as_names = 0;
    for (size_t i = 0; cases && i < cases->n; i++) {
        const jval *c = &cases->items[i];
        size_t label_len, ctx_len, value_len, token_len, got_len = 0;
        const char *label = j_str(c, "label", &label_len), *ctx = j_str(c, "context", &ctx_len);
        const char *value = j_str(c, "value", &value_len), *token = j_str(c, "token", &token_len);
        uint32_t version = (uint32_t)j_get(c, "version")->num;
        char *got = NULL;
        yinsi_error *err = NULL;
        yinsi_status s = yinsi_opaque_seal(ring, version, (const uint8_t *)label, label_len, (const uint8_t *)ctx,
                                           ctx_len, (const uint8_t *)value, value_len, &got, &got_len, &err);
        expect(s, err, got, got_len, token, token_len, "opaque seal", i);
        got = NULL, err = NULL;
        s = yinsi_opaque_open(ring, (const uint8_t *)label, label_len, (const uint8_t *)ctx, ctx_len,
                              (const uint8_t *)token, token_len, &got, &got_len, &err);
        expect(s, err, got, got_len, value, value_len, "opaque open", i);
        /* A cn_name token is an opaque token with label cn_name: the kind API must agree. */
        if (!strcmp(label, "cn_name") && yinsi_validate(tk, YINSI_KIND_CN_NAME, (const uint8_t *)value, value_len, NULL) == YINSI_STATUS_OK) {
            got = NULL, err = NULL;
            s = yinsi_tokenize_with_version(tk, YINSI_KIND_CN_NAME, (const uint8_t *)value, value_len,
                                            (const uint8_t *)ctx, ctx_len, version, &got, &got_len, &err);
            expect(s, err, got, got_len, token, token_len, "cn_name tokenize", i);
            got = NULL, err = NULL;
            s = yinsi_detokenize(tk, YINSI_KIND_CN_NAME, (const uint8_t *)token, token_len, (const uint8_t *)ctx,
                                 ctx_len, &got, &got_len, &err);
            expect(s, err, got, got_len, value, value_len, "cn_name detokenize", i);
            as_names++;
        }
    }
    CHECK(as_names >= 6, "only %zu opaque cases went through the cn_name kind", as_names);
    yinsi_tokenizer_free(tk);
    yinsi_keyring_free(ring);
    j_free(&doc);
}

static void pseudonyms(void) {
    jval doc;
    if (!load("pseudonyms.json", &doc)) return;
    yinsi_keyring *ring = doc_keyring(&doc);
    const jval *cases = j_get(&doc, "cases");
    CHECK(cases && cases->n >= 10, "pseudonyms.json: no cases");
    for (size_t i = 0; cases && i < cases->n; i++) {
        const jval *c = &cases->items[i];
        size_t label_len, ctx_len, value_len, want_len, got_len = 0;
        const char *label = j_str(c, "label", &label_len), *ctx = j_str(c, "context", &ctx_len);
        const char *value = j_str(c, "value", &value_len), *want = j_str(c, "pseudonym", &want_len);
        char *got = NULL;
        yinsi_error *err = NULL;
        yinsi_status s = yinsi_pseudonym(ring, (uint32_t)j_get(c, "version")->num, (const uint8_t *)label, label_len,
                                         (const uint8_t *)ctx, ctx_len, (const uint8_t *)value, value_len,
                                         (size_t)j_get(c, "len")->num, &got, &got_len, &err);
        expect(s, err, got, got_len, want, want_len, "pseudonym", i);
    }
    yinsi_keyring_free(ring);
    j_free(&doc);
}

static size_t unhex(const char *hex, uint8_t *out) {
    size_t n = strlen(hex) / 2;
    for (size_t i = 0; i < n; i++) {
        unsigned b;
        sscanf(hex + 2 * i, "%2x", &b);
        out[i] = (uint8_t)b;
    }
    return n;
}

static void ff1_nist(void) {
    jval doc;
    if (!load("ff1_nist.json", &doc)) return;
    CHECK(doc.type == J_ARR && doc.n == 9, "ff1_nist.json: want the nine NIST samples");
    for (size_t i = 0; i < doc.n; i++) {
        const jval *c = &doc.items[i];
        uint8_t key[32], tweak[64];
        size_t key_len = unhex(j_str(c, "key_hex", NULL), key), tweak_len = unhex(j_str(c, "tweak_hex", NULL), tweak);
        size_t radix = (size_t)j_get(c, "radix")->num, pt_len, ct_len, got_len = 0;
        const char *pt = j_str(c, "plaintext", &pt_len), *ct = j_str(c, "ciphertext", &ct_len);
        yinsi_ff1 *ff1 = NULL;
        CHECK_STATUS(yinsi_ff1_new(key, key_len, (const uint8_t *)"0123456789abcdefghijklmnopqrstuvwxyz", radix, &ff1, NULL),
                     YINSI_STATUS_OK);
        char *got = NULL;
        yinsi_error *err = NULL;
        yinsi_status s = yinsi_ff1_encrypt(ff1, tweak, tweak_len, (const uint8_t *)pt, pt_len, &got, &got_len, &err);
        expect(s, err, got, got_len, ct, ct_len, "ff1 encrypt", i);
        got = NULL, err = NULL;
        s = yinsi_ff1_decrypt(ff1, tweak, tweak_len, (const uint8_t *)ct, ct_len, &got, &got_len, &err);
        expect(s, err, got, got_len, pt, pt_len, "ff1 decrypt", i);
        yinsi_ff1_free(ff1);
    }
    j_free(&doc);
}

int main(int argc, char **argv) {
    dir = argc > 1 ? argv[1] : "tests/vectors";
    kinds();
    opaque();
    pseudonyms();
    ff1_nist();
    return check_done("test_vectors");
}
