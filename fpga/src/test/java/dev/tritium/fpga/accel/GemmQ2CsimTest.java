package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmQ2;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GEMM.Q2 (QuIP's 2-bit codes) on csim and on the Java simulator: three tiles (3 x 70 x 37 across two column tiles;
 * 2 x 9 x 64 accumulating with both row strides set; 2 x 5 x 12 of fp32 specials: signed zeros, subnormals, values
 * whose 3a overflows), the final DRAM images identical byte for byte, every output equal to the ISA formula evaluated
 * here, a flipped code changing it, and a flipped golden bit failing the comparison.
 */
class GemmQ2CsimTest {

  @TempDir Path tmp;

  /** One tile: codes [n][k], zero points [n], and where its operands live. */
  private record Tile(int m, int n, int k, boolean accumulate, int actStride, int outStride, int[] z, int[] q,
      int wgtAddr, int actAddr, int outAddr) {
    int actRowBytes() {
      return actStride == 0 ? 4 * k : actStride;
    }

    int outRowBytes() {
      return outStride == 0 ? 4 * n : outStride;
    }

    GemmQ2 instruction() {
      return new GemmQ2(Deps.NONE, wgtAddr, actAddr, outAddr, m, n, k, accumulate);
    }
  }

  private static byte[] pack(Tile t) {
    int rowBytes = (int) GemmQ2.rowBytes(t.k);
    byte[] out = new byte[t.n * rowBytes];
    for (int r = 0; r < t.n; r++) {
      for (int f = 0; f <= t.k; f++) {
        int v = f == 0 ? t.z[r] : t.q[r * t.k + f - 1];
        out[r * rowBytes + f / 4] |= (byte) (v << (2 * (f % 4)));
      }
    }
    return out;
  }

  @Test
  void tilesAreIdenticalOnCsimAndTheJavaSimulator() throws Exception {
    SplittableRandom rnd = new SplittableRandom(41);
    int[][] shapes = {{3, 70, 37, 0}, {2, 9, 64, 1}, {2, 5, 12, 0}};
    List<Tile> tiles = new ArrayList<>();
    int wgt = 0;
    int vecAt = 0;
    for (int[] s : shapes) {
      int m = s[0];
      int n = s[1];
      int k = s[2];
      boolean acc = s[3] == 1;
      int actStride = acc ? 4 * k + 8 : 0;
      int outStride = acc ? 4 * n + 12 : 0;
      int[] z = new int[n];
      int[] q = new int[n * k];
      for (int r = 0; r < n; r++) {
        z[r] = rnd.nextInt(4);
      }
      for (int i = 0; i < q.length; i++) {
        q[i] = rnd.nextInt(4);
      }
      Tile t = new Tile(m, n, k, acc, actStride, outStride, z, q, wgt, vecAt, 0);
      int actBytes = (m - 1) * t.actRowBytes() + 4 * k;
      t = new Tile(m, n, k, acc, actStride, outStride, z, q, wgt, vecAt, (vecAt + actBytes + 63) / 64 * 64);
      vecAt = (t.outAddr + (m - 1) * t.outRowBytes() + 4 * n + 63) / 64 * 64;
      wgt += (int) (n * GemmQ2.rowBytes(k));
      tiles.add(t);
    }
    int vecEnd = vecAt;
    ByteBuffer vec = ByteBuffer.allocate(vecEnd).order(ByteOrder.LITTLE_ENDIAN);
    float[] fill = FloatFormatsCsimTest.gaussians(rnd, vecEnd / 4);
    for (int i = 0; i < fill.length; i++) {
      vec.putFloat(4 * i, fill[i]);
    }
    float[] specials = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 0x1p-126f, 1.5e38f, -1.5e38f, 1f + 0x1p-23f,
        Float.MAX_VALUE / 2, 3f, -7.25f, 1e-30f};
    Tile sp = tiles.get(2);
    for (int t = 0; t < sp.m; t++) {
      for (int i = 0; i < sp.k; i++) {
        vec.putFloat(sp.actAddr + t * sp.actRowBytes() + 4 * i, specials[(i + 5 * t) % specials.length]);
      }
    }
    byte[] wgtIn = new byte[wgt];
    for (Tile t : tiles) {
      byte[] packed = pack(t);
      System.arraycopy(packed, 0, wgtIn, t.wgtAddr, packed.length);
    }
    long dWgt = (vecEnd + 4095) / 4096 * 4096;
    long dOut = (dWgt + wgt + 4095) / 4096 * 4096;
    Deps none = Deps.NONE;
    List<Instruction> p = new ArrayList<>();
    p.add(new Load(none, Buffer.VEC, 0, 0, 1, vecEnd, vecEnd));
    p.add(new Load(new Deps(false, false, false, true), Buffer.WGT, 0, dWgt, 1, wgt, wgt));
    p.add(new Sync(new Deps(true, false, false, false), Queue.COMPUTE));
    for (Tile t : tiles) {
      p.add(new Cfg(none, CfgReg.ACT_ROW_STRIDE_BYTES, t.actStride));
      p.add(new Cfg(none, CfgReg.ACC_ROW_STRIDE_BYTES, t.outStride));
      p.add(t.instruction());
    }
    p.add(new Sync(new Deps(false, false, false, true), Queue.COMPUTE));
    p.add(new Store(new Deps(true, false, true, false), Buffer.VEC, 0, dOut, 1, vecEnd, vecEnd));
    p.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    p.add(new Finish(none));
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    dram.write(0, vec.array());
    dram.write(dWgt, wgtIn);
    dram.write(dOut, new byte[vecEnd]);
    ProgramImages images = ProgramImages.simulate("GEMM.Q2 tiles", FloatFormatsCsimTest.ARCH, p, dram,
        List.of(new DramRange("VEC operands", 0, vecEnd)), List.of(new DramRange("VEC after the run", dOut, vecEnd)));

    ByteBuffer out = ByteBuffer.wrap(images.dramGolden()).order(ByteOrder.LITTLE_ENDIAN);
    for (Tile t : tiles) {
      float[] formula = formula(t, vec, -1);
      for (int i = 0; i < formula.length; i++) {
        int at = (int) dOut + t.outAddr + (i / t.n) * t.outRowBytes() + 4 * (i % t.n);
        assertEquals(Float.floatToRawIntBits(formula[i]), out.getInt(at), "tile " + t.n + " output " + i);
      }
    }
    Tile first = tiles.get(0);
    assertNotEquals(Float.floatToRawIntBits(formula(first, vec, 17 * first.k + 3)[17]),
        out.getInt((int) dOut + first.outAddr + 4 * 17), "a flipped code must change its output");

    Path dir = FloatFormatsCsimTest.export(tmp.resolve("q2"), FloatFormatsCsimTest.ARCH, images);
    AccelSim.Run r = AccelSim.make(dir);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("PASS: " + images.dramGolden().length + " bytes of DRAM identical"), r.output());
    assertArrayEquals(images.dramGolden(), Files.readAllBytes(dir.resolve("dram_out.bin")));
    long at = dOut + first.outAddr + 4 * 17;
    byte[] mutant = images.dramGolden().clone();
    mutant[(int) at] ^= 1;
    Files.write(dir.resolve("golden_mutant.bin"), mutant);
    AccelSim.Run m = AccelSim.run(dir, List.of("./compare", "dram_out.bin", "golden_mutant.bin"));
    assertEquals(1, m.exitCode(), m.output());
    assertTrue(m.output().contains("first mismatch at byte offset " + at), m.output());
  }

  /** The ISA formula from the test's own codes (the code at {@code flip} with its low bit flipped, -1: none). */
  private static float[] formula(Tile t, ByteBuffer vec, int flip) {
    float[] y = new float[t.m * t.n];
    for (int tok = 0; tok < t.m; tok++) {
      for (int r = 0; r < t.n; r++) {
        float s = t.accumulate ? vec.getFloat(t.outAddr + tok * t.outRowBytes() + 4 * r) : 0f;
        for (int i = 0; i < t.k; i++) {
          int q = t.q[r * t.k + i] ^ (r * t.k + i == flip ? 1 : 0);
          s = s + (float) (q - t.z[r]) * vec.getFloat(t.actAddr + tok * t.actRowBytes() + 4 * i);
        }
        y[tok * t.n + r] = s;
      }
    }
    return y;
  }
}
