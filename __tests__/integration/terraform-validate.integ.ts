/**
 * Integration: the synthesized example stacks pass `terraform init` and `terraform validate` with
 * the real F5Networks/bigip provider. Needs `terraform` on PATH and the provider from the registry
 * or a mirror (TF_CLI_CONFIG_FILE); where either is missing, the tests are skipped with a reason.
 * Run with `npm run test:integration`.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const work = mkdtempSync(path.join(tmpdir(), "da-manage-out-integ-"));
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  TF_IN_AUTOMATION: "1",
  TF_PLUGIN_CACHE_DIR: path.join(work, "plugin-cache"),
};

function terraform(cwd: string, ...args: string[]) {
  const result = spawnSync("terraform", [...args, "-no-color"], {
    cwd,
    env,
    encoding: "utf8",
    timeout: 300_000,
  });
  return {
    ok: result.status === 0,
    output: `${result.stdout ?? ""}${result.stderr ?? ""}`,
    error: result.error,
  };
}

/** Why the integration tests cannot run here, or `undefined` when they can. */
function whyUnavailable(): string | undefined {
  const version = spawnSync("terraform", ["version"], { env, encoding: "utf8" });
  if (version.error || version.status !== 0) return "terraform is not on PATH";
  const probe = path.join(work, "probe");
  mkdirSync(probe, { recursive: true });
  mkdirSync(env.TF_PLUGIN_CACHE_DIR, { recursive: true });
  writeFileSync(
    path.join(probe, "main.tf.json"),
    JSON.stringify({
      terraform: {
        required_providers: { bigip: { source: "F5Networks/bigip", version: "~> 1.24" } },
      },
    }),
  );
  const init = terraform(probe, "init", "-input=false", "-backend=false");
  if (!init.ok) {
    const reason = init.output
      .split("\n")
      .find((line) => /could not connect|Failed to|no such host|Error/.test(line));
    return `the F5Networks/bigip provider cannot be installed (${(reason ?? "terraform init failed").trim()})`;
  }
  return undefined;
}

const unavailable = whyUnavailable();
if (unavailable) process.stderr.write(`integration tests skipped: ${unavailable}\n`);
const describeWithProvider = unavailable ? describe.skip : describe;

afterAll(() => rmSync(work, { recursive: true, force: true }));

describeWithProvider("the example stacks with the real provider", () => {
  const outdir = path.join(work, "cdktf.out");

  beforeAll(() => {
    const synth = spawnSync(process.execPath, ["scripts/run-app.cjs"], {
      env: { ...env, CDKTF_OUTDIR: outdir },
      encoding: "utf8",
    });
    expect(synth.stderr).toBe("");
    expect(synth.status).toBe(0);
  });

  test("terraform init and validate pass for every stack", () => {
    const stacks = readdirSync(path.join(outdir, "stacks"));
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) {
      const directory = path.join(outdir, "stacks", stack);
      const init = terraform(directory, "init", "-input=false", "-backend=false");
      expect([stack, init.ok, init.output]).toEqual([stack, true, init.output]);
      const validate = terraform(directory, "validate");
      expect([stack, validate.ok, validate.output]).toEqual([stack, true, validate.output]);
    }
  });
});
