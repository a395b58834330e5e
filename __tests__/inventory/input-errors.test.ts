/** Structure and syntax: what the YAML parser and the schema reject, with position and key. */
import { problemLines } from "./helpers";

test.each([
  [
    "bad-yaml.yaml",
    "3:1: error: the file is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]; fix the syntax at this position",
  ],
  [
    "duplicate-key.yaml",
    "3:3: error: bigip.vlans appears twice in one map (first at 2:3); keep one of the two",
  ],
  [
    "unquoted-trailing-colon.yaml",
    `8:26: error: the value ends in ':', which YAML reads as the start of a nested map, got '2001:db8:10::'; quote it: "2001:db8:10::"`,
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
    "7:9: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) is missing; add the DA server's corporate-facing IPv6 address, e.g. 2001:db8:10::11",
  ],
  [
    "missing-vlans.yaml",
    "2:3: error: bigip.vlans is missing; add corporate-side VLANs the virtual servers listen on, e.g. [/Common/internal]",
  ],
  [
    "mask-workaround.yaml",
    "3:19: error: bigip.maskWorkaround must be one of dotted, tmsh, got 'cidr'; expected how the IPv6 mask gets past the provider's mask defect: dotted (mask with an IPv4 tail) or tmsh (a tmsh command after create)",
  ],
  [
    "backend-type.yaml",
    "4:20: error: terraform.backend.type must be one of local, s3, azurerm, gcs, http, pg, remote, cloud, got 'consul'",
  ],
])("rejects %s", (name, expected) => {
  expect(problemLines(name)).toEqual([expected]);
});

test("rejects duplicate keys of a .json file in JSON's terms, with key path and both places, no YAML advice", () => {
  // The YAML reader called the second "partition", indented 6 spaces, an indentation error.
  const json =
    "keep one: JSON readers disagree on which of the two counts (JavaScript keeps the last, others the first)";
  expect(problemLines("duplicate-key.json")).toEqual([
    `6:7: error: bigip.partition appears twice in one JSON object (first at 5:5); ${json}`,
    `16:11: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) appears twice in one JSON object (first at 15:11); ${json}`,
    `21:3: error: name appears twice in one JSON object (first at 2:3); ${json}`,
  ]);
});

test("rejects YAML tags other than the core ones (!!binary), which other tools read otherwise", () => {
  expect(problemLines("binary-tag.yaml")).toEqual([
    "1:17: error: the tag !!binary is not read: the value after it would be taken as plain text; write the value itself, without a tag",
  ]);
});

test("rejects a misspelt key, pointing at the key and suggesting the right one", () => {
  expect(problemLines("unknown-key.yaml")).toEqual([
    "7:9: error: entryPoints[0].servers[0].internalAddress (east/da-east-1) is missing; add the DA server's corporate-facing IPv6 address, e.g. 2001:db8:10::11",
    "8:9: error: entryPoints[0].servers[0].internalAdress (east/da-east-1) is not a known key, got 'internalAdress'; did you mean internalAddress?",
  ]);
});

test("rejects wrong types, all of a file at once", () => {
  expect(problemLines("wrong-types.yaml")).toEqual([
    "2:10: error: bigip.vlans must be a list, got '/Common/internal'; expected corporate-side VLANs the virtual servers listen on, e.g. [/Common/internal]",
    "3:16: error: bigip.routeDomain must be a number, got 'two'; expected route domain id of the virtual servers and pool members",
    "7:14: error: entryPoints[0].servers (east) must list at least 1 item, got '[]'; expected the DA servers of this entry point, at least one",
  ]);
});
