/**
 * The oompah_md task-file format (SPEC §5.2): parse, serialise and edit task
 * files as text, with no I/O. The adapter reads and writes the files.
 */
export { parseTaskFile, serializeTaskFile } from "./task-file.js";
export type { ParsedTaskFile, TaskDocument, TaskFileContext } from "./task-file.js";
export {
  cachedCanonicalStatus,
  docComments,
  docDescription,
  docId,
  docMetadata,
  docNativeStatus,
  docStatus,
  docUpdatedAt,
  docUpdatedAtMs,
} from "./accessors.js";
export { corruptStubIssue, taskToIssue } from "./to-issue.js";
export type { ToIssueContext } from "./to-issue.js";
export { DEFAULT_ACCEPTANCE_CRITERIA, newTaskDocument } from "./new-task.js";
export { addDocComment, applyIssuePatch, setDocMetadata } from "./mutations.js";
export { formatCommentTimestamp, commentTimestampToIso } from "./comment-time.js";
