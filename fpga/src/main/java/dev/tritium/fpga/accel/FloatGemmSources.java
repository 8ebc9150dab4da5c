package dev.tritium.fpga.accel;

/**
 * The fp32-activation GEMMs of compute.c: GEMM.SF on the MAC array's fp32 adders and GEMM.SP (sparse int8 outliers
 * from a CSR block) on the vector lanes, in the simulator's exact fp32 order (simulator: SignGemmUnit,
 * SparseGemmUnit). Its own text, after the vector unit's, because it uses the weight decoders of the MAC part and
 * the row buffer of the vector part. Kept as C text so that the generated file reads as written.
 */
final class FloatGemmSources {

  private FloatGemmSources() {}

  /** GEMM.SF and GEMM.SP, with the overlap rule that lets them stream token by token. */
  static final String FLOAT_GEMM = """

/* ---- fp32 activations: GEMM.SF (MAC array fp32 adders) and GEMM.SP (sparse outliers on the lanes) ---- */

/* Both stream token by token: token t's activation row is read into row_buf, then its outputs are summed and
 * written in ascending order. The simulator reads every operand before writing any output, which this equals when
 * the output tile is disjoint from an operand, or identical to it row for row (same start, stride and row length,
 * rows not overlapping each other): then an output only ever replaces the activation row already in row_buf. The
 * validator lets through only disjoint or identical byte ranges; an identical range with another row layout is
 * refused here instead of computed differently. */
static int streams_exactly(accel_status_t *st, const char *where, const char *operand, uint64_t out, uint64_t rows,
    uint64_t out_row_bytes, uint64_t out_stride, uint64_t src, uint64_t src_rows, uint64_t src_row_bytes,
    uint64_t src_stride)
{
  uint64_t out_end = out + (rows - 1u) * out_stride + out_row_bytes;
  uint64_t src_end = src + (src_rows - 1u) * src_stride + src_row_bytes;
  if (out_end <= src || src_end <= out) {
    return 1;
  }
  if (out == src && rows == src_rows && out_row_bytes == src_row_bytes
      && (rows == 1u || (out_stride == src_stride && out_stride >= out_row_bytes))) {
    return 1;
  }
  accel_fail(st, ACCEL_ERR_EXEC, "%s: outputs [%llu, %llu) overlap the %s [%llu, %llu) in another row layout; the"
      " accelerator streams token by token and needs them disjoint or identical row for row", where,
      (unsigned long long) out, (unsigned long long) out_end, operand, (unsigned long long) src,
      (unsigned long long) src_end);
  return 0;
}

/* Accumulating into output rows that overlap each other would read sums this instruction already wrote. */
static int rows_apart(accel_status_t *st, const char *where, uint64_t rows, uint64_t row_bytes, uint64_t stride,
    unsigned accumulate)
{
  if (accumulate && rows > 1u && stride < row_bytes) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: accumulating into output rows %llu bytes apart that are %llu bytes long; the"
        " accelerator streams token by token and needs them not to overlap", where, (unsigned long long) stride,
        (unsigned long long) row_bytes);
    return 0;
  }
  return 1;
}

/* The processing element: add, subtract or pass the partial sum; each result rounded to fp32, or to fp16 when the
 * PEs' adders are fp16 (ACCEL_MAC_FLOAT_ADDERS == 16). The fp32 add then binary16 rounding equals one correctly
 * rounded binary16 add (24 >= 2 x 11 + 2 significand bits: double rounding is innocuous). */
static float pe_round(float v)
{
  return ACCEL_MAC_FLOAT_ADDERS == 16u ? bits_to_float(f16_to_f32_bits(f32_to_f16_bits(float_to_bits(v)))) : v;
}

static float sign_pe(int w, float s, float x)
{
  return w > 0 ? pe_round(s + x) : (w < 0 ? pe_round(s - x) : s);
}

/* A gated GEMM.SF's mask bit: bit i % 8 of byte i / 8 of the row at p. */
static unsigned mask_bit(const uint8_t *p, uint64_t i)
{
  return (unsigned) (p[i / 8u] >> (i % 8u)) & 1u;
}

/* CFG SF_GATE (0: none; else bit 0 use C, bit 1 C's value, bit 2 use M, bit 3 M's value): does weight (r, i) pass? */
static int gate_passes(uint32_t gate, const uint8_t *masks, uint64_t n, uint64_t k, uint64_t r, uint64_t i)
{
  uint64_t row_bytes = (k + 7u) / 8u;
  if ((gate & 1u) != 0u && mask_bit(masks + n * row_bytes, i) != ((gate >> 1) & 1u)) {
    return 0;
  }
  if ((gate & 4u) != 0u && mask_bit(masks + r * row_bytes, i) != ((gate >> 3) & 1u)) {
    return 0;
  }
  return 1;
}

/* GEMM.SF: per output s = 0f (or OUT), then s = s + a (w = +1), s - a (w = -1), s (w = 0), k ascending. Each
 * ACCEL_MAC_COLS outputs form one column tile whose fp32 partial sums flow down the array's rows in k order. A gated
 * GEMM.SF (CFG SF_GATE) zeroes each weight whose masks at SF_MASK_ADDR (n rows of M, then C) do not pass. */
static void exec_gemm_sf(const uint8_t w[16], const uint8_t *wgt_mem, uint8_t *vec_mem, accel_status_t *st)
{
  const char *where = "GEMM.SF";
  uint64_t wa = FIELD(w, TRITIUM_ISA_GEMM_SF_WGT_ADDR);
  uint64_t aa = FIELD(w, TRITIUM_ISA_GEMM_SF_ACT_ADDR);
  uint64_t oa = FIELD(w, TRITIUM_ISA_GEMM_SF_OUT_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_GEMM_SF_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_GEMM_SF_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_GEMM_SF_K);
  unsigned packing = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_SF_PACKING);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_SF_ACCUMULATE);
  uint32_t gate = cfg_regs[TRITIUM_ISA_CFG_SF_GATE];
  uint64_t mask_addr = cfg_regs[TRITIUM_ISA_CFG_SF_MASK_ADDR];
  field_layout_t l;
  uint64_t row_bytes;
  uint64_t act_stride;
  uint64_t out_stride;
  uint64_t n0;
  uint64_t t;
  uint64_t r;
  uint64_t i;
  if (!ACCEL_MAC_FLOAT_ADDERS) {
    /* the validator refuses such a program for this arch; a binary run without it stops here */
    accel_fail(st, ACCEL_ERR_EXEC, "%s: this accelerator's MAC array has no floating-point adders (arch"
        " mac_array.float_adders: none)", where);
    return;
  }
  if (!field_layout(packing, &l) || 8u % l.fb != 0u) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: packing %u is a LUT-core layout the MAC array cannot decode; use TWO_BIT, BASE3 or SIGN_BITS",
        where, packing);
    return;
  }
  row_bytes = field_row_bytes(&l, k);
  act_stride = stride_or(st, TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, 4u * k, where);
  out_stride = stride_or(st, TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  if (st->code != ACCEL_OK || !tile_ok(st, TRITIUM_ISA_BUFFER_WGT, wa, n, row_bytes, row_bytes, where, "weights")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_VEC, aa, m, 4u * k, act_stride, where, "activations")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_VEC, oa, m, 4u * n, out_stride, where, "outputs")) {
    return;
  }
  for (r = 0u; r < n; ++r) {
    if (!field_row_ok(st, &l, wgt_mem + wa + r * row_bytes, k, where, r)) {
      return;
    }
  }
  if (gate != 0u) {
    uint64_t mask_bytes = (n + 1u) * ((k + 7u) / 8u);
    if (gate > 15u || ((gate & 2u) != 0u && (gate & 1u) == 0u) || ((gate & 8u) != 0u && (gate & 4u) == 0u)) {
      accel_fail(st, ACCEL_ERR_EXEC, "%s: CFG SF_GATE = %u; expected 0..15 with no mask value bit set without its"
          " mask bit", where, (unsigned) gate);
      return;
    }
    if (!ACCEL_MAC_MASK_DECODE || packing != TRITIUM_ISA_PACKING_SIGN_BITS || mask_addr == 0u) {
      accel_fail(st, ACCEL_ERR_EXEC, "%s: CFG SF_GATE = %u needs mask decoders (mac_array.mask_decode), SIGN_BITS"
          " signs and CFG SF_MASK_ADDR", where, (unsigned) gate);
      return;
    }
    if (!tile_ok(st, TRITIUM_ISA_BUFFER_WGT, mask_addr, 1u, mask_bytes, mask_bytes, where, "masks")) {
      return;
    }
  }
  if (!streams_exactly(st, where, "activations", oa, m, 4u * n, out_stride, aa, m, 4u * k, act_stride)
      || !rows_apart(st, where, m, 4u * n, out_stride, accumulate)) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    uint64_t out_row = oa + t * out_stride;
    for (i = 0u; i < k; ++i) {
      HLS(pipeline II=1)
      row_buf[i] = pe_round(rdf(vec_mem, aa + t * act_stride + 4u * i));
    }
    for (n0 = 0u; n0 < n; n0 += ACCEL_MAC_COLS) {
      float s[ACCEL_MAC_COLS];
      unsigned j;
      HLS(array_partition variable=s complete)
      for (j = 0u; j < ACCEL_MAC_COLS; ++j) {
        HLS(unroll)
        s[j] = accumulate && n0 + j < n ? pe_round(rdf(vec_mem, out_row + 4u * (n0 + j))) : 0.0f;
      }
      /* k ascending: one array row per step, every column adds, subtracts or passes its own sum */
      for (i = 0u; i < k; ++i) {
        float x = row_buf[i];
        HLS(pipeline)
        for (j = 0u; j < ACCEL_MAC_COLS; ++j) {
          HLS(unroll)
          if (n0 + j < n) {
            int wv = field_weight(&l, wgt_mem + wa + (n0 + j) * row_bytes, i);
            if (gate != 0u && !gate_passes(gate, wgt_mem + mask_addr, n, k, n0 + j, i)) {
              wv = 0;
            }
            s[j] = sign_pe(wv, s[j], x);
          }
        }
      }
      for (j = 0u; j < ACCEL_MAC_COLS && n0 + j < n; ++j) {
        wrf(vec_mem, out_row + 4u * (n0 + j), s[j]);
      }
    }
  }
}

#define CSR_COLUMN_MASK 0xffffffu

/* A CSR block's row pointers (0 first, SPARSE_ENTRIES last, never decreasing) and columns (below k). */
static int csr_ok(accel_status_t *st, const char *where, const uint8_t *vec_mem, uint64_t csr, uint64_t n,
    uint64_t k, uint64_t entries)
{
  uint64_t base = csr + 4u * (n + 1u);
  uint64_t previous = 0u;
  uint64_t j;
  uint64_t e;
  for (j = 0u; j <= n; ++j) {
    uint64_t p = rd32(vec_mem, csr + 4u * j);
    int ok = j == 0u ? p == 0u : (j == n ? p == entries && p >= previous : p >= previous && p <= entries);
    if (!ok) {
      if (j == 0u) {
        accel_fail(st, ACCEL_ERR_EXEC, "%s: CSR row pointer 0 at VEC 0x%llx is %llu; expected 0", where,
            (unsigned long long) csr, (unsigned long long) p);
      } else if (j == n) {
        accel_fail(st, ACCEL_ERR_EXEC, "%s: CSR row pointer %llu at VEC 0x%llx is %llu; expected SPARSE_ENTRIES = %llu",
            where, (unsigned long long) j, (unsigned long long) (csr + 4u * j), (unsigned long long) p,
            (unsigned long long) entries);
      } else {
        accel_fail(st, ACCEL_ERR_EXEC, "%s: CSR row pointer %llu at VEC 0x%llx is %llu; expected between the previous"
            " pointer %llu and SPARSE_ENTRIES = %llu", where, (unsigned long long) j,
            (unsigned long long) (csr + 4u * j), (unsigned long long) p, (unsigned long long) previous,
            (unsigned long long) entries);
      }
      return 0;
    }
    previous = p;
  }
  for (e = 0u; e < entries; ++e) {
    uint64_t col = rd32(vec_mem, base + 4u * e) & CSR_COLUMN_MASK;
    if (col >= k) {
      accel_fail(st, ACCEL_ERR_EXEC, "%s: CSR entry %llu at VEC 0x%llx has column %llu; expected a column below k = %llu",
          where, (unsigned long long) e, (unsigned long long) (base + 4u * e), (unsigned long long) col,
          (unsigned long long) k);
      return 0;
    }
  }
  return 1;
}

/* A bitmap index's set bits (n rows of ceil(k/8) bytes at bitmap) must number SPARSE_ENTRIES. */
static int bitmap_ok(accel_status_t *st, const uint8_t *bitmap, uint64_t n, uint64_t k, uint64_t entries,
    uint64_t wgt_addr)
{
  uint64_t row_bytes = (k + 7u) / 8u;
  uint64_t set = 0u;
  uint64_t j;
  uint64_t i;
  for (j = 0u; j < n; ++j) {
    for (i = 0u; i < k; ++i) {
      set += mask_bit(bitmap + j * row_bytes, i);
    }
  }
  if (set != entries) {
    accel_fail(st, ACCEL_ERR_EXEC, "GEMM.SP: the bitmap index at WGT 0x%llx has %llu set bits; expected SPARSE_ENTRIES"
        " = %llu", (unsigned long long) wgt_addr, (unsigned long long) set, (unsigned long long) entries);
    return 0;
  }
  return 1;
}

/* GEMM.SP: CSR block at csr: n + 1 row pointers (0 first, CFG SPARSE_ENTRIES last, never decreasing), then the
 * entry words (column in bits 0..23, q int8 in bits 24..31). Per token and row: s = 0f (or OUT), then
 * s = s + ((float) q) * a[col] per entry in stored order, product and sum each rounded to fp32. With a bitmap index
 * (CFG SPARSE_BITMAP_ADDR) row j's entries are the set bits of its bitmap row in WGT, columns ascending, and the block
 * holds only their int8 values in that order. The index is checked whole before any sum, as the simulator does. */
static void exec_gemm_sp(const uint8_t w[16], const uint8_t *wgt_mem, uint8_t *vec_mem, accel_status_t *st)
{
  const char *where = "GEMM.SP";
  uint64_t csr = FIELD(w, TRITIUM_ISA_GEMM_SP_CSR_ADDR);
  uint64_t aa = FIELD(w, TRITIUM_ISA_GEMM_SP_ACT_ADDR);
  uint64_t oa = FIELD(w, TRITIUM_ISA_GEMM_SP_OUT_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_GEMM_SP_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_GEMM_SP_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_GEMM_SP_K);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_SP_ACCUMULATE);
  uint64_t entries = cfg_regs[TRITIUM_ISA_CFG_SPARSE_ENTRIES];
  uint64_t bits = cfg_regs[TRITIUM_ISA_CFG_SPARSE_BITMAP_ADDR];
  uint64_t row_bytes = (k + 7u) / 8u;
  uint64_t block = bits != 0u ? 4u * ((entries + 3u) / 4u) : 4u * (n + 1u) + 4u * entries;
  uint64_t base = csr + 4u * (n + 1u);
  uint64_t act_stride;
  uint64_t out_stride;
  uint64_t t;
  uint64_t j;
  uint64_t e;
  uint64_t i;
  if (!tile_ok(st, TRITIUM_ISA_BUFFER_VEC, csr, 1u, block, block, where, bits != 0u ? "int8 values" : "CSR block")
      || (bits != 0u && !tile_ok(st, TRITIUM_ISA_BUFFER_WGT, bits, 1u, n * row_bytes, n * row_bytes, where,
          "bitmap index"))) {
    return;
  }
  act_stride = stride_or(st, TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, 4u * k, where);
  out_stride = stride_or(st, TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  if (st->code != ACCEL_OK || !tile_ok(st, TRITIUM_ISA_BUFFER_VEC, aa, m, 4u * k, act_stride, where, "activations")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_VEC, oa, m, 4u * n, out_stride, where, "outputs")
      || !(bits != 0u ? bitmap_ok(st, wgt_mem + bits, n, k, entries, bits) : csr_ok(st, where, vec_mem, csr, n, k, entries))
      || !streams_exactly(st, where, "CSR block", oa, m, 4u * n, out_stride, csr, 1u, block, block)
      || !streams_exactly(st, where, "activations", oa, m, 4u * n, out_stride, aa, m, 4u * k, act_stride)
      || !rows_apart(st, where, m, 4u * n, out_stride, accumulate)) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    uint64_t out_row = oa + t * out_stride;
    uint64_t next = 0u;
    for (i = 0u; i < k; ++i) {
      HLS(pipeline II=1)
      row_buf[i] = rdf(vec_mem, aa + t * act_stride + 4u * i);
    }
    for (j = 0u; j < n; ++j) {
      float s = accumulate ? rdf(vec_mem, out_row + 4u * j) : 0.0f;
      if (bits != 0u) {
        for (i = 0u; i < k; ++i) {
          HLS(pipeline)
          if (mask_bit(wgt_mem + bits + j * row_bytes, i)) {
            s = s + (float) as_int8(vec_mem[csr + next]) * row_buf[i];
            ++next;
          }
        }
      } else {
        uint64_t end = rd32(vec_mem, csr + 4u * (j + 1u));
        for (e = rd32(vec_mem, csr + 4u * j); e < end; ++e) {
          uint32_t word = rd32(vec_mem, base + 4u * e);
          float q = (float) as_int8((uint8_t) (word >> 24));
          /* the sum is serial in stored order, so the loop pipelines at the fp32 adder's latency */
          HLS(pipeline)
          s = s + q * row_buf[word & CSR_COLUMN_MASK];
        }
      }
      wrf(vec_mem, out_row + 4u * j, s);
    }
  }
}
""";

  /**
   * GEMM.Q2 (QuIP's 2-bit codes on the MAC array's fp32 adders), after {@link #FLOAT_GEMM} whose overlap rules it
   * shares; a text of its own because compute.c as one constant would pass the class file's 64 KiB string limit.
   */
  static final String CODE_GEMM = """

/* GEMM.Q2: QuIP's 2-bit codes. Row j in WGT is k + 1 two-bit fields from bit 0 (field f in byte f / 4, bits
 * 2 (f % 4)): the zero point z, then the codes q. Per output s = 0f (or OUT), then s = s + (q - z) a, k ascending,
 * product and sum each rounded to fp32. No multiplier: the array's edge makes 2a = a + a (exact) and 3a = a + 2a (the
 * product's one rounding) per activation, and a PE selects 0 (a zero of a's sign; a NaN for an infinite or NaN a),
 * a, 2a or 3a by |q - z|, negates it for q < z and adds it: the product (float) (q - z) * a bit for bit. */
static int q2_field(const uint8_t *row, uint64_t f)
{
  return (int) ((row[f / 4u] >> (2u * (unsigned) (f % 4u))) & 3u);
}

static float q2_operand(int d, float a, float a2, float a3)
{
  int mag = d < 0 ? -d : d;
  uint32_t bits = float_to_bits(a);
  /* 0 * a: a's sign bit on a zero (sign logic), or a NaN (a - a) for an infinite or NaN a (exponent all ones) */
  float zero = (bits & 0x7f800000u) != 0x7f800000u ? bits_to_float(bits & 0x80000000u) : a - a;
  float v = mag == 0 ? zero : (mag == 1 ? a : (mag == 2 ? a2 : a3));
  return d < 0 ? -v : v;
}

static void exec_gemm_q2(const uint8_t w[16], const uint8_t *wgt_mem, uint8_t *vec_mem, accel_status_t *st)
{
  const char *where = "GEMM.Q2";
  uint64_t wa = FIELD(w, TRITIUM_ISA_GEMM_Q2_WGT_ADDR);
  uint64_t aa = FIELD(w, TRITIUM_ISA_GEMM_Q2_ACT_ADDR);
  uint64_t oa = FIELD(w, TRITIUM_ISA_GEMM_Q2_OUT_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_GEMM_Q2_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_GEMM_Q2_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_GEMM_Q2_K);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_Q2_ACCUMULATE);
  uint64_t row_bytes = (k + 4u) / 4u;
  uint64_t act_stride;
  uint64_t out_stride;
  uint64_t n0;
  uint64_t t;
  uint64_t i;
  if (ACCEL_MAC_FLOAT_ADDERS != 32u) {
    /* the validator refuses such a program for this arch; a binary run without it stops here */
    accel_fail(st, ACCEL_ERR_EXEC, "%s: needs fp32 adders in the MAC array (arch mac_array.float_adders: fp32)", where);
    return;
  }
  act_stride = stride_or(st, TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, 4u * k, where);
  out_stride = stride_or(st, TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  if (st->code != ACCEL_OK || !tile_ok(st, TRITIUM_ISA_BUFFER_WGT, wa, n, row_bytes, row_bytes, where, "codes")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_VEC, aa, m, 4u * k, act_stride, where, "activations")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_VEC, oa, m, 4u * n, out_stride, where, "outputs")) {
    return;
  }
  if (!streams_exactly(st, where, "activations", oa, m, 4u * n, out_stride, aa, m, 4u * k, act_stride)
      || !rows_apart(st, where, m, 4u * n, out_stride, accumulate)) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    uint64_t out_row = oa + t * out_stride;
    for (i = 0u; i < k; ++i) {
      HLS(pipeline II=1)
      row_buf[i] = rdf(vec_mem, aa + t * act_stride + 4u * i);
    }
    for (n0 = 0u; n0 < n; n0 += ACCEL_MAC_COLS) {
      float s[ACCEL_MAC_COLS];
      unsigned j;
      HLS(array_partition variable=s complete)
      for (j = 0u; j < ACCEL_MAC_COLS; ++j) {
        HLS(unroll)
        s[j] = accumulate && n0 + j < n ? rdf(vec_mem, out_row + 4u * (n0 + j)) : 0.0f;
      }
      /* k ascending: the edge's 2a and 3a, then every column adds its selected operand to its own sum */
      for (i = 0u; i < k; ++i) {
        float x = row_buf[i];
        float x2 = x + x;
        float x3 = x + x2;
        HLS(pipeline)
        for (j = 0u; j < ACCEL_MAC_COLS; ++j) {
          HLS(unroll)
          if (n0 + j < n) {
            const uint8_t *row = wgt_mem + wa + (n0 + j) * row_bytes;
            s[j] = s[j] + q2_operand(q2_field(row, i + 1u) - q2_field(row, 0u), x, x2, x3);
          }
        }
      }
      for (j = 0u; j < ACCEL_MAC_COLS && n0 + j < n; ++j) {
        wrf(vec_mem, out_row + 4u * (n0 + j), s[j]);
      }
    }
  }
}

""";
}
