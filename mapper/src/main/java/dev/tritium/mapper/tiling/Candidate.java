package dev.tritium.mapper.tiling;

import dev.tritium.mapper.bitlinear.Mapping;
import dev.tritium.mapper.bitlinear.SramLayout;

/** A legal mapping with its analytical estimate and objective score (lower is better). */
public record Candidate(Mapping mapping, SramLayout sram, Estimate estimate, double estimatedScore) {}
