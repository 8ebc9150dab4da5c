package dev.tritium.simulator.stats;

/**
 * One instruction queue.
 *
 * @param queue {@code load}, {@code compute} or {@code store}
 * @param instructions instructions it executed (macro expansions counted one by one)
 * @param queueFullCycles cycles the dispatcher could not hand the next instruction to this queue
 *     because it was full (which also holds back every later instruction of the other queues)
 */
public record QueueStats(String queue, long instructions, long queueFullCycles) {}
