import { Testing } from "cdktf";
// Brings the cdktf matchers' types (toHaveResourceWithProperties, ...) into the test files.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();
