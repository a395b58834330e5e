/**
 * `da-manage-out changes` on real git histories built in a temporary repository: the stacks a
 * change touches, from the parsed inventories.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli } from "./run-cli";

let repo: string;

function git(...args: string[]): string {
  return execFileSync("git", args, {
    cwd: repo,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "test",
      GIT_AUTHOR_EMAIL: "test@example.com",
      GIT_COMMITTER_NAME: "test",
      GIT_COMMITTER_EMAIL: "test@example.com",
    },
  });
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), text);
}

function commit(message: string): string {
  git("add", "-A");
  git("commit", "-q", "--allow-empty", "-m", message);
  return git("rev-parse", "HEAD").trim();
}

/** `da-manage-out changes` in the scratch repository, in-process (a process each was 20 s). */
function inRepo(...args: string[]) {
  const cwd = process.cwd();
  process.chdir(repo);
  try {
    return runCli(...args);
  } finally {
    process.chdir(cwd);
  }
}

function changes(base: string, format = "json") {
  const result = inRepo("changes", "--base", base, "--format", format);
  return {
    ...result,
    json: format === "json" && result.code === 0 ? JSON.parse(result.stdout) : undefined,
  };
}

const EAST = `name: corp-east # optional: the stack name, default the file name
bigip:
  host: bigip-east.corp.example
  vlans: [/Common/internal]
entryPoints:
  - name: east
    clientPrefix: 2001:db8:8000:1000::/59
    servers:
      - { name: da-east-1, internalAddress: "2001:db8:10::11", clientPrefix: "2001:db8:8000:1000::/64" }
      - { name: da-east-2, internalAddress: "2001:db8:10::12", clientPrefix: "2001:db8:8000:1001::/64" }
`;

const WEST = `name: "corp-west"
bigip: { host: bigip-west.corp.example, vlans: [/Common/west] }
entryPoints:
  - { name: west, clientPrefix: "2001:db8:9000:1000::/64", servers: [{ name: da-west-1, internalAddress: "2001:db8:30::11" }] }
`;

const LAB_JSON = JSON.stringify({
  name: "lab",
  bigip: { host: "bigip-lab.corp.example", vlans: ["/Common/lab"] },
  entryPoints: [
    {
      name: "lab",
      clientPrefix: "2001:db8:a000:1000::/64",
      servers: [{ name: "da-lab-1", internalAddress: "2001:db8:40::11" }],
    },
  ],
});

let base: string;

beforeEach(() => {
  repo = mkdtempSync(path.join(tmpdir(), "da-manage-out-changes-"));
  git("init", "-q", "-b", "main");
  write("inventories/corp-east.yaml", EAST);
  write("inventories/corp-west.yaml", WEST);
  write("inventories/lab.json", LAB_JSON);
  write("lib/stack.ts", "// the stack\n");
  base = commit("base");
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

test("no change: nothing changed, nothing removed", () => {
  expect(changes(base).json).toEqual({
    base,
    changed: [],
    removed: [],
    unreadableAtBase: [],
    localState: [],
    backendChanged: [],
    // Every stack and its device, for a CI matrix.
    stacks: [
      { name: "corp-east", device: "https://bigip-east.corp.example:443" },
      { name: "corp-west", device: "https://bigip-west.corp.example:443" },
      { name: "lab", device: "https://bigip-lab.corp.example:443" },
    ],
  });
});

test("names come from the parsed inventories: trailing comments, quotes and JSON files", () => {
  write("inventories/corp-east.yaml", EAST.replace("da-east-2,", "da-east-9,"));
  write("inventories/corp-west.yaml", WEST.replace("/Common/west", "/Common/west2"));
  write("inventories/lab.json", LAB_JSON.replace("/Common/lab", "/Common/lab2"));
  commit("three changes");
  expect(changes(base).json.changed).toEqual(["corp-east", "corp-west", "lab"]);
});

test("reordered servers and a comment-only edit are no change", () => {
  const lines = EAST.split("\n");
  const reordered = [...lines.slice(0, 8), lines[9], lines[8], ...lines.slice(10)].join("\n");
  write("inventories/corp-east.yaml", `# reviewed by the network team\n${reordered}`);
  write(
    "inventories/corp-west.yaml",
    WEST.replace('name: "corp-west"', "name: corp-west   # quoted no more"),
  );
  commit("cosmetic");
  expect(changes(base).json).toMatchObject({ changed: [], removed: [] });
});

test("a renamed name: is the old stack removed and the new one changed", () => {
  write("inventories/corp-west.yaml", WEST.replace('"corp-west"', "corp-west-2"));
  commit("rename");
  expect(changes(base).json).toMatchObject({ changed: ["corp-west-2"], removed: ["corp-west"] });
});

test("a deleted inventory is removed, and text format says what to do on stderr", () => {
  unlinkSync(path.join(repo, "inventories/lab.json"));
  commit("remove lab");
  expect(changes(base).json).toMatchObject({ changed: [], removed: ["lab"] });
  const text = changes(base, "text");
  expect(text.stdout).toBe("");
  expect(text.stderr).toContain(`stack lab was removed`);
  expect(text.stderr).toContain(`npm run destroy -- lab`);
});

test("every commit since the base counts, not only the last one", () => {
  write("inventories/corp-east.yaml", EAST.replace("/Common/internal", "/Common/corp"));
  commit("first");
  write("inventories/corp-west.yaml", WEST.replace("da-west-1", "da-west-9"));
  commit("second");
  commit("third, empty");
  expect(changes(base).json.changed).toEqual(["corp-east", "corp-west"]);
  expect(changes(base, "text").stdout).toBe("corp-east\ncorp-west\n");
});

test("names the changed and removed stacks that keep local state", () => {
  write(
    "inventories/corp-east.yaml",
    `${EAST.replace("/Common/internal", "/Common/corp")}terraform:\n  backend: { type: s3, bucket: state, key: corp-east.tfstate, region: eu-west-1 }\n`,
  );
  write("inventories/corp-west.yaml", WEST.replace("da-west-1", "da-west-9"));
  unlinkSync(path.join(repo, "inventories/lab.json"));
  commit("remote state for corp-east");
  expect(changes(base).json).toMatchObject({
    changed: ["corp-east", "corp-west"],
    removed: ["lab"],
    localState: ["corp-west", "lab"],
  });
});

test("--deploy refuses removed stacks and local state, saying what to do", () => {
  unlinkSync(path.join(repo, "inventories/lab.json"));
  commit("remove lab");
  const result = inRepo("changes", "--base", base, "--deploy");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain("stack lab was removed");
  expect(result.stderr).toContain(
    "stack lab keeps its state in a local file, which a CI checkout does not have",
  );
});

test("a moved backend is named, and --deploy refuses it until the state is moved", () => {
  write(
    "inventories/corp-west.yaml",
    WEST.replace(
      "entryPoints:",
      'terraform:\n  backend: { type: pg, conn_str: "postgres://tfstate.corp.example/terraform" }\nentryPoints:',
    ),
  );
  commit("corp-west state to PostgreSQL");
  expect(changes(base).json).toMatchObject({
    changed: ["corp-west"],
    backendChanged: ["corp-west"],
  });
  const result = inRepo("changes", "--base", base, "--deploy");
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    "stack corp-west keeps its state elsewhere than at " +
      base +
      " (terraform.backend changed): move the state before it is deployed",
  );
  expect(result.stderr).toContain("terraform init -migrate-state");
});

describe("configuration code is what npm run synth executes, learnt from cdktf.json and the build", () => {
  beforeEach(() => {
    write("cdktf.json", JSON.stringify({ app: "node scripts/run-app.cjs" }));
    write("scripts/run-app.cjs", "// picks the engine's build output and runs it\n");
    write("scripts/app-build.cjs", "exports.ensureBuilt = () => {};\n");
    write("scripts/tooling.mjs", "// build tooling npm run synth never runs\n");
    write("main.ts", 'import "./lib/stack";\n');
    write("README.md", "# lab\n");
    // What the build recorded: esbuild's inputs per output, and which outputs are the app.
    write(".gitignore", "dist/\n");
    write(
      "dist/meta.json",
      JSON.stringify({
        appOutputs: ["dist/main.js", "dist/cdktn/main.js"],
        outputs: {
          "dist/main.js": {
            inputs: { "main.ts": {}, "lib/stack.ts": {}, "node_modules/cdktf/lib/index.js": {} },
          },
          "dist/cdktn/main.js": { inputs: { "main.ts": {}, "lib/engine-only.ts": {} } },
          "dist/cli.js": { inputs: { "lib/cli/main.ts": {} } },
        },
      }),
    );
    base = commit("project");
  });

  test.each([
    ["the app script", "scripts/run-app.cjs"],
    ["a CommonJS script beside the app script", "scripts/app-build.cjs"],
    ["a source of the cdktf app", "lib/stack.ts"],
    ["a source of the CDK Terrain app only", "lib/engine-only.ts"],
    ["cdktf.json", "cdktf.json"],
  ])("a change to %s changes every stack", (_, file) => {
    write(
      file,
      file.endsWith(".json")
        ? JSON.stringify({ app: "node scripts/run-app.cjs", context: { changed: true } })
        : "// changed\n",
    );
    commit("change");
    expect(changes(base).json).toMatchObject({
      changed: ["corp-east", "corp-west", "lab"],
      reason: expect.stringContaining(`configuration code changed since ${base} (${file})`),
    });
  });

  test.each(["README.md", "scripts/tooling.mjs", "lib/not-imported.ts", "lib/cli/main.ts"])(
    "a change to %s changes no stack",
    (file) => {
      write(file, "// changed\n");
      commit("change");
      expect(changes(base).json.changed).toEqual([]);
    },
  );

  test.each([
    [
      "without the build's record",
      () => rmSync(path.join(repo, "dist"), { recursive: true }),
      "dist/meta.json (the build's record of the app's sources) is missing; run npm ci or npm run synth first",
    ],
    [
      "with a record that names no app outputs (a build of an older version)",
      () => write("dist/meta.json", JSON.stringify({ outputs: {} })),
      "dist/meta.json names no app outputs (appOutputs); rebuild with npm run prepare",
    ],
  ])("%s every file outside inventories/ counts, and the reason says so", (_, breakRecord, why) => {
    breakRecord();
    write("README.md", "# changed\n");
    commit("change");
    expect(changes(base).json).toMatchObject({
      changed: ["corp-east", "corp-west", "lab"],
      reason: expect.stringContaining(why),
    });
  });
});

test("with this project's own app command and build, a change to a file under lib/ changes every stack", () => {
  // The real cdktf.json, scripts and build record (npm ci builds dist/), in the scratch repository.
  const project = path.resolve(__dirname, "..", "..");
  for (const file of [
    "cdktf.json",
    "dist/meta.json",
    "scripts/run-app.cjs",
    "scripts/engine.cjs",
  ]) {
    write(file, readFileSync(path.join(project, file), "utf8"));
  }
  write(".gitignore", "dist/\n");
  write("lib/constructs/da-manage-out-entry.ts", "// the construct\n");
  const before = commit("the project's app");
  write("lib/constructs/da-manage-out-entry.ts", "// the construct, reshaped\n");
  commit("change the construct");
  expect(changes(before).json).toMatchObject({
    changed: ["corp-east", "corp-west", "lab"],
    reason: expect.stringContaining("lib/constructs/da-manage-out-entry.ts"),
  });
});

test("a change under lib/ changes every stack, with the reason", () => {
  write("lib/stack.ts", "// the stack, changed\n");
  commit("code");
  expect(changes(base).json).toMatchObject({
    changed: ["corp-east", "corp-west", "lab"],
    reason: expect.stringContaining("configuration code changed"),
  });
});

test("a base without inventories/: every stack is new", () => {
  git("checkout", "-q", "--orphan", "empty");
  git("rm", "-rq", "--cached", ".");
  git("commit", "-q", "--allow-empty", "-m", "empty");
  const empty = git("rev-parse", "HEAD").trim();
  git("checkout", "-q", "-f", "main");
  expect(changes(empty).json).toMatchObject({
    changed: ["corp-east", "corp-west", "lab"],
    removed: [],
  });
});

test("an unknown ref and a folder outside git are usage errors", () => {
  expect(changes("no-such-ref")).toMatchObject({
    code: 2,
    stderr: "da-manage-out changes: 'no-such-ref' is not a commit of this repository\n",
  });
  rmSync(path.join(repo, ".git"), { recursive: true, force: true });
  expect(changes("HEAD")).toMatchObject({
    code: 2,
    stderr: "da-manage-out changes: not inside a git repository\n",
  });
});
