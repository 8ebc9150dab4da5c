package dev.tritium.cli.bench;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.models.generate.ReferenceBenchmark;
import dev.tritium.models.kernel.AttentionValueKernels;
import dev.tritium.models.kernel.Bf16Kernels;
import dev.tritium.models.kernel.TernaryKernels;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.kernel.StreamReadKernels;
import dev.tritium.models.nn.BitNetModel;
import dev.tritium.models.synth.SyntheticWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tritium bench reference}: ternary GEMV on the 2B-4T shapes vs measured memory bandwidth, and a decode token. */
@Command(
    name = "reference",
    mixinStandardHelpOptions = true,
    description = "Ternary GEMV speed on the bitnet-b1.58-2B-4T shapes (G ternary-MAC/s, weight GB/s, ratio to "
        + "this machine's measured memory bandwidth) and the median full decode-token time, with the LM-head kernel "
        + "that ran (vector, or scalar and why; TRITIUM_JAVA_OPTS=\"-Xmx8g -Dtritium.simd=off\" forces scalar).")
public final class BenchReferenceCommand implements Callable<Integer> {

  @Option(names = "--reps", defaultValue = "7", description = "Timed repetitions per figure (default: ${DEFAULT-VALUE}).")
  int reps;

  // 20, not 3: with 3 warm-ups C2 was still compiling (the Vector API kernel's methods, DecoderLayer.run at tier 3)
  // during the timed decode repetitions, and on two cores the compiler thread took time from the kernel threads:
  // the vector runs' ternary GEMVs measured slower than the scalar runs' in 9 of 10 interleaved pairs, and in 3 of 4
  // with 10 warm-ups; with 12 and 30 they were within 6 % (models/README.md, 2026-12-07).
  @Option(names = "--warmups", defaultValue = "20", description = "Untimed warm-up repetitions (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Option(names = "--stream-mib", defaultValue = "512",
      description = "Distinct weights per shape cycled so they stream from DRAM, MiB (default: ${DEFAULT-VALUE}).")
  long streamMib;

  @Option(names = "--model", defaultValue = "bitnet-b1.58-2b-4t",
      description = "Model of the decode-token figure (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--skip-decode", description = "Only the GEMV and bandwidth figures.")
  boolean skipDecode;

  @Option(names = "--threads", description = "Kernel threads (default: available processors).")
  Integer threads;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (reps < 1 || warmups < 0 || streamMib < 1) {
      throw new IllegalArgumentException("--reps must be >= 1, --warmups >= 0 and --stream-mib >= 1");
    }
    ModelConfig config = ModelConfigs.resolve(model);
    PrintWriter out = spec.commandLine().getOut();
    try (ParallelLoop loop = threads == null ? ParallelLoop.perProcessor() : new ParallelLoop(threads)) {
      out.println(lmHeadKernelLine());
      out.println(ternaryKernelLine());
      out.println(attentionKernelLine());
      StreamProbe.Pair probes = StreamProbe.measureInterleaved(1L << 30, reps, loop);
      double javaBw = probes.javaGBps();
      out.printf(Locale.ROOT, "memory bandwidth (streaming read, 1 GiB, %d threads, median of %d passes in blocks"
          + " interleaved with the C probe's): Java probe (%s) %.2f GB/s%n", loop.threads(), 2 * ((reps + 1) / 2),
          StreamReadKernels.selection().kernel().description(), javaBw);
      out.flush();
      StreamProbe.Result c = probes.c();
      double bw = javaBw;
      if (c.medianGBps().isPresent()) {
        bw = c.medianGBps().get();
        out.printf(Locale.ROOT, "  C probe (%s, same size, threads and runs): %.2f GB/s; Java/C = %.2f%s%n", c.how(),
            bw, javaBw / bw, Math.abs(javaBw / bw - 1) > 0.10 ? " (MORE THAN 10% APART: the machine is busy or the "
                + "probes disagree; rerun on an idle machine)" : "");
        out.println("  every ratio below is to the C probe's figure");
      } else {
        out.println("  C probe unavailable (" + c.how() + "); ratios below are to the Java probe");
      }
      out.printf(Locale.ROOT, "%-11s %12s %14s %16s %14s %14s %18s%n", "shape NxK", "weight_bytes", "streamed_ms",
          "streamed_GMACps", "weight_GBps", "ratio_to_bw", "cache_hot_GMACps");
      out.flush();
      for (int[] s : ReferenceBenchmark.SHAPES_2B4T) {
        ReferenceBenchmark.GemvResult r = ReferenceBenchmark.gemv(s[0], s[1], streamMib << 20, warmups, reps, loop);
        out.printf(Locale.ROOT, "%-11s %12d %14.3f %16.2f %14.2f %14.2f %18.2f%n", s[0] + "x" + s[1], r.weightBytes(),
            r.streamedMs(), r.streamedGmacPerS(), r.streamedWeightGBps(), r.streamedWeightGBps() / bw,
            r.cachedGmacPerS());
        out.flush();
      }
      out.println("(weight_bytes in the layout above; one ternary MAC = one weight x activation pair)");
      if (!skipDecode) {
        BitNetModel m = new BitNetModel(
            SyntheticWeights.generate(config, 42, SyntheticWeights.DEFAULT_ZERO_FRACTION, loop));
        ReferenceBenchmark.DecodeBreakdown d;
        String how;
        try (StreamProbe.OnePass probe = StreamProbe.onePass(1L << 30, loop)) {
          d = ReferenceBenchmark.decodeBreakdown(m, 8, warmups, reps, loop, probe);
          how = probe.how();
        }
        double dbw = d.bandwidthGBps();
        out.printf(Locale.ROOT, "decode token, %s, context 8+, median of %d tokens in a row: %.1f ms (%.2f tokens/s)%n",
            config.name(), reps, d.tokenMs(), 1000 / d.tokenMs());
        out.printf(Locale.ROOT, "  where the time goes: ternary GEMVs %.1f ms, LM head (bf16, fp32 sums, %s kernel) "
            + "%.1f ms, everything else %.1f ms%n", d.ternaryGemvMs(), kernelName(),
            d.lmHeadMs(), d.otherMs());
        out.printf(Locale.ROOT, "  bandwidth in the same minutes: %.2f GB/s (%s before the tokens, between them and the"
            + " parts and after the parts, median of 3); the ratios below are to it%n", dbw, how);
        out.printf(Locale.ROOT, "  weight streams: ternary %.1f MB at %.2f GB/s (%.2f of bandwidth), LM head %.1f MB "
            + "at %.2f GB/s (%.2f); floor of both at that bandwidth %.1f ms%n", d.ternaryWeightBytes() / 1e6,
            d.ternaryGemvGBps(), d.ternaryGemvGBps() / dbw, d.lmHeadBytes() / 1e6, d.lmHeadGBps(), d.lmHeadGBps() / dbw,
            d.weightStreamFloorMs(dbw));
        out.printf(Locale.ROOT, "  the token: %.1f MB of weights in %.1f ms = %.2f GB/s, %.2f of that bandwidth%n",
            (d.ternaryWeightBytes() + d.lmHeadBytes()) / 1e6, d.tokenMs(), d.tokenWeightGBps(),
            d.tokenWeightGBps() / dbw);
        out.flush();
        ReferenceBenchmark.DecodeRuns runs = ReferenceBenchmark.decodeRuns(m, DECODE_RUN_TOKENS, DECODE_RUNS, loop);
        StringBuilder means = new StringBuilder();
        for (double ms : runs.meanMs()) {
          means.append(means.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", ms));
        }
        out.printf(Locale.ROOT, "decode runs as llama-bench -n %d times them (a fresh cache, %d tokens in a row from"
            + " context 2, after one untimed run): mean per token %s ms; median of the %d runs %.1f ms (%.2f"
            + " tokens/s)%n", runs.tokens(), runs.tokens(), means, runs.meanMs().length, runs.medianMs(),
            1000 / runs.medianMs());
      }
    }
    return 0;
  }

  /** Tokens per decode run and timed runs: llama-bench's tg64, three times (about 10 s for the 2B-4T model). */
  private static final int DECODE_RUN_TOKENS = 64;
  private static final int DECODE_RUNS = 3;

  /** The selected kernel's first word: vector or scalar. */
  private static String kernelName() {
    String d = Bf16Kernels.selected().description();
    int space = d.indexOf(' ');
    return space < 0 ? d : d.substring(0, space);
  }

  /** Which ternary GEMV kernel and weight layout run in this JVM, and why. */
  static String ternaryKernelLine() {
    return "ternary GEMV kernel: " + TernaryKernels.description();
  }

  /** Which kernel runs attention's value sum in this JVM, and why. */
  static String attentionKernelLine() {
    return "attention value-sum kernel: " + AttentionValueKernels.selection().kernel().description() + " ("
        + AttentionValueKernels.selection().reason() + ")";
  }

  /** Which LM-head kernel runs in this JVM and why (the scalar one names what is missing or forced it). */
  static String lmHeadKernelLine() {
    return "LM head kernel: " + Bf16Kernels.selected().description() + " (" + Bf16Kernels.selectionReason() + ")";
  }
}
