/**
 * The tmsh commands this project sends through `util/bash`, run against the fake device. Like the
 * device, a failed command still answers 200: the error text is the command's output.
 */
import { DeviceError } from "./device-error";
import type { DeviceState } from "./device-state";
import { parseDestination } from "./device-state";

/** Runs one tmsh command line; its output ("" when tmsh prints nothing). */
export function runTmsh(device: DeviceState, commandLine: string): string {
  device.tmshCommands.push(commandLine);
  try {
    const words = tokenize(commandLine);
    if (words[0] === "run" && words[1] === "cm" && words[2] === "config-sync") {
      return configSync(device, words.slice(3));
    }
    if (words[0] === "delete" && words[1] === "ltm" && words[2] === "node" && words.length === 4) {
      return deleteNode(device, words[3]);
    }
    if (words[0] === "modify" && words[1] === "ltm" && words[2] === "pool") {
      return modifyPoolMembers(device, words.slice(3));
    }
    if (words[0] === "modify" && words[1] === "ltm" && words[2] === "virtual") {
      modifyVirtual(device, words.slice(3));
      return "";
    }
    return `Syntax Error: "${words[0]}" unexpected argument`;
  } catch (error) {
    if (error instanceof DeviceError) return `${error.message}\n`;
    throw error;
  }
}

function configSync(device: DeviceState, words: string[]): string {
  if (words[0] !== "to-group" || words.length !== 2) {
    return `Syntax Error: "${words.join(" ")}" unexpected argument`;
  }
  const group = words[1];
  if (!device.deviceGroups.has(group)) {
    return `01070734:3: Configuration error: The requested device group (/Common/${group}) was not found\n`;
  }
  device.configSyncs.push(group);
  // It starts the sync and returns at once; cm/sync-status shows how it ends (config-sync.ts).
  device.sync.started(group);
  return "";
}

/** `delete ltm node <node>`: refused while a pool member uses the node. */
function deleteNode(device: DeviceState, name: string): string {
  const fullPath = name.startsWith("/") ? name : `/Common/${name}`;
  const node = device.nodes.get(fullPath);
  if (!node) return `01020036:3: The requested Node (${fullPath}) was not found.\n`;
  for (const pool of device.pools.values()) {
    for (const member of pool.members.values()) {
      if (
        member.address.address === node.address &&
        member.address.routeDomain === node.routeDomain
      ) {
        return `01070110:3: Node address '${fullPath}' is referenced by a member of pool '${pool.fullPath}'.\n`;
      }
    }
  }
  device.nodes.delete(fullPath);
  return "";
}

/** `modify ltm pool <pool> members delete { <member> ... }`: the member's node stays. */
function modifyPoolMembers(device: DeviceState, words: string[]): string {
  const [name, members, action, open, ...rest] = words;
  const fullPath = name.startsWith("/") ? name : `/Common/${name}`;
  const pool = device.pools.get(fullPath);
  if (!pool) return `01020036:3: The requested Pool (${fullPath}) was not found.\n`;
  if (members !== "members" || action !== "delete" || open !== "{" || rest.at(-1) !== "}") {
    return `Syntax Error: the fake supports only "members delete { ... }"`;
  }
  for (const member of rest.slice(0, -1)) {
    if (!pool.members.delete(member)) {
      return `01020036:3: The requested Pool Member (${fullPath} ${member}) was not found.\n`;
    }
  }
  return "";
}

function modifyVirtual(device: DeviceState, words: string[]): void {
  const [name, ...settings] = words;
  const fullPath = name.startsWith("/") ? name : `/Common/${name}`;
  const vs = device.virtualServers.get(fullPath);
  if (!vs)
    throw new DeviceError(
      404,
      `01020036:3: The requested Virtual Server (${fullPath}) was not found.`,
    );
  const body: Record<string, unknown> = {};
  let index = 0;
  const next = () => {
    const word = settings[index++];
    if (word === undefined) throw new DeviceError(400, `Syntax Error: missing value`);
    return word;
  };
  const block = (): string[] => {
    if (next() !== "{") throw new DeviceError(400, `Syntax Error: expected "{"`);
    const items: string[] = [];
    for (let word = next(); word !== "}"; word = next()) items.push(word);
    return items;
  };
  while (index < settings.length) {
    const property = next();
    switch (property) {
      case "destination":
        parseDestination(settings[index]); // fails like the device on a bad address
        body.destination = next();
        break;
      case "mask":
        body.mask = next();
        break;
      case "source":
        body.source = next();
        break;
      case "ip-protocol":
        body.ipProtocol = next();
        break;
      case "translate-address":
        body.translateAddress = next();
        break;
      case "translate-port":
        body.translatePort = next();
        break;
      case "pool":
        body.pool = next();
        break;
      case "description":
        body.description = next();
        break;
      case "vlans-enabled":
        body.vlansEnabled = true;
        break;
      case "vlans-disabled":
        body.vlansDisabled = true;
        break;
      case "source-address-translation": {
        const items = block();
        if (items[0] !== "type" || items.length !== 2)
          throw new DeviceError(400, `Syntax Error: "${items.join(" ")}" unexpected`);
        body.sourceAddressTranslation = { type: items[1] };
        break;
      }
      case "vlans":
      case "profiles": {
        if (next() !== "replace-all-with")
          throw new DeviceError(
            400,
            `Syntax Error: only replace-all-with is supported by the fake`,
          );
        body[property] = block();
        break;
      }
      default:
        throw new DeviceError(400, `Syntax Error: "${property}" unknown property`);
    }
  }
  // Changes apply all together or not at all, as a tmsh modify does.
  const changed = { ...vs, vlans: [...vs.vlans], profiles: [...vs.profiles] };
  device.applyVirtualSettings(changed, body, false);
  Object.assign(vs, changed);
}

/** Words of a tmsh command line: double-quoted strings are one word, braces are words. */
function tokenize(line: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|([{}])|([^\s{}"]+)/g;
  for (const match of line.matchAll(pattern)) {
    words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : (match[2] ?? match[3]));
  }
  return words;
}
