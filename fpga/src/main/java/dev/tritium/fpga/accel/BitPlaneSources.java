package dev.tritium.fpga.accel;

/**
 * The bit-plane part of compute.c: GEMM.BP on the MAC array's AND + popcount PEs (the zero-point byte and the planes of
 * each row, P x Q binary passes, the zero-point terms, exact int32) and QUANT.BP on the vector lanes, in the
 * simulator's order (simulator: BitPlaneGemmUnit, BitPlaneQuantUnit). Kept as C text so that the generated file reads
 * as written; each piece follows the part whose helpers it uses.
 */
final class BitPlaneSources {

  private BitPlaneSources() {}

  /**
   * GEMM.BP, after the MAC part (tile and stride checks). Not a compile-time constant, so that compute.c's
   * concatenation stays below the class file's limit on one constant string.
   */
  static final String BP_GEMM = "\n" + """

/* ---- bit planes: GEMM.BP (MAC array AND + popcount PEs, mac_array.bit_plane) ---- */

/* Set bits of a byte. */
static uint32_t bp_popcount8(uint32_t v)
{
  v = v - ((v >> 1) & 0x55u);
  v = (v & 0x33u) + ((v >> 2) & 0x33u);
  return (v + (v >> 4)) & 0x0Fu;
}

/* The bits of plane byte b that are columns below k (the rest are ignored). */
static uint32_t bp_mask(uint64_t b, uint64_t k)
{
  uint64_t valid = k - 8u * b;
  return valid >= 8u ? 0xFFu : (1u << valid) - 1u;
}

/* sum_p 2^p popcount(plane p) of the row at row (zero-point byte, then planes of kb bytes). */
static uint32_t bp_weighted_sum(const uint8_t *mem, uint64_t row, uint64_t planes, uint64_t kb, uint64_t k)
{
  uint32_t s = 0u;
  uint64_t p;
  uint64_t b;
  for (p = 0u; p < planes; ++p) {
    uint32_t pop = 0u;
    for (b = 0u; b < kb; ++b) {
      HLS(pipeline II=1)
      pop += bp_popcount8(mem[row + 1u + p * kb + b] & bp_mask(b, k));
    }
    s += pop << p;
  }
  return s;
}

/* A row's zero-point must be a code of its plane count (the simulator's check, weights first). */
static int bp_zeros_ok(accel_status_t *st, const uint8_t *mem, uint64_t addr, uint64_t rows, uint64_t stride,
    uint64_t planes, const char *what)
{
  uint64_t r;
  for (r = 0u; r < rows; ++r) {
    uint32_t z = mem[addr + r * stride];
    if (z >= (1u << planes)) {
      accel_fail(st, ACCEL_ERR_EXEC, "GEMM.BP: %s row %llu has zero-point %u, outside the %u-plane code range",
          what, (unsigned long long) r, (unsigned) z, (unsigned) planes);
      return 0;
    }
  }
  return 1;
}

/* GEMM.BP: ACC[t][r] (+)= sum_p sum_q 2^(p+q) popcount(W_p[r] AND A_q[t]) - z_x S_w - z_w S_x + k z_w z_x in int32
 * (wrapping, as the simulator's int arithmetic). */
static void exec_gemm_bp(const uint8_t w[16], const uint8_t *wgt_mem, const uint8_t *act_mem, uint8_t *acc_mem,
    accel_status_t *st)
{
  const char *where = "GEMM.BP";
  uint64_t wa = FIELD(w, TRITIUM_ISA_GEMM_BP_WGT_ADDR);
  uint64_t aa = FIELD(w, TRITIUM_ISA_GEMM_BP_ACT_ADDR);
  uint64_t c = FIELD(w, TRITIUM_ISA_GEMM_BP_ACC_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_GEMM_BP_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_GEMM_BP_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_GEMM_BP_K);
  uint64_t wp = FIELD(w, TRITIUM_ISA_GEMM_BP_W_PLANES_M1) + 1u;
  uint64_t ap = FIELD(w, TRITIUM_ISA_GEMM_BP_A_PLANES_M1) + 1u;
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_BP_ACCUMULATE);
  uint64_t kb = (k + 7u) / 8u;
  uint64_t w_row = 1u + wp * kb;
  uint64_t a_row = 1u + ap * kb;
  uint64_t act_stride;
  uint64_t acc_stride;
  uint64_t t;
  uint64_t r;
  uint64_t p;
  uint64_t q;
  uint64_t b;
  if (ACCEL_MAC_BIT_PLANE == 0u) {
    /* the validator refuses such a program for this arch; a binary run without it stops here */
    accel_fail(st, ACCEL_ERR_EXEC, "%s: needs bit-plane (AND + popcount) PEs in the MAC array, this accelerator has"
        " none (arch mac_array.bit_plane)", where);
    return;
  }
  act_stride = stride_or(st, TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, a_row, where);
  acc_stride = stride_or(st, TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  if (st->code != ACCEL_OK || !tile_ok(st, TRITIUM_ISA_BUFFER_WGT, wa, n, w_row, w_row, where, "weight planes")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_ACT, aa, m, a_row, act_stride, where, "activation planes")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_ACC, c, m, 4u * n, acc_stride, where, "accumulators")
      || !bp_zeros_ok(st, wgt_mem, wa, n, w_row, wp, "weight")
      || !bp_zeros_ok(st, act_mem, aa, m, act_stride, ap, "activation")) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    uint64_t arow = aa + t * act_stride;
    uint32_t zx = act_mem[arow];
    uint32_t sx = bp_weighted_sum(act_mem, arow, ap, kb, k);
    for (r = 0u; r < n; ++r) {
      uint64_t wrow = wa + r * w_row;
      uint64_t at = c + t * acc_stride + 4u * r;
      uint32_t zw = wgt_mem[wrow];
      uint32_t s = 0u;
      for (p = 0u; p < wp; ++p) {
        for (q = 0u; q < ap; ++q) {
          uint32_t dot = 0u;
          for (b = 0u; b < kb; ++b) {
            HLS(pipeline II=1)
            dot += bp_popcount8(wgt_mem[wrow + 1u + p * kb + b] & act_mem[arow + 1u + q * kb + b] & bp_mask(b, k));
          }
          s += dot << (p + q);
        }
      }
      /* the edge's zero-point terms, in the ISA's order */
      s = s - zx * bp_weighted_sum(wgt_mem, wrow, wp, kb, k) - zw * sx + (uint32_t) k * zw * zx;
      wr32(acc_mem, at, (accumulate ? rd32(acc_mem, at) : 0u) + s);
    }
  }
}
""".strip() + "\n";

  /**
   * QUANT.BP, after the vector part (Java-semantics min and max, binary16 conversions). Not a compile-time constant,
   * as {@link #BP_GEMM}.
   */
  static final String BP_QUANT = "\n" + """
/* ---- bit-plane activations: QUANT.BP (vector lanes) ---- */

/* QUANT.BP: per row r of src [rows][len] (fp32, dense): lo = min(0, min v), hi = max(0, max v); step =
 * fp16((hi - lo) / (2^Q - 1)); a zero step gives codes and zero-point 0, else z = clamp(rint(-lo / step), 0, 2^Q - 1),
 * u = clamp(rint(v / step) + z, 0, 2^Q - 1); the row to ACT as GEMM.BP's (z, then Q planes; with bytes: z, then one
 * byte per code), the step to steps[r]. A non-finite step is an execution error. */
static void exec_quant_bp(const uint8_t w[16], uint8_t *act_mem, uint8_t *vec_mem, accel_status_t *st)
{
  const char *where = "QUANT.BP";
  uint64_t dst = FIELD(w, TRITIUM_ISA_QUANT_BP_DST_ADDR);
  uint64_t src = FIELD(w, TRITIUM_ISA_QUANT_BP_SRC_ADDR);
  uint64_t sa = FIELD(w, TRITIUM_ISA_QUANT_BP_STEPS_ADDR);
  uint64_t rows = FIELD(w, TRITIUM_ISA_QUANT_BP_ROWS);
  uint64_t len = FIELD(w, TRITIUM_ISA_QUANT_BP_LEN);
  uint64_t planes = FIELD(w, TRITIUM_ISA_QUANT_BP_PLANES_M1) + 1u;
  unsigned bytes = (unsigned) FIELD(w, TRITIUM_ISA_QUANT_BP_BYTES);
  uint64_t kb = (len + 7u) / 8u;
  uint64_t row_bytes = bytes ? 1u + len : 1u + planes * kb;
  float umax = (float) ((1u << planes) - 1u);
  uint64_t r;
  uint64_t i;
  uint64_t p;
  if (!tile_ok(st, TRITIUM_ISA_BUFFER_VEC, src, rows, 4u * len, 4u * len, where, "src")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_ACT, dst, rows, row_bytes, row_bytes, where, "planes (dst)")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_VEC, sa, 1u, 4u * rows, 4u * rows, where, "steps")) {
    return;
  }
  for (r = 0u; r < rows; ++r) {
    uint64_t row = dst + r * row_bytes;
    float lo = 0.0f;
    float hi = 0.0f;
    float step;
    int32_t z;
    for (i = 0u; i < len; ++i) {
      HLS(pipeline II=1)
      float v = rdf(vec_mem, src + 4u * (r * len + i));
      lo = jmin(lo, v);
      hi = jmax(hi, v);
    }
    step = bits_to_float(f16_to_f32_bits(f32_to_f16_bits(float_to_bits((hi - lo) / umax))));
    if (!isfinite(step)) {
      accel_fail(st, ACCEL_ERR_EXEC, "%s: row %llu spans [%g, %g], whose step is beyond fp16's range", where,
          (unsigned long long) r, (double) lo, (double) hi);
      return;
    }
    wrf(vec_mem, sa + 4u * r, step);
    memset(act_mem + row, 0, (size_t) row_bytes);
    if (step == 0.0f) {
      continue;
    }
    z = (int32_t) jmax(0.0f, jmin(umax, rintf(-lo / step)));
    act_mem[row] = (uint8_t) z;
    for (i = 0u; i < len; ++i) {
      HLS(pipeline II=1)
      int32_t u = (int32_t) jmax(0.0f, jmin(umax, rintf(rdf(vec_mem, src + 4u * (r * len + i)) / step) + (float) z));
      if (bytes) {
        act_mem[row + 1u + i] = (uint8_t) u; /* LUT.BUILD.BP's rows: one byte per code */
        continue;
      }
      for (p = 0u; p < planes; ++p) {
        if (((uint32_t) u >> p) & 1u) {
          act_mem[row + 1u + p * kb + i / 8u] |= (uint8_t) (1u << (i % 8u));
        }
      }
    }
  }
}
""".strip() + "\n";

  /**
   * LUT.BUILD.BP and LUT.GEMM.BP on the LUT core (lut_core.bit_plane), in the simulator's order (simulator:
   * LutBitPlaneUnit). Not a compile-time constant, as {@link #BP_GEMM}.
   */
  static final String LUT_BP = "\n" + """
/* ---- bit-plane tables: LUT.BUILD.BP / LUT.GEMM.BP (LUT core, lut_core.bit_plane) ---- */

static int lut_bp_ok(accel_status_t *st, uint64_t g, const char *where)
{
  if (ACCEL_LUT_BIT_PLANE == 0u) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: needs bit-plane tables in the LUT core, this accelerator has none"
        " (arch lut_core.bit_plane)", where);
    return 0;
  }
  if (g != 2u && g != 4u) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: group size %u must be 2 or 4", where, (unsigned) g);
    return 0;
  }
  return 1;
}

/* LUT.BUILD.BP: for token t and group q, entry e = sum over the bits u set in e (columns < k) of (u_x - z_x), int16;
 * z_x is byte 0 of the code row, code c of the chunk byte 1 + k0 + c. */
static void exec_lut_build_bp(const uint8_t w[16], const uint8_t *act_mem, uint8_t *lut_mem, accel_status_t *st)
{
  const char *where = "LUT.BUILD.BP";
  uint64_t aa = FIELD(w, TRITIUM_ISA_LUT_BUILD_BP_ACT_ADDR);
  uint64_t la = FIELD(w, TRITIUM_ISA_LUT_BUILD_BP_LUT_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_LUT_BUILD_BP_M);
  uint64_t k = FIELD(w, TRITIUM_ISA_LUT_BUILD_BP_K);
  uint64_t k0 = FIELD(w, TRITIUM_ISA_LUT_BUILD_BP_K0);
  uint64_t g = FIELD(w, TRITIUM_ISA_LUT_BUILD_BP_GROUP_SIZE);
  uint64_t groups;
  uint64_t entries;
  uint64_t row_bytes;
  uint64_t a_row = 1u + k0 + k;
  uint64_t act_stride;
  uint64_t lut_stride;
  uint64_t t;
  uint64_t q;
  uint64_t e;
  uint64_t u;
  if (!lut_bp_ok(st, g, where)) {
    return;
  }
  groups = (k + g - 1u) / g;
  entries = 1u << g;
  row_bytes = groups * 2u * entries;
  act_stride = stride_or(st, TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, a_row, where);
  lut_stride = stride_or(st, TRITIUM_ISA_CFG_LUT_ROW_STRIDE_BYTES, row_bytes, where);
  if (st->code != ACCEL_OK || !tile_ok(st, TRITIUM_ISA_BUFFER_ACT, aa, m, a_row, act_stride, where, "activation codes")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_LUT, la, m, row_bytes, lut_stride, where, "tables")) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    uint64_t row = aa + t * act_stride;
    int32_t z = act_mem[row];
    for (q = 0u; q < groups; ++q) {
      int32_t xs[4];
      for (u = 0u; u < g; ++u) {
        uint64_t col = q * g + u;
        xs[u] = col < k ? (int32_t) act_mem[row + 1u + k0 + col] - z : 0;
      }
      for (e = 0u; e < entries; ++e) {
        HLS(pipeline II=1)
        int32_t s = 0;
        for (u = 0u; u < g; ++u) {
          if ((e >> u) & 1u) {
            s += xs[u];
          }
        }
        wr16(lut_mem, la + t * lut_stride + q * 2u * entries + 2u * e, s);
      }
    }
  }
}

/* LUT.GEMM.BP: ACC[t][r] (+)= sum_p 2^p sum_q T_t[q][idx_p(r, q)] - z_w[r] sum_q T_t[q][2^g - 1] in int32 (wrapping),
 * the weight rows GEMM.BP's (z_w, then P planes of ceil(k/8) bytes); every zero-point is checked first. */
static void exec_lut_gemm_bp(const uint8_t w[16], const uint8_t *wgt_mem, const uint8_t *lut_mem, uint8_t *acc_mem,
    accel_status_t *st)
{
  const char *where = "LUT.GEMM.BP";
  uint64_t wa = FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_WGT_ADDR);
  uint64_t la = FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_LUT_ADDR);
  uint64_t c = FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_ACC_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_K);
  uint64_t wp = FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_W_PLANES_M1) + 1u;
  uint64_t g = FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_GROUP_SIZE);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_LUT_GEMM_BP_ACCUMULATE);
  uint64_t kb = (k + 7u) / 8u;
  uint64_t w_row = 1u + wp * kb;
  uint64_t groups;
  uint64_t entries;
  uint64_t row_bytes;
  uint64_t lut_stride;
  uint64_t acc_stride;
  uint64_t t;
  uint64_t r;
  uint64_t p;
  uint64_t q;
  if (!lut_bp_ok(st, g, where)) {
    return;
  }
  groups = (k + g - 1u) / g;
  entries = 1u << g;
  row_bytes = groups * 2u * entries;
  lut_stride = stride_or(st, TRITIUM_ISA_CFG_LUT_ROW_STRIDE_BYTES, row_bytes, where);
  acc_stride = stride_or(st, TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  if (st->code != ACCEL_OK || !tile_ok(st, TRITIUM_ISA_BUFFER_WGT, wa, n, w_row, w_row, where, "weight planes")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_LUT, la, m, row_bytes, lut_stride, where, "tables")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_ACC, c, m, 4u * n, acc_stride, where, "accumulators")) {
    return;
  }
  for (r = 0u; r < n; ++r) {
    uint32_t z = wgt_mem[wa + r * w_row];
    if (z >= (1u << wp)) {
      accel_fail(st, ACCEL_ERR_EXEC, "%s: weight row %llu has zero-point %u, outside the %u-plane code range", where,
          (unsigned long long) r, (unsigned) z, (unsigned) wp);
      return;
    }
  }
  for (t = 0u; t < m; ++t) {
    uint64_t tables = la + t * lut_stride;
    uint32_t token_sum = 0u;
    for (q = 0u; q < groups; ++q) {
      token_sum += (uint32_t) rd16s(lut_mem, tables + q * 2u * entries + 2u * (entries - 1u));
    }
    for (r = 0u; r < n; ++r) {
      uint64_t wrow = wa + r * w_row;
      uint64_t at = c + t * acc_stride + 4u * r;
      uint32_t s = 0u;
      for (p = 0u; p < wp; ++p) {
        uint32_t sp = 0u;
        for (q = 0u; q < groups; ++q) {
          HLS(pipeline II=1)
          uint64_t bit = q * g; /* g divides 8: the group's bits lie in one plane byte */
          uint32_t idx = ((uint32_t) wgt_mem[wrow + 1u + p * kb + bit / 8u] >> (bit % 8u)) & (uint32_t) (entries - 1u);
          sp += (uint32_t) rd16s(lut_mem, tables + q * 2u * entries + 2u * idx);
        }
        s += sp << p;
      }
      s -= (uint32_t) wgt_mem[wrow] * token_sum; /* the edge's zero-point term */
      wr32(acc_mem, at, (accumulate ? rd32(acc_mem, at) : 0u) + s);
    }
  }
}
""".strip() + "\n";
}
