package dev.tritium.simulator.unit;

/**
 * The estimated resources of one component of the design, with the cost model that produced them.
 *
 * @param component e.g. {@code mac_array}, {@code buffer.weight}
 * @param basis the per-unit model in words, e.g. {@code 2048 PEs x (32 + 1) LUT}
 */
public record ComponentCost(String component, FpgaResources resources, String basis) {}
