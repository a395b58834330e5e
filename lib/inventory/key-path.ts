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

/**
 * The names of the entry point and server a key path runs through, as the user thinks of them:
 * `east/da-east-2` for `entryPoints[0].servers[1].clientPrefix`. A list item's name is left out
 * when the path is that name itself (the problem already shows it), and when it is not a string.
 */
export function namesAlong(data: unknown, path: KeyPath): string | undefined {
  const names: string[] = [];
  let node = data;
  path.forEach((part, i) => {
    node = isObject(node) ? (node as Record<string | number, unknown>)[part] : undefined;
    if (typeof part !== "number" || !isObject(node)) return;
    const name = (node as { name?: unknown }).name;
    const isTheName = i === path.length - 2 && path[i + 1] === "name";
    if (typeof name === "string" && !isTheName) names.push(name);
  });
  return names.length > 0 ? names.join("/") : undefined;
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}
