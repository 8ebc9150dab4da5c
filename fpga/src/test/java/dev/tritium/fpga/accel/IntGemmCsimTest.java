package dev.tritium.fpga.accel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tritium.fpga.accel.ProgramImages.DramRange;
import dev.tritium.isa.Buffer;
import dev.tritium.isa.Cfg;
import dev.tritium.isa.CfgReg;
import dev.tritium.isa.Deps;
import dev.tritium.isa.GemmIw;
import dev.tritium.isa.IntWidth;
import dev.tritium.isa.Load;
import dev.tritium.isa.Store;
import dev.tritium.isa.Vec;
import dev.tritium.isa.VecOp;
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
 * GEMM.IW and VEC.ACC_SCALE in the generated accelerator on a hand-assembled program the integer lowering does not
 * emit: int4 x int4 weights over an odd k (the last byte's high nibble unused), int8 weights on int4 activations
 * accumulating with an activation row stride, int4 weights on int8 activations, then ACC_SCALE with imm 0, 1 and 2:
 * csim's final DRAM image (the int32 sums and the fp32 outputs) equals the Java functional simulator's byte for byte,
 * and the int32 sums equal a direct loop here; a flipped weight nibble fails the comparison.
 */
class IntGemmCsimTest {

  static final ArchConfig ARCH = ArchConfigs.load(Path.of("..", "examples", "arch", "edge-fpga-int8-macs.yaml"));

  @TempDir Path dir;

  private static byte[] nibbles(int[] w, int n, int k) {
    int rowBytes = (k + 1) / 2;
    byte[] out = new byte[n * rowBytes];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < k; i++) {
        int nib = w[r * k + i] & 0xF;
        out[r * rowBytes + i / 2] |= (byte) ((i & 1) == 0 ? nib : nib << 4);
      }
    }
    return out;
  }

  @Test
  void intTilesAndScalesMatchTheSimulatorInCsim() throws Exception {
    SplittableRandom rnd = new SplittableRandom(41);
    int m = 3;
    int n = 70; // more than the 64 columns of the array
    int k = 37; // odd: the last int4 byte holds one weight
    int[] w4 = new int[n * k];
    int[] w8 = new int[n * k];
    for (int i = 0; i < w4.length; i++) {
      w4[i] = rnd.nextInt(-8, 8);
      w8[i] = rnd.nextInt(-128, 128);
    }
    int actStride = 48;
    byte[] a4 = new byte[m * actStride];
    byte[] a8 = new byte[m * k];
    for (int t = 0; t < m; t++) {
      for (int i = 0; i < k; i++) {
        a4[t * actStride + i] = (byte) rnd.nextInt(-8, 8);
        a8[t * k + i] = (byte) rnd.nextInt(-128, 128);
      }
    }
    byte[] w8bytes = new byte[n * k];
    for (int i = 0; i < w8.length; i++) {
      w8bytes[i] = (byte) w8[i];
    }
    byte[] w4bytes = nibbles(w4, n, k);
    ByteBuffer steps = ByteBuffer.allocate(4 * (n + m)).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n + m; i++) {
      steps.putFloat((float) (rnd.nextDouble(0.001, 0.1)));
    }
    DramImage dram = new DramImage(MachineState.DEFAULT_DRAM_BYTES);
    long dW4 = 0;
    long dW8 = 4096;
    long dA4 = 8192;
    long dA8 = 12288;
    long dSteps = 16384;
    long dAcc = 65536;
    long dOut = 131072;
    dram.write(dW4, w4bytes);
    dram.write(dW8, w8bytes);
    dram.write(dA4, a4);
    dram.write(dA8, a8);
    dram.write(dSteps, steps.array());
    int wgt4 = 0;
    int wgt8 = 4096;
    int act4 = 0;
    int act8 = 1024;
    int acc0 = 0;
    int acc1 = 4096;
    int vSteps = 0;
    int vOut0 = 4096;
    int vOut2 = 8192;
    ProgramBuilder pb = new ProgramBuilder();
    pb.loads(List.of(new Load(Deps.NONE, Buffer.WGT, wgt4, dW4, 1, w4bytes.length, w4bytes.length),
        new Load(Deps.NONE, Buffer.WGT, wgt8, dW8, 1, w8bytes.length, w8bytes.length),
        new Load(Deps.NONE, Buffer.ACT, act4, dA4, 1, a4.length, a4.length),
        new Load(Deps.NONE, Buffer.ACT, act8, dA8, 1, a8.length, a8.length),
        new Load(Deps.NONE, Buffer.VEC, vSteps, dSteps, 1, 4 * (n + m), 4L * (n + m))));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, actStride));
    pb.add(new GemmIw(Deps.NONE, wgt4, act4, acc0, m, n, k, IntWidth.INT4, IntWidth.INT4, false));
    pb.add(new GemmIw(Deps.NONE, wgt8, act4, acc0, m, n, k, IntWidth.INT8, IntWidth.INT4, true));
    pb.add(new Cfg(Deps.NONE, CfgReg.ACT_ROW_STRIDE_BYTES, 0));
    pb.add(new GemmIw(Deps.NONE, wgt4, act8, acc1, m, n, k, IntWidth.INT4, IntWidth.INT8, false));
    pb.add(new Vec(Deps.NONE, VecOp.ACC_SCALE, vOut0, acc0, vSteps, m, n, VecOp.ACC_SCALE_WRITE));
    pb.add(new Vec(Deps.NONE, VecOp.ACC_SCALE, vOut0, acc1, vSteps, m, n, VecOp.ACC_SCALE_ADD));
    pb.add(new Vec(Deps.NONE, VecOp.ACC_SCALE, vOut2, acc1, vSteps, m, n, VecOp.ACC_SCALE_DIVIDE));
    pb.stores(List.of(new Store(Deps.NONE, Buffer.ACC, acc0, dAcc, 1, 8192, 8192),
        new Store(Deps.NONE, Buffer.VEC, vOut0, dOut, 1, 8192, 8192)));
    ProgramImages images = ProgramImages.simulate("GEMM.IW and ACC_SCALE tiles", ARCH, pb.finish(), dram,
        List.of(new DramRange("int4 weights", dW4, w4bytes.length)),
        List.of(new DramRange("int32 sums", dAcc, 8192), new DramRange("fp32 outputs", dOut, 8192)));
    // The int32 sums against a direct loop: ACC tile 0 = W4 A4 + W8 A4, tile 1 = W4 A8.
    ByteBuffer acc = ByteBuffer.wrap(images.dramGolden(), (int) dAcc, 8192).slice().order(ByteOrder.LITTLE_ENDIAN);
    for (int t = 0; t < m; t++) {
      for (int r = 0; r < n; r++) {
        int s0 = 0;
        int s1 = 0;
        for (int i = 0; i < k; i++) {
          s0 += (w4[r * k + i] + w8[r * k + i]) * a4[t * actStride + i];
          s1 += w4[r * k + i] * a8[t * k + i];
        }
        assertEquals(s0, acc.getInt(4 * (t * n + r)), "tile 0 [" + t + "][" + r + "]");
        assertEquals(s1, acc.getInt(4096 + 4 * (t * n + r)), "tile 1 [" + t + "][" + r + "]");
      }
    }
    Path out = dir.resolve("accel");
    AcceleratorProject.write(out, AcceleratorConfig.of(ARCH, FpgaPart.KV260), Optional.of(images));
    AccelSim.Run run = AccelSim.make(out);
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("PASS"), run.output());
    Path in = out.resolve("data").resolve("dram_in.bin");
    byte[] bytes = Files.readAllBytes(in);
    bytes[(int) dW4 + 1] ^= 0x10; // weight 3 of row 0 (high nibble of byte 1)
    Files.write(in, bytes);
    AccelSim.Run flipped = AccelSim.make(out);
    assertTrue(flipped.exitCode() != 0, flipped.output());
  }
}
