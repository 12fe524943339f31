/* Every exported function of libyinsi, every status code it can return, and the ABI conventions:
 * NULL handling, invalid UTF-8, outputs written only on success, _free(NULL) a no-op, error
 * objects that never contain the value. Usage: test_api TMPDIR */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <unistd.h>

#include "check.h"

#define HEX "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define HEX2 "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"
#define B64 "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define RING_TEXT "# test keyring\nactive = 1\nkey 1 = " HEX "\nkey 2 = " HEX2 "\n"

static char *const SENTINEL = (char *)"untouched";
static const char *tmpdir;

/* A tokenize through a tokenizer; returns a new string (or NULL after a failed check). */
static char *tok(const yinsi_tokenizer *tk, uint32_t kind, const char *value, const char *ctx) {
    char *out = NULL;
    yinsi_error *err = NULL;
    yinsi_status s = yinsi_tokenize(tk, kind, SZ(value), SZ(ctx), &out, NULL, &err);
    CHECK(s == YINSI_STATUS_OK, "tokenize %s: %s", yinsi_kind_name(kind), yinsi_error_message(err));
    yinsi_error_free(err);
    return out;
}

/* Checks a failed call's error object: its status, a message, and no trace of `secret`. */
static void check_error(yinsi_error *err, yinsi_status want, const char *secret) {
    CHECK(err != NULL, "no error object for %s", yinsi_status_name(want));
    if (!err) return;
    CHECK_STATUS(yinsi_error_status(err), want);
    const char *msg = yinsi_error_message(err);
    CHECK(msg && *msg, "empty message");
    if (secret && *secret) CHECK(!strstr(msg, secret), "message \"%s\" contains the value", msg);
    yinsi_error_free(err);
}

static void version_and_names(void) {
    const char *v = yinsi_version();
    CHECK(v && !strncmp(v, "yinsi ", 6), "version \"%s\"", v ? v : "(null)");
    CHECK(yinsi_abi_version() == YINSI_ABI_VERSION, "ABI %u, header %u", yinsi_abi_version(), YINSI_ABI_VERSION);
    CHECK(!strcmp(yinsi_status_name(YINSI_STATUS_OK), "YINSI_STATUS_OK"), "status name");
    CHECK(!strcmp(yinsi_status_name(YINSI_STATUS_TOKEN_AUTHENTICATION), "YINSI_STATUS_TOKEN_AUTHENTICATION"), "name");
    CHECK(yinsi_status_name(6) == NULL && yinsi_status_name(99999) == NULL, "unknown statuses have no name");
    CHECK(!strcmp(yinsi_kind_name(YINSI_KIND_CN_MOBILE), "cn_mobile"), "kind name");
    CHECK(!strcmp(yinsi_kind_label(YINSI_KIND_CN_ID), "[CN_ID]"), "kind label");
    CHECK(yinsi_kind_name(0) == NULL && yinsi_kind_label(9) == NULL, "unknown kinds");
    uint32_t k = 0;
    CHECK_STATUS(yinsi_kind_from_name(S("CN-Address"), &k, NULL), YINSI_STATUS_OK);
    CHECK(k == YINSI_KIND_CN_ADDRESS, "kind_from_name gave %u", k);
    for (uint32_t i = 1; i <= 8; i++) {
        CHECK_STATUS(yinsi_kind_from_name(SZ(yinsi_kind_name(i)), &k, NULL), YINSI_STATUS_OK);
        CHECK(k == i, "kind %u round trip", i);
    }
    yinsi_error *err = NULL;
    k = 77;
    CHECK_STATUS(yinsi_kind_from_name(S("passport"), &k, &err), YINSI_STATUS_INVALID_OPTION);
    CHECK(k == 77, "output written on failure");
    check_error(err, YINSI_STATUS_INVALID_OPTION, NULL);
    CHECK_STATUS(yinsi_kind_from_name(S("cn_id"), NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_kind_from_name(S("cn_\xff"), &k, NULL), YINSI_STATUS_INVALID_UTF8);
    /* The error-object getters accept NULL. */
    CHECK_STATUS(yinsi_error_status(NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK(!strcmp(yinsi_error_message(NULL), ""), "message of NULL");
}

static void keyrings(void) {
    uint8_t key[32];
    for (int i = 0; i < 32; i++) key[i] = (uint8_t)i;
    yinsi_keyring *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL, *g = NULL, *h = NULL;
    uint32_t v = 0;
    CHECK_STATUS(yinsi_keyring_from_bytes(1, key, 32, &a, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_keyring_from_hex(S("  " HEX "\n"), &b, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_keyring_from_base64(S(B64), &c, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_keyring_from_text(S(RING_TEXT), &d, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_keyring_active_version(d, &v, NULL), YINSI_STATUS_OK);
    CHECK(v == 1, "active version %u", v);
    CHECK_STATUS(yinsi_keyring_from_bytes(7, key, 32, &h, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_keyring_active_version(h, &v, NULL), YINSI_STATUS_OK);
    CHECK(v == 7, "active version %u", v);

    setenv("YINSI_C_TEST_KEY", HEX, 1);
    CHECK_STATUS(yinsi_keyring_from_env(S("YINSI_C_TEST_KEY"), &e, NULL), YINSI_STATUS_OK);
    char path[4096];
    snprintf(path, sizeof path, "%s/test.key", tmpdir);
    FILE *kf = fopen(path, "w");
    CHECK(kf != NULL, "cannot write %s", path);
    if (kf) fputs(RING_TEXT, kf), fclose(kf);
    CHECK_STATUS(yinsi_keyring_from_file(SZ(path), &f, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_keyring_generate(&g, NULL), YINSI_STATUS_OK);

    /* Every form of the test key gives the same tokens; a generated key gives others. */
    yinsi_keyring *rings[] = {a, b, c, d, e, f, g, h};
    char *first = NULL;
    for (int i = 0; i < 8; i++) {
        yinsi_tokenizer *tk = NULL;
        CHECK_STATUS(yinsi_tokenizer_new(rings[i], NULL, &tk, NULL), YINSI_STATUS_OK);
        char *t = tok(tk, YINSI_KIND_CN_MOBILE, "13812345678", "ctx");
        if (i == 0) first = t;
        else {
            int same = t && first && !strcmp(t, first);
            CHECK(i < 6 ? same : !same, "keyring %d: token %s vs %s", i, t ? t : "", first ? first : "");
            yinsi_string_free(t);
        }
        yinsi_tokenizer_free(tk);
    }
    yinsi_string_free(first);
    for (int i = 0; i < 8; i++) yinsi_keyring_free(rings[i]);

    /* Failures: typed, outputs untouched, messages without the key text. */
    yinsi_keyring *out = (yinsi_keyring *)SENTINEL;
    yinsi_error *err = NULL;
    CHECK_STATUS(yinsi_keyring_from_bytes(1, key, 31, &out, &err), YINSI_STATUS_INVALID_KEY_LENGTH);
    check_error(err, YINSI_STATUS_INVALID_KEY_LENGTH, NULL);
    err = NULL;
    CHECK_STATUS(yinsi_keyring_from_hex(S("00"), &out, &err), YINSI_STATUS_INVALID_KEY_TEXT);
    check_error(err, YINSI_STATUS_INVALID_KEY_TEXT, NULL);
    err = NULL;
    const char *bad = "key 1 = zzzzsecretzzzz";
    CHECK_STATUS(yinsi_keyring_from_text(SZ(bad), &out, &err), YINSI_STATUS_INVALID_KEY_TEXT);
    check_error(err, YINSI_STATUS_INVALID_KEY_TEXT, "zzzzsecretzzzz");
    err = NULL;
    CHECK_STATUS(yinsi_keyring_from_base64(S("c2VjcmV0"), &out, &err), YINSI_STATUS_INVALID_KEY_TEXT);
    check_error(err, YINSI_STATUS_INVALID_KEY_TEXT, "c2VjcmV0");
    err = NULL;
    CHECK_STATUS(yinsi_keyring_from_text(S("active = 2\nkey 1 = " HEX "\n"), &out, &err), YINSI_STATUS_UNKNOWN_KEY_VERSION);
    check_error(err, YINSI_STATUS_UNKNOWN_KEY_VERSION, HEX);
    err = NULL;
    unsetenv("YINSI_C_TEST_UNSET");
    CHECK_STATUS(yinsi_keyring_from_env(S("YINSI_C_TEST_UNSET"), &out, &err), YINSI_STATUS_KEY_UNAVAILABLE);
    check_error(err, YINSI_STATUS_KEY_UNAVAILABLE, NULL);
    err = NULL;
    CHECK_STATUS(yinsi_keyring_from_file(S("/nonexistent/yinsi.key"), &out, &err), YINSI_STATUS_KEY_UNAVAILABLE);
    check_error(err, YINSI_STATUS_KEY_UNAVAILABLE, NULL);
    CHECK_STATUS(yinsi_keyring_from_bytes(1, NULL, 32, &out, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_keyring_from_bytes(1, NULL, 0, &out, NULL), YINSI_STATUS_INVALID_KEY_LENGTH);
    CHECK_STATUS(yinsi_keyring_from_bytes(1, key, 32, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_keyring_from_hex(S("\xff" HEX), &out, NULL), YINSI_STATUS_INVALID_UTF8);
    CHECK_STATUS(yinsi_keyring_from_base64(NULL, 4, &out, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_keyring_from_text(S("\xc3"), &out, NULL), YINSI_STATUS_INVALID_UTF8);
    CHECK_STATUS(yinsi_keyring_from_env(NULL, 1, &out, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_keyring_from_file(NULL, 1, &out, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_keyring_generate(NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_keyring_active_version(NULL, &v, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK(out == (yinsi_keyring *)SENTINEL, "a failed call wrote its output");
    yinsi_keyring_free(NULL);
}

static yinsi_tokenizer *test_tokenizer(const yinsi_options *o) {
    yinsi_keyring *ring = NULL;
    yinsi_tokenizer *tk = NULL;
    CHECK_STATUS(yinsi_keyring_from_text(S(RING_TEXT), &ring, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_tokenizer_new(ring, o, &tk, NULL), YINSI_STATUS_OK);
    yinsi_keyring_free(ring);
    return tk;
}

static void tokenizer_options(void) {
    yinsi_keyring *ring = NULL;
    CHECK_STATUS(yinsi_keyring_from_hex(S(HEX), &ring, NULL), YINSI_STATUS_OK);
    yinsi_tokenizer *tk = (yinsi_tokenizer *)SENTINEL;
    yinsi_error *err = NULL;
    yinsi_options o = {0};
    o.id_keep_region = o.id_keep_birth_year = true;
    CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk, &err), YINSI_STATUS_UNSUPPORTED_MODE);
    check_error(err, YINSI_STATUS_UNSUPPORTED_MODE, NULL);
    memset(&o, 0, sizeof o);
    o.pseudonym_len = 3;
    err = NULL;
    CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk, &err), YINSI_STATUS_INVALID_OPTION);
    check_error(err, YINSI_STATUS_INVALID_OPTION, NULL);
    memset(&o, 0, sizeof o);
    o.custom_name = (const uint8_t *)"x";
    o.custom_name_len = 1;
    o.custom_alphabet = (const uint8_t *)"a";
    o.custom_alphabet_len = 1;
    err = NULL;
    CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk, &err), YINSI_STATUS_INVALID_RADIX);
    check_error(err, YINSI_STATUS_INVALID_RADIX, NULL);
    o.custom_alphabet = (const uint8_t *)"abca";
    o.custom_alphabet_len = 4;
    CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk, NULL), YINSI_STATUS_INVALID_ALPHABET);
    o.custom_alphabet = (const uint8_t *)"ab\xff";
    o.custom_alphabet_len = 3;
    CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk, NULL), YINSI_STATUS_INVALID_UTF8);
    o.custom_alphabet = (const uint8_t *)"0123456789";
    o.custom_alphabet_len = 10;
    o.custom_name = NULL;
    o.custom_name_len = 0;
    CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk, NULL), YINSI_STATUS_INVALID_OPTION); /* empty name */
    o.custom_name_len = 4;
    CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_tokenizer_new(NULL, NULL, &tk, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_tokenizer_new(ring, NULL, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK(tk == (yinsi_tokenizer *)SENTINEL, "a failed call wrote its output");

    /* Options take effect: a card token keeping its last four; 16-character pseudonyms. */
    memset(&o, 0, sizeof o);
    o.card_keep_last4 = true;
    o.pseudonym_len = 16;
    CHECK_STATUS(yinsi_tokenizer_new(ring, &o, &tk, NULL), YINSI_STATUS_OK);
    char *t = tok(tk, YINSI_KIND_BANK_CARD, "6222021234567890128", "");
    CHECK(t && strlen(t) == 19 && !strncmp(t, "622202", 6) && !strcmp(t + 15, "0128"), "card token %s", t ? t : "");
    yinsi_string_free(t);
    char *p = NULL;
    size_t p_len = 0;
    CHECK_STATUS(yinsi_pseudonymize(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), NULL, 0, &p, &p_len, NULL), YINSI_STATUS_OK);
    CHECK(p && p_len == 16 && strlen(p) == 16, "pseudonym length %zu", p_len);
    yinsi_string_free(p);
    yinsi_tokenizer_free(tk);
    yinsi_tokenizer_free(NULL);
    yinsi_keyring_free(ring);
}

static void one_value_calls(void) {
    yinsi_tokenizer *tk = test_tokenizer(NULL);
    char *out = NULL, *back = NULL;
    size_t len = 0, back_len = 0;
    yinsi_error *err = NULL;

    /* Round trips and the documented shapes. */
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_MOBILE, S("138-1234-5678"), S("orders.phone"), &out, &len, NULL), YINSI_STATUS_OK);
    CHECK(out && len == 13 && strlen(out) == 13 && !strncmp(out, "138-", 4), "mobile token %s", out ? out : "");
    CHECK_STATUS(yinsi_detokenize(tk, YINSI_KIND_CN_MOBILE, (const uint8_t *)out, len, S("orders.phone"), &back, &back_len, NULL),
                 YINSI_STATUS_OK);
    CHECK_BYTES(back, back_len, "138-1234-5678", 13u);
    yinsi_string_free(back);
    /* Another context: another token, and the first token does not come back under it. */
    char *other = tok(tk, YINSI_KIND_CN_MOBILE, "138-1234-5678", "orders.other");
    CHECK(other && out && strcmp(other, out), "contexts must separate tokens");
    yinsi_string_free(other);
    yinsi_string_free(out);

    static const struct { uint32_t kind; const char *value, *preset, *mask; } masks[] = {
        {YINSI_KIND_CN_MOBILE, "13812345678", "privacy_waybill", "138****5678"},
        {YINSI_KIND_CN_NAME, "张三", "privacy_waybill", "张*"},
        {YINSI_KIND_CN_NAME, "欧阳娜娜", "", "欧阳**"},
        {YINSI_KIND_CN_ADDRESS, "浙江省杭州市西湖区文三路100号", "default", "浙江省杭州市西湖区****"},
        {YINSI_KIND_CN_ID, "11010519491231002X", "keep_first1_last2", "1***************2X"},
        {YINSI_KIND_EMAIL, "dong@example.com", "keep_first1_domain", "d***@example.com"},
        {YINSI_KIND_CN_LANDLINE, "0571-87654321", "keep_area_last2", "0571-******21"},
        {YINSI_KIND_BANK_CARD, "6222021234567890128", "keep_first6_last4", "622202*********0128"},
    };
    for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
        out = NULL;
        CHECK_STATUS(yinsi_mask(tk, masks[i].kind, SZ(masks[i].value), SZ(masks[i].preset), &out, &len, NULL), YINSI_STATUS_OK);
        CHECK_BYTES(out, len, masks[i].mask, strlen(masks[i].mask));
        yinsi_string_free(out);
    }
    out = NULL;
    CHECK_STATUS(yinsi_mask(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), NULL, 0, &out, NULL, NULL), YINSI_STATUS_OK);
    CHECK(out && !strcmp(out, "138****5678"), "NULL preset is the default");
    yinsi_string_free(out);
    err = NULL;
    CHECK_STATUS(yinsi_mask(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), S("nope"), &out, &len, &err), YINSI_STATUS_INVALID_OPTION);
    check_error(err, YINSI_STATUS_INVALID_OPTION, "13812345678");
    CHECK_STATUS(yinsi_mask(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), S("keep_surname"), &out, &len, NULL),
                 YINSI_STATUS_UNSUPPORTED_MODE);

    out = NULL;
    CHECK_STATUS(yinsi_normalize(tk, YINSI_KIND_CN_MOBILE, S("+86 138-1234-5678"), &out, &len, NULL), YINSI_STATUS_OK);
    CHECK_BYTES(out, len, "13812345678", 11u);
    yinsi_string_free(out);
    char *p1 = NULL, *p2 = NULL;
    CHECK_STATUS(yinsi_pseudonymize(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), S("c"), &p1, &len, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_pseudonymize(tk, YINSI_KIND_CN_MOBILE, S("+86 138 1234 5678"), S("c"), &p2, NULL, NULL), YINSI_STATUS_OK);
    CHECK(p1 && p2 && len == 20 && !strcmp(p1, p2), "pseudonyms of one number in two layouts differ");
    yinsi_string_free(p1);
    yinsi_string_free(p2);

    CHECK_STATUS(yinsi_validate(tk, YINSI_KIND_CN_ID, S("11010519491231002X"), NULL), YINSI_STATUS_OK);
    err = NULL;
    CHECK_STATUS(yinsi_validate(tk, YINSI_KIND_CN_ID, S("110105194912310021"), &err), YINSI_STATUS_INVALID_VALUE);
    check_error(err, YINSI_STATUS_INVALID_VALUE, "110105194912310021");
    err = NULL;
    out = SENTINEL;
    len = 4242;
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_MOBILE, S("12812345678"), NULL, 0, &out, &len, &err), YINSI_STATUS_INVALID_VALUE);
    check_error(err, YINSI_STATUS_INVALID_VALUE, "12812345678");
    CHECK(out == SENTINEL && len == 4242, "a failed call wrote its outputs");

    /* Argument checks. */
    CHECK_STATUS(yinsi_tokenize(NULL, YINSI_KIND_CN_MOBILE, S("13812345678"), NULL, 0, &out, &len, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_tokenize(tk, 0, S("13812345678"), NULL, 0, &out, &len, NULL), YINSI_STATUS_INVALID_ARGUMENT);
    err = NULL;
    CHECK_STATUS(yinsi_tokenize(tk, 99, S("13812345678"), NULL, 0, &out, &len, &err), YINSI_STATUS_INVALID_ARGUMENT);
    check_error(err, YINSI_STATUS_INVALID_ARGUMENT, NULL);
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_MOBILE, NULL, 11, NULL, 0, &out, &len, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_MOBILE, NULL, 0, NULL, 0, &out, &len, NULL), YINSI_STATUS_INVALID_VALUE);
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), NULL, 3, &out, &len, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), NULL, 0, NULL, &len, NULL), YINSI_STATUS_NULL_PARAMETER);
    err = NULL;
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_NAME, S("张\xe4\xb8"), NULL, 0, &out, &len, &err), YINSI_STATUS_INVALID_UTF8);
    check_error(err, YINSI_STATUS_INVALID_UTF8, NULL);
    CHECK(out == SENTINEL && len == 4242, "a failed call wrote its outputs");
    /* A context is bytes, not text: any bytes are fine. */
    out = NULL;
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), S("\xff\x00\xfe"), &out, NULL, NULL), YINSI_STATUS_OK);
    yinsi_string_free(out);
    /* The error out-pointer is left alone on success. */
    yinsi_error *untouched = (yinsi_error *)SENTINEL;
    CHECK_STATUS(yinsi_validate(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), &untouched), YINSI_STATUS_OK);
    CHECK(untouched == (yinsi_error *)SENTINEL, "success wrote *error");
    CHECK_STATUS(yinsi_validate(tk, YINSI_KIND_CN_MOBILE, NULL, 2, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_normalize(tk, YINSI_KIND_CN_MOBILE, S("13812345678"), NULL, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_pseudonymize(tk, YINSI_KIND_EMAIL, S("not an email"), NULL, 0, &out, NULL, NULL), YINSI_STATUS_INVALID_VALUE);
    CHECK_STATUS(yinsi_detokenize(tk, 42, S("x"), NULL, 0, &out, NULL, NULL), YINSI_STATUS_INVALID_ARGUMENT);

    /* Key versions: tokens under version 2, read back under 2, rewrapped to the active 1. */
    char *t2 = NULL, *t1 = NULL, *rw = NULL;
    size_t t2_len = 0;
    CHECK_STATUS(yinsi_tokenize_with_version(tk, YINSI_KIND_CN_ID, S("11010519491231002X"), S("hotel"), 2, &t2, &t2_len, NULL),
                 YINSI_STATUS_OK);
    t1 = tok(tk, YINSI_KIND_CN_ID, "11010519491231002X", "hotel");
    CHECK(t1 && t2 && strcmp(t1, t2), "versions 1 and 2 gave one token");
    back = NULL;
    CHECK_STATUS(yinsi_detokenize_with_version(tk, YINSI_KIND_CN_ID, (const uint8_t *)t2, t2_len, S("hotel"), 2, &back, &back_len, NULL),
                 YINSI_STATUS_OK);
    CHECK_BYTES(back, back_len, "11010519491231002X", 18u);
    yinsi_string_free(back);
    CHECK_STATUS(yinsi_rewrap(tk, YINSI_KIND_CN_ID, (const uint8_t *)t2, t2_len, S("hotel"), 2, &rw, NULL, NULL), YINSI_STATUS_OK);
    CHECK(rw && t1 && !strcmp(rw, t1), "rewrap to the active version");
    err = NULL;
    CHECK_STATUS(yinsi_tokenize_with_version(tk, YINSI_KIND_CN_ID, S("11010519491231002X"), NULL, 0, 9, &out, NULL, &err),
                 YINSI_STATUS_UNKNOWN_KEY_VERSION);
    check_error(err, YINSI_STATUS_UNKNOWN_KEY_VERSION, "11010519491231002X");
    CHECK_STATUS(yinsi_detokenize_with_version(tk, YINSI_KIND_CN_ID, (const uint8_t *)t2, t2_len, NULL, 0, 9, &out, NULL, NULL),
                 YINSI_STATUS_UNKNOWN_KEY_VERSION);
    CHECK_STATUS(yinsi_rewrap(tk, YINSI_KIND_CN_ID, (const uint8_t *)t2, t2_len, NULL, 0, 5, &out, NULL, NULL),
                 YINSI_STATUS_UNKNOWN_KEY_VERSION);
    yinsi_string_free(t1);
    yinsi_string_free(t2);
    yinsi_string_free(rw);

    /* Opaque name tokens: malformed, tampered, or read under another context. */
    char *nt = tok(tk, YINSI_KIND_CN_NAME, "张三", "guests");
    CHECK(nt && !strncmp(nt, "yt1.1.", 6), "name token %s", nt ? nt : "");
    err = NULL;
    CHECK_STATUS(yinsi_detokenize(tk, YINSI_KIND_CN_NAME, S("not-a-token"), NULL, 0, &out, NULL, &err), YINSI_STATUS_MALFORMED_TOKEN);
    check_error(err, YINSI_STATUS_MALFORMED_TOKEN, NULL);
    err = NULL;
    CHECK_STATUS(yinsi_detokenize(tk, YINSI_KIND_CN_NAME, SZ(nt), S("other"), &out, NULL, &err), YINSI_STATUS_TOKEN_AUTHENTICATION);
    check_error(err, YINSI_STATUS_TOKEN_AUTHENTICATION, "张三");
    if (nt) {
        size_t n = strlen(nt);
        nt[n - 2] = nt[n - 2] == 'A' ? 'B' : 'A';
        CHECK_STATUS(yinsi_detokenize(tk, YINSI_KIND_CN_NAME, SZ(nt), S("guests"), &out, NULL, NULL), YINSI_STATUS_TOKEN_AUTHENTICATION);
    }
    yinsi_string_free(nt);
    out = SENTINEL;
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CUSTOM, S("AB-1234-5678"), NULL, 0, &out, NULL, NULL), YINSI_STATUS_UNSUPPORTED_MODE);
    CHECK(out == SENTINEL, "a failed call wrote its output");
    yinsi_tokenizer_free(tk);

    /* A custom format: digits encrypted, other characters kept in place, one kept at each end. */
    yinsi_options o = {0};
    o.custom_name = (const uint8_t *)"order";
    o.custom_name_len = 5;
    o.custom_alphabet = (const uint8_t *)"0123456789";
    o.custom_alphabet_len = 10;
    o.custom_keep_first = 1;
    o.custom_keep_last = 1;
    tk = test_tokenizer(&o);
    char *ct = tok(tk, YINSI_KIND_CUSTOM, "AB-1234-5678", "");
    CHECK(ct && strlen(ct) == 12 && !strncmp(ct, "AB-1", 4) && ct[7] == '-' && ct[11] == '8' && strcmp(ct, "AB-1234-5678"),
          "custom token %s", ct ? ct : "");
    back = NULL;
    CHECK_STATUS(yinsi_detokenize(tk, YINSI_KIND_CUSTOM, SZ(ct), NULL, 0, &back, &back_len, NULL), YINSI_STATUS_OK);
    CHECK_BYTES(back, back_len, "AB-1234-5678", 12u);
    yinsi_string_free(back);
    yinsi_string_free(ct);
    err = NULL;
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CUSTOM, S("12-3456"), NULL, 0, &out, NULL, &err), YINSI_STATUS_DOMAIN_TOO_SMALL);
    check_error(err, YINSI_STATUS_DOMAIN_TOO_SMALL, "3456");
    CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CUSTOM, S("1-2"), NULL, 0, &out, NULL, NULL), YINSI_STATUS_INVALID_VALUE);
    yinsi_tokenizer_free(tk);
    yinsi_string_free(NULL);
}

static void primitives(void) {
    uint8_t key[32] = {0};
    yinsi_ff1 *ff1 = (yinsi_ff1 *)SENTINEL;
    yinsi_error *err = NULL;
    CHECK_STATUS(yinsi_ff1_new(key, 15, S("0123456789"), &ff1, &err), YINSI_STATUS_INVALID_KEY_LENGTH);
    check_error(err, YINSI_STATUS_INVALID_KEY_LENGTH, NULL);
    CHECK_STATUS(yinsi_ff1_new(key, 32, S("0"), &ff1, NULL), YINSI_STATUS_INVALID_RADIX);
    CHECK_STATUS(yinsi_ff1_new(key, 32, S("00"), &ff1, NULL), YINSI_STATUS_INVALID_ALPHABET);
    CHECK_STATUS(yinsi_ff1_new(NULL, 32, S("01"), &ff1, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK(ff1 == (yinsi_ff1 *)SENTINEL, "a failed call wrote its output");
    CHECK_STATUS(yinsi_ff1_new(key, 32, S("0123456789"), &ff1, NULL), YINSI_STATUS_OK);
    char *out = NULL, *back = NULL;
    size_t len = 0, back_len = 0;
    CHECK_STATUS(yinsi_ff1_encrypt(ff1, S("tw"), S("0123456789"), &out, &len, NULL), YINSI_STATUS_OK);
    CHECK(out && len == 10 && strspn(out, "0123456789") == 10, "ff1 output %s", out ? out : "");
    CHECK_STATUS(yinsi_ff1_decrypt(ff1, S("tw"), SZ(out), &back, &back_len, NULL), YINSI_STATUS_OK);
    CHECK_BYTES(back, back_len, "0123456789", 10u);
    yinsi_string_free(out);
    yinsi_string_free(back);
    out = SENTINEL;
    err = NULL;
    CHECK_STATUS(yinsi_ff1_encrypt(ff1, NULL, 0, S("01234a6789"), &out, &len, &err), YINSI_STATUS_INVALID_NUMERAL);
    check_error(err, YINSI_STATUS_INVALID_NUMERAL, "01234a6789");
    err = NULL;
    CHECK_STATUS(yinsi_ff1_encrypt(ff1, NULL, 0, S("12345"), &out, &len, &err), YINSI_STATUS_DOMAIN_TOO_SMALL);
    check_error(err, YINSI_STATUS_DOMAIN_TOO_SMALL, "12345");
    static char longer[200001];
    memset(longer, '7', sizeof longer - 1);
    err = NULL;
    CHECK_STATUS(yinsi_ff1_decrypt(ff1, NULL, 0, SZ(longer), &out, &len, &err), YINSI_STATUS_INPUT_TOO_LONG);
    check_error(err, YINSI_STATUS_INPUT_TOO_LONG, NULL);
    CHECK_STATUS(yinsi_ff1_encrypt(NULL, NULL, 0, S("123456"), &out, &len, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK(out == SENTINEL, "a failed call wrote its output");
    yinsi_ff1_free(ff1);
    yinsi_ff1_free(NULL);

    /* Opaque tokens carry any bytes, NUL included. */
    yinsi_keyring *ring = NULL;
    CHECK_STATUS(yinsi_keyring_from_text(S(RING_TEXT), &ring, NULL), YINSI_STATUS_OK);
    char *token = NULL;
    size_t token_len = 0;
    CHECK_STATUS(yinsi_opaque_seal(ring, 2, S("my-label"), S("ctx"), S("a\0b"), &token, &token_len, NULL), YINSI_STATUS_OK);
    CHECK(token && !strncmp(token, "yt1.2.", 6) && strlen(token) == token_len, "opaque token %s", token ? token : "");
    back = NULL;
    CHECK_STATUS(yinsi_opaque_open(ring, S("my-label"), S("ctx"), (const uint8_t *)token, token_len, &back, &back_len, NULL),
                 YINSI_STATUS_OK);
    CHECK(back && back_len == 3 && !memcmp(back, "a\0b", 4), "opaque bytes with a NUL");
    yinsi_string_free(back);
    CHECK_STATUS(yinsi_opaque_open(ring, S("other"), S("ctx"), (const uint8_t *)token, token_len, &out, NULL, NULL),
                 YINSI_STATUS_TOKEN_AUTHENTICATION);
    CHECK_STATUS(yinsi_opaque_open(ring, S("my-label"), S("ctx"), S("yt1.x"), &out, NULL, NULL), YINSI_STATUS_MALFORMED_TOKEN);
    CHECK_STATUS(yinsi_opaque_seal(ring, 9, S("l"), NULL, 0, S("v"), &out, NULL, NULL), YINSI_STATUS_UNKNOWN_KEY_VERSION);
    CHECK_STATUS(yinsi_opaque_seal(NULL, 1, S("l"), NULL, 0, S("v"), &out, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_opaque_open(ring, S("l\xff"), NULL, 0, (const uint8_t *)token, token_len, &out, NULL, NULL),
                 YINSI_STATUS_INVALID_UTF8);
    yinsi_string_free(token);
    char *p = NULL;
    CHECK_STATUS(yinsi_pseudonym(ring, 1, S("cn_mobile"), NULL, 0, S("13812345678"), 52, &p, &len, NULL), YINSI_STATUS_OK);
    CHECK(p && len == 52 && strspn(p, "abcdefghijklmnopqrstuvwxyz234567") == 52, "pseudonym %s", p ? p : "");
    yinsi_string_free(p);
    err = NULL;
    CHECK_STATUS(yinsi_pseudonym(ring, 1, S("cn_mobile"), NULL, 0, S("13812345678"), 10, &out, NULL, &err), YINSI_STATUS_INVALID_OPTION);
    check_error(err, YINSI_STATUS_INVALID_OPTION, "13812345678");
    CHECK(out == SENTINEL, "a failed call wrote its output");
    yinsi_keyring_free(ring);
}

static void batches(void) {
    yinsi_tokenizer *tk = test_tokenizer(NULL);
    const uint8_t *values[] = {
        (const uint8_t *)"13812345678", (const uint8_t *)"12812345678", (const uint8_t *)"1381234\xff", NULL, NULL,
        (const uint8_t *)"+86 139 0000 1111",
    };
    size_t lens[] = {11, 11, 8, 5, 0, 17};
    const yinsi_status want[] = {YINSI_STATUS_OK,          YINSI_STATUS_INVALID_VALUE, YINSI_STATUS_INVALID_UTF8,
                                 YINSI_STATUS_NULL_PARAMETER, YINSI_STATUS_INVALID_VALUE, YINSI_STATUS_OK};
    yinsi_batch *b = NULL;
    CHECK_STATUS(yinsi_tokenize_batch(tk, YINSI_KIND_CN_MOBILE, values, lens, 6, S("ctx"), &b, NULL), YINSI_STATUS_OK);
    CHECK(b && b->count == 6, "batch count");
    const uint8_t *tokens[6];
    size_t token_lens[6];
    for (size_t i = 0; b && i < 6; i++) {
        const yinsi_batch_item *it = &b->items[i];
        CHECK_STATUS(it->status, want[i]);
        tokens[i] = (const uint8_t *)it->value;
        token_lens[i] = it->len;
        if (want[i] != YINSI_STATUS_OK) {
            CHECK(it->value == NULL && it->len == 0, "item %zu: a failed item has a value", i);
            continue;
        }
        char *single = NULL;
        size_t single_len = 0;
        CHECK_STATUS(yinsi_tokenize(tk, YINSI_KIND_CN_MOBILE, values[i], lens[i], S("ctx"), &single, &single_len, NULL),
                     YINSI_STATUS_OK);
        CHECK(single && single_len == it->len && !memcmp(single, it->value, it->len + 1), "item %zu: batch %s, single %s", i,
              it->value, single ? single : "");
        yinsi_string_free(single);
    }
    /* And back through the detokenize batch (failed inputs are passed as they were). */
    yinsi_batch *d = NULL;
    if (b) {
        CHECK_STATUS(yinsi_detokenize_batch(tk, YINSI_KIND_CN_MOBILE, tokens, token_lens, 6, S("ctx"), &d, NULL), YINSI_STATUS_OK);
        CHECK(d && d->count == 6, "detokenize batch count");
        for (size_t i = 0; d && i < 6; i++) {
            if (want[i] != YINSI_STATUS_OK) continue;
            CHECK_STATUS(d->items[i].status, YINSI_STATUS_OK);
            CHECK_BYTES(d->items[i].value, d->items[i].len, (const char *)values[i], lens[i]);
        }
    }
    yinsi_batch_free(d);
    yinsi_batch_free(b);

    /* Versioned batches agree with the versioned single calls. */
    b = d = NULL;
    CHECK_STATUS(yinsi_tokenize_batch_with_version(tk, YINSI_KIND_CN_MOBILE, values, lens, 1, NULL, 0, 2, &b, NULL), YINSI_STATUS_OK);
    char *single = NULL;
    CHECK_STATUS(yinsi_tokenize_with_version(tk, YINSI_KIND_CN_MOBILE, values[0], lens[0], NULL, 0, 2, &single, NULL, NULL),
                 YINSI_STATUS_OK);
    CHECK(b && single && !strcmp(b->items[0].value, single), "versioned batch");
    if (b) {
        const uint8_t *t[] = {(const uint8_t *)b->items[0].value};
        size_t tl[] = {b->items[0].len};
        CHECK_STATUS(yinsi_detokenize_batch_with_version(tk, YINSI_KIND_CN_MOBILE, t, tl, 1, NULL, 0, 2, &d, NULL), YINSI_STATUS_OK);
        CHECK(d && d->items[0].status == YINSI_STATUS_OK && !strcmp(d->items[0].value, "13812345678"), "versioned detokenize batch");
        yinsi_batch_free(d);
        d = NULL;
        CHECK_STATUS(yinsi_detokenize_batch_with_version(tk, YINSI_KIND_CN_MOBILE, t, tl, 1, NULL, 0, 3, &d, NULL), YINSI_STATUS_OK);
        CHECK(d && d->items[0].status == YINSI_STATUS_UNKNOWN_KEY_VERSION, "per-item unknown version");
        yinsi_batch_free(d);
    }
    yinsi_string_free(single);
    yinsi_batch_free(b);

    /* Empty batches, and failures of the call itself (outputs untouched). */
    b = NULL;
    CHECK_STATUS(yinsi_tokenize_batch(tk, YINSI_KIND_CN_ID, NULL, NULL, 0, NULL, 0, &b, NULL), YINSI_STATUS_OK);
    CHECK(b && b->count == 0, "empty batch");
    yinsi_batch_free(b);
    b = (yinsi_batch *)SENTINEL;
    yinsi_error *err = NULL;
    CHECK_STATUS(yinsi_tokenize_batch(tk, YINSI_KIND_CN_ID, NULL, lens, 2, NULL, 0, &b, &err), YINSI_STATUS_NULL_PARAMETER);
    check_error(err, YINSI_STATUS_NULL_PARAMETER, NULL);
    CHECK_STATUS(yinsi_tokenize_batch(tk, YINSI_KIND_CN_ID, values, NULL, 2, NULL, 0, &b, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_tokenize_batch(tk, 123, values, lens, 2, NULL, 0, &b, NULL), YINSI_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(yinsi_tokenize_batch(NULL, YINSI_KIND_CN_ID, values, lens, 2, NULL, 0, &b, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_detokenize_batch(tk, YINSI_KIND_CN_ID, values, lens, 2, NULL, 1, &b, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_tokenize_batch(tk, YINSI_KIND_CN_ID, values, lens, 2, NULL, 0, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK(b == (yinsi_batch *)SENTINEL, "a failed call wrote its output");
    yinsi_batch_free(NULL);
    yinsi_tokenizer_free(tk);
}

static void scanning(void) {
    const char text[] = "收件人：张三，电话 138 1234 5678，订单号 20261129102133";
    yinsi_scanner *sc = NULL, *mobiles = NULL;
    yinsi_spans *sp = NULL;
    CHECK_STATUS(yinsi_scanner_new(NULL, 0, true, &sc, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_scan(sc, S(text), &sp, NULL), YINSI_STATUS_OK);
    size_t name_at = (size_t)(strstr(text, "张三") - text), phone_at = (size_t)(strstr(text, "138 1234 5678") - text);
    CHECK(sp && sp->count == 2, "spans: %zu", sp ? sp->count : 0);
    if (sp && sp->count == 2) {
        CHECK(sp->spans[0].start == name_at && sp->spans[0].end == name_at + 6 && sp->spans[0].kind == YINSI_KIND_CN_NAME,
              "name span %zu..%zu kind %u", sp->spans[0].start, sp->spans[0].end, sp->spans[0].kind);
        CHECK(sp->spans[1].start == phone_at && sp->spans[1].end == phone_at + 13 && sp->spans[1].kind == YINSI_KIND_CN_MOBILE,
              "phone span %zu..%zu kind %u", sp->spans[1].start, sp->spans[1].end, sp->spans[1].kind);
        CHECK(sp->spans[1].confidence > 0.5f && sp->spans[1].confidence <= 1.0f, "confidence %f", (double)sp->spans[1].confidence);
    }
    yinsi_spans_free(sp);
    /* Only the kinds asked for; raw bytes that are not UTF-8 are fine. */
    uint32_t only[] = {YINSI_KIND_CN_MOBILE};
    CHECK_STATUS(yinsi_scanner_new(only, 1, false, &mobiles, NULL), YINSI_STATUS_OK);
    sp = NULL;
    const char raw[] = "\xff 姓名：张三 13812345678 \xfe";
    size_t at = (size_t)(strstr(raw, "138") - raw);
    CHECK_STATUS(yinsi_scan(mobiles, S(raw), &sp, NULL), YINSI_STATUS_OK);
    CHECK(sp && sp->count == 1 && sp->spans[0].start == at && sp->spans[0].end == at + 11 &&
              sp->spans[0].kind == YINSI_KIND_CN_MOBILE,
          "mobile-only scan");
    yinsi_spans_free(sp);
    sp = NULL;
    CHECK_STATUS(yinsi_scan(sc, NULL, 0, &sp, NULL), YINSI_STATUS_OK);
    CHECK(sp && sp->count == 0, "empty text");
    yinsi_spans_free(sp);
    yinsi_spans *untouched = (yinsi_spans *)SENTINEL;
    uint32_t bad_kinds[] = {YINSI_KIND_CN_ID, 77};
    yinsi_scanner *bad = (yinsi_scanner *)SENTINEL;
    CHECK_STATUS(yinsi_scanner_new(bad_kinds, 2, true, &bad, NULL), YINSI_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(yinsi_scanner_new(NULL, 2, true, &bad, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_scanner_new(NULL, 0, true, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_scan(NULL, S("x"), &untouched, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_scan(sc, NULL, 4, &untouched, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_scan(sc, S("x"), NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK(bad == (yinsi_scanner *)SENTINEL && untouched == (yinsi_spans *)SENTINEL, "a failed call wrote its output");

    /* Masking redactor: no key needed; lines and invalid bytes pass through in order. */
    yinsi_policy *policy = NULL;
    yinsi_redactor *masker = NULL;
    CHECK_STATUS(yinsi_policy_new(S("mask"), &policy, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_redactor_new(sc, policy, NULL, &masker, NULL), YINSI_STATUS_OK);
    char *out = NULL;
    size_t len = 0;
    CHECK_STATUS(yinsi_redact(masker, S("电话 13812345678，姓名：张三丰。"), &out, &len, NULL), YINSI_STATUS_OK);
    CHECK_BYTES(out, len, "电话 138****5678，姓名：张**。", strlen("电话 138****5678，姓名：张**。"));
    yinsi_string_free(out);
    out = NULL;
    CHECK_STATUS(yinsi_redact(masker, S("a 13812345678\n\xff b\nlast 0571-87654321"), &out, &len, NULL), YINSI_STATUS_OK);
    CHECK_BYTES(out, len, "a 138****5678\n\xff b\nlast 0571-******21", strlen("a 138****5678\n\xff b\nlast 0571-******21"));
    yinsi_string_free(out);
    CHECK_STATUS(yinsi_policy_set(policy, YINSI_KIND_CN_NAME, S("redact"), NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_policy_set(policy, YINSI_KIND_CN_MOBILE, S("mask:keep_first3_last4"), NULL), YINSI_STATUS_OK);
    yinsi_redactor *labels = NULL;
    CHECK_STATUS(yinsi_redactor_new(sc, policy, NULL, &labels, NULL), YINSI_STATUS_OK);
    out = NULL;
    CHECK_STATUS(yinsi_redact(labels, S(text), &out, NULL, NULL), YINSI_STATUS_OK);
    CHECK(out && !strcmp(out, "收件人：[CN_NAME]，电话 138 **** 5678，订单号 20261129102133"), "redacted: %s", out ? out : "");
    yinsi_string_free(out);
    yinsi_redactor_free(labels);
    yinsi_error *err = NULL;
    CHECK_STATUS(yinsi_policy_set(policy, YINSI_KIND_CN_NAME, S("shred"), &err), YINSI_STATUS_INVALID_OPTION);
    check_error(err, YINSI_STATUS_INVALID_OPTION, NULL);
    CHECK_STATUS(yinsi_policy_set(policy, 0, S("keep"), NULL), YINSI_STATUS_INVALID_ARGUMENT);
    CHECK_STATUS(yinsi_policy_set(NULL, 1, S("keep"), NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_policy_set_marker(NULL, true, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_policy_set_context(NULL, S("c"), NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_policy_set_context(policy, NULL, 2, NULL), YINSI_STATUS_NULL_PARAMETER);
    yinsi_policy *bad_policy = (yinsi_policy *)SENTINEL;
    CHECK_STATUS(yinsi_policy_new(S("shred"), &bad_policy, NULL), YINSI_STATUS_INVALID_OPTION);
    CHECK_STATUS(yinsi_policy_new(S("mask:nope"), &bad_policy, NULL), YINSI_STATUS_INVALID_OPTION);
    CHECK(bad_policy == (yinsi_policy *)SENTINEL, "a failed call wrote its output");
    yinsi_policy_free(policy);

    /* Tokens in markers, restored by unmask with the same key and context only. */
    yinsi_tokenizer *tk = test_tokenizer(NULL);
    yinsi_policy *tp = NULL;
    yinsi_redactor *tokenizer_r = NULL, *other_ctx = NULL, *keyless = (yinsi_redactor *)SENTINEL;
    CHECK_STATUS(yinsi_policy_new(S("tokenize"), &tp, NULL), YINSI_STATUS_OK);
    err = NULL;
    CHECK_STATUS(yinsi_redactor_new(sc, tp, NULL, &keyless, &err), YINSI_STATUS_KEY_UNAVAILABLE);
    check_error(err, YINSI_STATUS_KEY_UNAVAILABLE, NULL);
    CHECK(keyless == (yinsi_redactor *)SENTINEL, "a failed call wrote its output");
    CHECK_STATUS(yinsi_policy_set_marker(tp, true, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_policy_set_context(tp, S("logs"), NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_redactor_new(sc, tp, tk, &tokenizer_r, NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_policy_set_context(tp, S("other"), NULL), YINSI_STATUS_OK);
    CHECK_STATUS(yinsi_redactor_new(sc, tp, tk, &other_ctx, NULL), YINSI_STATUS_OK);
    yinsi_policy_free(tp);
    yinsi_tokenizer_free(tk); /* redactors keep their own reference */
    const char line[] = "{\"phone\":\"13812345678\",\"msg\":\"ok\"}\n张三 寄往 浙江省杭州市西湖区文三路100号\n";
    char *scrubbed = NULL, *restored = NULL, *kept = NULL;
    size_t scrubbed_len = 0, restored_len = 0;
    CHECK_STATUS(yinsi_redact(tokenizer_r, S(line), &scrubbed, &scrubbed_len, NULL), YINSI_STATUS_OK);
    CHECK(scrubbed && !strncmp(scrubbed, "{\"phone\":\"⟦yt:cn_mobile:1:", strlen("{\"phone\":\"⟦yt:cn_mobile:1:")) &&
              !strstr(scrubbed, "13812345678") && !strstr(scrubbed, "文三路"),
          "tokenized: %s", scrubbed ? scrubbed : "");
    CHECK_STATUS(yinsi_unmask(tokenizer_r, (const uint8_t *)scrubbed, scrubbed_len, &restored, &restored_len, NULL), YINSI_STATUS_OK);
    CHECK_BYTES(restored, restored_len, line, strlen(line));
    CHECK_STATUS(yinsi_unmask(other_ctx, (const uint8_t *)scrubbed, scrubbed_len, &kept, NULL, NULL), YINSI_STATUS_OK);
    CHECK(kept && scrubbed && !strcmp(kept, scrubbed), "a marker restored under another context");
    yinsi_string_free(scrubbed);
    yinsi_string_free(restored);
    yinsi_string_free(kept);
    out = SENTINEL;
    CHECK_STATUS(yinsi_redact(NULL, S("x"), &out, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_unmask(tokenizer_r, NULL, 1, &out, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_redact(masker, S("x"), NULL, NULL, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK_STATUS(yinsi_redactor_new(NULL, NULL, NULL, &keyless, NULL), YINSI_STATUS_NULL_PARAMETER);
    CHECK(out == SENTINEL, "a failed call wrote its output");
    yinsi_redactor_free(tokenizer_r);
    yinsi_redactor_free(other_ctx);
    yinsi_redactor_free(masker);
    yinsi_scanner_free(sc);
    yinsi_scanner_free(mobiles);
    yinsi_scanner_free(NULL);
    yinsi_spans_free(NULL);
    yinsi_policy_free(NULL);
    yinsi_redactor_free(NULL);
}

int main(int argc, char **argv) {
    tmpdir = argc > 1 ? argv[1] : "/tmp";
    version_and_names();
    keyrings();
    tokenizer_options();
    one_value_calls();
    primitives();
    batches();
    scanning();
    /* Every status the library defines was returned by some call above, except those no C caller
     * can provoke: a panic (tested in ffi/src/guard.rs), a failing OS random source, and errors
     * of a newer core that this layer does not know. */
    size_t statuses = 0;
    for (uint32_t s = 0; s < sizeof check_seen; s++) {
        if (!yinsi_status_name(s)) continue;
        statuses++;
        if (s == YINSI_STATUS_PANIC || s == YINSI_STATUS_RANDOM || s == YINSI_STATUS_OTHER) continue;
        CHECK(check_seen[s], "no test returned %s", yinsi_status_name(s));
    }
    CHECK(statuses == 21, "the library names %zu statuses; this test knows 21", statuses);
    return check_done("test_api");
}
