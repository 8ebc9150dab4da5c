package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.FloatFormatsCsimTest.Sf;
import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.GemmSparse;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Packing;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.models.packing.WeightPackings;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random tiles of the fp32-activation GEMMs on csim and on the Java simulator: per seed, one GEMM.SF in each
 * MAC packing with random shape (up to 4 x 150 x 300), accumulate and row strides, then a GEMM.SP with a random
 * CSR block (empty rows, any column order, repeats) accumulating onto the last GEMM.SF's outputs, as a
 * salient-weight format adds its outliers. The final DRAM images are identical byte for byte, and every GEMM.SF
 * output equals the ISA's formula evaluated here from the test's own weights.
 */
class RandomFloatTilesCsimTest {

  @TempDir Path tmp;

  private static int alloc(int[] next, int bytes) {
    int at = next[0];
    next[0] = (next[0] + bytes + 63) / 64 * 64;
    return at;
  }

  @ParameterizedTest
  @ValueSource(longs = {101, 102, 103})
  void randomTilesAreIdentical(long seed) throws Exception {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Sf> tiles = new ArrayList<>();
    int wgt = 0;
    int[] next = {0};
    for (Packing p : List.of(Packing.TWO_BIT, Packing.BASE3, Packing.SIGN_BITS)) {
      int m = rnd.nextInt(1, 5);
      int n = rnd.nextInt(1, 151);
      int k = rnd.nextInt(1, 301);
      int actStride = rnd.nextBoolean() ? 0 : 4 * k + 4 * rnd.nextInt(1, 9);
      int outStride = rnd.nextBoolean() ? 0 : 4 * n + 4 * rnd.nextInt(1, 9);
      Sf s = new Sf(p, m, n, k, rnd.nextBoolean(), actStride, outStride,
          FloatFormatsCsimTest.ternary(rnd, n * k, p == Packing.SIGN_BITS));
      s.wgtAddr = wgt;
      wgt += (int) (n * p.packedRowBytes(k));
      s.actAddr = alloc(next, (m - 1) * s.actRowBytes() + 4 * k);
      s.outAddr = alloc(next, (m - 1) * s.outRowBytes() + 4 * n);
      tiles.add(s);
    }
    // GEMM.SP onto the SIGN_BITS tile's outputs, from its activations: m, n, k and strides of that tile
    Sf last = tiles.get(2);
    int[][][] rows = new int[last.n][][];
    int entries = 0;
    for (int j = 0; j < last.n; j++) {
      rows[j] = new int[rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1, 6)][];
      for (int e = 0; e < rows[j].length; e++) {
        rows[j][e] = new int[] {rnd.nextInt(last.k), rnd.nextInt(-128, 128)};
      }
      entries += rows[j].length;
    }
    int[] csr = FloatFormatsCsimTest.csrWords(rows);
    int csrAddr = alloc(next, 4 * csr.length);
    int vecEnd = next[0];

    ByteBuffer vec = ByteBuffer.allocate(vecEnd).order(ByteOrder.LITTLE_ENDIAN);
    float[] fill = FloatFormatsCsimTest.gaussians(rnd, vecEnd / 4);
    for (int i = 0; i < fill.length; i++) {
      vec.putInt(4 * i, Float.floatToRawIntBits(fill[i]));
    }
    for (int i = 0; i < csr.length; i++) {
      vec.putInt(csrAddr + 4 * i, csr[i]);
    }
    byte[] wgtIn = new byte[wgt];
    for (Sf s : tiles) {
      byte[] packed = WeightPackings.byName(s.packing.modelsName()).encode(s.weights, s.n, s.k);
      System.arraycopy(packed, 0, wgtIn, s.wgtAddr, packed.length);
    }
    long dWgt = (vecEnd + 4095) / 4096 * 4096;
    long dOut = (dWgt + wgt + 4095) / 4096 * 4096;

    Deps none = Deps.NONE;
    List<Instruction> p = new ArrayList<>();
    p.add(new Load(none, Buffer.VEC, 0, 0, 1, vecEnd, vecEnd));
    p.add(new Load(new Deps(false, false, false, true), Buffer.WGT, 0, dWgt, 1, wgt, wgt));
    p.add(new Sync(new Deps(true, false, false, false), Queue.COMPUTE));
    for (Sf s : tiles) {
      p.add(new Cfg(none, CfgReg.ACT_ROW_STRIDE_BYTES, s.actStride));
      p.add(new Cfg(none, CfgReg.ACC_ROW_STRIDE_BYTES, s.outStride));
      p.add(s.instruction());
    }
    p.add(new Cfg(none, CfgReg.SPARSE_ENTRIES, entries));
    p.add(new GemmSparse(none, csrAddr, last.actAddr, last.outAddr, last.m, last.n, last.k, true));
    p.add(new Sync(new Deps(false, false, false, true), Queue.COMPUTE));
    p.add(new Store(new Deps(true, false, true, false), Buffer.VEC, 0, dOut, 1, vecEnd, vecEnd));
    p.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    p.add(new Finish(none));

    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    dram.write(0, vec.array());
    dram.write(dWgt, wgtIn);
    dram.write(dOut, new byte[vecEnd]);
    ProgramImages images = ProgramImages.simulate("random fp32-activation tiles, seed " + seed,
        FloatFormatsCsimTest.ARCH, p, dram, List.of(new DramRange("VEC operands", 0, vecEnd)),
        List.of(new DramRange("VEC after the run", dOut, vecEnd)));

    // the GEMM.SF tiles before GEMM.SP (the first two keep their values; the last is checked through the SP sum)
    byte[] in = images.dramIn();
    byte[] out = images.dramGolden();
    ByteBuffer bin = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer bout = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    for (Sf s : tiles) {
      for (int t = 0; t < s.m; t++) {
        for (int j = 0; j < s.n; j++) {
          int at = s.outAddr + t * s.outRowBytes() + 4 * j;
          float sum = s.accumulate ? bin.getFloat(at) : 0f;
          for (int i = 0; i < s.k; i++) {
            float a = bin.getFloat(s.actAddr + t * s.actRowBytes() + 4 * i);
            int w = s.weights[j * s.k + i];
            sum = w > 0 ? sum + a : w < 0 ? sum - a : sum;
          }
          if (s == last) {
            for (int[] e : rows[j]) {
              sum = sum + (float) e[1] * bin.getFloat(s.actAddr + t * s.actRowBytes() + 4 * e[0]);
            }
          }
          assertEquals(Float.floatToRawIntBits(sum), bout.getInt((int) dOut + at),
              "seed " + seed + " " + s.packing + " [" + t + "][" + j + "]");
        }
      }
    }

    Path dir = tmp.resolve("random" + seed);
    FloatFormatsCsimTest.export(dir, FloatFormatsCsimTest.ARCH, images);
    AccelSim.Run r = AccelSim.make(dir);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("PASS: " + out.length + " bytes of DRAM identical"), r.output());
    assertArrayEquals(out, Files.readAllBytes(dir.resolve("dram_out.bin")));
  }
}
