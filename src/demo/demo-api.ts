/**
 * The few API calls the demo makes against its own service, over loopback
 * HTTP exactly as an operator's script would: register the project, read the
 * board and the runs. Responses are checked with small zod schemas.
 */
import { z } from "zod";
import { OompahError } from "../domain/errors.js";

const IssueRow = z.object({
  id: z.string(),
  identifier: z.string(),
  title: z.string(),
  state: z.string(),
});
const Board = z.object({
  columns: z.array(z.object({ status: z.string(), issues: z.array(IssueRow) })),
});
const RunRow = z.object({
  run_id: z.string(),
  issue_id: z.string(),
  identifier: z.string(),
  phase: z.string(),
  outcome: z.string().nullable().optional(),
  focus: z.string().nullable().optional(),
  profile: z.string().nullable().optional(),
  branch: z.string().nullable().optional(),
  cost_usd: z.number(),
});
const Runs = z.object({ runs: z.array(RunRow) });
const ProjectRow = z.object({ id: z.string(), name: z.string() }).loose();

/** An issue as the board shows it. */
export type BoardIssue = z.infer<typeof IssueRow>;
/** A run as `GET /api/v1/runs` lists it (the fields the demo prints). */
export type RunView = z.infer<typeof RunRow>;

export class DemoApi {
  constructor(private readonly base: string) {}

  private async call<T>(schema: z.ZodType<T>, path: string, body?: unknown): Promise<T> {
    const res = await fetch(this.base + path, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = await res.json();
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string; hint?: string } }).error;
      throw new OompahError(
        err?.code ?? "internal_error",
        err?.message ?? `HTTP ${res.status} on ${path}`,
        {
          ...(err?.hint ? { hint: err.hint } : {}),
        },
      );
    }
    return schema.parse(json);
  }

  /** Registers the sample repository as a project (SCM `local`, success status Done). */
  addProject(input: Record<string, unknown>): Promise<z.infer<typeof ProjectRow>> {
    return this.call(ProjectRow, "/api/v1/projects", input);
  }

  /** Every issue of the project, terminal ones included. */
  async issues(projectId: string): Promise<BoardIssue[]> {
    const q = new URLSearchParams({ project_id: projectId, include_terminal: "true" });
    const board = await this.call(Board, `/api/v1/issues?${q.toString()}`);
    return board.columns.flatMap((c) => c.issues);
  }

  async runs(projectId: string): Promise<RunView[]> {
    const q = new URLSearchParams({ project_id: projectId, limit: "500" });
    return (await this.call(Runs, `/api/v1/runs?${q.toString()}`)).runs;
  }
}
