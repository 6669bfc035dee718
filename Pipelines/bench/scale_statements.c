/*
 * scale_statements.c - a national statements.csv at another size, for the scaling curve of
 * Pipelines/bench-scale.sh.  Plain C99 + libc (and gen_common.h, beside it).
 *
 * Usage:
 *   scale_statements OUT_DIR STATEMENTS PARTICIPANTS PER_MILLE
 *
 * Writes OUT_DIR/statements.csv (as NAME.tmp, renamed when whole) with every statement of a
 * participant exactly once, and the other enterprises' statements at PER_MILLE / 1000 of
 * their number: below 1000, the enterprises whose 12-digit base falls in the first PER_MILLE
 * of each thousand (whole enterprises, every year kept); at k x 1000, the file's statements
 * k times, copy j with every base moved by j x 382934761003 (mod 10^12) and its check digit
 * recomputed.  The participants' statements, and so the panel, the index series and the
 * survey, are the same at every size: only the national database around them grows.  The
 * first field must be the 13-digit enterprise_id (as the benchmark kit writes it).
 */
#define GEN_PROG "scale_statements"
#include "gen_common.h"

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* the 13-digit number at the start of line, or 0 */
static uint64_t leading_id(const char *line) {
    uint64_t v = 0;
    for (int i = 0; i < 13; i++) {
        if (line[i] < '0' || line[i] > '9') return 0;
        v = v * 10 + (uint64_t)(line[i] - '0');
    }
    return line[13] == ',' ? v : 0;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: " GEN_PROG " OUT_DIR STATEMENTS PARTICIPANTS PER_MILLE\n");
        return 64;
    }
    check_digit_selftest();
    const char *dir = argv[1];
    uint64_t per_mille = parse_u64(argv[4], "PER_MILLE");
    if (per_mille == 0 || (per_mille > 1000 && per_mille % 1000 != 0)) {
        fprintf(stderr, GEN_PROG ": PER_MILLE must be 1..1000 or a multiple of 1000, got %llu\n", (unsigned long long)per_mille);
        return 64;
    }
    FILE *pf = fopen(argv[3], "rb");
    if (!pf) die_io("cannot open", argv[3]);
    size_t np = 0, cap = 1 << 16;
    uint64_t *parts = malloc(cap * sizeof *parts);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    if (!parts) { perror(GEN_PROG); return 70; }
    while ((len = getline(&line, &lcap, pf)) > 0) {
        uint64_t id = leading_id(line);
        if (!id) continue; /* the header */
        if (np == cap) {
            cap *= 2;
            parts = realloc(parts, cap * sizeof *parts);
            if (!parts) { perror(GEN_PROG); return 70; }
        }
        parts[np++] = id;
    }
    fclose(pf);
    qsort(parts, np, sizeof *parts, cmp_u64);

    FILE *sf = fopen(argv[2], "rb");
    if (!sf) die_io("cannot open", argv[2]);
    make_out_dir(dir);
    static out_t o;
    out_open(&o, dir, "statements.csv");
    uint64_t copies = per_mille >= 1000 ? per_mille / 1000 : 1;
    while ((len = getline(&line, &lcap, sf)) > 0) {
        uint64_t id = leading_id(line);
        int participant = id && bsearch(&id, parts, np, sizeof *parts, cmp_u64);
        uint64_t base = id % 1000000000000ULL;
        if (!id || participant) { out_mem(&o, line, (size_t)len); continue; }
        if (per_mille < 1000) {
            if (base % 1000 < per_mille) out_mem(&o, line, (size_t)len);
            continue;
        }
        out_mem(&o, line, (size_t)len);
        for (uint64_t j = 1; j < copies; j++) {
            uint64_t moved = (base + j * 382934761003ULL) % 1000000000000ULL;
            out_ch(&o, (char)('0' + check_digit(moved)));
            out_uint_w(&o, moved, 12);
            out_mem(&o, line + 13, (size_t)len - 13);
        }
    }
    if (ferror(sf)) die_io("cannot read", argv[2]);
    fclose(sf);
    free(line);
    free(parts);
    out_close(&o, dir, "statements.csv");
    return 0;
}
