/**
 * Property: whatever strings the facts hold (a computer name, an entry point, a Teredo type, an
 * interface alias, a prefix), the generated inventory is one YAML document with exactly the
 * inventory's keys, one server per facts, and nothing a string could add; the only failure is the
 * documented refusal to guess (`UndecidableFactsError`, `PartialFactsError`).
 */
import fc from "fast-check";
import { parseDocument, visit } from "yaml";
import type { DaServerFacts } from "../../lib/tools/da-server-facts";
import {
  entryPointNames,
  findMissingNodes,
  inventoryFromFacts,
  PartialFactsError,
  UndecidableFactsError,
  type ImportOptions,
} from "../../lib/tools/import-facts";

/** Pieces of text that mean something to YAML, to a terminal or to a reader. */
const TRICKY = [
  "'",
  '"',
  "\n",
  "\r\n",
  "\r",
  "#",
  " #",
  ": ",
  ":",
  "- ",
  "? ",
  "{",
  "}",
  "[",
  "]",
  ",",
  "*",
  "&",
  "!",
  "|",
  ">",
  "%",
  "@",
  "`",
  "\\",
  "---",
  "...",
  "\n---\n",
  "\n...\n",
  "\t",
  " ",
  "\u0000",
  "\u0007",
  "\u001b[2K",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u200b",
  "\u202e",
  "\u2028",
  "\u2029",
  "\ufeff",
  "terraform:",
  "\nterraform:\n  backend: {}\n",
  "\n  - name: injected\n",
  "!!binary ",
  "<<: *a",
];

/** A lone surrogate: JSON can carry one (`"\ud800"`). */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

const hostile = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 3, arbitrary: fc.constantFrom(..."aZ09-._/ ") },
    { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: loneSurrogate },
  ),
  maxLength: 24,
});

/** Mostly plausible, sometimes hostile: so that the grouping and prefix paths are all taken. */
function sometimes(plausible: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...plausible) },
    { weight: 1, arbitrary: hostile },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...plausible), hostile).map(([a, b]) => a + b),
    },
  );
}

const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

const prefix = sometimes([
  "2001:db8:8000:1000::/59",
  "2001:db8:8000:1000::/64",
  "2001:db8:8000:1001::/64",
  "2001:db8:8000:2000::/64",
  "::/0",
]);
const address = sometimes(["2001:db8:10::11", "2001:db8:10::12", "fe80::1%11", "fd00::5"]);
const alias = sometimes(["IPHTTPSInterface", "Corp", "Internet", "Teredo Tunneling"]);
const nodeName = sometimes(["DA-EAST-1", "da-east-2.corp.example", "DA-EAST-3", "2001:db8:10::11"]);

const serverFacts: fc.Arbitrary<DaServerFacts> = fc
  .record({
    factsVersion: fc.constant(1 as const),
    computerName: sometimes(["DA-EAST-1", "DA-EAST-2", "da-east-3", "DA-LEEDS-1"]),
    entryPoint: nullable(sometimes(["branch-leeds", "Entry Point 2"])),
    cluster: nullable(sometimes(["da-east.corp.example", "203.0.113.10"])),
    clusterNodes: fc.array(nodeName, { maxLength: 3 }),
    entryPointServers: fc.array(nodeName, { maxLength: 2 }),
    clientIPv6Prefix: nullable(prefix),
    publishedRoutes: fc.array(
      fc.record({
        DestinationPrefix: prefix,
        InterfaceAlias: nullable(alias),
        Publish: nullable(sometimes(["Yes", "No", "1"])),
        NextHop: nullable(hostile),
      }),
      { maxLength: 3 },
    ),
    ipAddresses: fc.array(
      fc.record({
        IPAddress: address,
        InterfaceAlias: nullable(alias),
        PrefixLength: nullable(fc.integer({ min: -1, max: 129 })),
        PrefixOrigin: nullable(sometimes(["Manual", "Dhcp", "RouterAdvertisement"])),
        SuffixOrigin: nullable(sometimes(["Manual", "Random", "Link"])),
        AddressState: nullable(sometimes(["Preferred", "Deprecated"])),
      }),
      { maxLength: 3 },
    ),
    teredo: nullable(
      fc.record({
        Type: nullable(sometimes(["Disabled", "Client", "Enterpriseclient"])),
        State: nullable(hostile),
      }),
    ),
  })
  .map((facts) => facts as DaServerFacts);

const options: fc.Arbitrary<ImportOptions> = fc.record({
  name: fc.option(hostile, { nil: undefined }),
  vlans: fc.array(hostile, { maxLength: 3 }),
  sources: fc.array(hostile, { maxLength: 3 }),
  allowPartial: fc.boolean(),
});

const SERVER_KEYS = ["name", "internalAddress", "clientPrefix"];

interface Inventory {
  name?: unknown;
  bigip: { vlans: unknown };
  entryPoints: { name: string; clientPrefix: unknown; servers: Record<string, unknown>[] }[];
}

test("any strings in the facts give one YAML document of exactly the inventory's shape", () => {
  fc.assert(
    fc.property(fc.array(serverFacts, { minLength: 1, maxLength: 6 }), options, (facts, opts) => {
      let text: string;
      try {
        text = inventoryFromFacts(facts, opts);
      } catch (error) {
        expect(error).toBeInstanceOf(UndecidableFactsError);
        const partial = !opts.allowPartial && findMissingNodes(facts).length > 0;
        expect(error instanceof PartialFactsError).toBe(partial);
        return;
      }
      expect(!opts.allowPartial && findMissingNodes(facts).length > 0).toBe(false);

      const document = parseDocument(text, { uniqueKeys: true });
      expect(document.errors).toEqual([]);
      expect(document.warnings).toEqual([]);
      // No tag, anchor or alias: plain maps, sequences and scalars.
      visit(document, {
        Alias() {
          throw new Error("an alias in the generated inventory");
        },
        Node(_, node) {
          expect(node.tag).toBeUndefined();
          expect((node as { anchor?: string }).anchor).toBeUndefined();
        },
      });
      const inventory = document.toJS() as Inventory;

      expect(Object.keys(inventory)).toEqual(
        opts.name ? ["name", "bigip", "entryPoints"] : ["bigip", "entryPoints"],
      );
      if (opts.name) expect(inventory.name).toBe(opts.name);
      expect(inventory.bigip).toEqual({ vlans: opts.vlans });

      const names = entryPointNames(facts);
      const expectedNames = [...new Set(names.values())].sort();
      expect(inventory.entryPoints.map((entryPoint) => entryPoint.name).sort()).toEqual(
        expectedNames,
      );
      let servers = 0;
      for (const entryPoint of inventory.entryPoints) {
        expect(Object.keys(entryPoint)).toEqual(["name", "clientPrefix", "servers"]);
        expect(typeof entryPoint.clientPrefix).toBe("string");
        const members = facts.filter((server) => names.get(server) === entryPoint.name);
        expect(entryPoint.servers).toHaveLength(members.length);
        for (const server of entryPoint.servers) {
          expect(Object.keys(server)).toEqual(
            members.length > 1 ? SERVER_KEYS : SERVER_KEYS.slice(0, 2),
          );
          for (const key of Object.keys(server)) expect(typeof server[key]).toBe("string");
        }
        servers += entryPoint.servers.length;
      }
      expect(servers).toBe(facts.length);
      expect(JSON.stringify(inventory)).not.toMatch(/"terraform"\s*:/);
    }),
    { numRuns: 400 },
  );
});

test("strings in the facts never reach the YAML outside a comment or a checked value", () => {
  fc.assert(
    fc.property(fc.array(serverFacts, { minLength: 1, maxLength: 4 }), (facts) => {
      let text: string;
      try {
        text = inventoryFromFacts(facts, {
          vlans: ["/Common/internal"],
          sources: [],
          allowPartial: true,
        });
      } catch (error) {
        expect(error).toBeInstanceOf(UndecidableFactsError);
        return;
      }
      for (const line of text.split("\n")) {
        // Outside comments, a line is a key with a name, an address or a prefix, or a list item.
        const code = line.replace(/(?:^| +)#.*$/, "");
        expect(code).toMatch(
          /^(?: *(?:- )?[A-Za-z]+:(?: [A-Za-z0-9_.-]+| "[0-9a-f:/.]*"| \[\/Common\/internal\])?)?$/,
        );
        // A comment is one line with every invisible character named.
        expect(line).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}\u202e\ufeff]/u);
      }
    }),
    { numRuns: 400 },
  );
});
