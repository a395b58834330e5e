/**
 * The `terraform.backend` part of an inventory: where Terraform keeps the stack's state, so a team
 * shares and locks the state of each BIG-IP pair. Keys are Terraform's own (snake_case), with the
 * types Terraform gives them.
 *
 * Each backend knows exactly the arguments Terraform 1.5 to 1.11 accept (their union), taken from
 * the backends' `ConfigSchema` in hashicorp/terraform at v1.5.7, v1.6.6, v1.7.5, v1.8.5, v1.9.8,
 * v1.10.5 and v1.11.4 (`internal/backend/local/backend.go`,
 * `internal/backend/remote-state/{s3,azure,gcs,http,pg}/backend.go`, `internal/backend/remote/backend.go`,
 * `internal/cloud/backend.go`). Arguments that only some of these versions accept say so in their
 * description. Any other key is an error that names the closest known key.
 *
 * Credentials come from the environment, never from here: the arguments that hold one are listed
 * in `BACKEND_SECRETS`, and the backend-credentials rule refuses them (and any private key or
 * password in a URL or connection string) without ever showing the value.
 */
import { HIDDEN } from "../io/show-value";
import { createHash } from "node:crypto";
import { z } from "zod";
import { closestName } from "../text";
import { isCredentialKey } from "./credential-key";
import { pgConnStrSecret } from "./pg/conn-str-secret";

/** The backends an inventory can choose. */
export type BackendType = "local" | "s3" | "azurerm" | "gcs" | "http" | "pg" | "remote" | "cloud";

/** Where HCP Terraform and Terraform Enterprise tokens come from. */
const TERRAFORM_TOKEN =
  "TF_TOKEN_<hostname> (dots as underscores, e.g. TF_TOKEN_app_terraform_io) or the credentials file that terraform login writes";

/**
 * The arguments of each backend that hold a secret (by key path inside the backend), and where the
 * backend reads that secret instead. Terraform marks few of them sensitive, but every one would
 * put a credential in git.
 */
export const BACKEND_SECRETS: Readonly<Record<BackendType, Readonly<Record<string, string>>>> = {
  local: {},
  s3: {
    access_key: "AWS_ACCESS_KEY_ID (or a shared credentials file, profile or role)",
    secret_key: "AWS_SECRET_ACCESS_KEY (or a shared credentials file, profile or role)",
    token: "AWS_SESSION_TOKEN",
    sse_customer_key: "AWS_SSE_CUSTOMER_KEY",
    "assume_role_with_web_identity.web_identity_token":
      "the file named by assume_role_with_web_identity.web_identity_token_file or AWS_WEB_IDENTITY_TOKEN_FILE",
  },
  azurerm: {
    access_key: "ARM_ACCESS_KEY",
    sas_token: "ARM_SAS_TOKEN",
    client_secret: "ARM_CLIENT_SECRET (or the file named by client_secret_file_path)",
    client_certificate: "ARM_CLIENT_CERTIFICATE (or the file named by client_certificate_path)",
    client_certificate_password: "ARM_CLIENT_CERTIFICATE_PASSWORD",
    oidc_token: "ARM_OIDC_TOKEN (or the file named by oidc_token_file_path)",
    oidc_request_token:
      "ARM_OIDC_REQUEST_TOKEN (GitHub Actions sets ACTIONS_ID_TOKEN_REQUEST_TOKEN, Azure Pipelines SYSTEM_ACCESSTOKEN)",
  },
  gcs: {
    credentials:
      "GOOGLE_BACKEND_CREDENTIALS or GOOGLE_CREDENTIALS (a key file's path or contents), or Application Default Credentials",
    access_token: "GOOGLE_OAUTH_ACCESS_TOKEN",
    encryption_key: "GOOGLE_ENCRYPTION_KEY",
  },
  http: {
    password: "TF_HTTP_PASSWORD",
    client_private_key_pem: "TF_HTTP_CLIENT_PRIVATE_KEY_PEM",
  },
  pg: {},
  remote: { token: TERRAFORM_TOKEN },
  cloud: { token: TERRAFORM_TOKEN },
};

/**
 * Names of the backend arguments that hold secrets. They are refused in inventories (which live in
 * git): every backend reads them from its environment variables or credential files instead.
 */
export const BACKEND_SECRET_KEYS: readonly string[] = [
  ...new Set(
    Object.values(BACKEND_SECRETS).flatMap((secrets) =>
      Object.keys(secrets).map((path) => path.split(".").pop()!),
    ),
  ),
];

/**
 * Where the pg backend's connection (lib/pq) reads a password instead of the connection string:
 * PGPASSWORD or a ~/.pgpass file, or the whole string from PG_CONN_STR.
 */
export const PG_PASSWORD_SOURCES =
  "PGPASSWORD (or a ~/.pgpass file) on the machine that runs Terraform, or the whole connection string from PG_CONN_STR";

/**
 * True when a value holds a secret anywhere inside it: a string with a private key, a URL's
 * password or a connection string's password in any form (`pgConnStrSecret`), or a key named like
 * a credential. A problem never shows such a value (a list given where conn_str belongs...).
 */
function holdsSecret(value: unknown): boolean {
  if (typeof value === "string") return pgConnStrSecret(value) !== undefined;
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(
    ([key, item]) => (isCredentialKey(key) && item !== "") || holdsSecret(item),
  );
}

// Terraform's argument types. Terraform lists and sets of strings are YAML lists.
const string = z.string().optional();
const bool = z.boolean().optional();
const whole = z.number().int().optional();
const strings = z.array(z.string()).optional();
const stringMap = z.record(z.string(), z.string()).optional();

/**
 * An argument that holds a secret: the schema takes it in any form, so that the
 * backend-credentials rule refuses it as a secret and a type error never shows its value. Editors
 * mark it as not allowed.
 */
function secret(type: BackendType, path: string) {
  const where = BACKEND_SECRETS[type][path];
  if (where === undefined) throw new Error(`${type} ${path} is not in BACKEND_SECRETS`);
  return z
    .unknown()
    .optional()
    .meta({
      not: {},
      description: `a secret, refused here: ${backendName(type)} reads it from ${where}`,
    });
}

/** The documentation of a backend's arguments. */
function docsOf(type: BackendType): string {
  return type === "cloud"
    ? "developer.hashicorp.com/terraform/cli/cloud/settings"
    : `developer.hashicorp.com/terraform/language/backend/${type}`;
}

/** A backend as its documentation names it: "the s3 backend", "the cloud block". */
export function backendName(type: BackendType): string {
  return type === "cloud" ? "the cloud block" : `the ${type} backend`;
}

/**
 * A map of Terraform arguments that refuses every other key. zod's own unknown-key issue cannot
 * name the allowed keys inside a union (the backends), so unknown keys are reported here: the
 * message names the closest known key (a typo) or the allowed ones, and shows only the key, never
 * its value.
 * @param part the nested map, e.g. "endpoints"; the backend's own arguments when absent
 * @param oneOf keys of which the map must give exactly one
 */
function argumentsOf<Shape extends z.ZodRawShape>(
  type: BackendType,
  shape: Shape,
  { part, oneOf }: { part?: string; oneOf?: readonly string[] } = {},
) {
  const known = Object.keys(shape);
  const what = part ? `${backendName(type)}'s ${part}` : backendName(type);
  return z
    .object(shape)
    .loose()
    .superRefine(
      (value, context) => {
        if (value === null || typeof value !== "object" || Array.isArray(value)) return;
        const unknown = Object.keys(value).filter((key) => !known.includes(key));
        for (const key of unknown) {
          const suggestion = closestName(key, known);
          const help = suggestion
            ? `did you mean ${suggestion}?`
            : known.length <= 12
              ? `the keys allowed here are ${known.join(", ")}`
              : `see ${docsOf(type)}`;
          context.addIssue({
            code: "custom",
            path: [key],
            input: key,
            message: `is not a known key of ${what} (${help})`,
          });
        }
        const given = (oneOf ?? []).filter((key) => value[key] !== undefined);
        // With a misspelt key, the key's own problem says what to do.
        if (oneOf && given.length !== 1 && !(given.length === 0 && unknown.length > 0)) {
          context.addIssue({
            code: "custom",
            path: [],
            input: given.length > 0 ? given.join(", ") : "{}",
            message: `must give exactly one of ${oneOf.join(" and ")}`,
          });
        }
      },
      // Also when other keys of the map have errors: the file's problems are reported at once.
      { when: () => true },
    )
    .meta({
      additionalProperties: false,
      ...(oneOf ? { oneOf: oneOf.map((key) => ({ required: [key] })) } : {}),
    });
}

const local = argumentsOf("local", {
  type: z.literal("local"),
  path: string.describe(
    "the state file, relative to the project root; default terraform.<stack>.tfstate",
  ),
  workspace_dir: string.describe(
    "where the states of non-default workspaces go, relative to the project root; default terraform.tfstate.d",
  ),
}).describe("state in a local file (the default): terraform.<stack>.tfstate");

const S3_ASSUME_ROLE_OLD = "Terraform 1.5 to 1.9 only (removed in 1.10): use assume_role";

const s3 = argumentsOf("s3", {
  type: z.literal("s3"),
  bucket: z.string(),
  key: z.string(),
  region: z.string(),
  access_key: secret("s3", "access_key"),
  acl: string,
  allowed_account_ids: strings.describe("Terraform 1.6+"),
  assume_role: argumentsOf(
    "s3",
    {
      role_arn: z.string(),
      duration: string,
      external_id: string,
      policy: string,
      policy_arns: strings,
      session_name: string,
      source_identity: string,
      tags: stringMap,
      transitive_tag_keys: strings,
    },
    { part: "assume_role" },
  )
    .optional()
    .describe(
      "Terraform 1.6+: the IAM role to assume, e.g. { role_arn: arn:aws:iam::123456789012:role/tfstate }",
    ),
  assume_role_with_web_identity: argumentsOf(
    "s3",
    {
      role_arn: z.string(),
      duration: string,
      policy: string,
      policy_arns: strings,
      session_name: string,
      web_identity_token: secret("s3", "assume_role_with_web_identity.web_identity_token"),
      web_identity_token_file: string,
    },
    { part: "assume_role_with_web_identity" },
  )
    .optional()
    .describe("Terraform 1.6+: the IAM role to assume with an OIDC web identity token"),
  custom_ca_bundle: string.describe("Terraform 1.6+"),
  dynamodb_endpoint: string.describe("deprecated since Terraform 1.6: use endpoints.dynamodb"),
  dynamodb_table: string.describe("deprecated since Terraform 1.11: lock with use_lockfile"),
  ec2_metadata_service_endpoint: string.describe("Terraform 1.6+"),
  ec2_metadata_service_endpoint_mode: string.describe("Terraform 1.6+"),
  encrypt: bool,
  endpoint: string.describe("deprecated since Terraform 1.6: use endpoints.s3"),
  endpoints: argumentsOf(
    "s3",
    {
      dynamodb: string.describe("deprecated since Terraform 1.11"),
      iam: string,
      s3: string,
      sso: string.describe("Terraform 1.6.4+"),
      sts: string,
    },
    { part: "endpoints" },
  )
    .optional()
    .describe(
      "Terraform 1.6+: custom API endpoints, e.g. { s3: https://minio.example:9000 } for an S3-compatible store",
    ),
  forbidden_account_ids: strings.describe("Terraform 1.6+"),
  force_path_style: bool.describe("deprecated since Terraform 1.6: use use_path_style"),
  http_proxy: string.describe("Terraform 1.6+"),
  https_proxy: string.describe("Terraform 1.6.4+"),
  iam_endpoint: string.describe("deprecated since Terraform 1.6: use endpoints.iam"),
  insecure: bool.describe("Terraform 1.6+"),
  kms_key_id: string,
  max_retries: whole,
  no_proxy: string.describe("Terraform 1.6.4+"),
  profile: string,
  retry_mode: string.describe("Terraform 1.6+: standard or adaptive"),
  secret_key: secret("s3", "secret_key"),
  shared_config_files: strings.describe("Terraform 1.6+"),
  shared_credentials_file: string.describe(
    "deprecated since Terraform 1.6: use shared_credentials_files",
  ),
  shared_credentials_files: strings.describe("Terraform 1.6+"),
  skip_credentials_validation: bool,
  skip_metadata_api_check: bool,
  skip_region_validation: bool,
  skip_requesting_account_id: bool.describe("Terraform 1.6.1+"),
  skip_s3_checksum: bool.describe("Terraform 1.6.3+"),
  sse_customer_key: secret("s3", "sse_customer_key"),
  sts_endpoint: string.describe("deprecated since Terraform 1.6: use endpoints.sts"),
  sts_region: string.describe("Terraform 1.6+"),
  token: secret("s3", "token"),
  use_dualstack_endpoint: bool.describe("Terraform 1.6+"),
  use_fips_endpoint: bool.describe("Terraform 1.6+"),
  use_legacy_workflow: bool.describe("Terraform 1.6 and 1.7 only (removed in 1.8)"),
  use_lockfile: bool.describe("Terraform 1.10+: lock the state with a lock file in the bucket"),
  use_path_style: bool.describe("Terraform 1.6+"),
  workspace_key_prefix: string,
  // Deprecated in 1.6 and removed in 1.10, in favour of assume_role.
  role_arn: string.describe(S3_ASSUME_ROLE_OLD),
  session_name: string.describe(S3_ASSUME_ROLE_OLD),
  external_id: string.describe(S3_ASSUME_ROLE_OLD),
  assume_role_duration_seconds: whole.describe(S3_ASSUME_ROLE_OLD),
  assume_role_policy: string.describe(S3_ASSUME_ROLE_OLD),
  assume_role_policy_arns: strings.describe(S3_ASSUME_ROLE_OLD),
  assume_role_tags: stringMap.describe(S3_ASSUME_ROLE_OLD),
  assume_role_transitive_tag_keys: strings.describe(S3_ASSUME_ROLE_OLD),
}).describe("state in an S3 bucket; lock with use_lockfile: true (or dynamodb_table)");

const AZURE_1_11 = "Terraform 1.11+";

const azurerm = argumentsOf("azurerm", {
  type: z.literal("azurerm"),
  resource_group_name: z.string(),
  storage_account_name: z.string(),
  container_name: z.string(),
  key: z.string(),
  access_key: secret("azurerm", "access_key"),
  ado_pipeline_service_connection_id: string.describe(AZURE_1_11),
  client_certificate: secret("azurerm", "client_certificate"),
  client_certificate_password: secret("azurerm", "client_certificate_password"),
  client_certificate_path: string,
  client_id: string,
  client_id_file_path: string.describe(AZURE_1_11),
  client_secret: secret("azurerm", "client_secret"),
  client_secret_file_path: string.describe(AZURE_1_11),
  endpoint: string.describe("deprecated since Terraform 1.11: use msi_endpoint"),
  environment: string,
  lookup_blob_endpoint: bool.describe(AZURE_1_11),
  metadata_host: string,
  msi_endpoint: string,
  oidc_request_token: secret("azurerm", "oidc_request_token"),
  oidc_request_url: string,
  oidc_token: secret("azurerm", "oidc_token"),
  oidc_token_file_path: string,
  sas_token: secret("azurerm", "sas_token"),
  snapshot: bool,
  subscription_id: string,
  tenant_id: string,
  use_aks_workload_identity: bool.describe(AZURE_1_11),
  use_azuread_auth: bool,
  use_cli: bool.describe(AZURE_1_11),
  use_msi: bool,
  use_oidc: bool,
}).describe("state in an Azure storage container, locked with blob leases");

const gcs = argumentsOf("gcs", {
  type: z.literal("gcs"),
  bucket: z.string(),
  access_token: secret("gcs", "access_token"),
  credentials: secret("gcs", "credentials"),
  encryption_key: secret("gcs", "encryption_key"),
  impersonate_service_account: string,
  impersonate_service_account_delegates: strings,
  kms_encryption_key: string.describe(
    "the Cloud KMS key that encrypts the state: projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>",
  ),
  prefix: string,
  storage_custom_endpoint: string,
}).describe("state in a Google Cloud Storage bucket");

const http = argumentsOf("http", {
  type: z.literal("http"),
  address: z.string(),
  client_ca_certificate_pem: string,
  client_certificate_pem: string,
  client_private_key_pem: secret("http", "client_private_key_pem"),
  lock_address: string,
  lock_method: string,
  password: secret("http", "password"),
  retry_max: whole,
  retry_wait_max: whole,
  retry_wait_min: whole,
  skip_cert_verification: bool,
  unlock_address: string,
  unlock_method: string,
  update_method: string,
  username: string,
}).describe("state behind an HTTP endpoint (GitLab, Artifactory...)");

const pg = argumentsOf("pg", {
  type: z.literal("pg"),
  conn_str: string.describe(
    "the PostgreSQL connection string without a password, e.g. postgres://tfstate.corp.example/terraform?sslmode=verify-full; default PG_CONN_STR",
  ),
  schema_name: string.describe(
    "the schema of this stack's state; default da_manage_out_<stack> (one schema per stack, so two stacks never share a row); case counts, PostgreSQL keeps the first 63 bytes",
  ),
  skip_schema_creation: bool,
  skip_table_creation: bool,
  skip_index_creation: bool,
}).describe(
  "state in a PostgreSQL database, with locking (credentials from PGUSER, PGPASSWORD...)",
);

const remote = argumentsOf("remote", {
  type: z.literal("remote"),
  organization: z.string(),
  workspaces: argumentsOf(
    "remote",
    { name: string, prefix: string },
    { part: "workspaces", oneOf: ["name", "prefix"] },
  ).describe("the workspace: { name } for one workspace, or { prefix }"),
  hostname: string,
  token: secret("remote", "token"),
}).describe("state in HCP Terraform / Terraform Enterprise through the remote backend");

const cloud = argumentsOf("cloud", {
  type: z.literal("cloud"),
  organization: z.string(),
  workspaces: argumentsOf(
    "cloud",
    {
      name: string,
      tags: z
        .union([z.array(z.string()).min(1), z.record(z.string(), z.string())])
        .optional()
        .describe("a list of tags, or (Terraform 1.10+) a map of tag keys to values"),
      project: string.describe("Terraform 1.6+"),
    },
    { part: "workspaces", oneOf: ["name", "tags"] },
  ).describe("the workspace: { name } for one workspace, or { tags }; optional project"),
  hostname: string,
  project: string.describe("the project of the workspaces (Terraform 1.6+); or workspaces.project"),
  token: secret("cloud", "token"),
})
  .superRefine((value, context) => {
    if (value.project !== undefined && value.workspaces.project !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["workspaces", "project"],
        input: value.workspaces.project,
        message: "repeats project: give it once, here or beside workspaces",
      });
    }
  })
  .describe("state in HCP Terraform / Terraform Enterprise through the cloud block");

/** Every backend an inventory can choose. */
export const backendSchema = z
  .discriminatedUnion("type", [local, s3, azurerm, gcs, http, pg, remote, cloud])
  .superRefine(
    (_, context) => {
      // A problem shows the value it found (a map where a string belongs...): not when that
      // value holds a private key or a URL's password. Secret arguments take any value, so
      // their values never reach a problem from here.
      context.issues.forEach((issue, index) => {
        if (holdsSecret(issue.input)) {
          context.issues[index] = { ...issue, input: HIDDEN } as typeof issue;
        }
      });
    },
    { when: () => true },
  )
  .describe("where Terraform keeps this stack's state");

/** A backend as written in an inventory. */
export type BackendSettings = z.output<typeof backendSchema>;

/** PostgreSQL truncates identifiers to 63 bytes: two long names would meet in one schema. */
const MAX_PG_IDENTIFIER = 63;

/**
 * The pg backend's schema of a stack: the inventory's `schema_name`, else `da_manage_out_<stack>`
 * (lower case; stack names are unique ignoring case). cdktf always uses the workspace `default`,
 * so every stack needs a schema of its own, or two stacks would write one row. A name longer than
 * PostgreSQL keeps ends in a hash of the stack name instead.
 */
export function pgSchemaName(stackName: string, configured?: string): string {
  if (configured !== undefined) return configured;
  const name = `da_manage_out_${stackName.toLowerCase()}`;
  if (Buffer.byteLength(name) <= MAX_PG_IDENTIFIER) return name;
  const hash = createHash("sha256").update(stackName.toLowerCase()).digest("hex").slice(0, 12);
  return `${name.slice(0, MAX_PG_IDENTIFIER - 13)}_${hash}`;
}
