/**
 * Where the operator-edited JSON documents live (SPEC §1.5): the state
 * directory `<service dir>/.oompah/`, next to WORKFLOW.md.
 */
import { join } from "node:path";

export interface StateDocumentPaths {
  stateDir: string;
  projects: string;
  providers: string;
  foci: string;
  focusSuggestions: string;
}

export function stateDocumentPaths(serviceDir: string): StateDocumentPaths {
  const stateDir = join(serviceDir, ".oompah");
  return {
    stateDir,
    projects: join(stateDir, "projects.json"),
    providers: join(stateDir, "providers.json"),
    foci: join(stateDir, "foci.json"),
    focusSuggestions: join(stateDir, "focus_suggestions.json"),
  };
}
