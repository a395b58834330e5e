// Jest setup (jest.config.js): the processes a suite starts (the app, the CLI) run on the engine
// of the suite's project.
process.env.DA_MANAGE_OUT_ENGINE = globalThis.DA_MANAGE_OUT_ENGINE;
