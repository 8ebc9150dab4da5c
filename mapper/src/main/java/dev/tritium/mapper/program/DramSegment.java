package dev.tritium.mapper.program;

/**
 * One region of a compiled layer's DRAM image (weights, scales, index blocks): what it holds, where it starts and its
 * bytes. The lowerings lay their data out as these, and the cross-checks and exports write them into a machine.
 */
public record DramSegment(String what, long addr, byte[] bytes) {}
