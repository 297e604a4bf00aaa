/**
 * `.oompah/projects.json` (SPEC §4.4): the project registry. Mutations are
 * serialised (read-modify-write under one queue) so concurrent API calls never
 * lose each other's changes; names are unique; ids are immutable. Legacy
 * plaintext secrets are encrypted before anything is written (§19.4).
 */
import { OompahError, type Warning } from "../domain/errors.js";
import { PROJECT_NAME_PATTERN, newProjectId } from "../domain/project.js";
import { JsonDocument, type LoadResult } from "./json-document.js";
import { ProjectSchema, ProjectsDocumentSchema, type Project } from "./project-schema.js";
import type { SecretBox } from "./secrets.js";
import type { z } from "zod";

export { ProjectSchema, ProjectsDocumentSchema, type Project } from "./project-schema.js";

/** Fields a caller may set; `id` is assigned, secrets are env names or already encrypted. */
export type ProjectDraft = Omit<
  z.input<typeof ProjectSchema>,
  "id" | "webhook_secret" | "access_token"
>;
/** Fields a PATCH may change (never the id). */
export type ProjectChanges = Partial<ProjectDraft>;

function fieldError(field: string, message: string): OompahError {
  return new OompahError("validation_failed", `project ${field}: ${message}`, {
    details: { issues: [{ in: "body", path: field, message }] },
  });
}

/** Checks the §4.4 name rule (the document itself also accepts older names). */
export function assertProjectName(name: string): void {
  if (!PROJECT_NAME_PATTERN.test(name))
    throw fieldError("name", "must match [a-z0-9][a-z0-9._-]{0,62}");
}

export class ProjectsStore {
  readonly document: JsonDocument<Project[]>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    path: string,
    private readonly secrets: SecretBox | null,
  ) {
    this.document = new JsonDocument({
      path,
      schema: ProjectsDocumentSchema,
      empty: () => [],
      serialize: (list) =>
        list.map(({ webhook_secret, access_token, ...rest }) => {
          if (webhook_secret || access_token)
            throw new OompahError("internal_error", "refusing to write a plaintext project secret");
          return rest;
        }),
    });
  }

  load(): Promise<LoadResult<Project[]>> {
    return this.document.load();
  }

  reload(): Promise<LoadResult<Project[]>> {
    return this.document.reload();
  }

  list(): Project[] {
    return [...this.document.value];
  }

  /** By id first, then by name. */
  get(idOrName: string): Project | null {
    const list = this.document.value;
    return list.find((p) => p.id === idOrName) ?? list.find((p) => p.name === idOrName) ?? null;
  }

  /** Like `get`, but a miss is `project_not_found` (404). */
  require(idOrName: string): Project {
    const p = this.get(idOrName);
    if (!p) throw new OompahError("project_not_found", `no project ${JSON.stringify(idOrName)}`);
    return p;
  }

  /** Validates and appends a project with a fresh id; a taken name is `project_exists` (409). */
  create(draft: ProjectDraft): Promise<Project> {
    return this.mutate((list) => {
      assertProjectName(draft.name);
      this.assertNameFree(list, draft.name, null);
      let id = newProjectId();
      while (list.some((p) => p.id === id)) id = newProjectId();
      const project = this.parse({ ...draft, id });
      return { list: [...list, project], result: project };
    });
  }

  /** Applies `changes` to one project; the id never changes. */
  update(idOrName: string, changes: ProjectChanges): Promise<Project> {
    return this.mutate((list) => {
      const current = this.require(idOrName);
      const sent = Object.fromEntries(
        Object.entries(changes as Record<string, unknown>).filter(([, v]) => v !== undefined),
      );
      if ("id" in sent) throw fieldError("id", "is immutable");
      if (typeof sent.name === "string" && sent.name !== current.name) {
        assertProjectName(sent.name);
        this.assertNameFree(list, sent.name, current.id);
      }
      const next = this.parse({ ...current, ...sent, id: current.id });
      return { list: list.map((p) => (p.id === current.id ? next : p)), result: next };
    });
  }

  /** Removes a project from the registry and returns it. */
  remove(idOrName: string): Promise<Project> {
    return this.mutate((list) => {
      const current = this.require(idOrName);
      return { list: list.filter((p) => p.id !== current.id), result: current };
    });
  }

  /** Rewrites the file when it still holds an original's plaintext secrets. */
  async migratePlaintextSecrets(): Promise<Warning[]> {
    const warnings: Warning[] = [];
    if (!this.document.value.some((p) => p.webhook_secret || p.access_token)) return warnings;
    await this.mutate((list) => {
      for (const p of list) {
        if (p.webhook_secret || p.access_token)
          warnings.push({
            code: "plaintext_secret_migrated",
            message: `project ${p.id}: plaintext secret encrypted`,
            path: `projects.${p.id}`,
          });
      }
      return { list, result: null };
    });
    return warnings;
  }

  private parse(value: unknown): Project {
    const parsed = ProjectSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    const issues = parsed.error.issues.map((i) => ({
      in: "body",
      path: i.path.join("."),
      message: i.message,
    }));
    const first = issues[0];
    throw new OompahError(
      "validation_failed",
      `project ${first?.path || "(root)"}: ${first?.message ?? "invalid"}`,
      { details: { issues } },
    );
  }

  private assertNameFree(list: readonly Project[], name: string, except: string | null): void {
    if (list.some((p) => p.name === name && p.id !== except))
      throw new OompahError("project_exists", `a project named ${JSON.stringify(name)} exists`, {
        hint: 'choose another name with --name (or "name" in the request)',
        details: { name },
      });
  }

  /** Runs one read-modify-write at a time; secrets are sealed before the write. */
  private mutate<T>(fn: (list: Project[]) => { list: Project[]; result: T }): Promise<T> {
    const run = async (): Promise<T> => {
      const { list, result } = fn(this.list());
      await this.document.save(list.map((p) => this.seal(p)));
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private seal(p: Project): Project {
    if (!p.webhook_secret && !p.access_token) return p;
    if (!this.secrets)
      throw new OompahError("secret_unavailable", "cannot encrypt a legacy project secret", {
        hint: "set OOMPAH_SECRET_KEY or make the data directory writable",
      });
    return {
      ...p,
      webhook_secret_enc: p.webhook_secret
        ? this.secrets.encrypt(p.webhook_secret)
        : p.webhook_secret_enc,
      access_token_enc: p.access_token ? this.secrets.encrypt(p.access_token) : p.access_token_enc,
      webhook_secret: null,
      access_token: null,
    };
  }
}
