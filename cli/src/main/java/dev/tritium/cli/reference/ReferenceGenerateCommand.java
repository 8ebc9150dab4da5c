package dev.tritium.cli.reference;

import dev.tritium.models.config.ModelConfig;
import dev.tritium.models.config.ModelConfigs;
import dev.tritium.models.count.CountTable;
import dev.tritium.models.count.PackingSize;
import dev.tritium.models.count.StandardPackings;
import dev.tritium.models.format.KvCacheFormats;
import dev.tritium.models.generate.GreedyGeneration;
import dev.tritium.models.nn.KvStore;
import dev.tritium.models.kernel.ParallelLoop;
import dev.tritium.models.nn.BitNetModel;
import dev.tritium.models.synth.SyntheticWeights;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tritium reference generate}: synthetic weights, prefill, greedy decode, timing and op counts. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Prefill a seeded prompt and greedy-decode on seeded synthetic weights; print token ids, "
        + "timing and the op counts.")
public final class ReferenceGenerateCommand implements Callable<Integer> {

  @Option(names = "--model", defaultValue = "bitnet-b1.58-2b-4t",
      description = "Preset name or config.json path (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--tokens", defaultValue = "8", description = "New tokens to generate (default: ${DEFAULT-VALUE}).")
  int tokens;

  @Option(names = "--prompt-tokens", defaultValue = "8",
      description = "Length of the seeded prompt (default: ${DEFAULT-VALUE}).")
  int promptTokens;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of weights and prompt (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--zero-fraction", defaultValue = "0.31",
      description = "Fraction of zero ternary weights (default: ${DEFAULT-VALUE}).")
  double zeroFraction;

  @Option(names = "--threads", description = "Kernel threads (default: available processors).")
  Integer threads;

  @Option(names = "--packing", defaultValue = "2bit",
      description = "Packing whose weight bytes the table shows (default: ${DEFAULT-VALUE}).")
  String packing;

  @Option(names = "--kv-format", paramLabel = "fp32|fp16|int8|int4:group=G|intactkv:bits=B,pivots=N|help",
      defaultValue = "fp32", description = "How the KV cache stores keys and values: exact fp32 (default), or a "
      + "low-bit KV-cache format whose decoded values attention reads (--kv-format help lists them).")
  String kvFormat;

  @Option(names = "--counts-csv", description = "Also write the op and traffic counts (prefill and last decode "
      + "step, per kind, every field) to this CSV file.")
  Path countsCsv;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (kvFormat.equals("help")) {
      spec.commandLine().getOut().print(KvCacheFormats.help()
          + "  fp32 (the default here): the reference's exact values, 32 bits per value\n");
      spec.commandLine().getOut().flush();
      return 0;
    }
    KvStore kv = kvFormat.equals("fp32") ? KvStore.FP32 : KvCacheFormats.parse(kvFormat);
    ModelConfig config = ModelConfigs.resolve(model);
    if (tokens < 1) {
      throw new IllegalArgumentException("--tokens must be at least 1, got " + tokens);
    }
    // long: two ints near 2^31 must not wrap into a "valid" negative sum.
    if (promptTokens < 1 || (long) promptTokens + tokens > config.maxPositionEmbeddings()) {
      throw new IllegalArgumentException("--prompt-tokens + --tokens must be in [2, " + config.maxPositionEmbeddings()
          + "], got " + promptTokens + " + " + tokens);
    }
    if (StandardPackings.all().stream().noneMatch(p -> p.name().equals(packing))) {
      throw new IllegalArgumentException("--packing '" + packing + "' is unknown, expected one of: "
          + String.join(", ", StandardPackings.all().stream().map(p -> p.name()).toArray(String[]::new)));
    }
    PrintWriter out = spec.commandLine().getOut();
    try (ParallelLoop loop = threads == null ? ParallelLoop.perProcessor() : new ParallelLoop(threads)) {
      out.printf(Locale.ROOT, "model %s: %d layers, hidden %d, FFN %d, heads %d/%d, vocab %d, %s%n", config.name(),
          config.numLayers(), config.hiddenSize(), config.intermediateSize(), config.numHeads(), config.numKvHeads(),
          config.vocabSize(), config.activation().name().toLowerCase(Locale.ROOT));
      long t0 = System.nanoTime();
      BitNetModel m = new BitNetModel(SyntheticWeights.generate(config, seed, zeroFraction, loop));
      out.printf(Locale.ROOT, "synthetic weights: seed %d, zero fraction %.4f, %d threads, %.0f ms%n", seed,
          SyntheticWeights.effectiveZeroFraction(zeroFraction), loop.threads(), (System.nanoTime() - t0) / 1e6);
      out.flush();
      int[] prompt = GreedyGeneration.seededPrompt(promptTokens, config.vocabSize(), seed);
      out.printf(Locale.ROOT, "kv cache: %s, %d bytes per token per layer (keys and values)%n", kv.name(),
          2 * kv.storedBytes(config.kvDim(), promptTokens));
      GreedyGeneration.Result r = GreedyGeneration.run(m, prompt, tokens, loop, StandardPackings.all(), kv);
      out.println("prompt token ids:    " + Arrays.toString(r.prompt()));
      out.println("generated token ids: " + Arrays.toString(r.generated()));
      out.printf(Locale.ROOT, "prefill_ms %.1f (%d tokens)%n", r.prefillMs(), promptTokens);
      if (r.decodeMs().length > 0) {
        out.printf(Locale.ROOT, "decode_ms_per_token_median %.1f (%d steps), tokens_per_s %.2f%n", r.medianDecodeMs(),
            r.decodeMs().length, 1000.0 / r.medianDecodeMs());
        out.printf(Locale.ROOT, "decode_ms_per_token_mean %.1f (%d steps), tokens_per_s %.2f%n", r.meanDecodeMs(),
            r.decodeMs().length, 1000.0 / r.meanDecodeMs());
      }
      out.printf(Locale.ROOT, "%nop counts, prefill of %d tokens (ops; bytes):%n", promptTokens);
      out.print(CountTable.render(r.prefillCounts(), packing));
      if (r.lastDecodeCounts() != null) {
        out.printf(Locale.ROOT, "%nop counts, one decode step at context %d (ops; bytes):%n",
            promptTokens + tokens - 2);
        out.print(CountTable.render(r.lastDecodeCounts(), packing));
      }
      if (countsCsv != null) {
        List<String> names = StandardPackings.all().stream().map(PackingSize::name).collect(Collectors.toList());
        StringBuilder csv = new StringBuilder(CountTable.csvHeader(names));
        csv.append(CountTable.csvRows("prefill_" + promptTokens, r.prefillCounts(), names));
        if (r.lastDecodeCounts() != null) {
          csv.append(CountTable.csvRows("decode_at_" + (promptTokens + tokens - 2), r.lastDecodeCounts(), names));
        }
        Files.writeString(countsCsv, csv.toString());
        out.println("counts written to " + countsCsv);
      }
    }
    return 0;
  }
}
