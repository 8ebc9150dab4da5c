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
import dev.tritium.isa.LutBuildBp;
import dev.tritium.isa.LutGemmBp;
import dev.tritium.isa.QuantBp;
import dev.tritium.isa.Store;
import dev.tritium.mapper.program.ProgramBuilder;
import dev.tritium.simulator.config.ArchConfig;
import dev.tritium.simulator.config.ArchConfigs;
import dev.tritium.simulator.config.ArchKeys;
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
 * LUT.BUILD.BP, LUT.GEMM.BP and QUANT.BP's byte rows in the generated accelerator, on a hand-assembled program: QUANT.BP
 * (bytes, Q = 8) of random fp32 rows, then K = 77 in two chunks (k0 = 0 and 40, a code-row stride, g = 4 and g = 2)
 * of random 3-plane weights whose unused plane bits are set, accumulated into ACC, and a byte code row given by hand:
 * csim's final DRAM image (the int32 sums, the code bytes, the steps, the last tables) equals the Java functional
 * simulator's byte for byte, and the hand row's sums equal a direct loop here; a flipped weight plane bit fails.
 */
class LutBitPlaneCsimTest {

  static final ArchConfig ARCH = ArchKeys.with(ArchConfigs.preset("edge-fpga"), "lut_core.bit_plane", "true");

  @TempDir Path dir;

  /** Random codes and zero-points as GEMM.BP rows (dense), the unused plane bits set. */
  private static byte[] weightRows(SplittableRandom rnd, int[][] u, int[] z, int bits, int k) {
    int kb = (k + 7) / 8;
    int stride = 1 + bits * kb;
    byte[] out = new byte[u.length * stride];
    for (int r = 0; r < u.length; r++) {
      z[r] = rnd.nextInt(1 << bits);
      out[r * stride] = (byte) z[r];
      for (int p = 0; p < bits; p++) {
        out[r * stride + 1 + p * kb + kb - 1] = (byte) (0xFF << (8 - (8 * kb - k)));
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
  void bitPlaneTablesMatchTheSimulatorInCsim() throws Exception {
    SplittableRandom rnd = new SplittableRandom(47);
    int m = 3;
    int n = 70;
    int k = 77;
    int[][] uw = new int[n][k];
    int[] zw = new int[n];
    // the two K chunks' weight rows (columns 0..39 and 40..76), each a GEMM.BP row of its own k
    int[][] uw0 = new int[n][40];
    int[][] uw1 = new int[n][37];
    byte[] w0 = weightRows(rnd, uw0, zw, 3, 40);
    int[] zw1 = new int[n];
    byte[] w1 = weightRows(rnd, uw1, zw1, 3, 37);
    for (int r = 0; r < n; r++) {
      w1[r * (int) GemmBp.rowBytes(3, 37)] = (byte) zw[r]; // one zero-point per row
      System.arraycopy(uw0[r], 0, uw[r], 0, 40);
      System.arraycopy(uw1[r], 0, uw[r], 40, 37);
    }
    // the hand code row (token 3): z_x then 77 codes, at a row stride of 1 + k + 5
    int codeStride = 1 + k + 5;
    byte[] codes = new byte[codeStride];
    int zx = 131;
    int[] ux = new int[k];
    codes[0] = (byte) zx;
    for (int i = 0; i < k; i++) {
      ux[i] = rnd.nextInt(256);
      codes[1 + i] = (byte) ux[i];
    }
    ByteBuffer x = ByteBuffer.allocate(4 * m * k).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < m * k; i++) {
      x.putFloat((float) rnd.nextGaussian() * (i % 11 == 0 ? 6f : 1f));
    }
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    long dW0 = 0;
    long dW1 = 4096;
    long dCodes = 8192;
    long dX = 12288;
    long dAcc = 65536;
    long dAct = 98304;
    long dVec = 131072;
    long dLut = 163840;
    dram.write(dW0, w0);
    dram.write(dW1, w1);
    dram.write(dCodes, codes);
    dram.write(dX, x.array());
    int actQ = 4096;
    int vSteps = 2048;
    int accHand = 2048;
    ProgramBuilder pb = new ProgramBuilder();
    pb.loads(List.of(new Load(Deps.NONE, Buffer.WGT, 0, dW0, 1, w0.length, w0.length),
        new Load(Deps.NONE, Buffer.WGT, 4096, dW1, 1, w1.length, w1.length),
        new Load(Deps.NONE, Buffer.ACT, 0, dCodes, 1, codes.length, codes.length),
        new Load(Deps.NONE, Buffer.VEC, 0, dX, 1, 4 * m * k, 4L * m * k)));
    // QUANT.BP's byte rows for three tokens, their tables in two chunks (g = 4, then g = 2)
    pb.add(new QuantBp(Deps.NONE, actQ, 0, vSteps, m, k, 8, true));
    pb.add(new LutBuildBp(Deps.NONE, actQ, 0, m, 40, 0, 4));
    pb.add(new LutGemmBp(Deps.NONE, 0, 0, 0, m, n, 40, 3, 4, false));
    pb.add(new LutBuildBp(Deps.NONE, actQ, 0, m, 37, 40, 2));
    pb.add(new LutGemmBp(Deps.NONE, 4096, 0, 0, m, n, 37, 3, 2, true));
    // the hand row at its stride, g = 4 over the whole K needs the dense weight rows: chunked again as above
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, codeStride));
    pb.add(new LutBuildBp(Deps.NONE, 0, 0, 1, 40, 0, 4));
    pb.add(new LutGemmBp(Deps.NONE, 0, 0, accHand, 1, n, 40, 3, 4, false));
    pb.add(new LutBuildBp(Deps.NONE, 0, 0, 1, 37, 40, 4));
    pb.add(new LutGemmBp(Deps.NONE, 4096, 0, accHand, 1, n, 37, 3, 4, true));
    pb.stores(List.of(new Store(Deps.NONE, Buffer.ACC, 0, dAcc, 1, 4096, 4096),
        new Store(Deps.NONE, Buffer.ACT, actQ, dAct, 1, 256, 256),
        new Store(Deps.NONE, Buffer.VEC, vSteps, dVec, 1, 16, 16),
        new Store(Deps.NONE, Buffer.LUT, 0, dLut, 1, 320, 320)));
    ProgramImages images = ProgramImages.simulate("LUT.BUILD.BP and LUT.GEMM.BP", ARCH, pb.finish(), dram,
        List.of(new DramRange("weight planes", dW0, w0.length)),
        List.of(new DramRange("int32 sums", dAcc, 4096), new DramRange("code bytes", dAct, 256),
            new DramRange("steps", dVec, 16), new DramRange("tables", dLut, 320)));
    ByteBuffer acc = ByteBuffer.wrap(images.dramGolden(), (int) dAcc, 4096).slice().order(ByteOrder.LITTLE_ENDIAN);
    for (int r = 0; r < n; r++) {
      int s = 0;
      for (int i = 0; i < k; i++) {
        s += (uw[r][i] - zw[r]) * (ux[i] - zx);
      }
      assertEquals(s, acc.getInt(accHand + 4 * r), "[" + r + "]");
    }
    Path out = dir.resolve("accel");
    AcceleratorProject.write(out, AcceleratorConfig.of(ARCH, FpgaPart.KV260), Optional.of(images));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    Path in = out.resolve("data").resolve("dram_in.bin");
    byte[] bytes = Files.readAllBytes(in);
    bytes[(int) dW0 + 1] ^= 0x01; // row 0, plane 0, column 0
    Files.write(in, bytes);
    AccelSim.Run flipped = AccelSim.make(out);
    assertTrue(flipped.exitCode() != 0, flipped.output());
  }
}
