// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/** Inventory options that shape the whole stack: backend, versions, fastL4 profile, config sync. */
import { CLUSTER_AND_BRANCH, synthStack } from "./stack-helpers";

const BASE = CLUSTER_AND_BRANCH;

const synth = synthStack;

/** BASE with extra lines added to the bigip map. */
function withBigip(lines: string): string {
  return BASE.replace("  vlans: [/Common/internal]\n", `  vlans: [/Common/internal]\n${lines}`);
}

describe("Terraform settings", () => {
  test("require Terraform >= 1.5 and exactly the tested BIG-IP provider release, 1.28.0", () => {
    const { terraform } = synth(BASE);
    expect(terraform.required_version).toBe(">= 1.5");
    expect(terraform.required_providers).toEqual({
      bigip: { source: "registry.terraform.io/f5networks/bigip", version: "1.28.0" },
    });
  });

  test("require the provider release DA_MANAGE_OUT_PROVIDER_VERSION names, while it is set", () => {
    process.env.DA_MANAGE_OUT_PROVIDER_VERSION = "1.29.0";
    try {
      expect(synth(BASE).terraform.required_providers).toMatchObject({
        bigip: { version: "1.29.0" },
      });
    } finally {
      delete process.env.DA_MANAGE_OUT_PROVIDER_VERSION;
    }
  });

  test("keep the state in a local file at the project root by default, the same on every machine", () => {
    // Terraform runs in cdktf.out/stacks/<stack>/.
    expect(synth(BASE).terraform.backend).toEqual({
      local: { path: "../../../terraform.lab.tfstate" },
    });
  });

  test("put a relative local state path under the project root, and keep an absolute one", () => {
    const local = (path: string) =>
      `${BASE}terraform:\n  backend: { type: local, path: "${path}" }\n`;
    expect(synth(local("state/lab.tfstate")).terraform.backend).toEqual({
      local: { path: "../../../state/lab.tfstate" },
    });
    expect(synth(local("/var/lib/tf/lab.tfstate")).terraform.backend).toEqual({
      local: { path: "/var/lib/tf/lab.tfstate" },
    });
  });

  test.each([
    [
      "s3",
      {
        bucket: "tfstate",
        key: "da-manage-out/lab.tfstate",
        region: "eu-west-1",
        use_lockfile: true,
      },
    ],
    [
      "azurerm",
      {
        resource_group_name: "rg-tf",
        storage_account_name: "sttfstate",
        container_name: "tfstate",
        key: "lab.tfstate",
      },
    ],
    ["gcs", { bucket: "tfstate", prefix: "da-manage-out/lab" }],
    [
      "http",
      {
        address: "https://gitlab.example/api/v4/projects/1/terraform/state/lab",
        lock_method: "POST",
      },
    ],
    ["remote", { organization: "corp", workspaces: { name: "da-manage-out-lab" } }],
  ])("write a %s backend with Terraform's own keys", (type, settings) => {
    const text = `${BASE}terraform:\n  backend: ${JSON.stringify({ type, ...settings })}\n`;
    expect(synth(text).terraform.backend).toEqual({ [type]: settings });
  });

  test("write the cloud block for HCP Terraform", () => {
    const text = `${BASE}terraform:\n  backend: { type: cloud, organization: corp, workspaces: { name: lab } }\n`;
    const { terraform } = synth(text);
    expect(terraform.backend).toBeUndefined();
    expect(terraform.cloud).toEqual({ organization: "corp", workspaces: { name: "lab" } });
  });
});

describe("fastL4 profile", () => {
  test("loose: true creates a loose-initiation, loose-close profile and uses it on every virtual server", () => {
    const { resource } = synth(withBigip("  fastL4Profile: { loose: true }\n"));
    const [[profileId, profile]] = Object.entries(resource.bigip_ltm_profile_fastl4);
    expect(profile).toEqual({
      name: "/Common/da_mo_fastl4_loose",
      defaults_from: "/Common/fastL4",
      loose_initiation: "enabled",
      loose_close: "enabled",
    });
    // By its full path (a tmsh line holds literals only); each pool, and so its virtual server,
    // is created after the profile and destroyed before it.
    for (const virtualServer of Object.values(resource.bigip_ltm_virtual_server)) {
      expect(virtualServer.profiles).toEqual(["/Common/da_mo_fastl4_loose"]);
    }
    for (const pool of Object.values(resource.bigip_ltm_pool)) {
      expect(pool.depends_on).toContain(`bigip_ltm_profile_fastl4.${profileId}`);
    }
  });

  test("an existing profile's name is used as it is, and nothing is created", () => {
    const { resource } = synth(withBigip("  fastL4Profile: /Common/fastL4_asym\n"));
    expect(resource.bigip_ltm_profile_fastl4).toBeUndefined();
    for (const virtualServer of Object.values(resource.bigip_ltm_virtual_server)) {
      expect(virtualServer.profiles).toEqual(["/Common/fastL4_asym"]);
    }
  });
});

describe("config sync of an HA pair", () => {
  const { resource } = synth(withBigip("  configSync: { deviceGroup: Sync-Failover-Group }\n"));
  const commands = Object.entries(resource.bigip_command);
  const [[, sync]] = commands.filter(([, command]) => command.when === undefined);

  test("runs after every pool, pool member and virtual server of the stack", () => {
    expect(sync.commands).toEqual(["run cm config-sync to-group Sync-Failover-Group"]);
    const expected = [
      "bigip_ltm_pool",
      "bigip_ltm_pool_attachment",
      "bigip_ltm_virtual_server",
    ].flatMap((type) => Object.keys(resource[type]).map((id) => `${type}.${id}`));
    expect([...(sync.depends_on as string[])].sort()).toEqual(expected.sort());
  });

  test("runs again whenever the desired configuration changes", () => {
    const [[triggerId, trigger]] = Object.entries(resource.terraform_data).filter(([id]) =>
      id.startsWith("config_sync"),
    );
    expect(trigger.input).toEqual({
      configuration_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(sync.lifecycle).toMatchObject({ replace_triggered_by: [`terraform_data.${triggerId}`] });
    const changed = synth(
      withBigip("  configSync: { deviceGroup: Sync-Failover-Group }\n").replace(
        "2001:db8:10::12",
        "2001:db8:10::99",
      ),
    );
    expect(
      Object.values(changed.resource.terraform_data).map((data) => data.input),
    ).not.toContainEqual(trigger.input);
  });

  test("syncs the removal of a server once its objects and its node are gone", () => {
    const onDestroy = Object.fromEntries(
      commands.filter(([, command]) => command.when === "destroy"),
    );
    const syncs = Object.keys(onDestroy).filter((id) =>
      /_config_sync_on_destroy_[0-9A-F]{8}$/.test(id),
    );
    expect(syncs).toHaveLength(Object.keys(resource.bigip_ltm_pool).length);
    for (const id of syncs) {
      expect(onDestroy[id].commands).toEqual(["run cm config-sync to-group Sync-Failover-Group"]);
      // <entry point>_<server>_config_sync_on_destroy_<hash> goes with the server's node cleanup
      // and pool: the pool is destroyed first, then the node, then the sync runs.
      const server = id.replace(/config_sync_on_destroy_[0-9A-F]{8}$/, "");
      const [[cleanupId, cleanup]] = Object.entries(onDestroy).filter(([other]) =>
        other.startsWith(`${server}node_cleanup_on_destroy_`),
      );
      expect(cleanup.depends_on).toEqual([`bigip_command.${id}`]);
      const pools = Object.entries(resource.bigip_ltm_pool).filter(([poolId]) =>
        poolId.startsWith(`${server}pool_`),
      );
      expect(pools.map(([, pool]) => pool.depends_on)).toEqual([[`bigip_command.${cleanupId}`]]);
    }
  });

  test("is absent without configSync", () => {
    const resources = synth(BASE).resource;
    expect(
      Object.values(resources.bigip_command).map((command) => command.commands),
    ).not.toContainEqual(expect.arrayContaining([expect.stringContaining("config-sync")]));
  });
});
