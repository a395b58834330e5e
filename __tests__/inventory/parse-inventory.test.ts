import { readFileSync } from "node:fs";
import { formatProblem, parseInventory } from "../../lib/inventory";

const FIXTURES = "__tests__/fixtures/invalid";

/** The formatted problems of one invalid fixture. */
function problemsOf(name: string): string[] {
  const file = `${FIXTURES}/${name}`;
  const parsed = parseInventory(file, readFileSync(file, "utf8"));
  expect(parsed.inventory).toBeUndefined();
  return parsed.problems.map(formatProblem);
}

describe("parseInventory rejects malformed inventories with the file, position and key", () => {
  test.each([
    [
      "bad-yaml.yaml",
      "3:1: error: the file is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the syntax at this position",
    ],
    [
      "duplicate-key.yaml",
      "3:3: error: the file gives the same key twice in one map, got 'vlans'; keep one of the two",
    ],
    [
      "empty.yaml",
      "1:1: error: the inventory file is empty; write a map with the keys bigip and entryPoints (see inventories/ for an example)",
    ],
    [
      "list-not-map.yaml",
      `1:1: error: the inventory must be a map, got '[{"name":"east","clientPrefix":"2131:0:0:1000::/64"}]'; expected DirectAccess Manage Out inventory for one BIG-IP (pair)`,
    ],
    [
      "missing-internal-address.yaml",
      "7:9: error: entryPoints[0].servers[0].internalAddress is missing; add the DA server's corporate-facing IPv6 address, e.g. 2001:db8:10::11",
    ],
    [
      "missing-node-prefix.yaml",
      "10:9: error: entryPoints[0].servers[1].clientPrefix is missing, and entry point 'east' has 2 servers; give each node of a load-balanced cluster its own /64 IP-HTTPS prefix from inside the entry point's prefix",
    ],
    [
      "missing-vlans.yaml",
      "2:3: error: bigip.vlans is missing; add corporate-side VLANs the virtual servers listen on, e.g. [/Common/internal]",
    ],
  ])("%s", (name, expected) => {
    expect(problemsOf(name)).toEqual([`${FIXTURES}/${name}:${expected}`]);
  });

  test("not-ipv6.json: reports every non-IPv6 value of a JSON inventory at its position", () => {
    expect(problemsOf("not-ipv6.json")).toEqual([
      `${FIXTURES}/not-ipv6.json:6:23: error: entryPoints[0].clientPrefix must be an IPv6 prefix in CIDR form, got '10.20.0.0/16'; expected the entry point's IP-HTTPS client prefix (Get-DAServer ClientIPv6Prefix), e.g. 2131:0:0:1000::/59`,
      `${FIXTURES}/not-ipv6.json:7:61: error: entryPoints[0].servers[0].internalAddress must be an IPv6 address, got '10.1.0.11'; expected the DA server's corporate-facing IPv6 address, e.g. 2001:db8:10::11`,
    ]);
  });

  test("unknown-key.yaml: rejects a misspelt key, pointing at the key", () => {
    expect(problemsOf("unknown-key.yaml")).toEqual([
      `${FIXTURES}/unknown-key.yaml:7:9: error: entryPoints[0].servers[0].internalAddress is missing; add the DA server's corporate-facing IPv6 address, e.g. 2001:db8:10::11`,
      `${FIXTURES}/unknown-key.yaml:8:9: error: entryPoints[0].servers[0].internalAdress is not a known key, got 'internalAdress'; check the spelling; the keys allowed here are name, internalAddress, clientPrefix`,
    ]);
  });

  test("wrong-types.yaml: reports all wrong types of a file at once", () => {
    expect(problemsOf("wrong-types.yaml")).toEqual([
      `${FIXTURES}/wrong-types.yaml:2:10: error: bigip.vlans must be a list, got '/Common/internal'; expected corporate-side VLANs the virtual servers listen on, e.g. [/Common/internal]`,
      `${FIXTURES}/wrong-types.yaml:3:16: error: bigip.routeDomain must be a number, got 'two'; expected route domain id of the virtual servers and pool members`,
      `${FIXTURES}/wrong-types.yaml:7:14: error: entryPoints[0].servers must list at least 1 item, got '[]'; expected the DA servers of this entry point, at least one`,
    ]);
  });
});

describe("parseInventory builds the model", () => {
  const text = `
bigip:
  vlans: [/Common/internal]
entryPoints:
  - name: branch
    clientPrefix: 2131:0:0:2000::/64
    servers:
      - name: da-branch-1
        internalAddress: 2001:db8:20::11
`;

  test("applies the defaults of the bigip settings", () => {
    expect(parseInventory("inventories/lab.yml", text).inventory?.bigip).toEqual({
      partition: "Common",
      vlans: ["/Common/internal"],
      monitor: "/Common/gateway_icmp",
      namePrefix: "da_mo",
    });
  });

  test("gives the only server of an entry point the entry point's prefix", () => {
    const server = parseInventory("inventories/lab.yml", text).inventory?.entryPoints[0].servers[0];
    expect(server?.clientPrefix).toBe("2131:0:0:2000::/64");
  });

  test("names the stack after the inventory's name, else after the file", () => {
    expect(parseInventory("inventories/lab.yml", text).inventory?.stackName).toBe("lab");
    expect(
      parseInventory("inventories/lab.yml", `name: corp-lab\n${text}`).inventory?.stackName,
    ).toBe("corp-lab");
  });
});
