/** The example GitHub Actions workflow: well-formed, running the commands the README promises. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

const FILE = ".github/workflows/manage-out.yml";
const workflow = parse(readFileSync(FILE, "utf8"));
const runs = (job: string): string[] =>
  workflow.jobs[job].steps.flatMap((step: { run?: string }) => (step.run ? [step.run] : []));

test("checks a pull request: install, validate, test, synth, and the change report", () => {
  expect(runs("check")).toEqual(
    expect.arrayContaining([
      "npm ci",
      "npx da-manage-out validate",
      "npm test",
      "npm run synth",
      expect.stringContaining('npx da-manage-out report --base "origin/$BASE_REF"'),
    ]),
  );
});

test("deploys on merge to main with the BIG-IP credentials from secrets", () => {
  expect(workflow.on.push.branches).toEqual(["main"]);
  const deploy = workflow.jobs.deploy.steps.find(
    (step: { name?: string }) => step.name === "Deploy",
  );
  expect(deploy.env).toEqual({
    BIGIP_HOST: "${{ secrets.BIGIP_HOST }}",
    BIGIP_USER: "${{ secrets.BIGIP_USER }}",
    BIGIP_PASSWORD: "${{ secrets.BIGIP_PASSWORD }}",
    STACKS: "${{ steps.changed.outputs.stacks }}",
  });
  expect(deploy.run).toContain("npx cdktf deploy $STACKS --auto-approve");
});

test("checks the device with doctor before every deploy", () => {
  const names = workflow.jobs.deploy.steps.map((step: { name?: string }) => step.name);
  const doctor = workflow.jobs.deploy.steps.find(
    (step: { name?: string }) => step.name === "Doctor",
  );
  expect(doctor.run).toBe("npx da-manage-out doctor");
  expect(names.indexOf("Doctor")).toBeLessThan(names.indexOf("Deploy"));
});

test("audits the device every night with the read-only account", () => {
  expect(workflow.on.schedule).toEqual([{ cron: expect.any(String) }]);
  expect(workflow.jobs.audit.if).toBe("github.event_name == 'schedule'");
  const audit = workflow.jobs.audit.steps.find((step: { name?: string }) => step.name === "Audit");
  expect(audit.run).toBe("npx da-manage-out audit");
  expect(audit.env).toEqual({
    BIGIP_HOST: "${{ secrets.BIGIP_HOST }}",
    BIGIP_USER: "${{ secrets.BIGIP_AUDIT_USER }}",
    BIGIP_PASSWORD: "${{ secrets.BIGIP_AUDIT_PASSWORD }}",
  });
});

const actionlint = spawnSync("actionlint", ["-version"], { encoding: "utf8" });
const lintable = !actionlint.error && actionlint.status === 0;
if (!lintable) process.stderr.write("workflow lint skipped: actionlint is not on PATH\n");

(lintable ? test : test.skip)("passes actionlint", () => {
  const result = spawnSync("actionlint", [FILE], { encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});
