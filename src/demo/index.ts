/** `oompah demo`: a sandboxed, network-free tour of the whole pipeline (SPEC §18). */
export { startDemo, type Demo, type DemoOptions } from "./run-demo.js";
export { DEMO_TASKS, type DemoTask } from "./tasks.js";
export { DEMO_PROVIDER_ID, DEMO_PROVIDER_NAME } from "./workflow.js";
export type { DemoPaths } from "./sandbox.js";
export type { DemoSummary } from "./progress.js";
