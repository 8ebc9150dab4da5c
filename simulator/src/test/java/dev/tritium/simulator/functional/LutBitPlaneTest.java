package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.validate.Validator;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * LUT.BUILD.BP and LUT.GEMM.BP (T-MAC's bit-plane lookups on the LUT core) and QUANT.BP's byte layout: tables and
 * sums by hand (ignored pad bits, zero-point terms), random codes against GEMM.BP on the same weight bytes and the
 * plain integer product with accumulate, K chunks through k0, int32 wrap, the counts, and the refusals.
 */
class LutBitPlaneTest {

  private final FunctionalModel model = new FunctionalModel();
  private final ActionCounters c = new ActionCounters();

  /** The test machine with a ternary base-3 g = 3 core (as edge-fpga-every-format) and MAC bit-plane PEs. */
  private static IsaTarget target(boolean lutBitPlane) {
    IsaTarget t = Machines.small().target();
    return new IsaTarget("lbp", t.wgtBytes(), t.actBytes(), t.accBytes(), t.lutBytes(), t.vecBytes(), t.macRows(),
        t.macCols(), java.util.Optional.of(new LutUnit(3, LutVariant.TERNARY_BASE3, false, lutBitPlane)),
        t.vectorLanes(), t.packings(), 2, 0, 0, false, 0, true);
  }

  // BitPlaneGemmTest's hand case: P = 2, k = 10. Weight row 0: u_w = 1 2 3 0 1 2 3 0 1 2, z_w = 1, the unused bits of
  // plane 0's second byte set (0xFD); row 1: u_w = 3 3 0 0 1 1 2 2 3 0, z_w = 0.
  private static final byte[] WEIGHTS = {1, 0x55, (byte) 0xFD, 0x66, 0x02, 0, 0x33, 0x01, (byte) 0xC3, 0x01};
  // u_x = 3 1 0 2 3 1 0 2 1 1, z_x = 2, as QUANT.BP's byte rows.
  private static final byte[] CODES = {2, 3, 1, 0, 2, 3, 1, 0, 2, 1, 1};

  @Test
  void handComputedTablesAndSums() {
    for (int g : new int[] {2, 4}) {
      MachineState s = new MachineState(target(true));
      Machines.putBytes(s, Buffer.WGT, 0, WEIGHTS);
      Machines.putBytes(s, Buffer.ACT, 0, CODES);
      model.execute(new LutBuildBp(NO_DEPS, 0, 0, 1, 10, 0, g), s, c);
      if (g == 2) {
        // group 0: u_x - z_x = 1, -1: entries 0, 1, -1, 0; group 4 (columns 8, 9): -1, -1: 0, -1, -1, -2
        assertArrayEquals(new short[] {0, 1, -1, 0}, Machines.lutTable(s, 0, 4));
        assertArrayEquals(new short[] {0, -1, -1, -2}, Machines.lutTable(s, 4 * 8, 4));
      } else {
        // group 2 holds columns 8, 9 and two absent ones (0): entries e = 0..15 sum -1 per set bit 0 or 1
        assertArrayEquals(new short[] {0, -1, -1, -2, 0, -1, -1, -2, 0, -1, -1, -2, 0, -1, -1, -2},
            Machines.lutTable(s, 2 * 32, 16));
      }
      model.execute(new LutGemmBp(NO_DEPS, 0, 0, 0, 1, 2, 10, 2, g, false), s, c);
      // row 0: (u_w - 1)(u_x - 2) = -11, row 1: u_w (u_x - 2) = -7 (GEMM.BP's hand case)
      assertArrayEquals(new int[] {-11, -7}, Machines.acc(s, 0, 2), "g = " + g);
    }
  }

  @Test
  void countsOfOneBuildAndOneLookupPass() {
    MachineState s = new MachineState(target(true));
    Machines.putBytes(s, Buffer.WGT, 0, WEIGHTS);
    Machines.putBytes(s, Buffer.ACT, 0, CODES);
    model.execute(new LutBuildBp(NO_DEPS, 0, 0, 1, 10, 0, 4), s, c);
    model.execute(new LutGemmBp(NO_DEPS, 0, 0, 0, 1, 2, 10, 2, 4, false), s, c);
    LutCoreCounts l = c.snapshot().lut();
    assertEquals(3 * 15, l.buildAdds()); // ceil(10 / 4) tables x (2^4 - 1)
    assertEquals(3 * 16, l.tableEntriesWritten());
    assertEquals(2 * 3 * 2, l.lookups()); // n G P
    assertEquals(2 * 3 * 2 + 3, l.accumulateAdds()); // + the token's sum over G all-ones entries
    assertEquals(2, l.bitPlaneEdgeMacs());
  }

  @Test
  void randomCodesEqualGemmBpOnTheSameWeightBytesAndThePlainProduct() {
    SplittableRandom r = new SplittableRandom(41);
    for (int[] shape : new int[][] {{3, 5, 77, 2, 2}, {2, 4, 61, 4, 4}, {1, 3, 16, 8, 2}, {4, 2, 9, 1, 4}}) {
      int m = shape[0];
      int n = shape[1];
      int k = shape[2];
      int p = shape[3];
      int g = shape[4];
      int q = 8;
      MachineState s = new MachineState(target(true));
      int wRow = (int) GemmBp.rowBytes(p, k);
      int pRow = (int) GemmBp.rowBytes(q, k);
      byte[] wgt = new byte[n * wRow];
      byte[] planes = new byte[m * pRow];
      byte[] bytes = new byte[m * (1 + k)];
      int[][] uw = new int[n][k];
      int[] zw = new int[n];
      int[][] ux = new int[m][k];
      int[] zx = new int[m];
      for (int j = 0; j < n; j++) {
        zw[j] = r.nextInt(1 << p);
        wgt[j * wRow] = (byte) zw[j];
        for (int x = 0; x < k; x++) {
          uw[j][x] = r.nextInt(1 << p);
          setBits(wgt, j * wRow, uw[j][x], p, k, x);
        }
        if (k % 8 != 0) {
          wgt[j * wRow + (k + 7) / 8] |= (byte) (0xFF << (k % 8)); // pad bits of plane 0 set: ignored
        }
      }
      for (int i = 0; i < m; i++) {
        zx[i] = r.nextInt(1 << q);
        planes[i * pRow] = (byte) zx[i];
        bytes[i * (1 + k)] = (byte) zx[i];
        for (int x = 0; x < k; x++) {
          ux[i][x] = r.nextInt(1 << q);
          setBits(planes, i * pRow, ux[i][x], q, k, x);
          bytes[i * (1 + k) + 1 + x] = (byte) ux[i][x];
        }
      }
      int[] start = new int[m * n];
      int[] expected = new int[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          start[i * n + j] = r.nextInt();
          int dot = 0;
          for (int x = 0; x < k; x++) {
            dot += (uw[j][x] - zw[j]) * (ux[i][x] - zx[i]);
          }
          expected[i * n + j] = start[i * n + j] + dot;
        }
      }
      Machines.putBytes(s, Buffer.WGT, 0, wgt);
      Machines.putBytes(s, Buffer.ACT, 0, planes);
      Machines.putBytes(s, Buffer.ACT, 4096, bytes);
      putInts(s, 0, start);
      putInts(s, 8192, start);
      model.execute(new GemmBp(NO_DEPS, 0, 0, 0, m, n, k, p, q, true), s, c);
      model.execute(new LutBuildBp(NO_DEPS, 4096, 0, m, k, 0, g), s, c);
      model.execute(new LutGemmBp(NO_DEPS, 0, 0, 8192, m, n, k, p, g, true), s, c);
      String what = java.util.Arrays.toString(shape);
      assertArrayEquals(expected, Machines.acc(s, 0, m * n), "GEMM.BP " + what);
      assertArrayEquals(expected, Machines.acc(s, 8192, m * n), "LUT.GEMM.BP " + what);
    }
  }

  @Test
  void kChunksThroughK0AddUpToTheWholeRow() {
    // k = 24 in chunks of 16 and 8: each chunk's weights are GEMM.BP rows of that chunk's k, the codes one QUANT.BP
    // byte row read from column k0.
    SplittableRandom r = new SplittableRandom(5);
    int k = 24;
    int p = 3;
    int[] uw = new int[k];
    int[] ux = new int[k];
    int zw = 5;
    int zx = 100;
    byte[] row = new byte[1 + k];
    row[0] = (byte) zx;
    for (int x = 0; x < k; x++) {
      uw[x] = r.nextInt(8);
      ux[x] = r.nextInt(256);
      row[1 + x] = (byte) ux[x];
    }
    int expected = 0;
    for (int x = 0; x < k; x++) {
      expected += (uw[x] - zw) * (ux[x] - zx);
    }
    MachineState s = new MachineState(target(true));
    Machines.putBytes(s, Buffer.ACT, 0, row);
    int acc = 0;
    int[][] chunks = {{0, 16}, {16, 8}};
    for (int[] ch : chunks) {
      byte[] w = new byte[(int) GemmBp.rowBytes(p, ch[1])];
      w[0] = (byte) zw;
      for (int x = 0; x < ch[1]; x++) {
        setBits(w, 0, uw[ch[0] + x], p, ch[1], x);
      }
      Machines.putBytes(s, Buffer.WGT, 0, w);
      model.execute(new LutBuildBp(NO_DEPS, 0, 0, 1, ch[1], ch[0], 4), s, c);
      model.execute(new LutGemmBp(NO_DEPS, 0, 0, 0, 1, 1, ch[1], p, 4, ch[0] > 0), s, c);
      acc = Machines.acc(s, 0, 1)[0];
    }
    assertEquals(expected, acc);
  }

  @Test
  void sumsWrapInInt32() {
    MachineState s = new MachineState(target(true));
    Machines.putBytes(s, Buffer.WGT, 0, WEIGHTS);
    Machines.putBytes(s, Buffer.ACT, 0, CODES);
    putInts(s, 0, new int[] {Integer.MIN_VALUE + 3, Integer.MAX_VALUE});
    model.execute(new LutBuildBp(NO_DEPS, 0, 0, 1, 10, 0, 2), s, c);
    model.execute(new LutGemmBp(NO_DEPS, 0, 0, 0, 1, 2, 10, 2, 2, true), s, c);
    assertArrayEquals(new int[] {Integer.MAX_VALUE - 7, Integer.MAX_VALUE - 7}, Machines.acc(s, 0, 2));
  }

  @Test
  void aWeightZeroPointBeyondThePlanesIsAnError() {
    MachineState s = new MachineState(target(true));
    Machines.putBytes(s, Buffer.WGT, 0, new byte[] {4, 0, 0});
    model.execute(new LutBuildBp(NO_DEPS, 0, 0, 1, 8, 0, 4), s, c);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.execute(new LutGemmBp(NO_DEPS, 0, 0, 0, 1, 1, 8, 2, 4, false), s, c));
    assertTrue(e.getMessage().contains("zero-point 4, outside the 2-plane code range [0, 3]"), e.getMessage());
  }

  @Test
  void simulatorAndValidatorRefuseWithoutTheFlagAndOtherGroupSizes() {
    LutBuildBp b = new LutBuildBp(NO_DEPS, 0, 0, 1, 8, 0, 4);
    LutGemmBp g = new LutGemmBp(NO_DEPS, 0, 0, 0, 1, 1, 8, 2, 4, false);
    for (var in : List.of(b, g)) {
      IllegalStateException sim = assertThrows(IllegalStateException.class,
          () -> model.execute(in, new MachineState(target(false)), c));
      assertTrue(sim.getMessage().contains("lut_core.bit_plane: true"), sim.getMessage());
      var report = Validator.validate(List.of(in, new Finish(NO_DEPS)), target(false));
      assertTrue(!report.ok() && report.findings().toString().contains("lut_core.bit_plane: true"),
          report.findings().toString());
      assertTrue(Validator.validate(List.of(in, new Finish(NO_DEPS)), target(true)).ok(),
          Validator.validate(List.of(in, new Finish(NO_DEPS)), target(true)).findings().toString());
    }
    for (int bad : new int[] {1, 3, 5}) {
      var report = Validator.validate(List.of(new LutBuildBp(NO_DEPS, 0, 0, 1, 8, 0, bad),
          new LutGemmBp(NO_DEPS, 0, 0, 0, 1, 1, 8, 2, bad, false), new Finish(NO_DEPS)), target(true));
      assertFalse(report.ok());
      assertEquals(2, report.findings().stream().filter(f -> f.toString().contains("group size 2 or 4")).count(),
          report.findings().toString());
    }
  }

  @Test
  void validatorBoundsTheCodeRowsFromTheZeroPointToTheChunkEnd() {
    long act = target(true).actBytes();
    // one row of 1 + k0 + k bytes ends exactly at ACT's end: fine; one byte later: out of bounds
    int k0 = 100;
    int k = 40;
    long fits = act - (1 + k0 + k);
    var ok = Validator.validate(List.of(new LutBuildBp(NO_DEPS, fits, 0, 1, k, k0, 4), new Finish(NO_DEPS)),
        target(true));
    assertTrue(ok.ok(), ok.findings().toString());
    var bad = Validator.validate(List.of(new LutBuildBp(NO_DEPS, fits + 1, 0, 1, k, k0, 4), new Finish(NO_DEPS)),
        target(true));
    assertFalse(bad.ok());
    // tables: ceil(k/g) tables of 2^(g+1) bytes per token at LUT_ROW_STRIDE_BYTES
    long lut = target(true).lutBytes();
    long rowBytes = LutBuildBp.rowBytes(k, 2); // 20 tables x 8 bytes
    assertEquals(160, rowBytes);
    assertTrue(Validator.validate(List.of(new Cfg(NO_DEPS, CfgReg.LUT_ROW_STRIDE_BYTES, 200),
        new LutGemmBp(NO_DEPS, 0, lut - 200 - rowBytes, 0, 2, 1, k, 2, 2, false), new Finish(NO_DEPS)),
        target(true)).ok());
    assertFalse(Validator.validate(List.of(new Cfg(NO_DEPS, CfgReg.LUT_ROW_STRIDE_BYTES, 200),
        new LutGemmBp(NO_DEPS, 0, lut - 200 - rowBytes + 1, 0, 2, 1, k, 2, 2, false), new Finish(NO_DEPS)),
        target(true)).ok());
  }

  @Test
  void quantBpWritesBytesWithTheSameGridAndSteps() {
    MachineState s = new MachineState(target(true));
    // BitPlaneGemmTest's rows: -1, 0, 2, 0.5 with Q = 2 give z = 1, u = 0 1 3 1, step 1; an all-zero row gives 0s.
    float[] x = {-1f, 0f, 2f, 0.5f, 0f, 0f, 0f, 0f};
    byte[] vec = s.buffer(Buffer.VEC).bytes();
    for (int i = 0; i < x.length; i++) {
      LittleEndian.setFp32(vec, 4 * i, x[i]);
    }
    Machines.putBytes(s, Buffer.ACT, 16, new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9});
    model.execute(new QuantBp(NO_DEPS, 16, 0, 256, 2, 4, 2, true), s, c);
    byte[] act = new byte[10];
    System.arraycopy(s.buffer(Buffer.ACT).bytes(), 16, act, 0, 10);
    assertArrayEquals(new byte[] {1, 0, 1, 3, 1, 0, 0, 0, 0, 0}, act);
    assertEquals(1f, LittleEndian.getFp32(vec, 256));
    assertEquals(0f, LittleEndian.getFp32(vec, 260));
  }

  private static void setBits(byte[] out, int base, int u, int bits, int k, int x) {
    int planeBytes = (k + 7) / 8;
    for (int b = 0; b < bits; b++) {
      if (((u >> b) & 1) != 0) {
        out[base + 1 + b * planeBytes + x / 8] |= (byte) (1 << (x % 8));
      }
    }
  }

  private static void putInts(MachineState s, int addr, int[] v) {
    byte[] acc = s.buffer(Buffer.ACC).bytes();
    for (int i = 0; i < v.length; i++) {
      LittleEndian.setInt32(acc, addr + 4 * i, v[i]);
    }
  }
}
