/**
 * The supported Node versions are the tested ones: package.json's `engines` names the majors that
 * `.ci/run` runs the README's commands on, and the example workflow runs one of them.
 */
import { readFileSync } from "node:fs";

const engines: string = JSON.parse(readFileSync("package.json", "utf8")).engines.node;
const supportedMajors = [...engines.matchAll(/\^(\d+)\./g)].map((match) => Number(match[1]));
const ciRun = readFileSync(".ci/run", "utf8");

test("engines names whole LTS lines, each from a minor", () => {
  expect(engines).toMatch(/^\^\d+\.\d+\.\d+( \|\| \^\d+\.\d+\.\d+)*$/);
  expect(supportedMajors).toEqual([20, 22, 24, 26]);
});

test(".ci/run runs every supported Node but the machine's own (20) on a fresh clone", () => {
  const matrix = /^for version in ([\d. ]+); do$/m.exec(ciRun)?.[1].trim().split(" ") ?? [];
  expect(matrix.map((version) => Number(version.split(".")[0]))).toEqual(
    supportedMajors.filter((major) => major !== 20),
  );
  // Each version inside the loop is what `engines` allows (caret: same major, at least the minor).
  for (const version of matrix) {
    const [major, minor] = version.split(".").map(Number);
    const floor = new RegExp(`\\^${major}\\.(\\d+)\\.`).exec(engines)!;
    expect(minor).toBeGreaterThanOrEqual(Number(floor[1]));
  }
});

test("the example workflow runs a supported Node", () => {
  const workflow = readFileSync(".github/workflows/manage-out.yml", "utf8");
  const versions = [...workflow.matchAll(/node-version: (\d+)/g)].map((match) => Number(match[1]));
  expect(versions.length).toBeGreaterThan(0);
  for (const version of versions) expect(supportedMajors).toContain(version);
});
