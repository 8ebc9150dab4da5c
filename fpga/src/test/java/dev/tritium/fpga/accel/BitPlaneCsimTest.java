package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmBp;
import dev.tritium.isa.Load;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.Store;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.fit.FpgaPart;
import dev.tritium.simulator.memory.DramImage;
import dev.tritium.simulator.memory.MachineState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GEMM.BP and QUANT.BP in the generated accelerator on a hand-assembled program the abq lowering does not emit: random
 * 3-plane weights on 5-plane activations over k = 77 (a partial last plane byte whose unused bits are set), more
 * outputs than the array's columns, an activation row stride and an accumulate; then QUANT.BP of random fp32 rows
 * (Q = 3) and a GEMM.BP on its planes: csim's final DRAM image (the int32 sums, the planes and steps) equals the Java
 * functional simulator's byte for byte, and the first sums equal a direct loop here; a flipped weight plane bit fails.
 */
class BitPlaneCsimTest {

  static final ArchConfig ARCH = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-bit-plane.yaml"));

  @TempDir Path dir;

  /** Random codes and zero-points as GEMM.BP rows of {@code stride} bytes, the unused plane bits set. */
  private static byte[] rows(SplittableRandom rnd, int[][] u, int[] z, int bits, int k, int stride) {
    int kb = (k + 7) / 8;
    byte[] out = new byte[u.length * stride];
    for (int r = 0; r < u.length; r++) {
      z[r] = rnd.nextInt(1 << bits);
      out[r * stride] = (byte) z[r];
      for (int p = 0; p < bits; p++) {
        out[r * stride + 1 + p * kb + kb - 1] = (byte) 0xE0; // columns 77..79 do not exist
      }
      for (int i = 0; i < k; i++) {
        u[r][i] = rnd.nextInt(1 << bits);
        for (int p = 0; p < bits; p++) {
          if (((u[r][i] >> p) & 1) != 0) {
            out[r * stride + 1 + p * kb + i / 8] |= (byte) (1 << (i % 8));
          }
        }
      }
    }
    return out;
  }

  @Test
  void bitPlaneTilesAndQuantizationMatchTheSimulatorInCsim() throws Exception {
    SplittableRandom rnd = new SplittableRandom(43);
    int m = 3;
    int n = 70;
    int k = 77;
    int wRow = (int) GemmBp.rowBytes(3, k);
    int aStride = (int) GemmBp.rowBytes(5, k) + 7;
    int[][] uw = new int[n][k];
    int[] zw = new int[n];
    int[][] ux = new int[m][k];
    int[] zx = new int[m];
    byte[] w = rows(rnd, uw, zw, 3, k, wRow);
    byte[] a = rows(rnd, ux, zx, 5, k, aStride);
    ByteBuffer x = ByteBuffer.allocate(4 * m * k).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < m * k; i++) {
      x.putFloat((float) rnd.nextGaussian() * (i % 11 == 0 ? 6f : 1f));
    }
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    long dW = 0;
    long dA = 8192;
    long dX = 12288;
    long dAcc = 65536;
    long dAct = 98304;
    long dVec = 131072;
    dram.write(dW, w);
    dram.write(dA, a);
    dram.write(dX, x.array());
    int actQ = 4096;
    int acc1 = 4096;
    int vSteps = 2048;
    ProgramBuilder pb = new ProgramBuilder();
    pb.loads(List.of(new Load(Deps.NONE, Buffer.WGT, 0, dW, 1, w.length, w.length),
        new Load(Deps.NONE, Buffer.ACT, 0, dA, 1, a.length, a.length),
        new Load(Deps.NONE, Buffer.VEC, 0, dX, 1, 4 * m * k, 4L * m * k)));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, aStride));
    pb.add(new GemmBp(Deps.NONE, 0, 0, 0, m, n, k, 3, 5, false));
    pb.add(new GemmBp(Deps.NONE, 0, 0, 0, m, n, k, 3, 5, true));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
    pb.add(new QuantBp(Deps.NONE, actQ, 0, vSteps, m, k, 3));
    pb.add(new GemmBp(Deps.NONE, 0, actQ, acc1, m, n, k, 3, 3, false));
    pb.stores(List.of(new Store(Deps.NONE, Buffer.ACC, 0, dAcc, 1, 8192, 8192),
        new Store(Deps.NONE, Buffer.ACT, actQ, dAct, 1, 256, 256),
        new Store(Deps.NONE, Buffer.VEC, vSteps, dVec, 1, 16, 16)));
    ProgramImages images = ProgramImages.simulate("GEMM.BP and QUANT.BP tiles", ARCH, pb.finish(), dram,
        List.of(new DramRange("weight planes", dW, w.length)),
        List.of(new DramRange("int32 sums", dAcc, 8192), new DramRange("activation planes", dAct, 256),
            new DramRange("steps", dVec, 16)));
    ByteBuffer acc = ByteBuffer.wrap(images.dramGolden(), (int) dAcc, 8192).slice().order(ByteOrder.LITTLE_ENDIAN);
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        int s = 0;
        for (int i = 0; i < k; i++) {
          s += (uw[r][i] - zw[r]) * (ux[t][i] - zx[t]);
        }
        assertEquals(2 * s, acc.getInt(4 * (t * n + r)), "[" + t + "][" + r + "]");
      }
    }
    Path out = dir.resolve("accel");
    AcceleratorProject.write(out, AcceleratorConfig.of(ARCH, FpgaPart.KV260), Optional.of(images));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    Path in = out.resolve("data").resolve("dram_in.bin");
    byte[] bytes = Files.readAllBytes(in);
    bytes[(int) dW + 1] ^= 0x01; // row 0, plane 0, column 0
    Files.write(in, bytes);
    AccelSim.Run flipped = AccelSim.make(out);
    assertTrue(flipped.exitCode() != 0, flipped.output());
  }
}
