package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.GemmSf;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.LutUnit;
import dev.tritium.isa.LutVariant;
import dev.tritium.isa.Packing;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
import dev.tritium.simulator.energy.CostModel;
import dev.tritium.simulator.energy.accounting.EnergyAccounting;
import dev.tritium.simulator.energy.accounting.EnergyReport;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.MachineState;
import dev.tritium.simulator.unit.mac.Dataflow;
import dev.tritium.simulator.unit.mac.TernaryMacArray;
import dev.tritium.simulator.unit.mac.ZeroSkip;
import dev.tritium.simulator.unit.sram.OperandStreams;
import dev.tritium.simulator.unit.sram.RowStrides;
import dev.tritium.simulator.unit.sram.SramBuffer;
import java.util.EnumSet;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * GEMM.Q2 (QuIP's 2-bit codes on the MAC array's fp32 adders): the WGT row layout and the product-then-sum order on a
 * hand-computed case, a seeded tile against a direct loop, accumulate and strides, the refusal on fp16 or no adders,
 * its counts and their energy, and its schedule.
 */
class GemmQ2InstructionTest {

  private final FunctionalModel model = new FunctionalModel();
  private final ActionCounters c = new ActionCounters();
  private final MachineState s = machine(32);

  private static MachineState machine(int adderBits) {
    return new MachineState(new IsaTarget("q2", 1 << 16, 1 << 16, 1 << 16, 1 << 16, 1 << 16, 4, 4,
        Optional.of(new LutUnit(3, LutVariant.TERNARY_BASE3)), 4, EnumSet.allOf(Packing.class), 2, 0, adderBits));
  }

  /** Rows of k + 1 two-bit fields, four to a byte from bit 0: z then the codes (this test's own packer). */
  static byte[] pack(int[] zeros, int[] codes, int n, int k) {
    int rowBytes = (int) GemmQ2.rowBytes(k);
    byte[] out = new byte[n * rowBytes];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i <= k; i++) {
        int v = i == 0 ? zeros[r] : codes[r * k + i - 1];
        out[r * rowBytes + i / 4] |= (byte) (v << (2 * (i % 4)));
      }
    }
    return out;
  }

  @Test
  void rowLayoutAndOrderOnAHandComputedTile() {
    // k = 5: 6 fields, 2 bytes per row. Row 0: z = 1, q = 3 0 1 2 1 -> d = 2 -1 0 1 0;
    // row 1: z = 2, q = 0 3 3 1 2 -> d = -2 1 1 -1 0.
    byte[] w = pack(new int[] {1, 2}, new int[] {3, 0, 1, 2, 1, 0, 3, 3, 1, 2}, 2, 5);
    // row 0: z = 1, q = 3, 0, 1 -> 1 | 3 << 2 | 0 << 4 | 1 << 6 = 0x4d, then 2 | 1 << 2 = 6; row 1: 0xf2, 0x09
    assertArrayEquals(new byte[] {0x4d, 0x06, (byte) 0xf2, 0x09}, w);
    Machines.putBytes(s, Buffer.WGT, 0, w);
    // a = 1e8, 3, 1, -1, 7: row 0: 0 + 2e8 = 2e8, - 3 (lost: spacing 16), + 0, + -1 (lost), + 0 = 2e8
    // row 1: -2e8 + 3 (lost) + 1 (lost) + 1 (lost) + 0 = -2e8; a second token 0.5 0.25 0.125 2 9:
    // row 0: 1 - 0.25 + 0 + 2 + 0 = 2.75; row 1: -1 + 0.25 + 0.125 - 2 + 0 = -2.625
    s.buffer(Buffer.VEC).writeFp32s(0, new float[] {1e8f, 3f, 1f, -1f, 7f, 0.5f, 0.25f, 0.125f, 2f, 9f});
    model.execute(new GemmQ2(NO_DEPS, 0, 0, 256, 2, 2, 5, false), s, c);
    assertArrayEquals(new float[] {2e8f, -2e8f, 2.75f, -2.625f}, s.buffer(Buffer.VEC).readFp32s(256, 4));
    // accumulate continues from OUT
    model.execute(new GemmQ2(NO_DEPS, 0, 0, 256, 2, 2, 5, true), s, c);
    assertArrayEquals(new float[] {4e8f, -4e8f, 5.5f, -5.25f}, s.buffer(Buffer.VEC).readFp32s(256, 4));
    CodeArrayCounts q = c.snapshot().codeArray();
    assertEquals(2 * (2 * 2 * 5), q.pairs());
    assertEquals(2 * (2 * 2 * 5), q.edgeAdds());
  }

  @Test
  void seededTileEqualsADirectLoopAndOneChangedCodeChangesIt() {
    SplittableRandom rnd = new SplittableRandom(3);
    int m = 3;
    int n = 7;
    int k = 61;
    int[] z = new int[n];
    int[] q = new int[n * k];
    for (int r = 0; r < n; r++) {
      z[r] = rnd.nextInt(4);
    }
    for (int i = 0; i < q.length; i++) {
      q[i] = rnd.nextInt(4);
    }
    float[] a = new float[m * k];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5)));
    }
    Machines.putBytes(s, Buffer.WGT, 0, pack(z, q, n, k));
    s.buffer(Buffer.VEC).writeFp32s(0, a);
    // activations 4k + 8 bytes apart, outputs 4n + 4 apart
    model.execute(new Cfg(NO_DEPS, CfgReg.ACT_ROW_STRIDE_BYTES, 4L * (k + 2)), s, c);
    model.execute(new Cfg(NO_DEPS, CfgReg.ACC_ROW_STRIDE_BYTES, 4L * n + 4), s, c);
    float[] strided = new float[m * (k + 2)];
    for (int t = 0; t < m; t++) {
      System.arraycopy(a, t * k, strided, t * (k + 2), k);
    }
    s.buffer(Buffer.VEC).writeFp32s(0, strided);
    model.execute(new GemmQ2(NO_DEPS, 0, 0, 4096, m, n, k, false), s, c);
    float[] first = s.buffer(Buffer.VEC).readFp32s(4096, m * (n + 1));
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        float e = 0f;
        for (int i = 0; i < k; i++) {
          e = e + (float) (q[r * k + i] - z[r]) * a[t * k + i];
        }
        assertEquals(Float.floatToRawIntBits(e), Float.floatToRawIntBits(first[t * (n + 1) + r]), t + "," + r);
      }
    }
    q[4 * k + 17] ^= 1;
    Machines.putBytes(s, Buffer.WGT, 0, pack(z, q, n, k));
    model.execute(new GemmQ2(NO_DEPS, 0, 0, 4096, m, n, k, false), s, c);
    float[] changed = s.buffer(Buffer.VEC).readFp32s(4096, m * (n + 1));
    assertNotEquals(first[4], changed[4], "row 4 of token 0 must see the flipped code");
    assertEquals(first[3], changed[3], "row 3 is untouched");
  }

  @Test
  void fp16OrNoAddersAreRefused() {
    for (int bits : new int[] {0, 16}) {
      MachineState other = machine(bits);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> model.execute(new GemmQ2(NO_DEPS, 0, 0, 256, 1, 1, 4, false), other, c));
      assertTrue(e.getMessage().contains("GEMM.Q2: needs fp32 adders"), e.getMessage());
    }
  }

  @Test
  void energyPricesEveryPairAndEdgeAddAsAnFp32AddAndTheScheduleIsGemmSfs() {
    model.execute(new GemmQ2(NO_DEPS, 0, 0, 256, 2, 3, 4, false), s, c);
    ArchConfig arch = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "mac_array.float_adders", "fp32");
    CostModel h45 = CostModel.preset("horowitz-45nm", 45);
    EnergyReport r = EnergyAccounting.price(c.snapshot(), arch, h45, 0);
    double add = h45.energy().price(dev.tritium.simulator.energy.Action.fpAdd("fp32")).pJ();
    assertEquals(24, r.entry("mac_array.fp32_code_add").orElseThrow().count());
    assertEquals(16, r.entry("mac_array.fp32_edge_add").orElseThrow().count());
    assertEquals(40 * add, r.entry("mac_array.fp32_code_add").orElseThrow().totalPj()
        + r.entry("mac_array.fp32_edge_add").orElseThrow().totalPj(), 1e-9);

    TernaryMacArray mac = new TernaryMacArray(4, 4, Dataflow.WS, ZeroSkip.NONE, false, false, true);
    SramBuffer[] sram = new SramBuffer[Buffer.values().length];
    for (Buffer b : Buffer.values()) {
      sram[b.ordinal()] = new SramBuffer(b.name(), 1 << 16, 1, 2, 64);
    }
    OperandStreams q2 = new OperandStreams(sram);
    OperandStreams sf = new OperandStreams(sram);
    RowStrides dense = RowStrides.DENSE;
    long q2Cycles = mac.occupancy(new GemmQ2(NO_DEPS, 0, 0, 4096, 2, 9, 40, false), dense, q2);
    long sfCycles = mac.occupancy(new GemmSf(NO_DEPS, 0, 0, 4096, 2, 9, 40, Packing.TWO_BIT, false), dense, -1, sf);
    assertEquals(sfCycles, q2Cycles);
    // 41 fields of 2 bits = 11 bytes a row against TWO_BIT's 10
    assertEquals(sf.bytesRead(Buffer.WGT) / 10 * 11, q2.bytesRead(Buffer.WGT));
    assertEquals(sf.bytesRead(Buffer.VEC), q2.bytesRead(Buffer.VEC));
  }
}
