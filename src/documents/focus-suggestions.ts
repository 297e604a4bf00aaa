/**
 * `.oompah/focus_suggestions.json` (SPEC §8.5): the queue of automatic focus
 * proposals. `recordFinished` runs the pure analysis for a finished issue and
 * persists its result; accept/dismiss are the operator's decisions.
 */
import { OompahError } from "../domain/errors.js";
import {
  SuggestionsDocumentSchema,
  analyseFinishedIssue,
  proposedFocusFor,
  type FinishedWork,
  type FocusSuggestion,
  type ProposalOutcome,
} from "../domain/focus-proposals.js";
import type { Focus } from "../domain/focus.js";
import type { FociStore } from "./foci.js";
import { JsonDocument, type LoadResult } from "./json-document.js";

export class FocusSuggestionsStore {
  readonly document: JsonDocument<FocusSuggestion[]>;

  constructor(
    path: string,
    private readonly foci: FociStore,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.document = new JsonDocument({ path, schema: SuggestionsDocumentSchema, empty: () => [] });
  }

  load(): Promise<LoadResult<FocusSuggestion[]>> {
    return this.document.load();
  }

  reload(): Promise<LoadResult<FocusSuggestion[]>> {
    return this.document.reload();
  }

  list(): FocusSuggestion[] {
    return [...this.document.value];
  }

  /** Analyse an issue that reached Done or Merged; writes the suggestion and any proposed focus. */
  async recordFinished(work: FinishedWork): Promise<ProposalOutcome> {
    const { outcome, suggestions } = analyseFinishedIssue(
      work,
      this.foci.all(),
      this.document.value,
      this.now().toISOString(),
    );
    if (outcome.kind !== "suggested") return outcome;
    await this.document.save(suggestions);
    if (outcome.proposedFocus) await this.foci.addProposed(outcome.proposedFocus);
    return outcome;
  }

  private find(name: string): FocusSuggestion {
    const s = this.document.value.find((x) => x.name === name);
    if (!s) throw new OompahError("not_found", `no focus suggestion named ${name}`);
    return s;
  }

  private async setStatus(
    name: string,
    status: FocusSuggestion["status"],
  ): Promise<FocusSuggestion> {
    const updated = { ...this.find(name), status, last_seen: this.now().toISOString() };
    await this.document.save(this.document.value.map((s) => (s.name === name ? updated : s)));
    return updated;
  }

  /** Accepting creates the focus, or activates it when it was already proposed. */
  async accept(name: string): Promise<{ suggestion: FocusSuggestion; focus: Focus }> {
    const suggestion = await this.setStatus(name, "accepted");
    const existing = this.foci.get(name);
    const focus = existing
      ? await this.foci.setStatus(name, "active")
      : await this.foci.upsert({ ...proposedFocusFor(suggestion), status: "active" });
    return { suggestion, focus };
  }

  /** Dismissing is permanent for that name; a still-proposed focus of that name is withdrawn. */
  async dismiss(name: string): Promise<FocusSuggestion> {
    const suggestion = await this.setStatus(name, "dismissed");
    const proposed = this.foci.user().find((f) => f.name === name && f.status === "proposed");
    if (proposed) await this.foci.remove(name);
    return suggestion;
  }
}
