/**
 * Which inventories go to one BIG-IP, for the rules across files. Two inventories do when their
 * `bigip.host` is one address (parsed into one canonical form, lib/device/device-address.ts: case,
 * final dot, default port, IPv6 spelling and IPv4-mapped addresses make no other device), or when
 * they share a name in `bigip.deviceHostname` (both units of an HA pair are one configuration:
 * config sync copies it). Inventories without `bigip.host` all go to `BIGIP_HOST`.
 */
import { deviceKey, deviceUrl } from "../device/device-address";
import type { KeyPath } from "./key-path";
import type { CheckedInventoryFile } from "./rules/rule";

/** For each file, in order, a number that is the same for all files of one device. */
export function deviceGroups(files: readonly CheckedInventoryFile[]): number[] {
  const parent = files.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]];
    return index;
  };
  const firstWith = new Map<string, number>();
  files.forEach((file, index) => {
    for (const key of identityKeys(file)) {
      const first = firstWith.get(key);
      if (first === undefined) firstWith.set(key, index);
      else parent[root(index)] = root(first);
    }
  });
  return files.map((_, index) => root(index));
}

/** How `file` says that it goes to the device of `other` (a file of the same device group). */
export interface DeviceLink {
  /** The key of `file` that names the device: `bigip.host`, or a `bigip.deviceHostname` name. */
  readonly path: KeyPath;
  /** The value at `path` as written; `undefined` when it is missing (no host: `BIGIP_HOST`). */
  readonly text?: string;
  /** The device for people: `https://bigip-east.corp.example:443`, `BIGIP_HOST`, or a name. */
  readonly device: string;
}

/** Where and how `file` names the device of `other`; both must be of one device group. */
export function deviceLink(file: CheckedInventoryFile, other: CheckedInventoryFile): DeviceLink {
  const [host, otherHost] = [file.inventory.bigip.host, other.inventory.bigip.host];
  const hostPath = file.addresses.device?.path ?? ["bigip"];
  if (host === undefined && otherHost === undefined)
    return { path: hostPath, device: "BIGIP_HOST" };
  if (host !== undefined && otherHost !== undefined && deviceKey(host) === deviceKey(otherHost)) {
    return { path: hostPath, text: file.addresses.device!.text, device: deviceUrl(host) };
  }
  const otherNames = new Set(other.addresses.deviceHostnames.map((entry) => entry.name));
  const shared = file.addresses.deviceHostnames.find((entry) => otherNames.has(entry.name));
  if (shared) {
    return {
      path: shared.path,
      text: shared.text,
      device: `${shared.name}, by bigip.deviceHostname`,
    };
  }
  return {
    path: hostPath,
    text: file.addresses.device?.text,
    device: "linked by the bigip.deviceHostname of other inventories",
  };
}

function identityKeys({ inventory }: CheckedInventoryFile): string[] {
  const { host, deviceHostname = [] } = inventory.bigip;
  return [
    host === undefined ? "environment BIGIP_HOST" : `address ${deviceKey(host)}`,
    ...deviceHostname.map((name) => `hostname ${name}`),
  ];
}
