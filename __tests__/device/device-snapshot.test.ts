/** The device's answers are untrusted data: odd shapes read as nothing, never as a crash. */
import type { IcontrolClient } from "../../lib/device/icontrol-client";
import { readDeviceInventory, readLtm } from "../../lib/device/device-snapshot";

/** A client whose every answer is `answer(path)`. */
function clientAnswering(answer: (path: string) => unknown): IcontrolClient {
  return { get: async (path: string) => answer(path) } as unknown as IcontrolClient;
}

const ODD_ANSWERS: unknown[] = [
  undefined,
  null,
  "items",
  42,
  [],
  { items: "not a list" },
  { items: [null, 7, "x", [], { fullPath: 3, destination: { a: 1 }, vlans: "v", mask: [] }] },
  { entries: { a: null, b: { nestedStats: "x" }, c: { nestedStats: { entries: [] } } } },
];

test.each(ODD_ANSWERS.map((answer) => [JSON.stringify(answer) ?? "undefined", answer]))(
  "an answer of %s reads as no objects",
  async (_, answer) => {
    const client = clientAnswering(() => answer);
    const inventory = await readDeviceInventory(client);
    expect(inventory.version).toBeUndefined();
    expect([...inventory.vlans, ...inventory.monitors, ...inventory.partitions]).toEqual([]);
    const ltm = await readLtm(client);
    for (const virtual of ltm.virtualServers) {
      expect(virtual).toEqual({
        fullPath: "3",
        destination: undefined,
        mask: undefined,
        ipProtocol: undefined,
        pool: undefined,
        translateAddress: undefined,
        translatePort: undefined,
        sourceAddressTranslation: undefined,
        vlansEnabled: undefined,
        vlans: undefined,
        profiles: [],
      });
    }
  },
);

test("fields are taken with their types only", async () => {
  const client = clientAnswering((path) =>
    path === "ltm/pool"
      ? {
          items: [
            {
              fullPath: "/Common/p",
              membersReference: { items: [{ name: "2001:db8::1.0", state: 1, session: "x" }] },
            },
          ],
        }
      : { items: [{ fullPath: "/Common/vs", vlans: ["/Common/a", 5], vlansEnabled: "yes" }] },
  );
  const { virtualServers, pools } = await readLtm(client);
  expect(virtualServers[0]).toMatchObject({ vlans: ["/Common/a"], vlansEnabled: undefined });
  expect(pools).toEqual([
    { fullPath: "/Common/p", members: [{ name: "2001:db8::1.0", state: undefined, session: "x" }] },
  ]);
});

test("reads pages of 100 until a short page, and stops when a device ignores $skip", async () => {
  const objects = Array.from({ length: 250 }, (_, i) => ({ fullPath: `/Common/vs${i}` }));
  const asked: string[] = [];
  const paging = {
    get: async (path: string, query: Record<string, string> = {}) => {
      asked.push(`${path} ${query.$skip}`);
      const skip = Number(query.$skip);
      return { items: objects.slice(skip, skip + Number(query.$top)) };
    },
  } as unknown as IcontrolClient;
  const { virtualServers } = await readLtm(paging);
  expect(virtualServers.map((vs) => vs.fullPath)).toEqual(objects.map((o) => o.fullPath));
  expect(asked.filter((line) => line.startsWith("ltm/virtual"))).toEqual([
    "ltm/virtual 0",
    "ltm/virtual 100",
    "ltm/virtual 200",
  ]);
  const ignoring = clientAnswering(() => ({ items: objects.slice(0, 100) }));
  expect((await readLtm(ignoring)).virtualServers).toHaveLength(100);
});
