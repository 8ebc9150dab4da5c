package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Deps;
import dev.tritium.isa.Finish;
import dev.tritium.isa.Instruction;
import dev.tritium.isa.Load;
import dev.tritium.isa.Queue;
import dev.tritium.isa.Store;
import dev.tritium.isa.Sync;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
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
 * VEC.FWHT on csim and on the Java simulator: two seeded 2560-element rows in place (b = 512), one 6912-element row
 * (27 slices of 256) and two 12-element rows (b = 4) to another address; the final DRAM images are identical byte for
 * byte, every output equals the butterfly order evaluated here, and a flipped golden bit fails the comparison.
 */
class FwhtCsimTest {

  @TempDir Path tmp;

  @Test
  void transformsAreIdenticalOnCsimAndTheJavaSimulator() throws Exception {
    int[][] tiles = {{2, 2560}, {1, 6912}, {2, 12}};
    int[] src = new int[tiles.length];
    int[] dst = new int[tiles.length];
    int end = 0;
    for (int t = 0; t < tiles.length; t++) {
      src[t] = end;
      end += 4 * tiles[t][0] * tiles[t][1];
      dst[t] = t == 2 ? end : src[t];
      end += t == 2 ? 4 * tiles[t][0] * tiles[t][1] : 0;
    }
    int vecEnd = (end + 63) / 64 * 64;
    ByteBuffer vec = ByteBuffer.allocate(vecEnd).order(ByteOrder.LITTLE_ENDIAN);
    float[] fill = FloatFormatsCsimTest.gaussians(new SplittableRandom(31), vecEnd / 4);
    for (int i = 0; i < fill.length; i++) {
      vec.putInt(4 * i, Float.floatToRawIntBits(fill[i]));
    }
    long dOut = (vecEnd + 4095) / 4096 * 4096;
    Deps none = Deps.NONE;
    List<Instruction> p = new ArrayList<>();
    p.add(new Load(new Deps(false, false, false, true), Buffer.VEC, 0, 0, 1, vecEnd, vecEnd));
    p.add(new Sync(new Deps(true, false, false, false), Queue.COMPUTE));
    for (int t = 0; t < tiles.length; t++) {
      p.add(new Vec(none, VecOp.FWHT, dst[t], src[t], 0, tiles[t][0], tiles[t][1], 0));
    }
    p.add(new Sync(new Deps(false, false, false, true), Queue.COMPUTE));
    p.add(new Store(new Deps(true, false, true, false), Buffer.VEC, 0, dOut, 1, vecEnd, vecEnd));
    p.add(new Sync(new Deps(false, true, false, false), Queue.COMPUTE));
    p.add(new Finish(none));
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    dram.write(0, vec.array());
    dram.write(dOut, new byte[vecEnd]);
    ProgramImages images = ProgramImages.simulate("VEC.FWHT rows", FloatFormatsCsimTest.ARCH, p, dram,
        List.of(new DramRange("VEC operands", 0, vecEnd)), List.of(new DramRange("VEC after the run", dOut, vecEnd)));

    ByteBuffer out = ByteBuffer.wrap(images.dramGolden()).order(ByteOrder.LITTLE_ENDIAN);
    for (int t = 0; t < tiles.length; t++) {
      int len = tiles[t][1];
      for (int r = 0; r < tiles[t][0]; r++) {
        float[] row = new float[len];
        for (int j = 0; j < len; j++) {
          row[j] = vec.getFloat(src[t] + 4 * (r * len + j));
        }
        butterflies(row);
        for (int j = 0; j < len; j++) {
          assertEquals(Float.floatToRawIntBits(row[j]), out.getInt((int) dOut + dst[t] + 4 * (r * len + j)),
              "tile " + t + " row " + r + " element " + j);
        }
      }
    }

    Path dir = FloatFormatsCsimTest.export(tmp.resolve("fwht"), FloatFormatsCsimTest.ARCH, images);
    AccelSim.Run r = AccelSim.make(dir);
    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().contains("PASS: " + images.dramGolden().length + " bytes of DRAM identical"), r.output());
    assertArrayEquals(images.dramGolden(), Files.readAllBytes(dir.resolve("dram_out.bin")));

    long at = dOut + dst[2] + 4 * 5;
    byte[] mutant = images.dramGolden().clone();
    mutant[(int) at] ^= 1;
    Files.write(dir.resolve("golden_mutant.bin"), mutant);
    AccelSim.Run m = AccelSim.run(dir, List.of("./compare", "dram_out.bin", "golden_mutant.bin"));
    assertEquals(1, m.exitCode(), m.output());
    assertTrue(m.output().contains("first mismatch at byte offset " + at), m.output());
  }

  /** The butterfly order of isa/README.md, written here from the table. */
  private static void butterflies(float[] v) {
    int b = v.length & -v.length;
    for (int o = 0; o < v.length; o += b) {
      for (int h = 1; h < b; h *= 2) {
        for (int i = 0; i < b; i += 2 * h) {
          for (int j = o + i; j < o + i + h; j++) {
            float a = v[j];
            float c = v[j + h];
            v[j] = a + c;
            v[j + h] = a - c;
          }
        }
      }
    }
  }
}
