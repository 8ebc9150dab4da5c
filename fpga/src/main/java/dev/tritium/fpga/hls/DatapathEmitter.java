package dev.tritium.fpga.hls;

import dev.tritium.isa.Packing;
import dev.tritium.models.packing.DigitOrder;
import dev.tritium.models.packing.TernaryGroups;
import dev.tritium.models.packing.TernaryGroupPacking;
import java.util.StringJoiner;

/**
 * Emits the matrix-product datapath of a {@link KernelPlan}: the packed-weight decoders (one per
 * layout, reading the documented bit fields of models/README.md), the processing element (ternary
 * add/subtract/skip, or a LUT lookup with optional mirror sign), and per stage the weight-stationary
 * tile loop nest. Both units share the loop nest; they differ in what a tile holds and in the PE term.
 */
final class DatapathEmitter {

  private final KernelPlan plan;

  DatapathEmitter(KernelPlan plan) {
    this.plan = plan;
  }

  /** kernel.h constants of the datapath (shared by every stage). */
  void defines(CCode h) {
    h.comment("datapath: " + plan.summary() + "; array tile from " + plan.source() + "; weight tiles per stage from "
        + "the mapper's TilingSearch");
    h.linef("#define TILE_N %d", plan.tileN());
    h.linef("#define TILE_UNITS %d", plan.tileUnits());
    h.linef("#define TILE_K %d", plan.tileK());
    h.linef("#define VEC_LANES %d", plan.vectorLanes());
    if (plan.lut()) {
      h.linef("#define LUT_G %d", plan.groupSize());
      h.linef("#define LUT_ENTRIES %d", plan.tableEntries());
      h.linef("typedef %s lut_entry_t; /* table_entry_bits = %d */", plan.tableEntryBits() <= 16 ? "int16_t" : "int32_t",
          plan.tableEntryBits());
    }
  }

  /** File-scope helpers of kernel.c used by every stage. */
  void helpers(CCode c) {
    c.comment("Bit field of a packed row, least significant bit first (stream bit p is bit p%8 of byte p/8);");
    c.comment("bytes past the row read as 0. Fields are at most 8 bits wide, so a 16-bit window holds one.");
    c.open("static uint32_t read_field(const uint8_t *row, uint32_t row_bytes, uint32_t bit, uint32_t width)");
    c.line("const uint32_t byte = bit >> 3;");
    c.line("const uint32_t lo = byte < row_bytes ? row[byte] : 0u;");
    c.line("const uint32_t hi = byte + 1u < row_bytes ? row[byte + 1u] : 0u;");
    c.line("return ((lo | (hi << 8)) >> (bit & 7u)) & ((1u << width) - 1u);");
    c.close().line("");
    c.comment("Ternary PE: add, subtract or skip the int8 activation (no multiplier).");
    c.open("static int32_t ternary_pe(int8_t w, int8_t x)");
    c.line("return w > 0 ? (int32_t) x : (w < 0 ? -(int32_t) x : 0);");
    c.close().line("");
    if (plan.lut()) {
      lutHelpers(c);
    } else {
      macHelpers(c);
    }
  }

  private void macHelpers(CCode c) {
    if (plan.packing() == Packing.SIGN_BITS) {
      c.comment("sign-bits: weight k is stream bit k, 1 = +1 and 0 = -1 (binary weights: every code is valid, none is 0).");
      c.open("static int8_t decode_weight(const uint8_t *row, uint32_t row_bytes, uint32_t k, int32_t *invalid)");
      c.line("(void) invalid;");
      c.line("return read_field(row, row_bytes, k, 1u) ? (int8_t) 1 : (int8_t) -1;");
      c.close().line("");
    } else if (plan.packing() == Packing.TWO_BIT) {
      c.comment("2bit: weight k is the code w + 1 at stream bits 2k..2k+1; code 3 is invalid (counted, read as 0).");
      c.open("static int8_t decode_weight(const uint8_t *row, uint32_t row_bytes, uint32_t k, int32_t *invalid)");
      c.line("const uint32_t code = read_field(row, row_bytes, 2u * k, 2u);");
      c.line("const int bad = code == 3u;");
      c.line("*invalid += bad;");
      c.line("return bad ? (int8_t) 0 : (int8_t) ((int32_t) code - 1);");
      c.close().line("");
    } else {
      c.comment("base3: byte j holds sum t_i 3^i of weights 5j..5j+4 (t = w + 1, first weight least significant);");
      c.comment("bytes above 242 are invalid (counted, read as 0).");
      c.line("static const uint32_t POW3[5] = {1u, 3u, 9u, 27u, 81u};");
      c.open("static int8_t decode_weight(const uint8_t *row, uint32_t row_bytes, uint32_t k, int32_t *invalid)");
      c.line("const uint32_t byte = read_field(row, row_bytes, 8u * (k / 5u), 8u);");
      c.line("const int bad = byte > 242u;");
      c.line("const uint32_t digit = (byte / POW3[k % 5u]) % 3u;");
      c.line("*invalid += bad;");
      c.line("return bad ? (int8_t) 0 : (int8_t) ((int32_t) digit - 1);");
      c.close().line("");
    }
  }

  /** True for a LUT plan over binary tables (SIGN_BITS weights): no entry is the zero group's. */
  private boolean binaryTables() {
    return plan.lut() && plan.packing() == Packing.SIGN_BITS;
  }

  /**
   * Binary tables (isa/README.md "LUT tables"): entry e holds sum_i (bit i of e ? +x_i : -x_i), column j*g in bit 0;
   * the mirror keeps the entries whose top bit is set. No entry is 0 for every activation, so a unit outside the tile
   * takes the selector LUT_NONE, which {@code lut_lookup} reads as 0.
   */
  private void binaryLutHelpers(CCode c) {
    int g = plan.groupSize();
    boolean mirror = plan.tableEntries() < 1 << g;
    int top = mirror ? 1 << (g - 1) : 0;
    c.comment("Weight pattern of table entry e: entry e holds sum_i LUT_PATTERN[e][i] * x_i, weight i = +1 when bit i of");
    c.comment(mirror ? "e | " + top + " is set, else -1 (binary mirror: the entries whose top weight is +1)."
        : "e is set, else -1 (binary tables).");
    c.open("static const int8_t LUT_PATTERN[LUT_ENTRIES][LUT_G] =");
    for (int e = 0; e < plan.tableEntries(); e++) {
      StringJoiner j = new StringJoiner(", ", "{", "}" + (e + 1 < plan.tableEntries() ? "," : ""));
      for (int i = 0; i < g; i++) {
        j.add(((e | top) >>> i & 1) == 1 ? "1" : "-1");
      }
      c.line(j.toString());
    }
    c.closeWith(";").line("");
    c.line("#define LUT_NONE 255u");
    c.linef("/* sign-bits: group j's index is the %d sign bits at stream bits %dj.. (1 = +1, 0 = -1; every index is valid).",
        g, g);
    c.line(mirror ? "   Selector = entry << 1 | negate: top bit set reads entry index & " + (top - 1)
        + ", else the complement's entry, negated. */" : "   Selector = index << 1 (no sign). */");
    c.open("static uint8_t decode_group(const uint8_t *row, uint32_t row_bytes, uint32_t j, int32_t *invalid)");
    c.linef("const uint32_t index = read_field(row, row_bytes, %du * j, %du);", g, g);
    c.line("(void) invalid;");
    if (mirror) {
      c.linef("return (uint8_t) ((index & %du) ? (index & %du) << 1 : ((~index & %du) << 1) | 1u);", top, top - 1,
          top - 1);
    } else {
      c.line("return (uint8_t) (index << 1);");
    }
    c.close().line("");
    c.comment("LUT PE: one table read; the selector's low bit negates (mirror); LUT_NONE (outside the tile) adds 0.");
    c.open("static int32_t lut_lookup(const lut_entry_t table[LUT_ENTRIES], uint8_t sel)");
    c.line("const int32_t v = sel == LUT_NONE ? 0 : table[sel >> 1];");
    c.line("return (sel & 1u) && sel != LUT_NONE ? -v : v;");
    c.close().line("");
  }

  private void lutHelpers(CCode c) {
    if (binaryTables()) {
      binaryLutHelpers(c);
      return;
    }
    int g = plan.groupSize();
    int full = TernaryGroups.tableSize(g);
    int base = plan.packing() == Packing.LUT_G3_MIRROR ? (full - 1) / 2 : 0;
    c.comment("Weight pattern of table entry e: entry e holds sum_i LUT_PATTERN[e][i] * x_i. Index order: first");
    c.comment("weight most significant, digits w + 1" + (base > 0
        ? "; mirror tables keep the balanced values v = 0.." + (plan.tableEntries() - 1) + " (index " + base + " + e)."
        : "."));
    c.open("static const int8_t LUT_PATTERN[LUT_ENTRIES][LUT_G] =");
    for (int e = 0; e < plan.tableEntries(); e++) {
      byte[] w = TernaryGroups.weights(base + e, g, DigitOrder.FIRST_MOST_SIGNIFICANT);
      StringJoiner j = new StringJoiner(", ", "{", "}" + (e + 1 < plan.tableEntries() ? "," : ""));
      for (byte b : w) {
        j.add(Integer.toString(b));
      }
      c.line(j.toString());
    }
    c.closeWith(";").line("");
    if (plan.packing() == Packing.LUT_G3_MIRROR) {
      c.comment("tl2-mirror-g3: 4-bit magnitude of group j in nibble j%2 of byte j/2, sign bit j after the magnitude");
      c.comment("section. Selector = magnitude << 1 | sign; magnitude > 13 or a signed zero is invalid (counted, read as 0).");
      c.open("static uint8_t decode_group(const uint8_t *row, uint32_t row_bytes, uint32_t sign_bit0, uint32_t j, "
          + "int32_t *invalid)");
      c.line("const uint32_t mag = read_field(row, row_bytes, 4u * j, 4u);");
      c.line("const uint32_t neg = read_field(row, row_bytes, sign_bit0 + j, 1u);");
      c.linef("const int bad = mag > %du || (mag == 0u && neg != 0u);", plan.tableEntries() - 1);
      c.line("*invalid += bad;");
      c.line("return bad ? (uint8_t) 0 : (uint8_t) ((mag << 1) | neg);");
      c.close().line("");
    } else {
      int bits = ((TernaryGroupPacking) plan.modelsPacking()).fieldBits();
      int zero = (full - 1) / 2;
      c.linef("/* %s: index of group j (%d bits) at stream bits %dj..; indices >= %d are invalid (counted, read as the", 
          plan.packing().modelsName(), bits, bits, full);
      c.linef("   all-zero group %d). Selector = index << 1 (no sign). */", zero);
      c.open("static uint8_t decode_group(const uint8_t *row, uint32_t row_bytes, uint32_t j, int32_t *invalid)");
      c.linef("const uint32_t index = read_field(row, row_bytes, %du * j, %du);", bits, bits);
      c.linef("const int bad = index >= %du;", full);
      c.line("*invalid += bad;");
      c.linef("return (uint8_t) ((bad ? %du : index) << 1);", zero);
      c.close().line("");
    }
    c.comment("LUT PE: one table read; the selector's low bit negates (mirror tables).");
    c.open("static int32_t lut_lookup(const lut_entry_t table[LUT_ENTRIES], uint8_t sel)");
    c.line("const int32_t v = table[sel >> 1];");
    c.line("return (sel & 1u) ? -v : v;");
    c.close().line("");
  }

  /** The LUT selector of the all-zero weight group: its table entry, shifted past the (mirror) sign bit. */
  private int zeroGroupSelector() {
    int full = TernaryGroups.tableSize(plan.groupSize());
    int base = plan.packing() == Packing.LUT_G3_MIRROR ? (full - 1) / 2 : 0;
    return ((full - 1) / 2 - base) << 1;
  }

  /** kernel.h constants of one stage. */
  void stageDefines(CCode h, Stage s) {
    String p = s.macro();
    h.comment("stage " + s.name() + ": W[" + s.n() + "][" + s.k() + "] x [" + s.tokens() + "][" + s.k() + "]; weight tiles "
        + s.bufferN() + " x " + s.bufferK() + " (" + s.nBlocks() + " x " + s.kBlocks() + "), each " + s.arrayNTiles() + " x "
        + s.arrayKTiles() + " array tiles; accumulator needs " + s.accumulatorBitsNeeded() + " bits");
    h.linef("#define %s_K %d", p, s.k());
    h.linef("#define %s_N %d", p, s.n());
    h.linef("#define %s_ROW_BYTES %d", p, s.rowBytes());
    h.linef("#define %s_UNITS %d", p, s.units());
    h.linef("#define %s_BUF_N %d", p, s.bufferN());
    h.linef("#define %s_BUF_K %d", p, s.bufferK());
    h.linef("#define %s_BUF_UNITS %d", p, s.bufferUnits());
    h.linef("#define %s_BUF_ROW_BYTES %d", p, s.bufferRowBytes());
    h.linef("#define %s_N_BLOCKS %d", p, s.nBlocks());
    h.linef("#define %s_K_BLOCKS %d", p, s.kBlocks());
    h.linef("#define %s_N_TILES %d", p, s.arrayNTiles());
    h.linef("#define %s_K_TILES %d", p, s.arrayKTiles());
    h.linef("#define %s_UNITS_PAD %d", p, s.unitsPadded());
    h.linef("#define %s_K_PAD %d", p, s.kPadded());
  }

  /** The stage's matrix product: {@code int32_t NAME_matmul(xq, w, acc)} returning the invalid-code count. */
  void matmul(CCode c, Stage s) {
    String p = s.macro();
    String n = s.name();
    if (plan.lut()) {
      buildTables(c, s);
    }
    c.comment(n + ": the mapper's weight tiles (BUF_N x BUF_K, one WGT slot) are loaded in bursts; inside each,");
    c.comment("weight-stationary array tiles of TILE_N outputs x TILE_K inputs, every token streaming through a");
    c.comment("tile before the next one loads. acc is exact int32 (|acc| <= 127 K).");
    c.openf("static int32_t %s_matmul(int8_t xq[TOKENS][%s_K_PAD], const uint8_t w[%s_N * %s_ROW_BYTES], "
        + "int32_t acc_out[TOKENS][%s_N])", n, p, p, p, p);
    c.line("int32_t invalid = 0;");
    if (plan.lut()) {
      c.linef("static lut_entry_t table[TOKENS][%s_UNITS_PAD][LUT_ENTRIES];", p);
      c.pragma("ARRAY_PARTITION variable=table cyclic factor=TILE_UNITS dim=2");
      c.pragma("ARRAY_PARTITION variable=table complete dim=3");
      c.linef("%s_build_tables(xq, table);", n);
      c.line("uint8_t wt[TILE_N][TILE_UNITS];");
    } else {
      c.line("int8_t wt[TILE_N][TILE_UNITS];");
    }
    c.pragma("ARRAY_PARTITION variable=wt complete dim=0");
    c.linef("static uint8_t wbuf[%s_N_TILES * TILE_N][%s_BUF_ROW_BYTES];", p, p);
    c.pragma("ARRAY_PARTITION variable=wbuf cyclic factor=TILE_N dim=1");
    c.linef("static int32_t acc[TOKENS][%s_N_TILES * TILE_N];", p);
    c.pragma("ARRAY_PARTITION variable=acc cyclic factor=TILE_N dim=2");
    c.openf("for (int bn = 0; bn < %s_N_BLOCKS; bn++)", p);
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.openf("for (int i = 0; i < %s_N_TILES * TILE_N; i++)", p).pragma("PIPELINE II=1").line("acc[m][i] = 0;").close();
    c.close();
    c.openf("for (int bk = 0; bk < %s_K_BLOCKS; bk++)", p);
    c.comment("LOAD: burst the packed bytes of one weight tile into the weight buffer (zero past the matrix)");
    c.openf("for (int r = 0; r < %s_N_TILES * TILE_N; r++)", p);
    c.openf("for (int b = 0; b < %s_BUF_ROW_BYTES; b++)", p);
    c.pragma("PIPELINE II=1");
    c.linef("const int row = bn * %s_BUF_N + r;", p);
    c.linef("const int byte = bk * %s_BUF_ROW_BYTES + b;", p);
    c.linef("wbuf[r][b] = (r < %1$s_BUF_N && row < %1$s_N && byte < %1$s_ROW_BYTES) ? w[row * %1$s_ROW_BYTES + byte] : 0;",
        p);
    c.close();
    c.close();
    c.openf("for (int nt = 0; nt < %s_N_TILES; nt++)", p);
    c.openf("for (int kt = 0; kt < %s_K_TILES; kt++)", p);
    c.comment("decode one array tile from the weight buffer");
    c.open("for (int col = 0; col < TILE_N; col++)");
    c.pragma("PIPELINE II=1");
    c.line("const int r = nt * TILE_N + col;");
    c.open("for (int u = 0; u < TILE_UNITS; u++)");
    c.pragma("UNROLL");
    c.line("const int local = kt * TILE_UNITS + u;");
    c.linef("const int unit = bk * %s_BUF_UNITS + local;", p);
    c.linef("const int valid = r < %1$s_BUF_N && bn * %1$s_BUF_N + r < %1$s_N && local < %1$s_BUF_UNITS "
        + "&& unit < %1$s_UNITS;", p);
    String decode = plan.packing() == Packing.LUT_G3_MIRROR
        ? String.format("decode_group(wbuf[r], %1$s_BUF_ROW_BYTES, %2$du, (uint32_t) local, &invalid)", p,
            8 * ((s.units() + 1) / 2))
        : String.format("decode_%1$s(wbuf[r], %2$s_BUF_ROW_BYTES, (uint32_t) local, &invalid)",
            plan.lut() ? "group" : "weight", p);
    // A unit outside the buffer tile or the matrix must contribute nothing: weight 0 on the MAC array, and on the
    // LUT core the selector of the all-zero group (a table's entry 0 is the all -1 pattern for base-3 tables; only
    // mirror tables start at the zero group). Selector 0 summed the next tile's activations whenever the array's
    // TILE_UNITS did not divide the buffer tile's units (g = 3: 28 per array tile, 24 per 5-byte-aligned buffer tile).
    c.linef("wt[col][u] = valid ? %s : %s;", decode, binaryTables() ? "(uint8_t) LUT_NONE"
        : plan.lut() ? "(uint8_t) " + zeroGroupSelector() : "(int8_t) 0");
    c.close();
    c.close();
    c.comment("one array step per token: TILE_N x TILE_UNITS PE terms per cycle");
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.pragma("PIPELINE II=1");
    c.comment("successive iterations update different tokens' accumulators");
    c.pragma("DEPENDENCE variable=acc inter false");
    c.open("for (int col = 0; col < TILE_N; col++)");
    c.pragma("UNROLL");
    c.line("int32_t sum = 0;");
    c.open("for (int u = 0; u < TILE_UNITS; u++)");
    c.pragma("UNROLL");
    c.linef("const int unit = bk * %s_BUF_UNITS + kt * TILE_UNITS + u;", p);
    c.line(plan.lut()
        ? "sum += lut_lookup(table[m][unit], wt[col][u]);"
        : "sum += ternary_pe(wt[col][u], xq[m][unit]);");
    c.close();
    c.line("acc[m][nt * TILE_N + col] += sum;");
    c.close();
    c.close();
    c.close();
    c.close();
    c.close();
    c.comment("STORE the block's accumulators");
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.openf("for (int i = 0; i < %s_BUF_N; i++)", p);
    c.pragma("PIPELINE II=1");
    c.linef("const int row = bn * %s_BUF_N + i;", p);
    c.open("if (row < " + p + "_N)").line("acc_out[m][row] = acc[m][i];").close();
    c.close();
    c.close();
    c.close();
    c.line("return invalid;");
    c.close().line("");
  }

  /** LUT.BUILD: per token and group, every entry's partial sum (activations past K are 0). */
  private void buildTables(CCode c, Stage s) {
    String p = s.macro();
    c.comment(s.name() + ": LUT build, one group's table per cycle");
    c.openf("static void %s_build_tables(int8_t xq[TOKENS][%s_K_PAD], lut_entry_t table[TOKENS][%s_UNITS_PAD][LUT_ENTRIES])",
        s.name(), p, p);
    c.open("for (int m = 0; m < TOKENS; m++)");
    c.openf("for (int j = 0; j < %s_UNITS_PAD; j++)", p);
    c.pragma("PIPELINE II=1");
    c.open("for (int e = 0; e < LUT_ENTRIES; e++)");
    c.pragma("UNROLL");
    c.line("int32_t sum = 0;");
    c.open("for (int i = 0; i < LUT_G; i++)");
    c.pragma("UNROLL");
    c.line("sum += ternary_pe(LUT_PATTERN[e][i], xq[m][j * LUT_G + i]);");
    c.close();
    c.line("table[m][j][e] = (lut_entry_t) sum;");
    c.close();
    c.close();
    c.close();
    c.close().line("");
  }
}
