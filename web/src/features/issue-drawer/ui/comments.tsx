/** Comments (Markdown, sanitised) and the add box: `POST …/comments {text}`. */
import { useState } from "react";
import { api, issuePath } from "../../../shared/api-client.js";
import { MarkdownView } from "../../../shared/markdown/markdown-view.js";
import { useRequest } from "../../../shared/use-request.js";
import { OutcomeLine } from "../../../shared/ui/actions.js";
import { Form } from "../../../shared/ui/field.js";
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
  const request = useRequest();
  const submit = () =>
    request.send(
      () => api.post(issuePath(issue.project_id, issue.id, "/comments"), { text }),
      () => {
        setText("");
        onAdded();
      },
    );
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
      <Form onSubmit={submit} aria-label="Add comment">
        <textarea
          value={text}
          onChange={(e) => setText(e.target.value)}
          rows={3}
          placeholder="Add a comment"
        />
        <OutcomeLine outcome={request.outcome} />
        <button type="submit" disabled={request.busy || text.trim() === ""}>
          Comment
        </button>
      </Form>
    </section>
  );
}
