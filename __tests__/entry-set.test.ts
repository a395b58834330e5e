/** entrySetProblems: the checks across entries, for library users' own lists. */
import { entrySetProblems, type EntryIdentity } from "../lib/validation/entry-set";

const entry = (
  entryPointName: string,
  serverName: string,
  internalAddress: string,
  clientPrefix: string,
): EntryIdentity => ({ entryPointName, serverName, internalAddress, clientPrefix });

test("a consistent list has no problems", () => {
  expect(
    entrySetProblems([
      entry("east", "da-1", "2001:db8:10::11", "2001:db8:8000:1000::/64"),
      entry("east", "da-2", "2001:db8:10::12", "2001:db8:8000:1001::/64"),
    ]),
  ).toEqual([]);
});

test.each<[string, EntryIdentity[], string]>([
  [
    "the same prefix twice",
    [
      entry("east", "da-1", "2001:db8:10::11", "2001:db8:8000:1000::/64"),
      entry("east", "da-2", "2001:db8:10::12", "2001:db8:8000:1000::/64"),
    ],
    "east/da-2: clientPrefix 2001:db8:8000:1000::/64 is the same prefix as east/da-1's 2001:db8:8000:1000::/64; every DA server needs its own IP-HTTPS prefix",
  ],
  [
    "a prefix inside another",
    [
      entry("east", "da-1", "2001:db8:10::11", "2001:db8:8000:1000::/59"),
      entry("west", "da-2", "2001:db8:10::12", "2001:db8:8000:1001::/64"),
    ],
    "west/da-2: clientPrefix 2001:db8:8000:1001::/64 overlaps east/da-1's 2001:db8:8000:1000::/59; every DA server needs its own IP-HTTPS prefix",
  ],
  [
    "one internal address twice",
    [
      entry("east", "da-1", "2001:db8:10::11", "2001:db8:8000:1000::/64"),
      entry("east", "da-2", "2001:db8:10::11", "2001:db8:8000:1001::/64"),
    ],
    "east/da-2: internalAddress 2001:db8:10::11 is also east/da-1's; each DA server has its own corporate-facing address",
  ],
  [
    "an internal address in another entry's prefix",
    [
      entry("east", "da-1", "2001:db8:10::11", "2001:db8:8000:1000::/64"),
      entry("east", "da-2", "2001:db8:8000:1000::5", "2001:db8:8000:1001::/64"),
    ],
    "east/da-2: internalAddress 2001:db8:8000:1000::5 lies inside east/da-1's clientPrefix 2001:db8:8000:1000::/64; the internal address is the DA server's corporate-side address",
  ],
  [
    "names that compose one object name",
    [
      entry("a", "b_c", "2001:db8:10::11", "2001:db8:8000:1000::/64"),
      entry("a_b", "c", "2001:db8:10::12", "2001:db8:8000:1001::/64"),
    ],
    "a_b/c: /Common/da_mo_a_b_c_pool is also a/b_c's object; give entry points or servers names that compose different object names",
  ],
])("finds %s", (_, entries, problem) => {
  expect(entrySetProblems(entries)).toContain(problem);
});
