/**
 * Address text has one reader per form: the `<address>%<id>` form (route domain or zone id) is
 * split and written by lib/address/bigip-addressing.ts, the management address by
 * lib/device/device-address.ts. No other source of lib/ or scripts/ looks for a `%` itself.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

const OWNERS = ["lib/address/bigip-addressing.ts", "lib/device/device-address.ts"];
/** URL percent-encoding, not an address suffix: how lib/pq and libpq read a connection string. */
const PERCENT_ENCODING = "lib/inventory/pg/";

/** A `%` looked for in code: `indexOf("%")`, `split("%")`, a regular expression with `%`. */
const PERCENT_SEARCH =
  /(?:indexOf|split|includes|lastIndexOf)\(\s*["'`]%["'`]|\/[^/\n]*%(?:\.\*|\(|\\d|\[)[^\n]*\/[dgimsuy]*[.,;)]/;

function sources(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|cjs|mjs|js)$/.test(entry.name))
    .map((entry) =>
      path.relative(".", path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
    );
}

test("only the owners of address text look for a % in lib/ and scripts/", () => {
  const files = [...sources("lib"), ...sources("scripts")];
  expect(files.length).toBeGreaterThan(100);
  const searching = files.filter(
    (file) =>
      !OWNERS.includes(file) &&
      !file.startsWith(PERCENT_ENCODING) &&
      readFileSync(file, "utf8")
        .split("\n")
        .some((line) => !/^\s*(\*|\/\/)/.test(line) && PERCENT_SEARCH.test(line)),
  );
  expect(searching).toEqual([]);
});

test("the search finds each way a % was looked for before", () => {
  for (const line of [
    'const percent = text.indexOf("%");',
    '  return parseIpv6Address(text.replace(/%.*$/, ""));',
    'if (net.isIPv6(text.split("%")[0])) {',
    "const ADDRESS = /^([0-9a-f:.]+)(?:%(\\d{1,5}))?$/;",
  ]) {
    expect(PERCENT_SEARCH.test(line)).toBe(true);
  }
  // Not address text: a share, Terraform's template sequence, a YAML directive.
  for (const line of [
    "const share = `${count}%`;",
    "const TEMPLATE_TEXT = /\\$\\{|%\\{|#\\{|TfToken\\[/;",
    "at(Math.max(text.search(/^%YAML/m), 0), {",
  ]) {
    expect(PERCENT_SEARCH.test(line)).toBe(false);
  }
});
