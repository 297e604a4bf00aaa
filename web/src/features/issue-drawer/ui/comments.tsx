/** Comments (Markdown, sanitised) and the add box: `POST …/comments {text}`. */
import { useState, type FormEvent } from "react";
import { api, describeError, issuePath } from "../../../shared/api-client.js";
import { MarkdownView } from "../../../shared/markdown/markdown-view.js";
import type { Comment } from "../../../shared/wire.js";
import type { IssueRef } from "./issue-drawer.js";

export function Comments({
  issue,
  comments,
  onAdded,
}: {
  issue: IssueRef;
  comments: Comment[];
  onAdded: () => void;
}) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api
      .post(issuePath(issue.project_id, issue.id, "/comments"), { text })
      .then(
        () => {
          setText("");
          onAdded();
        },
        (err: unknown) => setError(describeError(err)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <section>
      <h3>Comments</h3>
      {comments.length === 0 && <p className="muted">No comments.</p>}
      <ol className="comments">
        {comments.map((c) => (
          <li key={c.id} className={c.is_oompah ? "oompah" : undefined}>
            <p className="muted">
              {c.author} · {c.created_at}
            </p>
            <MarkdownView source={c.text} empty="" />
          </li>
        ))}
      </ol>
      <form onSubmit={submit} aria-label="Add comment">
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          placeholder="Add a comment"
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || text.trim() === ""}>
          Comment
        </button>
      </form>
    </section>
  );
}
