package dev.tritium.mapper.run;

import dev.tritium.models.count.LayerKind;
import dev.tritium.models.format.BitNetB158;
import dev.tritium.models.format.FormatPreset;
import dev.tritium.isa.ComputeUnit;
import dev.tritium.mapper.tiling.Objective;
import dev.tritium.models.config.ModelConfig;
import dev.tritium.simulator.config.ArchConfig;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@code tritium map} and {@code tritium crosscheck} ask a {@link LayerMapper} for.
 *
 * @param layer the layer name as typed ({@code q_proj}, ..., or a name another mapper registered)
 * @param prefill true for prefill of {@code tokens} tokens, false for decode of one token
 * @param tokens M, tokens of the call
 * @param context L, tokens already in the KV cache
 * @param units the compute units the mapping may use
 * @param reduce divide every model dimension by this (1 = full size; cross-check tests use 16)
 * @param format the weight format of the BitLinear layers (bitnet-b1.58 unless {@code --format} says otherwise)
 */
public record LayerRequest(ModelConfig model, ArchConfig arch, String layer, boolean prefill, int tokens, int context,
    Set<ComputeUnit> units, Objective objective, long seed, int reduce, FormatPreset format) {

  /** BitNet b1.58 weights. */
  public LayerRequest(ModelConfig model, ArchConfig arch, String layer, boolean prefill, int tokens, int context,
      Set<ComputeUnit> units, Objective objective, long seed, int reduce) {
    this(model, arch, layer, prefill, tokens, context, units, objective, seed, reduce, new BitNetB158());
  }

  public LayerRequest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(objective, "objective");
    if (units.isEmpty()) {
      throw new IllegalArgumentException("--unit: at least one compute unit is needed");
    }
    // Enum order (mac, then lut), so reports come out in a stable order.
    units = Collections.unmodifiableSet(EnumSet.copyOf(units));
    if (tokens < 1) {
      throw new IllegalArgumentException("--tokens: expected a positive token count, got " + tokens);
    }
    if (context < 0) {
      throw new IllegalArgumentException("--context: expected >= 0 cached tokens, got " + context);
    }
    if (reduce < 1) {
      throw new IllegalArgumentException("--reduce: expected a divisor >= 1, got " + reduce);
    }
  }

  /** Whether the layers are BitNet b1.58 (the synthetic ternary weights every figure was derived with). */
  public boolean ternaryDefault() {
    return format instanceof BitNetB158;
  }

  /** Projection {@code kind}'s output features (N) at this request's size. */
  public int outFeatures(LayerKind kind) {
    return scaled(kind.outFeatures(model()));
  }

  /** Projection {@code kind}'s input features (K) at this request's size. */
  public int inFeatures(LayerKind kind) {
    return scaled(kind.inFeatures(model()));
  }

  /** The projection's name in reports, with the scale-down when there is one ({@code q_proj/8}). */
  public String label(LayerKind kind) {
    return kind.label() + (reduce() > 1 ? "/" + reduce() : "");
  }

  /** A model dimension at this request's size. */
  public int scaled(int dim) {
    if (dim % reduce != 0) {
      throw new IllegalArgumentException("--reduce " + reduce + " does not divide the model dimension " + dim);
    }
    return dim / reduce;
  }
}
