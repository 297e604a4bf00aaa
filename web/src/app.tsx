/**
 * The dashboard shell: login when needed, the running-agents bar and alert
 * banners, and the page for the current path. The board is the home page;
 * the other §17.5 pages are routed here but not part of this build yet.
 */
import { useState } from "react";
import { BoardView } from "./features/board/ui/board-view.js";
import { Banners, Header } from "./features/board/ui/header.js";
import { IssueDrawer, type IssueRef } from "./features/issue-drawer/ui/issue-drawer.js";
import { useDashboard } from "./shared/use-dashboard.js";
import { Login } from "./shared/ui/login.js";

export function App() {
  const data = useDashboard();
  const [open, setOpen] = useState<IssueRef | null>(null);
  if (data.needsLogin) return <Login onLoggedIn={data.reload} />;
  const path = window.location.pathname;
  return (
    <>
      <Header state={data.state} live={data.live} />
      <Banners state={data.state} />
      {data.error && (
        <div className="banner error" role="alert" data-testid="load-error">
          {data.error}{" "}
          <button type="button" onClick={data.reload}>
            Retry
          </button>
        </div>
      )}
      {path !== "/" ? (
        <main className="empty-state">
          <p>This page is not available in this build yet.</p>
          <a href="/">Back to the board</a>
        </main>
      ) : data.loading ? (
        <main className="empty-state" data-testid="loading">
          Loading…
        </main>
      ) : data.state && data.state.projects.length === 0 ? (
        <main className="empty-state" data-testid="no-projects">
          <p>No projects yet.</p>
          <p>
            Register one with <code>oompah project add &lt;repo-url&gt;</code> (or{" "}
            <code>POST /api/v1/projects</code>).
          </p>
        </main>
      ) : (
        <BoardView
          state={data.state}
          board={data.board}
          onOpen={(i) => setOpen({ project_id: i.project_id, id: i.id })}
          refreshBoard={data.refreshBoard}
        />
      )}
      {open && <IssueDrawer issue={open} version={data.board} onClose={() => setOpen(null)} />}
    </>
  );
}
