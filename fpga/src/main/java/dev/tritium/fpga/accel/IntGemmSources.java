package dev.tritium.fpga.accel;

/**
 * The integer-weight GEMM of compute.c: GEMM.IW on the MAC array's integer multipliers (int8 bytes or int4 two's
 * complement nibbles, even k in the low nibble, on signed activation bytes, exact int32), in the simulator's order
 * (simulator: IntGemmUnit). Its own text, after the MAC part's, whose tile and stride checks it uses. Kept as C text
 * so that the generated file reads as written.
 */
final class IntGemmSources {

  private IntGemmSources() {}

  /**
   * QUANT.IG on the vector lanes, in the simulator's order (IntGridQuantUnit): per row and group the absmax, the step
   * rounded to binary16 and widened back, then each value's code. After the vector part, whose binary16 conversions
   * and Java-semantics min and max it uses. Not a compile-time constant, as {@link #INT_GEMM}.
   */
  static final String INT_QUANT = "\n" + """
/* ---- integer-grid activations: QUANT.IG (vector lanes) ---- */

/* QUANT.IG: per row r and group q of src [rows][len] (fp32, dense): m = max |v|; step = fp16(m / qmax); codes
 * clamp(rint(v / step), -qmax - 1, qmax) (0 for a zero step) to ACT [rows][len]; step (r, q) to steps[q rows + r]. A
 * non-finite step (NaN or beyond fp16's range) is an execution error. asymmetric (INT4 only): lo = min(0, min v),
 * hi = max(0, max v), step = fp16((hi - lo) / 15), z = clamp(rint(-lo / step), 0, 15), q = clamp(rint(v / step) + z,
 * 0, 15), the byte q - z (simulator: IntGridQuantUnit.asymmetric). */
/* One group [from, to) of the row at src on the asymmetric 4-bit grid: codes q - z to out, the step to steps_at.
 * Returns 0 after an execution error. */
static int quant_ig_asym(uint8_t *vec_mem, uint64_t src, uint8_t *out, uint64_t from, uint64_t to, uint64_t steps_at,
    accel_status_t *st, uint64_t r, uint64_t q)
{
  const float levels = 15.0f;
  float lo = 0.0f;
  float hi = 0.0f;
  float step;
  float z;
  uint64_t i;
  for (i = from; i < to; ++i) {
    HLS(pipeline II=1)
    float v = rdf(vec_mem, src + 4u * i);
    lo = jmin(lo, v);
    hi = jmax(hi, v);
  }
  step = bits_to_float(f16_to_f32_bits(f32_to_f16_bits(float_to_bits((hi - lo) / levels))));
  if (!isfinite(step)) {
    accel_fail(st, ACCEL_ERR_EXEC, "QUANT.IG: row %llu, group %llu spans [%g, %g], whose step is beyond fp16's range",
        (unsigned long long) r, (unsigned long long) q, (double) lo, (double) hi);
    return 0;
  }
  wrf(vec_mem, steps_at, step);
  z = step == 0.0f ? 0.0f : jmax(0.0f, jmin(levels, rintf(-lo / step)));
  for (i = from; i < to; ++i) {
    HLS(pipeline II=1)
    float c = step == 0.0f ? z : jmax(0.0f, jmin(levels, rintf(rdf(vec_mem, src + 4u * i) / step) + z));
    out[i] = (uint8_t) (int8_t) ((int32_t) c - (int32_t) z);
  }
  return 1;
}

static void exec_quant_ig(const uint8_t w[16], uint8_t *act_mem, uint8_t *vec_mem, accel_status_t *st)
{
  const char *where = "QUANT.IG";
  uint64_t dst = FIELD(w, TRITIUM_ISA_QUANT_IG_DST_ADDR);
  uint64_t src = FIELD(w, TRITIUM_ISA_QUANT_IG_SRC_ADDR);
  uint64_t sa = FIELD(w, TRITIUM_ISA_QUANT_IG_STEPS_ADDR);
  uint64_t rows = FIELD(w, TRITIUM_ISA_QUANT_IG_ROWS);
  uint64_t len = FIELD(w, TRITIUM_ISA_QUANT_IG_LEN);
  uint64_t group = FIELD(w, TRITIUM_ISA_QUANT_IG_GROUP);
  unsigned int4 = (unsigned) FIELD(w, TRITIUM_ISA_QUANT_IG_WIDTH);
  unsigned asym = (unsigned) FIELD(w, TRITIUM_ISA_QUANT_IG_ASYMMETRIC);
  int32_t qmax = int4 ? 7 : 127;
  uint64_t width = group == 0u ? len : group;
  uint64_t groups;
  uint64_t r;
  uint64_t q;
  uint64_t i;
  if (!tile_ok(st, TRITIUM_ISA_BUFFER_VEC, src, rows, 4u * len, 4u * len, where, "src")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_ACT, dst, rows, len, len, where, "codes (dst)")) {
    return;
  }
  if (asym && !int4) {
    accel_fail(st, ACCEL_ERR_EXEC, "%s: the asymmetric grid writes q - z as one signed byte, INT4 only", where);
    return;
  }
  groups = (len + width - 1u) / width;
  if (!tile_ok(st, TRITIUM_ISA_BUFFER_VEC, sa, 1u, 4u * groups * rows, 4u * groups * rows, where, "steps")) {
    return;
  }
  for (r = 0u; r < rows; ++r) {
    for (q = 0u; q < groups; ++q) {
      uint64_t from = q * width;
      uint64_t to = from + width < len ? from + width : len;
      float m = 0.0f;
      float step;
      if (asym) {
        if (!quant_ig_asym(vec_mem, src + 4u * r * len, act_mem + dst + r * len, from, to, sa + 4u * (q * rows + r),
            st, r, q)) {
          return;
        }
        continue;
      }
      for (i = from; i < to; ++i) {
        HLS(pipeline II=1)
        m = jmax(m, fabsf(rdf(vec_mem, src + 4u * (r * len + i))));
      }
      step = bits_to_float(f16_to_f32_bits(f32_to_f16_bits(float_to_bits(m / (float) qmax))));
      if (!isfinite(step)) {
        accel_fail(st, ACCEL_ERR_EXEC, "%s: row %llu, group %llu has max |v| = %g, whose step is beyond fp16's range",
            where, (unsigned long long) r, (unsigned long long) q, (double) m);
        return;
      }
      wrf(vec_mem, sa + 4u * (q * rows + r), step);
      for (i = from; i < to; ++i) {
        HLS(pipeline II=1)
        float c = step == 0.0f ? 0.0f : rintf(rdf(vec_mem, src + 4u * (r * len + i)) / step);
        act_mem[dst + r * len + i] = float_to_byte(jmax((float) (-qmax - 1), jmin((float) qmax, c)));
      }
    }
  }
}
""".strip() + "\n";

  /**
   * GEMM.IW. Not a compile-time constant (String.strip of the text), so that compute.c's concatenation stays below
   * the class file's 65,535-byte limit on one constant string.
   */
  static final String INT_GEMM = "\n" + """

/* ---- integer weights: GEMM.IW (MAC array integer multipliers, mac_array.int_multipliers) ---- */

/* Weight i of the packed row at row: an int8 byte, or an int4 nibble (low nibble for even i) sign-extended. */
static int32_t iw_weight(const uint8_t *wgt_mem, uint64_t row, uint64_t i, unsigned int4)
{
  uint32_t b;
  uint32_t nibble;
  if (!int4) {
    return as_int8(wgt_mem[row + i]);
  }
  b = wgt_mem[row + (i >> 1)];
  nibble = (i & 1u) ? (b >> 4) & 0xFu : b & 0xFu;
  return (int32_t) (nibble ^ 8u) - 8;
}

/* GEMM.IW: ACC[t][r] (+)= sum_i W[r][i] * A[t][i] in int32 (wrapping, as the simulator's int arithmetic). Every
 * activation is range-checked before any output is written, as the simulator checks a token's row before its sums. */
static void exec_gemm_iw(const uint8_t w[16], const uint8_t *wgt_mem, const uint8_t *act_mem, uint8_t *acc_mem,
    accel_status_t *st)
{
  const char *where = "GEMM.IW";
  uint64_t wa = FIELD(w, TRITIUM_ISA_GEMM_IW_WGT_ADDR);
  uint64_t aa = FIELD(w, TRITIUM_ISA_GEMM_IW_ACT_ADDR);
  uint64_t c = FIELD(w, TRITIUM_ISA_GEMM_IW_ACC_ADDR);
  uint64_t m = FIELD(w, TRITIUM_ISA_GEMM_IW_M);
  uint64_t n = FIELD(w, TRITIUM_ISA_GEMM_IW_N);
  uint64_t k = FIELD(w, TRITIUM_ISA_GEMM_IW_K);
  unsigned w4 = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_IW_WEIGHTS);
  unsigned a4 = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_IW_ACTIVATIONS);
  unsigned accumulate = (unsigned) FIELD(w, TRITIUM_ISA_GEMM_IW_ACCUMULATE);
  unsigned need = (w4 && a4) ? 4u : 8u;
  uint64_t row_bytes = w4 ? (k + 1u) / 2u : k;
  uint64_t act_stride;
  uint64_t acc_stride;
  uint64_t t;
  uint64_t r;
  uint64_t i;
  if (ACCEL_MAC_INT_MULTIPLIERS == 0u || need > ACCEL_MAC_INT_MULTIPLIERS) {
    /* the validator refuses such a program for this arch; a binary run without it stops here */
    accel_fail(st, ACCEL_ERR_EXEC, "%s: needs int%u multipliers in the MAC array, this accelerator has %u-bit ones"
        " (arch mac_array.int_multipliers; 0: none)", where, need, (unsigned) ACCEL_MAC_INT_MULTIPLIERS);
    return;
  }
  act_stride = stride_or(st, TRITIUM_ISA_CFG_ACT_ROW_STRIDE_BYTES, k, where);
  acc_stride = stride_or(st, TRITIUM_ISA_CFG_ACC_ROW_STRIDE_BYTES, 4u * n, where);
  if (st->code != ACCEL_OK || !tile_ok(st, TRITIUM_ISA_BUFFER_WGT, wa, n, row_bytes, row_bytes, where, "weights")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_ACT, aa, m, k, act_stride, where, "activations")
      || !tile_ok(st, TRITIUM_ISA_BUFFER_ACC, c, m, 4u * n, acc_stride, where, "accumulators")) {
    return;
  }
  for (t = 0u; t < m; ++t) {
    for (i = 0u; i < k; ++i) {
      int32_t x = as_int8(act_mem[aa + t * act_stride + i]);
      if (a4 && (x < -8 || x > 7)) {
        accel_fail(st, ACCEL_ERR_EXEC, "%s: activation [%llu][%llu] is %d, outside the INT4 range [-8, 7]", where,
            (unsigned long long) t, (unsigned long long) i, (int) x);
        return;
      }
    }
  }
  for (t = 0u; t < m; ++t) {
    for (r = 0u; r < n; ++r) {
      uint64_t at = c + t * acc_stride + 4u * r;
      uint32_t s = 0u;
      for (i = 0u; i < k; ++i) {
        HLS(pipeline II=1)
        int32_t x = as_int8(act_mem[aa + t * act_stride + i]);
        s += (uint32_t) (x * iw_weight(wgt_mem, wa + r * row_bytes, i, w4));
      }
      wr32(acc_mem, at, (accumulate ? rd32(acc_mem, at) : 0u) + s);
    }
  }
}
""".strip() + "\n";
}
