/**
 * The package as a user with their own cdktf app gets it: `npm pack`, installed from the tarball
 * into a scratch app (offline, from the local npm cache), a TypeScript file that builds a stack
 * with its own BigipProvider and two DaManageOutEntry constructs from "da-manage-out", compiled
 * and synthesized. And the same on CDK Terrain: a scratch cdktn app with "da-manage-out/cdktn".
 */
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const work = mkdtempSync(path.join(tmpdir(), "da-manage-out-consumer-"));
const app = path.join(work, "app");
const cdktnApp = path.join(work, "cdktn-app");
const devDependencies = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"))
  .devDependencies as Record<string, string>;

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env },
    timeout: 180_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/**
 * The consumer's lockfile: the tarball, and the entries of the repository's own lockfile for the
 * packages it needs (with their bundled dependencies), so that `npm ci --offline` installs the
 * very versions the repository's `npm ci` put into the cache.
 */
function consumerLock(dependencies: Record<string, string>): object {
  const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, Record<string, unknown>>;
  };
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  const needed = [
    ...Object.keys(dependencies),
    ...Object.keys(documented.devDependencies),
    ...Object.keys(manifest.dependencies),
  ];
  const packages: Record<string, Record<string, unknown>> = {
    "": {
      name: documented.name,
      dependencies: { ...dependencies, "da-manage-out": `file:${tarball}` },
      devDependencies: documented.devDependencies,
    },
    "node_modules/da-manage-out": {
      version: manifest.version,
      resolved: `file:${tarball}`,
      integrity: `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`,
      license: manifest.license,
      dependencies: manifest.dependencies,
      peerDependencies: manifest.peerDependencies,
      peerDependenciesMeta: manifest.peerDependenciesMeta,
      bin: manifest.bin,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    const name = key.replace(/^node_modules\//, "").split("/node_modules/")[0];
    if (key.startsWith("node_modules/") && needed.includes(name)) {
      const { dev: _dev, ...rest } = entry;
      void _dev;
      packages[key] = rest;
    }
  }
  return { name: documented.name, lockfileVersion: 3, requires: true, packages };
}

/** The files docs/library.md gives, by name (its fenced blocks tagged `file=<name>`). */
const LIBRARY_DOC = readFileSync(path.join(ROOT, "docs", "library.md"), "utf8");
const documentedFiles = new Map(
  [...LIBRARY_DOC.matchAll(/```\w+ file=(\S+)\n([\s\S]*?)```/g)].map(([, name, text]) => [
    name,
    text,
  ]),
);
const documented = JSON.parse(documentedFiles.get("package.json")!) as {
  name: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** docs/library.md's dependencies on CDK Terrain ("On CDK Terrain"): cdktn instead of cdktf. */
const cdktnDependencies = Object.fromEntries([
  ...Object.entries(documented.dependencies).filter(([name]) => name !== "cdktf"),
  ["cdktn", devDependencies.cdktn],
]);

/** The app in `folder` installed offline from `dependencies` and this test's tarball. */
function install(folder: string, dependencies: Record<string, string>): void {
  execFileSync("mkdir", ["-p", folder]);
  // docs/library.md's package.json, with this test's tarball where the page has ../da-manage-out/.
  writeFileSync(
    path.join(folder, "package.json"),
    JSON.stringify({
      ...documented,
      dependencies: { ...dependencies, "da-manage-out": `file:${tarball}` },
    }),
  );
  writeFileSync(
    path.join(folder, "package-lock.json"),
    JSON.stringify(consumerLock(dependencies), null, 2),
  );
  // From the lockfile only, offline: every tarball comes from the npm cache, by its integrity.
  run("npm", ["ci", "--offline", "--no-audit", "--no-fund"], folder);
}

let tarball: string;
let files: string[];

beforeAll(() => {
  run("npm", ["pack", "--pack-destination", work], ROOT);
  tarball = path.join(
    work,
    readdirSync(work).find((file) => file.endsWith(".tgz"))!,
  );
  files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
  install(app, documented.dependencies);
  install(cdktnApp, cdktnDependencies);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

test("the tarball holds the compiled library, the bindings and the CLI, and no tests", () => {
  expect(files).toContain("package/build/lib/index.js");
  expect(files).toContain("package/build/lib/index.d.ts");
  expect(files).toContain("package/build/.gen/providers/bigip/ltm-virtual-server/index.js");
  expect(files).toContain("package/dist/cli.js");
  expect(files.filter((file) => /__tests__|fixtures|bench|\.test\.|\.integ\./.test(file))).toEqual(
    [],
  );
  expect(files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
});

test("a cdktf app builds and synthesizes a stack with DaManageOutEntry from da-manage-out", () => {
  writeFileSync(
    path.join(app, "main.ts"),
    `import { App, TerraformStack } from "cdktf";
import { BigipProvider, DaManageOutEntry, type DaManageOutEntryProps } from "da-manage-out";

const app = new App();
const stack = new TerraformStack(app, "consumer");
new BigipProvider(stack, "bigip", { teemDisable: true, validateCertsDisable: false });
const common: Omit<DaManageOutEntryProps, "serverName" | "internalAddress" | "clientPrefix"> = {
  entryPointName: "east",
  vlans: ["/Common/internal"],
};
new DaManageOutEntry(stack, "da-east-1", {
  ...common,
  serverName: "da-east-1",
  internalAddress: "2001:db8:10::11",
  clientPrefix: "2001:db8:8000:1000::/64",
});
new DaManageOutEntry(stack, "da-east-2", {
  ...common,
  serverName: "da-east-2",
  internalAddress: "2001:db8:10::12",
  clientPrefix: "2001:db8:8000:1000::/59",
  maskWorkaround: "tmsh",
});
app.synth();
`,
  );
  writeFileSync(
    path.join(app, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noImplicitOverride: true,
        target: "ES2022",
        module: "commonjs",
        moduleResolution: "node",
        // As cdktf's own app template sets it.
        esModuleInterop: true,
        types: [],
      },
      files: ["main.ts"],
    }),
  );
  // The package's declarations are type-checked as a user's compiler sees them.
  run(
    process.execPath,
    [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."],
    app,
  );
  const outdir = path.join(app, "cdktf.out");
  run(process.execPath, ["main.js"], app, { CDKTF_OUTDIR: outdir });
  const stack = JSON.parse(
    readFileSync(path.join(outdir, "stacks", "consumer", "cdk.tf.json"), "utf8"),
  );
  const only = (type: string, fragment: string) =>
    Object.entries(stack.resource[type] as Record<string, Record<string, unknown>>).find(([name]) =>
      name.includes(fragment),
    )![1];
  expect(only("bigip_ltm_pool", "da-east-1").name).toBe("/Common/da_mo_east_da-east-1_pool");
  expect(only("bigip_ltm_pool_attachment", "da-east-1").node).toBe("2001:db8:10::11.0");
  expect(only("bigip_ltm_virtual_server", "da-east-1")).toMatchObject({
    destination: "2001:db8:8000:1000::",
    mask: "ffff:ffff:ffff:ffff::0.0.0.0",
    translate_address: "disabled",
    vlans_enabled: true,
  });
  // tmsh mask workaround: no mask in the resource, a checked command sets it.
  expect(only("bigip_ltm_virtual_server", "da-east-2")).not.toHaveProperty("mask");
  expect(
    Object.values(stack.resource.bigip_command).map(
      (command) => (command as { commands: string[] }).commands[0],
    ),
  ).toContain("modify ltm virtual /Common/da_mo_east_da-east-2_vs mask ffff:ffff:ffff:ffe0::");
  expect(stack.provider.bigip).toEqual([{ teem_disable: true, validate_certs_disable: false }]);
});

test("the installed CLI answers --version without the repository's sources", () => {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(
    run(
      process.execPath,
      [path.join(app, "node_modules", ".bin", "da-manage-out"), "--version"],
      app,
    ),
  ).toBe(`${version}\n`);
});

test("docs/library.md, followed literally: its tsconfig.json, cdktf.json and main.ts, npm run synth", () => {
  expect([...documentedFiles.keys()].sort()).toEqual([
    "cdktf.json",
    "main.ts",
    "package.json",
    "tsconfig.json",
  ]);
  // The page's versions are the ones this repository builds and tests with.
  expect(documented.dependencies).toMatchObject({
    cdktf: devDependencies.cdktf,
    constructs: devDependencies.constructs,
  });
  expect(documented.devDependencies.typescript).toBe(devDependencies.typescript);
  for (const name of ["tsconfig.json", "cdktf.json", "main.ts"]) {
    writeFileSync(path.join(app, name), documentedFiles.get(name)!);
  }
  run("npm", ["run", "--silent", "synth"], app);
  const stack = JSON.parse(
    readFileSync(path.join(app, "cdktf.out", "stacks", "manage-out", "cdk.tf.json"), "utf8"),
  );
  expect(Object.keys(stack.resource.bigip_ltm_virtual_server)).toHaveLength(2);
  expect(JSON.parse(documentedFiles.get("cdktf.json")!).app).toBe("npm run --silent synth");
});

test("the published package.json names no script: its scripts/ are not in the tarball", () => {
  const manifest = JSON.parse(
    execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" }),
  );
  expect(manifest.scripts).toBeUndefined();
  expect(manifest.devDependencies).toBeUndefined();
  expect(manifest.peerDependencies).toEqual({
    cdktf: "^0.21.0",
    cdktn: "^0.24.0",
    constructs: "^10.4.2",
  });
  expect(manifest.peerDependenciesMeta).toEqual({
    cdktf: { optional: true },
    cdktn: { optional: true },
  });
  // The repository's own manifest is back after the pack.
  expect(
    JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.prepack,
  ).toContain("pack-manifest.mjs strip");
});

/** docs/library.md's main.ts on CDK Terrain: App and TerraformStack from cdktn, and the library
 * from `libraryImport`. */
function cdktnMain(libraryImport: string): string {
  return documentedFiles
    .get("main.ts")!
    .replace('from "cdktf";', 'from "cdktn";')
    .replace('from "da-manage-out";', `from "${libraryImport}";`);
}

test("a cdktn app (docs/library.md, On CDK Terrain) synthesizes with da-manage-out/cdktn", () => {
  writeFileSync(path.join(cdktnApp, "tsconfig.json"), documentedFiles.get("tsconfig.json")!);
  writeFileSync(path.join(cdktnApp, "main.ts"), cdktnMain("da-manage-out/cdktn"));
  expect(readFileSync(path.join(cdktnApp, "main.ts"), "utf8")).toContain('from "cdktn";');

  run("npm", ["run", "--silent", "synth"], cdktnApp);

  const stack = JSON.parse(
    readFileSync(path.join(cdktnApp, "cdktf.out", "stacks", "manage-out", "cdk.tf.json"), "utf8"),
  );
  expect(stack["//"].metadata.version).toBe(devDependencies.cdktn);
  expect(Object.keys(stack.resource.bigip_ltm_virtual_server)).toHaveLength(2);
  expect(files).toContain("package/build/cdktn/lib/index.d.ts");
  expect(files).toContain("package/build/cdktn/.gen/providers/bigip/ltm-virtual-server/index.js");
});

// With both engines installed, the construct itself refuses an app of the other engine, naming
// the import to use (__tests__/engine-mix.test.ts); in a cdktn-only app the cdktf build cannot
// even load.
test("a cdktn app with the cdktf build fails to compile and to load: cdktf is not there", () => {
  writeFileSync(path.join(cdktnApp, "tsconfig.json"), documentedFiles.get("tsconfig.json")!);
  writeFileSync(path.join(cdktnApp, "main.ts"), cdktnMain("da-manage-out"));

  const tsc = [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "."];
  const check = spawnSync(process.execPath, tsc, { cwd: cdktnApp, encoding: "utf8" });
  expect(check.status).toBe(2);
  expect(check.stdout).toContain("Cannot find module 'cdktf'");
  run(process.execPath, [...tsc, "--noCheck"], cdktnApp);
  const result = spawnSync(process.execPath, ["main.js"], { cwd: cdktnApp, encoding: "utf8" });

  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Error: Cannot find module 'cdktf'");
});
