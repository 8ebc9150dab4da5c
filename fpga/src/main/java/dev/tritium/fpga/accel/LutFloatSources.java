package dev.tritium.fpga.accel;

/**
 * The LUT core's fp16 tables in compute.c: LUT.BUILD.F16 and LUT.GEMM.F16 in the simulator's exact order
 * (simulator: LutFloatUnit; isa/README.md, "fp16 tables"). After the fp32 GEMMs' text, whose fp32 processing element
 * (sign_pe) builds the entries, and after the LUT part, whose weight-index readers the lookups share.
 */
final class LutFloatSources {

  private LutFloatSources() {}

  static final String LUT_FLOAT = """

/* ---- LUT core fp16 tables: LUT.BUILD.F16 and LUT.GEMM.F16 (lut_core.float_adders) ---- */

/* Weight u of entry e of a table: base-3 most significant first (the mirror's entries start at the all-zero
 * group's), or bit u of a binary pattern (the mirror's have the top bit set). */
static int lutf_weight(unsigned variant, unsigned g, unsigned e, unsigned u)
{
  if (variant == TRITIUM_ISA_LUT_VARIANT_BINARY || variant == TRITIUM_ISA_LUT_VARIANT_BINARY_MIRROR) {
    unsigned p = variant == TRITIUM_ISA_LUT_VARIANT_BINARY_MIRROR ? e | 1u << (g - 1u) : e;
    return ((p >> u) & 1u) ? 1 : -1;
  }
  {
    unsigned idx = variant == TRITIUM_ISA_LUT_VARIANT_TERNARY_MIRROR ? (accel_pow3(g) - 1u) / 2u + e : e;
    unsigned p;
    for (p = 0u; p + 1u + u < g; ++p) {
      idx /= 3u;
    }
    return (int) (idx % 3u) - 1;
  }
}

static int lutf_adders(accel_status_t *st, const char *where)
{
  if (!ACCEL_LUT_FLOAT_ADDERS) {
    /* the validator refuses such a program for this arch; a binary run without it stops here */
    accel_fail(st, ACCEL_ERR_EXEC, "%s: this accelerator's LUT core has no fp adders (arch lut_core.float_adders:"
        " none)", where);
    return 0;
  }
  return 1;
}

/* LUT.BUILD.F16: entry e of token t's group j is fp16(s), s = 0f then s +/- x_u for the nonzero weights of the
 * entry's pattern, u ascending, each sum rounded to fp32 (the fp32 processing element), x_u = 0 past k. */
static void exec_lut_build_f16(const uint8_t w[16], const uint8_t *vec_mem, uint8_t *lut_mem, accel_status_t *st)
{
  const char *where = "LUT.BUILD.F16";
  uint64_t aa = FIELD(w, TRITIUM_ISA_LUT_BUILD_F16_ACT_ADDR);
  uint64_t la = FIELD(w, TRITIUM_ISA_LUT_BUILD_F16_LUT_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_LUT_BUILD_F16_M);
  uint64_t k = FIELD(w, TRITIUM_ISA_LUT_BUILD_F16_K);
  unsigned g = (unsigned) FIELD(w, TRITIUM_ISA_LUT_BUILD_F16_GROUP_SIZE);
  unsigned variant = (unsigned) FIELD(w, TRITIUM_ISA_LUT_BUILD_F16_VARIANT);
  int binary = variant == TRITIUM_ISA_LUT_VARIANT_BINARY || variant == TRITIUM_ISA_LUT_VARIANT_BINARY_MIRROR;
  uint64_t groups;
  unsigned entries;
  uint64_t table_bytes;
  uint64_t act_stride;
  uint64_t lut_stride;
  uint64_t t;
  uint64_t j;
  float xs[8];
  if (!lutf_adders(st, where)) {
    return;
  }
  if (variant == TRITIUM_ISA_LUT_VARIANT_BIT_SERIAL) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: bit_serial's offset code needs integer tables", where);
    return;
  }
  if (g < 1u || g > 7u || (binary && g != 2u && g != 4u)) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: group size %u does not suit table variant %u", where, g, variant);
    return;
  }
  groups = accel_ceil_div(k, g);
  entries = accel_entries_per_table(variant, g);
  table_bytes = 2u * entries;
  act_stride = stride_or(st, TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, 4u * k, where);
  lut_stride = stride_or(st, TRITIUM_ISA_CFG_LUT_ROW_STRIDE_BYTES, groups * table_bytes, where);
  if (st->code != ACCEL_OK || !tile_ok(st, TRITIUM_ISA_BUFFER_VEC, aa, m, 4u * k, act_stride, where, "activations")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_LUT, la, m, groups * table_bytes, lut_stride, where, "tables")) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    for (j = 0u; j < groups; ++j) {
      uint64_t at = la + t * lut_stride + j * table_bytes;
      unsigned u;
      unsigned e;
      for (u = 0u; u < g; ++u) {
        uint64_t col = j * g + u;
        xs[u] = col < k ? rdf(vec_mem, aa + t * act_stride + 4u * col) : 0.0f;
      }
      for (e = 0u; e < entries; ++e) {
        float s = 0.0f;
        HLS(pipeline II=1)
        for (u = 0u; u < g; ++u) {
          s = sign_pe(lutf_weight(variant, g, e, u), s, xs[u]);
        }
        wr16(lut_mem, at + 2u * e, (int32_t) f32_to_f16_bits(float_to_bits(s)));
      }
    }
  }
}

/* LUT.GEMM.F16: per output s = 0f (or OUT), then s = s + v for each group ascending, v the selected fp16 entry
 * widened to fp32 (negated for a mirror group whose sign selects the complement), each sum rounded to fp32. */
static void exec_lut_gemm_f16(const uint8_t w[16], const uint8_t *wgt_mem, const uint8_t *lut_mem, uint8_t *vec_mem,
    accel_status_t *st)
{
  const char *where = "LUT.GEMM.F16";
  uint64_t wa = FIELD(w, TRITIUM_ISA_LUT_GEMM_F16_WGT_ADDR);
  uint64_t la = FIELD(w, TRITIUM_ISA_LUT_GEMM_F16_LUT_ADDR);
  uint64_t oa = FIELD(w, TRITIUM_ISA_LUT_GEMM_F16_OUT_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_LUT_GEMM_F16_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_LUT_GEMM_F16_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_LUT_GEMM_F16_K);
  unsigned packing = (unsigned) FIELD(w, TRITIUM_ISA_LUT_GEMM_F16_PACKING);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_LUT_GEMM_F16_ACCUMULATE);
  lut_reader_t rd;
  lut_operands_t o;
  uint64_t groups;
  uint64_t table_bytes;
  uint64_t row_bytes;
  uint64_t lut_stride;
  uint64_t out_stride;
  uint64_t t;
  uint64_t r;
  uint64_t j;
  if (!lutf_adders(st, where)) {
    return;
  }
  if (packing == TRITIUM_ISA_PACKING_TWO_BIT || packing == TRITIUM_ISA_PACKING_BASE3
      || packing == TRITIUM_ISA_PACKING_BIT_PLANES) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: packing %u is not read from fp16 tables", where, packing);
    return;
  }
  if (!lut_operands(st, where, packing, wgt_mem, wa, la, m, n, k, TRITIUM_ISA_BUFFER_VEC, oa, "outputs", &rd, &o)) {
    return;
  }
  groups = o.groups;
  table_bytes = o.table_bytes;
  row_bytes = o.row_bytes;
  lut_stride = o.lut_stride;
  out_stride = o.out_stride;
  /* the operands are in WGT and LUT, so only accumulating rows that overlap each other could read a written sum */
  if (!rows_apart(st, where, m, 4u * n, out_stride, accumulate)) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    uint64_t tables = la + t * lut_stride;
    for (r = 0u; r < n; ++r) {
      const uint8_t *row = wgt_mem + wa + r * row_bytes;
      uint64_t at = oa + t * out_stride + 4u * r;
      float s = accumulate ? rdf(vec_mem, at) : 0.0f;
      for (j = 0u; j < groups; ++j) {
        uint64_t table = tables + j * table_bytes;
        float v;
        HLS(pipeline II=1)
        if (rd.kind == 0u) {
          v = rd_half(lut_mem, table + 2u * read_bits(row, j, rd.fields.fb));
        } else if (rd.kind == 3u) {
          uint64_t c0 = j * rd.g;
          unsigned idx = ((unsigned) row[c0 >> 3] >> (c0 & 7u)) & ((1u << rd.g) - 1u);
          unsigned half = 1u << (rd.g - 1u);
          if (ACCEL_LUT_VARIANT == TRITIUM_ISA_LUT_VARIANT_BINARY) {
            v = rd_half(lut_mem, table + 2u * idx);
          } else if (idx & half) {
            v = rd_half(lut_mem, table + 2u * (idx & (half - 1u)));
          } else {
            v = -rd_half(lut_mem, table + 2u * (~idx & (half - 1u)));
          }
        } else {
          int neg = (row[mirror_mag_bytes(k) + (j >> 3)] >> (j & 7u)) & 1u;
          v = rd_half(lut_mem, table + 2u * read_bits(row, j, MIRROR_MAG_BITS));
          v = neg ? -v : v;
        }
        s = s + v;
      }
      wrf(vec_mem, at, s);
    }
  }
}
""";
}
