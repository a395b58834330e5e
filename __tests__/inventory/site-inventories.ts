/** Inventories of one entry point each, written to a scratch folder: input for the cross-file rules. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

/**
 * A fresh folder per test (made and removed by jest hooks), and a writer of inventories in it.
 * @returns `site(name, prefix, bigip)`: writes `<name>.yaml` whose `bigip:` holds the lines
 * `bigip` (and `vlans`), with one entry point `name` of client prefix `prefix`; its path
 */
export function siteInventories(): (name: string, prefix: string, bigip: string) => string {
  let work: string;
  beforeEach(() => (work = mkdtempSync(path.join(tmpdir(), "da-manage-out-sites-"))));
  afterEach(() => rmSync(work, { recursive: true, force: true }));
  return (name, prefix, bigip) => {
    const file = path.join(work, `${name}.yaml`);
    writeFileSync(
      file,
      `name: ${name}
bigip:
${bigip}
  vlans: [/Common/internal]
entryPoints:
  - name: ${name}
    clientPrefix: "${prefix}"
    servers: [{ name: da-${name}-1, internalAddress: "2001:db8:40::11" }]
`,
    );
    return file;
  };
}
