package dev.tritium.fpga.accel;

/** The load, compute and store modules, the token handshake, the scheduler and the top function. Kept as C text so that the generated file reads as written. */
final class TopSource {

  private TopSource() {}

  /** accel.h: the top function's prototype, the result codes and the counters. */
  static final String HEADER = """
/* accel.h: the Tritium accelerator's top function and counters. */
#ifndef ACCEL_H
#define ACCEL_H

#include <stdint.h>
#include "accel_config.h"

/* Result of accel_top. */
#define ACCEL_OK 0
#define ACCEL_ERR_DECODE 3   /* an instruction word the ISA does not define */
#define ACCEL_ERR_EXEC 4     /* an operand outside its buffer, a bad weight code, an unset register */
#define ACCEL_ERR_DEADLOCK 5 /* no module can make progress, or the step budget ran out */

/* Instructions each module executed (LOOP.GEMM counted once per expanded instruction). */
typedef struct {
  uint64_t fetched;      /* program words read */
  uint64_t dispatched;   /* instructions pushed into the three command queues */
  uint64_t load;
  uint64_t compute;
  uint64_t store;
  uint64_t steps;        /* scheduler rounds */
} accel_counters_t;

int accel_top(uint32_t insn_count, const uint8_t *insns, uint8_t *dram, uint64_t dram_bytes,
    uint64_t step_budget, accel_counters_t *counters);

/* The message of the last failure ("" after success). */
const char *accel_message(void);

#endif
""";

  /** Modules, deadlock report and accel_top; @@...@@ marks are filled by AcceleratorEmitter. */
  static final String TOP = """

/* ---- the three execution modules: each runs its queue in order, tokens gate the start ---- */

/* Why a module did not run its head instruction: the token queue it waits on, or -1. */
static int waiting_on[3];
static int finished;

/* Pops the instruction's tokens if all are there; otherwise records the first missing one. */
static int take_tokens(unsigned q, const uint8_t w[16])
{
  int need_prev = (int) FIELD(w, TRITIUM_ISA_POP_PREV);
  int need_next = (int) FIELD(w, TRITIUM_ISA_POP_NEXT);
  int prev_t = q == Q_COMPUTE ? (int) T_LOAD_TO_COMPUTE : (int) T_COMPUTE_TO_STORE;
  int next_t = q == Q_LOAD ? (int) T_COMPUTE_TO_LOAD : (int) T_STORE_TO_COMPUTE;
  if (need_prev && !token_ready((unsigned) prev_t)) {
    waiting_on[q] = prev_t;
    return 0;
  }
  if (need_next && !token_ready((unsigned) next_t)) {
    waiting_on[q] = next_t;
    return 0;
  }
  if (need_prev) {
    token_pop((unsigned) prev_t);
  }
  if (need_next) {
    token_pop((unsigned) next_t);
  }
  waiting_on[q] = -1;
  return 1;
}

static void give_tokens(unsigned q, const uint8_t w[16])
{
  if (FIELD(w, TRITIUM_ISA_PUSH_PREV)) {
    token_push(q == Q_COMPUTE ? T_COMPUTE_TO_LOAD : T_STORE_TO_COMPUTE);
  }
  if (FIELD(w, TRITIUM_ISA_PUSH_NEXT)) {
    token_push(q == Q_LOAD ? T_LOAD_TO_COMPUTE : T_COMPUTE_TO_STORE);
  }
}

/* Prefixes a failure inside an instruction with the instruction, as the simulator does. */
static void name_failure(const accel_cmd_t *c)
{
#ifndef __SYNTHESIS__
  char head[96];
  char rest[400];
  describe(c, head, sizeof head);
  memcpy(rest, message, sizeof rest - 1u);
  rest[sizeof rest - 1u] = '\\0';
  snprintf(message, sizeof message, "instruction %s: %s", head, rest);
#else
  (void) c;
#endif
}

static void exec_compute(const uint8_t w[16])
{
  switch ((unsigned) FIELD(w, TRITIUM_ISA_OPCODE)) {
    case TRITIUM_ISA_OP_GEMM_T: exec_gemm_t(w); break;
    case TRITIUM_ISA_OP_LUT_BUILD: exec_lut_build(w); break;
    case TRITIUM_ISA_OP_LUT_GEMM: exec_lut_gemm(w); break;
    case TRITIUM_ISA_OP_GEMM_I8: exec_gemm_i8(w); break;
    case TRITIUM_ISA_OP_VEC: exec_vec(w); break;
    case TRITIUM_ISA_OP_CFG:
      cfg_regs[FIELD(w, TRITIUM_ISA_CFG_REG)] = (uint32_t) FIELD(w, TRITIUM_ISA_CFG_VALUE);
      break;
    case TRITIUM_ISA_OP_FINISH: finished = 1; break;
    default: break; /* SYNC: tokens only */
  }
}

/* One step of module q: runs its head instruction if its tokens are there. Returns 1 on progress. */
static int module_step(unsigned q, accel_counters_t *counters)
{
  const accel_cmd_t *c = cmd_peek(q);
  unsigned op;
  waiting_on[q] = -1;
  if (c == 0 || (q == Q_COMPUTE && finished) || !take_tokens(q, c->word)) {
    return 0;
  }
  op = (unsigned) FIELD(c->word, TRITIUM_ISA_OPCODE);
  if (q == Q_LOAD && op == TRITIUM_ISA_OP_LOAD) {
    exec_load(c->word);
  } else if (q == Q_STORE && op == TRITIUM_ISA_OP_STORE) {
    exec_store(c->word);
  } else if (q == Q_COMPUTE) {
    exec_compute(c->word);
  }
  if (status != ACCEL_OK) {
    name_failure(c);
    return 0;
  }
  give_tokens(q, c->word);
  if (q == Q_LOAD) {
    counters->load++;
  } else if (q == Q_COMPUTE) {
    counters->compute++;
  } else {
    counters->store++;
  }
  cmd_pop(q);
  return 1;
}

/* Names every stuck module, the instruction at its head and the token it waits for. */
static void report_deadlock(void)
{
#ifndef __SYNTHESIS__
  char text[512];
  size_t used = 0u;
  unsigned q;
  text[0] = '\\0';
  for (q = 0u; q < 3u; ++q) {
    const accel_cmd_t *c = cmd_peek(q);
    char head[96];
    if (c == 0) {
      used += (size_t) snprintf(text + used, sizeof text - used, "%s%s queue empty", used ? "; " : "", QUEUE_NAMES[q]);
    } else {
      describe(c, head, sizeof head);
      used += (size_t) snprintf(text + used, sizeof text - used, "%s%s %s waiting on %s token", used ? "; " : "",
          QUEUE_NAMES[q], head, waiting_on[q] >= 0 ? TOKEN_NAMES[waiting_on[q]] : "(none)");
    }
    if (used >= sizeof text) {
      used = sizeof text - 1u;
    }
  }
  if (fe.stalled_on >= 0) {
    snprintf(text + used, sizeof text - used, "; fetch stalled before #%u: %s queue full (capacity %u)",
        (unsigned) fe.pc, QUEUE_NAMES[fe.stalled_on], (unsigned) ACCEL_CMD_QUEUE_DEPTH);
  }
  fail(ACCEL_ERR_DEADLOCK, "deadlock: %s", text);
#else
  fail(ACCEL_ERR_DEADLOCK, "deadlock");
#endif
}

static void reset(uint32_t insn_count, const uint8_t *insns, uint8_t *dram, uint64_t dram_bytes)
{
  memset(&fe, 0, sizeof fe);
  fe.insns = insns;
  fe.count = insn_count;
  fe.pending.index = 0xffffffffu;
  fe.stalled_on = -1;
  memset(cmd_queues, 0, sizeof cmd_queues);
  memset(token_queues, 0, sizeof token_queues);
  memset(cfg_regs, 0, sizeof cfg_regs);
  memset(wgt_mem, 0, sizeof wgt_mem);
  memset(act_mem, 0, sizeof act_mem);
  memset(acc_mem, 0, sizeof acc_mem);
  memset(lut_mem, 0, sizeof lut_mem);
  memset(vec_mem, 0, sizeof vec_mem);
  dram_mem = dram;
  dram_size = dram_bytes;
  status = ACCEL_OK;
  message[0] = '\\0';
  finished = 0;
}

/*
 * The accelerator. In C simulation the four modules (fetch, load, compute, store) run as a cooperative
 * round-robin: each step runs at most one instruction per module, and a round in which none can move
 * is a deadlock, reported with every module's head instruction and the token it waits for. Under
 * synthesis the same four functions are the processes of the dataflow region.
 */
int accel_top(uint32_t insn_count, const uint8_t *insns, uint8_t *dram, uint64_t dram_bytes,
    uint64_t step_budget, accel_counters_t *counters)
{
  HLS(interface m_axi port=insns offset=slave bundle=ins_port)
  HLS(interface m_axi port=dram offset=slave bundle=data_port)
  HLS(interface s_axilite port=insn_count bundle=control)
  HLS(interface s_axilite port=dram_bytes bundle=control)
  HLS(interface s_axilite port=step_budget bundle=control)
  HLS(interface s_axilite port=return bundle=control)
@@STORAGE_PRAGMAS@@
  HLS(stream variable=cmd_queues depth=@@CMD_DEPTH@@)
  HLS(array_partition variable=token_queues complete dim=0)
  memset(counters, 0, sizeof *counters);
  reset(insn_count, insns, dram, dram_bytes);
  while (status == ACCEL_OK) {
    int progress;
    HLS(dataflow)
    if (finished && fetch_done() && cmd_peek(Q_LOAD) == 0 && cmd_peek(Q_STORE) == 0) {
      break;
    }
    if (counters->steps >= step_budget) {
      fail(ACCEL_ERR_DEADLOCK, "step budget of %llu scheduler rounds exhausted (%llu load, %llu compute, %llu store"
          " instructions run)", (unsigned long long) step_budget, (unsigned long long) counters->load,
          (unsigned long long) counters->compute, (unsigned long long) counters->store);
      break;
    }
    counters->steps++;
    progress = fetch_step(counters);
    progress |= module_step(Q_LOAD, counters);
    progress |= module_step(Q_COMPUTE, counters);
    progress |= module_step(Q_STORE, counters);
    if (status != ACCEL_OK) {
      break;
    }
    if (!progress) {
      if (fetch_done() && cmd_peek(Q_LOAD) == 0 && cmd_peek(Q_COMPUTE) == 0 && cmd_peek(Q_STORE) == 0) {
        fail(ACCEL_ERR_DECODE, "the program ended without FINISH");
      } else {
        report_deadlock();
      }
    }
  }
  if (status == ACCEL_OK && (!fetch_done() || cmd_peek(Q_COMPUTE) != 0)) {
    fail(ACCEL_ERR_DECODE, "instructions follow FINISH (FINISH must be the last instruction)");
  }
  if (status == ACCEL_OK) {
    unsigned t;
    for (t = 0u; t < 4u; ++t) {
      if (token_queues[t].count != 0u) {
        fail(ACCEL_ERR_DEADLOCK, "token imbalance at FINISH: %s has %u token(s) pushed but never popped",
            TOKEN_NAMES[t], (unsigned) token_queues[t].count);
        break;
      }
    }
  }
  return status;
}
""";
}
