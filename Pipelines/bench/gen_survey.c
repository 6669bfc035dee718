/*
 * gen_survey.c - deterministic generator of a large survey-tabulation benchmark data set
 * (codebook.csv, participants.csv, responses.csv, run.conf; formats of SPEC section 1.1).
 * Plain C99 + libc, no other dependency.
 *
 * Usage:
 *   gen_survey OUT_DIR RESPONDENTS [--weights] [--seed SEED]
 *
 *   cc -O2 -o gen_survey gen_survey.c
 *   ./gen_survey /tmp/survey 1000000 --weights     # ~1M rows, ~50 MB per responses file
 *
 * OUT_DIR is created if missing.  Files are written as NAME.tmp and renamed when complete,
 * so a file that exists is whole.  Same arguments => byte-identical files.  Output: UTF-8
 * (no BOM), LF, header row.
 *
 * codebook.csv: Q1 multi with 18 items (q1_01..q1_18, Japanese labels, some quoted because
 *   they hold a comma), Q2 single with codes 1..5 (column q2).
 * participants.csv: RESPONDENTS enterprises (valid corporate numbers, increasing) in 18
 *   cluster projects of uneven size (some codes differ only in case, one is Japanese); names
 *   in Japanese, ~5% with a comma and ~1% with quotes (RFC 4180 quoted).
 * responses.csv: every participant answers once, in a shuffled order; ~1% also have an
 *   EARLIER submission written right after the winning one (de-duplication must look at
 *   submitted_at, not at the file order).  submitted_at: mostly `2005-09-DDTHH:MM:SS`, some
 *   with `+09:00` or `Z`, some a date alone.  Q1 cells: selected `1` (~4% `○`, ~1% `◯`),
 *   not selected `0` (~10% empty); ~3% of respondents select nothing.  Q2: a code or empty.
 * responses-weighted.csv (with --weights): the same rows with a `weight` column after
 *   submitted_at (0.25 .. 4.00, two decimals).
 * run.conf: CI_METHOD=wilson; run-cp.conf: CI_METHOD=clopper-pearson (both CONFIDENCE=0.95).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define DEFAULT_SEED 20051231ULL
#define NITEMS 18
#define NCODES 5

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
/* index drawn from integer weights */
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

/* ---------- buffered output ---------- */
typedef struct { FILE *f; const char *path; size_t n; char buf[1 << 20]; } out_t;

static void die_io(const char *what, const char *path) {
    fprintf(stderr, "gen_survey: %s %s: %s\n", what, path, strerror(errno));
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
    if (!p) { perror("gen_survey"); exit(70); }
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}
static void out_open(out_t *o, const char *dir, const char *name) {
    char *tmp = join(dir, name);
    size_t n = strlen(tmp) + 5;
    char *p = malloc(n);
    if (!p) { perror("gen_survey"); exit(70); }
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

/* ---------- survey content ---------- */
/* Q1 benefit items (after the Monitoring Survey 1 chart) with a selection rate in per mille. */
static const struct { const char *label; int permille; } ITEMS[NITEMS] = {
    { "行政の支援施策・補助金に関する情報の入手", 690 },
    { "業界・市場動向、顧客ニーズの把握", 520 },
    { "他企業との人的ネットワークの形成", 610 },
    { "大学・公設試との連携, 共同研究", 380 },
    { "新製品・新技術の開発", 330 },
    { "販路開拓、取引先の拡大", 410 },
    { "技術・ノウハウの習得", 290 },
    { "人材の確保・育成", 170 },
    { "資金調達（融資・出資）", 90 },
    { "知的財産の取得・活用", 120 },
    { "海外展開, 国際取引", 70 },
    { "企業イメージ・信用力の向上", 260 },
    { "経営者の意識改革", 220 },
    { "異業種交流による新事業の創出", 240 },
    { "試作・評価設備の利用", 110 },
    { "専門家による経営相談", 150 },
    { "産学官連携コーディネーターの支援", 180 },
    { "その他", 30 },
};
static const char *CODES[NCODES] = { "大いに役立った", "役立った", "どちらともいえない", "あまり役立たなかった", "役立たなかった" };
static const int CODE_W[NCODES] = { 22, 41, 24, 9, 4 };

/* 18 cluster projects, uneven sizes; TAMA / Tama / tama and 関西 differ by code point vs locale. */
static const char *PROJECTS[] = {
    "HOKKAIDO", "TOHOKU", "TAMA", "Tama", "tama", "KANTO_IT", "CHUBU_MONOZUKURI", "TOKAI", "HOKURIKU",
    "KINKI_BIO", "関西フロンティア", "CHUGOKU", "SHIKOKU", "KYUSHU_SI", "KYUSHU_ENV", "OKINAWA",
    "Saitama_Bio", "Niigata",
};
static const int PROJECT_W[] = { 8, 10, 22, 2, 1, 18, 16, 9, 5, 12, 6, 7, 4, 10, 3, 4, 2, 3 };
static const char *REGIONS[] = { "北海道", "宮城県", "東京都", "神奈川県", "埼玉県", "千葉県", "愛知県", "静岡県",
                                 "富山県", "大阪府", "京都府", "広島県", "香川県", "福岡県", "熊本県", "沖縄県",
                                 "埼玉県", "新潟県" };
static const char *STEMS[] = { "タマ", "ミナミ", "北斗", "東邦", "信和", "大和", "日進", "三協",
                               "サクラ", "ホクト", "光", "協和", "エムテック", "九州", "中部", "琉球" };
static const char *KINDS[] = { "精機", "工業", "製作所", "電子", "食品", "商事", "技研", "システム",
                               "バイオ", "物産", "化学", "金属" };
#define COUNT(a) ((int)(sizeof a / sizeof a[0]))

static void usage(void) {
    fputs("usage: gen_survey OUT_DIR RESPONDENTS [--weights] [--seed SEED]\n"
          "  writes codebook.csv, participants.csv, responses.csv (and responses-weighted.csv\n"
          "  with --weights), run.conf and run-cp.conf into OUT_DIR (default SEED 20051231)\n", stderr);
    exit(64);
}
static uint64_t parse_u64(const char *s, const char *what) {
    char *end; errno = 0;
    if (!*s || *s == '-') goto bad;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end) goto bad;
    return (uint64_t)v;
bad:
    fprintf(stderr, "gen_survey: %s: not a non-negative integer: '%s'\n", what, s);
    exit(64);
}

/* One submission: timestamp text into ts (NUL-terminated). */
static void timestamp(rng_t *r, int day, char *ts, size_t size) {
    int hour = 8 + (int)below(r, 12), minute = (int)below(r, 60), second = (int)below(r, 60);
    uint64_t form = below(r, 100);
    if (form < 80)
        snprintf(ts, size, "2005-%02d-%02dT%02d:%02d:%02d", day > 30 ? 10 : 9, day > 30 ? day - 30 : day, hour, minute, second);
    else if (form < 90)
        snprintf(ts, size, "2005-%02d-%02dT%02d:%02d:%02d+09:00", day > 30 ? 10 : 9, day > 30 ? day - 30 : day, hour, minute, second);
    else if (form < 95) /* a UTC time (an hour later than the wall clock above would be, in Japan) */
        snprintf(ts, size, "2005-%02d-%02dT%02d:%02d:%02dZ", day > 30 ? 10 : 9, day > 30 ? day - 30 : day, hour - 8, minute, second);
    else
        snprintf(ts, size, "2005-%02d-%02d", day > 30 ? 10 : 9, day > 30 ? day - 30 : day);
}

/* One response row (to one or two files): id, submitted_at, [weight], 18 Q1 cells, q2. */
static void response_row(out_t *plain, out_t *weighted, rng_t *r, const char *id, int day) {
    char ts[40], cells[NITEMS * 4 + 64];
    size_t n = 0;
    timestamp(r, day, ts, sizeof ts);
    int nothing = below(r, 1000) < 30;
    for (int k = 0; k < NITEMS; k++) {
        int selected = !nothing && (int)below(r, 1000) < ITEMS[k].permille;
        cells[n++] = ',';
        if (selected) {
            uint64_t f = below(r, 100);
            const char *s = f < 4 ? "○" : f < 5 ? "◯" : "1";
            size_t len = strlen(s);
            memcpy(cells + n, s, len); n += len;
        } else if (below(r, 10) != 0) {
            cells[n++] = '0';
        }
    }
    cells[n++] = ',';
    if (below(r, 100) >= 5) cells[n++] = (char)('1' + pick(r, CODE_W, NCODES));
    cells[n++] = '\n';
    unsigned w = 25 + (unsigned)below(r, 376); /* 0.25 .. 4.00 */

    out_mem(plain, id, 13); out_ch(plain, ','); out_str(plain, ts); out_mem(plain, cells, n);
    if (weighted) {
        char wt[16];
        snprintf(wt, sizeof wt, ",%u.%02u", w / 100, w % 100);
        out_mem(weighted, id, 13); out_ch(weighted, ','); out_str(weighted, ts); out_str(weighted, wt);
        out_mem(weighted, cells, n);
    }
}

static void write_conf(const char *dir, const char *name, const char *method) {
    static out_t o;
    out_open(&o, dir, name);
    out_str(&o, "# survey tabulation benchmark (Pipelines/bench/gen_survey.c)\nCONFIDENCE=0.95\nCI_METHOD=");
    out_str(&o, method);
    out_ch(&o, '\n');
    out_close(&o, dir, name);
}

int main(int argc, char **argv) {
    const char *pos[2]; int npos = 0, weights = 0;
    uint64_t seed = DEFAULT_SEED;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed")) { if (++i >= argc) usage(); seed = parse_u64(argv[i], "seed"); }
        else if (!strncmp(argv[i], "--seed=", 7)) seed = parse_u64(argv[i] + 7, "seed");
        else if (!strcmp(argv[i], "--weights")) weights = 1;
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) usage();
        else if (npos < 2) pos[npos++] = argv[i];
        else usage();
    }
    if (npos < 2) usage();
    const char *dir = pos[0];
    uint64_t n = parse_u64(pos[1], "RESPONDENTS");
    if (n < 1 || n > 100000000ULL) { fputs("gen_survey: RESPONDENTS must be 1..100000000\n", stderr); return 64; }
    if (check_digit(180301018771ULL) != 1) { fputs("gen_survey: check digit self-test failed\n", stderr); return 70; }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) die_io("cannot create directory", dir);

    /* codebook.csv */
    static out_t fc, fp, fr, fw;
    out_open(&fc, dir, "codebook.csv");
    out_str(&fc, "question,type,item,column,label\n");
    for (int k = 0; k < NITEMS; k++) {
        out_str(&fc, "Q1,multi,");
        out_uint_w(&fc, (uint64_t)k + 1, 1);
        out_str(&fc, ",q1_");
        out_uint_w(&fc, (uint64_t)k + 1, 2);
        out_ch(&fc, ',');
        out_field(&fc, ITEMS[k].label);
        out_ch(&fc, '\n');
    }
    for (int c = 0; c < NCODES; c++) {
        out_str(&fc, "Q2,single,");
        out_uint_w(&fc, (uint64_t)c + 1, 1);
        out_str(&fc, ",q2,");
        out_field(&fc, CODES[c]);
        out_ch(&fc, '\n');
    }
    out_close(&fc, dir, "codebook.csv");

    write_conf(dir, "run.conf", "wilson");
    write_conf(dir, "run-cp.conf", "clopper-pearson");

    /* ids: base_i in [1e11 + i*gap, 1e11 + (i+1)*gap), increasing with i */
    char(*ids)[14] = malloc((size_t)n * sizeof *ids);
    uint32_t *order = malloc((size_t)n * sizeof *order);
    if (!ids || !order) { perror("gen_survey"); return 70; }
    rng_t rid = rng_new(seed, 1), rpa = rng_new(seed, 2), rsh = rng_new(seed, 3), rre = rng_new(seed, 4);
    const uint64_t gap = 900000000000ULL / n;

    /* participants.csv */
    out_open(&fp, dir, "participants.csv");
    out_str(&fp, "enterprise_id,name,project,region\n");
    for (uint64_t e = 0; e < n; e++) {
        uint64_t base = 100000000000ULL + e * gap + below(&rid, gap);
        uint64_t id = (uint64_t)check_digit(base) * 1000000000000ULL + base;
        for (int k = 12; k >= 0; k--) { ids[e][k] = (char)('0' + id % 10); id /= 10; }
        ids[e][13] = 0;
        char name[256];
        const char *stem = STEMS[below(&rpa, COUNT(STEMS))], *kind = KINDS[below(&rpa, COUNT(KINDS))];
        uint64_t form = below(&rpa, 1000);
        if (form < 50)
            snprintf(name, sizeof name, "%s%s株式会社, %s工場 %llu", stem, kind, stem, (unsigned long long)e + 1);
        else if (form < 60)
            snprintf(name, sizeof name, "株式会社\"%s\"%s %llu", stem, kind, (unsigned long long)e + 1);
        else if (form < 450)
            snprintf(name, sizeof name, "%s%s株式会社 %llu", stem, kind, (unsigned long long)e + 1);
        else
            snprintf(name, sizeof name, "株式会社%s%s %llu", stem, kind, (unsigned long long)e + 1);
        int p = pick(&rpa, PROJECT_W, COUNT(PROJECT_W));
        out_mem(&fp, ids[e], 13); out_ch(&fp, ',');
        out_field(&fp, name); out_ch(&fp, ',');
        out_str(&fp, PROJECTS[p]); out_ch(&fp, ',');
        out_str(&fp, REGIONS[p]); out_ch(&fp, '\n');
        order[e] = (uint32_t)e;
    }
    out_close(&fp, dir, "participants.csv");

    /* responses in a shuffled order (Fisher-Yates) */
    for (uint64_t i = n - 1; i > 0; i--) {
        uint64_t j = below(&rsh, i + 1);
        uint32_t t = order[i]; order[i] = order[j]; order[j] = t;
    }
    const char *header = ",q1_01,q1_02,q1_03,q1_04,q1_05,q1_06,q1_07,q1_08,q1_09,q1_10,q1_11,q1_12,q1_13,"
                         "q1_14,q1_15,q1_16,q1_17,q1_18,q2\n";
    out_open(&fr, dir, "responses.csv");
    out_str(&fr, "respondent_id,submitted_at"); out_str(&fr, header);
    if (weights) { out_open(&fw, dir, "responses-weighted.csv"); out_str(&fw, "respondent_id,submitted_at,weight"); out_str(&fw, header); }
    uint64_t rows = 0, dups = 0;
    for (uint64_t i = 0; i < n; i++) {
        const char *id = ids[order[i]];
        int day = 3 + (int)below(&rre, 56); /* 2005-09-03 .. 2005-10-28 */
        response_row(&fr, weights ? &fw : NULL, &rre, id, day);
        rows++;
        if (below(&rre, 100) == 0) { /* an earlier submission, later in the file */
            response_row(&fr, weights ? &fw : NULL, &rre, id, day - 2);
            rows++; dups++;
        }
    }
    out_close(&fr, dir, "responses.csv");
    if (weights) out_close(&fw, dir, "responses-weighted.csv");
    free(ids); free(order);
    fprintf(stderr, "gen_survey: %s: %llu participants, %llu response rows (%llu earlier duplicates)%s (seed %llu)\n",
            dir, (unsigned long long)n, (unsigned long long)rows, (unsigned long long)dups,
            weights ? ", weighted copy" : "", (unsigned long long)seed);
    return 0;
}
