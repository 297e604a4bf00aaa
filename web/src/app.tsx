/**
 * The dashboard shell: login when needed, the running-agents bar, the page
 * navigation and alert banners, and the page for the current path (§17.5).
 * Every page reads the same live data and updates without a reload.
 */
import { useState, type ComponentType } from "react";
import { BoardView } from "./features/board/ui/board-view.js";
import { Banners, Header } from "./features/board/ui/header.js";
import { CostsPage } from "./features/costs/ui/costs-page.js";
import { FociPage } from "./features/foci/ui/foci-page.js";
import { liveRunOf } from "./features/issue-drawer/model/drawer.js";
import { IssueDrawer, type IssueRef } from "./features/issue-drawer/ui/issue-drawer.js";
import { ProjectsPage } from "./features/projects-manage/ui/projects-manage-page.js";
import { ProvidersPage } from "./features/providers/ui/providers-page.js";
import { ReviewsPage } from "./features/reviews/ui/reviews-page.js";
import { Link, usePath } from "./shared/routing/router.js";
import { useDashboard, type DashboardData } from "./shared/use-dashboard.js";
import { Login } from "./shared/ui/login.js";
import { RetryError } from "./shared/ui/page.js";

interface PageEntry {
  path: string;
  label: string;
  Page: ComponentType<{ data: DashboardData; openIssue: (i: IssueRef) => void }>;
}

function Board({ data, openIssue }: { data: DashboardData; openIssue: (i: IssueRef) => void }) {
  if (data.loading) {
    return (
      <main className="empty-state" data-testid="loading">
        Loading…
      </main>
    );
  }
  if (data.state && data.state.projects.length === 0) {
    return (
      <main className="empty-state" data-testid="no-projects">
        <p>No projects yet.</p>
        <p>
          Add one on the <Link to="/projects-manage">Projects</Link> page, with{" "}
          <code>oompah project add &lt;repo-url&gt;</code> or <code>POST /api/v1/projects</code>.
        </p>
      </main>
    );
  }
  return (
    <BoardView
      state={data.state}
      board={data.board}
      onOpen={(i) => openIssue({ project_id: i.project_id, id: i.id })}
      refreshBoard={data.refreshBoard}
    />
  );
}

const PAGES: readonly PageEntry[] = [
  { path: "/", label: "Board", Page: Board },
  { path: "/costs", label: "Costs", Page: CostsPage },
  { path: "/reviews", label: "Reviews", Page: ReviewsPage },
  { path: "/foci", label: "Foci", Page: FociPage },
  { path: "/projects-manage", label: "Projects", Page: ProjectsPage },
  { path: "/providers", label: "Providers", Page: ProvidersPage },
];

export function App() {
  const data = useDashboard();
  const path = usePath();
  const [open, setOpen] = useState<IssueRef | null>(null);
  if (data.needsLogin) return <Login onLoggedIn={data.reload} />;
  const current = PAGES.find((p) => p.path === path);
  return (
    <>
      <Header state={data.state} live={data.live} />
      <nav className="pages" aria-label="Pages">
        {PAGES.map((p) => (
          <Link key={p.path} to={p.path} current={p === current}>
            {p.label}
          </Link>
        ))}
      </nav>
      <Banners state={data.state} />
      {data.error && <RetryError message={data.error} retry={data.reload} testId="load-error" />}
      {current ? (
        <current.Page data={data} openIssue={setOpen} />
      ) : (
        <main className="empty-state" data-testid="not-found">
          <p>There is no page at {path}.</p>
          <Link to="/">Back to the board</Link>
        </main>
      )}
      {open && (
        <IssueDrawer
          issue={open}
          version={data.board}
          live={liveRunOf(data.state, open)}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}
