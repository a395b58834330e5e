/**
 * The CA of the BIG-IP's certificate, from BIGIP_CA_FILE (what doctor reads) to the provider's
 * BIGIP_TRUSTED_CERT_PATH, in `npm run cdktf --` and `npm run deploy` (lib/deploy/device-ca.ts).
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { withDeviceCa } from "../../lib/deploy/device-ca";

const TEST_CA = path.resolve("__tests__/fixtures/tls/ca.pem");
const HOW =
  "BIGIP_CA_FILE names the CA of the BIG-IP's certificate for doctor and the deploy alike (docs/terraform.md#the-big-ips-tls-certificate)";

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-device-ca-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe("withDeviceCa", () => {
  test("hands BIGIP_CA_FILE to the provider as an absolute BIGIP_TRUSTED_CERT_PATH", () => {
    // Terraform runs in cdktf.out/stacks/<stack>/: a relative path would name another file there.
    copyFileSync(TEST_CA, path.join(folder, "ca.pem"));
    const result = withDeviceCa({ BIGIP_CA_FILE: "ca.pem" }, folder);
    expect(result.env).toEqual({
      BIGIP_CA_FILE: "ca.pem",
      BIGIP_TRUSTED_CERT_PATH: path.join(folder, "ca.pem"),
    });
  });

  test("resolves a relative path where npm run was typed (INIT_CWD), as doctor there does", () => {
    copyFileSync(TEST_CA, path.join(folder, "ca.pem"));
    const result = withDeviceCa({ BIGIP_CA_FILE: "ca.pem", INIT_CWD: folder });
    expect(result.env?.BIGIP_TRUSTED_CERT_PATH).toBe(path.join(folder, "ca.pem"));
  });

  test("without BIGIP_CA_FILE leaves the environment as it is", () => {
    const env = { BIGIP_HOST: "bigip-east.corp.example" };
    expect(withDeviceCa(env, folder)).toEqual({ env });
  });

  test("accepts the BIGIP_TRUSTED_CERT_PATH it set itself (deploy hands it to cdktf)", () => {
    const env = { BIGIP_CA_FILE: TEST_CA, BIGIP_TRUSTED_CERT_PATH: TEST_CA };
    expect(withDeviceCa(env, folder)).toEqual({ env });
  });

  test.each([
    [
      "a BIGIP_TRUSTED_CERT_PATH without BIGIP_CA_FILE",
      { BIGIP_TRUSTED_CERT_PATH: TEST_CA },
      `BIGIP_TRUSTED_CERT_PATH is set without BIGIP_CA_FILE: set BIGIP_CA_FILE to that file instead; ${HOW}`,
    ],
    [
      "a BIGIP_TRUSTED_CERT_PATH of another file",
      { BIGIP_CA_FILE: TEST_CA, BIGIP_TRUSTED_CERT_PATH: "/etc/ssl/other-ca.pem" },
      `BIGIP_TRUSTED_CERT_PATH names another file than BIGIP_CA_FILE: unset it; ${HOW}`,
    ],
    [
      "a missing file",
      { BIGIP_CA_FILE: "missing-ca.pem" },
      `the CA file 'missing-ca.pem' (BIGIP_CA_FILE) does not exist`,
    ],
    ["a folder", { BIGIP_CA_FILE: "." }, `the CA file '.' (BIGIP_CA_FILE) is not a regular file`],
  ])("refuses %s", (_, env, error) => {
    expect(withDeviceCa(env, folder)).toEqual({ error });
  });

  test("refuses a file without a PEM certificate: the provider would fall back to the system's CAs alone", () => {
    // A private key where the CA belongs: the message never shows the content.
    writeFileSync(path.join(folder, "ca.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE\n");
    expect(withDeviceCa({ BIGIP_CA_FILE: "ca.pem" }, folder)).toEqual({
      error: `the CA file 'ca.pem' (BIGIP_CA_FILE) holds no PEM certificate`,
    });
  });
});

describe("da-manage-out cdktf and deploy", () => {
  const run = (args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [path.join("bin", "da-manage-out.js"), ...args], {
      encoding: "utf8",
      env: { ...process.env, ...env },
      timeout: 120_000,
    });

  test("npm run cdktf -- diff refuses a BIGIP_CA_FILE the provider cannot use, before cdktf starts", () => {
    const result = run(["cdktf", "diff"], { BIGIP_CA_FILE: path.join(folder, "none.pem") });
    expect(result.stderr).toBe(
      `da-manage-out: the CA file '${path.join(folder, "none.pem")}' (BIGIP_CA_FILE) does not exist\n`,
    );
    expect(result.status).toBe(2);
  });

  test("npm run deploy stops a stack that verifies when BIGIP_CA_FILE is not set, before Terraform", () => {
    const inventories = path.join(folder, "inventories");
    mkdirSync(inventories);
    copyFileSync("inventories/corp-east.yaml", path.join(inventories, "corp-east.yaml"));
    const env: NodeJS.ProcessEnv = {
      DA_MANAGE_OUT_INVENTORIES: inventories,
      BIGIP_CA_FILE: undefined,
      BIGIP_TRUSTED_CERT_PATH: undefined,
      // Terraform, if it were started, would fail on this.
      PATH: path.join(folder, "no-terraform"),
    };
    const result = run(["deploy", "corp-east", "--output", path.join(folder, "cdktf.out")], env);
    expect(result.stderr).toBe(
      "da-manage-out: corp-east: the provider verifies the BIG-IP's TLS certificate and needs the CA that signed it: set BIGIP_CA_FILE to that PEM file (doctor verifies with the same); only for a lab, bigip.validateCerts: false (docs/terraform.md#the-big-ips-tls-certificate)\n",
    );
    expect(result.status).toBe(2);
  }, 120_000);
});
