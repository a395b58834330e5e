#!/usr/bin/env node
// `npm run bench`: median wall time and peak RSS of validation, the app's synth and the full
// `npx cdktf synth`, for inventories of 1, 32, 320 and 3,200 DA servers. Prints a table and the
// synth ratios against the targets, and writes bench/results.json (git-ignored) for comparing
// commits. Usage: npm run bench [-- --runs 5] [-- --sizes 1,320]
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { inventoryText } from "./generate-inventory.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    sizes: { type: "string", default: "1,32,320,3200" },
  },
});
const RUNS = Number(values.runs);
/** Servers → [entry points, nodes per entry point]. */
const SHAPES = { 1: [1, 1], 32: [1, 32], 320: [10, 32], 3200: [100, 32] };
const sizes = values.sizes.split(",").map(Number);

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

/** Runs a command once; returns wall seconds and the largest Node.js process's peak RSS in MB. */
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
  const peaks = readFileSync(rssFile, "utf8").split("\n").filter(Boolean).map(Number);
  return { seconds, rssMB: Math.max(...peaks) / 1024 };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median wall time and median peak RSS over RUNS runs (after one warm-up run). */
function bench(command, args, extraEnv) {
  measure(command, args, extraEnv);
  const runs = Array.from({ length: RUNS }, () => measure(command, args, extraEnv));
  return {
    seconds: median(runs.map((run) => run.seconds)),
    rssMB: median(runs.map((run) => run.rssMB)),
  };
}

// Build once up front, so no measured run pays for it.
measure(process.execPath, ["scripts/app-build.cjs"]);

const results = {};
for (const size of sizes) {
  const [entryPoints, nodes] = SHAPES[size];
  const directory = path.join(work, `inventories-${size}`);
  mkdirSync(directory);
  const file = path.join(directory, `bench-${size}.yaml`);
  writeFileSync(file, inventoryText(`bench-${size}`, entryPoints, nodes));
  const outdir = path.join(work, `out-${size}`);
  const appEnv = { DA_MANAGE_OUT_INVENTORIES: directory, CDKTF_OUTDIR: outdir };
  process.stderr.write(`benchmarking ${size} servers...\n`);
  results[size] = {
    validate: bench(process.execPath, ["bin/da-manage-out.js", "validate", file]),
    appSynth: bench(process.execPath, ["scripts/run-app.cjs"], appEnv),
    cdktfSynth: bench("npx", ["cdktf", "synth", "--output", outdir], {
      DA_MANAGE_OUT_INVENTORIES: directory,
    }),
  };
}
rmSync(work, { recursive: true, force: true });

const cell = ({ seconds, rssMB }) => `${seconds.toFixed(2)} s ${rssMB.toFixed(0).padStart(4)} MB`;
const lines = [
  `| servers | validate         | app synth        | npx cdktf synth  |`,
  `| ------: | ---------------- | ---------------- | ---------------- |`,
  ...sizes.map(
    (size) =>
      `| ${String(size).padStart(7)} | ${cell(results[size].validate)} | ${cell(results[size].appSynth)} | ${cell(results[size].cdktfSynth)} |`,
  ),
];
console.log(`median of ${RUNS} runs, wall time and peak RSS\n\n${lines.join("\n")}\n`);

const ratios = {};
for (const [size, limit] of [
  [320, 1.5],
  [3200, 4],
]) {
  if (results[size] && results[1]) {
    ratios[`synth(${size})/synth(1)`] =
      results[size].appSynth.seconds / results[1].appSynth.seconds;
    const ratio = ratios[`synth(${size})/synth(1)`];
    console.log(
      `synth(${size})/synth(1) = ${ratio.toFixed(2)} (target < ${limit}): ${ratio < limit ? "met" : "missed"}`,
    );
  }
}
const targets = [
  ["validate of 320 servers < 0.5 s", results[320]?.validate.seconds, 0.5],
  ["validate of 3,200 servers < 1.5 s", results[3200]?.validate.seconds, 1.5],
  ["peak RSS of the 3,200-server app synth < 300 MB", results[3200]?.appSynth.rssMB, 300],
];
for (const [target, value, limit] of targets) {
  if (value !== undefined)
    console.log(`${target}: ${value.toFixed(2)}, ${value < limit ? "met" : "missed"}`);
}

writeFileSync(
  path.join(ROOT, "bench", "results.json"),
  JSON.stringify(
    { date: new Date().toISOString(), node: process.version, runs: RUNS, results, ratios },
    null,
    2,
  ) + "\n",
);
console.log("\nwrote bench/results.json");
