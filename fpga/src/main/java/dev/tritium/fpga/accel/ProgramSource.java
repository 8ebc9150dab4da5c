package dev.tritium.fpga.accel;

import dev.tritium.common.io.InputFiles;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.isa.encoding.ProgramBinary;
import dev.tritium.mapper.bitlinear.AcceleratorFormats;
import dev.tritium.mapper.bitlinear.BitLinearShape;
import dev.tritium.mapper.crosscheck.BitLinearCase;
import dev.tritium.mapper.decoder.DecoderCrossCheck;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.mapper.graph.LayerShape;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.ArchConfig;
import java.nio.file.Path;
import java.util.Optional;

/** Where an accelerator export's program comes from; {@link #images} compiles or reads it and runs the golden. */
public sealed interface ProgramSource {

  /** The program, its DRAM image and the Java simulator's final image, for {@code arch}. */
  ProgramImages images(ArchConfig arch);

  /** A program binary, with a DRAM image read from address 0 (none: all zero). */
  record Binary(Path program, Optional<Path> dram) implements ProgramSource {
    @Override
    public ProgramImages images(ArchConfig arch) {
      byte[] p = InputFiles.bytes(program, "program binary", ProgramBinary.MAX_BYTES);
      byte[] d = dram.isPresent() ? InputFiles.bytes(dram.get(), "DRAM image", ProgramImages.MAX_DRAM_BYTES)
          : new byte[0];
      try {
        return AcceleratorPrograms.binary(arch, program.getFileName().toString(), p, d);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(program + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * The model's q_proj as one projection (K = hidden, N = q_dim, each / scaleDown) over {@code tokens} tokens, in
   * {@code format}: a BitLinear (bitnet-b1.58, bitnet-w1) on {@code unit}, a format with fp16 activations on the
   * MAC array's sign-add path, an integer format (w8a8, atom-w4a4, spinquant-w4a4kv4) on the MAC array's integer
   * multipliers, abq-wpaq on its bit-plane PEs (or the LUT core's bit-plane tables with {@code unit} LUT), or the dense
   * fp16 baseline on the vector unit's GEMM.F16.
   *
   * @param scaleDown divides the model's widths (must divide hidden, FFN and head dims; 1 = full size)
   */
  record BitLinear(ModelConfig model, int scaleDown, int tokens, ComputeUnit unit, long seed, FormatPreset format)
      implements ProgramSource {

    /** A bitnet-b1.58 BitLinear. */
    public BitLinear(ModelConfig model, int scaleDown, int tokens, ComputeUnit unit, long seed) {
      this(model, scaleDown, tokens, unit, seed, new BitNetB158());
    }

    @Override
    public ProgramImages images(ArchConfig arch) {
      ModelConfig c = DecoderCrossCheck.reduced(model, scaleDown);
      if (tokens < 1) {
        throw new IllegalArgumentException("--tokens " + tokens + ": expected at least 1");
      }
      if (AcceleratorFormats.signAdd(format)) {
        return AcceleratorPrograms.signAdd(arch, format, tokens, c.hiddenSize(), c.qDim(), seed, unit);
      }
      if (AcceleratorFormats.quip(format)) {
        if (unit != ComputeUnit.MAC) {
          throw new IllegalArgumentException("--unit " + unit.name().toLowerCase(java.util.Locale.ROOT) + ": quip-w2"
              + " runs its codes on the MAC array (GEMM.Q2); expected --unit mac");
        }
        return AcceleratorPrograms.quip(arch, tokens, c.hiddenSize(), c.qDim(), seed);
      }
      if (AcceleratorFormats.integer(format)) {
        return AcceleratorPrograms.integer(arch, format, tokens, c.hiddenSize(), c.qDim(), seed);
      }
      if (AcceleratorFormats.bitPlane(format)) {
        // the MAC array's GEMM.BP, or with --unit lut the LUT core's bit-plane tables (refused naming the key)
        return unit == ComputeUnit.LUT ? AcceleratorPrograms.bitPlaneLut(arch, format, tokens, c.hiddenSize(), c.qDim(),
            seed) : AcceleratorPrograms.bitPlane(arch, format, tokens, c.hiddenSize(), c.qDim(), seed);
      }
      if (AcceleratorFormats.dense(format)) {
        return AcceleratorPrograms.dense(arch, format, tokens, c.hiddenSize(), c.qDim(), seed);
      }
      if (format instanceof BitNetB158) {
        return AcceleratorPrograms.bitLinear(arch, tokens, c.hiddenSize(), c.qDim(), unit, seed);
      }
      BitLinearCase bc = BitLinearCase.ofFormat("bitlinear", tokens, c.hiddenSize(), c.qDim(), seed, 1, format);
      return AcceleratorPrograms.bitLinear(arch, bc, AcceleratorPrograms.bitLinearMapping(arch,
          new BitLinearShape(tokens, c.hiddenSize(), c.qDim(), bc.alphabet()), unit), seed);
    }
  }

  /**
   * {@code layers} chained decoder layers: 1 for {@code --layer decoder}, more for {@code --layer model}.
   * With {@code prefillTokens} = 0 they decode one token at position {@code context} (that many keys already
   * in the KV cache); otherwise they prefill that many tokens from position 0.
   */
  record Decoder(ModelConfig model, int scaleDown, int context, int prefillTokens, int layers, ComputeUnit unit,
      long seed) implements ProgramSource {
    @Override
    public ProgramImages images(ArchConfig arch) {
      if (prefillTokens < 0) {
        throw new IllegalArgumentException("--prefill " + prefillTokens + ": expected at least 1 token");
      }
      if (prefillTokens == 0 && context < 1) {
        throw new IllegalArgumentException("--context " + context + ": expected at least 1 cached position");
      }
      if (layers < 1) {
        throw new IllegalArgumentException("--layers " + layers + ": expected at least 1");
      }
      LayerShape shape = prefillTokens > 0 ? LayerShape.prefill(prefillTokens) : LayerShape.decode(context);
      return AcceleratorPrograms.decoder(arch, DecoderCrossCheck.reduced(model, scaleDown), shape, layers, unit, seed);
    }
  }
}
