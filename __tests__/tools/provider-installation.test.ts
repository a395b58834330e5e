/**
 * `doctor`'s provider check: ok only when `terraform init` installs the provider, with the version
 * and where it came from; otherwise one line with Terraform's error, escaped and short, and the
 * way to the README's closed-network section. With a stand-in terraform (always), and with the
 * real one and a filesystem mirror made from the installed provider (skipped, saying so, where
 * that provider is not installed).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { BIGIP_PROVIDER_VERSION } from "../../lib/terraform-requirements";
import { formatChecks } from "../../lib/tools/doctor";
import {
  checkProviderInstallation,
  CLOSED_NETWORK_GUIDE,
  errorExcerpt,
  installedFrom,
} from "../../lib/tools/provider-installation";
import { installedProvider, writeFilesystemMirror } from "../integration/harness/provider-mirror";
import { codeBlocks, readmeSection } from "../integration/harness/readme-commands";
import { FAKE_MIRROR_PACKAGE, fakeTerraform, type FakeTerraform } from "./fake-terraform";

const REGISTRY_ERROR = `
Error: Failed to query available provider packages

Could not retrieve the list of available versions for provider
f5networks/bigip: could not connect to registry.terraform.io: failed to
request discovery document: Get
"https://registry.terraform.io/.well-known/terraform.json": dial tcp: lookup
registry.terraform.io on 10.255.255.53:53: no such host

To see which modules are currently depending on f5networks/bigip and what
versions are specified, run the following command:
    terraform providers
`;

describe("with a stand-in terraform", () => {
  let fake: FakeTerraform;
  let work: string;
  beforeEach(() => {
    fake = fakeTerraform();
    work = mkdtempSync(path.join(tmpdir(), "da-manage-out-provider-check-test-"));
  });
  afterEach(() => {
    fake.remove();
    rmSync(work, { recursive: true, force: true });
  });
  const env = (extra: Record<string, string> = {}) => ({
    ...process.env,
    PATH: fake.path,
    ...extra,
  });

  test("ok names the version installed and the folder it came from", () => {
    expect(checkProviderInstallation({ env: env() })).toEqual({
      ok: true,
      what: `provider F5Networks/bigip 1.28.0 can be installed, from ${FAKE_MIRROR_PACKAGE}`,
    });
  });

  test("runs terraform init without a backend on the stacks' requirement, with the user's CLI configuration and cache", () => {
    const record = path.join(work, "calls.jsonl");
    checkProviderInstallation({
      env: env({
        FAKE_TERRAFORM_RECORD: record,
        TF_CLI_CONFIG_FILE: "/opt/terraform/terraformrc",
        TF_PLUGIN_CACHE_DIR: "/var/cache/terraform",
        CHECKPOINT_DISABLE: "",
      }),
    });
    const [call] = readFileSync(record, "utf8")
      .trim()
      .split("\n")
      .map(
        (line) =>
          JSON.parse(line) as {
            args: string[];
            configuration: string;
            env: Record<string, string>;
          },
      );
    expect(call.args).toEqual(["init", "-backend=false", "-input=false", "-no-color"]);
    expect(JSON.parse(call.configuration)).toEqual({
      terraform: {
        required_providers: {
          bigip: {
            source: "registry.terraform.io/f5networks/bigip",
            version: BIGIP_PROVIDER_VERSION,
          },
        },
      },
    });
    expect(call.env).toMatchObject({
      TF_CLI_CONFIG_FILE: "/opt/terraform/terraformrc",
      TF_PLUGIN_CACHE_DIR: "/var/cache/terraform",
      CHECKPOINT_DISABLE: "1",
    });
  });

  test("checks the release DA_MANAGE_OUT_PROVIDER_VERSION names, as the stacks then require it", () => {
    const record = path.join(work, "calls.jsonl");
    checkProviderInstallation({
      env: env({ FAKE_TERRAFORM_RECORD: record, DA_MANAGE_OUT_PROVIDER_VERSION: "1.29.0" }),
    });
    const call = JSON.parse(readFileSync(record, "utf8").trim().split("\n")[0]);
    expect(JSON.parse(call.configuration).terraform.required_providers.bigip.version).toBe(
      "1.29.0",
    );
  });

  test("a DA_MANAGE_OUT_PROVIDER_VERSION that is not one release fails before terraform runs", () => {
    const record = path.join(work, "calls.jsonl");
    expect(
      checkProviderInstallation({
        env: env({ FAKE_TERRAFORM_RECORD: record, DA_MANAGE_OUT_PROVIDER_VERSION: "~> 1.24" }),
      }),
    ).toEqual({
      ok: false,
      what: `DA_MANAGE_OUT_PROVIDER_VERSION must be an exact provider release such as ${BIGIP_PROVIDER_VERSION}, got "~> 1.24"; unset it to use the tested ${BIGIP_PROVIDER_VERSION}`,
    });
    expect(() => readFileSync(record)).toThrow();
  });

  test("a registry that cannot be reached fails with Terraform's error and the way to a mirror", () => {
    const check = checkProviderInstallation({
      env: env({ FAKE_TERRAFORM_INIT: "fail", FAKE_TERRAFORM_ERROR: REGISTRY_ERROR }),
    });
    expect(formatChecks([check])).toBe(
      'FAILED   provider F5Networks/bigip 1.28.0 cannot be installed: Error: Failed to query available provider packages: Could not retrieve the list of available versions for provider f5networks/bigip: could not connect to registry.terraform.io: failed to request discovery document: Get "https://registry.ter… (111 more characters): ' +
        `give Terraform the provider: from the registry, or on a closed network from a filesystem mirror named in a CLI configuration file (TF_CLI_CONFIG_FILE); see ${CLOSED_NETWORK_GUIDE}`,
    );
  });

  test("a failure shows no control characters and no more than a short excerpt", () => {
    const hostile = `Error: \u001b[2J\u001b[Hmirror\u202e moc.elpmaxe\n\n${"x".repeat(5000)}\n\nsecond paragraph\n\nthird paragraph`;
    const check = checkProviderInstallation({
      env: env({ FAKE_TERRAFORM_INIT: "fail", FAKE_TERRAFORM_ERROR: hostile }),
    });
    expect(check.ok).toBe(false);
    expect(check.what).not.toContain("\u001b");
    expect(check.what).not.toContain("\u202e");
    expect(check.what).toContain("<U+001B ESCAPE>[2J");
    expect(check.what).toContain("<U+202E RIGHT-TO-LEFT OVERRIDE>");
    expect(check.what).not.toContain("third paragraph");
    expect(check.what.length).toBeLessThan(400);
  });

  test("a terraform that never answers is stopped at the timeout and named as such", () => {
    const started = Date.now();
    const check = checkProviderInstallation({
      env: env({ FAKE_TERRAFORM_INIT: "hang" }),
      timeoutMs: 1000,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(check).toMatchObject({
      ok: false,
      what: "provider F5Networks/bigip 1.28.0 cannot be installed: terraform init did not finish within 1 s (a registry or mirror that does not answer)",
    });
  });

  test("a missing terraform fails without an exception", () => {
    expect(checkProviderInstallation({ env: { ...process.env, PATH: work } })).toMatchObject({
      ok: false,
      what: "provider F5Networks/bigip 1.28.0 cannot be installed: terraform cannot be run (ENOENT)",
    });
  });
});

describe("reading Terraform's output", () => {
  test("the error excerpt is Terraform's summary and first paragraph, boxed or not", () => {
    expect(
      errorExcerpt("╷\n│ Error: Invalid provider\n│ \n│ The mirror has\n│ no such version.\n╵\n"),
    ).toBe("Error: Invalid provider: The mirror has no such version.");
    expect(errorExcerpt("Initializing...\n")).toBeUndefined();
  });

  test.each([
    [
      "providercache.Dir.InstallPackage: installing registry.terraform.io/f5networks/bigip v1.28.0 from /opt/terraform/mirror/registry.terraform.io/f5networks/bigip/terraform-provider-bigip_1.28.0_linux_amd64.zip",
      "/opt/terraform/mirror/registry.terraform.io/f5networks/bigip/terraform-provider-bigip_1.28.0_linux_amd64.zip",
    ],
    [
      "providercache.Dir.InstallPackage: installing registry.terraform.io/f5networks/bigip v1.28.0 from https://user:secret@mirror.corp.example/providers/registry.terraform.io/f5networks/bigip/terraform-provider-bigip_1.28.0_linux_amd64.zip?token=abc",
      "a download from https://mirror.corp.example",
    ],
    [
      "providercache.Dir.LinkFromOtherCache: linking registry.terraform.io/f5networks/bigip v1.28.0 from existing cache /var/cache/terraform/registry.terraform.io/f5networks/bigip/1.28.0/linux_amd64 to .terraform/providers/registry.terraform.io/f5networks/bigip/1.28.0/linux_amd64",
      "the plugin cache /var/cache/terraform/registry.terraform.io/f5networks/bigip/1.28.0/linux_amd64",
    ],
    ["nothing about the provider", undefined],
  ])("the origin in %s", (log, origin) => {
    expect(installedFrom(`2026-12-04T19:20:10.782Z [TRACE] ${log}\n`)).toBe(origin);
  });

  test("the README has the closed-network section the fix points at", () => {
    const [file, anchor] = CLOSED_NETWORK_GUIDE.split("#");
    expect(file).toBe("README.md");
    expect(anchor).toBe("on-a-closed-network");
    expect(readmeSection("### On a closed network")).toContain("filesystem_mirror");
  });
});

const provider = installedProvider();
const describeWithInstalledProvider = typeof provider === "string" ? describe.skip : describe;
if (typeof provider === "string") {
  process.stderr.write(
    `provider check with the real terraform SKIPPED: ${provider}; the stand-in tests still ran\n`,
  );
}

describeWithInstalledProvider("with the real terraform and the README's CLI configuration", () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), "da-manage-out-mirror-"))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const [configuration] = codeBlocks(readmeSection("### On a closed network"), "hcl");
  /** The user's environment with the README's CLI configuration, and no plugin cache. */
  const mirrorOnly = (config: string): NodeJS.ProcessEnv => {
    const env: NodeJS.ProcessEnv = { ...process.env, TF_CLI_CONFIG_FILE: config };
    delete env.TF_PLUGIN_CACHE_DIR;
    return env;
  };

  test("ok from the filesystem mirror the configuration names, never the registry", () => {
    const config = writeFilesystemMirror(
      root,
      provider as Exclude<typeof provider, string>,
      configuration,
    );
    const check = checkProviderInstallation({
      env: mirrorOnly(config),
    });
    expect(check).toEqual({
      ok: true,
      what: expect.stringMatching(
        new RegExp(
          `^provider F5Networks/bigip \\d+\\.\\d+\\.\\d+ can be installed, from ${root}/mirror/registry\\.terraform\\.io/f5networks/bigip/`,
        ),
      ),
    });
  });

  test("an empty mirror fails with Terraform's reason and the way to the README", () => {
    const config = writeFilesystemMirror(
      root,
      provider as Exclude<typeof provider, string>,
      configuration,
    );
    rmSync(path.join(root, "mirror"), { recursive: true });
    const check = checkProviderInstallation({
      env: mirrorOnly(config),
    });
    expect(check.ok).toBe(false);
    expect(check.what).toMatch(/^provider F5Networks\/bigip 1\.28\.0 cannot be installed: Error: /);
    expect(check.fix).toContain(CLOSED_NETWORK_GUIDE);
  });
});
