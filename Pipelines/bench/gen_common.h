/*
 * gen_common.h - code shared by the benchmark data generators (gen_statements.c,
 * gen_survey.c): splitmix64 PRNG, corporate numbers, buffered output to NAME.tmp renamed
 * when complete, RFC 4180 fields, argument parsing, the enterprise-name vocabulary.
 * Plain C99 + libc.  Header-only (everything static); include it once, after
 *   #define GEN_PROG "gen_xxx"    (the program name that prefixes the messages)
 */
#ifndef GEN_COMMON_H
#define GEN_COMMON_H

#ifndef GEN_PROG
#error "define GEN_PROG (the program name) before including gen_common.h"
#endif

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define DEFAULT_SEED 20051231ULL
#define COUNT(a) ((int)(sizeof a / sizeof a[0]))

/* ---------- PRNG: splitmix64 ---------- */
typedef struct { uint64_t s; } rng_t;

static uint64_t next_u64(rng_t *r) {
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
static rng_t rng_new(uint64_t seed, uint64_t stream) {
    rng_t r = { seed ^ (stream * 0xD1B54A32D192ED03ULL) };
    next_u64(&r); /* decorrelate nearby seeds */
    return r;
}
/* uniform integer in [0,n) (n > 0); the modulo bias is irrelevant here */
static uint64_t below(rng_t *r, uint64_t n) { return next_u64(r) % n; }
/* index drawn from integer weights w[0..n-1] */
static int pick(rng_t *r, const int *w, int n) {
    int total = 0, i;
    for (i = 0; i < n; i++) total += w[i];
    int x = (int)below(r, (uint64_t)total);
    for (i = 0; i < n; i++) { if (x < w[i]) return i; x -= w[i]; }
    return n - 1;
}

/* ---------- corporate number check digit ----------
 * check = 9 - (sum_{n=1..12} P_n * Q_n) mod 9, P_n = n-th digit of the 12-digit base
 * from the right, Q_n = 1 (n odd) / 2 (n even).  Example: 1180301018771 is valid. */
static int check_digit(uint64_t base) {
    int sum = 0;
    for (int n = 1; n <= 12; n++) { sum += (int)(base % 10) * ((n & 1) ? 1 : 2); base /= 10; }
    return 9 - sum % 9;
}
/* self-check of the check-digit rule against the documented example; exits 70 if wrong */
static void check_digit_selftest(void) {
    if (check_digit(180301018771ULL) != 1) { fputs(GEN_PROG ": check digit self-test failed\n", stderr); exit(70); }
}
/* The corporate number of enterprise e of n, as 13 digits + NUL into txt: a random 12-digit
 * base in [1e11 + e*gap, 1e11 + (e+1)*gap), gap = 9e11 / n (so ids increase with e), with its
 * check digit in front.  One draw from r per call. */
static void enterprise_id(rng_t *r, uint64_t e, uint64_t gap, char txt[14]) {
    uint64_t base = 100000000000ULL + e * gap + below(r, gap);
    uint64_t id = (uint64_t)check_digit(base) * 1000000000000ULL + base;
    for (int k = 12; k >= 0; k--) { txt[k] = (char)('0' + id % 10); id /= 10; }
    txt[13] = 0;
}

/* ---------- enterprise names: "<stem><kind>株式会社 ..." ---------- */
static const char *const STEMS[] = { "タマ", "ミナミ", "北斗", "東邦", "信和", "大和", "日進", "三協",
                                     "サクラ", "ホクト", "光", "協和", "エムテック", "九州", "中部", "琉球" };
static const char *const KINDS[] = { "精機", "工業", "製作所", "電子", "食品", "商事", "技研", "システム",
                                     "バイオ", "物産", "化学", "金属" };

/* ---------- buffered output ---------- */
typedef struct { FILE *f; const char *path; size_t n; char buf[1 << 20]; } out_t;

static void die_io(const char *what, const char *path) {
    fprintf(stderr, GEN_PROG ": %s %s: %s\n", what, path, strerror(errno));
    exit(74);
}
static void out_flush(out_t *o) {
    if (o->n && fwrite(o->buf, 1, o->n, o->f) != o->n) die_io("cannot write", o->path);
    o->n = 0;
}
static inline void out_mem(out_t *o, const char *s, size_t len) {
    if (o->n + len > sizeof o->buf) out_flush(o);
    memcpy(o->buf + o->n, s, len); o->n += len;
}
static inline void out_str(out_t *o, const char *s) { out_mem(o, s, strlen(s)); }
static inline void out_ch(out_t *o, char c) { if (o->n + 1 > sizeof o->buf) out_flush(o); o->buf[o->n++] = c; }
/* zero-padded to width digits */
static inline void out_uint_w(out_t *o, uint64_t u, int width) {
    char tmp[24]; int i = 24;
    while (width-- > 0 || u) { tmp[--i] = (char)('0' + u % 10); u /= 10; }
    out_mem(o, tmp + i, (size_t)(24 - i));
}
/* RFC 4180 field: quoted when it holds a comma, quote, CR or LF */
static void out_field(out_t *o, const char *s) {
    if (!strpbrk(s, ",\"\r\n")) { out_str(o, s); return; }
    out_ch(o, '"');
    for (; *s; s++) { if (*s == '"') out_ch(o, '"'); out_ch(o, *s); }
    out_ch(o, '"');
}

static char *join(const char *dir, const char *name) {
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) { perror(GEN_PROG); exit(70); }
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}
/* creates OUT_DIR if missing (not its parents) */
static void make_out_dir(const char *dir) {
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) die_io("cannot create directory", dir);
}
/* out_open writes to DIR/NAME.tmp; out_close flushes, closes and renames it to DIR/NAME */
static void out_open(out_t *o, const char *dir, const char *name) {
    char *tmp = join(dir, name);
    size_t n = strlen(tmp) + 5;
    char *p = malloc(n);
    if (!p) { perror(GEN_PROG); exit(70); }
    snprintf(p, n, "%s.tmp", tmp);
    free(tmp);
    o->path = p; o->n = 0;
    o->f = fopen(p, "wb");
    if (!o->f) die_io("cannot create", p);
}
static void out_close(out_t *o, const char *dir, const char *name) {
    out_flush(o);
    if (fclose(o->f) != 0) die_io("cannot write", o->path);
    char *final = join(dir, name);
    if (rename(o->path, final) != 0) die_io("cannot rename to", final);
    free(final); free((void *)o->path);
}

/* ---------- arguments ---------- */
/* decimal, no sign; exits 64 with a message naming `what` otherwise */
static uint64_t parse_u64(const char *s, const char *what) {
    char *end; errno = 0;
    if (!*s || *s == '-') goto bad;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) goto bad;
    return (uint64_t)v;
bad:
    fprintf(stderr, GEN_PROG ": %s: not a non-negative integer: '%s'\n", what, s);
    exit(64);
}

#endif /* GEN_COMMON_H */
