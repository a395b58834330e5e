/**
 * Interrupted runs, as a stopped CI runner or the out-of-memory killer makes them: terraform
 * killed (SIGKILL) below the command that started it. Linux only (/proc).
 */
import { readdirSync, readFileSync } from "node:fs";

/** The process's descendants, with their command names, from /proc. */
function descendants(pid: number): { pid: number; name: string }[] {
  const children = new Map<number, { pid: number; name: string }[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split at the last ')'.
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), { pid: Number(entry), name }]);
  }
  const found: { pid: number; name: string }[] = [];
  const visit = (parent: number) => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child.pid);
    }
  };
  visit(pid);
  return found;
}

/** Kills (SIGKILL) every terraform process below `pid`; how many it killed. */
export function killTerraform(pid: number): number {
  const victims = descendants(pid).filter((process) => process.name === "terraform");
  for (const victim of victims) {
    try {
      globalThis.process.kill(victim.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
  return victims.length;
}

/** Resolves when `condition` holds, polling every 50 ms; rejects after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
