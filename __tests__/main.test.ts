/** The cdktf app as `cdktf synth` runs it: a child process over a folder of inventories. */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "da-manage-out-"));
  mkdirSync(path.join(work, "inventories"));
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

function runApp() {
  const result = spawnSync(process.execPath, ["--import", "tsx", "main.ts"], {
    encoding: "utf8",
    env: {
      ...process.env,
      DA_MANAGE_OUT_INVENTORIES: path.join(work, "inventories"),
      CDKTF_OUTDIR: path.join(work, "cdktf.out"),
    },
  });
  return { status: result.status, stderr: result.stderr };
}

function addInventory(source: string): void {
  copyFileSync(source, path.join(work, "inventories", path.basename(source)));
}

test("writes one cdk.tf.json per inventory", () => {
  addInventory("inventories/corp-east.yaml");
  const renamed = readFileSync("inventories/corp-east.yaml", "utf8").replace(
    "name: corp-east",
    "name: corp-lab",
  );
  writeFileSync(path.join(work, "inventories", "lab.yaml"), renamed);

  const { status, stderr } = runApp();

  expect(stderr).toBe("");
  expect(status).toBe(0);
  for (const stack of ["corp-east", "corp-lab"]) {
    expect(existsSync(path.join(work, "cdktf.out", "stacks", stack, "cdk.tf.json"))).toBe(true);
  }
});

test.each(["bad-yaml.yaml", "missing-vlans.yaml", "missing-internal-address.yaml"])(
  "exits 1 on %s, naming file and key, and writes nothing, not even for the valid inventories",
  (fixture) => {
    addInventory("inventories/corp-east.yaml");
    addInventory(`__tests__/fixtures/invalid/${fixture}`);

    const { status, stderr } = runApp();

    expect(status).toBe(1);
    expect(stderr).toContain(`${path.join(work, "inventories", fixture)}:`);
    expect(stderr).toContain("da-manage-out: inventory errors, nothing synthesized");
    expect(existsSync(path.join(work, "cdktf.out"))).toBe(false);
  },
);
