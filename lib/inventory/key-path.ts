/** Key paths into an inventory, e.g. `["entryPoints", 0, "servers", 1, "clientPrefix"]`. */
export type KeyPath = readonly (string | number)[];

/** The path as a reader writes it: `entryPoints[0].servers[1].clientPrefix`. */
export function formatKeyPath(path: KeyPath): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join("");
}

/** The key path of its written form: `entryPoints[0].servers[1]` is `["entryPoints", 0, "servers", 1]`. */
export function parseKeyPath(text: string): KeyPath {
  return (text.match(/[^.[\]]+|\[\d+\]/g) ?? []).map((part) =>
    part.startsWith("[") ? Number(part.slice(1, -1)) : part,
  );
}
