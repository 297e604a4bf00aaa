/**
 * The score preview (§8.3): the sample issue typed by the operator as a
 * `POST /api/v1/foci/preview` body, and one explained row per focus of the
 * answer, the selected focus marked.
 */
import { splitList } from "../../../shared/forms.js";
import type { FocusScore, IssueType, Preview, PreviewBody } from "./wire.js";

export interface PreviewForm {
  title: string;
  description: string;
  type: IssueType;
  /** Comma-separated. */
  labels: string;
  /** A canonical status, or "" for none. */
  state: string;
}

export const EMPTY_PREVIEW_FORM: PreviewForm = {
  title: "",
  description: "",
  type: "task",
  labels: "",
  state: "",
};

export function previewBody(form: PreviewForm): PreviewBody {
  return {
    title: form.title,
    description: form.description,
    type: form.type,
    labels: splitList(form.labels, "comma"),
    state: form.state === "" ? null : form.state,
  };
}

export interface ScoreRow {
  name: string;
  score: number;
  selected: boolean;
  /** Why it is not a candidate, or null. */
  excluded: FocusScore["excluded"];
  /** What contributed to the score, e.g. "keywords login, page +20 · priority +5". */
  why: string;
}

const EXCLUDED: Readonly<Record<NonNullable<FocusScore["excluded"]>, string>> = {
  inactive: "inactive: never selected",
  proposed: "proposed: activate it to use it",
  focus_complete: "excluded by a focus-complete label",
};

function explain(s: FocusScore): string {
  if (s.excluded) return EXCLUDED[s.excluded];
  const parts: string[] = [];
  if (s.needs_label) parts.push(`needs:${s.name} +200`);
  if (s.keywords.length) parts.push(`keywords ${s.keywords.join(", ")} +${s.keywords.length * 10}`);
  if (s.type_match) parts.push("type +50");
  if (s.labels.length) parts.push(`labels ${s.labels.join(", ")} +${s.labels.length * 30}`);
  if (s.priority_bonus !== 0) {
    parts.push(`priority ${s.priority_bonus > 0 ? "+" : ""}${s.priority_bonus}`);
  }
  return parts.length ? parts.join(" · ") : "no match";
}

/** Every focus's score, in the server's order (best first), the selection marked. */
export function scoreRows(preview: Preview): ScoreRow[] {
  return preview.scores.map((s) => ({
    name: s.name,
    score: s.score,
    selected: s.name === preview.selected.name,
    excluded: s.excluded,
    why: explain(s),
  }));
}
