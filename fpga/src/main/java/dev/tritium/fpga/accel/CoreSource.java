package dev.tritium.fpga.accel;

/** What every module shares and nothing it owns: accel_util.h (HLS macro, field access, port types, helper prototypes), accel_modules.h (the four module top functions) and accel_util.c (pure helpers). Kept as C text so that the generated files read as written. */
final class CoreSource {

  private CoreSource() {}

  /** accel_util.h: the pragma macro, field access, the port types and the pure helpers' prototypes. */
  static final String UTIL_H = """
/* accel_util.h: what every module of the accelerator shares and nothing it owns: the HLS pragma macro,
 * field access by generated name, the port types (command, handshake, status) and the PURE helpers of
 * accel_util.c (no state: everything they read or write is an argument). */
#ifndef ACCEL_UTIL_H
#define ACCEL_UTIL_H

#include <stdint.h>
#include "accel.h"
#include "tritium_isa.h"

/* HLS pragmas reach Vitis only: gcc never sees an unknown pragma. */
#ifdef __SYNTHESIS__
#define ACCEL_PRAGMA(x) _Pragma(#x)
#define HLS(x) ACCEL_PRAGMA(HLS x)
#else
#define HLS(x)
#endif

/* A field of a 16-byte instruction word by its generated name, e.g. FIELD(w, TRITIUM_ISA_LOAD_ROWS). */
#define FIELD(w, NAME) tritium_isa_field((w), NAME##_OFFSET, NAME##_WIDTH)

/* The three command queues (the SYNC queue field's codes). */
#define Q_LOAD 0u
#define Q_COMPUTE 1u
#define Q_STORE 2u

/* The four dependency-token counters. */
#define T_LOAD_TO_COMPUTE 0u
#define T_COMPUTE_TO_LOAD 1u
#define T_COMPUTE_TO_STORE 2u
#define T_STORE_TO_COMPUTE 3u

/* Token-ready inputs of an execution module: its previous and next queue's token counter is not empty. */
#define ACCEL_READY_PREV 1u
#define ACCEL_READY_NEXT 2u

#define ACCEL_MESSAGE_BYTES 512u

/* One command (fetch -> module): its 128-bit word and where it came from (for messages). */
typedef struct {
  uint8_t word[16];
  uint32_t index;   /* source instruction index in the program */
  int32_t ordinal;  /* position in a LOOP.GEMM expansion, -1 for an explicit instruction */
} accel_cmd_t;

/* What an execution module did with one command: token pops (reads of its input token counters), token
 * pushes (writes to its output counters), FINISH (compute only). All zero when it did not run. */
typedef struct {
  uint8_t pop_prev;
  uint8_t pop_next;
  uint8_t push_prev;
  uint8_t push_next;
  uint8_t finish;
} accel_handshake_t;

/* A module's status register: the first failure since its reset, and (C simulation only) its message. */
typedef struct {
  int32_t code;
  char message[ACCEL_MESSAGE_BYTES];
} accel_status_t;

/* What fetch reports after each call (its status register). */
typedef struct {
  uint32_t pc;          /* next program word */
  int32_t stalled_on;   /* queue whose full command FIFO stalled the last dispatch, or -1 */
  uint32_t done;        /* 1: every word fetched and every LOOP.GEMM expanded */
  uint64_t fetched;     /* program words read */
} accel_fetch_state_t;

/* ---- pure helpers (accel_util.c) ---- */
void accel_fail_code(accel_status_t *st, int code);
#ifdef __SYNTHESIS__
#define accel_fail(st, code, ...) accel_fail_code((st), (code))
#else
void accel_fail(accel_status_t *st, int code, const char *fmt, ...);
#endif
const char *accel_buffer_name(unsigned b);
const char *accel_queue_name(unsigned q);
const char *accel_token_name(unsigned t);
uint64_t accel_buffer_bytes(unsigned b);
uint64_t accel_buffer_align(unsigned b);
int accel_token_wait(const uint8_t w[16], unsigned q, unsigned ready);
int accel_dma_ok(accel_status_t *st, const char *what, unsigned buf, uint64_t sram, uint64_t dram, uint64_t rows,
    uint64_t row_bytes, uint64_t stride);
uint64_t accel_ceil_div(uint64_t a, uint64_t b);
uint64_t accel_packed_row_bytes(unsigned p, uint64_t k);
unsigned accel_split_weights(unsigned p);
unsigned accel_pow3(unsigned g);
unsigned accel_lut_group(unsigned p);
unsigned accel_entries_per_table(unsigned variant, unsigned g);
unsigned accel_packing_variant(unsigned p);

#endif /* ACCEL_UTIL_H */
""";

  /** accel_modules.h: the four modules' top functions and their ports. */
  static final String MODULES_H = """
/* accel_modules.h: the four modules of the accelerator, each its own HLS top function (its own IP).
 * Every port is an argument: the command, the token-ready inputs and handshake outputs, the DRAM (m_axi)
 * and only the buffers the module accesses, each its own array (a BRAM port). No module shares a variable
 * with another; each keeps its private registers (fetch: PC and LOOP.GEMM state; compute: the CFG
 * registers) in its own translation unit and clears them when called with reset = 1. */
#ifndef ACCEL_MODULES_H
#define ACCEL_MODULES_H

#include "accel_util.h"

/* fetch.c: reads the program word at its PC, checks it, expands LOOP.GEMM and writes at most one command per
 * call to the load, compute or store command port; *cmd_queue names the port written (-1: none). cmd_room
 * bit q: command FIFO q has room (its full_n). Returns 1 on progress. */
int accel_fetch(uint32_t insn_count, const uint8_t *insns, uint32_t cmd_room, accel_cmd_t *load_cmd,
    accel_cmd_t *compute_cmd, accel_cmd_t *store_cmd, int32_t *cmd_queue, accel_fetch_state_t *state,
    accel_status_t *status, uint32_t reset);

/* load.c: one LOAD (or SYNC) command: DRAM -> one of the five buffers. Returns 1 when it ran. */
int accel_load(const accel_cmd_t *cmd, uint32_t tokens_ready, accel_handshake_t *handshake, const uint8_t *dram,
    uint64_t dram_bytes, uint8_t wgt_mem[ACCEL_WGT_ALLOC], uint8_t act_mem[ACCEL_ACT_ALLOC],
    uint8_t acc_mem[ACCEL_ACC_ALLOC], uint8_t lut_mem[ACCEL_LUT_ALLOC], uint8_t vec_mem[ACCEL_VEC_ALLOC],
    accel_status_t *status);

/* compute.c: one compute command (GEMM.T, GEMM.I8, GEMM.SF, LUT.BUILD, LUT.GEMM, GEMM.F16, GEMM.SP, VEC, CFG, SYNC,
 * FINISH) on the MAC array, LUT core or vector unit. Returns 1 when it ran. */
int accel_compute(const accel_cmd_t *cmd, uint32_t tokens_ready, accel_handshake_t *handshake,
    uint8_t wgt_mem[ACCEL_WGT_ALLOC], uint8_t act_mem[ACCEL_ACT_ALLOC], uint8_t acc_mem[ACCEL_ACC_ALLOC],
    uint8_t lut_mem[ACCEL_LUT_ALLOC], uint8_t vec_mem[ACCEL_VEC_ALLOC], accel_status_t *status, uint32_t reset);

/* store.c: one STORE (or SYNC) command: one of the five buffers -> DRAM. Returns 1 when it ran. */
int accel_store(const accel_cmd_t *cmd, uint32_t tokens_ready, accel_handshake_t *handshake, uint8_t *dram,
    uint64_t dram_bytes, const uint8_t wgt_mem[ACCEL_WGT_ALLOC], const uint8_t act_mem[ACCEL_ACT_ALLOC],
    const uint8_t acc_mem[ACCEL_ACC_ALLOC], const uint8_t lut_mem[ACCEL_LUT_ALLOC],
    const uint8_t vec_mem[ACCEL_VEC_ALLOC], accel_status_t *status);

#endif /* ACCEL_MODULES_H */
""";

  /** accel_util.c: pure helpers (no variable: every input and output is an argument). */
  static final String UTIL_C = """
/* accel_util.c: the pure helpers every module may call. No variable lives here: each function reads and
 * writes only its arguments, so linking this file into several IPs shares no state between them. */
#include "accel_util.h"

#ifndef __SYNTHESIS__
#include <stdarg.h>
#include <stdio.h>
#endif

/* Records the first failure in a module's status register; later ones are consequences and are dropped. */
void accel_fail_code(accel_status_t *st, int code)
{
  if (st->code == ACCEL_OK) {
    st->code = code;
  }
}

#ifndef __SYNTHESIS__
void accel_fail(accel_status_t *st, int code, const char *fmt, ...)
{
  va_list ap;
  if (st->code != ACCEL_OK) {
    return;
  }
  st->code = code;
  va_start(ap, fmt);
  vsnprintf(st->message, sizeof st->message, fmt, ap);
  va_end(ap);
}
#endif

const char *accel_buffer_name(unsigned b)
{
  switch (b) {
    case TRITIUM_ISA_BUFFER_WGT: return "WGT";
    case TRITIUM_ISA_BUFFER_ACT: return "ACT";
    case TRITIUM_ISA_BUFFER_ACC: return "ACC";
    case TRITIUM_ISA_BUFFER_LUT: return "LUT";
    default: return "VEC";
  }
}

const char *accel_queue_name(unsigned q)
{
  return q == Q_LOAD ? "load" : (q == Q_COMPUTE ? "compute" : "store");
}

const char *accel_token_name(unsigned t)
{
  switch (t) {
    case T_LOAD_TO_COMPUTE: return "load->compute";
    case T_COMPUTE_TO_LOAD: return "compute->load";
    case T_COMPUTE_TO_STORE: return "compute->store";
    default: return "store->compute";
  }
}

uint64_t accel_buffer_bytes(unsigned b)
{
  switch (b) {
    case TRITIUM_ISA_BUFFER_WGT: return ACCEL_WGT_BYTES;
    case TRITIUM_ISA_BUFFER_ACT: return ACCEL_ACT_BYTES;
    case TRITIUM_ISA_BUFFER_ACC: return ACCEL_ACC_BYTES;
    case TRITIUM_ISA_BUFFER_LUT: return ACCEL_LUT_BYTES;
    default: return ACCEL_VEC_BYTES;
  }
}

/* Byte alignment of addresses and strides (isa: Buffers). */
uint64_t accel_buffer_align(unsigned b)
{
  switch (b) {
    case TRITIUM_ISA_BUFFER_ACC: return 4u;
    case TRITIUM_ISA_BUFFER_LUT: return 2u;
    case TRITIUM_ISA_BUFFER_VEC: return 4u;
    default: return 1u;
  }
}

/* The token counter an instruction of queue q waits for, or -1 when every token it pops is ready
 * (ready: ACCEL_READY_PREV / ACCEL_READY_NEXT, the module's previous and next token counters not empty). */
int accel_token_wait(const uint8_t w[16], unsigned q, unsigned ready)
{
  if (FIELD(w, TRITIUM_ISA_POP_PREV) && !(ready & ACCEL_READY_PREV)) {
    return q == Q_COMPUTE ? (int) T_LOAD_TO_COMPUTE : (int) T_COMPUTE_TO_STORE;
  }
  if (FIELD(w, TRITIUM_ISA_POP_NEXT) && !(ready & ACCEL_READY_NEXT)) {
    return q == Q_LOAD ? (int) T_COMPUTE_TO_LOAD : (int) T_STORE_TO_COMPUTE;
  }
  return -1;
}

/* ---- DMA operand checks (LOAD and STORE): 2-D strided on the DRAM side, dense on the SRAM side ---- */

/* The ISA's DRAM address space: 36-bit byte addresses. */
#define DRAM_SPACE_BYTES (1ull << TRITIUM_ISA_LOAD_DRAM_ADDR_WIDTH)

int accel_dma_ok(accel_status_t *st, const char *what, unsigned buf, uint64_t sram, uint64_t dram, uint64_t rows,
    uint64_t row_bytes, uint64_t stride)
{
  if (rows == 0u || row_bytes == 0u) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s %s: rows %llu, row_bytes %llu must be positive", what, accel_buffer_name(buf),
        (unsigned long long) rows, (unsigned long long) row_bytes);
    return 0;
  }
  if (sram + rows * row_bytes > accel_buffer_bytes(buf)) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: SRAM %s: access to bytes [%llu, %llu) is outside the buffer of %llu bytes",
        what, accel_buffer_name(buf), (unsigned long long) sram, (unsigned long long) (sram + rows * row_bytes),
        (unsigned long long) accel_buffer_bytes(buf));
    return 0;
  }
  if (dram + (rows - 1u) * stride + row_bytes > DRAM_SPACE_BYTES) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: DRAM bytes from %llu are outside the address space", what,
        (unsigned long long) dram);
    return 0;
  }
  return 1;
}

/* ---- packings (isa: Weight packings) ---- */
uint64_t accel_ceil_div(uint64_t a, uint64_t b)
{
  return (a + b - 1u) / b;
}

uint64_t accel_packed_row_bytes(unsigned p, uint64_t k)
{
  switch (p) {
    case TRITIUM_ISA_PACKING_TWO_BIT:
    case TRITIUM_ISA_PACKING_LUT_G2: return accel_ceil_div(k, 4u);
    case TRITIUM_ISA_PACKING_BASE3: return accel_ceil_div(k, 5u);
    case TRITIUM_ISA_PACKING_LUT_G3: return accel_ceil_div(accel_ceil_div(k, 3u) * 5u, 8u);
    case TRITIUM_ISA_PACKING_LUT_G4: return accel_ceil_div(accel_ceil_div(k, 4u) * 7u, 8u);
    case TRITIUM_ISA_PACKING_LUT_G3_MIRROR:
      return accel_ceil_div(accel_ceil_div(k, 3u), 2u) + accel_ceil_div(accel_ceil_div(k, 3u), 8u);
    case TRITIUM_ISA_PACKING_SIGN_BITS: return accel_ceil_div(k, 8u);
    default: return 2u * accel_ceil_div(k, 8u);
  }
}

/* Weights per byte-aligned cut of a row, 0 when a row cannot be cut along K. */
unsigned accel_split_weights(unsigned p)
{
  switch (p) {
    case TRITIUM_ISA_PACKING_TWO_BIT: return 4u;
    case TRITIUM_ISA_PACKING_BASE3: return 5u;
    case TRITIUM_ISA_PACKING_LUT_G2: return 4u;
    case TRITIUM_ISA_PACKING_LUT_G3: return 24u;
    case TRITIUM_ISA_PACKING_LUT_G4: return 32u;
    case TRITIUM_ISA_PACKING_SIGN_BITS: return 8u;
    default: return 0u;
  }
}

unsigned accel_pow3(unsigned g)
{
  unsigned n = 1u;
  unsigned i;
  for (i = 0u; i < g; ++i) {
    n *= 3u;
  }
  return n;
}

/* The LUT group size a packing's tables use (BIT_PLANES: the LUT core's g). */
unsigned accel_lut_group(unsigned p)
{
  switch (p) {
    case TRITIUM_ISA_PACKING_LUT_G2: return 2u;
    case TRITIUM_ISA_PACKING_LUT_G3:
    case TRITIUM_ISA_PACKING_LUT_G3_MIRROR: return 3u;
    case TRITIUM_ISA_PACKING_LUT_G4: return 4u;
    default: return ACCEL_LUT_GROUP_SIZE;
  }
}

unsigned accel_entries_per_table(unsigned variant, unsigned g)
{
  switch (variant) {
    case TRITIUM_ISA_LUT_VARIANT_TERNARY_BASE3: return accel_pow3(g);
    case TRITIUM_ISA_LUT_VARIANT_TERNARY_MIRROR: return (accel_pow3(g) + 1u) / 2u;
    case TRITIUM_ISA_LUT_VARIANT_BINARY_MIRROR: return 1u << (g - 1u);
    default: return 1u << g; /* BIT_SERIAL, BINARY */
  }
}

unsigned accel_packing_variant(unsigned p)
{
  switch (p) {
    case TRITIUM_ISA_PACKING_LUT_G3_MIRROR: return TRITIUM_ISA_LUT_VARIANT_TERNARY_MIRROR;
    case TRITIUM_ISA_PACKING_BIT_PLANES: return TRITIUM_ISA_LUT_VARIANT_BIT_SERIAL;
    case TRITIUM_ISA_PACKING_SIGN_BITS: return ACCEL_LUT_VARIANT; /* binary tables: the core's variant says which */
    default: return TRITIUM_ISA_LUT_VARIANT_TERNARY_BASE3;
  }
}
""";
}
