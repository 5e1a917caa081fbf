import { main } from "./program";

// Pulumi calls the exported function and uses what it resolves to as the stack outputs.
export = main;
