/**
 * The CDK engine, as the library uses it: the one module of lib/ and main.ts that imports "cdktf";
 * everything else imports the engine from here (eslint's `no-restricted-imports` and
 * `__tests__/engine-module.test.ts` hold the line). The package ships one build per engine, and
 * this is the one built file that differs between them: scripts/build-package.mjs writes it for
 * CDK Terrain with "cdktn", and fails if any other built file names an engine
 * (scripts/engine-imports.mjs). The app and jest run it on cdktn through a module alias
 * (scripts/engine.cjs).
 */
export {
  anyToHclTerraform,
  anyToTerraform,
  App,
  CloudBackend,
  DefaultTokenResolver,
  dependable,
  hashMapper,
  hashMapperHcl,
  LocalBackend,
  NamedCloudWorkspace,
  StringConcat,
  TaggedCloudWorkspaces,
  TerraformBackend,
  TerraformElement,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Token,
  Tokenization,
} from "cdktf";
export type { ITerraformDependable, TerraformRemoteState, TerraformResourceLifecycle } from "cdktf";
