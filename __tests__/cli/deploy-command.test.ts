/**
 * `da-manage-out deploy|destroy` (lib/cli/deploy-command.ts) up to Terraform, with a recorded
 * runner: what stops a run before cdktf starts, and with which exit code.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runDeploy } from "../../lib/cli/deploy-command";
import { main } from "../../lib/cli/main";
import { recordingOutput, recordingRunner } from "../deploy/recorder";

let folder: string;
let outdir: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-deploy-"));
  outdir = path.join(folder, "cdktf.out");
  mkdirSync(path.join(outdir, "stacks", "east", ".terraform"), { recursive: true });
  writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ stacks: { east: {} } }));
  writeFileSync(
    path.join(outdir, "stacks", "east", "cdk.tf.json"),
    JSON.stringify({
      provider: { bigip: [{ validate_certs_disable: true }] },
      terraform: { backend: { local: { path: "b.tfstate" } } },
    }),
  );
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** The deploy with a recorded runner; the app "synthesizes" what beforeEach wrote. */
async function deploy(args: string[], ...results: { status: number; stderr?: string }[]) {
  const { run, calls } = recordingRunner(...results);
  const out = recordingOutput();
  const status = await runDeploy("deploy", [...args, "--output", outdir], {
    env: { PATH: process.env.PATH },
    out,
    run,
    root: folder,
  });
  return { status, calls, ...out.written };
}

const LOCK_LINE =
  'da-manage-out deploy: a state lock held by another run is waited for up to 15m (DA_MANAGE_OUT_LOCK_TIMEOUT); Terraform says "Acquiring state lock" meanwhile\n';

test("--app: refused, exit 2, nothing run", async () => {
  const { status, calls, stderr } = await deploy(["east", "--app", "node other.js"]);
  expect([status, calls, stderr]).toEqual([
    2,
    [],
    "da-manage-out: --app is not taken: the deploy runs this project's app (cdktf.json), whose inventories it checked\n",
  ]);
});

test("no stack named: usage, exit 2, nothing run", async () => {
  const { status, calls, stderr } = await deploy([]);
  expect([status, calls, stderr]).toEqual([
    2,
    [],
    "da-manage-out: name the stacks to deploy: npm run deploy -- <stack...>\n",
  ]);
});

test("the app fails: its stderr, then nothing deployed, exit 1", async () => {
  const { status, calls, stdout, stderr } = await deploy(["east"], {
    status: 1,
    stderr: "da-manage-out: inventory errors, nothing synthesized\n",
  });
  expect(calls.map((call) => [call.command, call.args, call.options.env.CDKTF_OUTDIR])).toEqual([
    [process.execPath, [path.join(folder, "scripts", "run-app.cjs")], outdir],
  ]);
  expect([status, stdout, stderr]).toEqual([
    1,
    LOCK_LINE,
    "da-manage-out: inventory errors, nothing synthesized\nda-manage-out: the inventories did not synthesize; nothing was deployed\n",
  ]);
});

test("an unknown stack: exit 1 before Terraform", async () => {
  const { status, calls, stderr } = await deploy(["west"], { status: 0 });
  expect([status, calls.length, stderr]).toEqual([
    1,
    1,
    `da-manage-out: no stack 'west' among east\n`,
  ]);
});

test("a backend changed since init: exit 1 before Terraform, with the command that moves it", async () => {
  writeFileSync(
    path.join(outdir, "stacks", "east", ".terraform", "terraform.tfstate"),
    JSON.stringify({ backend: { type: "local", config: { path: "a.tfstate" } } }),
  );
  const { status, calls, stderr } = await deploy(["east"], { status: 0 });
  expect([status, calls.length]).toEqual([1, 1]);
  expect(stderr).toContain(
    "da-manage-out deploy: east: the state backend changed (path) since cdktf.out/stacks/east was initialised",
  );
});

test("a stack that verifies the certificate without BIGIP_CA_FILE: exit 2 before Terraform", async () => {
  writeFileSync(
    path.join(outdir, "stacks", "east", "cdk.tf.json"),
    JSON.stringify({ provider: { bigip: [{}] }, terraform: {} }),
  );
  const { status, stderr } = await deploy(["east"], { status: 0 });
  expect(status).toBe(2);
  expect(stderr).toMatch(
    /^da-manage-out: east: the provider verifies the BIG-IP's TLS certificate/,
  );
});

test.each(["deploy", "destroy", "cdktf"])("da-manage-out %s --help", (name) => {
  const out = recordingOutput();
  expect(main([name, "--help"], out)).toBe(0);
  expect(out.written.stdout).toMatch(new RegExp(`^Usage: da-manage-out ${name} `));
});
