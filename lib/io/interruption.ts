/**
 * Clean-ups that must run before SIGINT (Ctrl-C, a CI runner cancelling a job) or SIGTERM (a
 * runner or `kill` stopping the process) end it: a device token to delete, a child to stop first.
 * While one is registered, such a signal no longer ends the process at once: every registered
 * clean-up runs, and when all have settled the process ends by that same signal, as it would have
 * without them (exit status 130 or 143 in a shell). Further signals meanwhile are ignored: `npm
 * run` forwards the terminal's SIGINT to a process that has already received it, so a second
 * signal is no sign of impatience. A clean-up must therefore end by itself (a request with a
 * timeout, a child that was told to stop).
 *
 * A signal that code of its own listens for (`sync-status --wait` ends its wait on SIGINT and
 * reports) is left to that code: the process does not end then, and what the clean-ups would do
 * happens on its ordinary way out (a `finally`).
 */

import type { ChildProcess } from "node:child_process";

/** What runs on the first SIGINT or SIGTERM. */
export type CleanUp = (signal: NodeJS.Signals) => unknown;

const SIGNALS = ["SIGINT", "SIGTERM"] as const;
/** One listener per signal, which knows its signal (`process.emit` passes none). */
const LISTENERS = {
  SIGINT: () => interrupted("SIGINT"),
  SIGTERM: () => interrupted("SIGTERM"),
};
const cleanUps = new Set<CleanUp>();
let ending: NodeJS.Signals | undefined;

/**
 * Registers `cleanUp` until the returned function is called.
 * @returns unregisters it; the signals' default action is back once none is left
 */
export function onInterruption(cleanUp: CleanUp): () => void {
  if (cleanUps.size === 0) listen(true);
  cleanUps.add(cleanUp);
  return () => {
    cleanUps.delete(cleanUp);
    if (cleanUps.size === 0 && ending === undefined) listen(false);
  };
}

/** The signal that is ending the process, once one came. */
export function interruptedBy(): NodeJS.Signals | undefined {
  return ending;
}

/** Listens first (before any other listener), or no more. */
function listen(on: boolean): void {
  for (const signal of SIGNALS) {
    if (on) process.prependListener(signal, LISTENERS[signal]);
    else process.removeListener(signal, LISTENERS[signal]);
  }
}

function interrupted(signal: NodeJS.Signals): void {
  // First among the listeners: any other is code that handles the signal itself.
  if (ending !== undefined || process.listenerCount(signal) > 1) return;
  ending = signal;
  void Promise.allSettled([...cleanUps].map(async (cleanUp) => cleanUp(signal))).then(() => {
    listen(false);
    process.kill(process.pid, signal);
  });
}

/**
 * The exit status of `child`, which is passed a SIGINT or SIGTERM this process gets. When one
 * came, the promise never settles: the process ends by that signal once the child has ended, so
 * a child that exits 0 after an interruption cannot make the run look finished.
 */
export function childEnded(child: ChildProcess): Promise<number> {
  const ended = new Promise<number>((resolve) => {
    child.on("error", () => resolve(1));
    child.on("close", (status) => resolve(status ?? 1));
  });
  const release = onInterruption((signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return ended;
  });
  return ended.then((status) => {
    release();
    return interruptedBy() === undefined ? status : new Promise<number>(() => {});
  });
}
