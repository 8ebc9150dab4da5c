package dev.tritium.mapper.report;

import dev.tritium.mapper.run.SimulationResult;
import dev.tritium.simulator.energy.accounting.EnergyReport;

/**
 * One report group of a model call ({@code embedding}, {@code q_proj} ... {@code residual},
 * {@code final_norm}, {@code lm_head}): its standalone program simulated once (timing only), and its
 * energy for the whole call, i.e. the simulated counts times {@code repeats}.
 *
 * @param repeats how often the call runs it (the decoder layer count for layer groups, else 1)
 * @param run what one simulation of the group's program measured
 * @param energy the priced counts of all repeats (dynamic only; static energy is the call's)
 */
public record GroupRun(String group, int repeats, SimulationResult run, EnergyReport energy) {}
