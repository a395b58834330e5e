/**
 * Terraform settings of a Manage Out stack: the Terraform and provider version constraints, and
 * the backend that holds the stack's state.
 */
import {
  CloudBackend,
  LocalBackend,
  NamedCloudWorkspace,
  TaggedCloudWorkspaces,
  TerraformBackend,
  TerraformStack,
  type TerraformRemoteState,
} from "./cdk";
import type { Construct } from "constructs";
import * as path from "node:path";
import { pgSchemaName, type BackendSettings } from "../inventory/backend-schema";
import { defaultLocalStatePath } from "../inventory/state-location";
import { REQUIRED_TERRAFORM_VERSION, requiredProviderVersion } from "../terraform-requirements";

/**
 * Sets `required_version`, the BIG-IP provider's version constraint and the backend.
 * @param backend the inventory's `terraform.backend`; a local state file when absent
 */
export function configureTerraform(stack: TerraformStack, backend?: BackendSettings): void {
  stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_VERSION);
  // The generated bindings pin their schema's release, which is the tested pin; a release under
  // trial (DA_MANAGE_OUT_PROVIDER_VERSION) replaces it.
  stack.addOverride("terraform.required_providers.bigip.version", requiredProviderVersion());
  if (!backend || backend.type === "local") {
    const workspaceDir = backend?.workspace_dir;
    new LocalBackend(stack, {
      path: localStatePath(stack, backend?.path),
      ...(workspaceDir === undefined ? {} : { workspaceDir: fromProjectRoot(workspaceDir) }),
    });
    return;
  }
  if (backend.type === "cloud") {
    const { organization, hostname, workspaces } = backend;
    // Terraform's own place for the project is the workspaces block; the inventory may also give
    // it beside workspaces (the schema refuses both at once).
    const project = workspaces.project ?? backend.project;
    new CloudBackend(stack, {
      organization,
      hostname,
      workspaces:
        workspaces.name !== undefined
          ? new NamedCloudWorkspace(workspaces.name, project)
          : // Terraform 1.10+ also takes the tags as a map; cdktf writes the value as it is given.
            new TaggedCloudWorkspaces(workspaces.tags as string[], project),
    });
    return;
  }
  const { type, ...settings } = backend;
  if (backend.type === "pg") {
    settings.schema_name = pgSchemaName(stack.node.id, backend.schema_name);
  }
  new InventoryBackend(stack, type, settings);
}

/**
 * Where a local state file goes, as Terraform sees it from the stack's working directory
 * `cdktf.out/stacks/<stack>/`: relative to the project root, so the synthesized JSON is the same
 * on every machine (cdktf's own default is an absolute path) and the state stays out of
 * `cdktf.out/`.
 * @param configured the inventory's `path`, relative to the project root or absolute
 */
export function localStatePath(stack: TerraformStack, configured?: string): string {
  return fromProjectRoot(configured ?? defaultLocalStatePath(stack.node.id));
}

/** A path relative to the project root as Terraform sees it from `cdktf.out/stacks/<stack>/`. */
function fromProjectRoot(file: string): string {
  return path.isAbsolute(file) ? file : path.posix.join("..", "..", "..", file);
}

/**
 * A `terraform { backend "<type>" { ... } }` block written with Terraform's own keys, exactly as
 * the inventory gives them (cdktf's typed backend classes would want them in camelCase).
 */
class InventoryBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    type: string,
    private readonly settings: Record<string, unknown>,
  ) {
    super(scope, "backend", type);
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { ...this.settings };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { ...this.settings };
  }

  override getRemoteStateDataSource(): TerraformRemoteState {
    throw new Error(
      `reading another stack's state through the ${this.name} backend is not supported`,
    );
  }
}
