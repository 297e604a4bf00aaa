/**
 * The issue's spend against its cost cap (§13.3) and the per-issue cap
 * control: `POST …/cost-cap {limit_usd}` sets the override, `null` returns
 * to `agent.max_cost_per_issue`.
 */
import { useState } from "react";
import { api, issuePath } from "../../../shared/api-client.js";
import { useRequest } from "../../../shared/use-request.js";
import { OutcomeLine } from "../../../shared/ui/actions.js";
import { Form } from "../../../shared/ui/field.js";
import { costLine, parseCap, type IssueCost } from "../model/links.js";
import type { IssueRef } from "./issue-drawer.js";

export function CostCap({
  issue,
  cost,
  onChanged,
}: {
  issue: IssueRef;
  cost: IssueCost | null;
  onChanged: () => void;
}) {
  const [text, setText] = useState("");
  const request = useRequest();

  const send = (limit: number | null) =>
    request.send(
      () => api.post(issuePath(issue.project_id, issue.id, "/cost-cap"), { limit_usd: limit }),
      () => {
        setText("");
        onChanged();
      },
    );
  const submit = () => {
    const cap = parseCap(text);
    if (cap.ok) send(cap.usd);
    else request.show({ ok: false, text: cap.error });
  };

  return (
    <section aria-label="Cost">
      <h3>Cost</h3>
      {cost === null ? (
        <p className="muted">Spend is not known here.</p>
      ) : (
        <p data-testid="issue-cost" className={cost.at_cap ? "error" : undefined}>
          {costLine(cost)}
        </p>
      )}
      <Form className="cost-cap" onSubmit={submit} aria-label="Cost cap">
        <label>
          Cap for this issue (USD){" "}
          <input
            type="text"
            inputMode="decimal"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={cost ? cost.effective_cap_usd.toFixed(2) : "5.00"}
            size={8}
            data-testid="cost-cap-input"
          />
        </label>
        <button
          type="submit"
          disabled={request.busy || text.trim() === ""}
          data-testid="cost-cap-save"
        >
          Set cap
        </button>
        {cost?.limit_usd !== null && cost !== null && (
          <button type="button" disabled={request.busy} onClick={() => send(null)}>
            Use the default
          </button>
        )}
      </Form>
      <OutcomeLine outcome={request.outcome} />
    </section>
  );
}
