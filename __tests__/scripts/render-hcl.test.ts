/**
 * `npm run synth:hcl`'s second step (scripts/render-hcl.cjs): each synthesized stack as HCL in
 * `<outdir>/review/<stack>.tf`, outside the stack's folder, so Terraform never reads it there.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { renderHcl } from "../../lib/hcl/render-hcl";

let outdir: string;
beforeEach(() => {
  outdir = mkdtempSync(path.join(tmpdir(), "da-manage-out-render-hcl-"));
});
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

test("writes review/<stack>.tf for every stack, in name order, and says so", () => {
  const configs = {
    west: { terraform: { required_version: ">= 1.5" } },
    east: { variable: { bigip_host: { type: "string" } } },
  };
  for (const [stack, config] of Object.entries(configs)) {
    mkdirSync(path.join(outdir, "stacks", stack), { recursive: true });
    writeFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), JSON.stringify(config));
  }
  const result = spawnSync(process.execPath, ["scripts/render-hcl.cjs"], {
    encoding: "utf8",
    env: { ...process.env, CDKTF_OUTDIR: outdir },
  });
  const review = path.join(outdir, "review");
  expect([result.status, result.stderr, result.stdout]).toEqual([
    0,
    "",
    `wrote ${path.join(review, "east.tf")}\nwrote ${path.join(review, "west.tf")}\n`,
  ]);
  expect(readdirSync(review)).toEqual(["east.tf", "west.tf"]);
  expect(readFileSync(path.join(review, "east.tf"), "utf8")).toBe(renderHcl(configs.east));
  expect(readdirSync(path.join(outdir, "stacks", "east"))).toEqual(["cdk.tf.json"]);
});
