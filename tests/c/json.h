/* A small JSON reader for the C tests: enough for the files in tests/vectors/ (objects, arrays, strings
 * with \u escapes and surrogate pairs, numbers, true/false/null). Header-only; not for production. */
#ifndef YINSI_TEST_JSON_H
#define YINSI_TEST_JSON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } jtype;

typedef struct jval {
    jtype type;
    int boolean;
    double num;
    char *str; /* J_STR: UTF-8, NUL-terminated; may hold NUL bytes: use len */
    size_t len;
    struct jval *items; /* J_ARR, J_OBJ: n values */
    char **keys;        /* J_OBJ: n keys */
    size_t n;
} jval;

typedef struct {
    const char *p, *end;
    int failed;
} jparser;

static void j_free(jval *v) {
    if (!v) return;
    free(v->str);
    for (size_t i = 0; i < v->n; i++) {
        j_free(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    memset(v, 0, sizeof *v);
}

static void j_ws(jparser *ps) {
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t')) ps->p++;
}

static int j_hex4(jparser *ps, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        if (ps->p >= ps->end) return 0;
        char c = *ps->p++;
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

static void j_put(char **buf, size_t *len, size_t *cap, const char *s, size_t n) {
    if (*len + n + 1 > *cap) {
        while (*len + n + 1 > *cap) *cap = *cap ? *cap * 2 : 32;
        *buf = realloc(*buf, *cap);
        if (!*buf) abort();
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = 0;
}

static void j_utf8(char **buf, size_t *len, size_t *cap, unsigned cp) {
    char b[4];
    size_t n;
    if (cp < 0x80) { b[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xC0 | (cp >> 6)); b[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12)); b[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        b[0] = (char)(0xF0 | (cp >> 18)); b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    j_put(buf, len, cap, b, n);
}

static int j_string(jparser *ps, char **out, size_t *out_len) {
    char *buf = NULL;
    size_t len = 0, cap = 0;
    j_put(&buf, &len, &cap, "", 0);
    ps->p++; /* opening quote */
    while (ps->p < ps->end && *ps->p != '"') {
        if (*ps->p != '\\') {
            const char *start = ps->p;
            while (ps->p < ps->end && *ps->p != '"' && *ps->p != '\\') ps->p++;
            j_put(&buf, &len, &cap, start, (size_t)(ps->p - start));
            continue;
        }
        ps->p++;
        if (ps->p >= ps->end) break;
        char c = *ps->p++;
        switch (c) {
        case '"': j_put(&buf, &len, &cap, "\"", 1); break;
        case '\\': j_put(&buf, &len, &cap, "\\", 1); break;
        case '/': j_put(&buf, &len, &cap, "/", 1); break;
        case 'b': j_put(&buf, &len, &cap, "\b", 1); break;
        case 'f': j_put(&buf, &len, &cap, "\f", 1); break;
        case 'n': j_put(&buf, &len, &cap, "\n", 1); break;
        case 'r': j_put(&buf, &len, &cap, "\r", 1); break;
        case 't': j_put(&buf, &len, &cap, "\t", 1); break;
        case 'u': {
            unsigned cp, lo;
            if (!j_hex4(ps, &cp)) goto fail;
            if (cp >= 0xD800 && cp < 0xDC00) {
                if (ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u') goto fail;
                ps->p += 2;
                if (!j_hex4(ps, &lo) || lo < 0xDC00 || lo > 0xDFFF) goto fail;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            j_utf8(&buf, &len, &cap, cp);
            break;
        }
        default: goto fail;
        }
    }
    if (ps->p >= ps->end) goto fail;
    ps->p++; /* closing quote */
    *out = buf;
    *out_len = len;
    return 1;
fail:
    free(buf);
    ps->failed = 1;
    return 0;
}

static int j_value(jparser *ps, jval *v);

static int j_push(jparser *ps, jval *v, char *key) {
    v->items = realloc(v->items, (v->n + 1) * sizeof *v->items);
    if (!v->items) abort();
    if (v->type == J_OBJ) {
        v->keys = realloc(v->keys, (v->n + 1) * sizeof *v->keys);
        if (!v->keys) abort();
        v->keys[v->n] = key;
    }
    memset(&v->items[v->n], 0, sizeof v->items[0]);
    v->n++;
    return j_value(ps, &v->items[v->n - 1]);
}

static int j_value(jparser *ps, jval *v) {
    j_ws(ps);
    if (ps->p >= ps->end) return ps->failed = 1, 0;
    char c = *ps->p;
    if (c == '{' || c == '[') {
        v->type = c == '{' ? J_OBJ : J_ARR;
        char close = c == '{' ? '}' : ']';
        ps->p++;
        j_ws(ps);
        if (ps->p < ps->end && *ps->p == close) return ps->p++, 1;
        for (;;) {
            char *key = NULL;
            if (v->type == J_OBJ) {
                size_t klen;
                j_ws(ps);
                if (ps->p >= ps->end || *ps->p != '"' || !j_string(ps, &key, &klen)) return ps->failed = 1, 0;
                j_ws(ps);
                if (ps->p >= ps->end || *ps->p != ':') return free(key), ps->failed = 1, 0;
                ps->p++;
            }
            if (!j_push(ps, v, key)) return 0;
            j_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') { ps->p++; continue; }
            if (ps->p < ps->end && *ps->p == close) { ps->p++; return 1; }
            return ps->failed = 1, 0;
        }
    }
    if (c == '"') { v->type = J_STR; return j_string(ps, &v->str, &v->len); }
    if (!strncmp(ps->p, "true", 4)) { v->type = J_BOOL; v->boolean = 1; ps->p += 4; return 1; }
    if (!strncmp(ps->p, "false", 5)) { v->type = J_BOOL; ps->p += 5; return 1; }
    if (!strncmp(ps->p, "null", 4)) { v->type = J_NULL; ps->p += 4; return 1; }
    char *num_end;
    v->type = J_NUM;
    v->num = strtod(ps->p, &num_end);
    if (num_end == ps->p) return ps->failed = 1, 0;
    ps->p = num_end;
    return 1;
}

/* Reads and parses a file; returns 1 on success. */
static int j_read_file(const char *path, jval *out) {
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) { fclose(f); free(text); return 0; }
    fclose(f);
    text[size] = 0;
    jparser ps = {text, text + size, 0};
    memset(out, 0, sizeof *out);
    int ok = j_value(&ps, out) && !ps.failed;
    free(text);
    if (!ok) j_free(out);
    return ok;
}

/* The member `key` of an object, or NULL. */
static const jval *j_get(const jval *obj, const char *key) {
    if (!obj || obj->type != J_OBJ) return NULL;
    for (size_t i = 0; i < obj->n; i++)
        if (!strcmp(obj->keys[i], key)) return &obj->items[i];
    return NULL;
}

/* The string member `key`, or NULL (sets *len when found and len is not NULL). */
static const char *j_str(const jval *obj, const char *key, size_t *len) {
    const jval *v = j_get(obj, key);
    if (!v || v->type != J_STR) return NULL;
    if (len) *len = v->len;
    return v->str;
}

#endif
