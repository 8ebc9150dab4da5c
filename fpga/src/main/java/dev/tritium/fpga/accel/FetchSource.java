package dev.tritium.fpga.accel;

/** Instruction fetch, decode checks and dispatch, with the LOOP.GEMM expander, in C. Kept as C text so that the generated file reads as written. */
final class FetchSource {

  private FetchSource() {}

  /** Packings, decode checks, LOOP.GEMM expansion and the dispatch into the three command FIFOs. */
  static final String FETCH = """

/* ---- packings (isa: Weight packings) ---- */
static uint64_t ceil_div(uint64_t a, uint64_t b)
{
  return (a + b - 1u) / b;
}

static uint64_t packed_row_bytes(unsigned p, uint64_t k)
{
  switch (p) {
    case TRITIUM_ISA_PACKING_TWO_BIT:
    case TRITIUM_ISA_PACKING_LUT_G2: return ceil_div(k, 4u);
    case TRITIUM_ISA_PACKING_BASE3: return ceil_div(k, 5u);
    case TRITIUM_ISA_PACKING_LUT_G3: return ceil_div(ceil_div(k, 3u) * 5u, 8u);
    case TRITIUM_ISA_PACKING_LUT_G4: return ceil_div(ceil_div(k, 4u) * 7u, 8u);
    case TRITIUM_ISA_PACKING_LUT_G3_MIRROR: return ceil_div(ceil_div(k, 3u), 2u) + ceil_div(ceil_div(k, 3u), 8u);
    case TRITIUM_ISA_PACKING_SIGN_BITS: return ceil_div(k, 8u);
    default: return 2u * ceil_div(k, 8u);
  }
}

/* Weights per byte-aligned cut of a row, 0 when a row cannot be cut along K. */
static unsigned split_weights(unsigned p)
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

static unsigned pow3(unsigned g)
{
  unsigned n = 1u;
  unsigned i;
  for (i = 0u; i < g; ++i) {
    n *= 3u;
  }
  return n;
}

/* The LUT group size a packing's tables use (BIT_PLANES: the LUT core's g). */
static unsigned lut_group(unsigned p)
{
  switch (p) {
    case TRITIUM_ISA_PACKING_LUT_G2: return 2u;
    case TRITIUM_ISA_PACKING_LUT_G3:
    case TRITIUM_ISA_PACKING_LUT_G3_MIRROR: return 3u;
    case TRITIUM_ISA_PACKING_LUT_G4: return 4u;
    default: return ACCEL_LUT_GROUP_SIZE;
  }
}

static unsigned entries_per_table(unsigned variant, unsigned g)
{
  switch (variant) {
    case TRITIUM_ISA_LUT_VARIANT_TERNARY_BASE3: return pow3(g);
    case TRITIUM_ISA_LUT_VARIANT_TERNARY_MIRROR: return (pow3(g) + 1u) / 2u;
    default: return 1u << g;
  }
}

static unsigned packing_variant(unsigned p)
{
  switch (p) {
    case TRITIUM_ISA_PACKING_LUT_G3_MIRROR: return TRITIUM_ISA_LUT_VARIANT_TERNARY_MIRROR;
    case TRITIUM_ISA_PACKING_BIT_PLANES: return TRITIUM_ISA_LUT_VARIANT_BIT_SERIAL;
    default: return TRITIUM_ISA_LUT_VARIANT_TERNARY_BASE3;
  }
}

/* ---- instruction fetch and dispatch (with the LOOP.GEMM expander) ---- */
static struct {
  const uint8_t *insns;
  uint32_t count;
  uint32_t pc;
  int have_weights;
  int have_bounds;
  uint64_t w_dram, w_stride, w_slot0, w_slot1;
  uint64_t b_m, b_n, b_k, b_tile_n, b_tile_k;
  unsigned b_unit, b_packing;
  int in_loop;
  uint64_t next, size, tiles, ktiles;
  uint64_t g_act, g_acc, g_lut;
  unsigned g_accumulate, g_wait, g_free, g_pop_next, g_push_next;
  uint32_t restore_stride, restore_acc;
  uint32_t shadow[TRITIUM_ISA_CFG_COUNT];
  int stalled_on; /* queue whose full command FIFO stalled the last dispatch, or -1 */
  accel_cmd_t pending;
} fe;

static unsigned queue_of(const uint8_t w[16])
{
  unsigned op = (unsigned) FIELD(w, TRITIUM_ISA_OPCODE);
  if (op == TRITIUM_ISA_OP_LOAD) {
    return Q_LOAD;
  }
  if (op == TRITIUM_ISA_OP_STORE) {
    return Q_STORE;
  }
  if (op == TRITIUM_ISA_OP_SYNC) {
    return (unsigned) FIELD(w, TRITIUM_ISA_SYNC_QUEUE);
  }
  return Q_COMPUTE;
}

/* The decoder's checks: a defined opcode, reserved bits zero, enum codes in range, legal flags. */
static int decode_ok(const uint8_t w[16], uint32_t index)
{
  unsigned op = (unsigned) FIELD(w, TRITIUM_ISA_OPCODE);
  unsigned bit;
  unsigned i;
  unsigned q;
  unsigned flags = (unsigned) FIELD(w, TRITIUM_ISA_POP_PREV) | (unsigned) FIELD(w, TRITIUM_ISA_POP_NEXT) << 1
      | (unsigned) FIELD(w, TRITIUM_ISA_PUSH_PREV) << 2 | (unsigned) FIELD(w, TRITIUM_ISA_PUSH_NEXT) << 3;
  if (ACCEL_USED_BITS[op] == 0u) {
    fail(ACCEL_ERR_DECODE, "instruction #%u: opcode %u is not defined", (unsigned) index, op);
    return 0;
  }
  for (bit = ACCEL_USED_BITS[op]; bit < 128u; ++bit) {
    if ((w[bit >> 3] >> (bit & 7u)) & 1u) {
      fail(ACCEL_ERR_DECODE, "instruction #%u %s: reserved bit %u is set", (unsigned) index, ACCEL_MNEMONICS[op], bit);
      return 0;
    }
  }
  for (i = 0u; i < ACCEL_ENUM_FIELD_COUNT; ++i) {
    const accel_enum_field_t *f = &ACCEL_ENUM_FIELDS[i];
    if (f->opcode == op && tritium_isa_field(w, f->offset, f->width) >= f->count) {
      fail(ACCEL_ERR_DECODE, "instruction #%u %s: field %s holds %u, expected 0..%u", (unsigned) index,
          ACCEL_MNEMONICS[op], f->name, (unsigned) tritium_isa_field(w, f->offset, f->width), (unsigned) f->count - 1u);
      return 0;
    }
  }
  if (op == TRITIUM_ISA_OP_LOOP_WEIGHTS || op == TRITIUM_ISA_OP_LOOP_BOUNDS) {
    if (flags != 0u) {
      fail(ACCEL_ERR_DECODE, "instruction #%u %s: loop configuration carries no dependency flags", (unsigned) index,
          ACCEL_MNEMONICS[op]);
      return 0;
    }
    return 1;
  }
  q = op == TRITIUM_ISA_OP_LOOP_GEMM ? Q_COMPUTE : queue_of(w);
  if ((q == Q_LOAD && (flags & 5u) != 0u) || (q == Q_STORE && (flags & 10u) != 0u)) {
    fail(ACCEL_ERR_DECODE, "instruction #%u %s: the %s queue has no %s queue to exchange tokens with",
        (unsigned) index, ACCEL_MNEMONICS[op], QUEUE_NAMES[q], q == Q_LOAD ? "previous" : "next");
    return 0;
  }
  return 1;
}

/* Sets a field of an expanded instruction; a value its field cannot hold stops the run. */
static void put_checked(accel_cmd_t *c, unsigned offset, unsigned width, uint64_t v, const char *name)
{
  if (width < 64u && (v >> width) != 0u) {
    fail(ACCEL_ERR_EXEC, "instruction #%u LOOP.GEMM: expanded %s = %llu does not fit %u bits", (unsigned) c->index,
        name, (unsigned long long) v, width);
  }
  put_field(c->word, offset, width, v);
}

#define PUTC(c, NAME, v) put_checked((c), NAME##_OFFSET, NAME##_WIDTH, (uint64_t) (v), #NAME)

static void put_deps(accel_cmd_t *c, unsigned pop_prev, unsigned pop_next, unsigned push_prev, unsigned push_next)
{
  PUT(c->word, TRITIUM_ISA_POP_PREV, pop_prev);
  PUT(c->word, TRITIUM_ISA_POP_NEXT, pop_next);
  PUT(c->word, TRITIUM_ISA_PUSH_PREV, push_prev);
  PUT(c->word, TRITIUM_ISA_PUSH_NEXT, push_next);
}

static unsigned loop_slots(void)
{
  return fe.w_slot0 == fe.w_slot1 ? 1u : 2u;
}

static uint64_t loop_slot(uint64_t tile)
{
  return tile % 2u == 0u ? fe.w_slot0 : fe.w_slot1;
}

static unsigned loop_stride_reg(void)
{
  return fe.b_unit == TRITIUM_ISA_UNIT_MAC ? TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES : TRITIUM_ISA_CFG_LUT_ROW_STRIDE_BYTES;
}

static uint64_t loop_table_bytes(void)
{
  unsigned p = fe.b_packing;
  return 2u * entries_per_table(packing_variant(p), lut_group(p));
}

static void loop_cfg(accel_cmd_t *c, unsigned reg, uint64_t value)
{
  PUT(c->word, TRITIUM_ISA_OPCODE, TRITIUM_ISA_OP_CFG);
  PUT(c->word, TRITIUM_ISA_CFG_REG, reg);
  PUTC(c, TRITIUM_ISA_CFG_VALUE, value);
}

static void loop_load(accel_cmd_t *c, uint64_t tile)
{
  uint64_t t = fe.tiles;
  uint64_t n0 = tile / fe.ktiles * fe.b_tile_n;
  uint64_t k0 = tile % fe.ktiles * fe.b_tile_k;
  uint64_t tn = fe.b_tile_n < fe.b_n - n0 ? fe.b_tile_n : fe.b_n - n0;
  uint64_t tk = fe.b_tile_k < fe.b_k - k0 ? fe.b_tile_k : fe.b_k - k0;
  uint64_t slots = loop_slots();
  unsigned pop_next = tile >= slots || (fe.g_wait && tile < (t < slots ? t : slots));
  PUT(c->word, TRITIUM_ISA_OPCODE, TRITIUM_ISA_OP_LOAD);
  put_deps(c, 0u, pop_next, 0u, 1u);
  PUT(c->word, TRITIUM_ISA_LOAD_BUFFER, TRITIUM_ISA_BUFFER_WGT);
  PUTC(c, TRITIUM_ISA_LOAD_SRAM_ADDR, loop_slot(tile));
  PUTC(c, TRITIUM_ISA_LOAD_DRAM_ADDR, fe.w_dram + n0 * fe.w_stride + packed_row_bytes(fe.b_packing, k0));
  PUTC(c, TRITIUM_ISA_LOAD_ROWS, tn);
  PUTC(c, TRITIUM_ISA_LOAD_ROW_BYTES, packed_row_bytes(fe.b_packing, tk));
  PUTC(c, TRITIUM_ISA_LOAD_DRAM_STRIDE_BYTES, fe.w_stride);
}

static void loop_op(accel_cmd_t *c, uint64_t tile)
{
  int64_t t = (int64_t) fe.tiles;
  int64_t slots = (int64_t) loop_slots();
  int64_t ti = (int64_t) tile;
  uint64_t kt = tile % fe.ktiles;
  uint64_t n0 = tile / fe.ktiles * fe.b_tile_n;
  uint64_t k0 = kt * fe.b_tile_k;
  uint64_t tn = fe.b_tile_n < fe.b_n - n0 ? fe.b_tile_n : fe.b_n - n0;
  uint64_t tk = fe.b_tile_k < fe.b_k - k0 ? fe.b_tile_k : fe.b_k - k0;
  unsigned push_prev = ti + slots < t || (fe.g_free && ti >= t - slots);
  unsigned accumulate = kt > 0u || fe.g_accumulate;
  put_deps(c, 1u, fe.g_pop_next && ti == 0, push_prev, fe.g_push_next && ti == t - 1);
  if (fe.b_unit == TRITIUM_ISA_UNIT_MAC) {
    PUT(c->word, TRITIUM_ISA_OPCODE, TRITIUM_ISA_OP_GEMM_T);
    PUTC(c, TRITIUM_ISA_GEMM_T_WGT_ADDR, loop_slot(tile));
    PUTC(c, TRITIUM_ISA_GEMM_T_ACT_ADDR, fe.g_act + k0);
    PUTC(c, TRITIUM_ISA_GEMM_T_ACC_ADDR, fe.g_acc + 4u * n0);
    PUTC(c, TRITIUM_ISA_GEMM_T_M, fe.b_m);
    PUTC(c, TRITIUM_ISA_GEMM_T_N, tn);
    PUTC(c, TRITIUM_ISA_GEMM_T_K, tk);
    PUT(c->word, TRITIUM_ISA_GEMM_T_PACKING, fe.b_packing);
    PUT(c->word, TRITIUM_ISA_GEMM_T_ACCUMULATE, accumulate);
  } else {
    uint64_t lut = fe.g_lut + (fe.ktiles == 1u ? 0u : k0 / lut_group(fe.b_packing) * loop_table_bytes());
    PUT(c->word, TRITIUM_ISA_OPCODE, TRITIUM_ISA_OP_LUT_GEMM);
    PUTC(c, TRITIUM_ISA_LUT_GEMM_WGT_ADDR, loop_slot(tile));
    PUTC(c, TRITIUM_ISA_LUT_GEMM_LUT_ADDR, lut);
    PUTC(c, TRITIUM_ISA_LUT_GEMM_ACC_ADDR, fe.g_acc + 4u * n0);
    PUTC(c, TRITIUM_ISA_LUT_GEMM_M, fe.b_m);
    PUTC(c, TRITIUM_ISA_LUT_GEMM_N, tn);
    PUTC(c, TRITIUM_ISA_LUT_GEMM_K, tk);
    PUT(c->word, TRITIUM_ISA_LUT_GEMM_PACKING, fe.b_packing);
    PUT(c->word, TRITIUM_ISA_LUT_GEMM_ACCUMULATE, accumulate);
  }
}

/* The i-th instruction of the open LOOP.GEMM's expansion (isa: LOOP.GEMM, Expansion). */
static void loop_instruction(uint64_t i, accel_cmd_t *c)
{
  uint64_t t = fe.tiles;
  uint64_t j;
  memset(c->word, 0, sizeof c->word);
  c->index = fe.pc;
  c->ordinal = (int32_t) i;
  if (i == 0u) {
    uint64_t v = fe.b_unit == TRITIUM_ISA_UNIT_MAC ? fe.b_k
        : (fe.ktiles == 1u ? 0u : ceil_div(fe.b_k, lut_group(fe.b_packing)) * loop_table_bytes());
    loop_cfg(c, loop_stride_reg(), v);
  } else if (i == 1u) {
    loop_cfg(c, TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * fe.b_n);
  } else if (i == 2u) {
    loop_load(c, 0u);
  } else if (i == fe.size - 2u) {
    loop_cfg(c, loop_stride_reg(), fe.restore_stride);
  } else if (i == fe.size - 1u) {
    loop_cfg(c, TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, fe.restore_acc);
  } else {
    j = i - 3u;
    if (loop_slots() == 1u) {
      if (j % 2u == 0u) {
        loop_op(c, j / 2u);
      } else {
        loop_load(c, j / 2u + 1u);
      }
    } else if (j == 2u * (t - 1u)) {
      loop_op(c, t - 1u);
    } else if (j % 2u == 0u) {
      loop_load(c, j / 2u + 1u);
    } else {
      loop_op(c, j / 2u);
    }
  }
}

/* LoopPlan's problems: a configuration the expander cannot run stops the program at the macro. */
static int loop_open(const uint8_t w[16])
{
  const char *problem = 0;
  unsigned p = fe.b_packing;
  if (!fe.have_weights) {
    problem = "no LOOP.WEIGHTS precedes this LOOP.GEMM";
  } else if (!fe.have_bounds) {
    problem = "no LOOP.BOUNDS precedes this LOOP.GEMM";
  } else if (FIELD(w, TRITIUM_ISA_POP_PREV) || FIELD(w, TRITIUM_ISA_PUSH_PREV)) {
    problem = "LOOP.GEMM may carry only pop_next and push_next";
  } else if (fe.b_m < 1u || fe.b_n < 1u || fe.b_k < 1u || fe.b_tile_n < 1u || fe.b_tile_k < 1u) {
    problem = "LOOP.BOUNDS m, n, k, tile_n and tile_k must be >= 1";
  } else if ((fe.b_unit == TRITIUM_ISA_UNIT_LUT) != (p != TRITIUM_ISA_PACKING_TWO_BIT && p != TRITIUM_ISA_PACKING_BASE3
      && p != TRITIUM_ISA_PACKING_SIGN_BITS)) {
    problem = "the unit cannot read this packing";
  }
  if (problem == 0) {
    fe.ktiles = ceil_div(fe.b_k, fe.b_tile_k);
    fe.tiles = ceil_div(fe.b_n, fe.b_tile_n) * fe.ktiles;
    if (fe.ktiles > 1u && (split_weights(p) == 0u || fe.b_tile_k % split_weights(p) != 0u)) {
      problem = "tile_k must be a multiple of the packing's row cut";
    } else if (fe.w_stride < packed_row_bytes(p, fe.b_k) && fe.b_n > 1u) {
      problem = "dram_row_stride_bytes is smaller than one packed row";
    } else if (fe.tiles > 1u && fe.w_slot0 != fe.w_slot1) {
      uint64_t s = (fe.b_tile_n < fe.b_n ? fe.b_tile_n : fe.b_n)
          * packed_row_bytes(p, fe.b_tile_k < fe.b_k ? fe.b_tile_k : fe.b_k);
      if (fe.w_slot0 < fe.w_slot1 + s && fe.w_slot1 < fe.w_slot0 + s) {
        problem = "the two WGT slots overlap";
      }
    }
  }
  if (problem != 0) {
    fail(ACCEL_ERR_DECODE, "instruction #%u LOOP.GEMM: %s", (unsigned) fe.pc, problem);
    return 0;
  }
  fe.g_act = FIELD(w, TRITIUM_ISA_LOOP_GEMM_ACT_ADDR);
  fe.g_acc = FIELD(w, TRITIUM_ISA_LOOP_GEMM_ACC_ADDR);
  fe.g_lut = FIELD(w, TRITIUM_ISA_LOOP_GEMM_LUT_ADDR);
  fe.g_accumulate = (unsigned) FIELD(w, TRITIUM_ISA_LOOP_GEMM_ACCUMULATE);
  fe.g_wait = (unsigned) FIELD(w, TRITIUM_ISA_LOOP_GEMM_WAIT_SLOTS);
  fe.g_free = (unsigned) FIELD(w, TRITIUM_ISA_LOOP_GEMM_FREE_SLOTS);
  fe.g_pop_next = (unsigned) FIELD(w, TRITIUM_ISA_POP_NEXT);
  fe.g_push_next = (unsigned) FIELD(w, TRITIUM_ISA_PUSH_NEXT);
  fe.restore_stride = fe.shadow[loop_stride_reg()];
  fe.restore_acc = fe.shadow[TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES];
  fe.size = 2u * fe.tiles + 4u;
  fe.next = 0u;
  fe.in_loop = 1;
  return 1;
}

/* One fetch step: dispatches at most one instruction; returns 1 on progress. */
static int fetch_step(accel_counters_t *counters)
{
  unsigned q;
  fe.stalled_on = -1;
  while (!fe.in_loop && fe.pc < fe.count) {
    const uint8_t *w = fe.insns + 16u * (uint64_t) fe.pc;
    unsigned op;
    if (fe.pending.index != fe.pc || fe.pending.ordinal != -2) {
      /* first look at this word: decode checks once */
      counters->fetched++;
      if (!decode_ok(w, fe.pc)) {
        return 0;
      }
      memcpy(fe.pending.word, w, 16u);
      fe.pending.index = fe.pc;
      fe.pending.ordinal = -2;
    }
    op = (unsigned) FIELD(w, TRITIUM_ISA_OPCODE);
    if (op == TRITIUM_ISA_OP_LOOP_WEIGHTS) {
      fe.w_dram = FIELD(w, TRITIUM_ISA_LOOP_WEIGHTS_DRAM_ADDR);
      fe.w_stride = FIELD(w, TRITIUM_ISA_LOOP_WEIGHTS_DRAM_ROW_STRIDE_BYTES);
      fe.w_slot0 = FIELD(w, TRITIUM_ISA_LOOP_WEIGHTS_SLOT0_ADDR);
      fe.w_slot1 = FIELD(w, TRITIUM_ISA_LOOP_WEIGHTS_SLOT1_ADDR);
      fe.have_weights = 1;
      fe.pc++;
      return 1;
    }
    if (op == TRITIUM_ISA_OP_LOOP_BOUNDS) {
      fe.b_m = FIELD(w, TRITIUM_ISA_LOOP_BOUNDS_M);
      fe.b_n = FIELD(w, TRITIUM_ISA_LOOP_BOUNDS_N);
      fe.b_k = FIELD(w, TRITIUM_ISA_LOOP_BOUNDS_K);
      fe.b_tile_n = FIELD(w, TRITIUM_ISA_LOOP_BOUNDS_TILE_N);
      fe.b_tile_k = FIELD(w, TRITIUM_ISA_LOOP_BOUNDS_TILE_K);
      fe.b_unit = (unsigned) FIELD(w, TRITIUM_ISA_LOOP_BOUNDS_UNIT);
      fe.b_packing = (unsigned) FIELD(w, TRITIUM_ISA_LOOP_BOUNDS_PACKING);
      fe.have_bounds = 1;
      fe.pc++;
      return 1;
    }
    if (op == TRITIUM_ISA_OP_LOOP_GEMM) {
      return loop_open(w);
    }
    q = queue_of(w);
    if (cmd_full(q)) {
      fe.stalled_on = (int) q;
      return 0;
    }
    fe.pending.ordinal = -1;
    cmd_push(q, &fe.pending);
    if (op == TRITIUM_ISA_OP_CFG) {
      fe.shadow[FIELD(w, TRITIUM_ISA_CFG_REG)] = (uint32_t) FIELD(w, TRITIUM_ISA_CFG_VALUE);
    }
    counters->dispatched++;
    fe.pc++;
    fe.pending.ordinal = -2;
    fe.pending.index = 0xffffffffu;
    return 1;
  }
  if (fe.in_loop) {
    accel_cmd_t c;
    loop_instruction(fe.next, &c);
    if (status != ACCEL_OK) {
      return 0;
    }
    q = queue_of(c.word);
    if (cmd_full(q)) {
      fe.stalled_on = (int) q;
      return 0;
    }
    cmd_push(q, &c);
    if (FIELD(c.word, TRITIUM_ISA_OPCODE) == TRITIUM_ISA_OP_CFG) {
      fe.shadow[FIELD(c.word, TRITIUM_ISA_CFG_REG)] = (uint32_t) FIELD(c.word, TRITIUM_ISA_CFG_VALUE);
    }
    counters->dispatched++;
    fe.next++;
    if (fe.next == fe.size) {
      fe.in_loop = 0;
      fe.pc++;
    }
    return 1;
  }
  return 0;
}

static int fetch_done(void)
{
  return !fe.in_loop && fe.pc >= fe.count;
}
""";
}
