package dev.tritium.mapper.model;

import dev.tritium.simulator.unit.host.HostTiming;

/**
 * A report group the mapper placed on the host CPU (the arch's {@code host.runs}): its roofline timing
 * instead of a simulated accelerator run.
 *
 * @param group the report group, e.g. {@code lm_head}
 * @param timing the host's time, DRAM bytes and bound for the whole call
 */
public record HostRun(String group, HostTiming timing) {}
