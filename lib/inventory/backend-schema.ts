/**
 * The `terraform.backend` part of an inventory: where Terraform keeps the stack's state, so a team
 * shares and locks the state of each BIG-IP pair. Keys are Terraform's own (snake_case), as in the
 * Terraform documentation of each backend; credentials come from the environment, never from here.
 */
import { z } from "zod";

/** A backend setting: Terraform backends take strings, numbers and booleans. */
const setting = z.union([z.string(), z.number(), z.boolean()]);

/** A backend with its required keys; other keys of that backend pass through to Terraform. */
function backend<Type extends string, Shape extends z.ZodRawShape>(
  type: Type,
  required: Shape,
  description: string,
) {
  return z
    .object({ type: z.literal(type), ...required })
    .catchall(setting)
    .describe(description);
}

const namedWorkspace = z.strictObject({ name: z.string() });

const remoteWorkspaces = z
  .union([namedWorkspace, z.strictObject({ prefix: z.string() })])
  .describe("the workspace: { name } for one workspace, or { prefix }");

const cloudWorkspaces = z
  .union([namedWorkspace, z.strictObject({ tags: z.array(z.string()).min(1) })])
  .describe("the workspace: { name } for one workspace, or { tags }");

/** Every backend an inventory can choose. */
export const backendSchema = z
  .discriminatedUnion("type", [
    z
      .strictObject({ type: z.literal("local"), path: z.string().optional() })
      .describe("state in a local file (the default): terraform.<stack>.tfstate"),
    backend(
      "s3",
      { bucket: z.string(), key: z.string(), region: z.string() },
      "state in an S3 bucket; lock with use_lockfile: true (or dynamodb_table)",
    ),
    backend(
      "azurerm",
      {
        resource_group_name: z.string(),
        storage_account_name: z.string(),
        container_name: z.string(),
        key: z.string(),
      },
      "state in an Azure storage container, locked with blob leases",
    ),
    backend("gcs", { bucket: z.string() }, "state in a Google Cloud Storage bucket"),
    backend(
      "http",
      { address: z.string() },
      "state behind an HTTP endpoint (GitLab, Artifactory...)",
    ),
    backend(
      "remote",
      { organization: z.string(), workspaces: remoteWorkspaces },
      "state in HCP Terraform / Terraform Enterprise through the remote backend",
    ),
    z
      .strictObject({
        type: z.literal("cloud"),
        organization: z.string(),
        workspaces: cloudWorkspaces,
        hostname: z.string().optional(),
        project: z.string().optional(),
      })
      .describe("state in HCP Terraform / Terraform Enterprise through the cloud block"),
  ])
  .describe("where Terraform keeps this stack's state");

/** A backend as written in an inventory. */
export type BackendSettings = z.output<typeof backendSchema>;

/**
 * Backend keys that hold secrets. They are refused in inventories (which live in git): every
 * backend reads them from its environment variables or credential files instead.
 */
export const BACKEND_SECRET_KEYS = [
  "access_key",
  "secret_key",
  "token",
  "sas_token",
  "client_secret",
  "client_certificate_password",
  "password",
  "credentials",
  "access_token",
  "encryption_key",
  "kms_encryption_key",
];
