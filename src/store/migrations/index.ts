/** The ordered list of migrations; append new ones, never edit applied ones. */
import { migration0001 } from "./0001-core.js";
import { migration0002 } from "./0002-cost.js";
import { migration0003 } from "./0003-integrations.js";
import type { Migration } from "./migration.js";

export type { Migration } from "./migration.js";

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003];
