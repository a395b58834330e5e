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
  const figures = { synthRatio: {}, synthRssMB: {}, validateRatio: {} };
  const one = results[1];
  for (const [size, result] of Object.entries(results)) {
    figures.synthRssMB[size] = result.appSynth.rssMB;
    if (one && Number(size) !== 1) {
      figures.synthRatio[size] = result.appSynth.seconds / one.appSynth.seconds;
      figures.validateRatio[size] = result.validate.seconds / one.validate.seconds;
    }
  }
  return figures;
}

/**
 * Each guard with the figure measured now and the baseline's; `met` is undefined for a guard
 * whose size was not measured (the short form measures 1 and 320 servers only).
 */
function checkGuards(guards, figures, baseline = {}) {
  return guards.map((guard) => {
    const value = figures[guard.figure]?.[String(guard.size)];
    return {
      ...guard,
      value,
      baseline: baseline[guard.figure]?.[String(guard.size)],
      met: value === undefined ? undefined : value < guard.limit,
    };
  });
}

/** One line per guard: what, limit, baseline, now, and met / BROKEN / not measured. */
function guardReport(checked) {
  const number = (value) => (value === undefined ? "-" : value.toFixed(value < 20 ? 2 : 0));
  return checked.map((guard) => {
    const verdict = guard.met === undefined ? "not measured" : guard.met ? "met" : "BROKEN";
    return `${guard.what}: ${number(guard.value)} (guard < ${guard.limit}, baseline ${number(guard.baseline)}): ${verdict}`;
  });
}

module.exports = { checkGuards, guardedFigures, guardReport };
