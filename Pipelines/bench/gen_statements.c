/*
 * gen_statements.c - deterministic generator of a large ingest benchmark data set
 * (statements.csv, participants.csv, industries.csv, sme_criteria.csv; formats of
 * SPEC section 1.1).  Plain C99 + libc (and gen_common.h, beside it), no other dependency.
 *
 * Usage:
 *   gen_statements OUT_DIR ENTERPRISES PARTICIPANTS [SEED]
 *   gen_statements OUT_DIR ENTERPRISES PARTICIPANTS --seed SEED
 *
 *   cc -O2 -o gen_statements gen_statements.c
 *   ./gen_statements /tmp/bench 1400000 10000      # ~6.8M statement rows, ~357 MB, ~1.5 s
 *
 * OUT_DIR is created if missing.  Files are written as NAME.tmp and renamed when
 * complete, so a file that exists is whole.  Same arguments => byte-identical files.
 * Output: UTF-8 (no BOM), LF, header row.
 *
 * statements.csv: ENTERPRISES enterprises x fiscal years 2000..2004, ~3% of the
 * enterprise-years absent, grouped by enterprise (in order of the 12-digit base, not of
 * the check digit) then ordered by fiscal year; ~0.2% of the
 * employees / sales / net_income cells empty; period_months always 12; no quoting.
 * participants.csv: PARTICIPANTS distinct enterprises of statements.csv (selection
 * sampling, in enterprise order); some names contain a comma or a quote, so they are quoted.
 */
#define GEN_PROG "gen_statements"
#include "gen_common.h"

#define FIRST_FY 2000
#define LAST_FY 2004
#define NYEARS (LAST_FY - FIRST_FY + 1)

/* ---------- PRNG helpers (next_u64, below, pick: gen_common.h) ---------- */
/* uniform double in [0,1) */
static double u01(rng_t *r) { return (double)(next_u64(r) >> 11) * (1.0 / 9007199254740992.0); }
/* uniform integer in [lo,hi] */
static int64_t between(rng_t *r, int64_t lo, int64_t hi) { return lo + (int64_t)below(r, (uint64_t)(hi - lo + 1)); }
/* approximately standard normal (Irwin-Hall, 4 terms; no libm needed) */
static double gauss(rng_t *r) { return (u01(r) + u01(r) + u01(r) + u01(r) - 2.0) * 1.7320508075688772; }
static int64_t round_pos(double x) { return x < 0 ? -(int64_t)(-x + 0.5) : (int64_t)(x + 0.5); }

/* signed decimal (out_t and the other out_* helpers: gen_common.h) */
static inline void out_int(out_t *o, int64_t v) {
    char tmp[24]; int i = 24; uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    do { tmp[--i] = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) tmp[--i] = '-';
    out_mem(o, tmp + i, (size_t)(24 - i));
}

/* ---------- reference tables ---------- */
/* codes: JSIC division letter + major group (e.g. E09 = 食料品製造業) */
typedef struct {
    const char *code, *label, *category, *sector;
    int weight;           /* share of enterprises */
    double sales_per_emp; /* thousand yen per employee and year, typical */
} industry_t;

static const industry_t INDUSTRIES[] = {
    { "E09", "食料品製造業", "food", "manufacturing", 9, 28000 },
    { "E10", "飲料・たばこ・飼料製造業", "food", "manufacturing", 2, 45000 },
    { "E22", "鉄鋼業", "metal", "manufacturing", 3, 50000 },
    { "E24", "金属製品製造業", "metal", "manufacturing", 12, 22000 },
    { "E25", "はん用機械器具製造業", "machinery", "manufacturing", 6, 27000 },
    { "E26", "生産用機械器具製造業", "machinery", "manufacturing", 10, 30000 },
    { "E28", "電子部品, デバイス・電子回路製造業", "electrical", "manufacturing", 6, 26000 },
    { "E29", "電気機械器具製造業", "electrical", "manufacturing", 6, 29000 },
    { "I52", "飲食料品卸売業", "wholesale", "wholesale", 8, 90000 },
    { "I53", "建築材料、鉱物・金属材料等卸売業", "wholesale", "wholesale", 8, 80000 },
    { "I58", "飲食料品小売業", "retail", "retail", 9, 18000 },
    { "I60", "その他の小売業", "retail", "retail", 9, 22000 },
    { "G39", "情報サービス業", "services", "services", 12, 14000 },
};
#define NIND ((int)(sizeof INDUSTRIES / sizeof INDUSTRIES[0]))

static const struct { const char *sector; int max_capital, max_employees; } SME[] = {
    { "manufacturing", 300000, 300 },
    { "wholesale", 100000, 100 },
    { "retail", 50000, 50 },
    { "services", 50000, 100 },
};

/* fiscal-year end month: mostly March */
static const int FYE_MONTH[] = { 3, 12, 6, 9, 5, 8, 10, 1, 2, 4, 7, 11 };
static const int FYE_WEIGHT[] = { 66, 10, 5, 5, 2, 2, 2, 2, 2, 2, 1, 1 };

/* employee size buckets */
static const int EMP_LO[] = { 1, 5, 10, 20, 50, 100, 300, 1000 };
static const int EMP_HI[] = { 4, 9, 19, 49, 99, 299, 999, 2000 };
static const int EMP_W[] = { 9, 11, 16, 22, 17, 15, 7, 3 };
/* typical (round) capital amounts, thousand yen */
static const int64_t CAPITALS[] = { 1000, 3000, 5000, 10000, 20000, 30000, 50000, 80000, 100000,
                                    200000, 300000, 500000, 1000000, 2000000, 3000000, 5000000 };
#define NCAP ((int)(sizeof CAPITALS / sizeof CAPITALS[0]))

static const char *PROJECTS[] = { "HOKKAIDO", "TOHOKU", "TAMA", "KANTO_IT", "CHUBU_MONOZUKURI",
                                  "KINKI_BIO", "KYUSHU_SI", "OKINAWA" };
static const int PROJECT_W[] = { 8, 10, 22, 18, 16, 12, 10, 4 };
static const char *const *REGIONS[] = {
    (const char *[]){ "北海道", NULL },
    (const char *[]){ "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", NULL },
    (const char *[]){ "東京都", "神奈川県", "埼玉県", NULL },
    (const char *[]){ "東京都", "神奈川県", "千葉県", "茨城県", "栃木県", "群馬県", NULL },
    (const char *[]){ "愛知県", "岐阜県", "三重県", "静岡県", "長野県", NULL },
    (const char *[]){ "大阪府", "京都府", "兵庫県", "滋賀県", "奈良県", NULL },
    (const char *[]){ "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", NULL },
    (const char *[]){ "沖縄県", NULL },
};

static void usage(void) {
    fputs("usage: gen_statements OUT_DIR ENTERPRISES PARTICIPANTS [SEED | --seed SEED]\n"
          "  writes statements.csv, participants.csv, industries.csv, sme_criteria.csv into OUT_DIR\n"
          "  (ENTERPRISES x fiscal years 2000..2004; default SEED 20051231)\n", stderr);
    exit(64);
}

int main(int argc, char **argv) {
    const char *pos[4]; int npos = 0;
    uint64_t seed = DEFAULT_SEED;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--seed")) { if (++i >= argc) usage(); seed = parse_u64(argv[i], "seed"); }
        else if (!strncmp(argv[i], "--seed=", 7)) seed = parse_u64(argv[i] + 7, "seed");
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) usage();
        else if (npos < 4) pos[npos++] = argv[i];
        else usage();
    }
    if (npos < 3) usage();
    const char *dir = pos[0];
    uint64_t nent = parse_u64(pos[1], "ENTERPRISES");
    uint64_t npart = parse_u64(pos[2], "PARTICIPANTS");
    if (npos == 4) seed = parse_u64(pos[3], "SEED");
    if (nent < 1 || nent > 100000000ULL) { fputs("gen_statements: ENTERPRISES must be 1..100000000\n", stderr); return 64; }
    if (npart > nent) { fputs("gen_statements: PARTICIPANTS must not exceed ENTERPRISES\n", stderr); return 64; }

    check_digit_selftest();
    make_out_dir(dir);

    static out_t fi, fs, fst, fp;
    /* industries.csv */
    out_open(&fi, dir, "industries.csv");
    out_str(&fi, "code,label,category,sector\n");
    for (int i = 0; i < NIND; i++) {
        out_field(&fi, INDUSTRIES[i].code); out_ch(&fi, ',');
        out_field(&fi, INDUSTRIES[i].label); out_ch(&fi, ',');
        out_field(&fi, INDUSTRIES[i].category); out_ch(&fi, ',');
        out_field(&fi, INDUSTRIES[i].sector); out_ch(&fi, '\n');
    }
    out_close(&fi, dir, "industries.csv");

    /* sme_criteria.csv */
    out_open(&fs, dir, "sme_criteria.csv");
    out_str(&fs, "sector,max_capital,max_employees\n");
    for (int i = 0; i < COUNT(SME); i++) {
        out_str(&fs, SME[i].sector); out_ch(&fs, ',');
        out_int(&fs, SME[i].max_capital); out_ch(&fs, ',');
        out_int(&fs, SME[i].max_employees); out_ch(&fs, '\n');
    }
    out_close(&fs, dir, "sme_criteria.csv");

    /* statements.csv + participants.csv in one pass over the enterprises */
    int ind_w[NIND];
    for (int i = 0; i < NIND; i++) ind_w[i] = INDUSTRIES[i].weight;
    rng_t rid = rng_new(seed, 1), rst = rng_new(seed, 2), rpa = rng_new(seed, 3);

    out_open(&fst, dir, "statements.csv");
    out_open(&fp, dir, "participants.csv");
    out_str(&fst, "enterprise_id,period_end,period_months,industry,capital,employees,sales,net_income\n");
    out_str(&fp, "enterprise_id,name,project,region\n");

    /* ids increase with the enterprise index (enterprise_id) */
    const uint64_t gap = 900000000000ULL / nent;
    uint64_t rows = 0, chosen = 0;
    for (uint64_t e = 0; e < nent; e++) {
        char idtxt[14];
        enterprise_id(&rid, e, gap, idtxt);

        /* enterprise profile */
        const industry_t *ind = &INDUSTRIES[pick(&rst, ind_w, NIND)];
        int fye = FYE_MONTH[pick(&rst, FYE_WEIGHT, COUNT(FYE_WEIGHT))];
        int eb = pick(&rst, EMP_W, COUNT(EMP_W));
        double emp = (double)between(&rst, EMP_LO[eb], EMP_HI[eb]);
        int ci = eb + 3 + (int)between(&rst, -2, 2);
        if (ci < 0) ci = 0;
        if (ci >= NCAP) ci = NCAP - 1;
        int64_t capital = CAPITALS[ci];
        if (below(&rst, 5) == 0) { /* some non-round capital amounts */
            capital = capital / 2 + (int64_t)below(&rst, (uint64_t)capital);
            if (capital < 1000) capital = 1000;
            if (capital > 5000000) capital = 5000000;
        }
        double productivity = ind->sales_per_emp * (0.6 + 2.4 * u01(&rst));
        double margin = 0.015 + 0.03 * gauss(&rst);

        for (int fy = FIRST_FY; fy <= LAST_FY; fy++) {
            /* evolve the enterprise every year, present or not */
            if (fy > FIRST_FY) {
                emp *= 1.0 + 0.06 * gauss(&rst);
                if (emp < 1) emp = 1;
                if (emp > 2000) emp = 2000;
                productivity *= 1.0 + 0.01 + 0.07 * gauss(&rst);
                if (productivity < 1000) productivity = 1000;
                if (below(&rst, 40) == 0 && capital < 5000000) { /* capital increase */
                    capital *= 2;
                    if (capital > 5000000) capital = 5000000;
                }
            }
            int64_t employees = round_pos(emp);
            int64_t sales = round_pos((double)employees * productivity * (0.9 + 0.2 * u01(&rst)));
            if (sales < 1) sales = 1;
            int64_t net = round_pos((double)sales * (margin + 0.03 * gauss(&rst)));
            uint64_t r = below(&rst, 1000000);
            if (r < 30000) continue; /* ~3% of enterprise-years absent */

            out_mem(&fst, idtxt, 13); out_ch(&fst, ',');
            out_uint_w(&fst, (uint64_t)(fye <= 3 ? fy + 1 : fy), 4); out_ch(&fst, '-');
            out_uint_w(&fst, (uint64_t)fye, 2);
            out_str(&fst, ",12,");
            out_str(&fst, ind->code); out_ch(&fst, ',');
            out_int(&fst, capital); out_ch(&fst, ',');
            r = below(&rst, 1000);  /* ~0.2% of each measure cell empty */
            if (r >= 2) out_int(&fst, employees);
            out_ch(&fst, ',');
            r = below(&rst, 1000);
            if (r >= 2) out_int(&fst, sales);
            out_ch(&fst, ',');
            r = below(&rst, 1000);
            if (r >= 2) out_int(&fst, net);
            out_ch(&fst, '\n');
            rows++;
        }

        /* participants: selection sampling (Knuth, Algorithm S) => exactly npart, in id order */
        if (chosen < npart && below(&rpa, nent - e) < npart - chosen) {
            chosen++;
            char name[256];
            const char *stem = STEMS[below(&rpa, COUNT(STEMS))], *kind = KINDS[below(&rpa, COUNT(KINDS))];
            uint64_t form = below(&rpa, 1000);
            if (form < 50)        /* ~5%: comma in the name */
                snprintf(name, sizeof name, "%s%s株式会社, %s工場 %llu", stem, kind, stem, (unsigned long long)chosen);
            else if (form < 60)   /* ~1%: quotes in the name */
                snprintf(name, sizeof name, "株式会社\"%s\"%s %llu", stem, kind, (unsigned long long)chosen);
            else if (form < 400)
                snprintf(name, sizeof name, "%s%s株式会社 %llu", stem, kind, (unsigned long long)chosen);
            else if (form < 450)
                snprintf(name, sizeof name, "有限会社%s%s %llu", stem, kind, (unsigned long long)chosen);
            else
                snprintf(name, sizeof name, "株式会社%s%s %llu", stem, kind, (unsigned long long)chosen);
            int p = pick(&rpa, PROJECT_W, COUNT(PROJECT_W));
            int nreg = 0;
            while (REGIONS[p][nreg]) nreg++;
            out_mem(&fp, idtxt, 13); out_ch(&fp, ',');
            out_field(&fp, name); out_ch(&fp, ',');
            out_str(&fp, PROJECTS[p]); out_ch(&fp, ',');
            out_field(&fp, REGIONS[p][below(&rpa, (uint64_t)nreg)]); out_ch(&fp, '\n');
        }
    }
    out_close(&fst, dir, "statements.csv");
    out_close(&fp, dir, "participants.csv");
    fprintf(stderr, "gen_statements: %s: %llu enterprises, %llu statement rows, %llu participants (seed %llu)\n",
            dir, (unsigned long long)nent, (unsigned long long)rows, (unsigned long long)chosen,
            (unsigned long long)seed);
    return 0;
}
