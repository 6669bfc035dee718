#ifndef CCSV_SHIM_H
#define CCSV_SHIM_H
#include <csv.h>
#include <string.h>

/// Puts a parser back at the start of a row after a strict-mode error, keeping its buffer.
static inline void ccsv_reset(struct csv_parser *p) {
    p->pstate = 0;
    p->quoted = 0;
    p->spaces = 0;
    p->entry_pos = 0;
    p->status = 0;
}

/// The bytes of the field being parsed when an error stopped the parser.
static inline const unsigned char *ccsv_pending_bytes(const struct csv_parser *p) { return p->entry_buf; }
static inline size_t ccsv_pending_count(const struct csv_parser *p) { return p->entry_pos; }
/// True when the field being parsed began with a quote.
static inline int ccsv_pending_quoted(const struct csv_parser *p) { return p->quoted; }
/// True when the parser stands between records (nothing of a record seen yet).
static inline int ccsv_at_row_start(const struct csv_parser *p) { return p->pstate == 0; }
#endif
