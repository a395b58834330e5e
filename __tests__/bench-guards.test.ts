/**
 * The performance guards `npm run bench` enforces (bench/guards.json, bench/guards.cjs): the
 * guards of issue 23 are there, and a figure at or over its limit is reported broken.
 */
import { readFileSync } from "node:fs";

interface Guard {
  figure: string;
  size: number;
  limit: number;
  what: string;
  source: string;
}
interface CheckedGuard extends Guard {
  value?: number;
  baseline?: number;
  met?: boolean;
  cpuValue?: number;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const guards = require("../bench/guards.cjs") as {
  guardedFigures(results: object): Record<string, Record<string, number>>;
  checkGuards(
    guards: Guard[],
    figures: object,
    baseline?: object,
    options?: { busy?: boolean },
  ): CheckedGuard[];
  guardReport(checked: CheckedGuard[]): string[];
};
const guardFile = JSON.parse(readFileSync("bench/guards.json", "utf8")) as {
  guards: Guard[];
  baseline: { figures?: Record<string, Record<string, number>> };
};

/** Benchmark results: per size, validate's median seconds and the synth's fastest seconds and MB. */
function results(rows: Record<number, [number, number, number]>) {
  return Object.fromEntries(
    Object.entries(rows).map(([size, [validate, synth, rssMB]]) => [
      size,
      { validate: { seconds: validate, rssMB: 60 }, appSynth: { seconds: synth, rssMB } },
    ]),
  );
}

test("the guards of issue 23 are committed: synth ratios, synth memory", () => {
  const limits = guardFile.guards.map(({ figure, size, limit }) => [figure, size, limit]);
  expect(limits).toEqual(
    expect.arrayContaining([
      ["synthRatio", 320, 2.5],
      ["synthRatio", 3200, 12],
      ["synthRssMB", 3200, 300],
    ]),
  );
});

test("every guard names a figure the benchmark computes", () => {
  const figures = guards.guardedFigures(results({ 1: [1, 1, 1], 320: [1, 1, 1], 3200: [1, 1, 1] }));
  for (const guard of guardFile.guards) {
    expect(figures[guard.figure]).toHaveProperty(String(guard.size));
  }
});

test("a recorded baseline meets every guard: it is the last measurement that met them", () => {
  const baseline = guardFile.baseline.figures;
  if (baseline === undefined) return; // none recorded yet on the quiet reference machine
  const checked = guards.checkGuards(guardFile.guards, baseline);
  expect(checked.filter((guard) => guard.met !== true)).toEqual([]);
});

test("figures are ratios to one server, and peak memory as measured", () => {
  const figures = guards.guardedFigures(
    results({ 1: [0.1, 0.3, 70], 320: [0.2, 0.6, 110], 3200: [0.6, 3, 250] }),
  );
  expect(figures.synthRatio).toEqual({ "320": 2, "3200": 10 });
  expect(figures.validateRatio["3200"]).toBeCloseTo(6);
  expect(figures.synthRssMB).toEqual({ "1": 70, "320": 110, "3200": 250 });
});

test("a figure at or over its limit is broken; an unmeasured size is neither", () => {
  const figures = guards.guardedFigures(results({ 1: [0.1, 0.3, 70], 320: [0.2, 0.75, 120] }));
  const checked = guards.checkGuards(guardFile.guards, figures);
  const bySize = (figure: string, size: number) =>
    checked.find((guard) => guard.figure === figure && guard.size === size)!;
  expect(bySize("synthRatio", 320)).toMatchObject({ value: 2.5, met: false });
  expect(bySize("synthRssMB", 320)).toMatchObject({ value: 120, met: true });
  expect(bySize("synthRatio", 3200).met).toBeUndefined();
  const report = guards.guardReport(checked);
  expect(report).toContain(
    "app synth of 320 servers / of 1 server (fastest run of each): 2.50 (guard < 2.5, baseline -): BROKEN",
  );
  expect(report.filter((line) => line.endsWith("not measured"))).toHaveLength(3);
});

/** The synth of 320 servers taking 0.9 s of wall time (three times one server's) and `cpu` of CPU. */
function synth320Checked(cpu: number, busy: boolean) {
  const figures = guards.guardedFigures({
    1: {
      validate: { seconds: 0.1, cpuSeconds: 0.1 },
      appSynth: { seconds: 0.3, cpuSeconds: 0.3, rssMB: 70 },
    },
    320: {
      validate: { seconds: 0.2, cpuSeconds: 0.2 },
      appSynth: { seconds: 0.9, cpuSeconds: cpu, rssMB: 110 },
    },
  });
  return guards
    .checkGuards(guardFile.guards, figures, {}, { busy })
    .find((guard) => guard.figure === "synthRatio" && guard.size === 320)!;
}

test("on a busy machine a time ratio over its limit is met by its CPU-time ratio, and says so", () => {
  expect(synth320Checked(0.6, false)).toMatchObject({ value: 3, met: false });
  expect(synth320Checked(0.6, true)).toMatchObject({ value: 3, met: true, cpuValue: 2 });
  expect(guards.guardReport([synth320Checked(0.6, true)])[0]).toContain(
    "met by CPU time, 2.00 (the machine was busy: the wall-time ratio read high)",
  );
});

test("a CPU-time ratio over the limit too is broken, busy or not", () => {
  expect(synth320Checked(0.9, true)).toMatchObject({ value: 3, met: false });
  expect(synth320Checked(0.9, true).cpuValue).toBeUndefined();
});
