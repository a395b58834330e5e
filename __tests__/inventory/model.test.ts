import { parseInventory } from "../../lib/inventory";

test("the model holds addresses and prefixes in canonical form, whatever the spelling", () => {
  const { inventory, problems } = parseInventory(
    "inventories/lab.yaml",
    `
bigip: { vlans: [/Common/internal] }
entryPoints:
  - name: east
    clientPrefix: "2131:0000:0000:1000:0:0:0:0/59"
    servers:
      - { name: da-east-1, internalAddress: "2001:DB8:10:0:0:0:0:11", clientPrefix: "2131:0:0:1000::/64" }
      - { name: da-east-2, internalAddress: "2001:db8:10::12", clientPrefix: "2131:0:0:1001:0::/64" }
  - name: branch
    clientPrefix: "2131:0:0:2000:0:0:0:0/64"
    servers:
      - { name: da-branch-1, internalAddress: "2001:0db8:0020::0011" }
`,
  );
  expect(problems).toEqual([]);
  expect(inventory!.entryPoints).toEqual([
    {
      name: "east",
      clientPrefix: "2131:0:0:1000::/59",
      servers: [
        {
          name: "da-east-1",
          internalAddress: "2001:db8:10::11",
          clientPrefix: "2131:0:0:1000::/64",
          existing: undefined,
        },
        {
          name: "da-east-2",
          internalAddress: "2001:db8:10::12",
          clientPrefix: "2131:0:0:1001::/64",
          existing: undefined,
        },
      ],
    },
    {
      name: "branch",
      clientPrefix: "2131:0:0:2000::/64",
      servers: [
        {
          name: "da-branch-1",
          internalAddress: "2001:db8:20::11",
          clientPrefix: "2131:0:0:2000::/64",
          existing: undefined,
        },
      ],
    },
  ]);
});

describe("route domain 0 is none in the model: no reader tells them apart", () => {
  const parsed = (routeDomain: string) =>
    parseInventory(
      "inventories/lab.yaml",
      `
bigip: { vlans: [/Common/internal]${routeDomain} }
entryPoints:
  - { name: east, clientPrefix: "2131:0:0:1000::/64", servers: [{ name: da-1, internalAddress: "2001:db8:10::11" }] }
`,
    ).inventory!.bigip;

  test("routeDomain: 0 is left out, as if not given", () => {
    const zero = parsed(", routeDomain: 0");
    expect(zero.routeDomain).toBeUndefined();
    expect("routeDomain" in zero).toBe(false);
    expect(zero).toEqual(parsed(""));
  });

  test("any other route domain is kept", () => {
    expect(parsed(", routeDomain: 2").routeDomain).toBe(2);
  });
});
