#ifndef CCSV_SHIM_H
#define CCSV_SHIM_H
#include <csv.h>
#include <string.h>
#include <malloc.h>

/* ccsv_reset and the ccsv_pending / ccsv_at_row_start readers below use struct csv_parser's
   fields as libcsv 3.0 (Debian 3.0.3) sets them in csv_parse: pstate 0 = between rows,
   3 = a quoted field met a quote, entry_buf/entry_pos = the field being read (a doubled quote
   kept once, a quote that may end the field and the spaces after it kept too), spaces = those
   spaces, quoted = the field began with a quote. The pin below
   stops the build on another libcsv; ChunkParserStateTests checks the meanings on this one.
   Check libcsv.c's csv_parse before moving the pin. */
#if CSV_MAJOR != 3 || CSV_MINOR != 0
#error "CCSV/shim.h reads libcsv 3.0's parser state; check it against this libcsv before changing the pin"
#endif

/// libcsv grows a field's buffer by a fixed block (csv_increase_buffer adds blk_size each time):
/// a 100 MB field would be copied about a million times. This realloc keeps the block it has
/// while it is big enough and otherwise at least doubles it, so growth is geometric (linear time).
static inline void *ccsv_realloc(void *block, size_t size) {
    size_t usable = block ? malloc_usable_size(block) : 0;
    if (block && usable >= size) return block;
    size_t capacity = usable * 2 > size ? usable * 2 : size;
    return realloc(block, capacity);
}

/// Sets a new parser up for large fields: geometric buffer growth from 4 KiB.
static inline void ccsv_configure(struct csv_parser *p) {
    csv_set_realloc_func(p, ccsv_realloc);
    csv_set_blk_size(p, 1 << 12);
}

/// Puts a parser back at the start of a row after a strict-mode error, keeping its buffer.
static inline void ccsv_reset(struct csv_parser *p) {
    p->pstate = 0;
    p->quoted = 0;
    p->spaces = 0;
    p->entry_pos = 0;
    p->status = 0;
}

/// Gives back a field buffer grown past 4 MiB (a huge quoted field) once the parser stands
/// between rows; csv_parse allocates a new one when it next needs it.
static inline void ccsv_trim(struct csv_parser *p) {
    if (p->pstate == 0 && p->entry_buf && p->entry_size > ((size_t)1 << 22)) {
        p->free_func(p->entry_buf);
        p->entry_buf = NULL;
        p->entry_size = 0;
        p->entry_pos = 0;
    }
}

/// The bytes of the field being parsed when an error stopped the parser.
static inline const unsigned char *ccsv_pending_bytes(const struct csv_parser *p) { return p->entry_buf; }
static inline size_t ccsv_pending_count(const struct csv_parser *p) { return p->entry_pos; }
/// True when the field being parsed began with a quote.
static inline int ccsv_pending_quoted(const struct csv_parser *p) { return p->quoted; }
/// True when a quoted field has just met a quote (libcsv's FIELD_MIGHT_HAVE_ENDED, pstate 3):
/// the field's last `ccsv_pending_spaces` + 1 bytes are that quote and the spaces after it.
static inline int ccsv_pending_after_quote(const struct csv_parser *p) { return p->pstate == 3; }
static inline size_t ccsv_pending_spaces(const struct csv_parser *p) { return p->spaces; }
/// True when the parser stands between records (nothing of a record seen yet).
static inline int ccsv_at_row_start(const struct csv_parser *p) { return p->pstate == 0; }
#endif
