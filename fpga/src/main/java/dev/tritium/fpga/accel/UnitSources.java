package dev.tritium.fpga.accel;

/** The execution units in C: DMA, ternary MAC array (and its int8 mode), LUT core, vector unit. Kept as C text so that the generated file reads as written. */
final class UnitSources {

  private UnitSources() {}

  /** LOAD and STORE: 2-D strided copies between DRAM and a buffer. */
  static final String DMA = """

/* ---- DMA between DRAM and the buffers (2-D strided, SRAM side dense) ---- */

/* The ISA's DRAM address space: 36-bit byte addresses. Bytes past the image read as zero, as in a sparse DRAM. */
#define DRAM_SPACE_BYTES (1ull << TRITIUM_ISA_LOAD_DRAM_ADDR_WIDTH)

static int dma_ok(const char *what, unsigned buf, uint64_t sram, uint64_t dram, uint64_t rows, uint64_t row_bytes,
    uint64_t stride)
{
  if (rows == 0u || row_bytes == 0u) {
    fail(ACCEL_ERR_EXEC, "%s %s: rows %llu, row_bytes %llu must be positive", what, BUFFER_NAMES[buf],
        (unsigned long long) rows, (unsigned long long) row_bytes);
    return 0;
  }
  if (sram + rows * row_bytes > buffer_bytes(buf)) {
    fail(ACCEL_ERR_EXEC, "%s: SRAM %s: access to bytes [%llu, %llu) is outside the buffer of %llu bytes", what,
        BUFFER_NAMES[buf], (unsigned long long) sram, (unsigned long long) (sram + rows * row_bytes),
        (unsigned long long) buffer_bytes(buf));
    return 0;
  }
  if (dram + (rows - 1u) * stride + row_bytes > DRAM_SPACE_BYTES) {
    fail(ACCEL_ERR_EXEC, "%s: DRAM bytes from %llu are outside the address space", what, (unsigned long long) dram);
    return 0;
  }
  return 1;
}

static void exec_load(const uint8_t w[16])
{
  unsigned buf = (unsigned) FIELD(w, TRITIUM_ISA_LOAD_BUFFER);
  uint64_t sram = FIELD(w, TRITIUM_ISA_LOAD_SRAM_ADDR);
  uint64_t dram = FIELD(w, TRITIUM_ISA_LOAD_DRAM_ADDR);
  uint64_t rows = FIELD(w, TRITIUM_ISA_LOAD_ROWS);
  uint64_t row_bytes = FIELD(w, TRITIUM_ISA_LOAD_ROW_BYTES);
  uint64_t stride = FIELD(w, TRITIUM_ISA_LOAD_DRAM_STRIDE_BYTES);
  uint8_t *mem = buffer_base(buf);
  uint64_t r;
  uint64_t i;
  if (!dma_ok("LOAD", buf, sram, dram, rows, row_bytes, stride)) {
    return;
  }
  for (r = 0u; r < rows; ++r) {
    uint64_t src = dram + r * stride;
    uint64_t dst = sram + r * row_bytes;
    for (i = 0u; i < row_bytes; ++i) {
      HLS(pipeline II=1)
      mem[dst + i] = src + i < dram_size ? dram_mem[src + i] : 0u;
    }
  }
}

static void exec_store(const uint8_t w[16])
{
  unsigned buf = (unsigned) FIELD(w, TRITIUM_ISA_STORE_BUFFER);
  uint64_t sram = FIELD(w, TRITIUM_ISA_STORE_SRAM_ADDR);
  uint64_t dram = FIELD(w, TRITIUM_ISA_STORE_DRAM_ADDR);
  uint64_t rows = FIELD(w, TRITIUM_ISA_STORE_ROWS);
  uint64_t row_bytes = FIELD(w, TRITIUM_ISA_STORE_ROW_BYTES);
  uint64_t stride = FIELD(w, TRITIUM_ISA_STORE_DRAM_STRIDE_BYTES);
  const uint8_t *mem = buffer_base(buf);
  uint64_t r;
  uint64_t i;
  if (!dma_ok("STORE", buf, sram, dram, rows, row_bytes, stride)) {
    return;
  }
  if (dram + (rows - 1u) * stride + row_bytes > dram_size) {
    fail(ACCEL_ERR_EXEC, "STORE: DRAM bytes [%llu, %llu) are outside the %llu-byte DRAM image",
        (unsigned long long) dram, (unsigned long long) (dram + (rows - 1u) * stride + row_bytes),
        (unsigned long long) dram_size);
    return;
  }
  for (r = 0u; r < rows; ++r) {
    uint64_t dst = dram + r * stride;
    uint64_t src = sram + r * row_bytes;
    for (i = 0u; i < row_bytes; ++i) {
      HLS(pipeline II=1)
      dram_mem[dst + i] = mem[src + i];
    }
  }
}
""";

  /** Packed-weight decoding, the MAC array's GEMM.T tile and GEMM.I8. */
  static final String MAC = """

/* ---- packed ternary weights (isa: Weight packings) ---- */

/* A group-field layout: g weights per field of fb bits, base-3 digits t = w + 1 (binary: bit 1 = +1, 0 = -1). */
typedef struct {
  unsigned g;
  unsigned fb;
  unsigned first_ms;    /* 1: the group's first weight is the most significant digit */
  unsigned binary;      /* 1: SIGN_BITS, no zero weight */
  unsigned index_count; /* 3^g (2^g binary) */
  unsigned zero_index;  /* the code of a spare field: every digit 1 (the all-zero group), or 0 when binary */
} field_layout_t;

static int field_layout(unsigned p, field_layout_t *l)
{
  switch (p) {
    case TRITIUM_ISA_PACKING_TWO_BIT: l->g = 1u; l->fb = 2u; l->first_ms = 0u; break;
    case TRITIUM_ISA_PACKING_BASE3: l->g = 5u; l->fb = 8u; l->first_ms = 0u; break;
    case TRITIUM_ISA_PACKING_LUT_G2: l->g = 2u; l->fb = 4u; l->first_ms = 1u; break;
    case TRITIUM_ISA_PACKING_LUT_G3: l->g = 3u; l->fb = 5u; l->first_ms = 1u; break;
    case TRITIUM_ISA_PACKING_LUT_G4: l->g = 4u; l->fb = 7u; l->first_ms = 1u; break;
    case TRITIUM_ISA_PACKING_SIGN_BITS:
      l->g = 1u; l->fb = 1u; l->first_ms = 0u; l->binary = 1u; l->index_count = 2u; l->zero_index = 0u;
      return 1;
    default: return 0;
  }
  l->binary = 0u;
  l->index_count = pow3(l->g);
  l->zero_index = (l->index_count - 1u) / 2u;
  return 1;
}

static uint64_t field_row_bytes(const field_layout_t *l, uint64_t k)
{
  return ceil_div(ceil_div(k, l->g) * l->fb, 8u);
}

/* Bits [j*bits, j*bits + bits) of a row, least significant bit first. */
static unsigned read_bits(const uint8_t *row, uint64_t j, unsigned bits)
{
  uint64_t bit = j * bits;
  uint64_t at = bit >> 3;
  unsigned shift = (unsigned) (bit & 7u);
  unsigned needed = (shift + bits + 7u) >> 3;
  uint32_t v = 0u;
  unsigned i;
  for (i = 0u; i < needed; ++i) {
    v |= (uint32_t) row[at + i] << (8u * i);
  }
  return (unsigned) ((v >> shift) & ((1u << bits) - 1u));
}

/* Weight i (0..g-1) of a group index. */
static int index_weight(const field_layout_t *l, unsigned idx, unsigned i)
{
  unsigned pos = l->first_ms ? l->g - 1u - i : i;
  unsigned p;
  if (l->binary) {
    return ((idx >> pos) & 1u) ? 1 : -1;
  }
  for (p = 0u; p < pos; ++p) {
    idx /= 3u;
  }
  return (int) (idx % 3u) - 1;
}

static int zero_bits(const uint8_t *row, uint64_t from_bit, uint64_t to_bit, const char *where, uint64_t r)
{
  uint64_t p;
  for (p = from_bit; p < to_bit; ++p) {
    if ((row[p >> 3] >> (p & 7u)) & 1u) {
      fail(ACCEL_ERR_EXEC, "%s WGT row %llu: padding bit %llu of the row is set, expected zero", where,
          (unsigned long long) r, (unsigned long long) p);
      return 0;
    }
  }
  return 1;
}

/* Every field of a row: real groups hold valid indices with zero padding weights, spare fields the zero group. */
static int field_row_ok(const field_layout_t *l, const uint8_t *row, uint64_t k, const char *where, uint64_t r)
{
  uint64_t row_bits = field_row_bytes(l, k) * 8u;
  uint64_t groups = ceil_div(k, l->g);
  uint64_t slots = row_bits / l->fb;
  uint64_t j;
  unsigned i;
  for (j = 0u; j < slots; ++j) {
    unsigned idx = read_bits(row, j, l->fb);
    if (j < groups) {
      uint64_t real = k - j * l->g < l->g ? k - j * l->g : l->g;
      if (idx >= l->index_count) {
        fail(ACCEL_ERR_EXEC, "%s WGT row %llu, group %llu: index %u is not a valid code (0..%u)", where,
            (unsigned long long) r, (unsigned long long) j, idx, l->index_count - 1u);
        return 0;
      }
      for (i = (unsigned) real; i < l->g; ++i) {
        if (index_weight(l, idx, i) != 0) {
          fail(ACCEL_ERR_EXEC, "%s WGT row %llu, group %llu: padding weight %u is not 0", where,
              (unsigned long long) r, (unsigned long long) j, i);
          return 0;
        }
      }
    } else if (idx != l->zero_index) {
      fail(ACCEL_ERR_EXEC, "%s WGT row %llu, spare field %llu holds %u, expected the spare-field code %u", where,
          (unsigned long long) r, (unsigned long long) j, idx, l->zero_index);
      return 0;
    }
  }
  return zero_bits(row, slots * l->fb, row_bits, where, r);
}

/* Weight c of a row (c < k), from its field. */
static int field_weight(const field_layout_t *l, const uint8_t *row, uint64_t c)
{
  return index_weight(l, read_bits(row, c / l->g, l->fb), (unsigned) (c % l->g));
}

/* ---- ternary MAC array: GEMM.T ---- */

/* The processing element: add, subtract or skip; no multiplier. */
static uint32_t ternary_pe(int w, int32_t x)
{
  return w > 0 ? (uint32_t) x : (w < 0 ? (uint32_t) 0u - (uint32_t) x : 0u);
}

static void exec_gemm_t(const uint8_t w[16])
{
  const char *where = "GEMM.T";
  uint64_t wa = FIELD(w, TRITIUM_ISA_GEMM_T_WGT_ADDR);
  uint64_t aa = FIELD(w, TRITIUM_ISA_GEMM_T_ACT_ADDR);
  uint64_t ca = FIELD(w, TRITIUM_ISA_GEMM_T_ACC_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_GEMM_T_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_GEMM_T_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_GEMM_T_K);
  unsigned packing = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_T_PACKING);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_T_ACCUMULATE);
  field_layout_t l;
  uint64_t row_bytes;
  uint64_t act_stride;
  uint64_t acc_stride;
  uint64_t n0;
  uint64_t k0;
  uint64_t t;
  uint64_t r;
  if (!field_layout(packing, &l) || 8u % l.fb != 0u) {
    fail(ACCEL_ERR_EXEC, "%s: packing %u is a LUT-core layout the MAC array cannot decode; use TWO_BIT, BASE3 or SIGN_BITS",
        where, packing);
    return;
  }
  if (k == 0u) {
    fail(ACCEL_ERR_EXEC, "%s: k must be >= 1", where);
    return;
  }
  row_bytes = field_row_bytes(&l, k);
  act_stride = stride_or(TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, k, where);
  acc_stride = stride_or(TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  if (status != ACCEL_OK || !tile_ok(TRITIUM_ISA_BUFFER_WGT, wa, n, row_bytes, row_bytes, where, "weights")
      || !tile_ok(TRITIUM_ISA_BUFFER_ACT, aa, m, k, act_stride, where, "activations")
      || !tile_ok(TRITIUM_ISA_BUFFER_ACC, ca, m, 4u * n, acc_stride, where, "accumulators")) {
    return;
  }
  for (r = 0u; r < n; ++r) {
    if (!field_row_ok(&l, wgt_mem + wa + r * row_bytes, k, where, r)) {
      return;
    }
  }
  if (!accumulate) {
    for (t = 0u; t < m; ++t) {
      for (r = 0u; r < n; ++r) {
        wr32(acc_mem, ca + t * acc_stride + 4u * r, 0u);
      }
    }
  }
  /* Weight stationary: an ACCEL_MAC_ROWS x ACCEL_MAC_COLS tile of weights stays while every token streams past. */
  for (n0 = 0u; n0 < n; n0 += ACCEL_MAC_COLS) {
    for (k0 = 0u; k0 < k; k0 += ACCEL_MAC_ROWS) {
      int8_t wt[ACCEL_MAC_ROWS][ACCEL_MAC_COLS];
      unsigned i;
      unsigned j;
      HLS(array_partition variable=wt complete dim=0)
      for (i = 0u; i < ACCEL_MAC_ROWS; ++i) {
        for (j = 0u; j < ACCEL_MAC_COLS; ++j) {
          HLS(pipeline II=1)
          wt[i][j] = (int8_t) (n0 + j < n && k0 + i < k
              ? field_weight(&l, wgt_mem + wa + (n0 + j) * row_bytes, k0 + i) : 0);
        }
      }
      for (t = 0u; t < m; ++t) {
        int32_t x[ACCEL_MAC_ROWS];
        HLS(pipeline II=1)
        HLS(array_partition variable=x complete)
        for (i = 0u; i < ACCEL_MAC_ROWS; ++i) {
          HLS(unroll)
          x[i] = k0 + i < k ? as_int8(act_mem[aa + t * act_stride + k0 + i]) : 0;
        }
        for (j = 0u; j < ACCEL_MAC_COLS; ++j) {
          uint32_t s = 0u;
          HLS(unroll)
          for (i = 0u; i < ACCEL_MAC_ROWS; ++i) {
            HLS(unroll)
            s += ternary_pe(wt[i][j], x[i]);
          }
          if (n0 + j < n) {
            uint64_t at = ca + t * acc_stride + 4u * (n0 + j);
            wr32(acc_mem, at, rd32(acc_mem, at) + s);
          }
        }
      }
    }
  }
}

/* ---- int8 x int8 tile: GEMM.I8 (attention) on the same array's multipliers ---- */
static void exec_gemm_i8(const uint8_t w[16])
{
  const char *where = "GEMM.I8";
  uint64_t a = FIELD(w, TRITIUM_ISA_GEMM_I8_A_ADDR);
  uint64_t b = FIELD(w, TRITIUM_ISA_GEMM_I8_B_ADDR);
  uint64_t c = FIELD(w, TRITIUM_ISA_GEMM_I8_ACC_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_GEMM_I8_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_GEMM_I8_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_GEMM_I8_K);
  unsigned tb = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_I8_TRANSPOSE_B);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_I8_ACCUMULATE);
  uint64_t a_stride = stride_or(TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, k, where);
  uint64_t b_row_bytes = tb ? n : k;
  uint64_t b_rows = tb ? k : n;
  uint64_t b_stride = stride_or(TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, b_row_bytes, where);
  uint64_t acc_stride = stride_or(TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  uint64_t t;
  uint64_t r;
  uint64_t i;
  if (status != ACCEL_OK || !tile_ok(TRITIUM_ISA_BUFFER_ACT, a, m, k, a_stride, where, "A")
      || !tile_ok(TRITIUM_ISA_BUFFER_ACT, b, b_rows, b_row_bytes, b_stride, where, "B")
      || !tile_ok(TRITIUM_ISA_BUFFER_ACC, c, m, 4u * n, acc_stride, where, "accumulators")) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    for (r = 0u; r < n; ++r) {
      uint64_t at = c + t * acc_stride + 4u * r;
      uint32_t s = 0u;
      for (i = 0u; i < k; ++i) {
        HLS(pipeline II=1)
        int32_t x = as_int8(act_mem[a + t * a_stride + i]);
        int32_t y = as_int8(act_mem[tb ? b + i * b_stride + r : b + r * b_stride + i]);
        s += (uint32_t) (x * y);
      }
      wr32(acc_mem, at, (accumulate ? rd32(acc_mem, at) : 0u) + s);
    }
  }
}
""";

  /** The LUT core: LUT.BUILD and LUT.GEMM for every table variant. */
  static final String LUT = """

/* ---- LUT tensor core: LUT.BUILD and LUT.GEMM ---- */

/* full[idx] = sum_i w_i x_i for every most-significant-first base-3 index (digits w + 1). */
static void full_table(const int32_t *xs, unsigned g, int32_t *full)
{
  unsigned size = 1u;
  unsigned p;
  unsigned r;
  full[0] = 0;
  for (p = 0u; p < g; ++p) {
    int32_t xv = xs[g - 1u - p];
    for (r = 0u; r < size; ++r) {
      int32_t v = full[r];
      full[2u * size + r] = v + xv;
      full[size + r] = v;
      full[r] = v - xv;
    }
    size *= 3u;
  }
}

static void exec_lut_build(const uint8_t w[16])
{
  const char *where = "LUT.BUILD";
  uint64_t aa = FIELD(w, TRITIUM_ISA_LUT_BUILD_ACT_ADDR);
  uint64_t la = FIELD(w, TRITIUM_ISA_LUT_BUILD_LUT_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_LUT_BUILD_M);
  uint64_t k = FIELD(w, TRITIUM_ISA_LUT_BUILD_K);
  unsigned g = (unsigned) FIELD(w, TRITIUM_ISA_LUT_BUILD_GROUP_SIZE);
  unsigned variant = (unsigned) FIELD(w, TRITIUM_ISA_LUT_BUILD_VARIANT);
  uint64_t groups;
  unsigned entries;
  uint64_t table_bytes;
  uint64_t act_stride;
  uint64_t lut_stride;
  uint64_t t;
  uint64_t j;
  static int32_t full[ACCEL_MAX_LUT_ENTRIES];
  int32_t xs[8];
  if (g < 1u || g > 7u) {
    fail(ACCEL_ERR_EXEC, "%s: group size %u is outside 1..7", where, g);
    return;
  }
  groups = ceil_div(k, g);
  entries = entries_per_table(variant, g);
  table_bytes = 2u * entries;
  act_stride = stride_or(TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, k, where);
  lut_stride = stride_or(TRITIUM_ISA_CFG_LUT_ROW_STRIDE_BYTES, groups * table_bytes, where);
  if (status != ACCEL_OK || !tile_ok(TRITIUM_ISA_BUFFER_ACT, aa, m, k, act_stride, where, "activations")
      || !tile_ok(TRITIUM_ISA_BUFFER_LUT, la, m, groups * table_bytes, lut_stride, where, "tables")) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    for (j = 0u; j < groups; ++j) {
      uint64_t at = la + t * lut_stride + j * table_bytes;
      unsigned i;
      unsigned e;
      for (i = 0u; i < g; ++i) {
        uint64_t col = j * g + i;
        xs[i] = col < k ? as_int8(act_mem[aa + t * act_stride + col]) : 0;
      }
      if (variant == TRITIUM_ISA_LUT_VARIANT_BIT_SERIAL) {
        for (e = 0u; e < entries; ++e) {
          int32_t s = 0;
          HLS(pipeline II=1)
          for (i = 0u; i < g; ++i) {
            s += (int32_t) ((e >> i) & 1u) * xs[i];
          }
          wr16(lut_mem, at + 2u * e, s);
        }
      } else {
        /* the mirror table is the upper half of the full one, from the all-zero group's entry */
        unsigned first = variant == TRITIUM_ISA_LUT_VARIANT_TERNARY_MIRROR ? (pow3(g) - 1u) / 2u : 0u;
        full_table(xs, g, full);
        for (e = 0u; e < entries; ++e) {
          HLS(pipeline II=1)
          wr16(lut_mem, at + 2u * e, full[first + e]);
        }
      }
    }
  }
}

/* How LUT.GEMM reads a packing: table variant, group size, lookups per group. */
typedef struct {
  unsigned kind; /* 0: index fields, 1: mirror magnitudes + signs, 2: bit planes */
  field_layout_t fields;
  unsigned g;
  unsigned entries;
} lut_reader_t;

#define MIRROR_MAG_BITS 4u

static uint64_t mirror_mag_bytes(uint64_t k)
{
  return ceil_div(ceil_div(k, 3u) * MIRROR_MAG_BITS, 8u);
}

static uint64_t lut_row_bytes(const lut_reader_t *rd, uint64_t k)
{
  switch (rd->kind) {
    case 0u: return field_row_bytes(&rd->fields, k);
    case 1u: return mirror_mag_bytes(k) + ceil_div(ceil_div(k, 3u), 8u);
    default: return 2u * ceil_div(k, 8u);
  }
}

static int plane_bit(const uint8_t *plane, uint64_t c)
{
  return (plane[c >> 3] >> (c & 7u)) & 1u;
}

/* Weight i of the mirror group with balanced value v (most significant first). */
static int mirror_weight(int v, unsigned i)
{
  unsigned idx = (unsigned) (v + 13);
  unsigned p;
  for (p = 0u; p < 2u - i; ++p) {
    idx /= 3u;
  }
  return (int) (idx % 3u) - 1;
}

/* Validates one row (LutWeightRows.decodeRow's checks). */
static int lut_row_ok(const lut_reader_t *rd, const uint8_t *row, uint64_t k, const char *where, uint64_t r)
{
  uint64_t groups = ceil_div(k, rd->g);
  uint64_t j;
  if (rd->kind == 0u) {
    return field_row_ok(&rd->fields, row, k, where, r);
  }
  if (rd->kind == 1u) {
    uint64_t mag_bytes = mirror_mag_bytes(k);
    for (j = 0u; j < groups; ++j) {
      unsigned mag = read_bits(row, j, MIRROR_MAG_BITS);
      int neg = (row[mag_bytes + (j >> 3)] >> (j & 7u)) & 1u;
      uint64_t real = k - j * 3u < 3u ? k - j * 3u : 3u;
      unsigned i;
      if (mag > 13u) {
        fail(ACCEL_ERR_EXEC, "%s WGT row %llu, group %llu: magnitude %u is outside the 14-entry mirror table", where,
            (unsigned long long) r, (unsigned long long) j, mag);
        return 0;
      }
      if (neg && mag == 0u) {
        fail(ACCEL_ERR_EXEC, "%s WGT row %llu, group %llu: sign bit set on magnitude 0", where,
            (unsigned long long) r, (unsigned long long) j);
        return 0;
      }
      for (i = (unsigned) real; i < 3u; ++i) {
        if (mirror_weight(neg ? -(int) mag : (int) mag, i) != 0) {
          fail(ACCEL_ERR_EXEC, "%s WGT row %llu, group %llu: padding weight %u is not 0", where,
              (unsigned long long) r, (unsigned long long) j, i);
          return 0;
        }
      }
    }
    return zero_bits(row, groups * MIRROR_MAG_BITS, mag_bytes * 8u, where, r)
        && zero_bits(row + mag_bytes, groups, (lut_row_bytes(rd, k) - mag_bytes) * 8u, where, r);
  }
  {
    const uint8_t *plane1 = row + ceil_div(k, 8u);
    uint64_t c;
    for (c = 0u; c < ceil_div(k, 8u) * 8u; ++c) {
      int b0 = plane_bit(row, c);
      int b1 = plane_bit(plane1, c);
      if (c < k && b0 && b1) {
        fail(ACCEL_ERR_EXEC, "%s WGT row %llu: column %llu has both plane bits set (code 3)", where,
            (unsigned long long) r, (unsigned long long) c);
        return 0;
      }
      if (c >= k && (b0 != 1 || b1 != 0)) {
        fail(ACCEL_ERR_EXEC, "%s WGT row %llu: padding column %llu holds code %d, expected 1 (weight 0)", where,
            (unsigned long long) r, (unsigned long long) c, b0 | b1 << 1);
        return 0;
      }
    }
  }
  return 1;
}

static void exec_lut_gemm(const uint8_t w[16])
{
  const char *where = "LUT.GEMM";
  uint64_t wa = FIELD(w, TRITIUM_ISA_LUT_GEMM_WGT_ADDR);
  uint64_t la = FIELD(w, TRITIUM_ISA_LUT_GEMM_LUT_ADDR);
  uint64_t ca = FIELD(w, TRITIUM_ISA_LUT_GEMM_ACC_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_LUT_GEMM_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_LUT_GEMM_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_LUT_GEMM_K);
  unsigned packing = (unsigned) FIELD(w, TRITIUM_ISA_LUT_GEMM_PACKING);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_LUT_GEMM_ACCUMULATE);
  lut_reader_t rd;
  uint64_t groups;
  uint64_t table_bytes;
  uint64_t row_bytes;
  uint64_t lut_stride;
  uint64_t acc_stride;
  uint64_t t;
  uint64_t r;
  uint64_t j;
  if (packing == TRITIUM_ISA_PACKING_TWO_BIT || packing == TRITIUM_ISA_PACKING_BASE3
      || packing == TRITIUM_ISA_PACKING_SIGN_BITS) {
    fail(ACCEL_ERR_EXEC, "%s: packing %u is a MAC-array layout", where, packing);
    return;
  }
  rd.kind = packing == TRITIUM_ISA_PACKING_LUT_G3_MIRROR ? 1u : (packing == TRITIUM_ISA_PACKING_BIT_PLANES ? 2u : 0u);
  if (rd.kind == 0u) {
    (void) field_layout(packing, &rd.fields);
  }
  rd.g = lut_group(packing);
  rd.entries = entries_per_table(packing_variant(packing), rd.g);
  groups = ceil_div(k, rd.g);
  table_bytes = 2u * rd.entries;
  row_bytes = lut_row_bytes(&rd, k);
  lut_stride = stride_or(TRITIUM_ISA_CFG_LUT_ROW_STRIDE_BYTES, groups * table_bytes, where);
  acc_stride = stride_or(TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  if (status != ACCEL_OK || !tile_ok(TRITIUM_ISA_BUFFER_WGT, wa, n, row_bytes, row_bytes, where, "weight indices")
      || !tile_ok(TRITIUM_ISA_BUFFER_LUT, la, m, groups * table_bytes, lut_stride, where, "tables")
      || !tile_ok(TRITIUM_ISA_BUFFER_ACC, ca, m, 4u * n, acc_stride, where, "accumulators")) {
    return;
  }
  for (r = 0u; r < n; ++r) {
    if (!lut_row_ok(&rd, wgt_mem + wa + r * row_bytes, k, where, r)) {
      return;
    }
  }
  for (t = 0u; t < m; ++t) {
    uint64_t tables = la + t * lut_stride;
    uint32_t offset = 0u;
    if (rd.kind == 2u) {
      /* offset codes t = w + 1: every output subtracts the token's activation sum (each table's all-ones entry) */
      for (j = 0u; j < groups; ++j) {
        offset -= (uint32_t) rd16s(lut_mem, tables + j * table_bytes + 2u * (rd.entries - 1u));
      }
    }
    for (r = 0u; r < n; ++r) {
      const uint8_t *row = wgt_mem + wa + r * row_bytes;
      uint64_t at = ca + t * acc_stride + 4u * r;
      uint32_t s = offset;
      for (j = 0u; j < groups; ++j) {
        uint64_t table = tables + j * table_bytes;
        HLS(pipeline II=1)
        if (rd.kind == 0u) {
          s += (uint32_t) rd16s(lut_mem, table + 2u * read_bits(row, j, rd.fields.fb));
        } else if (rd.kind == 1u) {
          uint32_t v = (uint32_t) rd16s(lut_mem, table + 2u * read_bits(row, j, MIRROR_MAG_BITS));
          int neg = (row[mirror_mag_bytes(k) + (j >> 3)] >> (j & 7u)) & 1u;
          s += neg ? 0u - v : v;
        } else {
          const uint8_t *plane1 = row + ceil_div(k, 8u);
          unsigned idx0 = 0u;
          unsigned idx1 = 0u;
          unsigned i;
          uint64_t c;
          for (i = 0u, c = j * rd.g; i < rd.g && c < k; ++i, ++c) {
            idx0 |= (unsigned) plane_bit(row, c) << i;
            idx1 |= (unsigned) plane_bit(plane1, c) << i;
          }
          s += 2u * (uint32_t) rd16s(lut_mem, table + 2u * idx1) + (uint32_t) rd16s(lut_mem, table + 2u * idx0);
        }
      }
      wr32(acc_mem, at, (accumulate ? rd32(acc_mem, at) : 0u) + s);
    }
  }
}
""";

  /** The vector unit's ten operations in the ISA's fp32 order. */
  static final String VEC = """

/* ---- vector unit: VEC.<op>, IEEE binary32 in the documented order (isa: VEC operations) ---- */

/* java.lang.Math.max/min on floats: NaN wins, and +0 is larger than -0. */
static float jmax(float a, float b)
{
  if (a != a) {
    return a;
  }
  if (b != b) {
    return b;
  }
  if (a == 0.0f && b == 0.0f) {
    return signbit(a) ? b : a;
  }
  return a >= b ? a : b;
}

static float jmin(float a, float b)
{
  if (a != a) {
    return a;
  }
  if (b != b) {
    return b;
  }
  if (a == 0.0f && b == 0.0f) {
    return signbit(a) ? a : b;
  }
  return a <= b ? a : b;
}

/* Java's (byte) of a float: NaN -> 0, else truncation toward zero (the argument is already clamped). */
static uint8_t float_to_byte(float f)
{
  int32_t i = f != f ? 0 : (int32_t) f;
  return (uint8_t) (i & 0xff);
}

static float row_buf[ACCEL_MAX_ROW_ELEMS];
static float rope_cos[ACCEL_MAX_ROW_ELEMS / 2u];
static float rope_sin[ACCEL_MAX_ROW_ELEMS / 2u];
static float rope_inv[ACCEL_MAX_ROW_ELEMS / 2u];

static void exec_vec(const uint8_t w[16])
{
  static const char *const WHERE[TRITIUM_ISA_VEC_OP_COUNT] = {
    "VEC.QUANT", "VEC.DEQUANT", "VEC.RMSNORM", "VEC.ADD", "VEC.MUL", "VEC.GATE_RELU2", "VEC.GATE_SILU",
    "VEC.SOFTMAX", "VEC.ROPE", "VEC.COPY"};
  unsigned op = (unsigned) FIELD(w, TRITIUM_ISA_VEC_OP);
  uint64_t dst = FIELD(w, TRITIUM_ISA_VEC_DST_ADDR);
  uint64_t sa = FIELD(w, TRITIUM_ISA_VEC_SRC_A_ADDR);
  uint64_t sb = FIELD(w, TRITIUM_ISA_VEC_SRC_B_ADDR);
  uint64_t rows = FIELD(w, TRITIUM_ISA_VEC_ROWS);
  uint64_t len = FIELD(w, TRITIUM_ISA_VEC_LEN);
  uint64_t imm = FIELD(w, TRITIUM_ISA_VEC_IMM);
  uint64_t rb = 4u * len;
  const char *where = WHERE[op];
  uint64_t r;
  uint64_t i;
  switch (op) {
    case TRITIUM_ISA_VEC_OP_QUANT: {
      if (!tile_ok(TRITIUM_ISA_BUFFER_VEC, sa, rows, rb, rb, where, "src_a")
          || !tile_ok(TRITIUM_ISA_BUFFER_ACT, dst, rows, len, len, where, "dst")
          || !tile_ok(TRITIUM_ISA_BUFFER_VEC, sb, 1u, 4u * rows, 4u * rows, where, "scales (src_b)")) {
        return;
      }
      for (r = 0u; r < rows; ++r) {
        float amax = 0.0f;
        float s;
        for (i = 0u; i < len; ++i) {
          HLS(pipeline II=1)
          row_buf[i] = rdf(vec_mem, sa + r * rb + 4u * i);
          amax = jmax(amax, fabsf(row_buf[i]));
        }
        s = 127.0f / jmax(amax, 0x1.4f8b58p-17f);
        for (i = 0u; i < len; ++i) {
          HLS(pipeline II=1)
          float q = rintf(row_buf[i] * s);
          act_mem[dst + r * len + i] = float_to_byte(jmax(-128.0f, jmin(127.0f, q)));
        }
        wrf(vec_mem, sb + 4u * r, s);
      }
      return;
    }
    case TRITIUM_ISA_VEC_OP_DEQUANT: {
      float sw = bits_to_float(cfg_regs[TRITIUM_ISA_CFG_DEQUANT_WEIGHT_SCALE]);
      if (!float_reg_ok(TRITIUM_ISA_CFG_DEQUANT_WEIGHT_SCALE, "DEQUANT_WEIGHT_SCALE", where)
          || !tile_ok(TRITIUM_ISA_BUFFER_ACC, sa, rows, rb, rb, where, "src_a")
          || !tile_ok(TRITIUM_ISA_BUFFER_VEC, dst, rows, rb, rb, where, "dst")
          || !tile_ok(TRITIUM_ISA_BUFFER_VEC, sb, 1u, 4u * rows, 4u * rows, where, "scales (src_b)")) {
        return;
      }
      for (r = 0u; r < rows; ++r) {
        float denom = sw * rdf(vec_mem, sb + 4u * r);
        for (i = 0u; i < len; ++i) {
          HLS(pipeline II=1)
          float a = (float) as_int32(rd32(acc_mem, sa + r * rb + 4u * i));
          wrf(vec_mem, dst + r * rb + 4u * i, a / denom);
        }
      }
      return;
    }
    case TRITIUM_ISA_VEC_OP_COPY: {
      if (!tile_ok(TRITIUM_ISA_BUFFER_VEC, sa, rows, rb, rb, where, "src_a")
          || !tile_ok(TRITIUM_ISA_BUFFER_VEC, dst, rows, rb, rb, where, "dst")) {
        return;
      }
      memmove(vec_mem + dst, vec_mem + sa, (size_t) (rows * rb));
      return;
    }
    case TRITIUM_ISA_VEC_OP_ADD:
    case TRITIUM_ISA_VEC_OP_MUL:
    case TRITIUM_ISA_VEC_OP_GATE_RELU2:
    case TRITIUM_ISA_VEC_OP_GATE_SILU: {
      /* element-wise: a written operand is identical to a read one or disjoint, so streaming is exact */
      if (!tile_ok(TRITIUM_ISA_BUFFER_VEC, sa, rows, rb, rb, where, "src_a")
          || !tile_ok(TRITIUM_ISA_BUFFER_VEC, sb, rows, rb, rb, where, "src_b")
          || !tile_ok(TRITIUM_ISA_BUFFER_VEC, dst, rows, rb, rb, where, "dst")) {
        return;
      }
      for (i = 0u; i < rows * len; ++i) {
        float x = rdf(vec_mem, sa + 4u * i);
        float y = rdf(vec_mem, sb + 4u * i);
        float out;
        HLS(pipeline II=1)
        if (op == TRITIUM_ISA_VEC_OP_ADD) {
          out = x + y;
        } else if (op == TRITIUM_ISA_VEC_OP_MUL) {
          out = x * y;
        } else if (op == TRITIUM_ISA_VEC_OP_GATE_RELU2) {
          float t = jmax(x, 0.0f);
          out = (t * t) * y;
        } else {
          out = (x / (1.0f + (float) exp((double) -x))) * y;
        }
        wrf(vec_mem, dst + 4u * i, out);
      }
      return;
    }
    default:
      break;
  }
  /* row-wise ops: RMSNORM, SOFTMAX, ROPE read a whole row before writing it */
  {
    float eps = 0.0f;
    uint64_t hd = 0u;
    if (!tile_ok(TRITIUM_ISA_BUFFER_VEC, sa, rows, rb, rb, where, "src_a")
        || !tile_ok(TRITIUM_ISA_BUFFER_VEC, dst, rows, rb, rb, where, "dst")) {
      return;
    }
    if (len > ACCEL_MAX_ROW_ELEMS) {
      fail(ACCEL_ERR_EXEC, "%s: len %llu exceeds the row buffer", where, (unsigned long long) len);
      return;
    }
    if (op == TRITIUM_ISA_VEC_OP_RMSNORM) {
      eps = bits_to_float(cfg_regs[TRITIUM_ISA_CFG_RMSNORM_EPS]);
      if (!float_reg_ok(TRITIUM_ISA_CFG_RMSNORM_EPS, "RMSNORM_EPS", where)
          || !tile_ok(TRITIUM_ISA_BUFFER_VEC, sb, 1u, rb, rb, where, "gamma (src_b)")) {
        return;
      }
    }
    if (op == TRITIUM_ISA_VEC_OP_ROPE) {
      float theta = bits_to_float(cfg_regs[TRITIUM_ISA_CFG_ROPE_THETA]);
      hd = cfg_regs[TRITIUM_ISA_CFG_ROPE_HEAD_DIM];
      if (hd == 0u || hd % 2u != 0u || len % hd != 0u) {
        fail(ACCEL_ERR_EXEC, "%s: CFG ROPE_HEAD_DIM = %llu must be a positive even divisor of len = %llu", where,
            (unsigned long long) hd, (unsigned long long) len);
        return;
      }
      if (!float_reg_ok(TRITIUM_ISA_CFG_ROPE_THETA, "ROPE_THETA", where)) {
        return;
      }
      for (i = 0u; i < hd / 2u; ++i) {
        float e = (float) (2u * i) / (float) hd;
        rope_inv[i] = 1.0f / (float) pow((double) theta, (double) e);
      }
    }
    for (r = 0u; r < rows; ++r) {
      for (i = 0u; i < len; ++i) {
        HLS(pipeline II=1)
        row_buf[i] = rdf(vec_mem, sa + r * rb + 4u * i);
      }
      if (op == TRITIUM_ISA_VEC_OP_RMSNORM) {
        float ss = 0.0f;
        float mean;
        float inv;
        for (i = 0u; i < len; ++i) {
          ss += row_buf[i] * row_buf[i];
        }
        mean = ss / (float) len;
        inv = 1.0f / (float) sqrt((double) (mean + eps));
        for (i = 0u; i < len; ++i) {
          HLS(pipeline II=1)
          row_buf[i] = (row_buf[i] * inv) * rdf(vec_mem, sb + 4u * i);
        }
      } else if (op == TRITIUM_ISA_VEC_OP_SOFTMAX) {
        uint64_t valid = imm == 0u ? len : (imm + r < len ? imm + r : len);
        float mx = -INFINITY;
        float sum = 0.0f;
        for (i = 0u; i < valid; ++i) {
          mx = jmax(mx, row_buf[i]);
        }
        for (i = 0u; i < valid; ++i) {
          float e = (float) exp((double) (row_buf[i] - mx));
          row_buf[i] = e;
          sum += e;
        }
        for (i = 0u; i < valid; ++i) {
          row_buf[i] = row_buf[i] / sum;
        }
        for (i = valid; i < len; ++i) {
          row_buf[i] = 0.0f;
        }
      } else {
        uint64_t half = hd / 2u;
        uint64_t base;
        float pos = (float) (imm + r);
        for (i = 0u; i < half; ++i) {
          float angle = pos * rope_inv[i];
          rope_cos[i] = (float) cos((double) angle);
          rope_sin[i] = (float) sin((double) angle);
        }
        for (base = 0u; base < len; base += hd) {
          for (i = 0u; i < half; ++i) {
            float a = row_buf[base + i];
            float b = row_buf[base + half + i];
            HLS(pipeline II=1)
            row_buf[base + i] = a * rope_cos[i] - b * rope_sin[i];
            row_buf[base + half + i] = b * rope_cos[i] + a * rope_sin[i];
          }
        }
      }
      for (i = 0u; i < len; ++i) {
        HLS(pipeline II=1)
        wrf(vec_mem, dst + r * rb + 4u * i, row_buf[i]);
      }
    }
  }
}
""";
}
