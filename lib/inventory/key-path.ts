/** Key paths into an inventory, e.g. `["entryPoints", 0, "servers", 1, "clientPrefix"]`. */
export type KeyPath = readonly (string | number)[];

/** The path as a reader writes it: `entryPoints[0].servers[1].clientPrefix`. */
export function formatKeyPath(path: KeyPath): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}
