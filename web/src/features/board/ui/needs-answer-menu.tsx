/**
 * The Needs Answer dropdown: how many issues wait for a reply, and when
 * opened each one with the agent's question (read from the issue's
 * comments, refreshed as the board changes). Choosing one opens its drawer.
 */
import { useEffect, useRef, useState } from "react";
import { api, describeError, issuePath } from "../../../shared/api-client.js";
import type { Issue, IssueDetail } from "../../../shared/wire.js";
import { issueKey } from "../model/columns.js";
import { latestQuestion } from "../model/needs-answer.js";

type Question = { text: string | null } | { error: string };

export function NeedsAnswerMenu({
  issues,
  onOpen,
}: {
  issues: readonly Issue[];
  onOpen: (issue: Issue) => void;
}) {
  const [open, setOpen] = useState(false);
  const [questions, setQuestions] = useState<ReadonlyMap<string, Question>>(new Map());
  const root = useRef<HTMLDivElement>(null);
  // Refetch when the list or any issue in it changed (a new question, an answer).
  const signature = issues.map((i) => `${issueKey(i)}@${i.updated_at ?? ""}`).join("|");

  useEffect(() => {
    if (!open) return;
    let live = true;
    void Promise.all(
      issues.map(async (i): Promise<[string, Question]> => {
        try {
          const d = await api.get<IssueDetail>(issuePath(i.project_id, i.id));
          return [issueKey(i), { text: latestQuestion(d.comments) }];
        } catch (err) {
          return [issueKey(i), { error: describeError(err) }];
        }
      }),
    ).then((entries) => {
      if (live) setQuestions(new Map(entries));
    });
    return () => {
      live = false;
    };
    // `signature` stands for `issues`: a new array with the same issues must not refetch.
  }, [open, signature]);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (
        e instanceof KeyboardEvent ? e.key === "Escape" : !root.current?.contains(e.target as Node)
      )
        setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className="needs-answer" ref={root}>
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        className={issues.length > 0 ? "attention" : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid="needs-answer-toggle"
      >
        Needs Answer <span className="count-pill">{issues.length}</span>
      </button>
      {open && (
        <div className="needs-answer-menu" role="menu" data-testid="needs-answer-menu">
          {issues.length === 0 && <p className="muted">No issue is waiting for an answer.</p>}
          {issues.map((i) => {
            const q = questions.get(issueKey(i));
            return (
              <button
                key={issueKey(i)}
                type="button"
                role="menuitem"
                className="needs-answer-item"
                data-testid="needs-answer-item"
                onClick={() => {
                  setOpen(false);
                  onOpen(i);
                }}
              >
                <span className="identifier">{i.identifier}</span> {i.title}
                <span className="question">
                  {q === undefined && <span className="muted">Loading the question…</span>}
                  {q && "error" in q && <span className="error">{q.error}</span>}
                  {q &&
                    "text" in q &&
                    (q.text ?? <span className="muted">No question comment.</span>)}
                </span>
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
