// Preloaded into every Node.js process of a benchmark run (NODE_OPTIONS=--require ...): appends
// the process's peak resident set size in KiB and its CPU time (user and system) in microseconds
// to $BENCH_RSS_FILE when it exits.
const fs = require("node:fs");

process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) {
    const usage = process.resourceUsage();
    const cpu = usage.userCPUTime + usage.systemCPUTime;
    fs.appendFileSync(process.env.BENCH_RSS_FILE, `${usage.maxRSS} ${cpu}\n`);
  }
});
