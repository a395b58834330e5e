// Preloaded with `node --require` by the CLI test: reports on exit whether cdktf was loaded.
process.on("exit", () => {
  const loaded = Object.keys(require.cache).some((file) => file.includes("/node_modules/cdktf/"));
  process.stderr.write(`cdktf loaded: ${loaded}\n`);
});
