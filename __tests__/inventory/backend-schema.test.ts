/**
 * terraform.backend: every backend takes the arguments Terraform 1.5 to 1.11 document (nested ones
 * included) and writes them into the stack as given; unknown keys are refused with the closest
 * known key; secrets are refused without ever being shown.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import {
  BACKEND_SECRETS,
  formatProblem,
  inventoryJsonSchemaText,
  parseInventory,
} from "../../lib/inventory";
import { CLUSTER_AND_BRANCH, synthStack } from "../stack-helpers";
import { problemLines, VALID } from "./helpers";

/** The shared test inventory with a backend, written as YAML flow (JSON). */
function withBackend(backend: unknown): string {
  return `${CLUSTER_AND_BRANCH}terraform:\n  backend: ${JSON.stringify(backend)}\n`;
}

/** The formatted problems of an inventory with a backend, without their position (one line). */
function problemsOf(backend: Record<string, unknown>): string[] {
  const { inventory, problems } = parseInventory("inventories/lab.yaml", withBackend(backend));
  expect(inventory).toBeUndefined();
  return problems.map((problem) => formatProblem(problem).replace(/^[^:]*:\d+:\d+: /, ""));
}

const CERTIFICATE =
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2\n-----END CERTIFICATE-----\n";

/** Full examples after the Terraform documentation of each backend, without their secrets. */
const REMOTE_STATE_EXAMPLES: [string, Record<string, unknown>][] = [
  [
    "s3 (Terraform 1.6+ arguments)",
    {
      type: "s3",
      bucket: "mybucket",
      key: "path/to/my/key",
      region: "us-east-1",
      encrypt: true,
      kms_key_id: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      acl: "bucket-owner-full-control",
      use_lockfile: true,
      dynamodb_table: "terraform-locks",
      workspace_key_prefix: "env",
      profile: "tfstate",
      shared_config_files: ["~/.aws/config"],
      shared_credentials_files: ["~/.aws/credentials"],
      allowed_account_ids: ["123456789012"],
      max_retries: 5,
      retry_mode: "adaptive",
      sts_region: "us-east-1",
      custom_ca_bundle: "/etc/ssl/corp-ca.pem",
      http_proxy: "http://proxy.corp.example:3128",
      https_proxy: "http://proxy.corp.example:3128",
      no_proxy: "169.254.169.254",
      ec2_metadata_service_endpoint_mode: "IPv6",
      use_fips_endpoint: false,
      use_dualstack_endpoint: false,
      skip_s3_checksum: false,
      assume_role: {
        role_arn: "arn:aws:iam::123456789012:role/Terraform",
        session_name: "da-manage-out",
        external_id: "corp-network",
        duration: "1h",
        policy_arns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
        tags: { team: "network" },
        transitive_tag_keys: ["team"],
        source_identity: "ci",
      },
    },
  ],
  [
    "s3 (assume_role_with_web_identity)",
    {
      type: "s3",
      bucket: "mybucket",
      key: "path/to/my/key",
      region: "us-east-1",
      assume_role_with_web_identity: {
        role_arn: "arn:aws:iam::123456789012:role/Terraform",
        web_identity_token_file: "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
        session_name: "da-manage-out",
        duration: "1h",
      },
    },
  ],
  [
    "s3 (Terraform 1.5 arguments, deprecated later)",
    {
      type: "s3",
      bucket: "mybucket",
      key: "path/to/my/key",
      region: "us-east-1",
      endpoint: "https://minio.example:9000",
      force_path_style: true,
      dynamodb_endpoint: "https://dynamodb.example:8000",
      iam_endpoint: "https://iam.example",
      sts_endpoint: "https://sts.example",
      shared_credentials_file: "~/.aws/credentials",
      role_arn: "arn:aws:iam::123456789012:role/Terraform",
      session_name: "da-manage-out",
      external_id: "corp-network",
      assume_role_duration_seconds: 3600,
      assume_role_policy_arns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
      assume_role_tags: { team: "network" },
      assume_role_transitive_tag_keys: ["team"],
      skip_credentials_validation: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
    },
  ],
  [
    "azurerm (OpenID Connect)",
    {
      type: "azurerm",
      use_oidc: true,
      use_azuread_auth: true,
      tenant_id: "00000000-0000-0000-0000-000000000000",
      subscription_id: "00000000-0000-0000-0000-000000000000",
      client_id: "00000000-0000-0000-0000-000000000000",
      resource_group_name: "StorageAccount-ResourceGroup",
      storage_account_name: "abcd1234",
      container_name: "tfstate",
      key: "prod.terraform.tfstate",
      oidc_request_url: "https://token.actions.githubusercontent.com",
      ado_pipeline_service_connection_id: "00000000-0000-0000-0000-000000000000",
      lookup_blob_endpoint: true,
      environment: "public",
      snapshot: true,
    },
  ],
  [
    "azurerm (managed identity, certificate and secret files)",
    {
      type: "azurerm",
      use_msi: true,
      msi_endpoint: "http://169.254.169.254/metadata/identity/oauth2/token",
      client_id_file_path: "/run/secrets/arm-client-id",
      client_secret_file_path: "/run/secrets/arm-client-secret",
      client_certificate_path: "/path/to/bundle.pfx",
      oidc_token_file_path: "/run/secrets/oidc-token",
      use_cli: false,
      use_aks_workload_identity: false,
      metadata_host: "management.azure.com",
      resource_group_name: "StorageAccount-ResourceGroup",
      storage_account_name: "abcd1234",
      container_name: "tfstate",
      key: "prod.terraform.tfstate",
    },
  ],
  [
    "gcs",
    {
      type: "gcs",
      bucket: "tf-state-prod",
      prefix: "terraform/state",
      impersonate_service_account: "terraform@corp-network.iam.gserviceaccount.com",
      impersonate_service_account_delegates: ["delegate@corp-network.iam.gserviceaccount.com"],
      kms_encryption_key: "projects/corp-network/locations/global/keyRings/tf/cryptoKeys/state",
      storage_custom_endpoint: "https://storage.googleapis.com/storage/v1/",
    },
  ],
  [
    "http (GitLab, with a client certificate)",
    {
      type: "http",
      address: "https://gitlab.example.com/api/v4/projects/42/terraform/state/lab",
      lock_address: "https://gitlab.example.com/api/v4/projects/42/terraform/state/lab/lock",
      unlock_address: "https://gitlab.example.com/api/v4/projects/42/terraform/state/lab/lock",
      lock_method: "POST",
      unlock_method: "DELETE",
      update_method: "POST",
      username: "ci-bot",
      retry_max: 2,
      retry_wait_min: 5,
      retry_wait_max: 30,
      skip_cert_verification: false,
      client_ca_certificate_pem: CERTIFICATE,
      client_certificate_pem: CERTIFICATE,
    },
  ],
  [
    "remote",
    {
      type: "remote",
      hostname: "app.terraform.io",
      organization: "company",
      workspaces: { prefix: "my-app-" },
    },
  ],
];

describe("every backend accepts a full example from its Terraform documentation", () => {
  test.each(REMOTE_STATE_EXAMPLES)("%s, written into the backend block as given", (_, backend) => {
    const { type, ...settings } = backend;
    expect(synthStack(withBackend(backend)).terraform.backend).toEqual({
      [type as string]: settings,
    });
  });

  test("local, with both paths under the project root", () => {
    const backend = { type: "local", path: "state/lab.tfstate", workspace_dir: "state/workspaces" };
    expect(synthStack(withBackend(backend)).terraform.backend).toEqual({
      local: { path: "../../../state/lab.tfstate", workspace_dir: "../../../state/workspaces" },
    });
  });

  test("cloud, with tags as a map (Terraform 1.10+) and the project in workspaces", () => {
    const workspaces = { tags: { team: "network", env: "prod" }, project: "networking" };
    const backend = { type: "cloud", organization: "company", hostname: "app.terraform.io" };
    const { terraform } = synthStack(withBackend({ ...backend, workspaces }));
    expect(terraform.cloud).toEqual({
      organization: "company",
      hostname: "app.terraform.io",
      workspaces,
    });
  });
});

test("an S3-compatible store: endpoints.s3 and assume_role reach the backend block as nested objects", () => {
  const { terraform } = synthStack(readFileSync(`${VALID}/backend-s3-compatible.yaml`, "utf8"));
  const s3 = (terraform.backend as { s3: Record<string, unknown> }).s3;
  expect(s3.endpoints).toEqual({
    s3: "https://minio.example:9000",
    sts: "https://minio.example:9000",
  });
  expect(s3.assume_role).toEqual({
    role_arn: "arn:aws:iam::123456789012:role/tfstate",
    session_name: "da-manage-out",
    duration: "1h",
    tags: { team: "network" },
  });
  expect(s3.use_path_style).toBe(true);
});

test("rejects unknown keys, at any depth, naming the closest known key", () => {
  expect(problemLines("backend-unknown-key.yaml")).toEqual([
    "9:18: error: terraform.backend.use_lockfle is not a known key of the s3 backend (did you mean use_lockfile?), got 'use_lockfle'",
    "12:13: error: terraform.backend.endpoints.ssts is not a known key of the s3 backend's endpoints (did you mean sts?), got 'ssts'",
    "14:7: error: terraform.backend.assume_role.role_arn is missing; add it",
    "14:16: error: terraform.backend.assume_role.rolearn is not a known key of the s3 backend's assume_role (did you mean role_arn?), got 'rolearn'",
  ]);
});

test("rejects an unknown key with no close one, naming the allowed keys or the documentation", () => {
  expect(problemsOf({ type: "http", address: "https://state.example/lab", verify: false })).toEqual(
    [
      "error: terraform.backend.verify is not a known key of the http backend (see developer.hashicorp.com/terraform/language/backend/http), got 'verify'",
    ],
  );
  const s3 = { type: "s3", bucket: "b", key: "k", region: "eu-west-1" };
  expect(problemsOf({ ...s3, endpoints: { minio: "https://minio.example:9000" } })).toEqual([
    "error: terraform.backend.endpoints.minio is not a known key of the s3 backend's endpoints (the keys allowed here are dynamodb, iam, s3, sso, sts), got 'minio'",
  ]);
  // An argument of another backend is no argument of this one.
  expect(problemsOf({ type: "gcs", bucket: "b", use_lockfile: true })).toEqual([
    "error: terraform.backend.use_lockfile is not a known key of the gcs backend (the keys allowed here are type, bucket, access_token, credentials, encryption_key, impersonate_service_account, impersonate_service_account_delegates, kms_encryption_key, prefix, storage_custom_endpoint), got 'use_lockfile'",
  ]);
});

test("rejects values of the wrong type, as Terraform would", () => {
  const s3 = { type: "s3", bucket: "b", key: "k", region: "eu-west-1" };
  expect(problemsOf({ ...s3, encrypt: "yes", max_retries: 2.5, allowed_account_ids: "1" })).toEqual(
    [
      "error: terraform.backend.encrypt must be true or false, got 'yes'",
      "error: terraform.backend.max_retries must be a whole number, got '2.5'",
      "error: terraform.backend.allowed_account_ids must be a list, got '1'",
    ],
  );
});

test("rejects workspaces that name neither or both ways to choose them", () => {
  const remote = { type: "remote", organization: "company" };
  expect(problemsOf({ ...remote, workspaces: { name: "lab", prefix: "lab-" } })).toEqual([
    "error: terraform.backend.workspaces must give exactly one of name and prefix, got 'name, prefix'",
  ]);
  expect(problemsOf({ type: "cloud", organization: "company", workspaces: {} })).toEqual([
    "error: terraform.backend.workspaces must give exactly one of name and tags, got '{}'",
  ]);
  const cloud = { type: "cloud", organization: "company", project: "a" };
  expect(problemsOf({ ...cloud, workspaces: { name: "lab", project: "b" } })).toEqual([
    "error: terraform.backend.workspaces.project repeats project: give it once, here or beside workspaces, got 'b'",
  ]);
});

test("rejects a private key in gcs credentials, without showing it", () => {
  expect(problemLines("backend-private-key.yaml")).toEqual([
    "8:18: error: terraform.backend.credentials holds a private key (PEM), and inventories are committed to git, got '(hidden)'; remove it; on the machine that runs Terraform, the gcs backend reads it from GOOGLE_BACKEND_CREDENTIALS or GOOGLE_CREDENTIALS (a key file's path or contents), or Application Default Credentials",
  ]);
});

test("rejects a password in the http address, without showing it", () => {
  expect(problemLines("backend-url-password.yaml")).toEqual([
    "6:14: error: terraform.backend.address holds a password in a URL (user:password@), and inventories are committed to git, got '(hidden)'; remove user:password@ from the URL; the http backend reads the user name from username or TF_HTTP_USERNAME and the password from TF_HTTP_PASSWORD",
  ]);
});

test("says where each backend reads a refused secret instead", () => {
  const azurerm = {
    type: "azurerm",
    resource_group_name: "rg",
    storage_account_name: "st",
    container_name: "tfstate",
    key: "lab.tfstate",
  };
  expect(problemsOf({ ...azurerm, client_secret: "CANARY" })).toEqual([
    "error: terraform.backend.client_secret is a secret, and inventories are committed to git, got '(hidden)'; remove it; on the machine that runs Terraform, the azurerm backend reads it from ARM_CLIENT_SECRET (or the file named by client_secret_file_path)",
  ]);
  expect(
    problemsOf({ type: "cloud", organization: "company", workspaces: { name: "lab" }, token: "x" }),
  ).toEqual([
    "error: terraform.backend.token is a secret, and inventories are committed to git, got '(hidden)'; remove it; on the machine that runs Terraform, the cloud block reads it from TF_TOKEN_<hostname> (dots as underscores, e.g. TF_TOKEN_app_terraform_io) or the credentials file that terraform login writes",
  ]);
  const s3 = { type: "s3", bucket: "b", key: "k", region: "eu-west-1" };
  expect(
    problemsOf({ ...s3, endpoints: { s3: "https://minio:CANARY@minio.example:9000" } }),
  ).toEqual([
    "error: terraform.backend.endpoints.s3 holds a password in a URL (user:password@), and inventories are committed to git, got '(hidden)'; remove user:password@ from the URL; the s3 backend signs its requests with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (an S3-compatible store such as MinIO takes its access key and secret key there)",
  ]);
});

const CANARY = "CANARY-SECRET-0123456789";
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${CANARY}\n-----END RSA PRIVATE KEY-----\n`;
const S3 = { type: "s3", bucket: "b", key: "k", region: "eu-west-1" };
const HTTP = { type: "http", address: "https://state.example/lab" };

describe("never shows a secret in any problem", () => {
  test.each<[string, unknown]>([
    ["a secret argument", { ...S3, secret_key: CANARY }],
    ["a secret argument of the wrong type", { ...S3, access_key: [CANARY] }],
    ["a secret argument given as a map", { type: "gcs", bucket: "b", credentials: { pk: PEM } }],
    [
      "a nested secret argument",
      {
        ...S3,
        assume_role_with_web_identity: {
          role_arn: "arn:aws:iam::1:role/r",
          web_identity_token: CANARY,
        },
      },
    ],
    ["a misspelt secret argument", { ...S3, secret_keys: CANARY }],
    ["an unknown nested key", { ...S3, endpoints: { s4: `https://u:${CANARY}@minio.example` } }],
    ["a private key in a certificate argument", { ...HTTP, client_certificate_pem: PEM }],
    [
      "a private key in a nested value",
      { ...S3, assume_role: { role_arn: "arn:aws:iam::1:role/r", tags: { pem: PEM } } },
    ],
    [
      "a password in a lock URL",
      { ...HTTP, lock_address: `https://bot:${CANARY}@state.example/lock` },
    ],
    [
      "a password in a proxy URL",
      { ...S3, https_proxy: `http://proxy:${CANARY}@proxy.example:3128` },
    ],
    [
      "a password in a list item",
      { ...S3, shared_config_files: [`https://u:${CANARY}@files.example/config`] },
    ],
    ["a secret beside other errors", { ...S3, encrypt: "yes", token: CANARY, region: 1 }],
    ["a map argument given as a URL", { ...S3, endpoints: `https://u:${CANARY}@minio.example` }],
    [
      "a string argument given as a list",
      { ...HTTP, lock_address: [`https://u:${CANARY}@x.example`] },
    ],
    ["a key of an unknown backend", { type: "consul", address: `https://u:${CANARY}@x.example` }],
    ["the backend given as a URL", `s3://AKIA:${CANARY}@bucket/key`],
    [
      "a pg connection string given as a list",
      { type: "pg", conn_str: [`host=db password=${CANARY}`] },
    ],
    [
      "a pg connection string with +password given as a list",
      { type: "pg", conn_str: [`postgres://db/tf?+password=${CANARY}`] },
    ],
    ["a pg connection string given as a map", { type: "pg", conn_str: { password: CANARY } }],
  ])("%s", (_, backend) => {
    const { inventory, problems } = parseInventory("inventories/lab.yaml", withBackend(backend));
    expect(inventory).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map(formatProblem).join("\n")).not.toContain("CANARY");
    expect(JSON.stringify(problems)).not.toContain("CANARY");
  });
});

test("accepts a URL with a user name but no password, and certificates", () => {
  const backend = {
    ...HTTP,
    lock_address: "https://ci-bot@state.example/lock",
    client_ca_certificate_pem: CERTIFICATE,
  };
  expect(parseInventory("inventories/lab.yaml", withBackend(backend)).problems).toEqual([]);
});

/** A node of the generated JSON Schema. */
interface JsonSchemaNode {
  properties?: Record<string, JsonSchemaNode>;
  additionalProperties?: unknown;
  not?: unknown;
  const?: string;
}

describe("inventory.schema.json", () => {
  const schema = JSON.parse(inventoryJsonSchemaText());
  const backends: JsonSchemaNode[] = schema.properties.terraform.properties.backend.oneOf;
  const backend = (type: string) =>
    backends.find((option) => option.properties?.type.const === type);

  test("lets editors flag unknown keys of every backend and nested map", () => {
    for (const option of backends) expect(option.additionalProperties).toBe(false);
    const endpoints = backend("s3")?.properties?.endpoints;
    expect(endpoints?.additionalProperties).toBe(false);
    expect(Object.keys(endpoints?.properties ?? {})).toEqual([
      "dynamodb",
      "iam",
      "s3",
      "sso",
      "sts",
    ]);
  });

  test("marks every secret argument as not allowed", () => {
    for (const [type, secrets] of Object.entries(BACKEND_SECRETS)) {
      for (const argument of Object.keys(secrets)) {
        const property = argument
          .split(".")
          .reduce<JsonSchemaNode | undefined>(
            (node, key) => node?.properties?.[key],
            backend(type),
          );
        expect([type, argument, property?.not]).toEqual([type, argument, {}]);
      }
    }
  });
});

describe("docs/inventory.md, the backend section", () => {
  const docs = readFileSync("docs/inventory.md", "utf8");
  const section = docs.slice(docs.indexOf("## The backend"));

  test("lists every secret argument", () => {
    for (const secrets of Object.values(BACKEND_SECRETS)) {
      for (const argument of Object.keys(secrets)) {
        expect([argument, section.includes(`\`${argument}\``)]).toEqual([argument, true]);
      }
    }
  });

  test("gives a valid S3-compatible example", () => {
    const example = parse(/```yaml\n([^]*?)```/.exec(section)![1]);
    expect(synthStack(withBackend(example.terraform.backend)).terraform.backend).toMatchObject({
      s3: { endpoints: { s3: "https://minio.example:9000" }, use_lockfile: true },
    });
  });
});
