/**
 * Loads a workflow end to end (SPEC §3.1–3.2): locate the file (or fall back
 * to the built-in default), load `.env`, split front matter, resolve and
 * validate the config, compile the template. Everything that can be wrong is
 * reported here, before the service starts or a reload is applied.
 */
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { OompahError, toOompahError, type Warning } from "../domain/errors.js";
import { DEFAULT_WORKFLOW_TEXT } from "./default-workflow.js";
import { mergeEnv, readDotenv } from "./dotenv.js";
import type { SecretEntry } from "./env-refs.js";
import type { CliOverrides } from "./env-overrides.js";
import { resolveConfig } from "./resolve.js";
import type { OompahConfig } from "./schema.js";
import {
  compileTemplate,
  renderPrompt,
  samplePromptVars,
  type CompiledTemplate,
} from "./template.js";
import { readWorkflowBytes, splitWorkflow } from "./workflow-file.js";

export { redactConfig } from "./redact.js";

export interface LoadOptions {
  /** Explicit WORKFLOW.md (CLI positional); relative to `cwd`. Must exist. */
  path?: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `--env-file`; default `<service dir>/.env` when present. */
  envFile?: string;
  cli?: CliOverrides;
}

/** A fully validated workflow: what the service runs on until the next good reload. */
export interface LoadedWorkflow {
  config: OompahConfig;
  template: CompiledTemplate;
  /** The template body as written (empty when the built-in prompt is used). */
  templateSource: string;
  warnings: Warning[];
  /** Absolute WORKFLOW.md path; null = built-in default workflow. */
  path: string | null;
  serviceDir: string;
  /** sha256 (hex) of the file bytes, or of the built-in text. */
  hash: string;
  /** Secret values and their sources (for redaction; never serialise this). */
  secrets: SecretEntry[];
  /** The effective environment: process env over `.env` values. */
  env: Readonly<Record<string, string>>;
  /** The `.env` file that was loaded, if any. */
  envFile: string | null;
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Loads and validates a workflow; throws OompahError with a stable code. */
export async function loadWorkflow(opts: LoadOptions): Promise<LoadedWorkflow> {
  const warnings: Warning[] = [];
  let path: string | null = null;
  if (opts.path !== undefined) path = resolve(opts.cwd, opts.path);
  else if (await isFile(join(opts.cwd, "WORKFLOW.md"))) path = join(opts.cwd, "WORKFLOW.md");

  const bytes =
    path === null ? Buffer.from(DEFAULT_WORKFLOW_TEXT, "utf8") : await readWorkflowBytes(path);
  if (path === null) {
    warnings.push({
      code: "default_workflow",
      message: `no WORKFLOW.md in ${opts.cwd}: using the built-in default workflow (run \`oompah init\` to write it out and edit it)`,
    });
  }
  const serviceDir = path === null ? resolve(opts.cwd) : dirname(path);

  const envFile =
    opts.envFile !== undefined ? resolve(opts.cwd, opts.envFile) : join(serviceDir, ".env");
  const dotenv = await readDotenv(envFile);
  if (dotenv === null && opts.envFile !== undefined) {
    throw new OompahError("missing_env_file", `env file ${envFile} does not exist`, {
      details: { file: envFile },
    });
  }
  if (dotenv !== null) warnings.push(...dotenv.warnings);
  const env = mergeEnv(dotenv?.values ?? {}, opts.env);

  const file = path ?? "built-in WORKFLOW.md";
  const parts = splitWorkflow(bytes.toString("utf8"), file);
  const resolved = resolveConfig({
    raw: parts.config,
    env,
    serviceDir,
    ...(opts.cli ? { cli: opts.cli } : {}),
  });
  let template: CompiledTemplate;
  try {
    template = compileTemplate(parts.template);
  } catch (e) {
    const err = toOompahError(e);
    throw new OompahError(err.code, `${file}: ${err.message}`, {
      ...(err.hint === undefined ? {} : { hint: err.hint }),
      details: { file, ...err.details },
      cause: e,
    });
  }
  return {
    config: resolved.config,
    template,
    templateSource: parts.template,
    warnings: [...warnings, ...resolved.warnings],
    path,
    serviceDir,
    hash: createHash("sha256").update(bytes).digest("hex"),
    secrets: resolved.secrets,
    env,
    envFile: dotenv === null ? null : envFile,
  };
}

/** The outcome of `oompah validate`. */
export interface ValidationReport {
  valid: boolean;
  /** The file checked; null = built-in default workflow. */
  path: string | null;
  warnings: Warning[];
  errors: OompahError[];
}

/**
 * Loads the workflow and test-renders its template against a synthetic issue;
 * never throws for configuration problems (they are returned as errors).
 */
export async function validateWorkflow(opts: LoadOptions): Promise<ValidationReport> {
  const fallbackPath = opts.path === undefined ? null : resolve(opts.cwd, opts.path);
  let loaded: LoadedWorkflow;
  try {
    loaded = await loadWorkflow(opts);
  } catch (e) {
    return { valid: false, path: fallbackPath, warnings: [], errors: [toOompahError(e)] };
  }
  try {
    await renderPrompt(loaded.template, samplePromptVars());
  } catch (e) {
    return {
      valid: false,
      path: loaded.path,
      warnings: loaded.warnings,
      errors: [toOompahError(e)],
    };
  }
  return { valid: true, path: loaded.path, warnings: loaded.warnings, errors: [] };
}
