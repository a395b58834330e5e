/**
 * The two engines (scripts/engine.cjs) synthesize the same Terraform JSON: the app over the example
 * inventories, once on cdktf 0.21 and once on CDK Terrain (cdktn, which runs on Node 20 as a
 * library), compared stack by stack. Only the engine's version in the `//` metadata may differ.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const ENGINE_VERSIONS = { cdktf: "0.21.0", cdktn: "0.24.0" };
type Engine = keyof typeof ENGINE_VERSIONS;

let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "da-manage-out-engines-"));
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

/** Each stack's cdk.tf.json text, by stack name, as the app writes it on `engine`. */
function synthesize(engine: Engine): Map<string, string> {
  const outdir = path.join(work, engine);
  const result = spawnSync(process.execPath, ["scripts/run-app.cjs"], {
    encoding: "utf8",
    env: {
      ...process.env,
      DA_MANAGE_OUT_ENGINE: engine,
      DA_MANAGE_OUT_INVENTORIES: "inventories",
      CDKTF_OUTDIR: outdir,
    },
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  const stacks = path.join(outdir, "stacks");
  return new Map(
    readdirSync(stacks).map((stack) => [
      stack,
      readFileSync(path.join(stacks, stack, "cdk.tf.json"), "utf8"),
    ]),
  );
}

test("cdktf and cdktn synthesize the same Terraform JSON for the example inventories", () => {
  const cdktf = synthesize("cdktf");
  const cdktn = synthesize("cdktn");

  const examples = readdirSync("inventories").map((file) => path.parse(file).name);
  expect([...cdktf.keys()].sort()).toEqual(examples.sort());
  expect([...cdktn.keys()].sort()).toEqual(examples.sort());
  // To the byte, but for the engine's version in the `//` metadata.
  const version = (engine: Engine) => `"version": "${ENGINE_VERSIONS[engine]}"`;
  for (const [stack, text] of cdktf) {
    expect(text).toContain(version("cdktf"));
    expect({ stack, text: cdktn.get(stack) }).toEqual({
      stack,
      text: text.replace(version("cdktf"), version("cdktn")),
    });
  }
});

test("an unknown engine is refused before anything is synthesized", () => {
  const result = spawnSync(process.execPath, ["scripts/run-app.cjs"], {
    encoding: "utf8",
    env: { ...process.env, DA_MANAGE_OUT_ENGINE: "terraform-cdk", CDKTF_OUTDIR: work },
  });

  expect(result.stderr).toBe(
    "da-manage-out: DA_MANAGE_OUT_ENGINE must be one of cdktf, cdktn, got 'terraform-cdk'\n",
  );
  expect(result.status).toBe(2);
});
