// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/** The cdktf app as `cdktf synth` runs it: a child process over a folder of inventories. */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { formatProblem, loadInventories } from "../lib/inventory";

let work: string;

beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), "da-manage-out-"));
  mkdirSync(path.join(work, "inventories"));
});

afterEach(() => rmSync(work, { recursive: true, force: true }));

function runApp() {
  const result = spawnSync(process.execPath, ["scripts/run-app.cjs"], {
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
  writeFileSync(
    path.join(work, "inventories", "lab.yml"),
    `name: corp-lab
bigip: { host: bigip-lab.corp.example, vlans: [/Common/lab] }
entryPoints:
  - name: lab
    clientPrefix: "2001:db8:9000:1000::/64"
    servers: [{ name: da-lab-1, internalAddress: "2001:db8:90::11" }]
`,
  );

  const { status, stderr } = runApp();

  expect(stderr).toBe("");
  expect(status).toBe(0);
  for (const stack of ["corp-east", "corp-lab"]) {
    expect(existsSync(path.join(work, "cdktf.out", "stacks", stack, "cdk.tf.json"))).toBe(true);
  }
});

test.each(["bad-yaml.yaml", "missing-vlans.yaml", "prefix-overlap.yaml", "teredo-prefix.yaml"])(
  "exits 1 on %s with the validate messages, and leaves cdktf.out as it was",
  (fixture) => {
    const previous = path.join(work, "cdktf.out", "stacks", "corp-east", "cdk.tf.json");
    mkdirSync(path.dirname(previous), { recursive: true });
    writeFileSync(previous, "{}\n");
    addInventory("inventories/corp-east.yaml");
    addInventory(`__tests__/fixtures/invalid/${fixture}`);

    const { status, stderr } = runApp();

    expect(status).toBe(1);
    const copy = path.join(work, "inventories", fixture);
    const expected = loadInventories([copy]).problems.map(formatProblem);
    expect(expected.length).toBeGreaterThan(0);
    expect(stderr).toBe(
      [...expected, "da-manage-out: inventory errors, nothing synthesized"].join("\n") + "\n",
    );
    expect(readdirSync(path.join(work, "cdktf.out", "stacks"))).toEqual(["corp-east"]);
    expect(readFileSync(previous, "utf8")).toBe("{}\n");
  },
);
