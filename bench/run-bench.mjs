#!/usr/bin/env node
// `npm run bench`: validation (`da-manage-out validate` through the bin) and the app's synth (as
// cdktf.json's `app` runs it) for inventories of 1, 32, 320 and 3,200 DA servers, measured as
// issue 23 measures them: the synth's fastest run and highest peak RSS of --runs runs, validation's
// median of three. Prints a table and the guards of bench/guards.json (ratios to one server and
// memory), and exits 1 when a guard is broken. Writes bench/results.json (git-ignored).
// Usage: npm run bench [-- --runs 5] [-- --sizes 1,320] [-- --cdktf-synth] [-- --baseline]
//   [-- --confirm 2]
//   --confirm      rounds measured again while a guard reads broken, all runs counting (default 2;
//                  a regression stays broken, a burst of other work on the machine does not)
//   --cdktf-synth  also time the full `npx cdktf synth` (not guarded; seconds per run)
//   --baseline     write today's figures into bench/guards.json as the new baseline (only when
//                  every guard is met: measure on a quiet machine)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import guards from "./guards.cjs";
import { inventoryText } from "./generate-inventory.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const GUARDS_FILE = path.join(ROOT, "bench", "guards.json");
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    sizes: { type: "string", default: "1,32,320,3200" },
    "cdktf-synth": { type: "boolean", default: false },
    baseline: { type: "boolean", default: false },
    confirm: { type: "string", default: "2" },
  },
});
const RUNS = Number(values.runs);
/** Rounds measured again, at most, while a guard reads broken (a burst of load, or a regression). */
const CONFIRM_ROUNDS = Number(values.confirm);
/** Validation is taken as the median of three runs, as the guard is. */
const VALIDATE_RUNS = 3;
/** Servers → [entry points, nodes per entry point]. */
const SHAPES = { 1: [1, 1], 32: [1, 32], 320: [10, 32], 3200: [100, 32] };
const sizes = values.sizes.split(",").map(Number);
if (!sizes.includes(1) || sizes.some((size) => !SHAPES[size])) {
  console.error(
    `--sizes takes 1 and any of ${Object.keys(SHAPES).join(", ")}, got ${values.sizes}`,
  );
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), "da-manage-out-bench-"));
const rssFile = path.join(work, "rss.txt");
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(ROOT, "bench", "peak-rss.cjs")}`,
  BENCH_RSS_FILE: rssFile,
};
if (env.TF_CLI_CONFIG_FILE) {
  try {
    readFileSync(env.TF_CLI_CONFIG_FILE);
  } catch {
    delete env.TF_CLI_CONFIG_FILE; // avoids terraform's warning on every call
  }
}

/**
 * Runs a command once; returns wall seconds, the largest Node.js process's peak RSS in MB and the
 * CPU seconds of its Node.js processes.
 */
function measure(command, args, extraEnv) {
  writeFileSync(rssFile, "");
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    encoding: "utf8",
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr}`);
  }
  const processes = readFileSync(rssFile, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => line.split(" ").map(Number));
  return {
    seconds,
    rssMB: Math.max(...processes.map(([rss]) => rss)) / 1024,
    cpuSeconds: processes.reduce((sum, [, cpu]) => sum + cpu, 0) / 1e6,
  };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Each command of `commands` run `runs` times, in turns (one run of each, then the next round),
 * after one warm-up run of each: a burst of other work on the machine then slows every size
 * alike instead of one size's runs, which keeps the ratios between sizes steady.
 * @returns per command, its runs
 */
function inTurns(runs, commands) {
  for (const [command, args, extraEnv] of commands) measure(command, args, extraEnv);
  const measured = commands.map(() => []);
  for (let round = 0; round < runs; round++) {
    commands.forEach(([command, args, extraEnv], index) =>
      measured[index].push(measure(command, args, extraEnv)),
    );
  }
  return measured;
}

/** The fastest run's time and the highest peak RSS. */
function fastest(runs) {
  return {
    seconds: Math.min(...runs.map((run) => run.seconds)),
    rssMB: Math.max(...runs.map((run) => run.rssMB)),
    cpuSeconds: Math.min(...runs.map((run) => run.cpuSeconds)),
  };
}

/** The median run's time and the median peak RSS. */
function middle(runs) {
  return {
    seconds: median(runs.map((run) => run.seconds)),
    rssMB: median(runs.map((run) => run.rssMB)),
    cpuSeconds: median(runs.map((run) => run.cpuSeconds)),
  };
}

// Build once up front, so no measured run pays for it.
measure(process.execPath, ["scripts/app-build.cjs"]);

/** Per size: its inventory file, the app's environment and the cdktf output folder. */
const inputs = sizes.map((size) => {
  const [entryPoints, nodes] = SHAPES[size];
  const directory = path.join(work, `inventories-${size}`);
  mkdirSync(directory);
  const file = path.join(directory, `bench-${size}.yaml`);
  writeFileSync(file, inventoryText(`bench-${size}`, entryPoints, nodes));
  const outdir = path.join(work, `out-${size}`);
  return {
    directory,
    file,
    outdir,
    appEnv: { DA_MANAGE_OUT_INVENTORIES: directory, CDKTF_OUTDIR: outdir },
  };
});
/** One round: each size's validate and synth runs, in turns. */
function measureRound() {
  process.stderr.write(`benchmarking validate of ${values.sizes} servers...\n`);
  const validate = inTurns(
    VALIDATE_RUNS,
    inputs.map(({ file }) => [process.execPath, ["bin/da-manage-out.js", "validate", file]]),
  );
  process.stderr.write(`benchmarking the app synth of ${values.sizes} servers...\n`);
  const synth = inTurns(
    RUNS,
    inputs.map(({ appEnv }) => [process.execPath, ["scripts/run-app.cjs"], appEnv]),
  );
  return { validate, synth };
}

/** Per size, the figures of all runs so far. */
function resultsOf(validateRuns, synthRuns, cdktfSynthRuns) {
  return Object.fromEntries(
    sizes.map((size, index) => [
      size,
      {
        validate: middle(validateRuns[index]),
        appSynth: fastest(synthRuns[index]),
        ...(cdktfSynthRuns ? { cdktfSynth: middle(cdktfSynthRuns[index]) } : {}),
      },
    ]),
  );
}

const guardFile = JSON.parse(readFileSync(GUARDS_FILE, "utf8"));
const cdktfSynthRuns = values["cdktf-synth"]
  ? inTurns(
      RUNS,
      inputs.map(({ directory, outdir }) => [
        "npx",
        ["cdktf", "synth", "--output", outdir],
        { DA_MANAGE_OUT_INVENTORIES: directory },
      ]),
    )
  : undefined;
// A burst of other work reads as a broken time ratio; a regression stays broken. So a broken
// guard is measured again, up to --confirm more rounds, and the runs of all rounds count.
// Other work on the machine slows the large runs more than the small ones: the wall-time ratios
// rise. The benchmark itself keeps about one core busy.
const busy = () => loadavg()[0] > cpus().length * 0.75;
let { validate: validateRuns, synth: synthRuns } = measureRound();
let results = resultsOf(validateRuns, synthRuns, cdktfSynthRuns);
let checked = guards.checkGuards(
  guardFile.guards,
  guards.guardedFigures(results),
  guardFile.baseline.figures,
  { busy: busy() },
);
for (
  let round = 1;
  round <= CONFIRM_ROUNDS && checked.some((guard) => guard.met === false);
  round++
) {
  const names = checked.filter((guard) => guard.met === false).map((guard) => guard.what);
  process.stderr.write(
    `broken on this round: ${names.join(", ")}; measuring again (round ${round + 1} of ${CONFIRM_ROUNDS + 1})\n`,
  );
  const more = measureRound();
  validateRuns = validateRuns.map((runs, index) => [...runs, ...more.validate[index]]);
  synthRuns = synthRuns.map((runs, index) => [...runs, ...more.synth[index]]);
  results = resultsOf(validateRuns, synthRuns, cdktfSynthRuns);
  checked = guards.checkGuards(
    guardFile.guards,
    guards.guardedFigures(results),
    guardFile.baseline.figures,
    { busy: busy() },
  );
}
rmSync(work, { recursive: true, force: true });

const machine = `${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
// Other work on the machine slows the large runs more than the small ones: the ratios rise.
const [load] = loadavg();
if (load > cpus().length / 2) {
  console.log(
    `note: load average ${load.toFixed(1)} on ${cpus().length} cores during the runs: the ratios read high; measure on a quiet machine\n`,
  );
}
const cell = ({ seconds, rssMB }) => `${seconds.toFixed(2)} s ${rssMB.toFixed(0).padStart(4)} MB`;
const columns = ["validate (median)", "app synth (fastest)"];
if (values["cdktf-synth"]) columns.push("npx cdktf synth (median)");
console.log(
  [
    `${machine}; synth: fastest of ${RUNS} runs, peak RSS the highest; validate: median of ${VALIDATE_RUNS}`,
    "",
    `| servers | ${columns.join(" | ")} |`,
    `| ------: | ${columns.map(() => "---").join(" | ")} |`,
    ...sizes.map((size) => {
      const { validate, appSynth, cdktfSynth } = results[size];
      const cells = [validate, appSynth, ...(cdktfSynth ? [cdktfSynth] : [])].map(cell);
      return `| ${String(size).padStart(7)} | ${cells.join(" | ")} |`;
    }),
    "",
  ].join("\n"),
);

const figures = guards.guardedFigures(results);
console.log(`guards (${path.relative(ROOT, GUARDS_FILE)}):`);
for (const line of guards.guardReport(checked)) console.log(`  ${line}`);

writeFileSync(
  path.join(ROOT, "bench", "results.json"),
  JSON.stringify(
    { date: new Date().toISOString(), machine, runs: RUNS, results, figures },
    null,
    2,
  ) + "\n",
);
console.log("\nwrote bench/results.json");
const broken = checked.some((guard) => guard.met === false);
if (values.baseline && broken) {
  console.log("no baseline written: it must meet every guard");
} else if (values.baseline) {
  const rounded = JSON.parse(
    JSON.stringify(figures, (_, value) =>
      typeof value === "number" ? Math.round(value * 100) / 100 : value,
    ),
  );
  guardFile.baseline = { date: new Date().toISOString().slice(0, 10), machine, figures: rounded };
  writeFileSync(GUARDS_FILE, JSON.stringify(guardFile, null, 2) + "\n");
  console.log(`wrote the baseline into ${path.relative(ROOT, GUARDS_FILE)}`);
}
if (broken) {
  console.error("a performance guard is broken: see docs/performance.md");
  process.exitCode = 1;
}
