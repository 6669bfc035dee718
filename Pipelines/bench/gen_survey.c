/*
 * gen_survey.c - deterministic generator of a large survey-tabulation benchmark data set
 * (codebook.csv, participants.csv, responses.csv, run.conf; formats of SPEC section 1.1).
 * Plain C99 + libc (and gen_common.h, beside it), no other dependency.
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
#define GEN_PROG "gen_survey"
#include "gen_common.h"

#define NITEMS 18
#define NCODES 5

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

static void usage(void) {
    fputs("usage: gen_survey OUT_DIR RESPONDENTS [--weights] [--seed SEED]\n"
          "  writes codebook.csv, participants.csv, responses.csv (and responses-weighted.csv\n"
          "  with --weights), run.conf and run-cp.conf into OUT_DIR (default SEED 20051231)\n", stderr);
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
    check_digit_selftest();
    make_out_dir(dir);

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

    /* ids increasing with the participant index (enterprise_id) */
    char(*ids)[14] = malloc((size_t)n * sizeof *ids);
    uint32_t *order = malloc((size_t)n * sizeof *order);
    if (!ids || !order) { perror("gen_survey"); return 70; }
    rng_t rid = rng_new(seed, 1), rpa = rng_new(seed, 2), rsh = rng_new(seed, 3), rre = rng_new(seed, 4);
    const uint64_t gap = 900000000000ULL / n;

    /* participants.csv */
    out_open(&fp, dir, "participants.csv");
    out_str(&fp, "enterprise_id,name,project,region\n");
    for (uint64_t e = 0; e < n; e++) {
        enterprise_id(&rid, e, gap, ids[e]);
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
