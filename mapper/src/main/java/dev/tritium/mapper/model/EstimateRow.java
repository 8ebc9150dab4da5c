package dev.tritium.mapper.model;

/**
 * One report group of a model estimate (summed over all layers).
 *
 * @param group {@code q_proj} ... {@code down_proj}, {@code attention}, {@code norms}, {@code act_quant},
 *     {@code rope}, {@code ffn_act}, {@code residual}, {@code embedding}, {@code lm_head}
 * @param cycles simulated cycles charged to the group
 * @param energyPj dynamic energy of the group's counted actions (the priced {@link GroupRun}), pJ
 */
public record EstimateRow(String group, long cycles, double energyPj) {}
