package dev.tritium.fpga.accel;

/** The accelerator's common C: buffers, failure reporting, little-endian access, operand checks, queues. Kept as C text so that the generated file reads as written. */
final class CoreSource {

  private CoreSource() {}

  /** Buffers sized by the arch, the failure record, little-endian access and the operand checks. */
  static final String MEMORY = """
#include <math.h>
#include <string.h>
#include "accel.h"
#include "tritium_isa.h"
#include "accel_isa_tables.h"

#ifndef __SYNTHESIS__
#include <stdarg.h>
#include <stdio.h>
#endif

/* HLS pragmas reach Vitis only: gcc never sees an unknown pragma. */
#ifdef __SYNTHESIS__
#define ACCEL_PRAGMA(x) _Pragma(#x)
#define HLS(x) ACCEL_PRAGMA(HLS x)
#else
#define HLS(x)
#endif

/* A field of a 16-byte instruction word by its generated name, e.g. FIELD(w, TRITIUM_ISA_LOAD_ROWS). */
#define FIELD(w, NAME) tritium_isa_field((w), NAME##_OFFSET, NAME##_WIDTH)

#define Q_LOAD 0u
#define Q_COMPUTE 1u
#define Q_STORE 2u

/* ---- on-chip buffers, sized by the arch config ---- */
static uint8_t wgt_mem[ACCEL_WGT_ALLOC];
static uint8_t act_mem[ACCEL_ACT_ALLOC];
static uint8_t acc_mem[ACCEL_ACC_ALLOC];
static uint8_t lut_mem[ACCEL_LUT_ALLOC];
static uint8_t vec_mem[ACCEL_VEC_ALLOC];
static uint32_t cfg_regs[TRITIUM_ISA_CFG_COUNT];

static uint8_t *dram_mem;
static uint64_t dram_size;

static int status;
static char message[512];

const char *accel_message(void)
{
  return message;
}

/* Records the first failure; later ones are consequences and are dropped. */
static void fail(int code, const char *fmt, ...)
{
  if (status != ACCEL_OK) {
    return;
  }
  status = code;
#ifndef __SYNTHESIS__
  {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
  }
#else
  (void) fmt;
#endif
}

static const char *const BUFFER_NAMES[TRITIUM_ISA_BUFFER_COUNT] = {"WGT", "ACT", "ACC", "LUT", "VEC"};

static uint8_t *buffer_base(unsigned b)
{
  switch (b) {
    case TRITIUM_ISA_BUFFER_WGT: return wgt_mem;
    case TRITIUM_ISA_BUFFER_ACT: return act_mem;
    case TRITIUM_ISA_BUFFER_ACC: return acc_mem;
    case TRITIUM_ISA_BUFFER_LUT: return lut_mem;
    default: return vec_mem;
  }
}

static uint64_t buffer_bytes(unsigned b)
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
static uint64_t buffer_align(unsigned b)
{
  switch (b) {
    case TRITIUM_ISA_BUFFER_ACC: return 4u;
    case TRITIUM_ISA_BUFFER_LUT: return 2u;
    case TRITIUM_ISA_BUFFER_VEC: return 4u;
    default: return 1u;
  }
}

/* ---- little-endian words in byte memories ---- */
static uint32_t rd32(const uint8_t *m, uint64_t a)
{
  return (uint32_t) m[a] | (uint32_t) m[a + 1u] << 8 | (uint32_t) m[a + 2u] << 16 | (uint32_t) m[a + 3u] << 24;
}

static void wr32(uint8_t *m, uint64_t a, uint32_t v)
{
  m[a] = (uint8_t) v;
  m[a + 1u] = (uint8_t) (v >> 8);
  m[a + 2u] = (uint8_t) (v >> 16);
  m[a + 3u] = (uint8_t) (v >> 24);
}

static int32_t rd16s(const uint8_t *m, uint64_t a)
{
  uint32_t u = (uint32_t) m[a] | (uint32_t) m[a + 1u] << 8;
  return u >= 0x8000u ? (int32_t) u - 0x10000 : (int32_t) u;
}

static void wr16(uint8_t *m, uint64_t a, int32_t v)
{
  uint32_t u = (uint32_t) v;
  m[a] = (uint8_t) u;
  m[a + 1u] = (uint8_t) (u >> 8);
}

static float bits_to_float(uint32_t u)
{
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

static uint32_t float_to_bits(float f)
{
  uint32_t u;
  memcpy(&u, &f, sizeof u);
  return u;
}

static float rdf(const uint8_t *m, uint64_t a)
{
  return bits_to_float(rd32(m, a));
}

static void wrf(uint8_t *m, uint64_t a, float f)
{
  wr32(m, a, float_to_bits(f));
}

/* Two's complement reinterpretation without relying on implementation-defined conversions. */
static int32_t as_int32(uint32_t u)
{
  return u >= 0x80000000u ? -(int32_t) (~u) - 1 : (int32_t) u;
}

static int32_t as_int8(uint8_t u)
{
  return u >= 0x80u ? (int32_t) u - 256 : (int32_t) u;
}

/* ---- operand checks (the simulator's OperandGeometry): a bad operand stops the run ---- */

/* The configured row stride in bytes, or dense_bytes when the register is 0. */
static uint64_t stride_or(unsigned reg, uint64_t dense_bytes, const char *where)
{
  uint64_t s = cfg_regs[reg] == 0u ? dense_bytes : (uint64_t) cfg_regs[reg];
  if (s == 0u || s > 0x7fffffffu) {
    fail(ACCEL_ERR_EXEC, "%s: row stride %llu bytes is out of range", where, (unsigned long long) s);
  }
  return s;
}

static int tile_ok(unsigned b, uint64_t addr, uint64_t rows, uint64_t row_bytes, uint64_t stride,
    const char *where, const char *operand)
{
  uint64_t end;
  if (rows == 0u || row_bytes == 0u) {
    fail(ACCEL_ERR_EXEC, "%s: %s tile of %llu rows x %llu bytes is empty", where, operand,
        (unsigned long long) rows, (unsigned long long) row_bytes);
    return 0;
  }
  end = addr + (rows - 1u) * stride + row_bytes;
  if (end > buffer_bytes(b)) {
    fail(ACCEL_ERR_EXEC, "%s: %s bytes [%llu, %llu) are outside %s (%llu bytes)", where, operand,
        (unsigned long long) addr, (unsigned long long) end, BUFFER_NAMES[b], (unsigned long long) buffer_bytes(b));
    return 0;
  }
  if (addr % buffer_align(b) != 0u || (rows > 1u && stride % buffer_align(b) != 0u)) {
    fail(ACCEL_ERR_EXEC, "%s: %s at %s address %llu with row stride %llu is not %llu-byte aligned", where, operand,
        BUFFER_NAMES[b], (unsigned long long) addr, (unsigned long long) stride,
        (unsigned long long) buffer_align(b));
    return 0;
  }
  return status == ACCEL_OK;
}

/* An fp32 CFG register that must be set (nonzero, finite, not zero). */
static int float_reg_ok(unsigned reg, const char *name, const char *where)
{
  float f = bits_to_float(cfg_regs[reg]);
  if (cfg_regs[reg] == 0u || f != f || f == 0.0f || f - f != 0.0f) {
    fail(ACCEL_ERR_EXEC, "%s: CFG register %s is 0x%08x; set it with CFG before this instruction", where, name,
        (unsigned) cfg_regs[reg]);
    return 0;
  }
  return 1;
}
""";

  /** Command FIFOs (fetch to module) and dependency-token FIFOs as fixed-size ring buffers. */
  static final String QUEUES = """

/* ---- command queues (fetch -> module) and dependency-token queues, as fixed-size ring buffers ---- */

/* One dispatched instruction: its 128-bit word and where it came from (for messages). */
typedef struct {
  uint8_t word[16];
  uint32_t index;   /* source instruction index in the program */
  int32_t ordinal;  /* position in a LOOP.GEMM expansion, -1 for an explicit instruction */
} accel_cmd_t;

typedef struct {
  accel_cmd_t slot[ACCEL_CMD_QUEUE_DEPTH];
  uint32_t head;
  uint32_t count;
} cmd_queue_t;

/* Tokens carry no data: each direction is a counter (a register, as fpga-fit prices it), up to its capacity. */
typedef struct {
  uint32_t count;
} token_queue_t;

static cmd_queue_t cmd_queues[3];

#define T_LOAD_TO_COMPUTE 0u
#define T_COMPUTE_TO_LOAD 1u
#define T_COMPUTE_TO_STORE 2u
#define T_STORE_TO_COMPUTE 3u
static token_queue_t token_queues[4];
static const char *const TOKEN_NAMES[4] = {"load->compute", "compute->load", "compute->store", "store->compute"};
static const char *const QUEUE_NAMES[3] = {"load", "compute", "store"};

static int cmd_full(unsigned q)
{
  return cmd_queues[q].count == ACCEL_CMD_QUEUE_DEPTH;
}

static void cmd_push(unsigned q, const accel_cmd_t *c)
{
  cmd_queue_t *cq = &cmd_queues[q];
  cq->slot[(cq->head + cq->count) % ACCEL_CMD_QUEUE_DEPTH] = *c;
  cq->count++;
}

static const accel_cmd_t *cmd_peek(unsigned q)
{
  return cmd_queues[q].count == 0u ? 0 : &cmd_queues[q].slot[cmd_queues[q].head];
}

static void cmd_pop(unsigned q)
{
  cmd_queues[q].head = (cmd_queues[q].head + 1u) % ACCEL_CMD_QUEUE_DEPTH;
  cmd_queues[q].count--;
}

static int token_ready(unsigned t)
{
  return token_queues[t].count > 0u;
}

static void token_pop(unsigned t)
{
  token_queues[t].count--;
}

static void token_push(unsigned t)
{
  token_queue_t *q = &token_queues[t];
  if (q->count == ACCEL_TOKEN_QUEUE_DEPTH) {
    fail(ACCEL_ERR_DEADLOCK, "%s token queue overflow: %u tokens pushed and not popped (depth %u)", TOKEN_NAMES[t],
        (unsigned) q->count, (unsigned) ACCEL_TOKEN_QUEUE_DEPTH);
    return;
  }
  q->count++;
}

/* Names an instruction for messages: "#12 GEMM.T" or "#7 LOAD (LOOP.GEMM expansion 3)". */
static void describe(const accel_cmd_t *c, char *out, unsigned size)
{
#ifndef __SYNTHESIS__
  unsigned op = (unsigned) FIELD(c->word, TRITIUM_ISA_OPCODE);
  if (c->ordinal < 0) {
    snprintf(out, size, "#%u %s", (unsigned) c->index, ACCEL_MNEMONICS[op]);
  } else {
    snprintf(out, size, "#%u %s (LOOP.GEMM expansion %d)", (unsigned) c->index, ACCEL_MNEMONICS[op],
        (int) c->ordinal);
  }
#else
  (void) c;
  (void) size;
  out[0] = '\\0';
#endif
}

static void put_field(uint8_t w[16], unsigned offset, unsigned width, uint64_t v)
{
  unsigned i;
  for (i = 0u; i < width; ++i) {
    unsigned bit = offset + i;
    uint8_t mask = (uint8_t) (1u << (bit & 7u));
    if ((v >> i) & 1u) {
      w[bit >> 3] = (uint8_t) (w[bit >> 3] | mask);
    } else {
      w[bit >> 3] = (uint8_t) (w[bit >> 3] & (uint8_t) ~mask);
    }
  }
}

#define PUT(w, NAME, v) put_field((w), NAME##_OFFSET, NAME##_WIDTH, (uint64_t) (v))
""";
}
