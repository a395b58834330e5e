// @both-engines: the outcome depends on the engine; jest.config.js runs it on cdktf and CDK Terrain.
/**
 * Every inventory that validates synthesizes, whatever its names: entry point and server names
 * never meet the stack's own construct ids, and no two resources share a Terraform address.
 */
import { parseInventory } from "../lib/inventory";
import { synthText } from "./stack-helpers";

/**
 * Names every JavaScript object has (constructor, toString, valueOf, hasOwnProperty...): valid
 * BIG-IP and DirectAccess names, and keys a plain object "has" before anyone sets them.
 */
const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype).filter((name) =>
  /^[A-Za-z]/.test(name),
);

/** Construct ids the stack, its constructs and cdktf use themselves. */
const OWN_IDS = [
  "bigip",
  "backend",
  "config_sync",
  "manage_out_entries",
  "fastl4_loose",
  "profile",
  "command",
  "trigger",
  "pool",
  "pool_member",
  "virtual_server",
  "prefix_trigger",
  "settings_command",
  "mask_command",
  "config_sync_on_destroy",
  "node_cleanup_on_destroy",
  "node_trigger",
  "x_config_sync_on_destroy",
  "Resource",
  "Default",
  "default",
];

function inventory(entryPoints: [entryPoint: string, servers: string[]][], bigip = ""): string {
  let n = 0;
  const entries = entryPoints.map(([entryPoint, servers], e) => {
    const lines = servers.map((server) => {
      n += 1;
      return `      - { name: ${server}, internalAddress: "2001:db8:10::${n.toString(16)}", clientPrefix: "2001:db8:8${e.toString(16)}00:${n.toString(16)}::/64" }`;
    });
    return [
      `  - name: ${entryPoint}`,
      `    clientPrefix: "2001:db8:8${e.toString(16)}00::/59"`,
      "    servers:",
      ...lines,
    ].join("\n");
  });
  return [
    "bigip:",
    "  vlans: [/Common/internal]",
    "  fastL4Profile: { loose: true }",
    "  configSync: { deviceGroup: Sync-Failover-Group }",
    bigip,
    "entryPoints:",
    ...entries,
    "",
  ].join("\n");
}

/** Resources per type in a synthesized stack. */
function resourceCounts(text: string): Record<string, number> {
  const resources = JSON.parse(text).resource as Record<string, Record<string, unknown>>;
  return Object.fromEntries(
    Object.entries(resources).map(([type, byName]) => [type, Object.keys(byName).length]),
  );
}

describe.each(["", "  routeDomain: 2", "  maskWorkaround: tmsh"])("with %s", (bigip) => {
  test.each([...OWN_IDS, ...OBJECT_MEMBERS])(
    "an entry point and a server named %s synthesize, or are refused by validation",
    (name) => {
      const text = inventory(
        [
          [name, [name, `${name}2`]],
          ["other", ["other-1"]],
        ],
        bigip,
      );
      const { inventory: parsed, problems } = parseInventory("inventories/lab.yaml", text);
      if (name === "Default") {
        expect(problems.map((problem) => problem.message)).toContain(
          "is reserved: cdktf leaves the name Default out of Terraform resource addresses",
        );
        return;
      }
      if (!/^[A-Za-z]/.test(name)) return;
      expect(problems).toEqual([]);
      const counts = resourceCounts(synthText(parsed!));
      // Three servers: each resource of a server exists three times, none overwrote another.
      expect(counts).toMatchObject({
        bigip_ltm_pool: 3,
        bigip_ltm_pool_attachment: 3,
        bigip_ltm_virtual_server: 3,
        bigip_ltm_profile_fastl4: 1,
        // Per server the prefix and node triggers, and the config sync's trigger.
        terraform_data: 7,
      });
      // Config sync and node cleanup on destroy, and the settings or mask command.
      const perServerCommands = bigip === "" ? 2 : 3;
      expect(counts.bigip_command).toBe(3 * perServerCommands + 1);
    },
  );
});

test("entry point Default and server y, entry point y and server Default would share addresses: Default is refused", () => {
  const text = inventory([
    ["Default", ["y"]],
    ["y", ["Default"]],
  ]);
  const { problems } = parseInventory("inventories/lab.yaml", text);
  expect(problems.map((problem) => [problem.path, problem.message])).toEqual([
    [
      "entryPoints[0].name",
      "is reserved: cdktf leaves the name Default out of Terraform resource addresses",
    ],
    [
      "entryPoints[1].servers[0].name",
      "is reserved: cdktf leaves the name Default out of Terraform resource addresses",
    ],
  ]);
});
