/**
 * The frame of a dashboard page: its head (title, a line of intro, actions),
 * titled panels, the list-with-side-panels layout, the empty state, and what
 * a resource shows until it has data — its loading line and its failure
 * with Retry.
 */
import { useId, type ReactNode } from "react";
import type { Resource } from "../use-resource.js";
import "./page.css";

export function PageHead({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  /** The page's actions, at the end of the head. */
  children?: ReactNode;
}) {
  return (
    <div className="page-head">
      <h2>{title}</h2>
      {intro && <p className="muted">{intro}</p>}
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

export interface PanelProps {
  /** The heading, which also names the panel. */
  title: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

export function Panel({ title, children, className, testId }: PanelProps) {
  const id = useId();
  return (
    <section
      className={className ? `panel ${className}` : "panel"}
      aria-labelledby={id}
      data-testid={testId}
    >
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

/** A page's list (named by `label`) with panels beside it; the panels go below on a narrow screen. */
export function ListLayout({
  label,
  children,
  aside,
}: {
  label: string;
  children: ReactNode;
  aside: ReactNode;
}) {
  return (
    <div className="list-layout">
      <section className="list-main" aria-label={label}>
        {children}
      </section>
      <aside className="list-side">{aside}</aside>
    </div>
  );
}

/** Nothing to show yet: what is missing and, below, how to get it. */
export function EmptyState({
  title,
  children,
  testId,
  className,
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
  className?: string;
}) {
  return (
    <div className={className ? `empty-state ${className}` : "empty-state"} data-testid={testId}>
      <p>{title}</p>
      {children && <p className="muted">{children}</p>}
    </div>
  );
}

/** A project's part of a listing that could not be read. */
export interface ProjectError {
  project_id: string;
  code: string;
  message: string;
  hint?: string | undefined;
}

/** One warning per project whose part of a listing (board, reviews) could not be read. */
export function ProjectErrors({
  errors,
  names,
}: {
  errors: readonly ProjectError[] | undefined;
  /** Project id → name. */
  names: ReadonlyMap<string, string>;
}) {
  return errors?.map((e) => (
    <div key={e.project_id} className="banner warning" role="status">
      <strong>{names.get(e.project_id) ?? e.project_id}</strong> {e.code}: {e.message}
      {e.hint ? ` (${e.hint})` : ""}
    </div>
  ));
}

/** A failure with Retry: a banner over a page, or (`inline`) a line inside a panel. */
export function RetryError({
  message,
  retry,
  testId,
  inline = false,
}: {
  message: string;
  retry: () => void;
  testId?: string | undefined;
  inline?: boolean;
}) {
  const content = (
    <>
      {message}{" "}
      <button type="button" onClick={retry}>
        Retry
      </button>
    </>
  );
  return inline ? (
    <p className="error" role="alert" data-testid={testId}>
      {content}
    </p>
  ) : (
    <div className="banner error" role="alert" data-testid={testId}>
      {content}
    </div>
  );
}

export interface ResourceStatusProps {
  resource: Resource<unknown>;
  /** What failed to load, e.g. "the foci" in "Could not load the foci: …". */
  what: string;
  /** The line shown until the first answer, e.g. "Loading foci…". */
  loading: string;
  /** Prefix of the `data-testid`s: `<testId>-error` and `<testId>-loading`. */
  testId?: string;
  /** Inside a panel: the failure as a line, not a banner. */
  inline?: boolean;
}

export function ResourceStatus({ resource, what, loading, testId, inline }: ResourceStatusProps) {
  return (
    <>
      {resource.error && (
        <RetryError
          message={`Could not load ${what}: ${resource.error}`}
          retry={resource.reload}
          testId={testId && `${testId}-error`}
          inline={inline ?? false}
        />
      )}
      {resource.loading && !resource.data && (
        <p className="muted" data-testid={testId && `${testId}-loading`}>
          {loading}
        </p>
      )}
    </>
  );
}
