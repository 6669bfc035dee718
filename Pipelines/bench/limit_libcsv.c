/*
 * limit_libcsv.c - the "floor" of the ingest benchmark: how fast a plain C CSV
 * parser (libcsv) gets through a file when it does nothing but count.
 *
 * Usage:
 *   cc -O2 -o limit_libcsv limit_libcsv.c -lcsv      (Debian: apt-get install libcsv-dev)
 *   limit_libcsv FILE.csv
 *
 * Reads FILE in 1 MiB blocks with read(2), parses it with options
 * CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL, and prints one line
 *   RECORDS FIELDS BYTES
 * (the header row counts as a record).  Exit status: 0 ok, 64 usage,
 * 65 CSV parse error, 66 file missing or unreadable, 70 internal error.
 */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BLOCK (1u << 20)

struct counts { unsigned long long records, fields; };

static void on_field(void *data, size_t len, void *ctx) {
    (void)data; (void)len;
    ((struct counts *)ctx)->fields++;
}
static void on_record(int term, void *ctx) {
    (void)term;
    ((struct counts *)ctx)->records++;
}

int main(int argc, char **argv) {
    if (argc != 2 || argv[1][0] == '\0') {
        fputs("usage: limit_libcsv FILE.csv   (prints: records fields bytes)\n", stderr);
        return 64;
    }
    const char *path = argv[1];
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "limit_libcsv: cannot open %s: %s\n", path, strerror(errno));
        return 66;
    }
    char *buf = malloc(BLOCK);
    struct csv_parser p;
    if (!buf || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        fputs("limit_libcsv: out of memory\n", stderr);
        return 70;
    }
    struct counts c = { 0, 0 };
    unsigned long long bytes = 0;
    for (;;) {
        ssize_t n = read(fd, buf, BLOCK);
        if (n < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "limit_libcsv: cannot read %s: %s\n", path, strerror(errno));
            return 66;
        }
        if (n == 0) break;
        size_t done = csv_parse(&p, buf, (size_t)n, on_field, on_record, &c);
        if (done != (size_t)n) {
            fprintf(stderr, "limit_libcsv: %s: byte %llu: %s\n", path, bytes + done,
                    csv_strerror(csv_error(&p)));
            return 65;
        }
        bytes += (unsigned long long)n;
    }
    if (csv_fini(&p, on_field, on_record, &c) != 0) {
        fprintf(stderr, "limit_libcsv: %s: at end of file: %s\n", path, csv_strerror(csv_error(&p)));
        return 65;
    }
    csv_free(&p);
    free(buf);
    close(fd);
    printf("%llu %llu %llu\n", c.records, c.fields, bytes);
    return 0;
}
