/**
 * `oompah validate` also checks the operator documents of the state
 * directory (SPEC §18): each `.oompah/*.json` that exists is parsed and
 * validated exactly as the service would load it, without writing anything.
 */
import { existsSync } from "node:fs";
import type { OompahError } from "../domain/errors.js";
import { FociStore } from "./foci.js";
import { FocusSuggestionsStore } from "./focus-suggestions.js";
import { ProjectsStore } from "./projects.js";
import { ProvidersStore } from "./providers.js";
import { SecretBox } from "./secrets.js";
import { stateDocumentPaths } from "./state-dir.js";

/** The validation errors of the state documents present in `serviceDir/.oompah/` (none → []). */
export async function validateStateDocuments(serviceDir: string): Promise<OompahError[]> {
  const paths = stateDocumentPaths(serviceDir);
  // Loading never decrypts or encrypts; the box is only there because the store needs one.
  const secrets = new SecretBox({ env: {}, dataDir: serviceDir });
  const foci = new FociStore(paths.foci);
  const documents: Array<[string, { load(): Promise<{ error: OompahError | null }> }]> = [
    [paths.projects, new ProjectsStore(paths.projects, null)],
    [paths.providers, new ProvidersStore(paths.providers, secrets, {})],
    [paths.foci, foci],
    [paths.focusSuggestions, new FocusSuggestionsStore(paths.focusSuggestions, foci)],
  ];
  const errors: OompahError[] = [];
  for (const [file, doc] of documents) {
    if (!existsSync(file)) continue;
    const { error } = await doc.load();
    if (error) errors.push(error);
  }
  return errors;
}
