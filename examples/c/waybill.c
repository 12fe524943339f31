/*
 * A courier backend's use of libyinsi: read waybills (name, phone, address) from a CSV file, store
 * tokens instead of the personal data, and print privacy waybills (张*, 138****5678,
 * 浙江省杭州市西湖区****).
 *
 *   cc waybill.c $(pkg-config --cflags --libs yinsi) -o waybill
 *   YINSI_KEY=<64 hex digits or a keyring file's text> ./waybill waybills.csv stored.csv print.txt
 *
 * One tokenizer handle for the process; each column goes through one batch call, so a bad row
 * costs only its own cell (per-item status), never the file. Phone tokens keep the 11-digit format
 * (they still fit the old column) and do not carry their key version, so the stored file has a
 * key_version column. The courier's device later gets the real phone back with
 * yinsi_detokenize_batch; this program checks that round trip before it writes anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yinsi.h>

#define MAX_ROWS 10000
#define COLS 3

static const uint32_t kinds[COLS] = {YINSI_KIND_CN_NAME, YINSI_KIND_CN_MOBILE, YINSI_KIND_CN_ADDRESS};
static const char *const contexts[COLS] = {"waybill.name", "waybill.phone", "waybill.address"};
static const char *const labels[COLS] = {"收件人", "电话", "地址"};

typedef struct {
    char *cell[COLS];
} row;

/* Reads one CSV field (RFC 4180 quoting) from *p into a new string; advances *p. */
static char *field(const char **p) {
    const char *s = *p;
    size_t cap = strlen(s) + 1, n = 0;
    char *out = malloc(cap);
    if (!out) abort();
    if (*s == '"') {
        for (s++; *s; s++) {
            if (*s == '"' && s[1] == '"') out[n++] = '"', s++;
            else if (*s == '"') { s++; break; }
            else out[n++] = *s;
        }
    } else {
        while (*s && *s != ',' && *s != '\n' && *s != '\r') out[n++] = *s++;
    }
    out[n] = 0;
    if (*s == ',') s++;
    *p = s;
    return out;
}

/* Writes a CSV field, quoted when it needs to be. */
static void put_field(FILE *f, const char *s, int last) {
    if (strpbrk(s, ",\"\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"') fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

/* Prints a failed call's status and message (messages never contain the value) and frees it. */
static int report(const char *what, yinsi_status status, yinsi_error *err) {
    fprintf(stderr, "waybill: %s: %s: %s\n", what, yinsi_status_name(status), yinsi_error_message(err));
    yinsi_error_free(err);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s WAYBILLS.csv STORED.csv PRINT.txt (key in $YINSI_KEY)\n", argv[0]);
        return 2;
    }
    if (yinsi_abi_version() != YINSI_ABI_VERSION) {
        fprintf(stderr, "waybill: libyinsi ABI %u, header %u\n", yinsi_abi_version(), YINSI_ABI_VERSION);
        return 1;
    }
    yinsi_error *err = NULL;
    yinsi_status s;
    yinsi_keyring *ring = NULL;
    yinsi_tokenizer *tk = NULL;
    uint32_t version = 0;
    if ((s = yinsi_keyring_from_env((const uint8_t *)"YINSI_KEY", 9, &ring, &err))) return report("key", s, err);
    if ((s = yinsi_keyring_active_version(ring, &version, &err))) return report("key", s, err);
    s = yinsi_tokenizer_new(ring, NULL, &tk, &err);
    yinsi_keyring_free(ring); /* the tokenizer holds its own reference */
    if (s) return report("tokenizer", s, err);

    FILE *in = fopen(argv[1], "r");
    if (!in) return perror(argv[1]), 1;
    static row rows[MAX_ROWS];
    size_t n = 0;
    char line[4096];
    int header = 1;
    while (fgets(line, sizeof line, in) && n < MAX_ROWS) {
        if (header) { header = 0; continue; } /* name,phone,address */
        if (line[0] == '\n' || line[0] == '\r' || line[0] == 0) continue;
        const char *p = line;
        for (int c = 0; c < COLS; c++) rows[n].cell[c] = field(&p);
        n++;
    }
    fclose(in);

    /* One batch call per column: tokens for storage. */
    const uint8_t **values = calloc(n ? n : 1, sizeof *values);
    size_t *lens = calloc(n ? n : 1, sizeof *lens);
    yinsi_batch *tokens[COLS] = {0};
    for (int c = 0; c < COLS; c++) {
        for (size_t i = 0; i < n; i++) values[i] = (const uint8_t *)rows[i].cell[c], lens[i] = strlen(rows[i].cell[c]);
        s = yinsi_tokenize_batch(tk, kinds[c], values, lens, n, (const uint8_t *)contexts[c], strlen(contexts[c]),
                                 &tokens[c], &err);
        if (s) return report("tokenize", s, err);
    }

    /* The courier's device: phone tokens must come back as the phones. */
    size_t ok_phones = 0, round_trips = 0;
    for (size_t i = 0; i < n; i++) {
        values[i] = (const uint8_t *)tokens[1]->items[i].value;
        lens[i] = tokens[1]->items[i].len;
    }
    yinsi_batch *phones = NULL;
    s = yinsi_detokenize_batch(tk, YINSI_KIND_CN_MOBILE, values, lens, n, (const uint8_t *)contexts[1],
                               strlen(contexts[1]), &phones, &err);
    if (s) return report("detokenize", s, err);
    for (size_t i = 0; i < n; i++) {
        if (tokens[1]->items[i].status != YINSI_STATUS_OK) continue;
        ok_phones++;
        round_trips += phones->items[i].status == YINSI_STATUS_OK && !strcmp(phones->items[i].value, rows[i].cell[1]);
    }
    yinsi_batch_free(phones);

    FILE *stored = fopen(argv[2], "w"), *print = fopen(argv[3], "w");
    if (!stored || !print) return perror("output"), 1;
    fputs("name_token,phone_token,address_token,key_version\n", stored);
    size_t failed_cells = 0;
    for (size_t i = 0; i < n; i++) {
        fprintf(print, "运单 %zu\n", i + 1);
        for (int c = 0; c < COLS; c++) {
            const yinsi_batch_item *t = &tokens[c]->items[i];
            /* A cell that cannot be tokenized is not stored in clear: it is left empty. */
            put_field(stored, t->status == YINSI_STATUS_OK ? t->value : "", 0);
            char *masked = NULL;
            s = yinsi_mask(tk, kinds[c], (const uint8_t *)rows[i].cell[c], strlen(rows[i].cell[c]),
                           (const uint8_t *)"privacy_waybill", 15, &masked, NULL, NULL);
            if (s == YINSI_STATUS_OK) {
                fprintf(print, "  %s: %s\n", labels[c], masked);
            } else {
                fprintf(print, "  %s: [无效 %s]\n", labels[c], yinsi_status_name(s));
            }
            if (t->status != YINSI_STATUS_OK) {
                failed_cells++;
                printf("waybill: row %zu, %s: %s\n", i + 1, yinsi_kind_name(kinds[c]), yinsi_status_name(t->status));
            }
            yinsi_string_free(masked);
        }
        fprintf(stored, "%u\n", version);
    }
    fclose(stored);
    fclose(print);

    for (int c = 0; c < COLS; c++) yinsi_batch_free(tokens[c]);
    for (size_t i = 0; i < n; i++)
        for (int c = 0; c < COLS; c++) free(rows[i].cell[c]);
    free(values);
    free(lens);
    yinsi_tokenizer_free(tk);
    printf("waybill: %zu waybills, %zu cells refused, %zu/%zu phones round-trip\n", n, failed_cells, round_trips, ok_phones);
    return round_trips == ok_phones ? 0 : 1;
}
