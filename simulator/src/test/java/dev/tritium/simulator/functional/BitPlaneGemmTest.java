package dev.tritium.simulator.functional;

import static dev.tritium.simulator.functional.Machines.NO_DEPS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.isa.Buffer;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.IsaTarget;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.validate.Validator;
import dev.tritium.simulator.engine.FunctionalModel;
import dev.tritium.simulator.memory.LittleEndian;
import dev.tritium.simulator.memory.MachineState;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * GEMM.BP (bit planes, AND + popcount, zero-point terms at the edge) and QUANT.BP (its activation rows): the plane
 * layout on a hand-computed case, random planes against the plain integer product with accumulate, the counts, the
 * zero-point range, QUANT.BP's grid and planes by hand, and the refusal without bit-plane PEs in both the simulator
 * and the validator.
 */
class BitPlaneGemmTest {

  private final FunctionalModel model = new FunctionalModel();
  private final ActionCounters c = new ActionCounters();

  private static IsaTarget target(boolean bitPlane) {
    IsaTarget t = Machines.small().target();
    return new IsaTarget("bp", t.wgtBytes(), t.actBytes(), t.accBytes(), t.lutBytes(), t.vecBytes(), t.macRows(),
        t.macCols(), t.lut(), t.vectorLanes(), t.packings(), 2, 0, 0, false, 0, bitPlane);
  }

  @Test
  void handComputedTwoByTwoPlanes() {
    MachineState s = new MachineState(target(true));
    // P = Q = 2, k = 10 (two bytes per plane, six unused bits in the second).
    // Weight row 0: u_w = 1 2 3 0 1 2 3 0 1 2, z_w = 1: plane 0 = 0x55 0x01, plane 1 = 0x66 0x02; the unused bits of
    // plane 0's second byte are set (0xFD) and must be ignored.
    // Weight row 1: u_w = 3 3 0 0 1 1 2 2 3 0, z_w = 0: plane 0 = 0x33 0x01, plane 1 = 0xC3 0x01.
    Machines.putBytes(s, Buffer.WGT, 0, new byte[] {1, 0x55, (byte) 0xFD, 0x66, 0x02, 0, 0x33, 0x01, (byte) 0xC3,
        0x01});
    // Activation: u_x = 3 1 0 2 3 1 0 2 1 1, z_x = 2: plane 0 = 0x33 0x03, plane 1 = 0x99 0x00.
    Machines.putBytes(s, Buffer.ACT, 0, new byte[] {2, 0x33, 0x03, (byte) 0x99, 0x00});
    model.execute(new GemmBp(NO_DEPS, 0, 0, 0, 1, 2, 10, 2, 2, false), s, c);
    // row 0: (u_w - 1)(u_x - 2) = 0 - 1 - 4 + 0 + 0 - 1 - 4 + 0 + 0 - 1 = -11
    // row 1: u_w (u_x - 2)      = 3 - 3 + 0 + 0 + 1 - 1 - 4 + 0 - 3 + 0 = -7
    assertArrayEquals(new int[] {-11, -7}, Machines.acc(s, 0, 2));
    ActionCounts counts = c.snapshot();
    assertEquals(2 * 2 * 2 * 2, counts.bitPlane().andPopcounts()); // m n P Q ceil(10 / 8)
    assertEquals(2 * 2 * 2, counts.bitPlane().passAdds());
    assertEquals(3 * 2, counts.bitPlane().zeroPointMacs());
    assertEquals(10, counts.traffic().sramReadBytes(Buffer.WGT));
  }

  @Test
  void randomPlanesMatchThePlainIntegerProductAndAccumulate() {
    MachineState s = new MachineState(target(true));
    int m = 3;
    int n = 4;
    int k = 77;
    int p = 3;
    int q = 5;
    SplittableRandom r = new SplittableRandom(23);
    int[][] uw = new int[n][k];
    int[][] ux = new int[m][k];
    int[] zw = new int[n];
    int[] zx = new int[m];
    byte[] wgt = new byte[n * (int) GemmBp.rowBytes(p, k)];
    byte[] act = new byte[m * (int) GemmBp.rowBytes(q, k)];
    fill(r, uw, zw, p, wgt);
    fill(r, ux, zx, q, act);
    Machines.putBytes(s, Buffer.WGT, 0, wgt);
    Machines.putBytes(s, Buffer.ACT, 0, act);
    int[] expected = new int[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        for (int x = 0; x < k; x++) {
          expected[i * n + j] += (uw[j][x] - zw[j]) * (ux[i][x] - zx[i]);
        }
      }
    }
    model.execute(new GemmBp(NO_DEPS, 0, 0, 64, m, n, k, p, q, false), s, c);
    assertArrayEquals(expected, Machines.acc(s, 64, m * n));
    model.execute(new GemmBp(NO_DEPS, 0, 0, 64, m, n, k, p, q, true), s, c);
    for (int i = 0; i < expected.length; i++) {
      expected[i] *= 2;
    }
    assertArrayEquals(expected, Machines.acc(s, 64, m * n));
    assertEquals(2L * m * n * p * q * 10, c.snapshot().bitPlane().andPopcounts());
  }

  /** Random codes of {@code bits} bits and zero-points, written as GEMM.BP rows. */
  private static void fill(SplittableRandom r, int[][] u, int[] z, int bits, byte[] out) {
    int k = u[0].length;
    int rowBytes = (int) GemmBp.rowBytes(bits, k);
    int planeBytes = (k + 7) / 8;
    for (int row = 0; row < u.length; row++) {
      z[row] = r.nextInt(1 << bits);
      out[row * rowBytes] = (byte) z[row];
      for (int x = 0; x < k; x++) {
        u[row][x] = r.nextInt(1 << bits);
        for (int b = 0; b < bits; b++) {
          if (((u[row][x] >> b) & 1) != 0) {
            out[row * rowBytes + 1 + b * planeBytes + x / 8] |= (byte) (1 << (x % 8));
          }
        }
      }
    }
  }

  @Test
  void aZeroPointBeyondThePlanesIsAnError() {
    MachineState s = new MachineState(target(true));
    Machines.putBytes(s, Buffer.WGT, 0, new byte[] {4, 0, 0}); // z_w = 4 with P = 2
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> model.execute(new GemmBp(NO_DEPS, 0, 0, 0, 1, 1, 8, 2, 2, false), s, c));
    assertTrue(e.getMessage().contains("zero-point 4, outside the 2-plane code range [0, 3]"), e.getMessage());
  }

  @Test
  void simulatorAndValidatorBothRefuseGemmBpWithoutBitPlanePes() {
    GemmBp g = new GemmBp(NO_DEPS, 0, 0, 0, 1, 1, 8, 2, 2, false);
    IllegalStateException sim = assertThrows(IllegalStateException.class,
        () -> model.execute(g, new MachineState(target(false)), c));
    assertTrue(sim.getMessage().contains("mac_array.bit_plane"), sim.getMessage());
    var report = Validator.validate(List.of(g, new Finish(NO_DEPS)), target(false));
    assertTrue(!report.ok() && report.findings().toString().contains("mac_array.bit_plane: true"),
        report.findings().toString());
    assertTrue(Validator.validate(List.of(g, new Finish(NO_DEPS)), target(true)).ok());
  }

  @Test
  void quantBpFitsTheAsymmetricGridAndWritesPlanes() {
    MachineState s = new MachineState(target(true));
    // Row 0: -1, 0, 2, 0.5 with Q = 2: lo = -1, hi = 2, step = fp16(3 / 3) = 1, z = rint(1 / 1) = 1,
    // u = rint(v) + 1 = 0, 1, 3, 1 (rint(0.5) = 0, half to even): plane 0 = 0b1110, plane 1 = 0b0100.
    // Row 1: all zero: step 0, z = 0, every code 0.
    float[] x = {-1f, 0f, 2f, 0.5f, 0f, 0f, 0f, 0f};
    byte[] vec = s.buffer(Buffer.VEC).bytes();
    for (int i = 0; i < x.length; i++) {
      LittleEndian.setFp32(vec, 4 * i, x[i]);
    }
    model.execute(new QuantBp(NO_DEPS, 16, 0, 256, 2, 4, 2), s, c);
    byte[] act = new byte[6];
    System.arraycopy(s.buffer(Buffer.ACT).bytes(), 16, act, 0, 6);
    assertArrayEquals(new byte[] {1, 0x0E, 0x04, 0, 0, 0}, act);
    assertEquals(1f, LittleEndian.getFp32(vec, 256));
    assertEquals(0f, LittleEndian.getFp32(vec, 260));
  }
}
