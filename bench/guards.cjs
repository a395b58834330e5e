// The performance guards of bench/guards.json, checked against a benchmark's results: the figures
// (ratios to one server, peak memory) and, per guard, whether it is met. CommonJS, so that both the
// benchmark (an ES module) and the tests load it.

/**
 * The guarded figures of benchmark results.
 * @param {Record<string, { validate: { seconds: number }, appSynth: { seconds: number, rssMB: number } }>} results
 *   per size: the median validate time, the fastest app synth and its highest peak RSS
 * @returns {Record<string, Record<string, number>>} per figure, per size (as a string)
 */
function guardedFigures(results) {
  const figures = {
    synthRatio: {},
    synthRssMB: {},
    validateRatio: {},
    synthCpuRatio: {},
    validateCpuRatio: {},
  };
  const one = results[1];
  for (const [size, result] of Object.entries(results)) {
    figures.synthRssMB[size] = result.appSynth.rssMB;
    if (one && Number(size) !== 1) {
      figures.synthRatio[size] = result.appSynth.seconds / one.appSynth.seconds;
      figures.validateRatio[size] = result.validate.seconds / one.validate.seconds;
      if (result.appSynth.cpuSeconds !== undefined && one.appSynth.cpuSeconds) {
        figures.synthCpuRatio[size] = result.appSynth.cpuSeconds / one.appSynth.cpuSeconds;
      }
      if (result.validate.cpuSeconds !== undefined && one.validate.cpuSeconds) {
        figures.validateCpuRatio[size] = result.validate.cpuSeconds / one.validate.cpuSeconds;
      }
    }
  }
  return figures;
}

/**
 * The CPU-time figure beside a wall-time ratio. On a machine busy with other work a wall-time
 * ratio reads high although the code costs the same; its CPU-time ratio does not move.
 */
const CPU_COUNTERPART = { synthRatio: "synthCpuRatio", validateRatio: "validateCpuRatio" };

/**
 * Each guard with the figure measured now and the baseline's; `met` is undefined for a guard
 * whose size was not measured (the short form measures 1 and 320 servers only). With `busy` (the
 * machine had other work), a time ratio over its limit is met when its CPU-time ratio is under it,
 * and `cpuValue` says so.
 */
function checkGuards(guards, figures, baseline = {}, { busy = false } = {}) {
  return guards.map((guard) => {
    const value = figures[guard.figure]?.[String(guard.size)];
    const checked = {
      ...guard,
      value,
      baseline: baseline[guard.figure]?.[String(guard.size)],
      met: value === undefined ? undefined : value < guard.limit,
    };
    const counterpart = CPU_COUNTERPART[guard.figure];
    const cpuValue = counterpart && figures[counterpart]?.[String(guard.size)];
    // Only when the machine was busy does the CPU-time ratio stand in for the wall-time one.
    if (checked.met === false && busy && cpuValue !== undefined && cpuValue < guard.limit) {
      return { ...checked, met: true, cpuValue };
    }
    return checked;
  });
}

/** One line per guard: what, limit, baseline, now, and met / BROKEN / not measured. */
function guardReport(checked) {
  const number = (value) => (value === undefined ? "-" : value.toFixed(value < 20 ? 2 : 0));
  return checked.map((guard) => {
    const verdict =
      guard.met === undefined
        ? "not measured"
        : guard.cpuValue !== undefined
          ? `met by CPU time, ${number(guard.cpuValue)} (the machine was busy: the wall-time ratio read high)`
          : guard.met
            ? "met"
            : "BROKEN";
    return `${guard.what}: ${number(guard.value)} (guard < ${guard.limit}, baseline ${number(guard.baseline)}): ${verdict}`;
  });
}

module.exports = { checkGuards, guardedFigures, guardReport };
