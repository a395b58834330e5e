/** A reader that stops early (`… | head -1`) ends the command quietly: exit 2, no stack trace. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

test("report into a closed pipe: no EPIPE trace, exit 2", () => {
  const work = mkdtempSync(path.join(tmpdir(), "da-manage-out-pipe-"));
  try {
    // 320 servers: far more output than a pipe buffers.
    const lines = ["name: big", "bigip: { vlans: [/Common/internal] }", "entryPoints:"];
    for (let c = 0; c < 10; c++) {
      lines.push(
        `  - name: e${c}`,
        `    clientPrefix: "2001:db8:${(0x8000 + c).toString(16)}:1000::/59"`,
        "    servers:",
      );
      for (let i = 0; i < 32; i++) {
        lines.push(
          `      - { name: da-${c}-${i}, internalAddress: "2001:db8:10::${(c * 32 + i + 1).toString(16)}", clientPrefix: "2001:db8:${(0x8000 + c).toString(16)}:${(0x1000 + i).toString(16)}::/64" }`,
        );
      }
    }
    const file = path.join(work, "big.yaml");
    writeFileSync(file, lines.join("\n") + "\n");
    const cli = path.resolve("bin/da-manage-out.js");
    const result = spawnSync(
      "bash",
      ["-c", `node "${cli}" report "${file}" | head -1; echo "exit \${PIPESTATUS[0]}" >&2`],
      { encoding: "utf8" },
    );
    expect(result.stdout).toBe("# DirectAccess Manage Out\n");
    expect(result.stderr).toBe("exit 2\n");
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
